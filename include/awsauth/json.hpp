// awsauth/json.hpp: how every generated struct maps to and from nlohmann_json, written once for all of them.
// The generated headers only supply field tables; every rule below applies to every struct alike.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/options.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/utf8.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace awsauth {
namespace detail {

// ---------------------------------------------------------------------------------------------------------------
// Where a value sits in the document. Frames live on the reader's stack; the JSON Pointer is only spelled out for
// an error, so a successful read allocates nothing for paths.

struct json_path {
    const json_path* parent = nullptr;
    std::string_view key{};
    std::size_t index = 0;
    bool is_index = false;
};

/// Appends one RFC 6901 reference token: "~" and "/" in a key are escaped as "~0" and "~1".
inline void append_pointer_token(std::string& pointer, std::string_view key) {
    pointer += '/';
    for (const char c : key) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer += c;
        }
    }
}

/// The RFC 6901 JSON Pointer of `at` ("" for the document root).
[[gnu::cold]] inline std::string to_json_pointer(const json_path* at) {
    std::vector<const json_path*> frames;
    for (; at != nullptr; at = at->parent)
        frames.push_back(at);
    std::string pointer;
    for (auto frame = frames.rbegin(); frame != frames.rend(); ++frame) {
        if ((*frame)->is_index) {
            pointer += '/';
            pointer += std::to_string((*frame)->index);
        } else {
            append_pointer_token(pointer, (*frame)->key);
        }
    }
    return pointer;
}

// The error paths are cold and out of line: every reader and writer calls them, and building a message inline at
// each call site costs every user's compile (bench/compile_time.py) and the hot path's code size alike.
[[noreturn, gnu::cold, gnu::noinline]] inline void fail(const json_path* at, const std::string& problem) {
    throw error(to_json_pointer(at), problem);
}

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
inline constexpr bool is_vector_v = false;
template <class T>
inline constexpr bool is_vector_v<std::vector<T>> = true;

template <class T>
inline constexpr bool is_string_map_v = std::is_same_v<T, std::map<std::string, std::string>>;

template <class>
inline constexpr bool dependent_false_v = false;

// Recognized by its public member types, not by nlohmann::detail::is_basic_json, which is not part of its API.
template <class Json, class = void>
inline constexpr bool is_basic_json_v = false;
template <class Json>
inline constexpr bool is_basic_json_v<
    Json, std::void_t<typename Json::value_t, typename Json::object_t, typename Json::array_t, typename Json::string_t,
                      typename Json::number_float_t, typename Json::json_pointer>> = true;

// ---------------------------------------------------------------------------------------------------------------
// The reading rules both readers share: awsauth::parse (SAX events, parse.hpp) and from_json (a DOM, below).
// Each reader turns what it meets into a json_scalar or a json_kind; what that becomes, and every message, is here.

/// What kind of JSON value a reader met. Errors name it, never the value: the value may be a secret.
enum class json_kind { null, boolean, integer, unsigned_integer, number, string, object, array, binary, discarded };

inline const char* name_of(json_kind kind) noexcept {
    switch (kind) {
        case json_kind::null:
            return "null";
        case json_kind::boolean:
            return "boolean";
        case json_kind::integer:
        case json_kind::unsigned_integer:
            return "an integer";
        case json_kind::number:
            return "a non-integer number";
        case json_kind::string:
            return "string";
        case json_kind::object:
            return "object";
        case json_kind::array:
            return "array";
        case json_kind::binary:
            return "binary";
        case json_kind::discarded:
            break;
    }
    return "discarded";
}

/// One value as a reader met it. For a string, `text` is its content; for a non-integer number, its spelling in
/// the document where the reader has that (the SAX reader does, a DOM does not).
struct json_scalar {
    json_kind kind = json_kind::null;
    std::int64_t integer = 0;
    std::uint64_t unsigned_integer = 0;
    double number = 0;
    std::string_view text{};
};

inline constexpr const char* required_member_is_null = "required member is null";
inline constexpr const char* missing_required_member = "missing required member";
inline constexpr const char* unknown_member = "unknown member";

/// What a C++ member type wants, as error messages say it.
template <class T>
constexpr const char* expected_name() {
    if constexpr (is_optional_v<T>) {
        return expected_name<typename T::value_type>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        return "a string";
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        return "an integer";
    } else if constexpr (std::is_same_v<T, timestamp>) {
        return "a timestamp (an ISO 8601 string or epoch seconds)";
    } else if constexpr (is_vector_v<T>) {
        return "an array";
    } else if constexpr (is_string_map_v<T> || is_described_v<T>) {
        return "an object";
    } else {
        static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
    }
}

// Not a template: one copy of the message building for every member type, and out of line, as errors are rare.
[[gnu::cold, gnu::noinline]] inline std::string expected_message(const char* expected, json_kind found) {
    return std::string("expected ") + expected + ", got " + name_of(found);
}

inline constexpr std::string_view integer_out_of_range = "integer out of range for a 32-bit signed integer";

/// Epoch seconds as a JSON number spells them (-?int(.frac)?([eE][+-]?exp)?), read digit by digit: exact for every
/// instant in range, where a double holds microseconds only until about 2242. Rounds to the nearest microsecond,
/// halves away from zero, as timestamp_from_epoch(double) does. `out` is only written on success.
inline std::string_view timestamp_from_epoch_decimal(std::string_view text, timestamp& out) noexcept {
    const char* p = text.data();
    const char* const end = p + text.size();
    const bool negative = p != end && *p == '-';
    if (negative) ++p;
    const char* const integer_digits = p;
    while (p != end && is_digit(*p))
        ++p;
    const std::ptrdiff_t integer_count = p - integer_digits;
    const char* fraction_digits = p;
    std::ptrdiff_t fraction_count = 0;
    if (p != end && *p == '.') {
        fraction_digits = ++p;
        while (p != end && is_digit(*p))
            ++p;
        fraction_count = p - fraction_digits;
    }
    if (integer_count == 0) return "not a number";
    std::int64_t exponent = 0;
    if (p != end && (*p == 'e' || *p == 'E')) {
        ++p;
        const bool negative_exponent = p != end && *p == '-';
        if (p != end && (*p == '+' || *p == '-')) ++p;
        if (p == end) return "not a number";
        for (; p != end && is_digit(*p); ++p) {
            if (exponent < 100000) exponent = exponent * 10 + (*p - '0');  // far past any instant, either way
        }
        if (negative_exponent) exponent = -exponent;
    }
    if (p != end) return "not a number";

    // The digits as one sequence, integer part then fraction; the decimal point falls after `point` of them.
    const std::ptrdiff_t digit_count = integer_count + fraction_count;
    const auto digit = [&](std::ptrdiff_t k) -> std::uint64_t {
        if (k < 0 || k >= digit_count) return 0;
        return static_cast<std::uint64_t>((k < integer_count ? integer_digits[k] : fraction_digits[k - integer_count]) -
                                          '0');
    };
    const std::ptrdiff_t point = integer_count + static_cast<std::ptrdiff_t>(exponent);
    const auto limit = static_cast<std::uint64_t>(negative ? -earliest_epoch_seconds : latest_epoch_seconds);
    std::uint64_t seconds = 0;
    for (std::ptrdiff_t k = 0; k < point && (k < digit_count || seconds != 0); ++k) {
        seconds = seconds * 10 + digit(k);
        if (seconds > limit) return out_of_range;
    }
    std::uint64_t microseconds = 0;
    for (std::ptrdiff_t k = point; k < point + 6; ++k)
        microseconds = microseconds * 10 + digit(k);
    if (digit(point + 6) >= 5) ++microseconds;

    const std::int64_t magnitude =
        static_cast<std::int64_t>(seconds) * microseconds_per_second + static_cast<std::int64_t>(microseconds);
    const std::int64_t count = negative ? -magnitude : magnitude;
    if (count < earliest_timestamp.time_since_epoch().count() || count > latest_timestamp.time_since_epoch().count())
        return out_of_range;
    out = timestamp{std::chrono::microseconds{count}};
    return {};
}

/// After an object's members are read: an absent optional member becomes nullopt, an absent required one is an
/// error. `was_read(index)` says whether the field at that index was in the object; `fail_missing(key)` throws.
template <class T, class WasRead, class FailMissing>
void finish_members(T& out, WasRead&& was_read, FailMissing&& fail_missing) {
    std::size_t index = 0;
    for_each_field<T>([&](const auto& field) {
        if (!was_read(index)) {
            auto& member = out.*(field.member);
            if constexpr (is_optional_v<std::decay_t<decltype(member)>>) {
                member.reset();
            } else {
                fail_missing(field.key);
            }
        }
        ++index;
    });
}

/// Reads a string, integer or timestamp member; `fail(message)` throws at the reader's current path.
template <class T, class Fail>
void read_scalar(const json_scalar& value, T& out, Fail&& fail) {
    if constexpr (std::is_same_v<T, std::string>) {
        if (value.kind != json_kind::string) fail(expected_message(expected_name<T>(), value.kind));
        out.assign(value.text.data(), value.text.size());
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        constexpr auto min = std::numeric_limits<std::int32_t>::min();
        constexpr auto max = std::numeric_limits<std::int32_t>::max();
        if (value.kind == json_kind::unsigned_integer) {
            if (value.unsigned_integer > static_cast<std::uint64_t>(max)) fail(std::string(integer_out_of_range));
            out = static_cast<std::int32_t>(value.unsigned_integer);
        } else if (value.kind == json_kind::integer) {
            if (value.integer < min || value.integer > max) fail(std::string(integer_out_of_range));
            out = static_cast<std::int32_t>(value.integer);
        } else {
            fail(expected_message(expected_name<T>(), value.kind));
        }
    } else if constexpr (std::is_same_v<T, timestamp>) {
        std::string_view problem;
        if (value.kind == json_kind::string) {
            problem = read_timestamp(value.text, out);
        } else if (value.kind == json_kind::unsigned_integer) {
            problem = timestamp_from_epoch(value.unsigned_integer, out);
        } else if (value.kind == json_kind::integer) {
            problem = timestamp_from_epoch(value.integer, out);
        } else if (value.kind == json_kind::number) {
            problem = value.text.empty() ? timestamp_from_epoch(value.number, out)
                                         : timestamp_from_epoch_decimal(value.text, out);
        } else {
            fail(expected_message(expected_name<T>(), value.kind));
        }
        if (!problem.empty()) fail("invalid timestamp: " + std::string(problem));
    } else {
        static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a DOM (from_json). The value rules are the shared ones above; this walks nlohmann's containers.

template <class Json>
json_kind kind_of(const Json& json) noexcept {
    switch (json.type()) {
        case Json::value_t::null:
            return json_kind::null;
        case Json::value_t::boolean:
            return json_kind::boolean;
        case Json::value_t::number_integer:
            return json_kind::integer;
        case Json::value_t::number_unsigned:
            return json_kind::unsigned_integer;
        case Json::value_t::number_float:
            return json_kind::number;
        case Json::value_t::string:
            return json_kind::string;
        case Json::value_t::object:
            return json_kind::object;
        case Json::value_t::array:
            return json_kind::array;
        case Json::value_t::binary:
            return json_kind::binary;
        case Json::value_t::discarded:
            break;
    }
    return json_kind::discarded;
}

template <class Json>
json_scalar scalar_of(const Json& json) {
    json_scalar scalar{};
    scalar.kind = kind_of(json);
    if (scalar.kind == json_kind::string) {
        scalar.text = json.template get_ref<const typename Json::string_t&>();
    } else if (scalar.kind == json_kind::integer) {
        scalar.integer = json.template get<std::int64_t>();
    } else if (scalar.kind == json_kind::unsigned_integer) {
        scalar.unsigned_integer = json.template get<std::uint64_t>();
    } else if (scalar.kind == json_kind::number) {
        scalar.number = json.template get<double>();  // a DOM keeps no spelling: the double is all there is
    }
    return scalar;
}

template <class Json, class T>
void read_value(const Json& json, T& out, const json_path* at, const parse_options& options);

// Each known key is read into its member; absent members are then checked: optional ones become nullopt,
// required ones are an error. Duplicate keys never reach here: the DOM kept the last one.
template <class Json, class T>
void read_object(const Json& json, T& out, const json_path* at, const parse_options& options) {
    if (!json.is_object()) fail(at, expected_message(expected_name<T>(), kind_of(json)));
    std::array<bool, field_count_v<T>> seen{};
    for (auto entry = json.cbegin(); entry != json.cend(); ++entry) {
        const json_path member_path{at, entry.key()};
        const bool known = visit_field_named<T>(entry.key(), [&](const auto& field, std::size_t index) {
            seen[index] = true;
            auto& member = out.*(field.member);
            if (entry.value().is_null() && !is_optional_v<std::decay_t<decltype(member)>>) {
                fail(&member_path, required_member_is_null);
            }
            read_value(entry.value(), member, &member_path, options);
        });
        if (!known && options.reject_unknown_keys) fail(&member_path, unknown_member);
    }
    finish_members(
        out, [&seen](std::size_t index) { return seen[index]; },
        [at](std::string_view key) {
            const json_path member_path{at, key};
            fail(&member_path, missing_required_member);
        });
}

template <class Json, class T>
void read_value(const Json& json, T& out, const json_path* at, const parse_options& options) {
    if constexpr (is_optional_v<T>) {
        if (json.is_null()) {
            out.reset();
        } else {
            read_value(json, out.emplace(), at, options);
        }
    } else if constexpr (is_vector_v<T>) {
        if (!json.is_array()) fail(at, expected_message(expected_name<T>(), kind_of(json)));
        out.clear();
        out.resize(json.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            const json_path element_path{at, {}, i, true};
            read_value(json[i], out[i], &element_path, options);
        }
    } else if constexpr (is_string_map_v<T>) {
        if (!json.is_object()) fail(at, expected_message(expected_name<T>(), kind_of(json)));
        out.clear();
        for (auto entry = json.cbegin(); entry != json.cend(); ++entry) {
            const json_path member_path{at, entry.key()};
            read_value(entry.value(), out[entry.key()], &member_path, options);
        }
    } else if constexpr (is_described_v<T>) {
        read_object(json, out, at, options);
    } else {
        read_scalar(scalar_of(json), out, [at](const std::string& problem) { fail(at, problem); });
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing, to a DOM (to_json); awsauth::dump writes text directly by the same rules (dump.hpp).
// Absent optionals are omitted, never written as null; members keep model order.

inline constexpr const char* string_not_utf8 = "string is not valid UTF-8";
inline constexpr const char* object_key_not_utf8 = "object key is not valid UTF-8";

[[noreturn, gnu::cold, gnu::noinline]] inline void fail_timestamp_out_of_range(const json_path* at) {
    fail(at, "timestamp " + std::string(out_of_range));
}

template <class Json>
void write_timestamp_value(Json& json, timestamp value, const json_path* at, const dump_options& options) {
    if (value < earliest_timestamp || value > latest_timestamp) fail_timestamp_out_of_range(at);
    std::string text;
    append_timestamp(text, value, options.timestamps);
    if (options.timestamps != timestamp_format::epoch_seconds) {
        json = std::move(text);
    } else if (value.time_since_epoch().count() % microseconds_per_second == 0) {
        json = std::chrono::floor<std::chrono::seconds>(value).time_since_epoch().count();
    } else {
        // nlohmann's own reading of the decimal gives the double nearest to it, whatever the C locale says.
        json = Json::parse(text);
        // A double holds microseconds exactly only up to about 2^33 seconds (the year 2242); past that, refuse
        // rather than write an instant that reads back as another one. awsauth::dump writes the decimal digits
        // and has no such limit: only a DOM needs the double.
        timestamp written{};
        if (!timestamp_from_epoch(json.template get<double>(), written).empty() || written != value) {
            fail(at, "timestamp has more sub-second digits than epoch seconds in a JSON number can hold");
        }
    }
}

template <class Json, class T>
void write_value(Json& json, const T& value, const json_path* at, const dump_options& options) {
    if constexpr (is_optional_v<T>) {
        if (value) {
            write_value(json, *value, at, options);
        } else {
            json = nullptr;
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!is_valid_utf8(value)) fail(at, string_not_utf8);
        json = value;
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        json = value;
    } else if constexpr (std::is_same_v<T, timestamp>) {
        write_timestamp_value(json, value, at, options);
    } else if constexpr (is_vector_v<T>) {
        json = Json::array();
        for (std::size_t i = 0; i < value.size(); ++i) {
            const json_path element_path{at, {}, i, true};
            write_value(json.emplace_back(), value[i], &element_path, options);
        }
    } else if constexpr (is_string_map_v<T>) {
        json = Json::object();
        for (const auto& [key, entry] : value) {
            const json_path member_path{at, key};
            if (!is_valid_utf8(key)) fail(at, object_key_not_utf8);
            write_value(json[key], entry, &member_path, options);
        }
    } else if constexpr (is_described_v<T>) {
        json = Json::object();
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            if constexpr (is_optional_v<std::decay_t<decltype(member)>>) {
                if (!member) return;
            }
            const json_path member_path{at, field.key};
            write_value(json[std::string(field.key)], member, &member_path, options);
        });
    } else {
        static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
    }
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------------------------
// ADL adapters: `j.get<T>()` and `Json j = value;` for every generated struct and any nlohmann::basic_json.
// The generated headers bring these into their namespaces with using-declarations; the constraint keeps them off
// every type that is not ours (std::vector<sts::Tag> stays nlohmann's business).

template <class Json, class T, std::enable_if_t<detail::is_basic_json_v<Json> && is_described_v<T>, int> = 0>
void from_json(const Json& json, T& value) {
    detail::read_value(json, value, nullptr, parse_options{});
}

template <class Json, class T, std::enable_if_t<detail::is_basic_json_v<Json> && is_described_v<T>, int> = 0>
void to_json(Json& json, const T& value) {
    // Built aside and moved in: nlohmann calls this from basic_json's constructor, and a half-written value left in
    // an object whose constructor throws is never destroyed.
    Json result;
    detail::write_value(result, value, nullptr, dump_options{});
    json = std::move(result);
}

}  // namespace awsauth
