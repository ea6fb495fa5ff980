// awsauth/dump.hpp: a generated struct to JSON text, the front door for writing.
// Written straight from the struct, no DOM in between; for ISO 8601 timestamps the bytes are exactly what
// nlohmann::ordered_json(value).dump(indent) gives, escaping and layout included.
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/json_text.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/options.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

// The layout is nlohmann's: with an indent, each member or element on its own line and ": " after keys; an empty
// object or array stays "{}" / "[]" on one line.
struct text_writer {
    std::string& out;
    std::size_t indent;  // spaces per level
    bool pretty;         // dump_options::indent >= 0
    timestamp_format timestamps;

    void new_line(std::size_t depth) {
        if (!pretty) return;
        out += '\n';
        out.append(depth * indent, ' ');
    }
    void after_key() {
        if (pretty) {
            out.append("\": ", 3);
        } else {
            out.append("\":", 2);
        }
    }
};

/// A member of type T written as JSON text: one specialization per member type. estimated_size is a first guess at
/// the compact output's length, so the text is allocated once in the common case.
template <class T, class = void>
struct text_codec {
    static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
};

template <>
struct text_codec<std::string> {
    static std::size_t estimated_size(const std::string& value) { return value.size() + 2; }
    static void write(text_writer& writer, const std::string& value, const json_path* at, std::size_t) {
        append_json_escaped(writer.out, value, at, string_not_utf8);
    }
};

// Exact decimal digits for both integer types: a std::int64_t beyond 2^53 is written as it is, not through a double.
template <class Integer>
struct text_codec<Integer, std::enable_if_t<is_integer_member_v<Integer>>> {
    static std::size_t estimated_size(Integer) { return sizeof(Integer) == 4 ? 11 : 20; }
    static void write(text_writer& writer, Integer value, const json_path*, std::size_t) {
        char digits[20];  // "-9223372036854775808"
        writer.out.append(digits, std::to_chars(std::begin(digits), std::end(digits), value).ptr);
    }
};

template <>
struct text_codec<timestamp> {
    static std::size_t estimated_size(timestamp) { return 34; }
    static void write(text_writer& writer, timestamp value, const json_path* at, std::size_t) {
        if (!in_supported_range(value))
            fail(at, error_kind::invalid_timestamp, "timestamp " + std::string(out_of_range));
        // Epoch seconds are written as their exact decimal, whatever the year: no double in between.
        if (writer.timestamps == timestamp_format::epoch_seconds) {
            append_timestamp(writer.out, value, writer.timestamps);
        } else {
            writer.out += '"';
            append_timestamp(writer.out, value, writer.timestamps);
            writer.out += '"';
        }
    }
};

// An absent optional member is left out by the struct's writer, so only a present one gets here.
template <class T>
struct text_codec<std::optional<T>> {
    static std::size_t estimated_size(const std::optional<T>& value) {
        return value ? text_codec<T>::estimated_size(*value) : 0;
    }
    static void write(text_writer& writer, const std::optional<T>& value, const json_path* at, std::size_t depth) {
        text_codec<T>::write(writer, *value, at, depth);
    }
};

template <class T>
struct text_codec<std::vector<T>> {
    static std::size_t estimated_size(const std::vector<T>& value) {
        std::size_t size = 2;
        for (const auto& element : value)
            size += text_codec<T>::estimated_size(element) + 1;
        return size;
    }
    static void write(text_writer& writer, const std::vector<T>& value, const json_path* at, std::size_t depth) {
        writer.out += '[';
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i != 0) writer.out += ',';
            writer.new_line(depth + 1);
            const json_path element_path{at, {}, i, true};
            text_codec<T>::write(writer, value[i], &element_path, depth + 1);
        }
        if (!value.empty()) writer.new_line(depth);
        writer.out += ']';
    }
};

template <>
struct text_codec<std::map<std::string, std::string>> {
    using map = std::map<std::string, std::string>;
    static std::size_t estimated_size(const map& value) {
        std::size_t size = 2;
        for (const auto& [key, entry] : value)
            size += key.size() + entry.size() + 6;
        return size;
    }
    static void write(text_writer& writer, const map& value, const json_path* at, std::size_t depth) {
        std::string& out = writer.out;
        out += '{';
        bool first = true;
        for (const auto& [key, entry] : value) {
            if (!first) out += ',';
            first = false;
            writer.new_line(depth + 1);
            append_json_escaped(out, key, at, object_key_not_utf8);
            out.pop_back();  // the closing quote, which after_key writes
            writer.after_key();
            const json_path member_path{at, key};
            text_codec<std::string>::write(writer, entry, &member_path, depth + 1);
        }
        if (!value.empty()) writer.new_line(depth);
        out += '}';
    }
};

// The model's keys are identifiers, written without escaping; this keeps a generator change from breaking that.
template <class T>
constexpr bool keys_need_no_escaping() {
    bool plain = true;
    for_each_field<T>([&](const auto& each) { plain = plain && needs_no_escaping(each.key); });
    return plain;
}

template <class T>
struct text_codec<T, std::enable_if_t<is_described_v<T>>> {
    static_assert(keys_need_no_escaping<T>(), "awsauth: a model key needs JSON escaping");

    static std::size_t estimated_size(const T& value) {
        std::size_t size = 2;
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            size += field.key.size() + 4 + text_codec<std::decay_t<decltype(member)>>::estimated_size(member);
        });
        return size;
    }

    static void write(text_writer& writer, const T& value, const json_path* at, std::size_t depth) {
        write_members<~std::uint64_t{0}>(writer, value, at, depth);
    }

    /// Writes the members whose bit is set in `Written` (bit i for the field at index i): all of them for a nested
    /// struct, some for a REST message's JSON body (wire_rest_json.hpp).
    template <std::uint64_t Written>
    static void write_members(text_writer& writer, const T& value, const json_path* at, std::size_t depth) {
        std::string& out = writer.out;
        out += '{';
        bool first = true;
        [[maybe_unused]] std::size_t index = 0;
        for_each_field<T>([&](const auto& field) {
            if constexpr (Written != ~std::uint64_t{0}) {
                if ((Written >> index++ & 1) == 0) return;
            }
            const auto& member = value.*(field.member);
            using member_type = std::decay_t<decltype(member)>;
            if constexpr (is_optional_v<member_type>) {
                if (!member) return;
            }
            if (!first) out += ',';
            first = false;
            writer.new_line(depth + 1);
            out += '"';
            out.append(field.key);
            writer.after_key();
            const json_path member_path{at, field.key};
            text_codec<member_type>::write(writer, member, &member_path, depth + 1);
        });
        if (!first) writer.new_line(depth);
        out += '}';
    }
};

template <std::uint64_t Written, class T>
std::string dump_document(const T& value, const dump_options& options) {
    std::string text;
    const bool pretty = options.indent >= 0;
    const std::size_t indent = pretty ? static_cast<std::size_t>(options.indent) : 0;
    const std::size_t compact = text_codec<T>::estimated_size(value);
    text.reserve(pretty ? compact + compact / 4 : compact);
    text_writer writer{text, indent, pretty, options.timestamps};
    text_codec<T>::template write_members<Written>(writer, value, nullptr, 0);
    return text;
}

/// Writes only some of `value`'s members, as awsauth::dump writes them: bit i of `Written` says whether the member at
/// index i (model order) is written. A REST message's JSON body, whose members bound to the URI, the query string or
/// headers travel elsewhere (and an output's ResponseMetadata, which is boto3's, nowhere).
template <std::uint64_t Written, class T>
std::string dump_members(const T& value, const dump_options& options = {}) {
    static_assert(is_described_v<T>, "awsauth: dump_members writes the structs awsauth generates");
    static_assert(field_count_v<T> <= 64, "awsauth: dump_members selects a struct's members in 64 bits");
    return dump_document<Written>(value, options);
}

}  // namespace detail

/// Writes `value` as JSON with the model's keys in model order; throws awsauth::error for a string that is not UTF-8.
template <class T>
std::string dump(const T& value, const dump_options& options = {}) {
    static_assert(is_described_v<T>, "awsauth::dump writes the structs awsauth generates");
    return detail::dump_document<~std::uint64_t{0}>(value, options);
}

AWSAUTH_END_NAMESPACE
