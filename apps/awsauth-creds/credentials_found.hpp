// apps/awsauth-creds/credentials_found.hpp: what reading a document gives every output, whichever payload the
// credentials came in.
#pragma once

#include <awsauth/timestamp.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awsauth_creds {

// The tool's own copy of the library's credentials view (awsauth::credentials, issue 12), member for member, until
// that lands on main: then this struct goes and the documents read through awsauth::credentials_of.
struct credentials_view {
    std::string access_key_id;
    std::string secret_access_key;
    std::optional<std::string> session_token;      // none for long-term keys
    std::optional<awsauth::timestamp> expiration;  // none for long-term keys
    std::optional<std::string> account_id;
};

struct summary_line {
    std::string_view label;
    std::string value;
};

struct credentials_found {
    std::string_view kind;               // "STS AssumeRole response"
    std::vector<summary_line> identity;  // who the credentials are for, as far as the payload says
    credentials_view credentials;
    std::string normalised_json;  // only for --format json
};

// Long-term keys (an IAM user's) have neither a session token nor an expiration: only a credential_process answer
// can carry them, and SDKs never refresh them.
inline bool long_term(const credentials_view& credentials) {
    return !credentials.session_token && !credentials.expiration;
}

}  // namespace awsauth_creds
