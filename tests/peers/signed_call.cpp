// tests/peers/signed_call.cpp: a signed STS call for tests/peers/run_client.py: awsauth writes the request and reads
// the answer, libcurl sends it signed with its own SigV4 (CURLOPT_AWS_SIGV4, curl 7.75 and later; awsauth has no
// signer). The credentials come from the environment, as the AWS CLI takes them.
//   export AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... [AWS_SESSION_TOKEN=...]
//   signed_call ENDPOINT REGION get-caller-identity          # prints Arn, Account, UserId
//   signed_call ENDPOINT REGION assume-role ROLE_ARN SESSION  # prints Arn, AccessKeyId
// Exit status: 0 printed; 1 the call failed (an STS error on stderr as "signed_call: STS error CODE: MESSAGE"); 2
// usage. The HTTP part repeats examples/irsa_client.cpp's on purpose: that example is one file for users to copy, and
// this one adds the signature.
#include <awsauth/sts.hpp>
#include <awsauth/wire.hpp>

#include <curl/curl.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct signing {
    std::string region;
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // "" for long-term keys
};

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

struct curl_deleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* body) {
    static_cast<std::string*>(body)->append(data, size * count);
    return size * count;
}

std::size_t append_header(char* data, std::size_t size, std::size_t count, void* headers_pointer) {
    auto& headers = *static_cast<std::vector<std::pair<std::string, std::string>>*>(headers_pointer);
    const std::string_view line(data, size * count);
    if (line.substr(0, 5) == "HTTP/") {
        headers.clear();
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        std::string_view value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        value = first == std::string_view::npos ? std::string_view() : value.substr(first, last - first + 1);
        headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    return size * count;
}

awsauth::http_response send_signed(const std::string& endpoint, const awsauth::http_request& request,
                                   const signing& with) {
    const std::unique_ptr<CURL, curl_deleter> curl(curl_easy_init());
    if (!curl) throw std::runtime_error("libcurl could not start");
    std::unique_ptr<curl_slist, curl_deleter> headers;
    for (const auto& [name, value] : request.headers)
        headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
    // Temporary credentials travel with their token, which libcurl signs with the other headers it was given.
    if (!with.session_token.empty())
        headers.reset(curl_slist_append(headers.release(), ("X-Amz-Security-Token: " + with.session_token).c_str()));

    const std::string url = endpoint + request.path;
    const std::string scope = "aws:amz:" + with.region + ":sts";
    awsauth::http_response response;
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_AWS_SIGV4, scope.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, with.access_key_id.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, with.secret_access_key.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, append_header);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &response.headers);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 30L);
    const CURLcode result = curl_easy_perform(curl.get());
    if (result != CURLE_OK) throw std::runtime_error("cannot reach " + url + ": " + curl_easy_strerror(result));
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    return response;
}

int run(int argc, char** argv) {
    const std::string_view operation = argc >= 4 ? argv[3] : "";
    const bool get_caller_identity = argc == 4 && operation == "get-caller-identity";
    const bool assume_role = argc == 6 && operation == "assume-role";
    if (!get_caller_identity && !assume_role) {
        std::cerr << "usage: signed_call ENDPOINT REGION get-caller-identity\n"
                     "       signed_call ENDPOINT REGION assume-role ROLE_ARN SESSION_NAME\n"
                     "with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for temporary ones, AWS_SESSION_TOKEN\n";
        return 2;
    }
    const signing with{argv[2], environment("AWS_ACCESS_KEY_ID"), environment("AWS_SECRET_ACCESS_KEY"),
                       environment("AWS_SESSION_TOKEN")};
    if (with.access_key_id.empty() || with.secret_access_key.empty()) {
        std::cerr << "signed_call: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set\n";
        return 2;
    }
    const std::string endpoint = argv[1];

    if (get_caller_identity) {
        const auto answer =
            send_signed(endpoint, awsauth::to_http_request(awsauth::sts::GetCallerIdentityRequest{}), with);
        const auto identity = awsauth::from_http_response<awsauth::sts::GetCallerIdentityResponse>(answer);
        std::cout << "Arn: " << identity.arn.value_or("") << "\nAccount: " << identity.account.value_or("")
                  << "\nUserId: " << identity.user_id.value_or("") << "\n";
        return 0;
    }
    awsauth::sts::AssumeRoleRequest request;
    request.role_arn = argv[4];
    request.role_session_name = argv[5];
    const auto answer = send_signed(endpoint, awsauth::to_http_request(request), with);
    const auto role = awsauth::from_http_response<awsauth::sts::AssumeRoleResponse>(answer);
    // The access key id names the credentials; the secret and the token stay unprinted.
    std::cout << "Arn: " << (role.assumed_role_user ? role.assumed_role_user->arn : "")
              << "\nAccessKeyId: " << (role.credentials ? role.credentials->access_key_id : "") << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int status = 1;
    try {
        status = run(argc, argv);
    } catch (const awsauth::service_error& failure) {
        std::cerr << "signed_call: STS error " << failure.code() << ": " << failure.message() << "\n";
    } catch (const std::exception& failure) {  // awsauth::error (a malformed answer) or a transport failure
        std::cerr << "signed_call: " << failure.what() << "\n";
    }
    curl_global_cleanup();
    return status;
}
