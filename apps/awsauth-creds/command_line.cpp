// apps/awsauth-creds/command_line.cpp: reading argv into a command_line, and the help text.
#include "command_line.hpp"

#include "refusal.hpp"

#include <algorithm>
#include <cstdint>

namespace awsauth_creds {

namespace {

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

}  // namespace

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

const std::string_view help_text = R"help(usage: awsauth-creds [OPTIONS] [FILE]

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

}  // namespace awsauth_creds
