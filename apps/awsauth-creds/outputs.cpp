// apps/awsauth-creds/outputs.cpp: every output format, and the checks made before any of them writes.
#include "outputs.hpp"

#include "refusal.hpp"

#include <awsauth/timestamp.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string_view>
#include <utility>
#include <vector>

namespace awsauth_creds {

namespace {

// ---------------------------------------------------------------------------------------------------------------
// Time.

// Whole seconds, floored: an expiry written a fraction early is safe, one written late is not.
std::string utc_text(awsauth::timestamp instant) {
    return awsauth::format_timestamp(date::floor<std::chrono::seconds>(instant), awsauth::timestamp_format::iso8601_z);
}

// "42 s", "47 min", "23 h 5 min", floored.
std::string duration_text(std::chrono::microseconds span) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(span).count();
    if (seconds < 60) return std::to_string(seconds) + " s";
    if (seconds < 3600) return std::to_string(seconds / 60) + " min";
    return std::to_string(seconds / 3600) + " h " + std::to_string(seconds / 60 % 60) + " min";
}

// ---------------------------------------------------------------------------------------------------------------
// Writing.

// POSIX sh: inside '...' nothing is special but the closing quote, written as '\''.
std::string posix_quoted(std::string_view value) {
    std::string quoted = "'";
    for (char c : value)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// fish: inside '...' a backslash escapes only ' and \.
std::string fish_quoted(std::string_view value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "'";
}

// PowerShell: a single-quoted string ends at ' and also at the curly quotes U+2018 to U+201B; each is escaped by
// doubling it.
std::string powershell_quoted(std::string_view value) {
    std::string quoted = "'";
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\'') {
            quoted += "''";
        } else if (value.substr(i, 2) == "\xE2\x80" && i + 2 < value.size() &&
                   static_cast<unsigned char>(value[i + 2]) >= 0x98 &&
                   static_cast<unsigned char>(value[i + 2]) <= 0x9B) {
            quoted += std::string(value.substr(i, 3)) + std::string(value.substr(i, 3));
            i += 2;
        } else {
            quoted += value[i];
        }
    }
    return quoted + "'";
}

std::string environment_text(const credentials_found& found, shell_syntax shell) {
    const std::pair<std::string_view, std::string> variables[] = {
        {"AWS_ACCESS_KEY_ID", found.access_key_id},
        {"AWS_SECRET_ACCESS_KEY", found.secret_access_key},
        {"AWS_SESSION_TOKEN", found.session_token},
        {"AWS_CREDENTIAL_EXPIRATION", utc_text(found.expiration)},
    };
    std::string text;
    for (const auto& [name, value] : variables) {
        switch (shell) {
            case shell_syntax::posix:
                text += "export " + std::string(name) + "=" + posix_quoted(value);
                break;
            case shell_syntax::fish:
                text += "set -gx " + std::string(name) + " " + fish_quoted(value);
                break;
            case shell_syntax::powershell:
                text += "$Env:" + std::string(name) + " = " + powershell_quoted(value);
                break;
        }
        text += "\n";
    }
    return text;
}

// What the AWS CLI and SDKs read from a credential_process program (Version 1), laid out as
// `aws configure export-credentials` lays it out.
std::string credential_process_text(const credentials_found& found) {
    nlohmann::ordered_json answer;
    answer["Version"] = 1;
    answer["AccessKeyId"] = found.access_key_id;
    answer["SecretAccessKey"] = found.secret_access_key;
    answer["SessionToken"] = found.session_token;
    answer["Expiration"] = utc_text(found.expiration);
    return answer.dump(2) + "\n";
}

std::string ini_text(const credentials_found& found, const std::string& profile) {
    return "[" + profile + "]\n" +                                        //
           "# expires " + utc_text(found.expiration) + "\n" +             //
           "aws_access_key_id = " + found.access_key_id + "\n" +          //
           "aws_secret_access_key = " + found.secret_access_key + "\n" +  //
           "aws_session_token = " + found.session_token + "\n";
}

std::string summary_text(const credentials_found& found, awsauth::timestamp now) {
    std::vector<summary_line> lines;
    lines.push_back({"credentials", std::string(found.kind)});
    lines.insert(lines.end(), found.identity.begin(), found.identity.end());
    lines.push_back({"access key id", found.access_key_id});
    lines.push_back({"expires", utc_text(found.expiration) + " (in " + duration_text(found.expiration - now) + ")"});
    constexpr std::size_t value_column = 17;  // after "source identity: "
    std::string text;
    for (const auto& [label, value] : lines)
        text += std::string(label) + ":" + std::string(value_column - label.size() - 1, ' ') + value + "\n";
    return text;
}

}  // namespace

std::string output_text(const credentials_found& found, const command_line& chosen, awsauth::timestamp now) {
    switch (chosen.format) {
        case output_format::summary:
            return summary_text(found, now);
        case output_format::env:
            return environment_text(found, chosen.shell.value_or(shell_syntax::posix));
        case output_format::credential_process:
            return credential_process_text(found);
        case output_format::ini:
            return ini_text(found, chosen.profile.value_or("default"));
        case output_format::json:
            return found.normalised_json + "\n";
    }
    return {};
}

void refuse_control_characters(const credentials_found& found) {
    const std::pair<std::string_view, const std::string*> values[] = {
        {"access key id", &found.access_key_id},
        {"secret access key", &found.secret_access_key},
        {"session token", &found.session_token},
    };
    for (const auto& [name, value] : values) {
        const bool control = std::any_of(value->begin(), value->end(),
                                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
        if (control) refuse_document("the " + std::string(name) + " holds a control character, which no AWS key has");
    }
}

void refuse_expired(const credentials_found& found, const command_line& chosen, awsauth::timestamp now) {
    const auto remaining = found.expiration - now;
    if (remaining <= std::chrono::microseconds::zero())
        refuse_document("the credentials expired at " + utc_text(found.expiration) + ", " + duration_text(-remaining) +
                        " ago");
    if (remaining < chosen.min_validity)
        refuse_document("the credentials expire at " + utc_text(found.expiration) + ", in " + duration_text(remaining) +
                        ", within --min-validity " + chosen.min_validity_text);
}

}  // namespace awsauth_creds
