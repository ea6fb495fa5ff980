// awsauth/detail/wire_rest_json.hpp: restJson1 (EKS Auth, SSO), both ways: members bound to the URI, query string and
// headers, the rest in a JSON body; the error type in x-amzn-ErrorType. Driven by each member's descriptor (its
// http_binding) and the operation's description: no model names here.
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/json_reading.hpp>
#include <awsauth/detail/json_text.hpp>
#include <awsauth/detail/utf8.hpp>
#include <awsauth/detail/wire_http.hpp>
#include <awsauth/detail/wire_percent.hpp>
#include <awsauth/dump.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/options.hpp>
#include <awsauth/parse.hpp>
#include <awsauth/service.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

// Percent-decoding of a URI label or a query string (detail/wire_percent.hpp encodes, as botocore's percent_encode).

/// Decodes %XX into `out` and keeps every other byte, as servers read what clients send; in a query string `+` is a
/// space too, as form encoding has it (botocore sends %2B for `+` and %20 for a space, so nothing it sends reads
/// otherwise). False for a `%` without two hex digits after it.
inline bool percent_decode(std::string_view text, bool plus_is_space, std::string& out) {
    out.clear();
    out.reserve(text.size());
    return append_percent_decoded(out, text, percent_reading{plus_is_space, false}).problem == nullptr;
}

// ---------------------------------------------------------------------------------------------------------------
// Members bound to the URI, the query string or a header travel as text.

/// A member bound to the URI, the query string or a header, as text: one specialization per member type.
/// for_each(value, visit) calls visit(text) for each value the member sends (none for an absent optional, one per
/// element of a list); assign(text, member, fail) reads one value's text into the member (a list gains an element),
/// calling fail(kind, problem), which throws, when it cannot.
template <class T, class = void>
struct http_text {
    static_assert(dependent_false_v<T>,
                  "awsauth: no URI, query-string or header form for this member type (strings and integers, optional "
                  "or in a list, have one)");
};

template <>
struct http_text<std::string> {
    static constexpr bool is_list = false;
    static constexpr bool is_optional = false;
    template <class Visit>
    static void for_each(const std::string& value, Visit&& visit) {
        visit(std::string_view(value));
    }
    template <class Fail>
    static void assign(std::string_view text, std::string& out, Fail&& fail) {
        if (!is_valid_utf8(text)) fail(error_kind::invalid_utf8, string_not_utf8);
        out.assign(text.data(), text.size());
    }
};

// Both integer types, one rule.
template <class Integer>
struct http_text<Integer, std::enable_if_t<is_integer_member_v<Integer>>> {
    static constexpr bool is_list = false;
    static constexpr bool is_optional = false;
    template <class Visit>
    static void for_each(Integer value, Visit&& visit) {
        char digits[20];  // "-9223372036854775808"
        const char* end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
        visit(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    // Decimal digits with an optional `-`, as botocore writes str(int); nothing else.
    template <class Fail>
    static void assign(std::string_view text, Integer& out, Fail&& fail) {
        Integer value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, problem] = std::from_chars(text.data(), end, value);
        if (problem == std::errc::result_out_of_range)
            fail(error_kind::out_of_range, std::string(integer_out_of_range<Integer>));
        if (problem != std::errc() || stop != end) fail(error_kind::wrong_type, "expected an integer");
        out = value;
    }
};

template <class T>
struct http_text<std::optional<T>> {
    static constexpr bool is_list = http_text<T>::is_list;
    static constexpr bool is_optional = true;
    template <class Visit>
    static void for_each(const std::optional<T>& value, Visit&& visit) {
        if (value) http_text<T>::for_each(*value, visit);
    }
    template <class Fail>
    static void assign(std::string_view text, std::optional<T>& out, Fail&& fail) {
        http_text<T>::assign(text, out ? *out : out.emplace(), fail);
    }
};

template <class T>
struct http_text<std::vector<T>> {
    static_assert(!http_text<T>::is_list && !http_text<T>::is_optional,
                  "awsauth: a list bound to the URI, query string or a header holds plain strings or integers");
    static constexpr bool is_list = true;
    static constexpr bool is_optional = false;
    template <class Visit>
    static void for_each(const std::vector<T>& value, Visit&& visit) {
        for (const auto& element : value)
            http_text<T>::for_each(element, visit);
    }
    template <class Fail>
    static void assign(std::string_view text, std::vector<T>& out, Fail&& fail) {
        http_text<T>::assign(text, out.emplace_back(), fail);
    }
};

// ---------------------------------------------------------------------------------------------------------------
// Where each member travels, read from its descriptor at compile time.

template <class T, std::size_t Index, class Visit>
void visit_if_bound(Visit& visit) {
    constexpr http_location where = field_at<Index>(fields_v<T>).binding.location;
    if constexpr (where != http_location::body) {
        visit(field_at<Index>(fields_v<T>), std::integral_constant<http_location, where>{}, Index);
    }
}

template <class T, class Visit, std::size_t... Index>
void visit_bound_members(Visit& visit, std::index_sequence<Index...>) {
    (visit_if_bound<T, Index>(visit), ...);
}

/// Calls visit(field, where, index) for each of T's members bound to the URI, the query string or a header, in
/// model order; `where` is a std::integral_constant of the http_location, so that each branch is compiled only for
/// the members bound there.
template <class T, class Visit>
void for_each_bound_member(Visit&& visit) {
    visit_bound_members<T>(visit, std::make_index_sequence<field_count_v<T>>{});
}

/// The member type of a descriptor.
template <class Field>
using bound_member_t = typename std::decay_t<Field>::member_type;

// A member in the JSON body: bound to no URI label, query parameter or header, and not boto3's ResponseMetadata,
// which an output carries but the wire never does.
template <class T, std::size_t Index>
constexpr bool travels_in_body() {
    const auto& field = field_at<Index>(fields_v<T>);
    if (field.binding.location != http_location::body) return false;
    if constexpr (has_response_metadata_v<T>) {
        if constexpr (std::is_same_v<std::decay_t<decltype(field.member)>, decltype(&T::response_metadata)>) {
            return field.member != &T::response_metadata;
        }
    }
    return true;
}

template <class T, std::size_t... Index>
constexpr std::uint64_t body_member_mask(std::index_sequence<Index...>) {
    static_assert(sizeof...(Index) <= 64, "awsauth: a REST message's body members are selected in 64 bits");
    return (std::uint64_t{0} | ... | (travels_in_body<T, Index>() ? std::uint64_t{1} << Index : std::uint64_t{0}));
}

/// Bit i is set when T's member at index i travels in the JSON body (parse.hpp's read_members and dump.hpp's
/// dump_members take such a mask).
template <class T>
inline constexpr std::uint64_t body_members_v = body_member_mask<T>(std::make_index_sequence<field_count_v<T>>{});

/// restJson1 writes timestamps in a JSON body as epoch seconds.
inline constexpr dump_options rest_json_body_options{-1, timestamp_format::epoch_seconds};

inline constexpr const char* header_value_unsafe = "a header value cannot hold CR, LF or NUL";

inline bool is_safe_header_value(std::string_view value) noexcept {
    return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// A value the caller put in a member bound to a header: CR or LF would end the header (and start another one).
inline void check_header_value(std::string_view value, const json_path* at) {
    if (!is_safe_header_value(value)) fail(at, error_kind::constraint_violated, header_value_unsafe);
    if (!is_valid_utf8(value)) fail(at, error_kind::invalid_utf8, string_not_utf8);
}

// A value of the answer itself sent as a header (the error code, the request id): not a member of any document.
inline void check_answer_header(std::string_view value, const char* what) {
    if (!is_safe_header_value(value))
        throw error(error_kind::constraint_violated, std::string(what) + ": " + header_value_unsafe);
    if (!is_valid_utf8(value)) throw error(error_kind::invalid_utf8, std::string(what) + ": " + string_not_utf8);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing: the path with its labels and query string, the bound headers.

inline constexpr const char* empty_uri_label =
    "an empty string cannot fill a label of the request URI (it would be an empty path segment)";

template <class Request>
void append_uri_label(std::string& path, const Request& request, std::string_view label) {
    bool bound = false;
    for_each_bound_member<Request>([&](const auto& field, auto where, std::size_t) {
        if constexpr (decltype(where)::value == http_location::uri) {
            using member_type = bound_member_t<decltype(field)>;
            static_assert(!http_text<member_type>::is_list, "awsauth: a list cannot fill a label of the request URI");
            if (bound || field.binding.name != label) return;
            bound = true;
            const json_path at{nullptr, field.key};
            bool written = false;
            http_text<member_type>::for_each(request.*(field.member), [&](std::string_view text) {
                if (text.empty()) fail(&at, error_kind::constraint_violated, empty_uri_label);
                if (!is_valid_utf8(text)) fail(&at, error_kind::invalid_utf8, string_not_utf8);
                append_percent_encoded(path, text);
                written = true;
            });
            if (!written) fail(&at, error_kind::missing_member, "missing required member (the request URI needs it)");
        }
    });
    if (!bound) {
        throw error(error_kind::missing_member,
                    "no member is bound to the label {" + std::string(label) + "} of the request URI");
    }
}

// The request URI with each {label} replaced by its member, percent-encoded.
template <class Request>
void append_request_path(std::string& path, const Request& request, std::string_view request_uri) {
    std::size_t at = 0;
    while (at < request_uri.size()) {
        const std::size_t open = request_uri.find('{', at);
        const std::size_t close = open == std::string_view::npos ? open : request_uri.find('}', open);
        if (close == std::string_view::npos) {
            path.append(request_uri.substr(at));
            return;
        }
        path.append(request_uri.substr(at, open - at));
        append_uri_label(path, request, request_uri.substr(open + 1, close - open - 1));
        at = close + 1;
    }
}

// `?name=value&...` for the members bound to the query string, in model order, a list as one pair per element
// (botocore's percent_encode_sequence); after a `?` the request URI already has, `&`.
template <class Request>
void append_query_string(std::string& path, const Request& request) {
    char separator = path.find('?') == std::string::npos ? '?' : '&';
    for_each_bound_member<Request>([&](const auto& field, auto where, std::size_t) {
        if constexpr (decltype(where)::value == http_location::query) {
            using member_type = bound_member_t<decltype(field)>;
            const json_path at{nullptr, field.key};
            http_text<member_type>::for_each(request.*(field.member), [&](std::string_view text) {
                if (!is_valid_utf8(text)) fail(&at, error_kind::invalid_utf8, string_not_utf8);
                path += separator;
                separator = '&';
                append_percent_encoded(path, field.binding.name);
                path += '=';
                append_percent_encoded(path, text);
            });
        }
    });
}

// The members bound to headers, in model order, their values as they are (botocore does not encode them).
template <class Message>
void append_bound_headers(std::vector<std::pair<std::string, std::string>>& headers, const Message& message) {
    for_each_bound_member<Message>([&](const auto& field, auto where, std::size_t) {
        if constexpr (decltype(where)::value == http_location::header) {
            using member_type = bound_member_t<decltype(field)>;
            static_assert(!http_text<member_type>::is_list, "awsauth: a list bound to a header has no form here yet");
            const json_path at{nullptr, field.key};
            http_text<member_type>::for_each(message.*(field.member), [&](std::string_view text) {
                check_header_value(text, &at);
                headers.emplace_back(std::string(field.binding.name), std::string(text));
            });
        }
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading: the request URI matched, its labels, the query string and the bound headers read into their members.

enum class uri_match { matched, other_uri, empty_label };

/// Matches a request's path against the path part of a request URI template (query strings on both sides are
/// ignored), calling visit(label, encoded_text) for each `{label}` as it goes. A label takes the text up to the next
/// `/` (or the literal character after it in the template): `%2F` inside it is part of the value.
template <class Visit>
uri_match match_request_uri(std::string_view request_uri, std::string_view path, Visit&& visit) {
    request_uri = request_uri.substr(0, request_uri.find('?'));
    path = path.substr(0, path.find('?'));
    bool label_empty = false;
    std::size_t t = 0;
    std::size_t p = 0;
    while (t < request_uri.size()) {
        if (request_uri[t] == '{') {
            const std::size_t close = request_uri.find('}', t);
            if (close == std::string_view::npos) return uri_match::other_uri;
            const std::string_view label = request_uri.substr(t + 1, close - t - 1);
            t = close + 1;
            const bool literal_follows = t < request_uri.size();
            std::size_t end = p;
            while (end < path.size() && path[end] != '/' && !(literal_follows && path[end] == request_uri[t]))
                ++end;
            label_empty = label_empty || end == p;
            visit(label, path.substr(p, end - p));
            p = end;
        } else {
            if (p >= path.size() || path[p] != request_uri[t]) return uri_match::other_uri;
            ++t;
            ++p;
        }
    }
    if (p != path.size()) return uri_match::other_uri;
    return label_empty ? uri_match::empty_label : uri_match::matched;
}

template <class Field, class Member>
void assign_bound_text(const Field& field, std::string_view text, Member& member) {
    const json_path at{nullptr, field.key};
    http_text<Member>::assign(text, member,
                              [&at](error_kind kind, const std::string& problem) { fail(&at, kind, problem); });
}

template <class Request>
void read_uri_label(Request& value, std::string_view label, std::string_view encoded) {
    for_each_bound_member<Request>([&](const auto& field, auto where, std::size_t) {
        if constexpr (decltype(where)::value == http_location::uri) {
            if (field.binding.name != label) return;
            const json_path at{nullptr, field.key};
            if (encoded.empty()) fail(&at, error_kind::constraint_violated, empty_uri_label);
            std::string text;
            if (!percent_decode(encoded, /*plus_is_space=*/false, text))
                fail(&at, error_kind::invalid_json, "malformed percent-encoding in the request URI");
            assign_bound_text(field, text, value.*(field.member));
        }
    });
}

template <class Message>
void read_query_string(Message& value, std::string_view query) {
    std::uint64_t seen = 0;
    std::string name;
    std::string text;
    for (std::size_t start = 0; start < query.size();) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view pair = query.substr(start, end - start);
        start = end + 1;
        const std::size_t equals = pair.find('=');
        // A parameter no member is bound to (a presigned URL's X-Amz-* among them) is none of ours, whatever it holds.
        if (!percent_decode(pair.substr(0, equals), /*plus_is_space=*/true, name)) continue;
        for_each_bound_member<Message>([&](const auto& field, auto where, std::size_t index) {
            if constexpr (decltype(where)::value == http_location::query) {
                if (field.binding.name != name) return;
                const json_path at{nullptr, field.key};
                const std::string_view encoded =
                    equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
                if (!percent_decode(encoded, /*plus_is_space=*/true, text))
                    fail(&at, error_kind::invalid_json, "malformed percent-encoding in the query string");
                // A repeated parameter: a list gains an element, any other member takes the last one.
                assign_bound_text(field, text, value.*(field.member));
                seen |= std::uint64_t{1} << index;
            }
        });
    }
    for_each_bound_member<Message>([&](const auto& field, auto where, std::size_t index) {
        if constexpr (decltype(where)::value == http_location::query) {
            using member_type = bound_member_t<decltype(field)>;
            // An empty list sends no pair at all, so an absent list is an empty one.
            if constexpr (!http_text<member_type>::is_optional && !http_text<member_type>::is_list) {
                if ((seen >> index & 1) == 0) {
                    const json_path at{nullptr, field.key};
                    fail(&at, error_kind::missing_member,
                         "missing required member (no query parameter " + std::string(field.binding.name) + ")");
                }
            }
        }
    });
}

template <class Message>
void read_bound_headers(Message& value, const std::vector<std::pair<std::string, std::string>>& headers) {
    for_each_bound_member<Message>([&](const auto& field, auto where, std::size_t) {
        if constexpr (decltype(where)::value == http_location::header) {
            using member_type = bound_member_t<decltype(field)>;
            if (const std::string* header = find_header(headers, field.binding.name)) {
                assign_bound_text(field, *header, value.*(field.member));
            } else if constexpr (!http_text<member_type>::is_optional) {
                const json_path at{nullptr, field.key};
                fail(&at, error_kind::missing_member,
                     "missing required member (no header " + std::string(field.binding.name) + ")");
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The four directions and the errors.

/// The request a client sends: the operation's method; its request URI with each {label} replaced by the member
/// bound to it, percent-encoded (`/` included); the members bound to the query string and headers; and, when the
/// input has body members, `Content-Type: application/json` and a JSON object of the body members set (epoch-second
/// timestamps), `{}` when none is. An input without body members sends no body and no Content-Type, as botocore.
template <class Request>
http_request write_rest_json_request(const Request& request, const operation_description& operation) {
    static_assert(is_described_v<Request>, "awsauth: the wire codec writes the structs awsauth generates");
    http_request out;
    out.method = std::string(operation.http_method);
    append_request_path(out.path, request, operation.request_uri);
    append_query_string(out.path, request);
    append_bound_headers(out.headers, request);
    if constexpr (body_members_v<Request> != 0) {
        out.headers.emplace_back("Content-Type", "application/json");
        out.body = dump_members<body_members_v<Request>>(request, rest_json_body_options);
    }
    return out;
}

/// Whether `request` is for the operation: its method, and its path matching the request URI with every label
/// filled (an empty path segment is not this URI); the query string is not looked at.
inline bool rest_json_request_is_for(const http_request& request, const operation_description& operation) {
    return request.method == operation.http_method &&
           match_request_uri(operation.request_uri, request.path, [](std::string_view, std::string_view) {}) ==
               uri_match::matched;
}

/// The request a server received, read back: the labels of its path (percent-decoded, %2F included), its query
/// string and headers, and the JSON body by awsauth::parse's rules (an empty body is an empty object). A member bound
/// elsewhere is not looked for in the body, so a required one absent from it is no error.
template <class Request>
Request read_rest_json_request(const http_request& request, const operation_description& operation,
                               const parse_options& options) {
    static_assert(is_described_v<Request>, "awsauth: the wire codec reads the structs awsauth generates");
    // The messages name the operation and its template, never the request's own method or path, which carry values.
    if (request.method != operation.http_method) {
        throw error(error_kind::invalid_json, "the request's method is not " + std::string(operation.name) + "'s (" +
                                                  std::string(operation.http_method) + ")");
    }
    const auto ignore = [](std::string_view, std::string_view) {};
    if (match_request_uri(operation.request_uri, request.path, ignore) == uri_match::other_uri) {
        throw error(error_kind::invalid_json, "the request's path does not match " + std::string(operation.name) +
                                                  "'s request URI (" + std::string(operation.request_uri) + ")");
    }
    Request value{};
    match_request_uri(operation.request_uri, request.path, [&value](std::string_view label, std::string_view encoded) {
        read_uri_label(value, label, encoded);
    });
    const std::size_t query = request.path.find('?');
    read_query_string(
        value, query == std::string::npos ? std::string_view() : std::string_view(request.path).substr(query + 1));
    read_bound_headers(value, request.headers);
    if constexpr (body_members_v<Request> != 0) {
        read_members<body_members_v<Request>>(request.body.empty() ? std::string_view("{}") : request.body, value,
                                              options);
    }
    return value;
}

/// The output of a 2xx answer: its JSON body by awsauth::parse's rules (a body that is not a JSON object, empty or
/// HTML, is an awsauth::error, where botocore returns an empty result), the members bound to headers, and
/// ResponseMetadata as botocore's REST parsers fill it: the request id from x-amzn-RequestId, else from
/// x-amz-request-id with x-amz-id-2 as the HostId.
template <class Response>
Response read_rest_json_response(const http_response& response, const operation_description&,
                                 const parse_options& options) {
    static_assert(is_described_v<Response>, "awsauth: the wire codec reads the structs awsauth generates");
    Response value{};
    if constexpr (body_members_v<Response> != 0) read_members<body_members_v<Response>>(response.body, value, options);
    read_bound_headers(value, response.headers);
    std::string request_id;
    bool from_amz_request_id = false;
    if (const std::string* amzn_request_id = find_header(response.headers, "x-amzn-RequestId")) {
        request_id = *amzn_request_id;
    } else if (const std::string* amz_request_id = find_header(response.headers, "x-amz-request-id")) {
        request_id = *amz_request_id;
        from_amz_request_id = true;
    }
    fill_response_metadata(value, response, std::move(request_id));
    if constexpr (has_response_metadata_v<Response>) {
        if (from_amz_request_id) {
            const std::string* host_id = find_header(response.headers, "x-amz-id-2");
            value.response_metadata->host_id = host_id ? *host_id : std::string();
        }
    }
    return value;
}

/// botocore's rule for an error code from any of its sources: cut at the first `:`, then keep what follows the last
/// `#` (`com.amazonaws.eksauth#AccessDeniedException`, `AccessDeniedException:http://internal.amazon.com/...`).
inline std::string_view rest_json_error_code(std::string_view code) noexcept {
    code = code.substr(0, code.find(':'));
    const std::size_t hash = code.rfind('#');
    if (hash != std::string_view::npos) code.remove_prefix(hash + 1);
    return code;
}

/// The service_error of a non-2xx answer, as botocore's RestJSONParser reads it: the code from x-amzn-ErrorType, else
/// the body's `code`, `Code` or `__type` (the first present wins), else the status; the message from `message`, else
/// `Message`; the request id from x-amzn-RequestId. Only those keys of the body are looked at, whatever else it
/// holds; a body that is not JSON has its text as the message, as botocore has it (kept only when it is UTF-8). A 5xx
/// with an empty or HTML body is bodiless_server_error's.
inline service_error read_rest_json_error(const http_response& response, const parse_options& options) {
    if (auto bodiless = bodiless_server_error(response)) return *bodiless;
    enum : std::size_t { code, capitalized_code, type, message, capitalized_message, key_count };
    static constexpr std::array<std::string_view, key_count> keys{"code", "Code", "__type", "message", "Message"};
    std::array<std::optional<std::string>, key_count> found{};
    std::string error_message;
    if (response.body.empty() || read_top_level_strings(response.body, keys, found, options)) {
        if (found[message]) {
            error_message = std::move(*found[message]);
        } else if (found[capitalized_message]) {
            error_message = std::move(*found[capitalized_message]);
        }
    } else if (is_valid_utf8(response.body)) {
        error_message = response.body;
    }
    std::string error_code;
    if (const std::string* header = find_header(response.headers, "x-amzn-ErrorType")) {
        error_code = *header;
    } else {
        error_code = std::to_string(response.status);
        for (const std::size_t source : {code, capitalized_code, type}) {
            if (found[source]) {
                error_code = std::move(*found[source]);
                break;
            }
        }
    }
    const std::string* request_id = find_header(response.headers, "x-amzn-RequestId");
    return {std::string(rest_json_error_code(error_code)), std::move(error_message),
            request_id ? *request_id : std::string(), response.status};
}

/// The 2xx answer a server sends: the operation's success status, x-amzn-RequestId when the output's
/// ResponseMetadata has a request id, one `Content-Type: application/json`, and the body members (never
/// ResponseMetadata, which is boto3's) as a JSON object with epoch-second timestamps. An output without body members
/// (SSO's Logout) is answered with no body and no Content-Type, as AWS answers it.
template <class Response>
http_response write_rest_json_response(const Response& response, const operation_description& operation) {
    static_assert(is_described_v<Response>, "awsauth: the wire codec writes the structs awsauth generates");
    http_response answer;
    answer.status = operation.success_status;
    std::string request_id = request_id_of(response);
    if (!request_id.empty()) {
        check_answer_header(request_id, "the request id");
        answer.headers.emplace_back("x-amzn-RequestId", std::move(request_id));
    }
    append_bound_headers(answer.headers, response);
    if constexpr (body_members_v<Response> != 0) {
        answer.headers.emplace_back("Content-Type", "application/json");
        answer.body = dump_members<body_members_v<Response>>(response, rest_json_body_options);
    }
    return answer;
}

/// The error answer: its status, x-amzn-RequestId when known, `x-amzn-ErrorType: <code>`, `Content-Type:
/// application/json` and `{"message":"..."}`.
inline http_response write_rest_json_error(const service_description&, const service_error& failure) {
    http_response answer;
    answer.status = failure.http_status();
    if (!failure.request_id().empty()) {
        check_answer_header(failure.request_id(), "the request id");
        answer.headers.emplace_back("x-amzn-RequestId", failure.request_id());
    }
    check_answer_header(failure.code(), "the error code");
    answer.headers.emplace_back("x-amzn-ErrorType", failure.code());
    answer.headers.emplace_back("Content-Type", "application/json");
    answer.body = "{\"message\":";
    const json_path at{nullptr, "message"};
    append_json_escaped(answer.body, failure.message(), &at, string_not_utf8);
    answer.body += '}';
    return answer;
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
