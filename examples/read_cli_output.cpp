// examples/read_cli_output.cpp: read what `aws sts assume-role` printed and take the credentials out of it.
//   aws sts assume-role --role-arn ARN --role-session-name me > role.json
//   read_cli_output role.json
#include <awsauth/awsauth.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: read_cli_output FILE   (what `aws sts assume-role ...` printed)\n";
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    if (!file) {
        std::cerr << "cannot open " << argv[1] << "\n";
        return 1;
    }
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};

    try {
        // One call reads the document straight into plain structs, with the CLI's keys and timestamp spellings.
        // Keys the model does not know are skipped, since AWS adds members over time; a wrong type is an error.
        const auto response = awsauth::parse<awsauth::sts::AssumeRoleResponse>(text);

        // The model makes every member of a response optional, so a JSON object with none of them (another
        // command's output) reads as an empty response: check for what you need before using it.
        if (!response.credentials || !response.assumed_role_user) {
            std::cerr << argv[1] << ": no Credentials or AssumedRoleUser, so not an AssumeRole response\n";
            return 1;
        }
        std::cout << "role:          " << response.assumed_role_user->arn << "\n";
        std::cout << "access key id: " << response.credentials->access_key_id << "\n";
        // A std::chrono time point in UTC (microseconds): compare it with system_clock::now(), format it to show it.
        std::cout << "expires:       " << awsauth::format_timestamp(response.credentials->expiration) << "\n";

        // The whole response on one line, for a log: the secret access key and the session token print as "***".
        std::cout << response << "\n";
    } catch (const awsauth::error& failure) {
        // Where in the document and what is wrong, never the value found there: it could be part of a secret.
        std::cerr << failure.what() << "\n";
        return 1;
    }
    return 0;
}
