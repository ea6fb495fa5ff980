// apps/awsauth-creds/awsauth_creds.cpp: awsauth-creds, which turns any STS or EKS Auth credentials response into
// shell exports, a credential_process answer, a shared-credentials profile, a summary or normalised JSON.
// The library does all the reading; this file decides which response type a document is and how to print it.
// Built with the wire codec (AWSAUTH_CREDS_WIRE, where CMake found awsauth::wire) it also reads STS's own XML answer.
#include <awsauth/awsauth.hpp>
#if defined(AWSAUTH_CREDS_WIRE)
#include <awsauth/wire.hpp>
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------------------------
// Refusals: one line on stderr, nothing on stdout, and never a value from the document in the message.

constexpr int document_refused = 1;
constexpr int bad_usage = 2;

struct refusal {
    int exit_status;
    std::string message;
};

[[noreturn]] void refuse_usage(std::string message) {
    throw refusal{bad_usage, std::move(message) + " (see --help)"};
}

[[noreturn]] void refuse_document(std::string message) {
    throw refusal{document_refused, std::move(message)};
}

// A library error in the tool's words: where (already escaped for one line) and what, without the library's
// "awsauth: " prefix, since our lines start with the program's name.
std::string library_reason(const awsauth::error& failure) {
    std::string reason(failure.location());
    if (!reason.empty()) reason += ": ";
    return reason.append(failure.problem());
}

// ---------------------------------------------------------------------------------------------------------------
// The command line.

enum class output_format { summary, env, credential_process, ini, json };
enum class shell_syntax { posix, fish, powershell };

constexpr std::pair<std::string_view, output_format> format_names[] = {
    {"summary", output_format::summary},
    {"env", output_format::env},
    {"credential-process", output_format::credential_process},
    {"ini", output_format::ini},
    {"json", output_format::json},
};

constexpr std::pair<std::string_view, shell_syntax> shell_names[] = {
    {"posix", shell_syntax::posix},
    {"fish", shell_syntax::fish},
    {"powershell", shell_syntax::powershell},
};

struct command_line {
    output_format format = output_format::summary;
    std::optional<shell_syntax> shell;
    std::optional<std::string> profile;
    std::chrono::seconds min_validity{0};
    std::string min_validity_text = "0";
    std::optional<awsauth::timestamp> now;
    std::optional<std::string> file;  // none or "-": standard input
    bool help = false;
    bool version = false;
};

template <class Value, std::size_t count>
Value choose(const std::pair<std::string_view, Value> (&names)[count], std::string_view option, std::string_view text) {
    for (const auto& [name, value] : names)
        if (name == text) return value;
    std::string accepted;
    for (const auto& [name, value] : names)
        accepted += (accepted.empty() ? "" : ", ") + std::string(name);
    refuse_usage(std::string(option) + " takes one of " + accepted);
}

// "300", "300s", "5m", "1h". Nine digits at most, so the microsecond comparison cannot overflow.
std::chrono::seconds read_duration(std::string_view text) {
    constexpr std::pair<char, std::int64_t> units[] = {{'s', 1}, {'m', 60}, {'h', 3600}};
    std::int64_t seconds_per_unit = 1;
    for (const auto& [suffix, seconds] : units) {
        if (!text.empty() && text.back() == suffix) {
            seconds_per_unit = seconds;
            text.remove_suffix(1);
        }
    }
    const bool digits_only =
        !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits_only || text.size() > 9)
        refuse_usage(
            "--min-validity takes a whole number of seconds, at most 9 digits, optionally followed by s, m or h");
    std::int64_t count = 0;
    for (char digit : text)
        count = count * 10 + (digit - '0');
    return std::chrono::seconds{count * seconds_per_unit};
}

// Profile names become "[NAME]" lines; brackets or line breaks would make a different file.
std::string checked_profile(std::string_view name) {
    const bool usable = !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
        return c == '[' || c == ']' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
    if (!usable) refuse_usage("--profile takes a non-empty name without brackets or control characters");
    return std::string(name);
}

command_line read_command_line(int argc, char** argv) {
    command_line chosen;
    bool options_ended = false;
    for (int index = 1; index < argc; ++index) {
        const std::string_view argument = argv[index];
        if (options_ended || argument == "-" || argument.substr(0, 1) != "-") {
            if (chosen.file) refuse_usage("one input file at most");
            chosen.file = std::string(argument);
            continue;
        }
        if (argument == "--") {
            options_ended = true;
            continue;
        }
        if (argument == "--help" || argument == "-h") {
            chosen.help = true;
            continue;
        }
        if (argument == "--version") {
            chosen.version = true;
            continue;
        }
        // --name VALUE or --name=VALUE; only the name is ever echoed back.
        const auto equals = argument.find('=');
        const std::string_view name = argument.substr(0, equals);
        std::string_view value;
        const auto take_value = [&] {
            if (equals != std::string_view::npos) {
                value = argument.substr(equals + 1);
            } else {
                if (index + 1 >= argc) refuse_usage(std::string(name) + " needs a value");
                value = argv[++index];
            }
        };
        if (name == "--format") {
            take_value();
            chosen.format = choose(format_names, name, value);
        } else if (name == "--shell") {
            take_value();
            chosen.shell = choose(shell_names, name, value);
        } else if (name == "--profile") {
            take_value();
            chosen.profile = checked_profile(value);
        } else if (name == "--min-validity") {
            take_value();
            chosen.min_validity = read_duration(value);
            chosen.min_validity_text = std::string(value);
        } else if (name == "--now") {
            take_value();
            try {
                chosen.now = awsauth::parse_timestamp(value);
            } catch (const awsauth::error& failure) {
                refuse_usage("--now: " + library_reason(failure));
            }
        } else {
            refuse_usage("unknown option " + std::string(name));
        }
    }
    if (chosen.shell && chosen.format != output_format::env) refuse_usage("--shell goes with --format env");
    if (chosen.profile && chosen.format != output_format::ini) refuse_usage("--profile goes with --format ini");
    return chosen;
}

constexpr std::string_view help_text = R"help(usage: awsauth-creds [OPTIONS] [FILE]

Reads one AWS credentials response from FILE (or standard input) and writes its credentials.
Accepts what the AWS CLI v1/v2 print and what boto3's json.dumps writes for STS AssumeRole,
AssumeRoleWithSAML, AssumeRoleWithWebIdentity, AssumeRoot, GetSessionToken, GetFederationToken,
GetDelegatedAccessToken and EKS Auth AssumeRoleForPodIdentity; the EKS Auth wire body; a bare
Credentials object; STS's own XML answer to those STS calls (what curl gets). Refuses expired
credentials, and an STS XML error answer with its code and message.

options:
  --format FORMAT      summary (default: who, access key id, expiry; no secrets), env,
                       credential-process, ini, json (the normalised response)
  --shell SHELL        with --format env: posix (default), fish, powershell
  --profile NAME       with --format ini: the section name (default: default)
  --min-validity TIME  also refuse credentials that expire within TIME: 300, 300s, 5m, 1h (default 0)
  --now TIME           an ISO 8601 instant to use as the current time (default: the clock)
  --help, --version

examples:
  aws sts assume-role --role-arn ARN --role-session-name me > role.json
  awsauth-creds role.json                                   # summary
  eval "$(awsauth-creds --format env role.json)"            # sh, bash, zsh
  awsauth-creds --format env --shell fish role.json | source
  awsauth-creds --format env --shell powershell role.json | Invoke-Expression
  awsauth-creds --format credential-process --min-validity 5m /path/to/role.json
                                      # as credential_process = ... in ~/.aws/config
  awsauth-creds --format ini --profile ci role.json >> ~/.aws/credentials
  awsauth-creds --format json pod-identity.json             # ISO 8601 timestamps, model key order
  curl -s https://sts.amazonaws.com/ -d Action=AssumeRoleWithWebIdentity ... | awsauth-creds --format env

exit status: 0 written; 1 document refused (not JSON or STS XML, no credentials, invalid, expired, an STS
error answer); 2 bad usage.
)help";

// ---------------------------------------------------------------------------------------------------------------
// What every output needs, whichever response the credentials came in.

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

template <class T>
const T* present(const std::optional<T>& value) {
    return value ? &*value : nullptr;
}
template <class T>
const T* present(const T& value) {
    return &value;
}

template <class Response>
std::vector<summary_line> role_session(const Response& response) {
    std::vector<summary_line> lines;
    if (const auto* user = present(response.assumed_role_user)) lines.push_back({"for", user->arn});
    if (response.source_identity) lines.push_back({"source identity", *response.source_identity});
    return lines;
}

std::vector<summary_line> identity_of(const awsauth::sts::AssumeRoleResponse& response) {
    return role_session(response);
}
std::vector<summary_line> identity_of(const awsauth::sts::AssumeRoleWithSAMLResponse& response) {
    return role_session(response);
}
std::vector<summary_line> identity_of(const awsauth::sts::AssumeRoleWithWebIdentityResponse& response) {
    return role_session(response);
}
std::vector<summary_line> identity_of(const awsauth::sts::AssumeRootResponse& response) {
    if (response.source_identity) return {{"source identity", *response.source_identity}};
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::GetFederationTokenResponse& response) {
    if (response.federated_user) return {{"for", response.federated_user->arn}};
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::GetDelegatedAccessTokenResponse& response) {
    if (response.assumed_principal) return {{"for", *response.assumed_principal}};
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::GetSessionTokenResponse&) {
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::Credentials&) {
    return {};
}
std::vector<summary_line> identity_of(const awsauth::eks_auth::AssumeRoleForPodIdentityResponse& response) {
    return {{"for", response.assumed_role_user.arn},
            {"pod identity",
             "service account " + response.subject.service_account + " in namespace " + response.subject.namespace_}};
}
std::vector<summary_line> identity_of(const awsauth::eks_auth::Credentials&) {
    return {};
}

// A bare credentials object is its own credentials; a response holds them in `credentials`.
template <class Response>
auto credentials_in(const Response& response) {
    if constexpr (std::is_same_v<Response, awsauth::sts::Credentials> ||
                  std::is_same_v<Response, awsauth::eks_auth::Credentials>) {
        return &response;
    } else {
        return present(response.credentials);
    }
}

template <class Response>
credentials_found credentials_of(const Response& response, std::string_view kind, output_format format) {
    const auto* credentials = credentials_in(response);
    if (!credentials) refuse_document("no credentials: Credentials is null");

    credentials_found found{kind,
                            identity_of(response),
                            credentials->access_key_id,
                            credentials->secret_access_key,
                            credentials->session_token,
                            credentials->expiration,
                            {}};
    if (format == output_format::json) {
        awsauth::dump_options pretty;
        pretty.indent = 2;
        found.normalised_json = awsauth::dump(response, pretty);
    }
    return found;
}

template <class Response>
credentials_found read_as(std::string_view text, std::string_view kind, output_format format) {
    Response response;
    try {
        response = awsauth::parse<Response>(text);
    } catch (const awsauth::error& failure) {
        refuse_document("invalid " + std::string(kind) + ": " + library_reason(failure));
    }
    return credentials_of(response, kind, format);
}

using reader = credentials_found (*)(std::string_view, std::string_view, output_format);

struct sts_response {
    std::string_view marker;  // a top-level key no other credentials-bearing STS response has
    std::string_view kind;
    reader read;
};

// The most specific shape the document's keys fit. AssumedRoleUser is also in the SAML and web identity responses,
// SourceIdentity in all the AssumeRole* ones: they come after the keys that tell those apart.
constexpr sts_response sts_responses[] = {
    {"FederatedUser", "STS GetFederationToken response", &read_as<awsauth::sts::GetFederationTokenResponse>},
    {"SubjectFromWebIdentityToken", "STS AssumeRoleWithWebIdentity response",
     &read_as<awsauth::sts::AssumeRoleWithWebIdentityResponse>},
    {"Provider", "STS AssumeRoleWithWebIdentity response", &read_as<awsauth::sts::AssumeRoleWithWebIdentityResponse>},
    {"Issuer", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"SubjectType", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"NameQualifier", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"Subject", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"AssumedPrincipal", "STS GetDelegatedAccessToken response",
     &read_as<awsauth::sts::GetDelegatedAccessTokenResponse>},
    {"AssumedRoleUser", "STS AssumeRole response", &read_as<awsauth::sts::AssumeRoleResponse>},
    {"SourceIdentity", "STS AssumeRoot response", &read_as<awsauth::sts::AssumeRootResponse>},
};

// Credentials alone: GetSessionToken, or AssumeRoot without a source identity; the keys cannot tell which.
constexpr sts_response sts_credentials_alone = {"", "STS temporary credentials",
                                                &read_as<awsauth::sts::GetSessionTokenResponse>};

[[noreturn]] void refuse_not_json(std::string_view text) {
    // The library words syntax errors without quoting the text (which may hold half a session token).
    try {
        (void)awsauth::parse<awsauth::sts::Credentials>(text);
    } catch (const awsauth::error& failure) {
        refuse_document(library_reason(failure));
    }
    refuse_document("invalid JSON");
}

// ---------------------------------------------------------------------------------------------------------------
// STS's XML answers, as the service sends them: the root element names the operation.

// What an XML document starts with, after a UTF-8 byte order mark and whitespace; JSON never does.
bool looks_like_xml(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '<';
}

#if defined(AWSAUTH_CREDS_WIRE)

// The local name of the root element, after the byte order mark, whitespace, the XML declaration, processing
// instructions and comments; "" where none can be found. Only the name is looked at here; the library reads the
// document (and refuses a DOCTYPE, which this finds as a root named "!DOCTYPE").
std::string_view xml_root_name(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    for (;;) {
        text.remove_prefix(std::min(text.find_first_not_of(" \t\r\n"), text.size()));
        const bool comment = text.substr(0, 4) == "<!--";
        if (!comment && text.substr(0, 2) != "<?") break;
        const auto end = text.find(comment ? "-->" : "?>");
        if (end == std::string_view::npos) return {};
        text.remove_prefix(end + (comment ? 3 : 2));
    }
    if (text.substr(0, 1) != "<") return {};
    std::string_view name = text.substr(1, text.find_first_of(" \t\r\n/>") - 1);
    if (const auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    return name;
}

// The service's own words, on one line: a control character is shown as \xNN (the library has checked the UTF-8).
std::string one_line(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string line;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            line += "\\x";
            line += hex[byte >> 4];
            line += hex[byte & 0xf];
        } else {
            line += c;
        }
    }
    return line;
}

// The body alone: no status and no headers to put in a ResponseMetadata, so none is kept (the AWS CLI prints none).
template <class Response>
credentials_found read_wire_as(std::string_view text, std::string_view kind, output_format format) {
    Response response;
    try {
        response = awsauth::from_http_response<Response>(awsauth::http_response{200, {}, std::string(text)});
    } catch (const awsauth::error& failure) {
        refuse_document("invalid " + std::string(kind) + ": " + library_reason(failure));
    }
    response.response_metadata.reset();
    return credentials_of(response, kind, format);
}

struct sts_wire_answer {
    std::string_view root;  // {Operation}Response
    std::string_view kind;
    reader read;
};

constexpr sts_wire_answer sts_wire_answers[] = {
    {"AssumeRoleResponse", "STS AssumeRole response", &read_wire_as<awsauth::sts::AssumeRoleResponse>},
    {"AssumeRoleWithSAMLResponse", "STS AssumeRoleWithSAML response",
     &read_wire_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"AssumeRoleWithWebIdentityResponse", "STS AssumeRoleWithWebIdentity response",
     &read_wire_as<awsauth::sts::AssumeRoleWithWebIdentityResponse>},
    {"AssumeRootResponse", "STS AssumeRoot response", &read_wire_as<awsauth::sts::AssumeRootResponse>},
    {"GetSessionTokenResponse", "STS GetSessionToken response", &read_wire_as<awsauth::sts::GetSessionTokenResponse>},
    {"GetFederationTokenResponse", "STS GetFederationToken response",
     &read_wire_as<awsauth::sts::GetFederationTokenResponse>},
    {"GetDelegatedAccessTokenResponse", "STS GetDelegatedAccessToken response",
     &read_wire_as<awsauth::sts::GetDelegatedAccessTokenResponse>},
};

// An error answer: the service's code and message (any non-2xx status reads it; the body has none).
[[noreturn]] void refuse_sts_error(std::string_view text) {
    try {
        (void)awsauth::from_http_response<awsauth::sts::GetSessionTokenResponse>(
            awsauth::http_response{400, {}, std::string(text)});
    } catch (const awsauth::service_error& failure) {
        std::string message = "STS error " + one_line(failure.code());
        if (!failure.message().empty()) message += ": " + one_line(failure.message());
        refuse_document(std::move(message));
    } catch (const awsauth::error& failure) {
        refuse_document("invalid STS error answer: " + library_reason(failure));
    }
    refuse_document("invalid STS error answer");  // unreachable: a 400 is never read as a value
}

credentials_found read_xml_document(std::string_view text, output_format format) {
    const std::string_view root = xml_root_name(text);
    for (const auto& answer : sts_wire_answers)
        if (root == answer.root) return answer.read(text, answer.kind, format);
    if (root == "ErrorResponse") refuse_sts_error(text);
    std::string operation_without_credentials;
    awsauth::sts::for_each_operation([&](std::string_view name, auto, auto) {
        if (root.size() == name.size() + 8 && root.substr(0, name.size()) == name &&
            root.substr(name.size()) == "Response")
            operation_without_credentials = std::string(name);
    });
    if (!operation_without_credentials.empty())
        refuse_document("no credentials: an STS " + operation_without_credentials + " answer carries none");
    // Not an STS answer: the library's words where it is not even XML it reads (a DOCTYPE, a syntax error).
    try {
        (void)awsauth::from_http_response<awsauth::sts::GetSessionTokenResponse>(
            awsauth::http_response{200, {}, std::string(text)});
    } catch (const awsauth::error& failure) {
        if (failure.location().empty()) refuse_document(library_reason(failure));
    }
    refuse_document("no credentials: an XML document that is not an STS answer");
}

#else

[[noreturn]] credentials_found read_xml_document(std::string_view, output_format) {
    refuse_document("an XML document: this awsauth-creds was built without expat, so it reads no STS XML answer");
}

#endif

credentials_found read_document(std::string_view text, output_format format) {
    if (looks_like_xml(text)) return read_xml_document(text, format);
    // Only the top-level keys are looked at here, to pick the type; the library reads the document.
    const nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) refuse_not_json(text);
    if (!document.is_object()) refuse_document("no credentials: the document is not a JSON object");

    const bool sts = document.contains("Credentials");
    const bool eks_auth = document.contains("credentials");
    if (sts && eks_auth)
        refuse_document("both Credentials (STS) and credentials (EKS Auth): cannot tell which is meant");
    if (eks_auth)
        return read_as<awsauth::eks_auth::AssumeRoleForPodIdentityResponse>(
            text, "EKS Auth AssumeRoleForPodIdentity response", format);
    if (sts) {
        for (const auto& response : sts_responses)
            if (document.contains(response.marker)) return response.read(text, response.kind, format);
        return sts_credentials_alone.read(text, sts_credentials_alone.kind, format);
    }
    if (document.contains("AccessKeyId"))
        return read_as<awsauth::sts::Credentials>(text, "STS temporary credentials", format);
    if (document.contains("accessKeyId"))
        return read_as<awsauth::eks_auth::Credentials>(text, "EKS Auth credentials", format);
    refuse_document(
        "no credentials: no Credentials (STS), credentials (EKS Auth) or bare AccessKeyId at the top level");
}

// Line-based outputs (ini, env readers) would be broken or extended by a control character; AWS never issues one.
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

void refuse_expired(const credentials_found& found, const command_line& chosen, awsauth::timestamp now) {
    const auto remaining = found.expiration - now;
    if (remaining <= std::chrono::microseconds::zero())
        refuse_document("the credentials expired at " + utc_text(found.expiration) + ", " + duration_text(-remaining) +
                        " ago");
    if (remaining < chosen.min_validity)
        refuse_document("the credentials expire at " + utc_text(found.expiration) + ", in " + duration_text(remaining) +
                        ", within --min-validity " + chosen.min_validity_text);
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

std::string read_input(const std::optional<std::string>& file) {
    if (!file || *file == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    std::ifstream stream(*file, std::ios::binary);
    if (!stream) refuse_document("cannot open " + *file + ": " + std::strerror(errno));
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

int run(int argc, char** argv) {
    const command_line chosen = read_command_line(argc, argv);
    if (chosen.help) {
        std::cout << help_text;
        return 0;
    }
    if (chosen.version) {
        std::cout << "awsauth-creds " << awsauth::version_major << "." << awsauth::version_minor << "."
                  << awsauth::version_patch << "\n";
        return 0;
    }
    const awsauth::timestamp now =
        chosen.now.value_or(date::floor<std::chrono::microseconds>(std::chrono::system_clock::now()));
    const credentials_found found = read_document(read_input(chosen.file), chosen.format);
    refuse_control_characters(found);
    refuse_expired(found, chosen, now);
    // Everything is checked before the first byte goes out: a refusal leaves stdout empty.
    std::cout << output_text(found, chosen, now) << std::flush;
    if (!std::cout) {
        std::cerr << "awsauth-creds: cannot write to standard output\n";
        return document_refused;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const refusal& refused) {
        std::cerr << "awsauth-creds: " << refused.message << "\n";
        return refused.exit_status;
    } catch (const awsauth::error& failure) {
        std::cerr << "awsauth-creds: " << library_reason(failure) << "\n";
        return document_refused;
    } catch (const std::exception&) {
        // Not what(): a third-party message might quote the input.
        std::cerr << "awsauth-creds: internal error\n";
        return document_refused;
    }
}
