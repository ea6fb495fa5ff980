// awsauth/detail/wire_percent.hpp: percent-encoding (RFC 3986), written once for the query protocol's form bodies
// and restJson1's URI labels and query strings. Writers escape every byte outside the unreserved set; readers are
// lenient as servers are.
#pragma once

#include <awsauth/version.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

// unreserved: RFC 3986's A-Z a-z 0-9 - . _ ~, the only bytes a writer leaves as they are. raw_allowed: the rest of
// what RFC 3986 allows in a query, less what a form gives a meaning to (& and +; = only splits a key from its value):
// ! $ ' ( ) * , ; : @ / ? =. Real encoders leave some of these unescaped (JavaScript's encodeURIComponent keeps
// ! ' ( ) *), so a strict reader takes them raw; writers escape them. Every other byte must arrive as %XX there.
enum class uri_byte : unsigned char { escaped, unreserved, raw_allowed };

inline constexpr std::array<uri_byte, 256> uri_bytes = [] {
    std::array<uri_byte, 256> kinds{};
    for (std::size_t byte = 'A'; byte <= 'Z'; ++byte)
        kinds[byte] = uri_byte::unreserved;
    for (std::size_t byte = 'a'; byte <= 'z'; ++byte)
        kinds[byte] = uri_byte::unreserved;
    for (std::size_t byte = '0'; byte <= '9'; ++byte)
        kinds[byte] = uri_byte::unreserved;
    for (const char c : std::string_view("-._~"))
        kinds[static_cast<unsigned char>(c)] = uri_byte::unreserved;
    for (const char c : std::string_view("!$'()*,;:@/?="))
        kinds[static_cast<unsigned char>(c)] = uri_byte::raw_allowed;
    return kinds;
}();

constexpr bool is_unreserved(unsigned char byte) noexcept {
    return uri_bytes[byte] == uri_byte::unreserved;
}

/// Appends `text` percent-encoded: every byte outside A-Z a-z 0-9 - _ . ~ as %XX with upper-case hex, `/` included,
/// so the UTF-8 bytes of é are %C3%A9 and `my cluster/é` is `my%20cluster%2F%C3%A9`. A space is %20, where
/// botocore's form bodies have `+` (urllib's quote_plus): both decode to a space, and %20 means a space to every
/// decoder, form or not, where `+` means one only to a form decoder.
inline void append_percent_encoded(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    // Sized for the worst case (every byte escaped) and written through a pointer: ARNs and policies are short runs
    // between escapes, where an append call per run and per escape cost more than the bytes.
    const std::size_t start = out.size();
    out.resize(start + 3 * text.size());
    char* p = &out[start];
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (is_unreserved(byte)) {
            *p++ = c;
        } else {
            *p++ = '%';
            *p++ = hex[byte >> 4];
            *p++ = hex[byte & 0xF];
        }
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
}

constexpr int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

inline constexpr const char* percent_bad_escape = "'%' is not followed by two hexadecimal digits";
inline constexpr const char* percent_raw_byte = "a character that must be percent-encoded is not";

/// What is wrong with a decoded text (null: nothing), and at which of its bytes.
struct percent_decoding {
    const char* problem = nullptr;
    std::size_t offset = 0;
};

/// How lenient a reader is beyond %XX, which every reader decodes (hex digits in either case).
struct percent_reading {
    /// `+` is a space, as form encoding and query strings have it (not in a URI path).
    bool plus_is_space = false;
    /// Refuse a raw byte that is neither unreserved nor raw_allowed (a form body), rather than keep it as it is.
    bool only_uri_bytes = false;
};

/// Appends `text` decoded. Anything the rules do not allow is refused, not guessed at.
inline percent_decoding append_percent_decoded(std::string& out, std::string_view text, percent_reading rules) {
    std::size_t copied = 0;  // bytes before this one that stand for themselves are copied in one go
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool plus = c == '+' && rules.plus_is_space;
        const bool refused = rules.only_uri_bytes && uri_bytes[static_cast<unsigned char>(c)] == uri_byte::escaped;
        if (c != '%' && !plus && !refused) continue;
        out.append(text.data() + copied, i - copied);
        if (c == '%') {
            const int high = i + 2 < text.size() ? hex_digit_value(text[i + 1]) : -1;
            const int low = high >= 0 ? hex_digit_value(text[i + 2]) : -1;
            if (low < 0) return {percent_bad_escape, i};
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (plus) {
            out += ' ';
        } else {
            return {percent_raw_byte, i};
        }
        copied = i + 1;
    }
    out.append(text.data() + copied, text.size() - copied);
    return {};
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
