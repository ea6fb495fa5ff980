// tests/unit-integers.cpp: the model's two integer types, `integer` (std::int32_t) and `long` (std::int64_t, first
// met as SSO's epoch-millisecond `expiration`), through every JSON codec: both readers (SAX and a DOM), the writer,
// the printer and validation, at the ends of each range and one step past them.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace sso = awsauth::sso;

// A struct described by hand as the generator describes one: a required and an optional `long`, one with the rule
// the model's `min` gives (at_least), and an `integer` beside them.
namespace integers_test {
using awsauth::operator==;
using awsauth::operator!=;
using awsauth::operator<<;

struct Counter {
    std::int64_t total{};
    std::optional<std::int64_t> remaining{};
    std::optional<std::int32_t> page{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<Counter>) noexcept {
    return awsauth::field_list{awsauth::field{"total", &Counter::total},
                               awsauth::field{"remaining", &Counter::remaining, awsauth::at_least(0)},
                               awsauth::field{"page", &Counter::page, awsauth::range(1, 100)}};
}
}  // namespace integers_test

namespace {

using integers_test::Counter;

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

Counter counter_with_total(std::int64_t total) {
    Counter value{};
    value.total = total;
    return value;
}

// Reads `text` with awsauth::parse and with from_json on a DOM of both nlohmann types; all three must agree.
template <class T>
T read_all(const std::string& text) {
    const T from_text = awsauth::parse<T>(text);
    CHECK(nlohmann::json::parse(text).get<T>() == from_text);
    CHECK(nlohmann::ordered_json::parse(text).get<T>() == from_text);
    return from_text;
}

struct failure {
    awsauth::error_kind kind;
    std::string message;
};

// The error reading `text` with awsauth::parse; from_json on a DOM must say the same.
template <class T>
failure failure_of(const std::string& text) {
    failure found{awsauth::error_kind::invalid_json, "(accepted)"};
    try {
        (void)awsauth::parse<T>(text);
    } catch (const awsauth::error& e) {
        found = {e.kind(), e.what()};
    }
    try {
        (void)nlohmann::json::parse(text).get<T>();
        CHECK(found.message == "(accepted)");
    } catch (const awsauth::error& e) {
        CHECK(e.kind() == found.kind);
        CHECK(std::string(e.what()) == found.message);
    }
    return found;
}

std::int64_t total_of(const std::string& literal) {
    return read_all<Counter>(R"({"total":)" + literal + "}").total;
}

failure total_failure(const std::string& literal) {
    return failure_of<Counter>(R"({"total":)" + literal + "}");
}

}  // namespace

TEST_CASE("a long reads the whole std::int64_t range, exactly", "[integers][read]") {
    CHECK(total_of("9223372036854775807") == int64_max);   // nlohmann: number_unsigned
    CHECK(total_of("-9223372036854775808") == int64_min);  // nlohmann: number_integer
    CHECK(total_of("0") == 0);
    CHECK(total_of("-0") == 0);
    CHECK(total_of("-1") == -1);
    // 2^53 + 1 has no double: a reader that went through one would give 2^53.
    CHECK(total_of("9007199254740993") == 9007199254740993);
    CHECK(total_of("-9007199254740993") == -9007199254740993);
    // SSO's expiration as the portal sends it: epoch milliseconds, beyond the int32 range.
    CHECK(total_of("1700000000000") == 1700000000000);
}

TEST_CASE("a long out of range or not an integer is refused as an int32 is, naming its own range", "[integers][read]") {
    const std::string out_of_range = "awsauth: at /total: integer out of range for a 64-bit signed integer";
    for (const char* literal : {"9223372036854775808",   // one past the maximum: nlohmann's number_unsigned
                                "18446744073709551615",  // the largest number_unsigned
                                "-9223372036854775809",  // one past the minimum: nlohmann holds a double
                                "18446744073709551616", "1e20", "-1e19", "1e300", "99999999999999999999999"}) {
        INFO(literal);
        const auto found = total_failure(literal);
        CHECK(found.kind == awsauth::error_kind::out_of_range);
        CHECK(found.message == out_of_range);
    }
    const std::string fraction = "awsauth: at /total: expected an integer, got a non-integer number";
    for (const char* literal : {"1.0", "-0.0", "1e3", "1E3", "9007199254740993.0", "1700000000000.5", "1.7e12"}) {
        INFO(literal);
        const auto found = total_failure(literal);
        CHECK(found.kind == awsauth::error_kind::wrong_type);
        CHECK(found.message == fraction);
    }
    CHECK(total_failure(R"("1700000000000")").message == "awsauth: at /total: expected an integer, got string");
    CHECK(total_failure("null").message == "awsauth: at /total: required member is null");
    // Leading zeros and a plus sign are not JSON: nlohmann refuses them before any integer rule.
    for (const char* literal : {"01", "-01", "+1", "0x10", "00"}) {
        INFO(literal);
        try {
            (void)awsauth::parse<Counter>(R"({"total":)" + std::string(literal) + "}");
            FAIL("awsauth::parse accepted it");
        } catch (const awsauth::error& e) {
            CHECK(e.kind() == awsauth::error_kind::invalid_json);
            CHECK(std::string(e.what()).rfind("awsauth: invalid JSON (byte ", 0) == 0);
        }
    }
    // The int32 beside it keeps its own range.
    CHECK(failure_of<Counter>(R"({"total":0,"page":2147483648})").message ==
          "awsauth: at /page: integer out of range for a 32-bit signed integer");
    CHECK(failure_of<Counter>(R"({"total":0,"page":-9223372036854775809})").message ==
          "awsauth: at /page: integer out of range for a 32-bit signed integer");
}

TEST_CASE("a DOM's three number types each read into a long as their value says", "[integers][read]") {
    nlohmann::json dom = {{"total", std::int64_t{9007199254740993}}};
    REQUIRE(dom["total"].is_number_integer());
    CHECK(dom.get<Counter>().total == 9007199254740993);
    dom["total"] = std::uint64_t{9223372036854775807u};
    REQUIRE(dom["total"].is_number_unsigned());
    CHECK(dom.get<Counter>().total == int64_max);
    dom["total"] = std::uint64_t{9223372036854775808u};
    CHECK_THROWS_WITH(dom.get<Counter>(), "awsauth: at /total: integer out of range for a 64-bit signed integer");
    dom["total"] = 9007199254740993.0;  // the double nearest, 2^53: a number_float, whole or not, is no integer
    REQUIRE(dom["total"].is_number_float());
    CHECK_THROWS_WITH(dom.get<Counter>(), "awsauth: at /total: expected an integer, got a non-integer number");
    dom["total"] = 18446744073709551616.0;
    CHECK_THROWS_WITH(dom.get<Counter>(), "awsauth: at /total: integer out of range for a 64-bit signed integer");
}

TEST_CASE("a long is written as its exact digits and reads back", "[integers][write]") {
    for (const std::int64_t total : {int64_min, int64_min + 1, std::int64_t{-1}, std::int64_t{0},
                                     std::int64_t{9007199254740993}, std::int64_t{1700000000000}, int64_max}) {
        INFO(total);
        const Counter value = counter_with_total(total);
        const std::string expected = R"({"total":)" + std::to_string(total) + "}";
        CHECK(awsauth::dump(value) == expected);
        CHECK(nlohmann::json(value).dump() == expected);
        CHECK(nlohmann::ordered_json(value).dump() == expected);
        CHECK(nlohmann::json(value)["total"].is_number_integer());  // never through a double
        CHECK(read_all<Counter>(awsauth::dump(value)) == value);
    }
    Counter full{int64_max, int64_min, 100};
    CHECK(awsauth::dump(full, {2}) ==
          "{\n  \"total\": 9223372036854775807,\n  \"remaining\": -9223372036854775808,\n"
          "  \"page\": 100\n}");
    CHECK(awsauth::redacted(full) == R"({"total":9223372036854775807,"remaining":-9223372036854775808,"page":100})");
}

TEST_CASE("the integer rule holds a long to its own range, not the int32 one", "[integers][validate]") {
    static_assert(awsauth::rule_fits_v<awsauth::integer_rule, std::int64_t>);
    static_assert(awsauth::rule_fits_v<awsauth::integer_rule, std::optional<std::int64_t>>);
    static_assert(awsauth::rule_fits_v<awsauth::integer_rule, std::int32_t>);
    static_assert(!awsauth::rule_fits_v<awsauth::integer_rule, std::string>);
    static_assert(!awsauth::rule_fits_v<awsauth::string_rule, std::int64_t>);

    Counter value = counter_with_total(int64_min);  // total has no rule
    value.remaining = int64_max;                    // at_least(0): no upper bound, not the int32 maximum
    value.page = 1;
    CHECK(awsauth::validate(value).empty());
    value.remaining = 2147483648;
    CHECK(awsauth::validate(value).empty());
    value.remaining = -1;
    value.page = 101;
    const auto found = awsauth::validate(value);
    REQUIRE(found.size() == 2);
    CHECK(found[0] == awsauth::violation{"/remaining", "must be at least 0 (was -1)"});
    CHECK(found[1] == awsauth::violation{"/page", "must be 1 to 100 (was 101)"});
    value.remaining = int64_min;
    CHECK(awsauth::validate(value)[0].message == "must be at least 0 (was -9223372036854775808)");

    CHECK_THROWS_WITH(awsauth::parse_validated<Counter>(R"({"total":1,"remaining":-5,"page":0})"),
                      "awsauth: at /remaining: must be at least 0 (was -5) (and 1 more violation)");
}

TEST_CASE("SSO's expiration, the library's first long, reads and writes as epoch milliseconds", "[integers][sso]") {
    const std::string text = R"({"roleCredentials":{"accessKeyId":"ASIAEXAMPLEKEYID","secretAccessKey":"s3cr3t",)"
                             R"("sessionToken":"t0k3n","expiration":1700000000000}})";
    const auto response = read_all<sso::GetRoleCredentialsResponse>(text);
    REQUIRE(response.role_credentials);
    CHECK(response.role_credentials->expiration == std::optional<std::int64_t>(1700000000000));
    CHECK(awsauth::dump(response) == text);
    CHECK(awsauth::redacted(response) ==
          R"({"roleCredentials":{"accessKeyId":"ASIAEXAMPLEKEYID",)"
          R"("secretAccessKey":"***","sessionToken":"***","expiration":1700000000000}})");
    // Milliseconds are not seconds: an ISO string or a fraction, which a timestamp member would take, is refused.
    CHECK(failure_of<sso::RoleCredentials>(R"({"expiration":"2023-11-14T22:13:20Z"})").message ==
          "awsauth: at /expiration: expected an integer, got string");
    CHECK(failure_of<sso::RoleCredentials>(R"({"expiration":1.7e12})").message ==
          "awsauth: at /expiration: expected an integer, got a non-integer number");
}
