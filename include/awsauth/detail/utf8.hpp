// awsauth/detail/utf8.hpp: UTF-8 as RFC 3629 defines it, decoded in one place, and text made safe for a log line.
// JSON text must be UTF-8; a string that is not is refused before it can be written as invalid JSON.
#pragma once

#include <awsauth/version.hpp>

#include <cstddef>
#include <string>
#include <string_view>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

/// Decodes the well-formed UTF-8 sequence that starts at `bytes` (`available` bytes may be read) into `code_point`
/// and returns its length, or returns 0 when there is none: no overlong forms, no surrogates, nothing above
/// U+10FFFF. Every reader of UTF-8 in awsauth goes through here.
constexpr std::size_t decode_utf8(const unsigned char* bytes, std::size_t available, char32_t& code_point) noexcept {
    const unsigned char lead = bytes[0];
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // bounds of the second byte, which rule out overlongs and surrogates
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0Fu;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07u;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (available < length) return 0;
    if (bytes[1] < low || bytes[1] > high) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (bytes[k] < 0x80 || bytes[k] > 0xBF) return 0;
    }
    for (std::size_t k = 1; k < length; ++k)
        code_point = (code_point << 6) | (bytes[k] & 0x3Fu);
    return length;
}

/// True when `text` is well-formed UTF-8.
inline bool is_valid_utf8(std::string_view text) noexcept {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    char32_t ignored = 0;
    while (i < size) {
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = decode_utf8(bytes + i, size - i, ignored);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

/// Code points in valid UTF-8 text: every byte that is not a continuation byte starts one.
constexpr std::size_t count_code_points(std::string_view text) noexcept {
    std::size_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1 : 0;
    return count;
}

/// Appends `text` as it may stand inside a JSON string on one log line: `"` and `\` escaped, control characters as
/// JSON spells them and, when `text` is not UTF-8, every byte above 0x7F as \xNN, which is not JSON but shows what
/// is there. Keys in error messages and strings in operator<< output go through here, so a hostile key can neither
/// end a log line nor cut a message short at a NUL. (JSON output is detail::append_json_escaped's job.)
inline void append_log_escaped(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    const bool utf8 = is_valid_utf8(text);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (byte < 0x20 || (byte >= 0x80 && !utf8)) {
                    out += byte < 0x20 ? "\\u00" : "\\x";
                    out += hex[byte >> 4];
                    out += hex[byte & 0xF];
                } else {
                    out += c;
                }
        }
    }
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
