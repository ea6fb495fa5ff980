// tests/unit-timestamp.cpp: reading and writing timestamps in every spelling AWS producers emit.
// Expected instants come from date's calendar arithmetic or well-known epoch values, never from our own output.
#include "catch.hpp"

#include <awsauth/timestamp.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <date/date.h>

using namespace std::chrono_literals;
using awsauth::timestamp;
using awsauth::timestamp_format;

namespace {

timestamp at(int year, unsigned month, unsigned day, std::chrono::microseconds time_of_day = {}) {
    return timestamp{date::sys_days{date::year{year} / date::month{month} / date::day{day}}} + time_of_day;
}

timestamp from_epoch_microseconds(std::int64_t count) {
    return timestamp{std::chrono::microseconds{count}};
}

const timestamp example = at(2026, 11, 23, 16h + 18min + 43s);  // 2026-11-23T16:18:43Z, epoch second 1795450723

// Rejections must name the problem and never echo the text: the text can sit next to a secret.
void check_rejected(const std::string& text, const std::string& reason_word) {
    CAPTURE(text);
    try {
        (void)awsauth::parse_timestamp(text);
        FAIL("accepted");
    } catch (const awsauth::error& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(message.rfind("awsauth: invalid timestamp: ", 0) == 0);
        CHECK(message.find(reason_word) != std::string::npos);
        if (!text.empty()) CHECK(message.find(text) == std::string::npos);
    }
}

timestamp from_epoch(std::int64_t seconds) {
    timestamp out;
    REQUIRE(awsauth::detail::timestamp_from_epoch(seconds, out).empty());
    return out;
}

timestamp from_epoch(std::uint64_t seconds) {
    timestamp out;
    REQUIRE(awsauth::detail::timestamp_from_epoch(seconds, out).empty());
    return out;
}

timestamp from_epoch(double seconds) {
    timestamp out;
    REQUIRE(awsauth::detail::timestamp_from_epoch(seconds, out).empty());
    return out;
}

template <typename Number>
bool epoch_rejected(Number seconds) {
    const timestamp before = example;
    timestamp out = before;
    const std::string_view problem = awsauth::detail::timestamp_from_epoch(seconds, out);
    return !problem.empty() && out == before;
}

}  // namespace

TEST_CASE("timestamp: the readers never throw") {
    timestamp out;
    STATIC_REQUIRE(noexcept(awsauth::detail::read_timestamp(std::string_view{}, out)));
    STATIC_REQUIRE(noexcept(awsauth::detail::timestamp_from_epoch(std::int64_t{0}, out)));
    STATIC_REQUIRE(noexcept(awsauth::detail::timestamp_from_epoch(std::uint64_t{0}, out)));
    STATIC_REQUIRE(noexcept(awsauth::detail::timestamp_from_epoch(0.0, out)));
}

TEST_CASE("timestamp: the zone spellings") {
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43Z") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43z") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43+00:00") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43-00:00") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43+0000") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43") == example);  // no zone: UTC
    // botocore's credential cache (strftime's %Z of a UTC datetime), the zone name right after the seconds.
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43UTC") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T18:18:43+02:00") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T18:18:43+0200") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T11:48:43-04:30") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23T11:48:43-0430") == example);
    // An offset can move the instant across midnight, month and year ends.
    CHECK(awsauth::parse_timestamp("2027-01-01T01:30:00+02:00") == at(2026, 12, 31, 23h + 30min));
    CHECK(awsauth::parse_timestamp("2026-12-31T22:00:00-23:59") == at(2027, 1, 1, 21h + 59min));
}

TEST_CASE("timestamp: the date and time separators") {
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43+00:00") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23t16:18:43+00:00") == example);
    CHECK(awsauth::parse_timestamp("2026-11-23 16:18:43+00:00") == example);  // Python's str(datetime)
    CHECK(awsauth::parse_timestamp("2026-11-23t16:18:43z") == example);
}

TEST_CASE("timestamp: fractions are truncated to microseconds") {
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.5Z") == example + 500ms);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.359Z") == example + 359ms);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.934820+00:00") == example + 934820us);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.000001Z") == example + 1us);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.123456789Z") == example + 123456us);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.999999999Z") == example + 999999us);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.123456789012Z") == example + 123456us);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.0000009Z") == example);
    // Extra digits must not be mistaken for an offset (date::parse's bug): they are followed by the real one.
    CHECK(awsauth::parse_timestamp("2026-11-23T18:18:43.123456789+02:00") == example + 123456us);
    CHECK(awsauth::parse_timestamp("2026-11-23T16:18:43.123456789") == example + 123456us);
    CHECK(awsauth::parse_timestamp("2026-11-23 16:18:43.359") == example + 359ms);
}

TEST_CASE("timestamp: leap years") {
    CHECK(awsauth::parse_timestamp("2000-02-29T00:00:00Z") == at(2000, 2, 29));
    CHECK(awsauth::parse_timestamp("2024-02-29T12:00:00Z") == at(2024, 2, 29, 12h));
    CHECK(awsauth::parse_timestamp("2000-03-01T00:00:00Z") - awsauth::parse_timestamp("2000-02-28T00:00:00Z") == 48h);
    check_rejected("1900-02-29T00:00:00Z", "day out of range for month");
    check_rejected("2023-02-29T00:00:00Z", "day out of range for month");
}

TEST_CASE("timestamp: the year bounds") {
    CHECK(awsauth::parse_timestamp("0001-01-01T00:00:00Z") == at(1, 1, 1));
    CHECK(awsauth::parse_timestamp("0001-01-01T00:00:00-01:00") == at(1, 1, 1, 1h));
    CHECK(awsauth::parse_timestamp("9999-12-31T23:59:59.999999Z") == at(9999, 12, 31, 24h - 1us));
    CHECK(awsauth::parse_timestamp("9999-12-31T23:59:59+01:00") == at(9999, 12, 31, 22h + 59min + 59s));
    check_rejected("0001-01-01T00:00:00+01:00", "0001 to 9999");
    check_rejected("0001-01-01T00:59:59.999999+01:00", "0001 to 9999");
    check_rejected("9999-12-31T23:59:59-01:00", "0001 to 9999");
    check_rejected("0000-06-15T00:00:00Z", "year out of range");
}

TEST_CASE("timestamp: each malformed spelling is rejected with its reason") {
    check_rejected("", "empty");
    check_rejected("2026-11-23", "ends too early");
    check_rejected("2026-11-23T16:18", "ends too early");
    check_rejected("2026/11/23T16:18:43Z", "expected '-' after the year");
    check_rejected("2026-11/23T16:18:43Z", "expected '-' after the month");
    check_rejected("2026-11-23_16:18:43Z", "expected 'T' or a space");
    check_rejected("2026-11-23T16.18:43Z", "expected ':' after the hour");
    check_rejected("2026-11-23T16:18.43Z", "expected ':' after the minute");
    check_rejected("26-11-23T16:18:43Z", "year must be 4 digits");
    check_rejected("20260-11-23T16:18:43Z", "year must be 4 digits");
    check_rejected("2026-1-23T16:18:43Z", "month must be 2 digits");
    check_rejected("2026-011-23T16:18:43Z", "month must be 2 digits");
    check_rejected("2026-11-3T16:18:43Z", "day must be 2 digits");
    check_rejected("2026-11-233T16:18:43Z", "day must be 2 digits");
    check_rejected("2026-11-23T6:18:43Z", "hour must be 2 digits");
    check_rejected("2026-11-23T16:8:43Z", "minute must be 2 digits");
    check_rejected("2026-11-23T16:18:4Z", "second must be 2 digits");
    check_rejected("2026-11-23T16:18:430Z", "second must be 2 digits");
    check_rejected("2O26-11-23T16:18:43Z", "year must be 4 digits");  // letter O
    check_rejected("2026-1a-23T16:18:43Z", "month must be 2 digits");
    check_rejected("2026-11-2x T16:18:43Z", "day must be 2 digits");
    check_rejected("2026-11-23T1x:18:43Z", "hour must be 2 digits");
    check_rejected("2026-11-23T16:1x:43Z", "minute must be 2 digits");
    check_rejected("2026-11-23T16:18:4xZ", "second must be 2 digits");
    check_rejected("+2026-11-23T16:18:43Z", "year must be 4 digits");
    check_rejected("2026-00-23T16:18:43Z", "month out of range");
    check_rejected("2026-13-23T16:18:43Z", "month out of range");
    check_rejected("2026-11-00T16:18:43Z", "day out of range for month");
    check_rejected("2026-11-31T16:18:43Z", "day out of range for month");
    check_rejected("2026-02-30T16:18:43Z", "day out of range for month");
    check_rejected("2026-11-23T24:00:00Z", "hour out of range");
    check_rejected("2026-11-23T16:60:43Z", "minute out of range");
    check_rejected("2026-12-31T23:59:60Z", "second out of range");
    check_rejected("2026-11-23T16:18:43.Z", "fraction has no digits");
    check_rejected("2026-11-23T16:18:43.", "fraction has no digits");
    check_rejected("2026-11-23T16:18:43+24:00", "offset hours out of range");
    check_rejected("2026-11-23T16:18:43+02:60", "offset minutes out of range");
    check_rejected("2026-11-23T16:18:43+2:00", "offset hours must be 2 digits");
    check_rejected("2026-11-23T16:18:43+02", "offset minutes must be 2 digits");
    check_rejected("2026-11-23T16:18:43+02:0", "offset minutes must be 2 digits");
    check_rejected("2026-11-23T16:18:43ZSECRETTOKEN", "unexpected text after the time zone");
    check_rejected("2026-11-23T16:18:43+02:00Z", "unexpected text after the time zone");
    check_rejected("2026-11-23T16:18:43+020000", "unexpected text after the time zone");
    check_rejected("2026-11-23T16:18:43 ", "unexpected text after the seconds");
    check_rejected("2026-11-23T16:18:43 UTC", "unexpected text after the seconds");
    check_rejected("2026-11-23T16:18:43UTCX", "unexpected text after the seconds");
    check_rejected("2026-11-23T16:18:43utc", "unexpected text after the seconds");
    check_rejected("2026-11-23T16:18:43UT", "unexpected text after the seconds");
    check_rejected("2026-11-23T16:18:43,359Z", "unexpected text after the seconds");
    check_rejected(" 2026-11-23T16:18:43Z", "year must be 4 digits");
}

TEST_CASE("timestamp: a failed read leaves the output alone") {
    timestamp out = example;
    CHECK(!awsauth::detail::read_timestamp("2026-02-30T00:00:00Z", out).empty());
    CHECK(out == example);
    CHECK(awsauth::detail::read_timestamp("2000-02-29T00:00:00Z", out).empty());
    CHECK(out == at(2000, 2, 29));
}

TEST_CASE("timestamp: reading text does not depend on a terminating null") {
    const std::string_view longer = "2026-11-23T16:18:43.359Z and more";
    CHECK(awsauth::parse_timestamp(longer.substr(0, 19)) == example);
    CHECK(awsauth::parse_timestamp(longer.substr(0, 23)) == example + 359ms);
    CHECK(awsauth::parse_timestamp(longer.substr(0, 24)) == example + 359ms);
}

TEST_CASE("timestamp: integral epoch seconds") {
    CHECK(from_epoch(std::int64_t{0}) == at(1970, 1, 1));
    CHECK(from_epoch(std::int64_t{951782400}) == at(2000, 2, 29));
    CHECK(from_epoch(std::int64_t{1795450723}) == example);
    CHECK(from_epoch(std::int64_t{1795537123}) == at(2026, 11, 24, 16h + 18min + 43s));
    CHECK(from_epoch(std::int64_t{-1}) == at(1969, 12, 31, 23h + 59min + 59s));
    CHECK(from_epoch(std::int64_t{-86400}) == at(1969, 12, 31));
    // 0001-01-01 and 9999-12-31T23:59:59 as seconds since 1970, the limits of Python's datetime.
    CHECK(from_epoch(std::int64_t{-62135596800}) == at(1, 1, 1));
    CHECK(from_epoch(std::int64_t{253402300799}) == at(9999, 12, 31, 23h + 59min + 59s));
    CHECK(epoch_rejected(std::int64_t{-62135596801}));
    CHECK(epoch_rejected(std::int64_t{253402300800}));
    CHECK(epoch_rejected(std::numeric_limits<std::int64_t>::min()));
    CHECK(epoch_rejected(std::numeric_limits<std::int64_t>::max()));
}

TEST_CASE("timestamp: unsigned epoch seconds") {
    CHECK(from_epoch(std::uint64_t{0}) == at(1970, 1, 1));
    CHECK(from_epoch(std::uint64_t{951782400}) == at(2000, 2, 29));
    CHECK(from_epoch(std::uint64_t{1795450723}) == example);
    CHECK(from_epoch(std::uint64_t{253402300799}) == at(9999, 12, 31, 23h + 59min + 59s));
    CHECK(epoch_rejected(std::uint64_t{253402300800}));
    CHECK(epoch_rejected(std::uint64_t{1} << 63));
    CHECK(epoch_rejected(std::numeric_limits<std::uint64_t>::max()));
}

TEST_CASE("timestamp: floating epoch seconds") {
    CHECK(from_epoch(0.0) == at(1970, 1, 1));
    CHECK(from_epoch(-0.0) == at(1970, 1, 1));
    CHECK(from_epoch(951782400.0) == at(2000, 2, 29));
    CHECK(from_epoch(1795450723.0) == example);
    CHECK(from_epoch(1795450723.25) == example + 250ms);
    CHECK(from_epoch(1795450723.359) == example + 359ms);  // .359 is not exact in binary; rounding recovers it
    CHECK(from_epoch(1.7955371E9) == at(2026, 11, 24, 16h + 18min + 20s));  // exponent form, as some JSON writers emit
    CHECK(from_epoch(0.0000004) == at(1970, 1, 1));
    CHECK(from_epoch(0.0000006) == at(1970, 1, 1) + 1us);
    CHECK(from_epoch(-0.0000006) == at(1970, 1, 1) - 1us);
    CHECK(from_epoch(-1.5) == at(1969, 12, 31, 23h + 59min + 58s + 500ms));
    CHECK(from_epoch(-62135596800.0) == at(1, 1, 1));
    CHECK(from_epoch(253402300799.0) == at(9999, 12, 31, 23h + 59min + 59s));
    CHECK(epoch_rejected(std::numeric_limits<double>::quiet_NaN()));
    CHECK(epoch_rejected(std::numeric_limits<double>::infinity()));
    CHECK(epoch_rejected(-std::numeric_limits<double>::infinity()));
    CHECK(epoch_rejected(-62135596800.5));
    CHECK(epoch_rejected(253402300800.0));
    CHECK(epoch_rejected(1e300));
    CHECK(epoch_rejected(-1e300));
}

TEST_CASE("timestamp: writing iso8601, Python's isoformat()") {
    CHECK(awsauth::format_timestamp(example) == "2026-11-23T16:18:43+00:00");
    CHECK(awsauth::format_timestamp(example, timestamp_format::iso8601) == "2026-11-23T16:18:43+00:00");
    CHECK(awsauth::format_timestamp(example + 359ms) == "2026-11-23T16:18:43.359000+00:00");
    CHECK(awsauth::format_timestamp(example + 1us) == "2026-11-23T16:18:43.000001+00:00");
    CHECK(awsauth::format_timestamp(at(1970, 1, 1)) == "1970-01-01T00:00:00+00:00");
    CHECK(awsauth::format_timestamp(at(2000, 2, 29)) == "2000-02-29T00:00:00+00:00");
    CHECK(awsauth::format_timestamp(at(1969, 12, 31, 24h - 1us)) == "1969-12-31T23:59:59.999999+00:00");
    CHECK(awsauth::format_timestamp(at(1, 1, 1)) == "0001-01-01T00:00:00+00:00");
    CHECK(awsauth::format_timestamp(at(9999, 12, 31, 24h - 1us)) == "9999-12-31T23:59:59.999999+00:00");
}

TEST_CASE("timestamp: writing iso8601_z") {
    CHECK(awsauth::format_timestamp(example, timestamp_format::iso8601_z) == "2026-11-23T16:18:43Z");
    CHECK(awsauth::format_timestamp(example + 359ms, timestamp_format::iso8601_z) == "2026-11-23T16:18:43.359000Z");
    CHECK(awsauth::format_timestamp(at(1, 1, 1), timestamp_format::iso8601_z) == "0001-01-01T00:00:00Z");
    CHECK(awsauth::format_timestamp(at(1969, 12, 31, 24h - 1us), timestamp_format::iso8601_z) ==
          "1969-12-31T23:59:59.999999Z");
}

TEST_CASE("timestamp: writing epoch_seconds") {
    const auto epoch = [](timestamp value) {
        return awsauth::format_timestamp(value, timestamp_format::epoch_seconds);
    };
    CHECK(epoch(at(1970, 1, 1)) == "0");
    CHECK(epoch(at(2000, 2, 29)) == "951782400");
    CHECK(epoch(example) == "1795450723");
    CHECK(epoch(example + 359ms) == "1795450723.359");
    CHECK(epoch(example + 250ms) == "1795450723.25");
    CHECK(epoch(example + 1us) == "1795450723.000001");
    CHECK(epoch(example + 934820us) == "1795450723.93482");
    CHECK(epoch(at(1970, 1, 1) + 1us) == "0.000001");
    // Before 1970 the text is the signed decimal value, not floor seconds plus a positive fraction.
    CHECK(epoch(at(1970, 1, 1) - 1s) == "-1");
    CHECK(epoch(at(1970, 1, 1) - 1500ms) == "-1.5");
    CHECK(epoch(at(1970, 1, 1) - 500ms) == "-0.5");
    CHECK(epoch(at(1970, 1, 1) - 1us) == "-0.000001");
    CHECK(epoch(at(1, 1, 1)) == "-62135596800");
    CHECK(epoch(at(9999, 12, 31, 24h - 1us)) == "253402300799.999999");
}

TEST_CASE("timestamp: append_timestamp appends") {
    std::string text = "\"expiration\":";
    awsauth::detail::append_timestamp(text, example + 359ms, timestamp_format::epoch_seconds);
    text += ",\"at\":\"";
    awsauth::detail::append_timestamp(text, example, timestamp_format::iso8601_z);
    text += '"';
    CHECK(text == "\"expiration\":1795450723.359,\"at\":\"2026-11-23T16:18:43Z\"");
}

TEST_CASE("timestamp: instants outside 0001..9999 are not written") {
    for (const auto format :
         {timestamp_format::iso8601, timestamp_format::iso8601_z, timestamp_format::epoch_seconds}) {
        CHECK_THROWS_AS(awsauth::format_timestamp(at(1, 1, 1) - 1us, format), awsauth::error);
        CHECK_THROWS_AS(awsauth::format_timestamp(at(10000, 1, 1), format), awsauth::error);
        CHECK_THROWS_AS(awsauth::format_timestamp(timestamp::min(), format), awsauth::error);
        CHECK_THROWS_AS(awsauth::format_timestamp(timestamp::max(), format), awsauth::error);
    }
}

TEST_CASE("timestamp: round trips text to timestamp to text") {
    for (const std::string text :
         {"2026-11-23T16:18:43+00:00", "2026-11-23T16:18:43.359000+00:00", "0001-01-01T00:00:00+00:00",
          "9999-12-31T23:59:59.999999+00:00", "1969-12-31T23:59:59.000001+00:00"}) {
        CHECK(awsauth::format_timestamp(awsauth::parse_timestamp(text), timestamp_format::iso8601) == text);
    }
    for (const std::string text : {"2026-11-23T16:18:43Z", "2026-11-23T16:18:43.359000Z", "2000-02-29T00:00:00Z",
                                   "1900-03-01T12:00:00.500000Z"}) {
        CHECK(awsauth::format_timestamp(awsauth::parse_timestamp(text), timestamp_format::iso8601_z) == text);
    }
    // epoch_seconds text comes back through the double reader, as a JSON number would.
    for (const std::string text : {"1795450723", "1795450723.359", "1795450723.25", "0", "-1.5", "951782400.000001"}) {
        CHECK(awsauth::format_timestamp(from_epoch(std::stod(text)), timestamp_format::epoch_seconds) == text);
    }
    // Other spellings come back in the canonical one.
    CHECK(awsauth::format_timestamp(awsauth::parse_timestamp("2026-11-23 18:18:43.359+0200")) ==
          "2026-11-23T16:18:43.359000+00:00");
    CHECK(awsauth::format_timestamp(awsauth::parse_timestamp("2026-11-23t16:18:43.123456789z"),
                                    timestamp_format::iso8601_z) == "2026-11-23T16:18:43.123456Z");
}

TEST_CASE("timestamp: writing agrees with date::format across the whole range") {
    // date::format is slow but independent: it always writes six fraction digits, Python drops ".000000".
    constexpr std::int64_t first = -62135596800LL * 1'000'000;
    constexpr std::int64_t last = 253402300800LL * 1'000'000 - 1;
    constexpr std::int64_t step = (last - first) / 2003 + 7919;  // uneven, to hit varied dates and microseconds
    for (std::int64_t count = first; count <= last; count += step) {
        const timestamp value = from_epoch_microseconds(count);
        std::string expected = date::format("%Y-%m-%dT%H:%M:%S", value);
        if (expected.size() > 7 && expected.compare(expected.size() - 7, 7, ".000000") == 0)
            expected.resize(expected.size() - 7);
        CAPTURE(count);
        CHECK(awsauth::format_timestamp(value, timestamp_format::iso8601_z) == expected + "Z");
        CHECK(awsauth::parse_timestamp(expected + "+00:00") == value);
    }
}
