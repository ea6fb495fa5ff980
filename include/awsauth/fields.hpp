// awsauth/fields.hpp: the one descriptor each member of a generated struct has, and the generic walks over them.
// A struct takes part when `fields_of(type_tag<T>)` is found by ADL; tools/generate.py writes one per struct.
#pragma once

#include <awsauth/constraints.hpp>
#include <awsauth/version.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

AWSAUTH_BEGIN_NAMESPACE

/// Whether a member's value may be shown in a log line or debug output.
enum class visibility : bool { shown, secret };

/// Where a member travels in a request of a REST protocol (EKS Auth's restJson1): in the JSON body unless the model
/// binds it to the URI, the query string or a header, under the name the model gives there.
enum class http_location : unsigned char { body, uri, query, header };

struct http_binding {
    http_location location = http_location::body;
    std::string_view name{};
};

/// A member that fills `{name}` in the operation's request URI.
constexpr http_binding in_uri(std::string_view name) noexcept {
    return {http_location::uri, name};
}
/// A member sent as the query-string parameter `name`.
constexpr http_binding in_query(std::string_view name) noexcept {
    return {http_location::query, name};
}
/// A member sent as the HTTP header `name`.
constexpr http_binding in_header(std::string_view name) noexcept {
    return {http_location::header, name};
}

/// Everything known about one member of a generated struct: its JSON key (the AWS model's member name), where it
/// lives, whether its value is secret, the constraint the model puts on it and where it travels on the wire. One
/// descriptor, so nothing joins two tables by position; a rule that does not fit the member's type fails to compile.
/// After the key and the member pointer come, in any order, what the model says beyond the defaults: a
/// `visibility`, a rule (constraints.hpp) and an `http_binding`.
template <class Struct, class Member, class Rule = no_rule>
struct field {
    using struct_type = Struct;
    using member_type = Member;
    using rule_type = Rule;
    static_assert(rule_fits_v<Rule, Member>, "awsauth: this constraint rule does not fit the member's type");

    template <class... Modifiers>
    constexpr field(std::string_view json_key, Member Struct::*member_pointer, Modifiers... modifiers) noexcept
        : key(json_key), member(member_pointer) {
        (take(modifiers), ...);
    }

    std::string_view key;
    Member Struct::*member;
    /// Never shown (operator<< prints "***"): the model marks the member, its shape or its structure sensitive, or
    /// it is a session token (tools/models/overlay.json lists those).
    bool secret = false;
    /// What awsauth::validate checks.
    Rule rule{};
    /// Where the member travels in a REST request (awsauth/wire.hpp); the body unless the model says otherwise.
    http_binding binding{};

private:
    constexpr void take(visibility shown_as) noexcept { secret = shown_as == visibility::secret; }
    constexpr void take(Rule constraint) noexcept { rule = constraint; }
    constexpr void take(http_binding where) noexcept { binding = where; }
};

namespace detail {
// The one modifier that is neither a visibility nor an http_binding is the rule; none is no_rule.
template <class... Modifiers>
struct rule_among {
    using type = no_rule;
};
template <class First, class... Rest>
struct rule_among<First, Rest...> {
    using type = std::conditional_t<std::is_same_v<First, visibility> || std::is_same_v<First, http_binding>,
                                    typename rule_among<Rest...>::type, First>;
};
}  // namespace detail

template <class Struct, class Member, class... Modifiers>
field(std::string_view, Member Struct::*, Modifiers...)
    -> field<Struct, Member, typename detail::rule_among<Modifiers...>::type>;

namespace detail {

template <std::size_t Index, class Field>
struct field_slot {
    Field field;
};

template <class Indices, class... Fields>
struct field_slots;

template <std::size_t... Index, class... Fields>
struct field_slots<std::index_sequence<Index...>, Fields...> : field_slot<Index, Fields>... {
    constexpr explicit field_slots(const Fields&... fields) noexcept : field_slot<Index, Fields>{fields}... {}

    template <class Visitor>
    constexpr void each(Visitor& visit) const {
        (visit(field_slot<Index, Fields>::field), ...);
    }
};

// Finds the one base holding index I; the field's type is deduced from it.
template <std::size_t Index, class Field>
constexpr const Field& field_in_slot(const field_slot<Index, Field>& slot) noexcept {
    return slot.field;
}

}  // namespace detail

/// A struct's descriptors, in model order: what fields_of returns. A tuple of its own rather than std::tuple, whose
/// machinery costs every translation unit that reads or writes a struct (bench/compile_time.py).
template <class... Fields>
struct field_list : detail::field_slots<std::index_sequence_for<Fields...>, Fields...> {
    static constexpr std::size_t size = sizeof...(Fields);
    constexpr field_list(const Fields&... fields) noexcept
        : detail::field_slots<std::index_sequence_for<Fields...>, Fields...>(fields...) {}
};

template <class... Fields>
field_list(Fields...) -> field_list<Fields...>;

/// The descriptor at `Index` of a field_list.
template <std::size_t Index, class List>
constexpr const auto& field_at(const List& fields) noexcept {
    return detail::field_in_slot<Index>(fields);
}

/// Names a type in an overload: unlike `const T*`, a tag for a derived class never converts to its base's tag,
/// so a user's class derived from a generated struct is not mistaken for it (and its own members dropped).
template <class T>
struct type_tag {
    using type = T;
};

namespace detail {

template <class T, class = void>
struct is_described : std::false_type {};

template <class T>
struct is_described<T, std::void_t<decltype(fields_of(type_tag<T>{}))>> : std::true_type {};

// Named apart from the function it looks for: a class of the same name would hide it from the ADL call.
template <class T, class = void>
struct marked_secret : std::false_type {};

template <class T>
struct marked_secret<T, std::void_t<decltype(is_secret_shape(type_tag<T>{}))>>
    : std::bool_constant<is_secret_shape(type_tag<T>{})> {};

}  // namespace detail

/// True for a struct whose every value is secret, because the model marks the whole shape sensitive (EKS Auth
/// `Credentials`): operator<< prints it as "***".
template <class T>
inline constexpr bool is_secret_shape_v = detail::marked_secret<T>::value;

/// True for the structs awsauth generates (and any type given a fields_of overload).
template <class T>
inline constexpr bool is_described_v = detail::is_described<T>::value;

/// How many members T has.
template <class T>
inline constexpr std::size_t field_count_v = decltype(fields_of(type_tag<T>{}))::size;

/// The type of T's descriptor at Index.
template <class T, std::size_t Index>
using field_type_t = std::decay_t<decltype(field_at<Index>(fields_of(type_tag<T>{})))>;

/// T's descriptors as one constant: every walk reads this, so no walk builds the table (keys, rules) at run time.
template <class T>
inline constexpr auto fields_v = fields_of(type_tag<T>{});

/// Calls visit(field) for every field of T, in model order.
template <class T, class Visitor>
constexpr void for_each_field(Visitor&& visit) {
    fields_v<T>.each(visit);
}

/// Calls visit(field, index) for the field whose JSON key is `key`; returns whether there is one.
template <class T, class Visitor>
constexpr bool visit_field_named(std::string_view key, Visitor&& visit) {
    bool found = false;
    std::size_t index = 0;
    for_each_field<T>([&](const auto& each) {
        if (!found && each.key == key) {
            found = true;
            visit(each, index);
        }
        ++index;
    });
    return found;
}

/// Member-wise equality, what the generated operator== calls.
template <class T>
bool fields_equal(const T& a, const T& b) {
    bool equal = true;
    for_each_field<T>([&](const auto& each) { equal = equal && a.*(each.member) == b.*(each.member); });
    return equal;
}

/// Member-wise comparison for every generated struct; the model headers bring these into their namespaces, so ADL
/// finds them for the generated structs and nothing else.
template <class T, std::enable_if_t<is_described_v<T>, int> = 0>
bool operator==(const T& a, const T& b) {
    return fields_equal(a, b);
}
template <class T, std::enable_if_t<is_described_v<T>, int> = 0>
bool operator!=(const T& a, const T& b) {
    return !fields_equal(a, b);
}

namespace detail {
/// How the redacting printer writes a value of type T: declared here, defined by <awsauth/print.hpp> (one
/// specialization per member type). Without that header, `stream << value` does not compile.
template <class T, class = void>
struct printer;
}  // namespace detail

/// Prints awsauth::redacted(value) (<awsauth/print.hpp>). The model headers bring it into their namespaces, so ADL
/// finds it for every generated struct and for nothing else: std::vector<sts::Tag> and your own types are not touched.
template <class Char, class Traits, class T, std::enable_if_t<std::is_same_v<Char, char> && is_described_v<T>, int> = 0>
std::basic_ostream<Char, Traits>& operator<<(std::basic_ostream<Char, Traits>& stream, const T& value) {
    std::string text;
    detail::printer<T>::append(text, value);
    return stream << std::basic_string_view<Char, Traits>(text.data(), text.size());
}

AWSAUTH_END_NAMESPACE
