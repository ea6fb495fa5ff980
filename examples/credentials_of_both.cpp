// examples/credentials_of_both.cpp: one function template for the credentials of STS and of EKS Auth, and the
// per-struct field table that generic code like it can walk.
//   credentials_of_both role.json pod-identity.json
#include <awsauth/awsauth.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

namespace {

std::string read_file(const char* path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error(std::string("cannot open ") + path);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// STS's model lets a response lack its Credentials (std::optional), EKS Auth's always has them (a plain member):
// these two overloads give the template below one way to reach both.
template <class T>
const T* present(const std::optional<T>& value) {
    return value ? &*value : nullptr;
}
template <class T>
const T* present(const T& value) {
    return &value;
}

// Any response with a `credentials` member: the generated structs spell members alike in C++ (access_key_id,
// expiration) whatever their JSON keys (AccessKeyId in STS, accessKeyId in EKS Auth).
template <class Response>
void print_credentials(const char* service, const Response& response) {
    const auto* credentials = present(response.credentials);
    if (!credentials) {
        std::cout << service << ": no credentials\n";
        return;
    }
    // The access key id names the credentials without granting anything; the secret and the token stay unprinted.
    std::cout << service << ": " << credentials->access_key_id << ", expires at "
              << awsauth::format_timestamp(credentials->expiration) << "\n";
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
