// apps/awsauth-creds/outputs.hpp: the checks every output makes (expiry, control characters) and the formats.
#pragma once

#include "command_line.hpp"
#include "credentials_found.hpp"

#include <awsauth/timestamp.hpp>

#include <string>

namespace awsauth_creds {

// Line-based outputs (ini, env readers) would be broken or extended by a control character; AWS never issues one.
void refuse_control_characters(const credentials_found& found);

// Refuses credentials that have expired at `now`, or expire within --min-validity.
void refuse_expired(const credentials_found& found, const command_line& chosen, awsauth::timestamp now);

// The text of --format (and --shell, --profile) for these credentials.
std::string output_text(const credentials_found& found, const command_line& chosen, awsauth::timestamp now);

}  // namespace awsauth_creds
