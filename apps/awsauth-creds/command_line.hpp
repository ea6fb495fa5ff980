// apps/awsauth-creds/command_line.hpp: what the user asked for: the options, checked, and the help text.
#pragma once

#include <awsauth/timestamp.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace awsauth_creds {

enum class output_format { summary, env, credential_process, ini, json };
enum class shell_syntax { posix, fish, powershell };

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

// Reads argv; a refusal (exit status 2) for anything it does not know.
command_line read_command_line(int argc, char** argv);

extern const std::string_view help_text;

}  // namespace awsauth_creds
