// awsauth/fields.hpp: the field table each generated struct has, and the generic walks over it.
// A struct takes part when `fields_of(type_tag<T>)` is found by ADL; tools/generate.py writes one per struct.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace awsauth {

/// Whether a member's value may be shown in a log line or debug output.
enum class visibility : bool { shown, secret };

/// One member of a generated struct: its JSON key (the AWS model's member name), where it lives, and whether its
/// value is secret.
template <class Struct, class Member>
struct field {
    using member_type = Member;

    constexpr field(std::string_view json_key, Member Struct::*member_pointer,
                    visibility shown_as = visibility::shown) noexcept
        : key(json_key), member(member_pointer), secret(shown_as == visibility::secret) {}

    std::string_view key;
    Member Struct::*member;
    /// Never shown (operator<< prints "***"): the model marks the member, its shape or its structure sensitive, or
    /// it is a session token (tools/models/overlay.json lists those).
    bool secret = false;
};

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
inline constexpr std::size_t field_count_v = std::tuple_size_v<decltype(fields_of(type_tag<T>{}))>;

/// Calls visit(field) for every field of T, in model order.
template <class T, class Visitor>
constexpr void for_each_field(Visitor&& visit) {
    std::apply([&](const auto&... each) { (visit(each), ...); }, fields_of(type_tag<T>{}));
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
    return std::apply([&](const auto&... each) { return (true && ... && (a.*(each.member) == b.*(each.member))); },
                      fields_of(type_tag<T>{}));
}

}  // namespace awsauth
