// examples/read_credentials.cpp: read what `aws sts assume-role` (or boto3) printed, say whose credentials they
// are and when they expire, and write the request that would renew them. Secrets are never printed.
#include <awsauth/awsauth.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace {

std::string read_all(std::istream& in) {
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// arn:aws:sts::123456789012:assumed-role/Name/session is a session of arn:aws:iam::123456789012:role/Name.
std::string role_of_session(const std::string& assumed_role_arn) {
    const std::string marker = ":assumed-role/";
    const auto at = assumed_role_arn.find(marker);
    if (at == std::string::npos) return {};
    const auto name_end = assumed_role_arn.find('/', at + marker.size());
    if (name_end == std::string::npos) return {};
    std::string role = assumed_role_arn.substr(0, name_end);
    role.replace(at, marker.size(), ":role/");
    const auto service = role.find(":sts:");
    if (service != std::string::npos) role.replace(service, 5, ":iam:");
    return role;
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
        renew.role_arn = role_of_session(response.assumed_role_user->arn);
        renew.role_session_name = "renewed-session";
        renew.duration_seconds = 3600;
        std::cout << "renew with:     " << awsauth::dump(renew) << "\n";
    } catch (const awsauth::error& failure) {
        std::cerr << failure.what() << "\n";
        return 1;
    }
    return 0;
}
