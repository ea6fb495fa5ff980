// awsauth/timestamp.hpp: reading and writing the instants in AWS credentials (Expiration, expiration).
// Hand-written on date's calendar types: date::parse is slow and misreads long fractions as offsets.
#pragma once

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>

#include <date/date.h>

#include <awsauth/error.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/version.hpp>

AWSAUTH_BEGIN_NAMESPACE

static_assert(std::is_same_v<timestamp, date::sys_time<std::chrono::microseconds>>,
              "awsauth::timestamp is date's sys_time in microseconds");

/// How a timestamp is written.
enum class timestamp_format {
    /// 2026-11-23T16:18:43+00:00 / 2026-11-23T16:18:43.359000+00:00: Python's isoformat(), AWS CLI v2, boto3.
    iso8601,
    /// 2026-11-23T16:18:43Z / 2026-11-23T16:18:43.359000Z
    iso8601_z,
    /// 1795450723 / 1795450723.359, the EKS Auth wire form: an integer when there is no sub-second part, else a
    /// decimal with up to 6 digits and trailing zeros trimmed.
    epoch_seconds,
};

namespace detail {

// ---------------------------------------------------------------------------------------------------------------
// Range: member_types.hpp's in_supported_range, as instants.

inline constexpr timestamp earliest_timestamp{std::chrono::microseconds{earliest_timestamp_microseconds}};
inline constexpr timestamp latest_timestamp{std::chrono::microseconds{latest_timestamp_microseconds}};
static_assert(earliest_timestamp == timestamp{date::sys_days{date::year{1} / 1 / 1}}, "0001-01-01T00:00:00");
static_assert(latest_timestamp == timestamp{date::sys_days{date::year{9999} / 12 / 31} + std::chrono::hours{24} -
                                            std::chrono::microseconds{1}},
              "9999-12-31T23:59:59.999999");

inline constexpr std::int64_t microseconds_per_second = 1'000'000;
inline constexpr std::int64_t earliest_epoch_seconds =
    std::chrono::duration_cast<std::chrono::seconds>(earliest_timestamp.time_since_epoch()).count();
inline constexpr std::int64_t latest_epoch_seconds =
    std::chrono::duration_cast<std::chrono::seconds>(latest_timestamp.time_since_epoch()).count();

inline constexpr std::string_view out_of_range = "outside the years 0001 to 9999";

// ---------------------------------------------------------------------------------------------------------------
// Reading. Reasons are fixed strings and never quote the text: callers embed them in errors about secret payloads.

inline bool is_digit(char c) noexcept {
    return static_cast<unsigned>(c - '0') < 10u;
}

// Fixed-width fields keep "2026-1-5" and "20260-01-05" from being read as something the producer did not mean.
inline bool read_digits(const char*& p, const char* end, int count, int& value) noexcept {
    if (end - p < count) return false;
    int result = 0;
    for (int i = 0; i < count; ++i) {
        if (!is_digit(p[i])) return false;
        result = result * 10 + (p[i] - '0');
    }
    p += count;
    value = result;
    return true;
}

// The fixed layout YYYY-MM-DDTHH:MM:SS, one field at a time: its width, and what may follow it.
struct layout_field {
    int digits;
    std::string_view wrong_width;
    std::string_view separators;  // empty for the last field
    std::string_view wrong_separator;
};

inline constexpr layout_field layout_fields[] = {
    {4, "year must be 4 digits", "-", "expected '-' after the year"},
    {2, "month must be 2 digits", "-", "expected '-' after the month"},
    {2, "day must be 2 digits", "Tt ", "expected 'T' or a space between date and time"},
    {2, "hour must be 2 digits", ":", "expected ':' after the hour"},
    {2, "minute must be 2 digits", ":", "expected ':' after the minute"},
    {2, "second must be 2 digits", "", ""},
};

// The slow path, taken only when the fixed layout does not match: finds which field is wrong.
inline std::string_view layout_problem(std::string_view text) noexcept {
    if (text.empty()) return "empty";
    const char* p = text.data();
    const char* const end = p + text.size();
    int value = 0;
    for (const auto& field : layout_fields) {
        if (!read_digits(p, end, field.digits, value)) return field.wrong_width;
        if (field.separators.empty()) break;
        if (p == end) return "ends too early";
        // A digit where a separator belongs means the field before it was too long, the more useful complaint.
        if (field.separators.find(*p) == std::string_view::npos)
            return is_digit(*p) ? field.wrong_width : field.wrong_separator;
        ++p;
    }
    return "malformed date and time";  // unreachable while this mirrors the fast check
}

// Both digits are checked by the caller through `bad`, so the fast path has a single branch for all of them.
inline int two_digits(const char* p, bool& bad) noexcept {
    const unsigned tens = static_cast<unsigned>(p[0] - '0');
    const unsigned ones = static_cast<unsigned>(p[1] - '0');
    bad |= (tens > 9) | (ones > 9);
    return static_cast<int>(tens * 10 + ones);
}

/// Reads ISO 8601 / RFC 3339 text as every known producer writes it; `out` is only written on success.
/// Returns "" on success, else what is wrong.
inline std::string_view read_timestamp(std::string_view text, timestamp& out) noexcept {
    const char* p = text.data();
    const char* const end = p + text.size();
    // Python's str(datetime) puts a space between date and time; RFC 3339 allows a lowercase t.
    if (text.size() < 19 || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != 't' && p[10] != ' ') ||
        p[13] != ':' || p[16] != ':')
        return layout_problem(text);
    bool bad = false;
    const int year = two_digits(p, bad) * 100 + two_digits(p + 2, bad);
    const int month = two_digits(p + 5, bad);
    const int day = two_digits(p + 8, bad);
    const int hour = two_digits(p + 11, bad);
    const int minute = two_digits(p + 14, bad);
    const int second = two_digits(p + 17, bad);
    if (bad) return layout_problem(text);
    p += 19;

    if (year < 1) return "year out of range";
    if (month < 1 || month > 12) return "month out of range";
    const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                   date::day{static_cast<unsigned>(day)}};
    if (day < 1 || (day > 28 && !ymd.ok())) return "day out of range for month";
    if (hour > 23) return "hour out of range";
    if (minute > 59) return "minute out of range";
    if (second > 59) return "second out of range";  // no leap seconds: neither Python nor sys_time has them

    // Producers write 3, 6 or 9 digits (Go and Java write nanoseconds); truncating keeps an expiry from moving later.
    std::int64_t microseconds = 0;
    if (p != end && *p == '.') {
        const char* const first = ++p;
        while (p != end && is_digit(*p)) {
            if (p - first < 6) microseconds = microseconds * 10 + (*p - '0');
            ++p;
        }
        if (p == first) return "fraction has no digits";
        for (auto kept = p - first; kept < 6; ++kept)
            microseconds *= 10;
    }

    // A missing zone is read as UTC: AWS CLI skeletons and some SDK mocks print naive datetimes.
    std::int64_t offset_minutes = 0;
    if (p != end) {
        const char zone = *p;
        if (zone == 'Z' || zone == 'z') {
            ++p;
        } else if (end - p == 3 && std::string_view(p, 3) == "UTC") {
            // botocore's own credential cache files: strftime("%Y-%m-%dT%H:%M:%S%Z") of an aware UTC datetime.
            p += 3;
        } else if (zone == '+' || zone == '-') {
            ++p;
            int offset_hours = 0, offset_minute_part = 0;
            if (!read_digits(p, end, 2, offset_hours)) return "offset hours must be 2 digits";
            if (p != end && *p == ':') ++p;  // +HH:MM and the basic form +HHMM are both in the wild
            if (!read_digits(p, end, 2, offset_minute_part)) return "offset minutes must be 2 digits";
            if (offset_hours > 23) return "offset hours out of range";
            if (offset_minute_part > 59) return "offset minutes out of range";
            const int offset = offset_hours * 60 + offset_minute_part;
            offset_minutes = zone == '-' ? -offset : offset;
        } else {
            return is_digit(zone) ? "second must be 2 digits" : "unexpected text after the seconds";
        }
        if (p != end) return "unexpected text after the time zone";
    }

    const std::int64_t days = date::sys_days{ymd}.time_since_epoch().count();
    const int second_of_day = hour * 3600 + minute * 60 + second;
    const std::int64_t seconds = days * 86400 + second_of_day - offset_minutes * 60;
    const std::int64_t count = seconds * microseconds_per_second + microseconds;
    if (!in_supported_range(count)) return out_of_range;
    out = timestamp{std::chrono::microseconds{count}};
    return {};
}

/// Whole seconds since 1970-01-01T00:00:00Z; `out` is only written on success.
inline std::string_view timestamp_from_epoch(std::int64_t seconds, timestamp& out) noexcept {
    if (seconds < earliest_epoch_seconds || seconds > latest_epoch_seconds) return out_of_range;
    out = timestamp{std::chrono::seconds{seconds}};
    return {};
}

/// JSON readers hand over non-negative integers as unsigned.
inline std::string_view timestamp_from_epoch(std::uint64_t seconds, timestamp& out) noexcept {
    if (seconds > static_cast<std::uint64_t>(latest_epoch_seconds)) return out_of_range;
    return timestamp_from_epoch(static_cast<std::int64_t>(seconds), out);
}

/// Seconds since the epoch, rounded to the nearest microsecond; `out` is only written on success.
inline std::string_view timestamp_from_epoch(double seconds, timestamp& out) noexcept {
    if (!std::isfinite(seconds)) return "not a finite number";
    // Rounding only the fraction keeps its precision: a whole 1.8e15 microsecond count has no room left for it.
    double whole = 0;
    const double fraction = std::modf(seconds, &whole);
    if (whole < static_cast<double>(earliest_epoch_seconds) || whole > static_cast<double>(latest_epoch_seconds))
        return out_of_range;
    const std::int64_t count = static_cast<std::int64_t>(whole) * microseconds_per_second +
                               static_cast<std::int64_t>(std::round(fraction * 1e6));
    if (!in_supported_range(count)) return out_of_range;
    out = timestamp{std::chrono::microseconds{count}};
    return {};
}

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
    if (!in_supported_range(count)) return out_of_range;
    out = timestamp{std::chrono::microseconds{count}};
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

inline char* write_digits(char* p, std::uint64_t value, int count) noexcept {
    for (int i = count - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return p + count;
}

/// Appends the text; for epoch_seconds the bare number, without quotes.
/// Throws awsauth::error for instants outside 0001..9999, which nothing we read can produce.
inline void append_timestamp(std::string& out, timestamp value, timestamp_format format) {
    if (!in_supported_range(value))
        throw error(error_kind::invalid_timestamp, "cannot write a timestamp " + std::string(out_of_range));
    char buffer[40];
    char* p = buffer;

    if (format == timestamp_format::epoch_seconds) {
        // Sign and magnitude, not floor: -1.5 s is "-1.5", where floor division would give -2 and .5.
        const std::int64_t count = value.time_since_epoch().count();
        const std::uint64_t magnitude =
            count < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
        if (count < 0) *p++ = '-';
        p = std::to_chars(p, std::end(buffer), magnitude / microseconds_per_second).ptr;
        std::uint64_t fraction = magnitude % microseconds_per_second;
        if (fraction != 0) {
            int digits = 6;
            for (; fraction % 10 == 0; fraction /= 10)
                --digits;
            *p++ = '.';
            p = write_digits(p, fraction, digits);
        }
        out.append(buffer, p);
        return;
    }

    const auto day = date::floor<date::days>(value);
    const date::year_month_day ymd{day};
    const auto time_of_day = static_cast<std::uint64_t>((value - day).count());
    const std::uint64_t seconds_of_day = time_of_day / microseconds_per_second;
    const std::uint64_t fraction = time_of_day % microseconds_per_second;

    p = write_digits(p, static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4);
    *p++ = '-';
    p = write_digits(p, static_cast<unsigned>(ymd.month()), 2);
    *p++ = '-';
    p = write_digits(p, static_cast<unsigned>(ymd.day()), 2);
    *p++ = 'T';
    p = write_digits(p, seconds_of_day / 3600, 2);
    *p++ = ':';
    p = write_digits(p, seconds_of_day / 60 % 60, 2);
    *p++ = ':';
    p = write_digits(p, seconds_of_day % 60, 2);
    // Python's isoformat() drops the fraction when it is zero and otherwise always writes six digits.
    if (fraction != 0) {
        *p++ = '.';
        p = write_digits(p, fraction, 6);
    }
    if (format == timestamp_format::iso8601_z) {
        *p++ = 'Z';
    } else {
        constexpr std::string_view utc = "+00:00";
        p = std::copy(utc.begin(), utc.end(), p);
    }
    out.append(buffer, p);
}

}  // namespace detail

/// Reads ISO 8601 / RFC 3339 text (see detail::read_timestamp); throws awsauth::error without quoting the text.
inline timestamp parse_timestamp(std::string_view text) {
    timestamp result;
    if (const auto problem = detail::read_timestamp(text, result); !problem.empty())
        throw error(error_kind::invalid_timestamp, "invalid timestamp: " + std::string(problem));
    return result;
}

/// The default is what boto3 and AWS CLI v2 write, so our output diffs cleanly against theirs.
inline std::string format_timestamp(timestamp value, timestamp_format format = timestamp_format::iso8601) {
    std::string text;
    text.reserve(32);
    detail::append_timestamp(text, value, format);
    return text;
}

AWSAUTH_END_NAMESPACE
