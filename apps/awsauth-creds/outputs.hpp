// apps/awsauth-creds/outputs.hpp: the checks every output makes (expiry, control characters) and the formats.
#pragma once

#include "command_line.hpp"
#include "credentials_found.hpp"

#include <awsauth/timestamp.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace awsauth_creds {

// Line-based outputs (ini, env readers) would be broken or extended by a control character; AWS never issues one.
void refuse_control_characters(const awsauth::credentials& credentials);

// Refuses credentials that have expired at `now`, or expire within min_validity (refusal_reason says which).
void refuse_expired(const awsauth::credentials& credentials, std::chrono::seconds min_validity,
                    std::string_view min_validity_text, awsauth::timestamp now);

// The text of --format (and --shell, --profile) for these credentials; a refusal where the format cannot carry them.
std::string output_text(const credentials_found& found, const command_line& chosen, awsauth::timestamp now);

// The container-credentials JSON, on one line, byte for byte as the EKS Pod Identity agent sends it; refuses
// credentials without a session token or expiration, which SDKs (botocore) require there.
std::string container_json(const awsauth::credentials& credentials);

// POSIX sh: '...', with each ' written as '\''.
std::string posix_quoted(std::string_view value);

// 2026-11-23T17:43:29Z: UTC, floored to the second.
std::string utc_text(awsauth::timestamp instant);

}  // namespace awsauth_creds
