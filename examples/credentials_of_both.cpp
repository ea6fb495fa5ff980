// examples/credentials_of_both.cpp: the credentials of STS and of EKS Auth through one view (awsauth::credentials),
// and the per-struct field table that generic code can walk.
//   credentials_of_both role.json pod-identity.json
#include <awsauth/awsauth.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace {

std::string read_file(const char* path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error(std::string("cannot open ") + path);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Any payload that carries credentials (STS and EKS Auth answers here; SSO, the container endpoint, IMDS and
// credential_process too): awsauth::credentials_of reads them into one view, whatever each service calls the
// members (AccessKeyId in STS, accessKeyId in EKS Auth) and however it spells the expiration.
template <class Response>
void print_credentials(const char* service, const Response& response) {
    const awsauth::credentials credentials = awsauth::credentials_of(response);
    // The access key id names the credentials without granting anything; the secret and the token stay unprinted.
    std::cout << service << ": " << credentials.access_key_id << ", account "
              << credentials.account_id.value_or("unknown") << ", expires at "
              << (credentials.expiration ? awsauth::format_timestamp(*credentials.expiration) : "never") << "\n";
}

// Each generated struct has a table of its members, in model order: the JSON key and whether the value is secret
// (what operator<< hides). Reading, writing, validating and printing are all loops over it.
template <class Struct>
void print_fields(const char* name) {
    std::cout << name << ":";
    awsauth::for_each_field<Struct>(
        [](const auto& field) { std::cout << " " << field.key << (field.secret ? " (secret)" : ""); });
    std::cout << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: credentials_of_both STS_ASSUME_ROLE.json EKS_AUTH_POD_IDENTITY.json\n";
        return 2;
    }
    try {
        print_credentials("STS", awsauth::parse<awsauth::sts::AssumeRoleResponse>(read_file(argv[1])));
        print_credentials("EKS Auth",
                          awsauth::parse<awsauth::eks_auth::AssumeRoleForPodIdentityResponse>(read_file(argv[2])));
    } catch (const std::exception& failure) {  // awsauth::error is a std::runtime_error
        std::cerr << failure.what() << "\n";
        return 1;
    }
    // EKS Auth's model marks its whole Credentials shape sensitive; STS's only the secret key and the token.
    print_fields<awsauth::sts::Credentials>("sts::Credentials");
    print_fields<awsauth::eks_auth::Credentials>("eks_auth::Credentials");
    return 0;
}
