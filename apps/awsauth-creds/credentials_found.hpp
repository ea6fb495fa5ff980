// apps/awsauth-creds/credentials_found.hpp: what reading a document gives every output, whichever response the
// credentials came in.
#pragma once

#include <awsauth/timestamp.hpp>

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
    std::vector<summary_line> identity;  // who the credentials are for, as far as the response says
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;
    awsauth::timestamp expiration{};
    std::string normalised_json;  // only for --format json
};

}  // namespace awsauth_creds
