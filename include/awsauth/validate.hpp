// awsauth/validate.hpp: checks a value against every constraint of its AWS model before AWS does.
// The rules are the ones each member's descriptor carries (awsauth/constraints.hpp); messages say which constraint,
// never the value.
#pragma once

#include <awsauth/constraints.hpp>
#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/utf8.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/version.hpp>

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

AWSAUTH_BEGIN_NAMESPACE

/// One broken constraint: where (a JSON Pointer with the model's keys, e.g. "/Tags/3/Key") and which constraint.
struct violation {
    std::string path;
    std::string message;
};

inline bool operator==(const violation& a, const violation& b) {
    return a.path == b.path && a.message == b.message;
}
inline bool operator!=(const violation& a, const violation& b) {
    return !(a == b);
}

namespace detail {

/// Where a pattern stopped matching: `matched`, or the 1-based code point that no run accepts, or the end of a text
/// that is too short for the pattern (`position` is then the code point count).
struct pattern_match {
    bool matched;
    bool ended_early;
    std::size_t position;
};

/// Whole-string match of valid UTF-8 text against a pattern.
inline pattern_match match_pattern(const pattern& shape, std::string_view text) noexcept {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t at = 0;        // byte offset
    std::size_t consumed = 0;  // code points matched so far
    for (std::size_t run = 0; run < shape.count; ++run) {
        const pattern_run& current = shape.runs[run];
        std::size_t taken = 0;
        while (taken < current.max_count && at < text.size()) {
            char32_t code_point = 0;
            const std::size_t length = decode_utf8(bytes + at, text.size() - at, code_point);
            if (length == 0 || !current.characters.contains(code_point)) break;
            at += length;
            ++taken;
        }
        consumed += taken;
        if (taken < current.min_count) {
            const bool ended = at == text.size();
            return {false, ended, ended ? consumed : consumed + 1};
        }
    }
    if (at != text.size()) return {false, false, consumed + 1};
    return {true, false, 0};
}

inline std::string plural(std::size_t count, const char* noun) {
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// "must be 2 to 64 characters long", "must have at most 50 items": the bounds in words, without the value.
inline std::string size_bounds(std::size_t minimum, std::size_t maximum, const char* noun) {
    if (minimum == maximum) return "exactly " + plural(minimum, noun);
    if (maximum == unbounded) return "at least " + plural(minimum, noun);
    if (minimum == 0) return "at most " + plural(maximum, noun);
    return std::to_string(minimum) + " to " + plural(maximum, noun);
}

class violation_list {
public:
    void add(const json_path* at, std::string message) { found_.push_back({to_json_pointer(at), std::move(message)}); }
    std::vector<violation> take() { return std::move(found_); }

private:
    std::vector<violation> found_;
};

/// A member of type T checked against the rule its descriptor gives it: one specialization per member type.
/// check(value, rule, at, out) adds what it finds to `out`; no_rule checks nothing but a nested struct's own rules.
template <class T, class = void>
struct checker {
    static_assert(dependent_false_v<T>, "awsauth: validation has no rule for this member type");
};

template <>
struct checker<std::string> {
    static void check(const std::string&, no_rule, const json_path*, violation_list&) {}
    static void check(const std::string& text, const string_rule& rule, const json_path* at, violation_list& out) {
        if (!is_valid_utf8(text)) {
            out.add(at, "must be valid UTF-8");  // lengths and patterns count code points, which it has none of
            return;
        }
        const std::size_t length = count_code_points(text);
        if (length < rule.min_length || length > rule.max_length) {
            out.add(at, "must be " + size_bounds(rule.min_length, rule.max_length, "character") + " long (was " +
                            std::to_string(length) + ")");
        }
        if (rule.matches == nullptr) return;
        const pattern_match match = match_pattern(*rule.matches, text);
        if (match.matched) return;
        std::string where = match.position == 0 ? "it is empty"
                            : match.ended_early
                                ? "it ends after " + plural(match.position, "character")
                                : "character " + std::to_string(match.position) + " is not allowed there";
        out.add(at, "must match the pattern " + std::string(rule.matches->source) + " (" + where + ")");
    }
};

// Both integer types: a bound at or beyond the end of the member type's range is no bound (at_least(0) leaves a
// std::int32_t and a std::int64_t each up to its own maximum), so the message names only the bounds that bind.
template <class Integer>
struct checker<Integer, std::enable_if_t<is_integer_member_v<Integer>>> {
    static void check(Integer, no_rule, const json_path*, violation_list&) {}
    static void check(Integer value, const integer_rule& rule, const json_path* at, violation_list& out) {
        const std::int64_t number = value;
        if (number >= rule.minimum && number <= rule.maximum) return;
        const bool has_minimum = rule.minimum > std::numeric_limits<Integer>::min();
        const bool has_maximum = rule.maximum < std::numeric_limits<Integer>::max();
        const std::string bounds = !has_maximum ? "at least " + std::to_string(rule.minimum)
                                   : !has_minimum
                                       ? "at most " + std::to_string(rule.maximum)
                                       : std::to_string(rule.minimum) + " to " + std::to_string(rule.maximum);
        out.add(at, "must be " + bounds + " (was " + std::to_string(value) + ")");
    }
};

template <>
struct checker<timestamp> {
    static void check(timestamp, no_rule, const json_path*, violation_list&) {}
};

template <class T>
struct checker<std::optional<T>> {
    template <class Rule>
    static void check(const std::optional<T>& value, const Rule& rule, const json_path* at, violation_list& out) {
        if (value) checker<T>::check(*value, rule, at, out);
    }
};

template <class T>
struct checker<std::vector<T>> {
    static void check(const std::vector<T>& value, no_rule, const json_path* at, violation_list& out) {
        check(value, list_rule<no_rule>{}, at, out);
    }
    template <class Element>
    static void check(const std::vector<T>& value, const list_rule<Element>& rule, const json_path* at,
                      violation_list& out) {
        if (value.size() < rule.min_items || value.size() > rule.max_items) {
            out.add(at, "must have " + size_bounds(rule.min_items, rule.max_items, "item") + " (was " +
                            std::to_string(value.size()) + ")");
        }
        for (std::size_t index = 0; index < value.size(); ++index) {
            const json_path element_path{at, {}, index, true};
            checker<T>::check(value[index], rule.element, &element_path, out);
        }
    }
};

template <>
struct checker<std::map<std::string, std::string>> {
    using map = std::map<std::string, std::string>;
    static void check(const map&, no_rule, const json_path*, violation_list&) {}
    template <class Key, class Value>
    static void check(const map& value, const map_rule<Key, Value>& rule, const json_path* at, violation_list& out) {
        for (const auto& [key, mapped] : value) {
            const json_path entry_path{at, key};
            violation_list key_problems;
            checker<std::string>::check(key, rule.keys, &entry_path, key_problems);
            for (auto& problem : key_problems.take())
                out.add(&entry_path, "its key " + problem.message);
            checker<std::string>::check(mapped, rule.values, &entry_path, out);
        }
    }
};

template <class T>
struct checker<T, std::enable_if_t<is_described_v<T>>> {
    static void check(const T& value, no_rule, const json_path* at, violation_list& out) {
        for_each_field<T>([&](const auto& field) {
            const json_path member_path{at, field.key};
            const auto& member = value.*(field.member);
            checker<std::decay_t<decltype(member)>>::check(member, field.rule, &member_path, out);
        });
    }
};

}  // namespace detail

/// Every constraint of the AWS model that `value` breaks, in model order (an empty vector: none). Checks string
/// lengths in Unicode code points, patterns, integer ranges and list sizes, through nested structs and lists.
template <class T, std::enable_if_t<is_described_v<T>, int> = 0>
std::vector<violation> validate(const T& value) {
    detail::violation_list found;
    detail::checker<T>::check(value, no_rule{}, nullptr, found);
    return found.take();
}

namespace detail {

/// What parse_validated does after reading: an awsauth::error at the first violation, counting the others.
template <class T>
void throw_first_violation(const T& value) {
    const auto found = validate(value);
    if (found.empty()) return;
    std::string message = found.front().message;
    if (found.size() > 1) message += " (and " + plural(found.size() - 1, "more violation") + ")";
    throw error(error_kind::constraint_violated, found.front().path, message);
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
