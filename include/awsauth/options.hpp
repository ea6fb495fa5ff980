// awsauth/options.hpp: what a caller can choose when reading and writing JSON.
// Defaults are what the nlohmann adapters (awsauth/json.hpp) use.
#pragma once

#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <cstddef>

AWSAUTH_BEGIN_NAMESPACE

struct parse_options {
    /// Report members the model does not know as errors; by default they are skipped, since AWS adds members over time.
    bool reject_unknown_keys = false;
    /// Deepest nesting of objects and arrays accepted, the document itself being level 1. AWS's payloads nest four
    /// levels at most; the limit bounds what a hostile document can make the reader hold, unknown members included.
    std::size_t max_depth = 128;
    /// Longest JSON text accepted, in bytes. The largest legitimate document (an AssumeRoleWithSAML request with a
    /// 100,000-character assertion) is about a tenth of the default.
    std::size_t max_document_size = std::size_t{1} << 20;
    // Validation on reading is awsauth::parse_validated<T> (awsauth/parse.hpp), a function of its own rather than an
    // option here, so that a program that never validates compiles no validation code.
};

struct dump_options {
    /// Spaces per nesting level; -1 writes everything on one line.
    int indent = -1;
    /// How timestamps are written; the default is what boto3 and the AWS CLI v2 print.
    timestamp_format timestamps = timestamp_format::iso8601;
};

AWSAUTH_END_NAMESPACE
