// awsauth/detail/wire_query_request.hpp: the AWS Query protocol's requests, both ways: a request struct as the
// form-encoded body botocore sends (Action, Version, then the members in model order), and such a body read back as
// a server reads it, leniently. Each member type is written and read in one place, form_codec<T>.
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/json_reading.hpp>
#include <awsauth/detail/json_text.hpp>
#include <awsauth/detail/utf8.hpp>
#include <awsauth/detail/wire_http.hpp>
#include <awsauth/detail/wire_percent.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/options.hpp>
#include <awsauth/service.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

/// The one protocol header of an AWS Query request, as botocore sets it.
inline constexpr std::string_view form_content_type = "application/x-www-form-urlencoded; charset=utf-8";

// ---------------------------------------------------------------------------------------------------------------
// Percent-encoding.

// A form body is read strictly: `+` is a space, and a raw byte outside what RFC 3986 allows in a query is refused.
inline constexpr percent_reading form_reading{/*plus_is_space=*/true, /*only_uri_bytes=*/true};

/// Whether `text` decodes to `expected`: without decoding when it holds no escape (the expected texts here, Action
/// and operation names, are plain).
inline bool form_text_is(std::string_view text, std::string_view expected, std::string& scratch) {
    if (text.find_first_of("%+") == std::string_view::npos) return text == expected;
    scratch.clear();
    return append_percent_decoded(scratch, text, form_reading).problem == nullptr && scratch == expected;
}

// Where: the byte of the body (from 1, as for JSON), and whether in a key. Never what the byte is.
[[gnu::cold]] inline std::string form_encoding_problem(const percent_decoding& decoding, std::size_t body_offset,
                                                       bool in_key) {
    return "invalid form encoding (byte " + std::to_string(body_offset + decoding.offset + 1) +
           (in_key ? ", in a key): " : "): ") + decoding.problem;
}

// ---------------------------------------------------------------------------------------------------------------
// Keys: the model's member names joined by dots, a list's elements as Name.member.N, N from 1.

inline constexpr std::string_view form_list_infix = ".member.";
/// A list index has at most this many digits: no body can hold a billion elements.
inline constexpr std::size_t form_list_index_digits = 9;

// A model key goes into a form key as it is: it needs no escaping and holds no dot, which would read as nesting.
template <class T>
constexpr bool form_keys_are_plain() {
    bool plain = true;
    for_each_field<T>([&](const auto& each) {
        plain = plain && !each.key.empty();
        for (const char c : each.key)
            plain = plain && c != '.' && is_unreserved(static_cast<unsigned char>(c));
    });
    return plain;
}

// Action and Version are the protocol's own keys at the top of every form.
template <class T>
constexpr bool form_keys_leave_protocol_keys() {
    bool apart = true;
    for_each_field<T>([&](const auto& each) { apart = apart && each.key != "Action" && each.key != "Version"; });
    return apart;
}

/// The key of the value being written or read ("Tags.member.2.Key"), grown and cut back as a walk goes in and out.
struct form_key {
    std::string text;

    std::size_t enter(std::string_view member_key) {
        const std::size_t length = text.size();
        if (length != 0) text += '.';
        text += member_key;
        return length;
    }
    std::size_t enter_element(std::string_view index) {
        const std::size_t length = text.size();
        text += form_list_infix;
        text += index;
        return length;
    }
    void leave(std::size_t length) { text.resize(length); }
};

/// The digits of the list index `index` (from 0) as the form spells it (from 1).
inline std::string form_list_number(std::size_t index) {
    return std::to_string(index + 1);
}

// A list index of a key, after "Name.member.": its digits (at most form_list_index_digits, no leading zero).
inline bool is_form_list_index(std::string_view text) noexcept {
    if (text.empty() || text.size() > form_list_index_digits || text[0] == '0') return false;
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The JSON Pointer a key names, for a key the model does not know: its dot-separated parts, `member.N` read as
/// the list index N - 1. ("Tags.member.1.Colour" is /Tags/0/Colour.)
[[gnu::cold]] inline std::string form_key_pointer(std::string_view key) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t dot = key.find('.', start);
        parts.push_back(key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    std::string pointer;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i] == "member" && i + 1 < parts.size() && is_form_list_index(parts[i + 1])) {
            std::size_t number = 0;
            std::from_chars(parts[i + 1].data(), parts[i + 1].data() + parts[i + 1].size(), number);
            pointer += '/';
            pointer += std::to_string(number - 1);
            ++i;
        } else {
            append_pointer_token(pointer, parts[i]);
        }
    }
    return pointer;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

struct form_writer {
    std::string& out;
    form_key key;

    /// Starts the pair of the current key; its value follows.
    void begin_pair() {
        out += '&';
        out += key.text;
        out += '=';
    }
};

// ---------------------------------------------------------------------------------------------------------------
// Reading: the body is split into pairs once, their keys decoded and sorted, so that a walk over the descriptors
// finds each key by binary search and sees whatever order the client sent.

struct form_pair {
    std::string_view key;    // decoded
    std::string_view value;  // as in the body, decoded only if a member reads it
    std::size_t key_offset;  // in the body, for messages
    std::size_t value_offset;
    bool read = false;  // a member, Action or Version took it
};

/// A list element's index as a key spells it, and its value.
struct form_list_index {
    std::string_view digits;
    std::size_t number;
};

inline constexpr std::string_view form_not_a_list =
    "expected a list: Name.member.N pairs, or Name with an empty value for an empty list";
inline constexpr std::string_view form_list_index_not_a_number =
    "a list index is not a decimal number (Name.member.N, N from 1, no leading zeros)";
inline constexpr std::string_view form_list_index_out_of_range = "a list index is outside 1 to 999999999";
inline constexpr std::string_view form_expected_integer = "expected an integer (decimal digits, optionally after '-')";

class form_reader {
public:
    /// Splits the body into its pairs: `&` between them, empty ones skipped, the first `=` between a key and its
    /// value (none: an empty value), every key decoded now. Throws for a body over max_document_size, a key that
    /// is malformed or not UTF-8 once decoded, or one of more dot-separated parts than max_depth.
    form_reader(std::string_view body, const parse_options& options) : options_(options) {
        if (body.size() > options.max_document_size) {
            throw error(error_kind::limit_exceeded, "the document is " + std::to_string(body.size()) +
                                                        " bytes, more than parse_options::max_document_size (" +
                                                        std::to_string(options.max_document_size) + ")");
        }
        // Decoded keys are never longer than the body, so the arena never moves and views into it stay valid.
        decoded_keys_.reserve(body.size());
        pairs_.reserve(static_cast<std::size_t>(std::count(body.begin(), body.end(), '&')) + 1);
        for (std::size_t start = 0; start < body.size();) {
            std::size_t end = body.find('&', start);
            if (end == std::string_view::npos) end = body.size();
            if (end != start) add_pair(body, start, end);
            start = end + 1;
        }
        // Stable: of pairs with the same key, the first sent comes first, and the first one wins, as in moto and
        // Java's ServletRequest.getParameter.
        std::stable_sort(pairs_.begin(), pairs_.end(),
                         [](const form_pair& a, const form_pair& b) { return a.key < b.key; });
    }

    form_key key;

    /// The first pair whose key is the current key, or null; every pair with that key is marked read.
    const form_pair* take() {
        auto found = std::lower_bound(pairs_.begin(), pairs_.end(), key.text,
                                      [](const form_pair& pair, const std::string& text) { return pair.key < text; });
        if (found == pairs_.end() || found->key != key.text) return nullptr;
        for (auto same = found; same != pairs_.end() && same->key == key.text; ++same)
            same->read = true;
        return &*found;
    }

    /// A pair's value decoded, a malformed one being an error at `at`.
    void decode(const form_pair& pair, std::string& out, const json_path* at) const {
        out.clear();
        const percent_decoding decoding = append_percent_decoded(out, pair.value, form_reading);
        if (decoding.problem != nullptr)
            fail(at, error_kind::invalid_json, form_encoding_problem(decoding, pair.value_offset, false));
    }
    const std::string& decode(const form_pair& pair, const json_path* at) {
        decode(pair, scratch_, at);
        return scratch_;
    }

    /// The indexes of the elements of the list whose key, ending in ".member.", is the current key: once each,
    /// in numeric order. An index that is not one is an error at `at`, the list.
    std::vector<form_list_index> list_indexes(const json_path* at) const {
        const std::string& prefix = key.text;
        std::vector<form_list_index> indexes;
        auto pair = std::lower_bound(pairs_.begin(), pairs_.end(), prefix,
                                     [](const form_pair& each, const std::string& text) { return each.key < text; });
        for (; pair != pairs_.end() && pair->key.compare(0, prefix.size(), prefix) == 0; ++pair) {
            std::string_view digits = pair->key.substr(prefix.size());
            digits = digits.substr(0, digits.find('.'));
            if (!is_form_list_index(digits)) {
                const bool numeric =
                    !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
                if (numeric && digits.find_first_not_of('0') == std::string_view::npos)
                    fail(at, error_kind::out_of_range, std::string(form_list_index_out_of_range));  // 0, 00, ...
                if (numeric && digits[0] != '0')
                    fail(at, error_kind::out_of_range, std::string(form_list_index_out_of_range));  // too many digits
                fail(at, error_kind::wrong_type, std::string(form_list_index_not_a_number));
            }
            std::size_t number = 0;
            std::from_chars(digits.data(), digits.data() + digits.size(), number);
            indexes.push_back({digits, number});
        }
        std::sort(indexes.begin(), indexes.end(),
                  [](const form_list_index& a, const form_list_index& b) { return a.number < b.number; });
        indexes.erase(
            std::unique(indexes.begin(), indexes.end(),
                        [](const form_list_index& a, const form_list_index& b) { return a.number == b.number; }),
            indexes.end());
        return indexes;
    }

    /// Checks that Action or Version is there and says `expected`: before any member is read, so a request of
    /// another operation is reported as that, not as a member it lacks.
    void expect_protocol_value(std::string_view protocol_key, std::string_view expected, const char* what) {
        const json_path path{nullptr, protocol_key};
        key.text.assign(protocol_key.data(), protocol_key.size());
        const form_pair* pair = take();
        key.text.clear();
        if (pair == nullptr) fail(&path, error_kind::missing_member, missing_required_member);
        if (decode(*pair, &path) != expected) {
            fail(&path, error_kind::wrong_type,
                 std::string("the request is for another ") + what + " than " + std::string(expected));
        }
    }

    /// Under parse_options::reject_unknown_keys: the first pair in the body that nothing read is an error.
    void reject_unread_pairs() const {
        const form_pair* first = nullptr;
        for (const auto& pair : pairs_) {
            if (!pair.read && (first == nullptr || pair.key_offset < first->key_offset)) first = &pair;
        }
        if (first != nullptr) throw error(error_kind::unknown_member, form_key_pointer(first->key), unknown_member);
    }

private:
    void add_pair(std::string_view body, std::size_t start, std::size_t end) {
        const std::string_view text = body.substr(start, end - start);
        const std::size_t equals = text.find('=');
        const std::string_view raw_key = text.substr(0, equals);
        const std::size_t begin = decoded_keys_.size();
        const percent_decoding decoding = append_percent_decoded(decoded_keys_, raw_key, form_reading);
        if (decoding.problem != nullptr)
            throw error(error_kind::invalid_json, form_encoding_problem(decoding, start, true));
        const std::string_view decoded(decoded_keys_.data() + begin, decoded_keys_.size() - begin);
        if (!is_valid_utf8(decoded)) {
            throw error(error_kind::invalid_utf8,
                        "a key is not valid UTF-8 once decoded (the pair at byte " + std::to_string(start + 1) + ")");
        }
        // The form itself is level 1 and each dot one level more: "Tags.member.1.Key" is at level 4.
        if (static_cast<std::size_t>(std::count(decoded.begin(), decoded.end(), '.')) >= options_.max_depth) {
            throw error(error_kind::limit_exceeded, "the document nests keys deeper than parse_options::max_depth (" +
                                                        std::to_string(options_.max_depth) + ")");
        }
        const bool has_value = equals != std::string_view::npos;
        pairs_.push_back(form_pair{decoded, has_value ? text.substr(equals + 1) : std::string_view(), start,
                                   has_value ? start + equals + 1 : end});
    }

    const parse_options& options_;
    std::string decoded_keys_;
    std::vector<form_pair> pairs_;
    std::string scratch_;
};

// ---------------------------------------------------------------------------------------------------------------
// The codec: one specialization per member type. write(writer, value, at) appends the pairs of a value under the
// writer's current key; read(reader, out, at) reads the value under the reader's current key and returns whether
// the form had it. `at` is the value's path, spelled out only for an error.

template <class T, class = void>
struct form_codec {
    // std::map (boto3's ResponseMetadata) is never on the wire; nothing else should get here.
    static_assert(dependent_false_v<T>, "awsauth: no AWS Query form mapping for this member type");
};

template <>
struct form_codec<std::string> {
    static void write(form_writer& writer, const std::string& value, const json_path* at) {
        if (!is_valid_utf8(value)) fail(at, error_kind::invalid_utf8, string_not_utf8);
        writer.begin_pair();
        append_percent_encoded(writer.out, value);
    }
    static bool read(form_reader& reader, std::string& out, const json_path* at) {
        const form_pair* pair = reader.take();
        if (pair == nullptr) return false;
        reader.decode(*pair, out, at);
        if (!is_valid_utf8(out)) fail(at, error_kind::invalid_utf8, string_not_utf8);
        return true;
    }
};

// Both integer types, one rule.
template <class Integer>
struct form_codec<Integer, std::enable_if_t<is_integer_member_v<Integer>>> {
    static void write(form_writer& writer, Integer value, const json_path*) {
        writer.begin_pair();
        char digits[20];  // "-9223372036854775808"
        writer.out.append(digits, std::to_chars(std::begin(digits), std::end(digits), value).ptr);
    }
    // A '-' and decimal digits, leading zeros allowed; no '+', no spaces (a form's '+' is a space anyway).
    static bool read(form_reader& reader, Integer& out, const json_path* at) {
        const form_pair* pair = reader.take();
        if (pair == nullptr) return false;
        const std::string& text = reader.decode(*pair, at);
        Integer number = 0;
        const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (failure == std::errc::invalid_argument || end != text.data() + text.size())
            fail(at, error_kind::wrong_type, std::string(form_expected_integer));
        if (failure == std::errc::result_out_of_range)
            fail(at, error_kind::out_of_range, std::string(integer_out_of_range<Integer>));
        out = number;
        return true;
    }
};

// ISO 8601 in UTC with a Z, as botocore's query serializer writes it (fraction digits only when there is a fraction).
template <>
struct form_codec<timestamp> {
    static void write(form_writer& writer, timestamp value, const json_path* at) {
        if (!in_supported_range(value))
            fail(at, error_kind::invalid_timestamp, "timestamp " + std::string(out_of_range));
        std::string text;
        append_timestamp(text, value, timestamp_format::iso8601_z);
        writer.begin_pair();
        append_percent_encoded(writer.out, text);
    }
    static bool read(form_reader& reader, timestamp& out, const json_path* at) {
        const form_pair* pair = reader.take();
        if (pair == nullptr) return false;
        const std::string_view problem = read_timestamp(reader.decode(*pair, at), out);
        if (!problem.empty()) fail(at, error_kind::invalid_timestamp, "invalid timestamp: " + std::string(problem));
        return true;
    }
};

// An absent optional member is left out by the struct's writer, so only a present one gets here.
template <class T>
struct form_codec<std::optional<T>> {
    static void write(form_writer& writer, const std::optional<T>& value, const json_path* at) {
        form_codec<T>::write(writer, *value, at);
    }
    static bool read(form_reader& reader, std::optional<T>& out, const json_path* at) {
        if (form_codec<T>::read(reader, out.emplace(), at)) return true;
        out.reset();
        return false;
    }
};

// Elements as Name.member.1, Name.member.2, ... ; an empty list as `Name=`, which is what says it is there.
template <class T>
struct form_codec<std::vector<T>> {
    static void write(form_writer& writer, const std::vector<T>& value, const json_path* at) {
        if (value.empty()) {
            writer.begin_pair();
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::size_t length = writer.key.enter_element(form_list_number(i));
            const json_path element_path{at, {}, i, true};
            form_codec<T>::write(writer, value[i], &element_path);
            writer.key.leave(length);
        }
    }

    // Indexes in any order; an element is there when the form has a value of it (for a structure, of one of its
    // members), and the elements there must be numbered 1 to n without a gap. Keys under an index that name no
    // member the model knows are unknown keys, like any other.
    static bool read(form_reader& reader, std::vector<T>& out, const json_path* at) {
        out.clear();
        bool present = false;
        if (const form_pair* bare = reader.take()) {
            if (!bare->value.empty()) fail(at, error_kind::wrong_type, std::string(form_not_a_list));
            present = true;
        }
        const std::size_t length = reader.key.text.size();
        reader.key.text += form_list_infix;
        const std::vector<form_list_index> indexes = reader.list_indexes(at);
        reader.key.leave(length);
        out.reserve(indexes.size());
        for (const auto& index : indexes) {
            reader.key.enter_element(index.digits);
            const json_path element_path{at, {}, index.number - 1, true};
            T element{};
            const bool found = form_codec<T>::read(reader, element, &element_path);
            reader.key.leave(length);
            if (!found) continue;
            if (index.number != out.size() + 1) fail_gap(at, out.size(), index.digits);
            out.push_back(std::move(element));
        }
        return present || !out.empty();
    }

    [[noreturn, gnu::cold, gnu::noinline]] static void fail_gap(const json_path* at, std::size_t missing,
                                                                std::string_view present) {
        const json_path element_path{at, {}, missing, true};
        fail(&element_path, error_kind::missing_member,
             "missing list element: member." + form_list_number(missing) + " is absent, but member." +
                 std::string(present) + " is present");
    }
};

template <class T>
struct form_codec<T, std::enable_if_t<is_described_v<T>>> {
    static_assert(form_keys_are_plain<T>(), "awsauth: a model key needs escaping in a form, or holds a dot");
    static_assert(field_count_v<T> <= 64, "awsauth: the form reader tracks a struct's members in 64 bits");

    // A structure with no member present writes nothing, as botocore does (AssumeRoot's TaskPolicyArn={}).
    static void write(form_writer& writer, const T& value, const json_path* at) {
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            using member_type = std::decay_t<decltype(member)>;
            if constexpr (is_optional_v<member_type>) {
                if (!member) return;
            }
            const std::size_t length = writer.key.enter(field.key);
            const json_path member_path{at, field.key};
            form_codec<member_type>::write(writer, member, &member_path);
            writer.key.leave(length);
        });
    }

    // There when one of its members is; then a required member that is not is an error.
    static bool read(form_reader& reader, T& out, const json_path* at) {
        std::uint64_t found = 0;
        std::size_t index = 0;
        for_each_field<T>([&](const auto& field) {
            auto& member = out.*(field.member);
            const std::size_t length = reader.key.enter(field.key);
            const json_path member_path{at, field.key};
            if (form_codec<std::decay_t<decltype(member)>>::read(reader, member, &member_path))
                found |= std::uint64_t{1} << index;
            reader.key.leave(length);
            ++index;
        });
        if (found == 0) return false;
        require_members(found, at);
        return true;
    }

    /// Throws for the first required member, in model order, that `found` (one bit per member) lacks. A required
    /// structure member that is absent is read as an empty structure: a form cannot tell one with no member present
    /// from none at all, so only its own required members can be missing.
    static void require_members(std::uint64_t found, const json_path* at) {
        std::size_t index = 0;
        for_each_field<T>([&](const auto& field) {
            using member_type = typename std::decay_t<decltype(field)>::member_type;
            if constexpr (!is_optional_v<member_type>) {
                if ((found >> index & 1) == 0) {
                    const json_path member_path{at, field.key};
                    if constexpr (is_described_v<member_type>) {
                        form_codec<member_type>::require_members(0, &member_path);
                    } else {
                        fail(&member_path, error_kind::missing_member, missing_required_member);
                    }
                }
            }
            ++index;
        });
    }
};

// ---------------------------------------------------------------------------------------------------------------
// The protocol.

/// What a client sends: `POST /`, the form's Content-Type, and the body `Action=<operation>&Version=<API version>`
/// followed by every present member in model order (the body is signed, so its order is fixed; the service reads
/// any). Throws awsauth::error (invalid_utf8) at the path of a string that is not UTF-8.
template <class Request>
http_request write_query_request(const Request& request, const operation_description& operation) {
    static_assert(is_described_v<Request>, "awsauth: the query protocol writes the structs awsauth generates");
    static_assert(form_keys_leave_protocol_keys<Request>(), "awsauth: a member is named Action or Version");
    http_request http;
    http.method.assign(operation.http_method.data(), operation.http_method.size());
    http.path.assign(operation.request_uri.data(), operation.request_uri.size());
    http.headers.emplace_back("Content-Type", form_content_type);
    std::string& body = http.body;
    body.reserve(128);
    body += "Action=";
    append_percent_encoded(body, operation.name);
    body += "&Version=";
    append_percent_encoded(body, operation.service->api_version);
    form_writer writer{body, {}};
    form_codec<Request>::write(writer, request, nullptr);
    return http;
}

/// What a server reads from a request's body (its method, path and headers are the caller's to check; see
/// query_request_is_for). Errors: a missing Action or Version is missing_member at /Action or /Version; another
/// operation's Action or another Version is wrong_type there: the body is a request of another type than Request,
/// as a JSON value of another type than the member needs is (unknown_member would have the caller loosen
/// reject_unknown_keys, which cannot help). Members: missing_member, wrong_type, out_of_range, invalid_utf8 and
/// invalid_json (malformed percent-encoding) at their JSON Pointer; unknown keys are skipped, or unknown_member under
/// reject_unknown_keys. No message quotes a value.
template <class Request>
Request read_query_request(const http_request& request, const operation_description& operation,
                           const parse_options& options) {
    static_assert(is_described_v<Request>, "awsauth: the query protocol reads the structs awsauth generates");
    static_assert(form_keys_leave_protocol_keys<Request>(), "awsauth: a member is named Action or Version");
    form_reader reader(request.body, options);
    reader.expect_protocol_value("Action", operation.name, "operation");
    reader.expect_protocol_value("Version", operation.service->api_version, "API version");
    Request value{};
    if (!form_codec<Request>::read(reader, value, nullptr)) form_codec<Request>::require_members(0, nullptr);
    if (options.reject_unknown_keys) reader.reject_unread_pairs();
    return value;
}

/// Whether `request` is a POST whose body's Action (the first, as the reader takes it) is the operation's name.
/// Decodes keys only where they hold an escape, and no value but Action's.
inline bool query_request_is_for(const http_request& request, const operation_description& operation) {
    if (request.method != operation.http_method) return false;
    const std::string_view body = request.body;
    std::string scratch;
    for (std::size_t start = 0; start < body.size();) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view pair = body.substr(start, end - start);
        start = end + 1;
        const std::size_t equals = pair.find('=');
        if (!form_text_is(pair.substr(0, equals), "Action", scratch)) continue;
        const std::string_view value = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
        return form_text_is(value, operation.name, scratch);
    }
    return false;
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
