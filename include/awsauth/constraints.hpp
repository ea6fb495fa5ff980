// awsauth/constraints.hpp: the constraint rules a member descriptor carries (lengths, ranges, list sizes, patterns),
// made by named factories so that a table reads as the model does: length(20, 2048).matching(pattern).
// The checks themselves are awsauth/validate.hpp's; no regex engine: every model pattern is character-class runs.
#pragma once

#include <awsauth/member_types.hpp>
#include <awsauth/version.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

AWSAUTH_BEGIN_NAMESPACE

/// A maximum length or size the model does not give.
inline constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

/// The code points first..last, both included.
struct code_point_range {
    char32_t first;
    char32_t last;
};

/// A set of code points, as sorted, disjoint ranges (the generator merges them).
struct character_class {
    const code_point_range* ranges;
    std::size_t count;

    constexpr bool contains(char32_t code_point) const noexcept {
        // Binary search for the last range starting at or below code_point (std::upper_bound is constexpr only in
        // C++20).
        std::size_t low = 0;
        std::size_t high = count;
        while (low < high) {
            const std::size_t middle = low + (high - low) / 2;
            if (ranges[middle].first <= code_point) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low > 0 && code_point <= ranges[low - 1].last;
    }
};

/// Between min_count and max_count code points, each in `characters`: `[a-z]` is 1..1, `[a-z]*` 0..unbounded,
/// `[a-z]+` 1..unbounded.
struct pattern_run {
    character_class characters;
    std::size_t min_count;
    std::size_t max_count;
};

/// A model pattern as runs matched greedily, left to right, against the whole string. The generator only accepts a
/// pattern where no repeated run shares a code point with a run that may follow it, so greedy matching is exact.
struct pattern {
    /// The model's text, for messages.
    std::string_view source;
    const pattern_run* runs;
    std::size_t count;
};

/// A member the model does not constrain (a nested struct is still checked by its own descriptors).
struct no_rule {};

/// A string's length in code points, from min_length to max_length, and the pattern it matches (or nullptr).
struct string_rule {
    std::size_t min_length = 0;
    std::size_t max_length = unbounded;
    const pattern* matches = nullptr;

    /// The same lengths, and the whole string must match `shape`.
    constexpr string_rule matching(const pattern& shape) const noexcept { return {min_length, max_length, &shape}; }
};

/// An integer from minimum to maximum, both included. A side the model leaves open is the end of the std::int64_t
/// range, so the same rule fits an `integer` (std::int32_t) and a `long` (std::int64_t) member.
struct integer_rule {
    std::int64_t minimum = std::numeric_limits<std::int64_t>::min();
    std::int64_t maximum = std::numeric_limits<std::int64_t>::max();
};

/// A list of min_items to max_items elements, each checked against `element`.
template <class Element>
struct list_rule {
    std::size_t min_items = 0;
    std::size_t max_items = unbounded;
    Element element{};

    /// The same sizes, and every element checked against `rule`.
    template <class Rule>
    constexpr list_rule<Rule> each(Rule rule) const noexcept {
        return {min_items, max_items, rule};
    }
};

/// A map whose keys and values are checked against their rules.
template <class Key, class Value>
struct map_rule {
    Key keys;
    Value values;
};

namespace detail {
// Not constexpr: a rule whose bounds are reversed stops the constant evaluation of a descriptor table, so a generator
// or a hand-written table that swaps them fails to compile.
inline void minimum_above_maximum() noexcept {}

template <class T>
constexpr T ordered(T minimum, T maximum) noexcept {
    if (minimum > maximum) minimum_above_maximum();
    return minimum;
}
}  // namespace detail

/// A string of min to max code points.
constexpr string_rule length(std::size_t min, std::size_t max) noexcept {
    return {detail::ordered(min, max), max, nullptr};
}
/// A string of at least min code points.
constexpr string_rule length_at_least(std::size_t min) noexcept {
    return {min, unbounded, nullptr};
}
/// A string of at most max code points.
constexpr string_rule length_at_most(std::size_t max) noexcept {
    return {0, max, nullptr};
}
/// A string of any length that matches `shape`.
constexpr string_rule matching(const pattern& shape) noexcept {
    return {0, unbounded, &shape};
}

/// An integer from min to max.
constexpr integer_rule range(std::int64_t min, std::int64_t max) noexcept {
    return {detail::ordered(min, max), max};
}
/// An integer of at least min.
constexpr integer_rule at_least(std::int64_t min) noexcept {
    return {min, std::numeric_limits<std::int64_t>::max()};
}
/// An integer of at most max.
constexpr integer_rule at_most(std::int64_t max) noexcept {
    return {std::numeric_limits<std::int64_t>::min(), max};
}

/// A list of min to max items.
constexpr list_rule<no_rule> items(std::size_t min, std::size_t max) noexcept {
    return {detail::ordered(min, max), max, {}};
}
/// A list of at least min items.
constexpr list_rule<no_rule> items_at_least(std::size_t min) noexcept {
    return {min, unbounded, {}};
}
/// A list of at most max items.
constexpr list_rule<no_rule> items_at_most(std::size_t max) noexcept {
    return {0, max, {}};
}
/// A list of any size whose every element is checked against `rule`.
template <class Rule>
constexpr list_rule<Rule> each(Rule rule) noexcept {
    return {0, unbounded, rule};
}

/// A map whose keys are checked against `key_rule` and values against `value_rule`.
template <class Key, class Value>
constexpr map_rule<Key, Value> entries(Key key_rule, Value value_rule) noexcept {
    return {key_rule, value_rule};
}

namespace detail {

/// Whether a rule can constrain a member of type Member: a string rule only a string, a list rule only a list whose
/// elements its element rule fits, and so on. A descriptor whose rule does not fit fails to compile.
template <class Rule, class Member>
struct rule_fits : std::false_type {};
template <class Member>
struct rule_fits<no_rule, Member> : std::true_type {};
template <class Rule, class Member>
struct rule_fits<Rule, std::optional<Member>> : rule_fits<Rule, Member> {};
template <class Member>
struct rule_fits<no_rule, std::optional<Member>> : std::true_type {};
template <>
struct rule_fits<string_rule, std::string> : std::true_type {};
template <>
struct rule_fits<integer_rule, std::int32_t> : std::true_type {};
template <>
struct rule_fits<integer_rule, std::int64_t> : std::true_type {};
template <class Element, class Member>
struct rule_fits<list_rule<Element>, std::vector<Member>> : rule_fits<Element, Member> {};
template <class Key, class Value>
struct rule_fits<map_rule<Key, Value>, std::map<std::string, std::string>>
    : std::bool_constant<rule_fits<Key, std::string>::value && rule_fits<Value, std::string>::value> {};

}  // namespace detail

template <class Rule, class Member>
inline constexpr bool rule_fits_v = detail::rule_fits<Rule, Member>::value;

AWSAUTH_END_NAMESPACE
