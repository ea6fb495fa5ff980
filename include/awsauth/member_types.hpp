// awsauth/member_types.hpp: the C++ types a generated struct's members are made of, and the traits that tell them
// apart. The model headers need these and nothing heavier: the timestamp type, not the timestamp parser.
#pragma once

#include <awsauth/version.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE

/// An instant in UTC with the precision of Python's datetime. The same type as date::sys_time<microseconds>.
using timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

namespace detail {

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
inline constexpr bool is_list_v = false;
template <class T>
inline constexpr bool is_list_v<std::vector<T>> = true;

/// The model's integer types: `integer` as std::int32_t, `long` as std::int64_t (SSO's epoch-millisecond
/// `expiration`). Each codec handles both in one specialization, so one rule reads, writes and checks them.
template <class T>
inline constexpr bool is_integer_member_v = std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t>;

template <class T>
inline constexpr bool is_string_map_v = std::is_same_v<T, std::map<std::string, std::string>>;

template <class>
inline constexpr bool dependent_false_v = false;

// The instants every reader and writer accepts: what Python's datetime holds (the years 0001 to 9999), so every one
// can be handed back to boto3 and the CLI. As plain counts, so that the model tier needs no calendar library;
// timestamp.hpp checks them against date's calendar.
inline constexpr std::int64_t earliest_timestamp_microseconds = -62'135'596'800'000'000;
inline constexpr std::int64_t latest_timestamp_microseconds = 253'402'300'799'999'999;

/// The one range rule every reader and writer applies: microseconds since the epoch within the years 0001 to 9999.
constexpr bool in_supported_range(std::int64_t microseconds) noexcept {
    return microseconds >= earliest_timestamp_microseconds && microseconds <= latest_timestamp_microseconds;
}
constexpr bool in_supported_range(timestamp value) noexcept {
    return in_supported_range(value.time_since_epoch().count());
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
