// tests/wire/write_rest_json_answers.cpp: writes the EKS Auth and SSO answers awsauth's restJson1 writer gives, for
// botocore to judge (botocore_reads_rest_json.py): every captured output that reads (tests/data/protocol/responses),
// one without a request id, every EKS Auth and SSO error shape and an unmodeled code. One JSON file: a list of
// {name, service, operation, kind, status, headers, body, expected}.
//
// Usage: awsauth_write_rest_json_answers <answers.json>
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

namespace eks_auth = awsauth::eks_auth;
namespace sso = awsauth::sso;
namespace fs = std::filesystem;

namespace {

nlohmann::ordered_json headers_of(const std::vector<std::pair<std::string, std::string>>& headers) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& [name, value] : headers)
        list.push_back({name, value});
    return list;
}

nlohmann::ordered_json answer(const std::string& name, const awsauth::operation_description& operation,
                              const std::string& kind, const awsauth::http_response& response,
                              nlohmann::ordered_json expected) {
    return {{"name", name},          {"service", operation.service->name}, {"operation", operation.name},
            {"kind", kind},          {"status", response.status},          {"headers", headers_of(response.headers)},
            {"body", response.body}, {"expected", std::move(expected)}};
}

// What botocore must make of an output answer: its members (timestamps as Python's isoformat() in UTC) and the
// request id, which it takes from the header.
template <class Response>
nlohmann::ordered_json output_answer(const std::string& name, const Response& output) {
    nlohmann::ordered_json members = output;
    members.erase("ResponseMetadata");
    nlohmann::ordered_json request_id;
    if (output.response_metadata && !output.response_metadata->request_id.empty())
        request_id = output.response_metadata->request_id;
    return answer(name, awsauth::detail::operation_description_of<Response>, "output",
                  awsauth::to_http_response(output),
                  {{"output", std::move(members)}, {"request_id", std::move(request_id)}});
}

// An error answer, judged as the answer to `operation`.
nlohmann::ordered_json error_answer(const std::string& name, const awsauth::operation_description& operation,
                                    const awsauth::service_error& error, const std::string& exception) {
    nlohmann::ordered_json request_id;
    if (!error.request_id().empty()) request_id = error.request_id();
    return answer(name, operation, "error", awsauth::detail::write_rest_json_error(*operation.service, error),
                  {{"code", error.code()},
                   {"message", error.message()},
                   {"request_id", std::move(request_id)},
                   {"status", error.http_status()},
                   {"exception", exception}});
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: awsauth_write_rest_json_answers <answers.json>\n";
        return 2;
    }
    try {
        nlohmann::ordered_json answers = nlohmann::ordered_json::array();

        // Every captured EKS Auth output botocore read (the 2xx captures whose body is an answer).
        std::map<std::string, eks_auth::AssumeRoleForPodIdentityResponse> outputs;
        for (const auto& entry : fs::directory_iterator(fs::path(AWSAUTH_TEST_DATA) / "protocol" / "responses")) {
            const std::string stem = entry.path().stem().string();
            if (stem.rfind("eks-auth-", 0) != 0) continue;
            const auto capture = nlohmann::json::parse(awsauth_test::read_file(entry.path()));
            if (!capture.contains("parsed") || !capture.at("parsed").contains("credentials")) continue;
            outputs.emplace(stem, capture.at("parsed").get<eks_auth::AssumeRoleForPodIdentityResponse>());
        }
        if (outputs.size() < 6) throw std::runtime_error("fewer EKS Auth outputs in tests/data than expected");
        for (const auto& [stem, output] : outputs)
            answers.push_back(output_answer(stem, output));
        auto anonymous = outputs.begin()->second;
        anonymous.response_metadata.reset();
        answers.push_back(output_answer("without-request-id", anonymous));

        // Every EKS Auth error shape, with its model status; botocore raises the class of its code.
        constexpr const auto& pod_identity =
            awsauth::detail::operation_description_of<eks_auth::AssumeRoleForPodIdentityResponse>;
        int index = 0;
        eks_auth::for_each_error([&](std::string_view code, auto tag) {
            using shape = typename decltype(tag)::type;
            const std::string name(code);
            answers.push_back(error_answer("error-" + name, pod_identity,
                                           {name, "Example message for " + name + ": é 日本 \"quoted\" \\ /\n",
                                            "req-" + std::to_string(index++), shape::http_status_code},
                                           name));
        });
        answers.push_back(error_answer("error-empty-message", pod_identity,
                                       {"ExpiredTokenException", "", "req-empty", 400}, "ExpiredTokenException"));
        answers.push_back(error_answer("error-unmodeled", pod_identity,
                                       {"UnrecognizedClientException", "The security token is invalid.", "", 403},
                                       "ClientError"));

        // SSO: every captured output of every operation (Logout's without a body), then every error shape of
        // GetRoleCredentials and the code the portal sends that its model lacks.
        std::size_t sso_outputs = 0;
        for (const auto& entry : fs::directory_iterator(fs::path(AWSAUTH_TEST_DATA) / "protocol" / "responses")) {
            const std::string stem = entry.path().stem().string();
            if (stem.rfind("sso-", 0) != 0) continue;
            const auto capture = nlohmann::json::parse(awsauth_test::read_file(entry.path()));
            if (!capture.contains("parsed")) continue;
            sso::for_each_operation([&](std::string_view operation, auto, auto output_tag) {
                if (capture.at("operation") != operation) return;
                using Response = typename decltype(output_tag)::type;
                answers.push_back(output_answer(stem, capture.at("parsed").get<Response>()));
                ++sso_outputs;
            });
        }
        if (sso_outputs < 6) throw std::runtime_error("fewer SSO outputs in tests/data than expected");
        sso::LogoutResponse logout{};
        answers.push_back(output_answer("sso-logout-without-request-id", logout));
        constexpr const auto& role_credentials =
            awsauth::detail::operation_description_of<sso::GetRoleCredentialsResponse>;
        sso::for_each_error([&](std::string_view code, auto tag) {
            using shape = typename decltype(tag)::type;
            const std::string name(code);
            answers.push_back(error_answer("sso-error-" + name, role_credentials,
                                           {name, "Session token not found or invalid: é \"quoted\"",
                                            "req-" + std::to_string(index++), shape::http_status_code},
                                           name));
        });
        answers.push_back(error_answer("sso-error-unmodeled", role_credentials,
                                       {"ForbiddenException", "No access", "req-forbidden", 403}, "ClientError"));

        std::ofstream file(argv[1], std::ios::binary);
        file << answers.dump(2) << '\n';
        if (!file) throw std::runtime_error(std::string("cannot write ") + argv[1]);
        std::cout << answers.size() << " answers written to " << argv[1] << '\n';
        return 0;
    } catch (const std::exception& failure) {
        std::cerr << "awsauth_write_rest_json_answers: " << failure.what() << '\n';
        return 1;
    }
}
