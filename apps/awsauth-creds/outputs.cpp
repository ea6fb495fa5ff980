// apps/awsauth-creds/outputs.cpp: every output format, and the checks made before any of them writes.
#include "outputs.hpp"

#include "refusal.hpp"

#include <awsauth/credential_sources.hpp>
#include <awsauth/dump.hpp>
#include <awsauth/timestamp.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace awsauth_creds {

namespace {

// ---------------------------------------------------------------------------------------------------------------
// Time. Expirations are written in whole seconds, floored: an expiry written a fraction early is safe, one written
// late is not.

std::optional<awsauth::timestamp> floored(const std::optional<awsauth::timestamp>& instant) {
    if (!instant) return std::nullopt;
    return date::floor<std::chrono::seconds>(*instant);
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

// The variables an SDK reads its credentials from, as `aws configure export-credentials` (AWS CLI v2) sets them:
// AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION only for temporary credentials.
std::vector<std::pair<std::string_view, std::string>> environment_variables(const awsauth::credentials& credentials) {
    std::vector<std::pair<std::string_view, std::string>> variables = {
        {"AWS_ACCESS_KEY_ID", credentials.access_key_id},
        {"AWS_SECRET_ACCESS_KEY", credentials.secret_access_key},
    };
    if (credentials.session_token) variables.emplace_back("AWS_SESSION_TOKEN", *credentials.session_token);
    if (credentials.expiration) variables.emplace_back("AWS_CREDENTIAL_EXPIRATION", utc_text(*credentials.expiration));
    return variables;
}

std::string environment_text(const awsauth::credentials& credentials, shell_syntax shell) {
    std::string text;
    for (const auto& [name, value] : environment_variables(credentials)) {
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

// Shell variables without `export` (AWS CLI v2's env-no-export), for a script to use or export as it chooses.
std::string environment_no_export_text(const awsauth::credentials& credentials) {
    std::string text;
    for (const auto& [name, value] : environment_variables(credentials))
        text += std::string(name) + "=" + posix_quoted(value) + "\n";
    return text;
}

// cmd.exe: `set NAME=value`, as the AWS CLI v2 writes it, takes the rest of the line as it stands. cmd has no quoting
// that survives every context (% expands even inside "...", ! under delayed expansion, ^ & | < > ( ) act outside
// quotes), and a batch file is read in the OEM code page: values holding any of those, a double quote or a
// non-ASCII character are refused rather than written as a line that would run differently. AWS keys, tokens and
// timestamps hold none of them.
std::string windows_cmd_text(const awsauth::credentials& credentials) {
    constexpr std::string_view special = "%!^&|<>()\"";
    std::string text;
    for (const auto& [name, value] : environment_variables(credentials)) {
        const bool carried = std::none_of(value.begin(), value.end(), [&](char c) {
            return special.find(c) != std::string_view::npos || static_cast<unsigned char>(c) >= 0x80;
        });
        if (!carried)
            refuse_document("the value of " + std::string(name) +
                            " holds a character cmd.exe would not take literally (% ! ^ & | < > ( ) \" or non-ASCII)");
        text += "set " + std::string(name) + "=" + value + "\n";
    }
    return text;
}

// A .env file: NAME='value'. python-dotenv and Docker Compose's env_file both take a single-quoted value as it
// stands, without interpolating $ or reading a # as a comment, as long as it holds no ' and no \ (python-dotenv
// unescapes \' and \\ there, Compose does not): values with either are refused.
std::string dotenv_text(const awsauth::credentials& credentials) {
    std::string text;
    for (const auto& [name, value] : environment_variables(credentials)) {
        if (value.find_first_of("'\\") != std::string::npos)
            refuse_document("the value of " + std::string(name) +
                            " holds a ' or a \\, which .env readers disagree about");
        text += std::string(name) + "='" + value + "'\n";
    }
    return text;
}

// What the AWS CLI and SDKs read from a credential_process program (Version 1), laid out as
// `aws configure export-credentials` lays it out: SessionToken and Expiration only for temporary credentials.
std::string credential_process_text(const awsauth::credentials& credentials) {
    awsauth::credential_process::Credentials answer;
    answer.version = 1;
    answer.access_key_id = credentials.access_key_id;
    answer.secret_access_key = credentials.secret_access_key;
    answer.session_token = credentials.session_token;
    answer.expiration = floored(credentials.expiration);
    awsauth::dump_options layout;
    layout.indent = 2;
    layout.timestamps = awsauth::timestamp_format::iso8601_z;
    return awsauth::dump(answer, layout) + "\n";
}

std::string ini_text(const awsauth::credentials& credentials, const std::string& profile) {
    std::string text = "[" + profile + "]\n";
    if (credentials.expiration) text += "# expires " + utc_text(*credentials.expiration) + "\n";
    text += "aws_access_key_id = " + credentials.access_key_id + "\n";
    text += "aws_secret_access_key = " + credentials.secret_access_key + "\n";
    if (credentials.session_token) text += "aws_session_token = " + *credentials.session_token + "\n";
    return text;
}

std::string summary_text(const credentials_found& found, awsauth::timestamp now) {
    const awsauth::credentials& credentials = found.credentials;
    std::vector<summary_line> lines;
    lines.push_back({"credentials", std::string(found.kind)});
    lines.insert(lines.end(), found.identity.begin(), found.identity.end());
    lines.push_back({"access key id", credentials.access_key_id});
    if (credentials.expiration)
        lines.push_back({"expires", utc_text(*credentials.expiration) + " (in " +
                                        duration_text(*credentials.expiration - now) + ")"});
    else
        lines.push_back({"expires", credentials.session_token ? "not said" : "never (long-term keys)"});
    constexpr std::size_t value_column = 17;  // after "source identity: "
    std::string text;
    for (const auto& [label, value] : lines)
        text += std::string(label) + ":" + std::string(value_column - label.size() - 1, ' ') + value + "\n";
    return text;
}

}  // namespace

// POSIX sh: inside '...' nothing is special but the closing quote, written as '\''.
std::string posix_quoted(std::string_view value) {
    std::string quoted = "'";
    for (char c : value)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string utc_text(awsauth::timestamp instant) {
    return awsauth::format_timestamp(date::floor<std::chrono::seconds>(instant), awsauth::timestamp_format::iso8601_z);
}

std::string container_json(const awsauth::credentials& credentials) {
    if (!credentials.session_token || !credentials.expiration)
        refuse_document(long_term(credentials)
                            ? "long-term keys: the container-credentials format carries temporary credentials only"
                            : "no expiration: SDKs need one in the container-credentials format",
                        refusal_reason::not_temporary);
    awsauth::container::Credentials document;
    document.access_key_id = credentials.access_key_id;
    document.secret_access_key = credentials.secret_access_key;
    document.token = credentials.session_token;
    document.account_id = credentials.account_id;
    document.expiration = floored(credentials.expiration);
    awsauth::dump_options layout;
    layout.timestamps = awsauth::timestamp_format::iso8601_z;
    return awsauth::dump(document, layout);
}

std::string output_text(const credentials_found& found, const command_line& chosen, awsauth::timestamp now) {
    switch (chosen.format) {
        case output_format::summary:
            return summary_text(found, now);
        case output_format::env:
            return environment_text(found.credentials, chosen.shell.value_or(shell_syntax::posix));
        case output_format::env_no_export:
            return environment_no_export_text(found.credentials);
        case output_format::windows_cmd:
            return windows_cmd_text(found.credentials);
        case output_format::dotenv:
            return dotenv_text(found.credentials);
        case output_format::credential_process:
            return credential_process_text(found.credentials);
        case output_format::ini:
            return ini_text(found.credentials, chosen.profile.value_or("default"));
        case output_format::json:
            return found.normalised_json + "\n";
        case output_format::container:
            return container_json(found.credentials) + "\n";
    }
    return {};
}

void refuse_control_characters(const awsauth::credentials& credentials) {
    const std::pair<std::string_view, const std::string*> values[] = {
        {"access key id", &credentials.access_key_id},
        {"secret access key", &credentials.secret_access_key},
        {"session token", credentials.session_token ? &*credentials.session_token : nullptr},
    };
    for (const auto& [name, value] : values) {
        if (!value) continue;
        const bool control = std::any_of(value->begin(), value->end(),
                                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
        if (control) refuse_document("the " + std::string(name) + " holds a control character, which no AWS key has");
    }
}

void refuse_expired(const awsauth::credentials& credentials, std::chrono::seconds min_validity,
                    std::string_view min_validity_text, awsauth::timestamp now) {
    if (!credentials.expiration) return;  // long-term keys, or an answer that says nothing: nothing to compare
    const awsauth::timestamp expiration = *credentials.expiration;
    const auto remaining = expiration - now;
    if (remaining <= std::chrono::microseconds::zero())
        throw refusal{document_refused,
                      "the credentials expired at " + utc_text(expiration) + ", " + duration_text(-remaining) + " ago",
                      refusal_reason::expired};
    if (remaining < min_validity)
        throw refusal{document_refused,
                      "the credentials expire at " + utc_text(expiration) + ", in " + duration_text(remaining) +
                          ", within --min-validity " + std::string(min_validity_text),
                      refusal_reason::within_min_validity};
}

}  // namespace awsauth_creds
