// awsauth/detail/json_pointer.hpp: where a value sits in a document, as every reader, writer and check reports it.
// Frames live on the walker's stack; the RFC 6901 JSON Pointer is only spelled out for an error, so a successful
// walk allocates nothing for paths.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/version.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

AWSAUTH_BEGIN_NAMESPACE
namespace detail {

struct json_path {
    const json_path* parent = nullptr;
    std::string_view key{};
    std::size_t index = 0;
    bool is_index = false;
};

/// Appends one RFC 6901 reference token: "~" and "/" in a key are escaped as "~0" and "~1".
inline void append_pointer_token(std::string& pointer, std::string_view key) {
    pointer += '/';
    for (const char c : key) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer += c;
        }
    }
}

/// The RFC 6901 JSON Pointer of `at` ("" for the document root).
[[gnu::cold]] inline std::string to_json_pointer(const json_path* at) {
    std::vector<const json_path*> frames;
    for (; at != nullptr; at = at->parent)
        frames.push_back(at);
    std::string pointer;
    for (auto frame = frames.rbegin(); frame != frames.rend(); ++frame) {
        if ((*frame)->is_index) {
            pointer += '/';
            pointer += std::to_string((*frame)->index);
        } else {
            append_pointer_token(pointer, (*frame)->key);
        }
    }
    return pointer;
}

// Cold and out of line: every reader and writer calls it, and building a message inline at each call site costs
// every user's compile (bench/compile_time.py) and the hot path's code size alike.
[[noreturn, gnu::cold, gnu::noinline]] inline void fail(const json_path* at, error_kind kind,
                                                        const std::string& problem) {
    throw error(kind, to_json_pointer(at), problem);
}

}  // namespace detail
AWSAUTH_END_NAMESPACE
