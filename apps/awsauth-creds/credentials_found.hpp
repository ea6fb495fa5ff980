// apps/awsauth-creds/credentials_found.hpp: what reading a document gives every output, whichever payload the
// credentials came in.
#pragma once

#include <awsauth/credentials.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace awsauth_creds {

struct summary_line {
    std::string_view label;
    std::string value;
};

struct credentials_found {
    std::string_view kind;               // "STS AssumeRole response"
    std::vector<summary_line> identity;  // who the credentials are for, as far as the payload says
    awsauth::credentials credentials;
    std::string normalised_json;  // only for --format json
};

// Long-term keys (an IAM user's) have neither a session token nor an expiration: only a credential_process answer
// can carry them, and SDKs never refresh them.
inline bool long_term(const awsauth::credentials& credentials) {
    return !credentials.session_token && !credentials.expiration;
}

}  // namespace awsauth_creds
