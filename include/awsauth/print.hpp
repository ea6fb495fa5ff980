// awsauth/print.hpp: a generated struct as one safe log line, for debugging: wire keys, secrets as "***".
// Defines the printer that the operator<< of awsauth/fields.hpp calls; only <iosfwd>: the operator is a template on
// the stream, so iostreams are instantiated only where it is used.
#pragma once

#include <awsauth/detail/utf8.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

// What a secret value prints as, whatever its type: a JSON string, so the line stays JSON-like.
inline constexpr std::string_view redacted_value = "\"***\"";

inline void append_quoted(std::string& out, std::string_view text) {
    out += '"';
    append_log_escaped(out, text);
    out += '"';
}

// One specialization per member type (the primary template is declared in fields.hpp).

template <>
struct printer<std::string> {
    static void append(std::string& out, const std::string& value) { append_quoted(out, value); }
};

template <class Integer>
struct printer<Integer, std::enable_if_t<is_integer_member_v<Integer>>> {
    static void append(std::string& out, Integer value) { out += std::to_string(value); }
};

// ISO 8601 with Z, as the STS wire has it. Nothing we read is out of range, but a struct built in code may be.
template <>
struct printer<timestamp> {
    static void append(std::string& out, timestamp value) {
        if (!in_supported_range(value)) {
            out += "\"(a timestamp ";
            out += out_of_range;
            out += ")\"";
            return;
        }
        out += '"';
        append_timestamp(out, value, timestamp_format::iso8601_z);
        out += '"';
    }
};

template <>
struct printer<std::map<std::string, std::string>> {
    static void append(std::string& out, const std::map<std::string, std::string>& value) {
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
};

template <class T>
struct printer<std::optional<T>> {
    static void append(std::string& out, const std::optional<T>& value) {
        if (value) {
            printer<T>::append(out, *value);
        } else {
            out += "null";
        }
    }
};

template <class T>
struct printer<std::vector<T>> {
    static void append(std::string& out, const std::vector<T>& value) {
        out += '[';
        const char* separator = "";
        for (const auto& element : value) {
            out += separator;
            separator = ",";
            printer<T>::append(out, element);
        }
        out += ']';
    }
};

// The redaction rule, in one place: a secret shape prints as "***" whole; a secret member prints as "***" in place
// of its value, so its presence stays visible; an absent optional is left out, as dump leaves it out.
template <class T>
struct printer<T, std::enable_if_t<is_described_v<T>>> {
    static void append(std::string& out, const T& value) {
        if constexpr (is_secret_shape_v<T>) {
            out += redacted_value;
        } else {
            out += '{';
            const char* separator = "";
            for_each_field<T>([&](const auto& field) {
                const auto& member = value.*(field.member);
                using member_type = std::decay_t<decltype(member)>;
                if constexpr (is_optional_v<member_type>) {
                    if (!member) return;
                }
                out += separator;
                separator = ",";
                append_quoted(out, field.key);
                out += ':';
                if (field.secret) {
                    out += redacted_value;
                } else {
                    printer<member_type>::append(out, member);
                }
            });
            out += '}';
        }
    }
};

}  // namespace detail

/// What `stream << value` prints: one line of JSON-like text with the model's keys, in model order, absent optionals
/// left out, timestamps in ISO 8601 with Z, and every secret (keys, tokens, assertions, EKS Auth credentials) as
/// "***". Safe to log; not a serialization (use awsauth::dump for that).
template <class T, std::enable_if_t<is_described_v<T>, int> = 0>
std::string redacted(const T& value) {
    std::string text;
    detail::printer<T>::append(text, value);
    return text;
}

AWSAUTH_END_NAMESPACE
