// awsauth/error.hpp: the one exception type the library throws.
// Messages name where and what, never the offending value: these payloads carry secrets.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace awsauth {

class error : public std::runtime_error {
public:
    /// An error not tied to a place in a document.
    explicit error(const std::string& problem) : std::runtime_error("awsauth: " + problem) {}

    /// An error at a JSON Pointer (RFC 6901) into the document; "" is the document root.
    error(std::string json_pointer, const std::string& problem)
        : std::runtime_error("awsauth: at " + (json_pointer.empty() ? std::string("the document root") : json_pointer) +
                             ": " + problem),
          path(std::move(json_pointer)) {}

    /// JSON Pointer of the offending member, or "" when the error is about the whole document.
    std::string path;
};

}  // namespace awsauth
