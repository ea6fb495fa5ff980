// awsauth/detail/wire_rest_json.hpp: restJson1 (EKS Auth), both ways: members bound to the URI, query string and
// headers, the rest in a JSON body; the error type in x-amzn-ErrorType.
// INTERFACE ONLY: being implemented (issue 11).
#pragma once

#include <awsauth/detail/wire_http.hpp>
#include <awsauth/options.hpp>
#include <awsauth/service.hpp>
#include <awsauth/version.hpp>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

template <class Request>
http_request write_rest_json_request(const Request& request, const operation_description& operation);

template <class Request>
Request read_rest_json_request(const http_request& request, const operation_description& operation,
                               const parse_options& options);

bool rest_json_request_is_for(const http_request& request, const operation_description& operation);

template <class Response>
Response read_rest_json_response(const http_response& response, const operation_description& operation,
                                 const parse_options& options);

service_error read_rest_json_error(const http_response& response, const parse_options& options);

template <class Response>
http_response write_rest_json_response(const Response& response, const operation_description& operation);

http_response write_rest_json_error(const service_description& service, const service_error& error);

}  // namespace detail
AWSAUTH_END_NAMESPACE
