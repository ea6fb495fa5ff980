// awsauth/print.hpp: a generated struct as one safe log line, for debugging: wire keys, secrets as "***".
// Only <iosfwd>: operator<< is a template on the stream, so iostreams are instantiated only where it is used.
#pragma once

#include <awsauth/fields.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/utf8.hpp>

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace awsauth {
namespace detail {

// What a secret value prints as, whatever its type: a JSON string, so the line stays JSON-like.
inline constexpr std::string_view redacted_value = "\"***\"";

inline void append_quoted(std::string& out, std::string_view text) {
    out += '"';
    append_escaped(out, text);
    out += '"';
}

// One overload per member type the generator emits; all declared first, since they call one another.
inline void append_printed(std::string& out, const std::string& value);
inline void append_printed(std::string& out, std::int32_t value);
inline void append_printed(std::string& out, timestamp value);
inline void append_printed(std::string& out, const std::map<std::string, std::string>& value);
template <class T>
void append_printed(std::string& out, const std::optional<T>& value);
template <class T>
void append_printed(std::string& out, const std::vector<T>& value);
template <class T, std::enable_if_t<is_described_v<T>, int> = 0>
void append_printed(std::string& out, const T& value);

inline void append_printed(std::string& out, const std::string& value) {
    append_quoted(out, value);
}

inline void append_printed(std::string& out, std::int32_t value) {
    out += std::to_string(value);
}

// ISO 8601 with Z, as the STS wire has it. Nothing we read is out of range, but a struct built in code may be.
inline void append_printed(std::string& out, timestamp value) {
    if (value < earliest_timestamp || value > latest_timestamp) {
        out += "\"(a timestamp ";
        out += out_of_range;
        out += ")\"";
        return;
    }
    out += '"';
    append_timestamp(out, value, timestamp_format::iso8601_z);
    out += '"';
}

inline void append_printed(std::string& out, const std::map<std::string, std::string>& value) {
    out += '{';
    const char* separator = "";
    for (const auto& [key, entry] : value) {
        out += separator;
        separator = ",";
        append_quoted(out, key);
        out += ':';
        append_quoted(out, entry);
    }
    out += '}';
}

template <class T>
void append_printed(std::string& out, const std::optional<T>& value) {
    if (value) {
        append_printed(out, *value);
    } else {
        out += "null";
    }
}

template <class T>
void append_printed(std::string& out, const std::vector<T>& value) {
    out += '[';
    const char* separator = "";
    for (const auto& element : value) {
        out += separator;
        separator = ",";
        append_printed(out, element);
    }
    out += ']';
}

template <class T>
bool is_absent(const std::optional<T>& member) {
    return !member;
}
template <class T>
bool is_absent(const T&) {
    return false;
}

// The redaction rule, in one place: a secret shape prints as "***" whole; a secret member prints as "***" in place
// of its value, so its presence stays visible; an absent optional is left out, as dump leaves it out.
template <class T, std::enable_if_t<is_described_v<T>, int>>
void append_printed(std::string& out, const T& value) {
    if constexpr (is_secret_shape_v<T>) {
        out += redacted_value;
    } else {
        out += '{';
        const char* separator = "";
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            if (is_absent(member)) return;
            out += separator;
            separator = ",";
            append_quoted(out, field.key);
            out += ':';
            if (field.secret) {
                out += redacted_value;
            } else {
                append_printed(out, member);
            }
        });
        out += '}';
    }
}

}  // namespace detail

/// What `stream << value` prints: one line of JSON-like text with the model's keys, in model order, absent optionals
/// left out, timestamps in ISO 8601 with Z, and every secret (keys, tokens, assertions, EKS Auth credentials) as
/// "***". Safe to log; not a serialization (use awsauth::dump for that).
template <class T, std::enable_if_t<is_described_v<T>, int> = 0>
std::string redacted(const T& value) {
    std::string text;
    detail::append_printed(text, value);
    return text;
}

/// Prints awsauth::redacted(value). Found by ADL for every generated struct (the generated headers bring it into
/// their namespaces) and for nothing else: std::vector<sts::Tag> and your own types are not touched.
template <class Char, class Traits, class T, std::enable_if_t<std::is_same_v<Char, char> && is_described_v<T>, int> = 0>
std::basic_ostream<Char, Traits>& operator<<(std::basic_ostream<Char, Traits>& stream, const T& value) {
    const std::string text = redacted(value);
    return stream << std::basic_string_view<Char, Traits>(text.data(), text.size());
}

}  // namespace awsauth
