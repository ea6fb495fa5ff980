// examples/container_credentials.cpp: the client side of the container credentials endpoint (the EKS Pod Identity
// agent, an ECS task's role, `awsauth-creds serve`): read the variables the SDKs read, fetch the document with
// libcurl where the SDKs would agree to, and read it into awsauth::credentials.
// An EKS pod with Pod Identity gets two variables from the webhook; `awsauth-creds serve SOURCE` prints its own two:
//   AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.23/v1/credentials
//   AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token
//   container_credentials [--fetches N]
// It prints the credentials redacted (the secret access key and the session token as "***") and whether they expire
// within 5 minutes, once per fetch; N fetches stand for the refreshes of a long-running program. Exit status: 0
// fetched, 1 refused or failed (the reason on stderr, never a token, a key or the endpoint's answer), 2 usage.
#include <awsauth/credential_sources.hpp>
#include <awsauth/credentials.hpp>
#include <awsauth/parse.hpp>
#include <awsauth/print.hpp>

#include <arpa/inet.h>
#include <curl/curl.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

// ---------------------------------------------------------------------------------------------------------------
// Where to fetch and with which token: the SDKs' variables, read on every fetch.

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

// The SDKs' order (botocore's ContainerProvider): a relative URI, ECS's variable, is a path on ECS's fixed address
// and wins over a full URI. Either way the address rule below judges the result.
std::string container_credentials_url() {
    if (const auto relative = environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
        return "http://169.254.170.2" + *relative;
    }
    if (const auto full = environment("AWS_CONTAINER_CREDENTIALS_FULL_URI")) return *full;
    throw std::runtime_error("set AWS_CONTAINER_CREDENTIALS_FULL_URI or AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
}

// The value of the Authorization header, if any. The token file wins over the variable and is read again on every
// fetch: the Pod Identity agent's token is a projected service account token that the kubelet replaces before it
// expires. A line break would end the header early (or add one), so botocore and the Go SDK refuse a token that holds
// one; so does this, rather than trim a byte of a secret. Errors name the file, never its content.
std::optional<std::string> container_authorization_token() {
    if (const auto path = environment("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
        std::ifstream file(*path, std::ios::binary);
        if (!file) throw std::runtime_error("cannot read the token file " + *path);
        std::string token{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
        if (token.empty()) throw std::runtime_error("the token file " + *path + " is empty");
        if (token.find_first_of("\r\n") != std::string::npos) {
            throw std::runtime_error("the token file " + *path +
                                     " holds a line break, which no HTTP header value may (a trailing one too)");
        }
        return token;
    }
    const auto token = environment("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    if (token && token->find_first_of("\r\n") != std::string::npos) {
        throw std::runtime_error("AWS_CONTAINER_AUTHORIZATION_TOKEN holds a line break, which no HTTP header may");
    }
    return token;
}

// ---------------------------------------------------------------------------------------------------------------
// The address rule of the SDKs (botocore's ContainerMetadataFetcher): https to any host; plain http only to a
// loopback address (127.0.0.0/8, ::1), the name localhost, ECS's 169.254.170.2 or the Pod Identity agent's
// 169.254.170.23 and fd00:ec2::23. Credentials must not cross a network in clear text, nor go to a host an attacker
// could name in the variable. Hosts are compared as addresses, never resolved: a name that resolves to loopback is
// still a name someone else controls.

bool is_ipv4(std::string_view host, std::array<unsigned char, 4>& address) {
    return inet_pton(AF_INET, std::string(host).c_str(), address.data()) == 1;
}

bool is_ipv6(std::string_view host, std::array<unsigned char, 16>& address) {
    // A URL writes an IPv6 address in brackets: http://[fd00:ec2::23]/.
    if (host.size() < 2 || host.front() != '[' || host.back() != ']') return false;
    const std::string bare(host.substr(1, host.size() - 2));
    return inet_pton(AF_INET6, bare.c_str(), address.data()) == 1;
}

bool equals_ignoring_case(std::string_view left, std::string_view right) {
    if (left.size() != right.size()) return false;
    for (std::size_t i = 0; i < left.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(left[i]) != lower(right[i])) return false;
    }
    return true;
}

/// Whether the SDKs would fetch container credentials from `scheme`://`host` (host as a URL spells it).
bool container_endpoint_allowed(std::string_view scheme, std::string_view host) {
    if (equals_ignoring_case(scheme, "https")) return true;
    if (!equals_ignoring_case(scheme, "http")) return false;
    if (equals_ignoring_case(host, "localhost")) return true;
    if (std::array<unsigned char, 4> v4{}; is_ipv4(host, v4)) {
        constexpr std::array<unsigned char, 4> ecs{169, 254, 170, 2};
        constexpr std::array<unsigned char, 4> pod_identity_agent{169, 254, 170, 23};
        return v4[0] == 127 || v4 == ecs || v4 == pod_identity_agent;
    }
    if (std::array<unsigned char, 16> v6{}; is_ipv6(host, v6)) {
        constexpr std::array<unsigned char, 16> loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        constexpr std::array<unsigned char, 16> pod_identity_agent{0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0,
                                                                   0,    0,    0,    0,    0, 0, 0, 0x23};
        // ::ffff:127.0.0.1 (an IPv4-mapped address) is no loopback address to botocore's ipaddress module: refused.
        return v6 == loopback || v6 == pod_identity_agent;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP with libcurl. The URL is parsed once, by libcurl, and that parse is both what the rule judges and what
// libcurl connects to: two URL parsers that disagree about the host are how such rules get bypassed.

struct curl_deleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
    void operator()(char* text) const { curl_free(text); }
};
using curl_url_handle = std::unique_ptr<CURLU, curl_deleter>;

std::string url_part(CURLU* url, CURLUPart part) {
    char* text = nullptr;
    if (curl_url_get(url, part, &text, 0) != CURLUE_OK) return {};
    const std::unique_ptr<char, curl_deleter> owned(text);
    return owned.get();
}

// The URL, parsed, if the rule allows it; refused before any connection otherwise. Messages name the scheme and
// host only: the rest of a URL (ECS's credentials id, a user:password) is nobody's business.
curl_url_handle allowed_container_endpoint(const std::string& text) {
    curl_url_handle url(curl_url());
    if (!url || curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
        throw std::runtime_error("the container credentials URL is not a URL with a scheme and a host");
    }
    const std::string scheme = url_part(url.get(), CURLUPART_SCHEME);
    const std::string host = url_part(url.get(), CURLUPART_HOST);
    // A zone id (http://[fe80::1%25eth0]/) picks an interface; none of the allowed addresses needs one.
    if (!url_part(url.get(), CURLUPART_ZONEID).empty() || !container_endpoint_allowed(scheme, host)) {
        throw std::runtime_error("refused to fetch credentials from " + scheme + "://" + host +
                                 ": plain http only to a loopback address, localhost, 169.254.170.2, 169.254.170.23 "
                                 "or fd00:ec2::23 (https to any host); nothing was sent");
    }
    return url;
}

// Larger than any credentials document (about 1.5 KB with a session token): a bigger answer is no such document.
constexpr std::size_t max_answer_size = 64 * 1024;

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* body_pointer) {
    auto& body = *static_cast<std::string*>(body_pointer);
    if (body.size() + size * count > max_answer_size) return 0;  // libcurl stops with CURLE_WRITE_ERROR
    body.append(data, size * count);
    return size * count;
}

struct http_answer {
    long status = 0;
    std::string body;
};

http_answer http_get(CURLU* url, const std::optional<std::string>& token) {
    const std::unique_ptr<CURL, curl_deleter> curl(curl_easy_init());
    if (!curl) throw std::runtime_error("libcurl could not start");
    std::unique_ptr<curl_slist, curl_deleter> headers(curl_slist_append(nullptr, "Accept: application/json"));
    if (token) headers.reset(curl_slist_append(headers.release(), ("Authorization: " + *token).c_str()));
    if (!headers) throw std::runtime_error("libcurl could not build the request headers");

    http_answer answer;
    curl_easy_setopt(curl.get(), CURLOPT_CURLU, url);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer.body);
    // A redirect would carry the request to a host the rule never judged: it stays an answer like any other non-200.
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    // The endpoint is on this host or its link: no proxy is between (botocore uses none for it either).
    curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");
    // botocore waits 2 s per attempt; the endpoints answer from memory, so a slow one is a broken one.
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    // curl_easy_strerror only: libcurl's error buffer may quote the URL.
    const CURLcode result = curl_easy_perform(curl.get());
    if (result != CURLE_OK) {
        throw std::runtime_error("cannot fetch credentials from " + url_part(url, CURLUPART_SCHEME) + "://" +
                                 url_part(url, CURLUPART_HOST) + ": " + curl_easy_strerror(result));
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &answer.status);
    return answer;
}

// ---------------------------------------------------------------------------------------------------------------
// One fetch, as a program does it before its credentials expire.

awsauth::credentials fetch_container_credentials() {
    const curl_url_handle url = allowed_container_endpoint(container_credentials_url());
    const http_answer answer = http_get(url.get(), container_authorization_token());
    // An error answer (the agent's plain text, ECS's {"code","message"}) is never credentials, and its body is not
    // shown: it may quote the request.
    if (answer.status != 200) {
        throw std::runtime_error("the endpoint answered HTTP " + std::to_string(answer.status) +
                                 "; that answer is not read as credentials");
    }
    // parse_validated: the document's shape (AccessKeyId and SecretAccessKey required, non-empty, Expiration a
    // timestamp); a 200 whose body is an error object lacks AccessKeyId and ends here too.
    return awsauth::credentials_of(awsauth::parse_validated<awsauth::container::Credentials>(answer.body));
}

int fetch_count(int argc, char** argv) {
    if (argc == 1) return 1;
    if (argc == 3 && std::string_view(argv[1]) == "--fetches") {
        char* end = nullptr;
        const long count = std::strtol(argv[2], &end, 10);
        if (*argv[2] != '\0' && *end == '\0' && count >= 1 && count <= 100) return static_cast<int>(count);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const int fetches = fetch_count(argc, argv);
    if (fetches == 0) {
        std::cerr << "usage: container_credentials [--fetches N]   (N from 1 to 100; reads "
                     "AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, ...)\n";
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int status = 0;
    try {
        for (int fetch = 0; fetch < fetches; ++fetch) {
            const awsauth::credentials credentials = fetch_container_credentials();
            // The redacted line of <awsauth/print.hpp>: keys and expiry shown, secret key and session token "***".
            std::cout << credentials << "\n";
            const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
            std::cout << "expires within 5 minutes: "
                      << (credentials.expires_within(std::chrono::minutes(5), now) ? "yes" : "no") << "\n"
                      << std::flush;
        }
    } catch (const awsauth::error& failure) {
        // The document was not container credentials; the message names the place, never the value there.
        std::cerr << "container_credentials: the answer is not container credentials: " << failure.what() << "\n";
        status = 1;
    } catch (const std::exception& failure) {
        std::cerr << "container_credentials: " << failure.what() << "\n";
        status = 1;
    }
    curl_global_cleanup();
    return status;
}
