// awsauth/options.hpp: what a caller can choose when reading and writing JSON.
// Defaults are what the ADL from_json / to_json use.
#pragma once

#include <awsauth/timestamp.hpp>

namespace awsauth {

struct parse_options {
    /// Report members the model does not know as errors; by default they are skipped, since AWS adds members over time.
    bool reject_unknown_keys = false;
    /// Check the value against the AWS model's constraints (awsauth::validate) and throw at the first violation.
    bool validate = false;
};

struct dump_options {
    /// Spaces per nesting level; -1 writes everything on one line.
    int indent = -1;
    /// How timestamps are written; the default is what boto3 and the AWS CLI v2 print.
    timestamp_format timestamps = timestamp_format::iso8601;
};

}  // namespace awsauth
