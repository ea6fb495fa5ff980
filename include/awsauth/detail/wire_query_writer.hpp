// awsauth/detail/wire_query_writer.hpp: the AWS Query protocol's XML answers and errors as STS writes them: what a
// server (a test double, a proxy) sends back, byte for byte the layout moto sends and botocore's QueryParser reads.
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/utf8.hpp>
#include <awsauth/detail/wire_http.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/service.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

// Both refusals are error_kind::invalid_utf8: the string's characters cannot be written as the document's text, the
// kind's meaning for JSON. Neither breaks a rule of the AWS model (constraint_violated) or is a number (out_of_range).
inline constexpr const char* xml_string_not_utf8 = "string is not valid UTF-8";
inline constexpr const char* xml_character_refused =
    "string holds a character XML 1.0 cannot carry (a control character other than tab, line feed and carriage "
    "return, or U+FFFE or U+FFFF)";
inline constexpr const char* request_id_not_a_header_value =
    "request id holds a control character, which the x-amzn-RequestId header cannot carry";

/// Where escaped text goes. Element content keeps tab and line feed as they are; in an attribute value a parser turns
/// them into spaces (XML 1.0, 3.3.3), so there they become character references, and `"` is escaped. A carriage
/// return is a reference in both, or the parser's end-of-line handling (2.11) would read it as a line feed.
enum class xml_text : unsigned char { element, attribute };

enum class xml_byte : unsigned char { plain, escaped, refused, utf8_lead };

template <xml_text Where>
inline constexpr std::array<xml_byte, 256> xml_bytes = [] {
    std::array<xml_byte, 256> kinds{};
    // XML 1.0's Char production leaves out every C0 control but tab, line feed and carriage return, even as a
    // character reference: no parser reads them back, so they are refused rather than written.
    for (std::size_t byte = 0; byte < 0x20; ++byte)
        kinds[byte] = xml_byte::refused;
    kinds['\r'] = xml_byte::escaped;
    kinds['\t'] = Where == xml_text::attribute ? xml_byte::escaped : xml_byte::plain;
    kinds['\n'] = Where == xml_text::attribute ? xml_byte::escaped : xml_byte::plain;
    kinds['&'] = xml_byte::escaped;
    kinds['<'] = xml_byte::escaped;
    kinds['>'] = xml_byte::escaped;  // needed only in `]]>` (XML 1.0, 2.4); always, as moto's xmltodict does
    if (Where == xml_text::attribute) kinds['"'] = xml_byte::escaped;
    for (std::size_t byte = 0x80; byte < 0x100; ++byte)
        kinds[byte] = xml_byte::utf8_lead;
    return kinds;
}();

inline std::string_view xml_escape_of(unsigned char byte) noexcept {
    switch (byte) {
        case '&':
            return "&amp;";
        case '<':
            return "&lt;";
        case '>':
            return "&gt;";
        case '"':
            return "&quot;";
        case '\t':
            return "&#9;";
        case '\n':
            return "&#10;";
        default:  // '\r'
            return "&#13;";
    }
}

/// Appends `text` escaped for element content or an attribute value. Checks as it goes: text that is not UTF-8, or
/// holds a character XML 1.0 cannot carry (U+FFFE and U+FFFF among them), is an error at `at`, never a document a
/// parser refuses.
template <xml_text Where>
void append_xml_escaped(std::string& out, std::string_view text, const json_path* at) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t copied = 0;
    std::size_t i = 0;
    char32_t code_point = 0;
    while (i < size) {
        switch (xml_bytes<Where>[bytes[i]]) {
            case xml_byte::plain:
                ++i;
                break;
            case xml_byte::utf8_lead: {
                const std::size_t length = decode_utf8(bytes + i, size - i, code_point);
                if (length == 0) fail(at, error_kind::invalid_utf8, xml_string_not_utf8);
                if (code_point == 0xFFFE || code_point == 0xFFFF)
                    fail(at, error_kind::invalid_utf8, xml_character_refused);
                i += length;
                break;
            }
            case xml_byte::escaped:
                out.append(text.data() + copied, i - copied);
                out.append(xml_escape_of(bytes[i]));
                copied = ++i;
                break;
            case xml_byte::refused:
                fail(at, error_kind::invalid_utf8, xml_character_refused);
        }
    }
    out.append(text.data() + copied, size - copied);
}

inline void append_start_tag(std::string& out, std::string_view name) {
    out += '<';
    out.append(name);
    out += '>';
}

inline void append_end_tag(std::string& out, std::string_view name) {
    out += "</";
    out.append(name);
    out += '>';
}

/// A member of type T written as the content of its XML element (the element itself is the enclosing struct's or
/// list's business): one specialization per member type. estimated_size is a first guess at that content's length,
/// so the body is allocated once in the common case.
template <class T, class = void>
struct xml_writing {
    // std::map<std::string, std::string> lands here too: it is only boto3's ResponseMetadata.HTTPHeaders, which is
    // never on the wire.
    static_assert(dependent_false_v<T>, "awsauth: no XML mapping for this member type");
};

template <>
struct xml_writing<std::string> {
    static std::size_t estimated_size(const std::string& value) { return value.size(); }
    static void write(std::string& out, const std::string& value, const json_path* at) {
        append_xml_escaped<xml_text::element>(out, value, at);
    }
};

template <class Integer>
struct xml_writing<Integer, std::enable_if_t<is_integer_member_v<Integer>>> {
    static std::size_t estimated_size(Integer) { return sizeof(Integer) == 4 ? 11 : 20; }
    static void write(std::string& out, Integer value, const json_path*) {
        char digits[20];  // "-9223372036854775808"
        out.append(digits, std::to_chars(std::begin(digits), std::end(digits), value).ptr);
    }
};

// ISO 8601 in UTC with a `Z`, six fraction digits when there is a fraction: what moto sends and botocore reads.
template <>
struct xml_writing<timestamp> {
    static std::size_t estimated_size(timestamp) { return 27; }
    static void write(std::string& out, timestamp value, const json_path* at) {
        if (!in_supported_range(value))
            fail(at, error_kind::invalid_timestamp, "timestamp " + std::string(out_of_range));
        append_timestamp(out, value, timestamp_format::iso8601_z);
    }
};

// An absent optional member is left out by the struct's writer, so only a present one gets here.
template <class T>
struct xml_writing<std::optional<T>> {
    static std::size_t estimated_size(const std::optional<T>& value) {
        return value ? xml_writing<T>::estimated_size(*value) : 0;
    }
    static void write(std::string& out, const std::optional<T>& value, const json_path* at) {
        xml_writing<T>::write(out, *value, at);
    }
};

// The query protocol's lists: each element a <member> child; an empty list is an empty element, which botocore reads
// as [].
template <class T>
struct xml_writing<std::vector<T>> {
    static constexpr std::string_view element = "member";

    static std::size_t estimated_size(const std::vector<T>& value) {
        std::size_t size = 0;
        for (const auto& each : value)
            size += xml_writing<T>::estimated_size(each) + 2 * element.size() + 5;
        return size;
    }
    static void write(std::string& out, const std::vector<T>& value, const json_path* at) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            append_start_tag(out, element);
            const json_path element_path{at, {}, i, true};
            xml_writing<T>::write(out, value[i], &element_path);
            append_end_tag(out, element);
        }
    }
};

/// True for the member of an operation's output that holds boto3's ResponseMetadata: it is not a member on the wire
/// (its RequestId has a place of its own, after the result).
template <class Struct, class Member>
constexpr bool is_response_metadata_member() {
    if constexpr (has_response_metadata_v<Struct>) {
        return std::is_same_v<Member, std::decay_t<decltype(std::declval<Struct&>().response_metadata)>>;
    } else {
        return false;
    }
}

// The model's keys become element names unescaped; this keeps a generator change from writing a broken document.
constexpr bool is_plain_xml_name(std::string_view name) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(i > 0 && digit)) return false;
    }
    return true;
}

template <class T>
constexpr bool keys_are_xml_names() {
    bool plain = true;
    for_each_field<T>([&](const auto& each) { plain = plain && is_plain_xml_name(each.key); });
    return plain;
}

// A structure: each member present as <Key>…</Key>, in model order, absent optional members left out.
template <class T>
struct xml_writing<T, std::enable_if_t<is_described_v<T>>> {
    static_assert(keys_are_xml_names<T>(), "awsauth: a model key is not a plain XML element name");

    static std::size_t estimated_size(const T& value) {
        std::size_t size = 0;
        for_each_field<T>([&](const auto& field) {
            using member_type = std::decay_t<decltype(value.*(field.member))>;
            if constexpr (!is_response_metadata_member<T, member_type>()) {
                const auto& member = value.*(field.member);
                size += 2 * field.key.size() + 5 + xml_writing<member_type>::estimated_size(member);
            }
        });
        return size;
    }

    static void write(std::string& out, const T& value, const json_path* at) {
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            using member_type = std::decay_t<decltype(member)>;
            if constexpr (!is_response_metadata_member<T, member_type>()) {
                if constexpr (is_optional_v<member_type>) {
                    if (!member) return;
                }
                append_start_tag(out, field.key);
                const json_path member_path{at, field.key};
                xml_writing<member_type>::write(out, member, &member_path);
                append_end_tag(out, field.key);
            }
        });
    }
};

/// Appends ` xmlns="…"`, or nothing for a service without an XML namespace.
inline void append_namespace(std::string& out, std::string_view xml_namespace) {
    if (xml_namespace.empty()) return;
    out += " xmlns=\"";
    append_xml_escaped<xml_text::attribute>(out, xml_namespace, nullptr);
    out += '"';
}

/// The headers of every query-protocol answer: exactly one Content-Type (what STS and moto send) and, when the request
/// id is known, x-amzn-RequestId. A request id that would break the header (CR, LF: a second header smuggled in) is
/// refused at `at`.
inline std::vector<std::pair<std::string, std::string>> query_answer_headers(const std::string& request_id,
                                                                             const json_path* at) {
    std::vector<std::pair<std::string, std::string>> headers;
    headers.reserve(2);
    headers.emplace_back("Content-Type", "text/xml");
    if (!request_id.empty()) {
        for (const char c : request_id) {
            const auto byte = static_cast<unsigned char>(c);
            if ((byte < 0x20 && byte != '\t') || byte == 0x7F)
                fail(at, error_kind::invalid_utf8, request_id_not_a_header_value);
        }
        headers.emplace_back("x-amzn-RequestId", request_id);
    }
    return headers;
}

/// The answer a query-protocol service sends for `response`:
/// `<OpResponse xmlns="…"><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
/// </OpResponse>` on one line, members in model order. The result element is there even when empty (botocore fails
/// with a KeyError without it); ResponseMetadata only with a request id.
template <class Response>
http_response write_query_response(const Response& response, const operation_description& operation) {
    static_assert(is_described_v<Response>, "awsauth: to_http_response writes the structs awsauth generates");
    const std::string request_id = request_id_of(response);
    const json_path metadata_path{nullptr, "ResponseMetadata"};
    const json_path request_id_path{&metadata_path, "RequestId"};

    http_response answer;
    answer.status = operation.success_status;
    answer.headers = query_answer_headers(request_id, &request_id_path);

    std::string& body = answer.body;
    const std::string_view xml_namespace = operation.service->xml_namespace;
    body.reserve(xml_writing<Response>::estimated_size(response) + 2 * operation.name.size() +
                 2 * operation.result_wrapper.size() + xml_namespace.size() + request_id.size() + 120);
    body += '<';
    body.append(operation.name);
    body += "Response";
    append_namespace(body, xml_namespace);
    body += '>';
    // Without a result wrapper the members sit in the root element itself, where botocore then looks for them.
    if (!operation.result_wrapper.empty()) append_start_tag(body, operation.result_wrapper);
    xml_writing<Response>::write(body, response, nullptr);
    if (!operation.result_wrapper.empty()) append_end_tag(body, operation.result_wrapper);
    if (!request_id.empty()) {
        body += "<ResponseMetadata><RequestId>";
        append_xml_escaped<xml_text::element>(body, request_id, &request_id_path);
        body += "</RequestId></ResponseMetadata>";
    }
    body += "</";
    body.append(operation.name);
    body += "Response>";
    return answer;
}

/// The error answer a query-protocol service sends:
/// `<ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error>
/// <RequestId>…</RequestId></ErrorResponse>` on one line, `Receiver` for a 5xx. An empty message or request id is
/// left out: botocore reads an empty <Message/> as None, and an absent one as no message at all. Throws awsauth::error
/// for a status that is not an error's (4xx, 5xx), an empty code, and text XML cannot carry; paths name the member of
/// botocore's parsed error (`/Error/Code`, `/Error/Message`, `/ResponseMetadata/RequestId`).
inline http_response write_query_error(const service_description& service, const service_error& failure) {
    const int status = failure.http_status();
    if (status < 400 || status > 599)
        throw error(error_kind::out_of_range, "an error answer's HTTP status must be from 400 to 599");
    const json_path error_path{nullptr, "Error"};
    const json_path code_path{&error_path, "Code"};
    const json_path message_path{&error_path, "Message"};
    const json_path metadata_path{nullptr, "ResponseMetadata"};
    const json_path request_id_path{&metadata_path, "RequestId"};
    if (failure.code().empty()) fail(&code_path, error_kind::missing_member, "an error answer needs a code");

    http_response answer;
    answer.status = status;
    answer.headers = query_answer_headers(failure.request_id(), &request_id_path);

    std::string& body = answer.body;
    body.reserve(failure.code().size() + failure.message().size() + failure.request_id().size() +
                 service.xml_namespace.size() + 160);
    body += "<ErrorResponse";
    append_namespace(body, service.xml_namespace);
    body += "><Error><Type>";
    body += status >= 500 ? "Receiver" : "Sender";
    body += "</Type><Code>";
    append_xml_escaped<xml_text::element>(body, failure.code(), &code_path);
    body += "</Code>";
    if (!failure.message().empty()) {
        body += "<Message>";
        append_xml_escaped<xml_text::element>(body, failure.message(), &message_path);
        body += "</Message>";
    }
    body += "</Error>";
    if (!failure.request_id().empty()) {
        body += "<RequestId>";
        append_xml_escaped<xml_text::element>(body, failure.request_id(), &request_id_path);
        body += "</RequestId>";
    }
    body += "</ErrorResponse>";
    return answer;
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
