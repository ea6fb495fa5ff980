// tests/secrets.hpp: what counts as a leaked secret, written once for the unit tests and the fuzz targets.
// A text leaks a secret when it holds any run of 8 or more consecutive bytes of it: enough to tell a key apart.
#pragma once

#include <awsauth/fields.hpp>
#include <awsauth/timestamp.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace awsauth_test {

inline constexpr std::size_t leak_run = 8;

/// True when `text` holds `leak_run` or more consecutive bytes of `secret`. Every longer run holds a run of exactly
/// `leak_run` bytes, so looking for each window of that size is enough. A secret shorter than that cannot leak a run.
inline bool holds_run_of(std::string_view text, std::string_view secret) {
    if (secret.size() < leak_run) return false;
    for (std::size_t start = 0; start + leak_run <= secret.size(); ++start) {
        if (text.find(secret.substr(start, leak_run)) != std::string_view::npos) return true;
    }
    return false;
}

/// The first of `secrets` that `text` holds a run of, or nullptr.
inline const std::string* leaked_secret(std::string_view text, const std::set<std::string>& secrets) {
    for (const auto& secret : secrets) {
        if (holds_run_of(text, secret)) return &secret;
    }
    return nullptr;
}

namespace detail {

// Every string in a value; `secret` says whether it sits under a secret member or in a secret shape.
inline void collect_strings(const std::string& value, bool secret, std::set<std::string>& secrets,
                            std::set<std::string>& shown) {
    (secret ? secrets : shown).insert(value);
}
inline void collect_strings(std::int32_t, bool, std::set<std::string>&, std::set<std::string>&) {}
inline void collect_strings(awsauth::timestamp, bool, std::set<std::string>&, std::set<std::string>&) {}
inline void collect_strings(const std::map<std::string, std::string>& value, bool secret,
                            std::set<std::string>& secrets, std::set<std::string>& shown) {
    for (const auto& [key, entry] : value) {
        (secret ? secrets : shown).insert(key);
        (secret ? secrets : shown).insert(entry);
    }
}
template <class T>
void collect_strings(const std::optional<T>& value, bool secret, std::set<std::string>& secrets,
                     std::set<std::string>& shown);
template <class T>
void collect_strings(const std::vector<T>& value, bool secret, std::set<std::string>& secrets,
                     std::set<std::string>& shown);
template <class T, std::enable_if_t<awsauth::is_described_v<T>, int> = 0>
void collect_strings(const T& value, bool secret, std::set<std::string>& secrets, std::set<std::string>& shown);

template <class T>
void collect_strings(const std::optional<T>& value, bool secret, std::set<std::string>& secrets,
                     std::set<std::string>& shown) {
    if (value) collect_strings(*value, secret, secrets, shown);
}
template <class T>
void collect_strings(const std::vector<T>& value, bool secret, std::set<std::string>& secrets,
                     std::set<std::string>& shown) {
    for (const auto& element : value)
        collect_strings(element, secret, secrets, shown);
}
template <class T, std::enable_if_t<awsauth::is_described_v<T>, int>>
void collect_strings(const T& value, bool secret, std::set<std::string>& secrets, std::set<std::string>& shown) {
    secret = secret || awsauth::is_secret_shape_v<T>;
    awsauth::for_each_field<T>(
        [&](const auto& field) { collect_strings(value.*(field.member), secret || field.secret, secrets, shown); });
}

}  // namespace detail

/// The strings of `value` that must never be shown: those under a secret member or inside a secret shape.
template <class T>
std::set<std::string> secret_strings(const T& value) {
    std::set<std::string> secrets;
    std::set<std::string> shown;
    detail::collect_strings(value, false, secrets, shown);
    return secrets;
}

/// The strings of `value` that may be shown (identifiers, names, ARNs), less any that is also a secret somewhere.
template <class T>
std::set<std::string> shown_strings(const T& value) {
    std::set<std::string> secrets;
    std::set<std::string> shown;
    detail::collect_strings(value, false, secrets, shown);
    for (const auto& secret : secrets)
        shown.erase(secret);
    return shown;
}

}  // namespace awsauth_test
