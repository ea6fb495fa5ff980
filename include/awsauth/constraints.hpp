// awsauth/constraints.hpp: what the generated constraint tables (model_constraints.hpp) are made of, and the
// checks for a string's length and pattern. No regex engine: every model pattern is a sequence of character-class runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

namespace awsauth {

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

/// A string's length in code points, from min_length to max_length, and the pattern it matches (or nullptr).
struct string_rule {
    std::size_t min_length;
    std::size_t max_length;
    const pattern* matches;
};

/// An integer from minimum to maximum, both included.
struct integer_rule {
    std::int64_t minimum;
    std::int64_t maximum;
};

/// A list of min_items to max_items elements, each checked against `each`.
template <class Element>
struct list_rule {
    std::size_t min_items;
    std::size_t max_items;
    Element each;
};

/// A map whose keys and values are checked against their rules.
template <class Key, class Value>
struct map_rule {
    Key keys;
    Value values;
};

/// A member the model does not constrain (a nested struct is still checked by its own table).
struct no_rule {};

namespace detail {

/// Decodes the code point starting at text[at] and moves `at` past it. The text must be valid UTF-8.
constexpr char32_t next_code_point(std::string_view text, std::size_t& at) noexcept {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t code_point = length == 1   ? lead
                          : length == 2 ? (lead & 0x1Fu)
                          : length == 3 ? (lead & 0x0Fu)
                                        : (lead & 0x07u);
    for (std::size_t k = 1; k < length; ++k)
        code_point = (code_point << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3Fu);
    at += length;
    return code_point;
}

/// Code points in valid UTF-8 text: every byte that is not a continuation byte starts one.
constexpr std::size_t count_code_points(std::string_view text) noexcept {
    std::size_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1 : 0;
    return count;
}

/// Where a pattern stopped matching: `matched`, or the 1-based code point that no run accepts, or the end of a text
/// that is too short for the pattern (`position` is then the code point count).
struct pattern_match {
    bool matched;
    bool ended_early;
    std::size_t position;
};

/// Whole-string match of valid UTF-8 text against a pattern.
constexpr pattern_match match_pattern(const pattern& shape, std::string_view text) noexcept {
    std::size_t at = 0;        // byte offset
    std::size_t consumed = 0;  // code points matched so far
    for (std::size_t run = 0; run < shape.count; ++run) {
        const pattern_run& current = shape.runs[run];
        std::size_t taken = 0;
        while (taken < current.max_count && at < text.size()) {
            std::size_t next = at;
            if (!current.characters.contains(next_code_point(text, next))) break;
            at = next;
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

}  // namespace detail
}  // namespace awsauth
