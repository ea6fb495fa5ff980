// awsauth/detail/wire_http.hpp: what every protocol of the wire codec shares: the HTTP exchange as plain data, the
// service_error a failed call becomes, header look-up, the reason phrases, and boto3's ResponseMetadata.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/service.hpp>
#include <awsauth/version.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE

/// An HTTP request as a client sends it or a server receives it: the path includes the query string, if any; header
/// names as written (compared case-insensitively). No host, no signature: that is the HTTP client's business.
struct http_request {
    std::string method;
    std::string path;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

/// An HTTP response as a server sends it or a client receives it.
struct http_response {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

/// The call failed and the service said why in a well-formed answer (a malformed one is an awsauth::error). The
/// code is what the service sent (`ExpiredToken`, `IDPCommunicationError`), modeled or not; is<ErrorShape>() tells
/// a modeled one. what() is "<code>: <message>"; the message is the service's, which names no secret of the request.
class service_error : public std::runtime_error {
public:
    service_error(std::string code, std::string message, std::string request_id, int http_status)
        : std::runtime_error(code + (message.empty() ? "" : ": " + message)),
          code_(std::move(code)),
          message_(std::move(message)),
          request_id_(std::move(request_id)),
          http_status_(http_status) {}

    /// The error code the service sent: "ExpiredToken", "AccessDeniedException"; for a 5xx without a readable body,
    /// the status ("503").
    const std::string& code() const noexcept { return code_; }
    /// The service's message ("" where it sent none); for a 5xx without a readable body, the reason phrase.
    const std::string& message() const noexcept { return message_; }
    /// The request id ("" where the answer carried none).
    const std::string& request_id() const noexcept { return request_id_; }
    int http_status() const noexcept { return http_status_; }

    /// Whether this is the modeled error ErrorShape (code() == ErrorShape::error_code).
    template <class ErrorShape>
    bool is() const noexcept {
        return code_ == ErrorShape::error_code;
    }

private:
    std::string code_;
    std::string message_;
    std::string request_id_;
    int http_status_;
};

namespace detail {

/// The operation an input or output struct belongs to (its model's operation_of), as a constant: the wire codec
/// picks the protocol at compile time.
template <class T>
inline constexpr operation_description operation_description_of = operation_of(type_tag<T>{});

inline char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

/// The value of the first header named `name` (any case), or nullptr.
inline const std::string* find_header(const std::vector<std::pair<std::string, std::string>>& headers,
                                      std::string_view name) noexcept {
    for (const auto& [key, value] : headers) {
        if (equal_ignoring_case(key, name)) return &value;
    }
    return nullptr;
}

/// The standard reason phrase of an HTTP status (RFC 9110), as botocore reports it for a bodiless 5xx.
inline std::string_view reason_phrase(int status) noexcept {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "";
    }
}

inline bool is_success(int status) noexcept {
    return status >= 200 && status < 300;
}

inline std::string_view trimmed(std::string_view text) noexcept {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// botocore's rule for both protocols: a 5xx whose body, stripped, is empty or starts with `<html>` carries no
/// error document; its code is the status and its message the reason phrase.
inline std::optional<service_error> bodiless_server_error(const http_response& response) {
    if (response.status < 500) return std::nullopt;
    const std::string_view body = trimmed(response.body);
    if (!body.empty() && body.substr(0, 6) != "<html>") return std::nullopt;
    return service_error(std::to_string(response.status), std::string(reason_phrase(response.status)), {},
                         response.status);
}

/// Whether T is an operation output, which carries boto3's ResponseMetadata (tools/models/overlay.json adds it to
/// every output as `response_metadata`).
template <class T, class = void>
inline constexpr bool has_response_metadata_v = false;
template <class T>
inline constexpr bool has_response_metadata_v<T, std::void_t<decltype(std::declval<T&>().response_metadata)>> = true;

/// Fills the output's ResponseMetadata as boto3 does: the request id, the status, the headers with lower-case
/// names (the last of a repeated header wins, as in botocore's dict), no retries.
template <class Response>
void fill_response_metadata(Response& value, const http_response& response, const std::string& request_id) {
    if constexpr (has_response_metadata_v<Response>) {
        auto& metadata = value.response_metadata.emplace();
        metadata.request_id = request_id;
        metadata.http_status_code = static_cast<std::int32_t>(response.status);
        for (const auto& [name, header_value] : response.headers) {
            std::string lower(name);
            for (char& c : lower)
                c = ascii_lower(c);
            metadata.http_headers.insert_or_assign(std::move(lower), header_value);
        }
        metadata.retry_attempts = 0;
    }
}

/// The request id an output carries for the answer written from it ("" without one).
template <class Response>
std::string request_id_of(const Response& value) {
    if constexpr (has_response_metadata_v<Response>) {
        if (value.response_metadata) return value.response_metadata->request_id;
    }
    return {};
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
