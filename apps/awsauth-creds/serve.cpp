// apps/awsauth-creds/serve.cpp: the local container-credentials endpoint (docs/awsauth-creds.md, "serve", and
// SECURITY.md for its security model). What it answers is what botocore's ContainerProvider reads: GET with an
// `Authorization` header holding the token as it stands, 200 with {AccessKeyId, SecretAccessKey, Token, AccountId,
// Expiration} (Token and Expiration required), anything else an error whose body botocore quotes in its message.
#include "serve.hpp"

#include "refusal.hpp"

#if defined(AWSAUTH_CREDS_SERVE)

#include "credentials_found.hpp"
#include "documents.hpp"
#include "outputs.hpp"

#include <awsauth/error.hpp>
#include <awsauth/timestamp.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <pthread.h>
#include <sys/random.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace awsauth_creds {

namespace {

// The one path, as the EKS Pod Identity agent serves it (http://169.254.170.23/v1/credentials).
constexpr std::string_view credentials_path = "/v1/credentials";

// ---------------------------------------------------------------------------------------------------------------
// The authorization token.

// 32 bytes from the kernel's CSPRNG (getrandom(2) blocks only until it is seeded), as 64 hexadecimal digits.
std::string generated_token() {
    unsigned char bytes[32];
    std::size_t filled = 0;
    while (filled < sizeof bytes) {
        const ssize_t got = getrandom(bytes + filled, sizeof bytes - filled, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            refuse_document(std::string("cannot generate a token: getrandom: ") + std::strerror(errno));
        }
        filled += static_cast<std::size_t>(got);
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string token;
    for (const unsigned char byte : bytes) {
        token += hex[byte >> 4];
        token += hex[byte & 0xf];
    }
    return token;
}

// What a token file must hold: the token as clients send it. botocore sends the file's content as it stands and
// refuses one with a line break, so a trailing newline (`echo token > file`) is refused here too, with that reason,
// rather than accepted and then matched by no client; httplib trims blanks around header values, so no blanks
// either. The Pod Identity token is a JWT: visible ASCII only.
std::optional<std::string> token_file_problem(const std::string& content) {
    if (content.empty()) return "is empty";
    if (content.find_first_of("\r\n") != std::string::npos)
        return "holds a line break, which SDKs refuse to send in a header (write it with printf '%s')";
    const bool visible = std::all_of(content.begin(), content.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    if (!visible) return "holds a character other than visible ASCII";
    if (content.size() > 16384) return "is longer than 16384 bytes";
    return std::nullopt;
}

struct token_from_file {
    std::optional<std::string> token;
    std::string problem;  // where there is no token: why, naming the file but never its content
};

token_from_file read_token_file(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) return {std::nullopt, "cannot open the token file " + path + ": " + std::strerror(errno)};
    std::string content{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
    if (const auto problem = token_file_problem(content))
        return {std::nullopt, "the token file " + path + " " + *problem};
    return {std::move(content), {}};
}

// Compares every byte whatever the first difference, so the time taken tells a client nothing about how much of
// its guess was right (only the length, which a 64-digit token does not make worth guessing).
bool same_token(std::string_view given, std::string_view expected) {
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    const std::size_t length = std::max(given.size(), expected.size());
    for (std::size_t i = 0; i < length; ++i) {
        const auto a = static_cast<unsigned char>(i < given.size() ? given[i] : 0);
        const auto b = static_cast<unsigned char>(i < expected.size() ? expected[i] : 0);
        difference = static_cast<unsigned char>(difference | (a ^ b));
    }
    return difference == 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Answers.

// Error bodies as ECS's credentials endpoint writes them: {"code": ..., "message": ...}. botocore quotes the body in
// the error it raises, so it never holds a secret or anything read from the source.
void answer_error(httplib::Response& response, int status, std::string_view code, const std::string& message) {
    nlohmann::ordered_json body;
    body["code"] = code;
    body["message"] = message;
    response.status = status;
    response.set_content(body.dump(), "application/json");
}

// The 503 code for a source the tool refuses to serve.
std::string_view unavailable_code(refusal_reason reason) {
    switch (reason) {
        case refusal_reason::expired:
            return "CredentialsExpired";
        case refusal_reason::within_min_validity:
            return "CredentialsExpiringSoon";
        case refusal_reason::not_temporary:
            return "NotTemporaryCredentials";
        case refusal_reason::unreadable:
            return "SourceUnreadable";
        case refusal_reason::other:
            break;
    }
    return "InvalidSource";
}

// One line per request on stderr: method, path (only ours: a client could put anything in another), status and
// why. Never a header, a token or a value from the source.
struct request_log {
    std::mutex lock;
    void write(const httplib::Request& request, int status, std::string_view reason) {
        const std::string path = request.path == credentials_path ? request.path : "(another path)";
        const std::lock_guard<std::mutex> hold(lock);
        std::cerr << "awsauth-creds serve: " << request.method << " " << path << " " << status << " " << reason
                  << std::endl;
    }
};

// The reason of the request a worker thread is answering, for the logger that httplib calls after the handler on
// the same thread.
thread_local std::string current_reason;

class endpoint {
public:
    endpoint(const command_line& chosen, std::optional<std::string> generated)
        : chosen_(chosen), generated_token_(std::move(generated)) {}

    void answer(const httplib::Request& request, httplib::Response& response) {
        if (!request.has_header("Authorization")) {
            current_reason = "no Authorization header";
            return answer_error(response, 401, "MissingAuthorization", "the request has no Authorization header");
        }
        std::string expected;
        if (generated_token_) {
            expected = *generated_token_;
        } else {
            token_from_file from_file = read_token_file(*chosen_.token_file);
            if (!from_file.token) {
                current_reason = "token file unusable: " + from_file.problem;
                return answer_error(response, 503, "TokenFileUnusable", "the endpoint cannot read its token file");
            }
            expected = std::move(*from_file.token);
        }
        if (!same_token(request.get_header_value("Authorization"), expected)) {
            current_reason = "wrong authorization token";
            return answer_error(response, 403, "AccessDenied", "the Authorization header does not hold the token");
        }
        try {
            const awsauth::timestamp now = date::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
            const credentials_found found =
                read_document(read_input(chosen_.file), chosen_.input, output_format::container);
            refuse_control_characters(found.credentials);
            refuse_expired(found.credentials, chosen_.min_validity, chosen_.min_validity_text, now);
            response.set_content(container_json(found.credentials), "application/json");
            current_reason = "credentials served";
        } catch (const refusal& refused) {
            current_reason = refused.message;
            answer_error(response, 503, unavailable_code(refused.reason), refused.message);
        } catch (const awsauth::error& failure) {
            current_reason = library_reason(failure);
            answer_error(response, 503, "InvalidSource", current_reason);
        } catch (const std::exception&) {
            current_reason = "internal error";  // not what(): a third-party message might quote the source
            answer_error(response, 500, "InternalError", "internal error");
        }
    }

private:
    const command_line& chosen_;
    std::optional<std::string> generated_token_;
};

// ---------------------------------------------------------------------------------------------------------------
// Starting and stopping.

// The lines that point an SDK at the endpoint, then standard output is closed: nothing else ever goes there, and
// `eval "$(awsauth-creds serve ... &)"` returns once the two lines are read.
void announce(int port, const command_line& chosen, const std::optional<std::string>& generated) {
    std::cout << "export AWS_CONTAINER_CREDENTIALS_FULL_URI="
              << posix_quoted("http://127.0.0.1:" + std::to_string(port) + std::string(credentials_path)) << "\n";
    if (generated)
        std::cout << "export AWS_CONTAINER_AUTHORIZATION_TOKEN=" << posix_quoted(*generated) << "\n";
    else
        std::cout << "export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=" << posix_quoted(*chosen.token_file) << "\n";
    std::cout << std::flush;
    if (!std::cout) refuse_document("cannot write to standard output");
    const int null_device = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_device >= 0) {
        dup2(null_device, STDOUT_FILENO);
        close(null_device);
    }
}

}  // namespace

int serve(const command_line& chosen) {
    std::optional<std::string> generated;
    if (chosen.token_file) {
        const token_from_file from_file = read_token_file(*chosen.token_file);
        if (!from_file.token) refuse_document(from_file.problem);
    } else {
        generated = generated_token();
    }

    // SIGINT and SIGTERM are blocked in every thread (httplib's workers inherit the mask) and taken by one thread
    // that stops the server: a signal handler could not call stop() safely.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    httplib::Server server;
    endpoint credentials_endpoint(chosen, generated);
    request_log log;
    const std::string path(credentials_path);
    server.Get(path, [&](const httplib::Request& request, httplib::Response& response) {
        credentials_endpoint.answer(request, response);
    });
    // Before routing, so before httplib reads (or fails to read) a body: GET and HEAD only, whatever the path.
    server.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
        if (request.method == "GET" || request.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
        current_reason = "only GET is served";
        response.set_header("Allow", "GET, HEAD");
        answer_error(response, 405, "MethodNotAllowed", "only GET is served");
        return httplib::Server::HandlerResponse::Handled;
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
        if (response.status == 404) {
            current_reason = "no such path";
            answer_error(response, 404, "NotFound", "the credentials are at " + std::string(credentials_path));
        } else if (current_reason.empty()) {
            current_reason = "bad request";
        }
    });
    server.set_logger([&](const httplib::Request& request, const httplib::Response& response) {
        log.write(request, response.status, current_reason);
        current_reason.clear();
    });

    // Loopback only, whatever the port: the token is the only other guard.
    const int port = chosen.port == 0 ? server.bind_to_any_port("127.0.0.1")
                                      : (server.bind_to_port("127.0.0.1", chosen.port) ? chosen.port : -1);
    if (port <= 0)
        refuse_document("cannot listen on 127.0.0.1:" + std::to_string(chosen.port) + ": " + std::strerror(errno));
    announce(port, chosen, generated);
    std::cerr << "awsauth-creds serve: listening on 127.0.0.1:" << port << ", serving " << *chosen.file << std::endl;

    std::atomic<bool> signalled{false};
    std::thread stopper([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        signalled = true;
        server.stop();
    });
    const bool listened = server.listen_after_bind();
    // listen_after_bind returned on its own (an error): wake the stopper, still in sigwait, so it can be joined.
    if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    if (!listened && !signalled) {
        std::cerr << "awsauth-creds serve: the server stopped accepting connections" << std::endl;
        return document_refused;
    }
    std::cerr << "awsauth-creds serve: stopped" << std::endl;
    return 0;
}

}  // namespace awsauth_creds

#else

namespace awsauth_creds {

int serve(const command_line&) {
    refuse_document(
        "serve: this awsauth-creds was built without cpp-httplib (Debian: libcpp-httplib-dev), so it cannot serve");
}

}  // namespace awsauth_creds

#endif
