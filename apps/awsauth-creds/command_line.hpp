// apps/awsauth-creds/command_line.hpp: what the user asked for: the options, checked, and the help text.
#pragma once

#include <awsauth/timestamp.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace awsauth_creds {

enum class output_format {
    summary,
    env,
    env_no_export,
    windows_cmd,
    dotenv,
    credential_process,
    ini,
    json,
    container,
};
// What --input says the document is; automatic: told from the document itself.
enum class input_type { automatic, sts, eks_auth, sso, container, imds, credential_process };
enum class shell_syntax { posix, fish, powershell };

struct command_line {
    bool serve = false;  // `awsauth-creds serve ...`: the local container-credentials endpoint (serve.hpp)
    output_format format = output_format::summary;
    input_type input = input_type::automatic;
    std::optional<shell_syntax> shell;
    std::optional<std::string> profile;
    std::chrono::seconds min_validity{0};
    std::string min_validity_text = "0";
    std::optional<awsauth::timestamp> now;
    std::optional<std::string> file;  // none or "-": standard input; with serve, the SOURCE re-read on every request
    std::uint16_t port = 0;           // serve: 0 lets the system choose
    std::optional<std::string> token_file;
    bool help = false;
    bool version = false;
};

// Reads argv; a refusal (exit status 2) for anything it does not know.
command_line read_command_line(int argc, char** argv);

extern const std::string_view help_text;

}  // namespace awsauth_creds
