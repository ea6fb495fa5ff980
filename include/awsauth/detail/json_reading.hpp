// awsauth/detail/json_reading.hpp: the reading rules both JSON readers share, awsauth::parse (SAX events,
// parse.hpp) and the nlohmann adapters (a DOM, json.hpp). Each reader turns what it meets into a json_scalar or a
// json_kind; what that becomes for each member type, and every message, is here, once.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

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
/// What every codec says of an integer outside its member type's range: the range, named by the type.
template <class Integer>
inline constexpr std::string_view integer_out_of_range = sizeof(Integer) == sizeof(std::int32_t)
                                                             ? "integer out of range for a 32-bit signed integer"
                                                             : "integer out of range for a 64-bit signed integer";

// Not a template: one copy of the message building for every member type, and out of line, as errors are rare.
[[gnu::cold, gnu::noinline]] inline std::string expected_message(const char* expected, json_kind found) {
    return std::string("expected ") + expected + ", got " + name_of(found);
}

/// Reading a member of type T from JSON, one specialization per member type: `expected` says what JSON value it
/// wants (as messages say it); for a scalar type, read(value, out, fail) converts what a reader met, calling
/// fail(kind, message) (which throws at the reader's current path) when it cannot.
template <class T, class = void>
struct json_reading {
    static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
};

template <>
struct json_reading<std::string> {
    static constexpr const char* expected = "a string";
    template <class Fail>
    static void read(const json_scalar& value, std::string& out, Fail&& fail) {
        if (value.kind != json_kind::string) fail(error_kind::wrong_type, expected_message(expected, value.kind));
        out.assign(value.text.data(), value.text.size());
    }
};

// nlohmann hands over an integer too large for its 64-bit integers as a double. Whatever its spelling, a number at or
// beyond 2^64 or -2^63 is out of range for both integer types; judged by its value alone, so that the SAX reader,
// which sees the spelling, and a DOM, which keeps only the double, say the same.
inline bool is_beyond_64_bits(const json_scalar& value) noexcept {
    constexpr double two_to_the_63 = 9223372036854775808.0;
    return value.kind == json_kind::number && (value.number >= 2 * two_to_the_63 || value.number <= -two_to_the_63);
}

// One rule for the model's `integer` (std::int32_t) and `long` (std::int64_t): a JSON integer in the type's range.
// A fraction or an exponent is refused even when the value is whole (900.0, 9e2), as botocore's own writers never
// send one; an integer beyond the range is out_of_range, never wrapped.
template <class Integer>
struct json_reading<Integer, std::enable_if_t<is_integer_member_v<Integer>>> {
    static constexpr const char* expected = "an integer";
    template <class Fail>
    static void read(const json_scalar& value, Integer& out, Fail&& fail) {
        constexpr auto min = std::numeric_limits<Integer>::min();
        constexpr auto max = std::numeric_limits<Integer>::max();
        if (value.kind == json_kind::unsigned_integer) {
            if (value.unsigned_integer > static_cast<std::uint64_t>(max))
                fail(error_kind::out_of_range, std::string(integer_out_of_range<Integer>));
            out = static_cast<Integer>(value.unsigned_integer);
        } else if (value.kind == json_kind::integer) {
            if constexpr (min > std::numeric_limits<std::int64_t>::min()) {
                if (value.integer < min || value.integer > max)
                    fail(error_kind::out_of_range, std::string(integer_out_of_range<Integer>));
            }
            out = static_cast<Integer>(value.integer);
        } else if (is_beyond_64_bits(value)) {
            fail(error_kind::out_of_range, std::string(integer_out_of_range<Integer>));
        } else {
            fail(error_kind::wrong_type, expected_message(expected, value.kind));
        }
    }
};

template <>
struct json_reading<timestamp> {
    static constexpr const char* expected = "a timestamp (an ISO 8601 string or epoch seconds)";
    template <class Fail>
    static void read(const json_scalar& value, timestamp& out, Fail&& fail) {
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
            fail(error_kind::wrong_type, expected_message(expected, value.kind));
        }
        if (!problem.empty()) fail(error_kind::invalid_timestamp, "invalid timestamp: " + std::string(problem));
    }
};

template <class T>
struct json_reading<std::optional<T>> {
    static constexpr const char* expected = json_reading<T>::expected;
};

template <class T>
struct json_reading<std::vector<T>> {
    static constexpr const char* expected = "an array";
};

template <>
struct json_reading<std::map<std::string, std::string>> {
    static constexpr const char* expected = "an object";
};

template <class T>
struct json_reading<T, std::enable_if_t<is_described_v<T>>> {
    static constexpr const char* expected = "an object";
};

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

}  // namespace detail
AWSAUTH_END_NAMESPACE
