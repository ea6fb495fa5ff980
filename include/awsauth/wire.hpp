// awsauth/wire.hpp: the services' own wire, both ways: STS over the AWS Query protocol (form-encoded requests, XML
// answers and errors) and EKS Auth and SSO over restJson1. A client turns a request struct into an http_request and the
// http_response into the output struct or a service_error; a server (a test double, a proxy) does the reverse.
// Not part of <awsauth/awsauth.hpp>: it needs expat (CMake target awsauth::wire).
#pragma once

#include <awsauth/detail/wire_http.hpp>
#include <awsauth/detail/wire_query_request.hpp>
#include <awsauth/detail/wire_query_response.hpp>
#include <awsauth/detail/wire_query_writer.hpp>
#include <awsauth/detail/wire_rest_json.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/options.hpp>
#include <awsauth/service.hpp>
#include <awsauth/version.hpp>

#include <string>
#include <string_view>

AWSAUTH_BEGIN_NAMESPACE

/// The HTTP request a client sends for `request` (method, path, the protocol's Content-Type, body), members in model
/// order. Sign it and add the host with your HTTP client.
template <class Request>
http_request to_http_request(const Request& request) {
    constexpr const operation_description& operation = detail::operation_description_of<Request>;
    if constexpr (operation.service->wire_protocol == protocol::query) {
        return detail::write_query_request(request, operation);
    } else {
        return detail::write_rest_json_request(request, operation);
    }
}

/// The output struct of a 2xx answer, its ResponseMetadata filled as boto3 fills it. Throws service_error for any
/// other status whose answer is well-formed, awsauth::error for a malformed one (with the path, never a secret).
template <class Response>
Response from_http_response(const http_response& response, const parse_options& options = {}) {
    constexpr const operation_description& operation = detail::operation_description_of<Response>;
    if (!detail::is_success(response.status)) {
        if (auto bodiless = detail::bodiless_server_error(response)) throw *bodiless;
        if constexpr (operation.service->wire_protocol == protocol::query) {
            throw detail::read_query_error(response, options);
        } else {
            throw detail::read_rest_json_error(response, options);
        }
    }
    if constexpr (operation.service->wire_protocol == protocol::query) {
        return detail::read_query_response<Response>(response, operation, options);
    } else {
        return detail::read_rest_json_response<Response>(response, operation, options);
    }
}

/// Whether a server received `request` for the operation whose input is Request: the query protocol's Action, or
/// restJson1's method and request URI. A test double's first question, asked of each operation in turn (see
/// for_each_operation in the model headers).
template <class Request>
bool is_request_for(const http_request& request) {
    constexpr const operation_description& operation = detail::operation_description_of<Request>;
    if constexpr (operation.service->wire_protocol == protocol::query) {
        return detail::query_request_is_for(request, operation);
    } else {
        return detail::rest_json_request_is_for(request, operation);
    }
}

/// The request struct a server reads from what a client sent. Throws awsauth::error for a request that is not one of
/// this operation's or is malformed.
template <class Request>
Request from_http_request(const http_request& request, const parse_options& options = {}) {
    constexpr const operation_description& operation = detail::operation_description_of<Request>;
    if constexpr (operation.service->wire_protocol == protocol::query) {
        return detail::read_query_request<Request>(request, operation, options);
    } else {
        return detail::read_rest_json_request<Request>(request, operation, options);
    }
}

/// The 2xx answer a server sends for `response`: the protocol's status and Content-Type, the request id where the
/// protocol carries it (taken from response.response_metadata, when set).
template <class Response>
http_response to_http_response(const Response& response) {
    constexpr const operation_description& operation = detail::operation_description_of<Response>;
    if constexpr (operation.service->wire_protocol == protocol::query) {
        return detail::write_query_response(response, operation);
    } else {
        return detail::write_rest_json_response(response, operation);
    }
}

/// The error answer a service sends: any code, modeled or not (`ExpiredToken`, `Throttling`), with its status.
inline http_response to_http_error(const service_description& service, const service_error& error) {
    if (service.wire_protocol == protocol::query) return detail::write_query_error(service, error);
    return detail::write_rest_json_error(service, error);
}

/// The error answer for a modeled error shape (awsauth::sts::ExpiredTokenException{...}), with its code and status.
template <class ErrorShape>
http_response to_http_error(const ErrorShape& error, std::string request_id = {}) {
    return to_http_error(service_of(type_tag<ErrorShape>{}),
                         service_error(std::string(ErrorShape::error_code), error.message.value_or(std::string()),
                                       std::move(request_id), ErrorShape::http_status_code));
}

AWSAUTH_END_NAMESPACE
