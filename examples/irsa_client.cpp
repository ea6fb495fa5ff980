// examples/irsa_client.cpp: IAM Roles for Service Accounts (IRSA) by hand: trade the pod's web identity token for
// role credentials with STS AssumeRoleWithWebIdentity over libcurl, and print them as shell exports.
//   export AWS_ROLE_ARN=arn:aws:iam::123456789012:role/app AWS_REGION=eu-west-1
//   export AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/eks.amazonaws.com/serviceaccount/token
//   exports="$(irsa_client)" && eval "$exports"   # optional: AWS_ROLE_SESSION_NAME, AWS_ENDPOINT_URL_STS
// What it prints is what `awsauth-creds --format env` prints for the same answer. Exit status: 0 printed, 1 failed.
#include <awsauth/sts.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/wire.hpp>

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

std::string environment(const char* name, std::string fallback = {}) {
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}

std::string required_environment(const char* name) {
    std::string value = environment(name);
    if (value.empty()) throw std::runtime_error(std::string(name) + " is not set");
    return value;
}

// The token is a secret: errors name the file, never its content. Kubernetes writes it without a line break, a
// hand-made file often ends in one, and no JWT holds whitespace, so trailing whitespace goes.
std::string read_token(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read the web identity token file " + path);
    std::string token{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    token.erase(token.find_last_not_of(" \t\r\n") + 1);
    if (token.empty()) throw std::runtime_error("the web identity token file " + path + " is empty");
    return token;
}

// Where the SDKs send it: AWS_ENDPOINT_URL_STS if set, else the regional endpoint.
std::string sts_endpoint() {
    std::string endpoint = environment("AWS_ENDPOINT_URL_STS");
    if (endpoint.empty()) {
        const std::string region = environment("AWS_REGION");
        if (region.empty()) throw std::runtime_error("set AWS_REGION or AWS_ENDPOINT_URL_STS");
        endpoint = "https://sts." + region + ".amazonaws.com";
    }
    while (!endpoint.empty() && endpoint.back() == '/')
        endpoint.pop_back();
    return endpoint;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP with libcurl: awsauth builds and reads the messages, libcurl only carries them.

struct curl_deleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* body) {
    static_cast<std::string*>(body)->append(data, size * count);
    return size * count;
}

// "Name: value\r\n" lines into the response's headers. A new status line (after a redirect or a 100 Continue)
// starts the list again, so only the final answer's headers remain.
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

awsauth::http_response send(const std::string& endpoint, const awsauth::http_request& request) {
    const std::unique_ptr<CURL, curl_deleter> curl(curl_easy_init());
    if (!curl) throw std::runtime_error("libcurl could not start");
    std::unique_ptr<curl_slist, curl_deleter> headers;
    for (const auto& [name, value] : request.headers)
        headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
    // No "Expect: 100-continue" round trip for a body of a few kilobytes.
    headers.reset(curl_slist_append(headers.release(), "Expect:"));

    const std::string url = endpoint + request.path;
    awsauth::http_response response;
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, append_header);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &response.headers);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 30L);
    // AssumeRoleWithWebIdentity is unsigned: the token is the credential, so no SigV4 and no AWS keys needed.
    const CURLcode result = curl_easy_perform(curl.get());
    if (result != CURLE_OK) throw std::runtime_error("cannot reach " + url + ": " + curl_easy_strerror(result));
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    return response;
}

// ---------------------------------------------------------------------------------------------------------------
// Output: awsauth-creds' `--format env` lines. Its quoting is not a library function, so these few lines repeat
// it: POSIX sh single quotes, inside which only the closing quote needs care, written as '\''.

std::string posix_quoted(std::string_view value) {
    std::string quoted = "'";
    for (char c : value)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string exports(const awsauth::sts::Credentials& credentials) {
    // Whole seconds, floored as awsauth-creds writes them: an expiry a fraction early is safe, one late is not.
    const std::string expiration = awsauth::format_timestamp(
        std::chrono::floor<std::chrono::seconds>(credentials.expiration), awsauth::timestamp_format::iso8601_z);
    return "export AWS_ACCESS_KEY_ID=" + posix_quoted(credentials.access_key_id) + "\n" +
           "export AWS_SECRET_ACCESS_KEY=" + posix_quoted(credentials.secret_access_key) + "\n" +
           "export AWS_SESSION_TOKEN=" + posix_quoted(credentials.session_token) + "\n" +
           "export AWS_CREDENTIAL_EXPIRATION=" + posix_quoted(expiration) + "\n";
}

int run() {
    awsauth::sts::AssumeRoleWithWebIdentityRequest request;
    request.role_arn = required_environment("AWS_ROLE_ARN");
    request.web_identity_token = read_token(required_environment("AWS_WEB_IDENTITY_TOKEN_FILE"));
    // As the SDKs do without a name: one that says who made the session and when.
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    request.role_session_name =
        environment("AWS_ROLE_SESSION_NAME",
                    "irsa-client-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count()));

    // awsauth writes the form body (Action, Version, the members) and reads the XML answer or error.
    const awsauth::http_response answer = send(sts_endpoint(), awsauth::to_http_request(request));
    const auto response = awsauth::from_http_response<awsauth::sts::AssumeRoleWithWebIdentityResponse>(answer);
    if (!response.credentials) throw std::runtime_error("STS answered without credentials");
    std::cout << exports(*response.credentials) << std::flush;
    if (!std::cout) throw std::runtime_error("cannot write to standard output");
    return 0;
}

}  // namespace

int main() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int status = 1;
    try {
        status = run();
    } catch (const awsauth::service_error& failure) {
        // STS said no (InvalidIdentityToken, ExpiredTokenException, AccessDenied, ...) in a well-formed answer.
        std::cerr << "irsa_client: STS error " << failure.code() << ": " << failure.message() << "\n";
    } catch (const awsauth::error& failure) {
        // The answer was malformed; the message names the place, never a value (which could be a secret).
        std::cerr << failure.what() << "\n";
    } catch (const std::exception& failure) {
        std::cerr << "irsa_client: " << failure.what() << "\n";
    }
    curl_global_cleanup();
    return status;
}
