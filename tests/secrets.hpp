// tests/secrets.hpp: what counts as a leaked secret, written once for the unit tests and the fuzz targets.
// A text leaks a secret when it holds any run of 8 or more consecutive bytes of it: enough to tell a key apart.
#pragma once

#include <awsauth/fields.hpp>
#include <awsauth/json.hpp>
#include <awsauth/timestamp.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
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

/// Many secrets, indexed by their runs: which of them a text holds a run of, in time linear in the text. A text
/// holds a run of a secret exactly when one of its `leak_run`-byte windows is one of the secret's.
class secret_runs {
public:
    secret_runs() = default;
    explicit secret_runs(const std::set<std::string>& secrets) {
        for (const auto& secret : secrets)
            add(secret);
    }

    void add(const std::string& secret) {
        if (secret.size() < leak_run) return;
        secrets_.push_back(secret);
        for (std::size_t start = 0; start + leak_run <= secret.size(); ++start)
            windows_.emplace(window_at(secret, start), secrets_.size() - 1);
    }

    /// A secret `text` holds a run of, or nullptr.
    const std::string* leaked_in(std::string_view text) const {
        for (std::size_t start = 0; start + leak_run <= text.size(); ++start) {
            const auto found = windows_.find(window_at(text, start));
            if (found != windows_.end()) return &secrets_[found->second];
        }
        return nullptr;
    }

private:
    static std::uint64_t window_at(std::string_view text, std::size_t start) {
        static_assert(leak_run == sizeof(std::uint64_t));
        std::uint64_t window = 0;
        std::memcpy(&window, text.data() + start, leak_run);
        return window;
    }

    std::deque<std::string> secrets_;  // stable addresses for leaked_in's answer
    std::unordered_map<std::uint64_t, std::size_t> windows_;
};

namespace detail {

using awsauth::detail::is_list_v;
using awsauth::detail::is_optional_v;

// Calls visit(string, secret) for every string in `value`, const or not; `secret` says whether it sits under a secret
// member or in a secret shape. A map's keys are visited only when reading (they cannot be changed in place).
template <class Value, class Visit>
void visit_strings(Value& value, bool secret, Visit& visit) {
    using T = std::remove_const_t<Value>;
    if constexpr (std::is_same_v<T, std::string>) {
        visit(value, secret);
    } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
        for (auto& [key, entry] : value) {
            if constexpr (std::is_const_v<Value>) visit(key, secret);
            visit(entry, secret);
        }
    } else if constexpr (is_optional_v<T>) {
        if (value) visit_strings(*value, secret, visit);
    } else if constexpr (is_list_v<T>) {
        for (auto& element : value)
            visit_strings(element, secret, visit);
    } else if constexpr (awsauth::is_described_v<T>) {
        secret = secret || awsauth::is_secret_shape_v<T>;
        awsauth::for_each_field<T>(
            [&](const auto& field) { visit_strings(value.*(field.member), secret || field.secret, visit); });
    }
    // Integers and timestamps hold no text.
}

}  // namespace detail

/// The strings of `value` that must never be shown: those under a secret member or inside a secret shape.
template <class T>
std::set<std::string> secret_strings(const T& value) {
    std::set<std::string> secrets;
    auto collect = [&](const std::string& text, bool secret) {
        if (secret) secrets.insert(text);
    };
    detail::visit_strings(value, false, collect);
    return secrets;
}

/// The strings of `value` that may be shown (identifiers, names, ARNs), less any that is also a secret somewhere.
template <class T>
std::set<std::string> shown_strings(const T& value) {
    std::set<std::string> shown;
    auto collect = [&](const std::string& text, bool secret) {
        if (!secret) shown.insert(text);
    };
    detail::visit_strings(value, false, collect);
    for (const auto& secret : secret_strings(value))
        shown.erase(secret);
    return shown;
}

/// Calls change(std::string&) for every secret string of `value`.
template <class T, class Change>
void for_each_secret_string(T& value, Change&& change) {
    auto visit = [&](std::string& text, bool secret) {
        if (secret) change(text);
    };
    detail::visit_strings(value, false, visit);
}

}  // namespace awsauth_test
