// awsauth/error.hpp: the one exception type the library throws, and what kind of problem it reports.
// Messages name where and what, never the offending value: these payloads carry secrets.
#pragma once

#include <awsauth/detail/utf8.hpp>
#include <awsauth/version.hpp>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

AWSAUTH_BEGIN_NAMESPACE

/// What went wrong, for code that reacts to it; error::problem() says it in words.
enum class error_kind {
    /// The text is not JSON (or a document the reader cannot read at all).
    invalid_json,
    /// A member the model requires is absent.
    missing_member,
    /// A value of another JSON type than the member needs (null for a required member included).
    wrong_type,
    /// A number outside what the member's type holds.
    out_of_range,
    /// A timestamp that is malformed or outside the years 0001 to 9999.
    invalid_timestamp,
    /// A string or key that is not UTF-8, where JSON text must be.
    invalid_utf8,
    /// A member the model does not have, under parse_options::reject_unknown_keys.
    unknown_member,
    /// The document is larger or nests deeper than parse_options allows.
    limit_exceeded,
    /// The value breaks a constraint of the AWS model (awsauth::parse_validated).
    constraint_violated,
};

/// The kind's name as written in the enum: "missing_member".
constexpr std::string_view to_string(error_kind kind) noexcept {
    switch (kind) {
        case error_kind::invalid_json:
            return "invalid_json";
        case error_kind::missing_member:
            return "missing_member";
        case error_kind::wrong_type:
            return "wrong_type";
        case error_kind::out_of_range:
            return "out_of_range";
        case error_kind::invalid_timestamp:
            return "invalid_timestamp";
        case error_kind::invalid_utf8:
            return "invalid_utf8";
        case error_kind::unknown_member:
            return "unknown_member";
        case error_kind::limit_exceeded:
            return "limit_exceeded";
        case error_kind::constraint_violated:
            return "constraint_violated";
    }
    return "unknown";
}

class error : public std::runtime_error {
public:
    /// An error not tied to a place in a document.
    error(error_kind kind, const std::string& problem)
        : std::runtime_error(std::string(prefix) + problem), kind_(kind), problem_offset_(prefix.size()) {}

    /// An error at a JSON Pointer (RFC 6901) into the document; "" is the document root.
    error(error_kind kind, const std::string& json_pointer, const std::string& problem)
        : std::runtime_error(message_at(json_pointer, problem)),
          path_(std::make_shared<const std::string>(json_pointer)),
          kind_(kind),
          problem_offset_(std::string_view(what()).size() - problem.size()) {}

    /// What kind of problem this is.
    error_kind kind() const noexcept { return kind_; }

    /// JSON Pointer of the offending member, exactly (a key may hold any character), or "" when the error is about
    /// the whole document.
    std::string_view path() const noexcept { return path_ ? std::string_view(*path_) : std::string_view(); }

    /// The problem alone, without the "awsauth: " prefix and the path that what() adds: "missing required member".
    std::string_view problem() const noexcept { return std::string_view(what()).substr(problem_offset_); }

    /// Where, as what() says it: "at /Credentials/Expiration" (the pointer escaped for a log line) or "at the
    /// document root"; "" for an error not tied to a place. what() is "awsauth: " + location + ": " + problem, or
    /// "awsauth: " + problem without a location.
    std::string_view location() const noexcept {
        if (!path_) return {};
        return std::string_view(what()).substr(prefix.size(), problem_offset_ - prefix.size() - separator.size());
    }

private:
    static constexpr std::string_view prefix = "awsauth: ";
    static constexpr std::string_view separator = ": ";

    // The pointer is made of the document's keys: escaped, so that a key cannot add a line to a log or cut the
    // message short at a NUL.
    [[gnu::cold]] static std::string message_at(const std::string& json_pointer, const std::string& problem) {
        std::string message(prefix);
        message += "at ";
        if (json_pointer.empty()) {
            message += "the document root";
        } else {
            detail::append_log_escaped(message, json_pointer);
        }
        message += separator;
        return message + problem;
    }

    // Shared on copy, as std::runtime_error shares its message, so copying an error in flight cannot throw.
    std::shared_ptr<const std::string> path_;
    error_kind kind_;
    std::size_t problem_offset_;
};

AWSAUTH_END_NAMESPACE
