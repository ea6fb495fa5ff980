// awsauth/detail/wire_query_response.hpp: the AWS Query protocol's XML answers and errors read with expat, streaming
// into the structs through their descriptors (wire_xml_reader.hpp). What is tolerated is what botocore's
// QueryParser tolerates; where botocore returns garbage or a wrong value, awsauth refuses (each decision is a case
// of tests/wire/unit-wire-query-response.cpp).
#pragma once

#include <awsauth/detail/wire_http.hpp>
#include <awsauth/detail/wire_xml_reader.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/options.hpp>
#include <awsauth/service.hpp>
#include <awsauth/version.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

// ---------------------------------------------------------------------------------------------------------------
// A 2xx answer: <OpResponse><OpResult>members</OpResult><ResponseMetadata><RequestId>...</RequestId>
// </ResponseMetadata></OpResponse>. The root's name is not checked (botocore does not either): the result wrapper
// already names the operation.

/// The part of <ResponseMetadata> the wire carries; botocore copies its other children, which no struct holds.
struct query_response_metadata {
    std::optional<std::string> request_id;
};

constexpr auto fields_of(type_tag<query_response_metadata>) noexcept {
    return field_list{field{"RequestId", &query_response_metadata::request_id}};
}

inline constexpr std::string_view response_metadata_element = "ResponseMetadata";

/// The document element of an answer: what it holds, and whether its result came.
template <class Response>
struct query_envelope {
    Response* value;
    std::string_view result_wrapper;
    query_response_metadata metadata{};
    bool result_read = false;
    bool metadata_read = false;

    static bool child(xml_reader& reader, xml_frame& at, std::string_view name) {
        auto& envelope = *static_cast<query_envelope*>(at.target);
        if (name == envelope.result_wrapper) {
            if (envelope.result_read) reader.fail(error_kind::wrong_type, repeated_element);
            envelope.result_read = true;
            xml_reading<Response>::open(reader, envelope.value, xml_step{});  // its members are the struct's
            return true;
        }
        if (name == response_metadata_element) {
            if (envelope.metadata_read)
                reader.fail_at_child(response_metadata_element, error_kind::wrong_type, repeated_element);
            envelope.metadata_read = true;
            xml_reading<query_response_metadata>::open(reader, &envelope.metadata, xml_step{response_metadata_element});
            return true;
        }
        return false;
    }
    static constexpr xml_element_reader element{&child, nullptr, nullptr};

    static void open(xml_reader& reader, void* target, xml_step step) { reader.push(target, element, step); }
};

/// The request id of an answer: the document's where it has one (not empty), else the x-amzn-RequestId header (any
/// case), else "".
inline std::string request_id_from(std::optional<std::string>&& in_document, const http_response& response) {
    if (in_document && !in_document->empty()) return std::move(*in_document);
    if (const std::string* header = find_header(response.headers, "x-amzn-RequestId")) return *header;
    return {};
}

[[noreturn, gnu::cold, gnu::noinline]] inline void fail_missing_result(std::string_view result_wrapper) {
    throw error(error_kind::missing_member, "", "missing the " + std::string(result_wrapper) + " element");
}

/// The output struct of a 2xx answer, ResponseMetadata filled as boto3 fills it.
template <class Response>
Response read_query_response(const http_response& response, const operation_description& operation,
                             const parse_options& options) {
    Response value{};
    query_envelope<Response> envelope{&value, operation.result_wrapper};
    constexpr std::size_t depth =
        1 + std::max(xml_reading<Response>::depth, xml_reading<query_response_metadata>::depth);
    std::array<xml_frame, depth> frames{};
    if (operation.result_wrapper.empty()) {
        // An output without a wrapper is the document element itself; no STS operation has one.
        envelope.result_read = true;
        xml_reader reader(frames.data(), &xml_reading<Response>::open, &value, options);
        read_xml(response.body, reader, options);
    } else {
        xml_reader reader(frames.data(), &query_envelope<Response>::open, &envelope, options);
        read_xml(response.body, reader, options);
    }
    // botocore raises KeyError here: an answer without its result holds nothing the caller asked for.
    if (!envelope.result_read) fail_missing_result(operation.result_wrapper);
    fill_response_metadata(value, response, request_id_from(std::move(envelope.metadata.request_id), response));
    return value;
}

// ---------------------------------------------------------------------------------------------------------------
// An error answer. STS: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>; moto's
// authentication errors: <ErrorResponse><Errors><Error>...</Error></Errors></ErrorResponse>. botocore reads both the
// same way, whatever the root is called, and lets what is inside <Errors> win over what is beside it.

struct query_error_detail {
    std::optional<std::string> code;
    std::optional<std::string> message;
};

constexpr auto fields_of(type_tag<query_error_detail>) noexcept {
    return field_list{field{"Code", &query_error_detail::code}, field{"Message", &query_error_detail::message}};
}

struct query_error_list {
    std::optional<query_error_detail> error;
    std::optional<std::string> request_id;
};

constexpr auto fields_of(type_tag<query_error_list>) noexcept {
    return field_list{field{"Error", &query_error_list::error}, field{"RequestId", &query_error_list::request_id}};
}

struct query_error_document {
    std::optional<query_error_detail> error;
    std::optional<query_error_list> errors;
    std::optional<std::string> request_id;
};

constexpr auto fields_of(type_tag<query_error_document>) noexcept {
    return field_list{field{"Error", &query_error_document::error}, field{"Errors", &query_error_document::errors},
                      field{"RequestId", &query_error_document::request_id}};
}

/// The service_error of a non-2xx answer with an error document (wire.hpp handles a bodiless 5xx first). A body that
/// is not one (an HTML page, garbage, XML without <Error><Code>) is an awsauth::error, where botocore raises
/// ResponseParserError (or reports a code of None).
inline service_error read_query_error(const http_response& response, const parse_options& options) {
    query_error_document document{};
    std::array<xml_frame, xml_reading<query_error_document>::depth> frames{};
    // The error document's other elements (<Type>, a <Detail>) are never the model's: skipped even under
    // reject_unknown_keys, which is about the model's structs.
    parse_options skipping = options;
    skipping.reject_unknown_keys = false;
    xml_reader reader(frames.data(), &xml_reading<query_error_document>::open, &document, skipping);
    read_xml(response.body, reader, skipping);

    const bool listed = document.errors && document.errors->error;
    const std::optional<query_error_detail>& detail = listed ? document.errors->error : document.error;
    if (!detail) throw error(error_kind::missing_member, "/Error", "missing the Error element of an error answer");
    if (!detail->code || detail->code->empty()) {
        throw error(error_kind::missing_member, listed ? "/Errors/Error/Code" : "/Error/Code",
                    "missing the error code");
    }
    std::optional<std::string>& request_id =
        document.errors && document.errors->request_id ? document.errors->request_id : document.request_id;
    return {*detail->code, detail->message.value_or(std::string()), request_id_from(std::move(request_id), response),
            response.status};
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
