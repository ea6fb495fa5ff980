// awsauth/utf8.hpp: UTF-8 well-formedness, as RFC 3629 defines it, and text made safe for a log line.
// JSON text must be UTF-8; a string that is not is refused before it can be written as invalid JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace awsauth::detail {

/// The length of the well-formed UTF-8 sequence that starts at `bytes` (a lead byte of 0x80 or above), or 0 when
/// there is none: no overlong forms, no surrogates, nothing above U+10FFFF. `available` bytes may be read.
inline std::size_t utf8_sequence_length(const unsigned char* bytes, std::size_t available) noexcept {
    const unsigned char lead = bytes[0];
    std::size_t length = 0;
    unsigned char low = 0x80;  // bounds of the second byte, which rule out overlongs and surrogates
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
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
    return length;
}

/// True when `text` is well-formed UTF-8.
inline bool is_valid_utf8(std::string_view text) noexcept {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        if (bytes[i] < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = utf8_sequence_length(bytes + i, size - i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

/// Appends `text` as it may stand inside a JSON string on one log line: `"` and `\` escaped, control characters as
/// JSON spells them (the escapes nlohmann's dump writes) and, when `text` is not UTF-8, every byte above 0x7F as
/// \xNN, which is not JSON but shows what is there. Keys in error messages and strings in operator<< output go
/// through here, so a hostile key can neither end a log line nor cut a message short at a NUL.
inline void append_escaped(std::string& out, std::string_view text) {
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

}  // namespace awsauth::detail
