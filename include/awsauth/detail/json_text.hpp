// awsauth/detail/json_text.hpp: JSON strings written as nlohmann's serializer writes them without ensure_ascii: the
// two-character escapes it knows, \u00xx in lowercase hex for the other control characters, everything else (DEL
// and UTF-8 included) as is. (Text for a log line is detail::append_log_escaped's job.)
#pragma once

#include <awsauth/detail/json_pointer.hpp>
#include <awsauth/detail/utf8.hpp>
#include <awsauth/error.hpp>
#include <awsauth/version.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

inline constexpr const char* string_not_utf8 = "string is not valid UTF-8";
inline constexpr const char* object_key_not_utf8 = "object key is not valid UTF-8";

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

/// Appends the JSON escape of one byte that needs one.
inline void append_json_escape(std::string& out, unsigned char byte) {
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

/// Appends `text` as a quoted JSON string. Checks UTF-8 as it goes: invalid text is an error at `at` (the message
/// `not_utf8`), never invalid JSON.
inline void append_json_escaped(std::string& out, std::string_view text, const json_path* at, const char* not_utf8) {
    out += '"';
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t copied = 0;
    std::size_t i = 0;
    char32_t ignored = 0;
    while (i < size) {
        const byte_kind kind = byte_kinds[bytes[i]];
        if (kind == byte_kind::plain) {
            ++i;
        } else if (kind == byte_kind::utf8_lead) {
            const std::size_t length = decode_utf8(bytes + i, size - i, ignored);
            if (length == 0) fail(at, error_kind::invalid_utf8, not_utf8);
            i += length;
        } else {
            out.append(text.data() + copied, i - copied);
            append_json_escape(out, bytes[i]);
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

}  // namespace detail
AWSAUTH_END_NAMESPACE
