// awsauth/error.hpp: the one exception type the library throws.
// Messages name where and what, never the offending value: these payloads carry secrets.
#pragma once

#include <awsauth/utf8.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace awsauth {

class error : public std::runtime_error {
public:
    /// An error not tied to a place in a document.
    explicit error(const std::string& problem) : std::runtime_error("awsauth: " + problem) {}

    /// An error at a JSON Pointer (RFC 6901) into the document; "" is the document root.
    error(const std::string& json_pointer, const std::string& problem)
        : std::runtime_error(message_at(json_pointer, problem)),
          path_(std::make_shared<const std::string>(json_pointer)) {}

    /// JSON Pointer of the offending member, exactly (a key may hold any character), or "" when the error is about
    /// the whole document.
    std::string_view path() const noexcept { return path_ ? std::string_view(*path_) : std::string_view(); }

private:
    // The pointer is made of the document's keys: escaped, so that a key cannot add a line to a log or cut the
    // message short at a NUL.
    [[gnu::cold]] static std::string message_at(const std::string& json_pointer, const std::string& problem) {
        std::string message = "awsauth: at ";
        if (json_pointer.empty()) {
            message += "the document root";
        } else {
            detail::append_escaped(message, json_pointer);
        }
        return message + ": " + problem;
    }

    // Shared on copy, as std::runtime_error shares its message, so copying an error in flight cannot throw.
    std::shared_ptr<const std::string> path_;
};

}  // namespace awsauth
