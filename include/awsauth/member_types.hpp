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

}  // namespace detail
AWSAUTH_END_NAMESPACE
