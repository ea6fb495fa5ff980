// tests/consumers/read_assume_role.cpp: the program every consumer project builds. It reads a captured
// `aws sts assume-role` output (AWS CLI v1) and checks two of its values, so a consumer that builds but reads
// wrongly still fails.
#include <awsauth/awsauth.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " tests/data/awscli-v1/sts-assume-role-full.json\n";
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    if (!file) {
        std::cerr << "cannot open " << argv[1] << "\n";
        return 1;
    }
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};

    // As the file has them: "Arn" and "Expiration": "2026-11-23T17:43:29.491019Z".
    const std::string expected_arn = "arn:aws:sts::123456789012:assumed-role/AuthTestRole/awsauth-full";
    const awsauth::timestamp expected_expiration = date::sys_days{date::year{2026} / 11 / 23} + std::chrono::hours{17} +
                                                   std::chrono::minutes{43} + std::chrono::seconds{29} +
                                                   std::chrono::microseconds{491019};
    try {
        const auto response = awsauth::parse<awsauth::sts::AssumeRoleResponse>(text);
        if (!response.assumed_role_user || response.assumed_role_user->arn != expected_arn) {
            std::cerr << "AssumedRoleUser.Arn is not " << expected_arn << "\n";
            return 1;
        }
        if (!response.credentials || response.credentials->expiration != expected_expiration) {
            std::cerr << "Credentials.Expiration is not 2026-11-23T17:43:29.491019Z\n";
            return 1;
        }
        std::cout << "awsauth " << awsauth::version_major << "." << awsauth::version_minor << "."
                  << awsauth::version_patch << " read " << response.assumed_role_user->arn << ", expiring "
                  << awsauth::format_timestamp(response.credentials->expiration) << "\n";
    } catch (const awsauth::error& failure) {
        std::cerr << failure.what() << "\n";
        return 1;
    }
    return 0;
}
