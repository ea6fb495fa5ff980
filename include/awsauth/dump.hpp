// awsauth/dump.hpp: a generated struct to JSON text, the front door for writing.
// Written straight from the struct, no DOM in between; for ISO 8601 timestamps the bytes are exactly what
// nlohmann::ordered_json(value).dump(indent) gives, escaping and layout included.
#pragma once

#include <awsauth/fields.hpp>
#include <awsauth/json.hpp>
#include <awsauth/options.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/utf8.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace awsauth {
namespace detail {

// ---------------------------------------------------------------------------------------------------------------
// Strings, escaped as nlohmann's serializer does without ensure_ascii: the two-character escapes it knows,
// \u00xx in lowercase hex for the other control characters, everything else (DEL and UTF-8 included) as is.

enum class byte_kind : unsigned char { plain, escaped, utf8_lead };

inline constexpr std::array<byte_kind, 256> byte_kinds = [] {
    std::array<byte_kind, 256> kinds{};
    for (std::size_t byte = 0; byte < 0x20; ++byte)
        kinds[byte] = byte_kind::escaped;
    kinds['"'] = byte_kind::escaped;
    kinds['\\'] = byte_kind::escaped;
    for (std::size_t byte = 0x80; byte < 0x100; ++byte)
        kinds[byte] = byte_kind::utf8_lead;
    return kinds;
}();

inline void append_escape(std::string& out, unsigned char byte) {
    switch (byte) {
        case '\b':
            out.append("\\b", 2);
            return;
        case '\t':
            out.append("\\t", 2);
            return;
        case '\n':
            out.append("\\n", 2);
            return;
        case '\f':
            out.append("\\f", 2);
            return;
        case '\r':
            out.append("\\r", 2);
            return;
        case '"':
            out.append("\\\"", 2);
            return;
        case '\\':
            out.append("\\\\", 2);
            return;
        default:
            break;
    }
    constexpr std::string_view hex = "0123456789abcdef";
    const char escape[] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xF]};
    out.append(escape, sizeof escape);
}

// Checks UTF-8 as it goes: invalid text is an error at `at`, never invalid JSON.
inline void append_json_string(std::string& out, std::string_view text, const json_path* at, const char* not_utf8) {
    out += '"';
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t copied = 0;
    std::size_t i = 0;
    while (i < size) {
        const byte_kind kind = byte_kinds[bytes[i]];
        if (kind == byte_kind::plain) {
            ++i;
        } else if (kind == byte_kind::utf8_lead) {
            const std::size_t length = utf8_sequence_length(bytes + i, size - i);
            if (length == 0) fail(at, not_utf8);
            i += length;
        } else {
            out.append(text.data() + copied, i - copied);
            append_escape(out, bytes[i]);
            copied = ++i;
        }
    }
    out.append(text.data() + copied, size - copied);
    out += '"';
}

constexpr bool needs_no_escaping(std::string_view key) {
    for (const char c : key) {
        if (byte_kinds[static_cast<unsigned char>(c)] != byte_kind::plain) return false;
    }
    return true;
}

// The model's keys are identifiers, written without escaping; this keeps a generator change from breaking that.
template <class T>
constexpr bool keys_need_no_escaping() {
    return std::apply([](const auto&... each) { return (true && ... && needs_no_escaping(each.key)); },
                      fields_of(type_tag<T>{}));
}

// ---------------------------------------------------------------------------------------------------------------
// Values. The layout is nlohmann's: with an indent, each member or element on its own line and ": " after keys;
// an empty object or array stays "{}" / "[]" on one line.

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

// A first guess at the output's length, so the text is allocated once in the common case.
template <class T>
std::size_t estimated_size(const T& value) {
    if constexpr (is_optional_v<T>) {
        return value ? estimated_size(*value) : 0;
    } else if constexpr (std::is_same_v<T, std::string>) {
        return value.size() + 2;
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        return 11;
    } else if constexpr (std::is_same_v<T, timestamp>) {
        return 34;
    } else if constexpr (is_vector_v<T>) {
        std::size_t size = 2;
        for (const auto& element : value)
            size += estimated_size(element) + 1;
        return size;
    } else if constexpr (is_string_map_v<T>) {
        std::size_t size = 2;
        for (const auto& [key, entry] : value)
            size += key.size() + entry.size() + 6;
        return size;
    } else {
        std::size_t size = 2;
        for_each_field<T>(
            [&](const auto& field) { size += field.key.size() + 4 + estimated_size(value.*(field.member)); });
        return size;
    }
}

template <class T>
void write_text(text_writer& writer, const T& value, const json_path* at, std::size_t depth) {
    std::string& out = writer.out;
    if constexpr (std::is_same_v<T, std::string>) {
        append_json_string(out, value, at, string_not_utf8);
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        char digits[12];
        out.append(digits, std::to_chars(std::begin(digits), std::end(digits), value).ptr);
    } else if constexpr (std::is_same_v<T, timestamp>) {
        if (value < earliest_timestamp || value > latest_timestamp) fail_timestamp_out_of_range(at);
        // Epoch seconds are written as their exact decimal, whatever the year: no double in between.
        if (writer.timestamps == timestamp_format::epoch_seconds) {
            append_timestamp(out, value, writer.timestamps);
        } else {
            out += '"';
            append_timestamp(out, value, writer.timestamps);
            out += '"';
        }
    } else if constexpr (is_vector_v<T>) {
        out += '[';
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i != 0) out += ',';
            writer.new_line(depth + 1);
            const json_path element_path{at, {}, i, true};
            write_text(writer, value[i], &element_path, depth + 1);
        }
        if (!value.empty()) writer.new_line(depth);
        out += ']';
    } else if constexpr (is_string_map_v<T>) {
        out += '{';
        bool first = true;
        for (const auto& [key, entry] : value) {
            if (!first) out += ',';
            first = false;
            writer.new_line(depth + 1);
            append_json_string(out, key, at, object_key_not_utf8);
            out.pop_back();  // the closing quote, which after_key writes
            writer.after_key();
            const json_path member_path{at, key};
            write_text(writer, entry, &member_path, depth + 1);
        }
        if (!value.empty()) writer.new_line(depth);
        out += '}';
    } else if constexpr (is_described_v<T>) {
        static_assert(keys_need_no_escaping<T>(), "awsauth: a model key needs JSON escaping");
        out += '{';
        bool first = true;
        for_each_field<T>([&](const auto& field) {
            const auto& member = value.*(field.member);
            if constexpr (is_optional_v<std::decay_t<decltype(member)>>) {
                if (!member) return;
            }
            if (!first) out += ',';
            first = false;
            writer.new_line(depth + 1);
            out += '"';
            out.append(field.key);
            writer.after_key();
            const json_path member_path{at, field.key};
            if constexpr (is_optional_v<std::decay_t<decltype(member)>>) {
                write_text(writer, *member, &member_path, depth + 1);
            } else {
                write_text(writer, member, &member_path, depth + 1);
            }
        });
        if (!first) writer.new_line(depth);
        out += '}';
    } else {
        static_assert(dependent_false_v<T>, "awsauth: no JSON mapping for this member type");
    }
}

}  // namespace detail

/// Writes `value` as JSON with the model's keys in model order; throws awsauth::error for a string that is not UTF-8.
template <class T>
std::string dump(const T& value, const dump_options& options = {}) {
    static_assert(is_described_v<T>, "awsauth::dump writes the structs awsauth generates");
    std::string text;
    const bool pretty = options.indent >= 0;
    const std::size_t indent = pretty ? static_cast<std::size_t>(options.indent) : 0;
    const std::size_t compact = detail::estimated_size(value);
    text.reserve(pretty ? compact + compact / 4 : compact);
    detail::text_writer writer{text, indent, pretty, options.timestamps};
    detail::write_text(writer, value, nullptr, 0);
    return text;
}

}  // namespace awsauth
