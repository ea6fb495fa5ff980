// apps/awsauth-creds/command_line.cpp: reading argv into a command_line, and the help text.
#include "command_line.hpp"

#include "refusal.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

namespace awsauth_creds {

namespace {

constexpr std::pair<std::string_view, output_format> format_names[] = {
    {"summary", output_format::summary},
    {"env", output_format::env},
    {"env-no-export", output_format::env_no_export},
    {"windows-cmd", output_format::windows_cmd},
    {"dotenv", output_format::dotenv},
    {"credential-process", output_format::credential_process},
    {"process", output_format::credential_process},  // the AWS CLI v2's name (aws configure export-credentials)
    {"ini", output_format::ini},
    {"json", output_format::json},
    {"container", output_format::container},
};

constexpr std::pair<std::string_view, input_type> input_names[] = {
    {"auto", input_type::automatic},
    {"sts", input_type::sts},
    {"eks-auth", input_type::eks_auth},
    {"sso", input_type::sso},
    {"container", input_type::container},
    {"imds", input_type::imds},
    {"credential-process", input_type::credential_process},
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

// 0 to 65535; 0 lets the system choose.
std::uint16_t read_port(std::string_view text) {
    const bool digits_only = !text.empty() && text.size() <= 5 &&
                             std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::uint32_t port = 0;
    for (char digit : text)
        port = port * 10 + static_cast<std::uint32_t>(digit - '0');
    if (!digits_only || port > 65535) refuse_usage("--port takes a number from 0 (the system chooses) to 65535");
    return static_cast<std::uint16_t>(port);
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
    int first = 1;
    if (argc > 1 && std::string_view(argv[1]) == "serve") {
        chosen.serve = true;
        first = 2;
    }
    std::vector<std::string_view> given;  // the options' names, to refuse those of the other mode
    for (int index = first; index < argc; ++index) {
        const std::string_view argument = argv[index];
        if (options_ended || argument == "-" || argument.substr(0, 1) != "-") {
            if (chosen.file) refuse_usage(chosen.serve ? "one SOURCE file" : "one input file at most");
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
        given.push_back(name);
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
        } else if (name == "--input") {
            take_value();
            chosen.input = choose(input_names, name, value);
        } else if (name == "--port") {
            take_value();
            chosen.port = read_port(value);
        } else if (name == "--token-file") {
            take_value();
            if (value.empty()) refuse_usage("--token-file takes a file name");
            chosen.token_file = std::string(value);
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
    constexpr std::string_view serve_only[] = {"--port", "--token-file"};
    constexpr std::string_view convert_only[] = {"--format", "--shell", "--profile", "--now"};
    for (const std::string_view name : given) {
        const auto among = [&](const auto& names) {
            return std::find(std::begin(names), std::end(names), name) != std::end(names);
        };
        if (!chosen.serve && among(serve_only)) refuse_usage(std::string(name) + " goes with serve");
        if (chosen.serve && among(convert_only)) refuse_usage(std::string(name) + " does not go with serve");
    }
    if (chosen.serve && (!chosen.file || *chosen.file == "-"))
        refuse_usage("serve needs a SOURCE file, which it re-reads on every request");
    if (chosen.shell && chosen.format != output_format::env) refuse_usage("--shell goes with --format env");
    if (chosen.profile && chosen.format != output_format::ini) refuse_usage("--profile goes with --format ini");
    return chosen;
}

const std::string_view help_text = R"help(usage: awsauth-creds [OPTIONS] [FILE]
       awsauth-creds serve [--port N] [--token-file FILE] [--min-validity TIME] [--input TYPE] SOURCE

Reads one AWS credentials document from FILE (or standard input) and writes its credentials.
Accepts what the AWS CLI v1/v2 print and what boto3's json.dumps writes for STS AssumeRole,
AssumeRoleWithSAML, AssumeRoleWithWebIdentity, AssumeRoot, GetSessionToken, GetFederationToken,
GetDelegatedAccessToken and EKS Auth AssumeRoleForPodIdentity; the EKS Auth wire body; a bare
Credentials object; the AWS CLI's cache files (~/.aws/cli/cache); STS's own XML answer to those
STS calls (what curl gets); the container-credentials JSON (EKS Pod Identity agent, ECS); the
instance metadata service's role credentials; a credential_process program's output. Refuses
expired credentials, and an STS XML error answer with its code and message.

options:
  --format FORMAT      summary (default: who, access key id, expiry; no secrets), env,
                       env-no-export, windows-cmd, dotenv, credential-process (or process), ini,
                       json (the normalised document), container (the container-credentials JSON)
  --shell SHELL        with --format env: posix (default), fish, powershell
  --profile NAME       with --format ini: the section name (default: default)
  --input TYPE         what the document is: auto (default: told from its keys), sts, eks-auth,
                       sso (GetRoleCredentials; with a bare roleCredentials object too), container, imds,
                       credential-process
  --min-validity TIME  also refuse credentials that expire within TIME: 300, 300s, 5m, 1h (default 0)
  --now TIME           an ISO 8601 instant to use as the current time (default: the clock)
  --help, --version

serve: a container-credentials endpoint on 127.0.0.1 that answers GET /v1/credentials with the
credentials of SOURCE, re-read on every request, to requests carrying the authorization token.
It first prints the two variables that point an SDK at it (AWS_CONTAINER_CREDENTIALS_FULL_URI and
AWS_CONTAINER_AUTHORIZATION_TOKEN, or AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE with --token-file).
  --port N             the port (default 0: the system chooses; the URI printed says which)
  --token-file FILE    the token is FILE's content, re-read on every request (default: a random
                       token, printed once)
  --min-validity TIME  answer 503 instead of credentials that expire within TIME

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
  eval "$(awsauth-creds serve --min-validity 5m role.json &)"   # then any SDK in this shell

exit status: 0 written (serve: stopped by SIGINT or SIGTERM); 1 document refused (not JSON or STS
XML, no credentials, invalid, expired, an STS error answer; serve: cannot listen); 2 bad usage.
)help";

}  // namespace awsauth_creds
