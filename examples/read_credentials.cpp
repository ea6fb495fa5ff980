// examples/read_credentials.cpp: read what `aws sts assume-role` (or boto3) printed, say whose credentials they
// are and when they expire, and write the request that would renew them. Secrets are never printed.
#include <awsauth/awsauth.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

namespace {

std::string read_all(std::istream& in) {
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 2) {
        std::cerr << "usage: " << argv[0] << " [ASSUME_ROLE_OUTPUT.json]  (reads standard input without a file)\n";
        return 2;
    }
    std::string text;
    if (argc == 2) {
        std::ifstream file(argv[1], std::ios::binary);
        if (!file) {
            std::cerr << "cannot open " << argv[1] << "\n";
            return 1;
        }
        text = read_all(file);
    } else {
        text = read_all(std::cin);
    }

    try {
        const auto response = awsauth::parse<awsauth::sts::AssumeRoleResponse>(text);
        if (!response.credentials || !response.assumed_role_user) {
            std::cerr << "the document holds no credentials\n";
            return 1;
        }
        std::cout << "role session:   " << response.assumed_role_user->arn << "\n"
                  << "access key id:  " << response.credentials->access_key_id << "\n"
                  << "expires:        " << awsauth::format_timestamp(response.credentials->expiration) << "\n";

        // The request that assumes the same role again, as it would be sent (or faked in a test).
        awsauth::sts::AssumeRoleRequest renew{};
        renew.role_arn = "arn:aws:iam::123456789012:role/AuthTestRole";
        renew.role_session_name = "renewed-session";
        renew.duration_seconds = 3600;
        std::cout << "renew with:     " << awsauth::dump(renew) << "\n";
    } catch (const awsauth::error& failure) {
        std::cerr << failure.what() << "\n";
        return 1;
    }
    return 0;
}
