// awsauth/error.hpp: the one exception type the library throws.
// Messages name where and what, never the offending value: these payloads carry secrets.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace awsauth {

class error : public std::runtime_error {
public:
    /// An error not tied to a place in a document.
    explicit error(const std::string& problem) : std::runtime_error("awsauth: " + problem), path_("") {}

    /// An error at a JSON Pointer (RFC 6901) into the document; "" is the document root.
    error(const std::string& json_pointer, const std::string& problem)
        : std::runtime_error("awsauth: at " + (json_pointer.empty() ? std::string("the document root") : json_pointer) +
                             ": " + problem),
          path_(json_pointer) {}

    /// JSON Pointer of the offending member, or "" when the error is about the whole document.
    std::string_view path() const noexcept { return path_.what(); }

private:
    // std::runtime_error shares its string on copy, so copying an error in flight cannot throw.
    std::runtime_error path_;
};

}  // namespace awsauth
