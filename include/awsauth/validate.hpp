// awsauth/validate.hpp: checks a value against every constraint of its AWS model before AWS does.
// The rules are the generated tables of model_constraints.hpp; messages say which constraint, never the value.
#pragma once

#include <awsauth/constraints.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/json.hpp>
#include <awsauth/model_constraints.hpp>
#include <awsauth/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace awsauth {

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

template <class T, class = void>
inline constexpr bool has_constraints_v = false;
template <class T>
inline constexpr bool has_constraints_v<T, std::void_t<decltype(constraints_of(type_tag<T>{}))>> = is_described_v<T>;

template <class Fields, class Rules, class Visitor, std::size_t... index>
constexpr void visit_field_rules(const Fields& fields, const Rules& rules, Visitor& visit,
                                 std::index_sequence<index...>) {
    (visit(std::get<index>(fields), std::get<index>(rules)), ...);
}

}  // namespace detail

/// Calls visit(field, rule) for every field of T, in model order, with the rule the model gives that member.
template <class T, class Visitor>
constexpr void for_each_field_rule(Visitor&& visit) {
    constexpr auto fields = fields_of(type_tag<T>{});
    constexpr auto rules = constraints_of(type_tag<T>{});
    constexpr std::size_t count = std::tuple_size_v<std::decay_t<decltype(fields)>>;
    static_assert(count == std::tuple_size_v<std::decay_t<decltype(rules)>>,
                  "the constraint table must have one rule per field");
    detail::visit_field_rules(fields, rules, visit, std::make_index_sequence<count>{});
}

namespace detail {

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

inline void check_string(const std::string& text, const string_rule& rule, const json_path* at, violation_list& out) {
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
                        : match.ended_early ? "it ends after " + plural(match.position, "character")
                                            : "character " + std::to_string(match.position) + " is not allowed there";
    out.add(at, "must match the pattern " + std::string(rule.matches->source) + " (" + where + ")");
}

inline void check_integer(std::int32_t value, const integer_rule& rule, const json_path* at, violation_list& out) {
    if (value >= rule.minimum && value <= rule.maximum) return;
    constexpr auto lowest = std::numeric_limits<std::int32_t>::min();
    constexpr auto highest = std::numeric_limits<std::int32_t>::max();
    const std::string bounds = rule.maximum == highest ? "at least " + std::to_string(rule.minimum)
                               : rule.minimum == lowest
                                   ? "at most " + std::to_string(rule.maximum)
                                   : std::to_string(rule.minimum) + " to " + std::to_string(rule.maximum);
    out.add(at, "must be " + bounds + " (was " + std::to_string(value) + ")");
}

template <class T>
void check_struct(const T& value, const json_path* at, violation_list& out);

template <class Rule>
constexpr auto element_rule_of(const Rule& rule) {
    if constexpr (std::is_same_v<Rule, no_rule>) {
        return no_rule{};
    } else {
        return rule.each;
    }
}

template <class Value, class Rule>
void check_value(const Value& value, const Rule& rule, const json_path* at, violation_list& out) {
    if constexpr (is_optional_v<Value>) {
        if (value) check_value(*value, rule, at, out);
    } else if constexpr (is_vector_v<Value>) {
        if constexpr (!std::is_same_v<Rule, no_rule>) {
            if (value.size() < rule.min_items || value.size() > rule.max_items) {
                out.add(at, "must have " + size_bounds(rule.min_items, rule.max_items, "item") + " (was " +
                                std::to_string(value.size()) + ")");
            }
        }
        for (std::size_t index = 0; index < value.size(); ++index) {
            const json_path element_path{at, {}, index, true};
            check_value(value[index], element_rule_of(rule), &element_path, out);
        }
    } else if constexpr (is_string_map_v<Value>) {
        if constexpr (!std::is_same_v<Rule, no_rule>) {
            for (const auto& [key, mapped] : value) {
                const json_path entry_path{at, key};
                violation_list key_problems;
                check_value(key, rule.keys, &entry_path, key_problems);
                for (auto& problem : key_problems.take())
                    out.add(&entry_path, "its key " + problem.message);
                check_value(mapped, rule.values, &entry_path, out);
            }
        }
    } else if constexpr (std::is_same_v<Rule, no_rule>) {
        if constexpr (has_constraints_v<Value>) check_struct(value, at, out);
    } else if constexpr (std::is_same_v<Rule, string_rule>) {
        static_assert(std::is_same_v<Value, std::string>, "a string rule on a member that is no string");
        check_string(value, rule, at, out);
    } else if constexpr (std::is_same_v<Rule, integer_rule>) {
        static_assert(std::is_same_v<Value, std::int32_t>, "an integer rule on a member that is no integer");
        check_integer(value, rule, at, out);
    } else {
        static_assert(dependent_false_v<Rule>, "a rule this member's type cannot have");
    }
}

template <class T>
void check_struct(const T& value, const json_path* at, violation_list& out) {
    for_each_field_rule<T>([&](const auto& field, const auto& rule) {
        const json_path member_path{at, field.key};
        check_value(value.*(field.member), rule, &member_path, out);
    });
}

}  // namespace detail

/// Every constraint of the AWS model that `value` breaks, in model order (an empty vector: none). Checks string
/// lengths in Unicode code points, patterns, integer ranges and list sizes, through nested structs and lists.
template <class T, std::enable_if_t<detail::has_constraints_v<T>, int> = 0>
std::vector<violation> validate(const T& value) {
    detail::violation_list found;
    detail::check_struct(value, nullptr, found);
    return found.take();
}

namespace detail {

/// What parse_options::validate does: an awsauth::error at the first violation, counting the others.
// Cold: parse<T> must compile the walk in, though validation is off by default; optimized for size, it costs a
// user's translation unit a tenth of a second less (bench/compile_time.py).
template <class T>
[[gnu::cold]] void throw_first_violation(const T& value) {
    const auto found = validate(value);
    if (found.empty()) return;
    std::string message = found.front().message;
    if (found.size() > 1) message += " (and " + plural(found.size() - 1, "more violation") + ")";
    throw error(found.front().path, message);
}

}  // namespace detail
}  // namespace awsauth
