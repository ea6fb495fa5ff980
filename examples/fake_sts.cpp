// examples/fake_sts.cpp: a fake STS that real SDKs and the AWS CLI can be pointed at (--endpoint-url): it speaks
// STS's own wire (form-encoded requests, XML answers and errors) through awsauth's server direction, on cpp-httplib.
//   fake_sts 8080                                   # or 0: any free port; prints "listening on http://127.0.0.1:PORT"
//   fake_sts --fail ExpiredTokenException:400 0     # every call answers that error
//   aws sts assume-role --role-arn arn:aws:iam::123456789012:role/demo --role-session-name s
//       --endpoint-url http://127.0.0.1:8080 --region us-east-1     (one line)
// AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken and GetFederationToken issue credentials for any role or
// name; GetCallerIdentity names whom the caller's access key was issued to. A test double: it verifies no
// signature, no web identity token and no policy, and forgets everything when it stops. Only 127.0.0.1 is served.
// SIGINT and SIGTERM stop it cleanly.
#include <awsauth/sts.hpp>
#include <awsauth/validate.hpp>
#include <awsauth/wire.hpp>

#include <httplib.h>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

constexpr std::string_view default_account = "123456789012";

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

// The access key id of a SigV4-signed request: "Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<date>/...".
std::string caller_key_id(const awsauth::http_request& request) {
    for (const auto& [name, value] : request.headers) {
        if (!same_name(name, "Authorization")) continue;
        const auto start = value.find("Credential=");
        if (start == std::string::npos) return {};
        const auto key = start + std::string_view("Credential=").size();
        return value.substr(key, value.find('/', key) - key);
    }
    return {};
}

// Whom a set of credentials was issued to: what GetCallerIdentity answers for its access key id.
struct principal {
    std::string arn;
    std::string user_id;
    std::string account;
};

// The part of an ARN before its n-th colon's successor ("arn:aws:iam::123456789012:role/demo": 1 is "aws", 4 the
// account), or `fallback` where the ARN has too few parts: the fake accepts any role ARN, as moto does.
std::string arn_part(std::string_view arn, int n, std::string_view fallback) {
    std::size_t start = 0;
    for (int i = 0; i < n; ++i) {
        start = arn.find(':', start);
        if (start == std::string_view::npos) return std::string(fallback);
        ++start;
    }
    const std::string_view part = arn.substr(start, arn.find(':', start) - start);
    return std::string(part.empty() ? fallback : part);
}

class fake_sts {
public:
    explicit fake_sts(std::optional<awsauth::service_error> fail_with) : fail_with_(std::move(fail_with)) {}

    // One request at a time: the state is a small map, the load a test's.
    awsauth::http_response answer(const awsauth::http_request& request) {
        const std::lock_guard<std::mutex> lock(mutex_);
        const std::string request_id = next_request_id();
        if (fail_with_) {
            return error_answer(fail_with_->code(), fail_with_->message(), fail_with_->http_status(), request_id);
        }
        std::optional<awsauth::http_response> answer;
        try {
            // The operation whose Action the form names, read into its input struct; the model lists them all.
            awsauth::sts::for_each_operation([&](std::string_view operation, auto input_tag, auto) {
                using Input = typename decltype(input_tag)::type;
                if (answer || !awsauth::is_request_for<Input>(request)) return;
                const Input input = awsauth::from_http_request<Input>(request);
                // STS checks the model's constraints (lengths, ranges, patterns) before anything else.
                if (const auto violations = awsauth::validate(input); !violations.empty()) {
                    std::string message = std::to_string(violations.size()) + " validation error(s) detected:";
                    for (const auto& violation : violations)
                        message += " " + violation.path + ": " + violation.message + ";";
                    message.pop_back();
                    answer = error_answer("ValidationError", message, 400, request_id);
                    return;
                }
                answer = respond(input, operation, request, request_id);
            });
        } catch (const awsauth::error& malformed) {
            // awsauth's messages name the place and the problem, never a value: safe to send back.
            return error_answer("ValidationError", malformed.what(), 400, request_id);
        }
        if (!answer) {
            answer =
                error_answer("InvalidAction",
                             "The action or operation requested is invalid. Verify that the action is typed correctly.",
                             400, request_id);
        }
        return *answer;
    }

private:
    awsauth::http_response respond(const awsauth::sts::AssumeRoleRequest& input, std::string_view,
                                   const awsauth::http_request&, const std::string& request_id) {
        awsauth::sts::AssumeRoleResponse output;
        output.assumed_role_user = assume(input.role_arn, input.role_session_name);
        output.credentials = issue(principal_of(*output.assumed_role_user, input.role_arn), input.duration_seconds);
        output.source_identity = input.source_identity;
        return written(output, request_id);
    }

    awsauth::http_response respond(const awsauth::sts::AssumeRoleWithWebIdentityRequest& input, std::string_view,
                                   const awsauth::http_request&, const std::string& request_id) {
        awsauth::sts::AssumeRoleWithWebIdentityResponse output;
        output.assumed_role_user = assume(input.role_arn, input.role_session_name);
        output.credentials = issue(principal_of(*output.assumed_role_user, input.role_arn), input.duration_seconds);
        return written(output, request_id);
    }

    awsauth::http_response respond(const awsauth::sts::GetSessionTokenRequest& input, std::string_view,
                                   const awsauth::http_request& request, const std::string& request_id) {
        // The session is the caller's; a caller the fake never issued keys to is taken for an IAM user.
        const auto caller = issued_.find(caller_key_id(request));
        const principal owner = caller != issued_.end()
                                    ? caller->second
                                    : principal{"arn:aws:iam::" + std::string(default_account) + ":user/fake-sts-user",
                                                "AIDA" + random_text(uppercase, 16), std::string(default_account)};
        awsauth::sts::GetSessionTokenResponse output;
        output.credentials = issue(owner, input.duration_seconds.value_or(43200));
        return written(output, request_id);
    }

    awsauth::http_response respond(const awsauth::sts::GetFederationTokenRequest& input, std::string_view,
                                   const awsauth::http_request&, const std::string& request_id) {
        const std::string account(default_account);
        awsauth::sts::GetFederationTokenResponse output;
        output.federated_user = awsauth::sts::FederatedUser{
            account + ":" + input.name, "arn:aws:sts::" + account + ":federated-user/" + input.name};
        output.credentials = issue({output.federated_user->arn, output.federated_user->federated_user_id, account},
                                   input.duration_seconds.value_or(43200));
        return written(output, request_id);
    }

    awsauth::http_response respond(const awsauth::sts::GetCallerIdentityRequest&, std::string_view,
                                   const awsauth::http_request& request, const std::string& request_id) {
        const auto caller = issued_.find(caller_key_id(request));
        if (caller == issued_.end())
            return error_answer("InvalidClientTokenId", "The security token included in the request is invalid.", 403,
                                request_id);
        awsauth::sts::GetCallerIdentityResponse output;
        output.user_id = caller->second.user_id;
        output.account = caller->second.account;
        output.arn = caller->second.arn;
        return written(output, request_id);
    }

    // The operations a fake for credential tests has no use for.
    template <class Input>
    awsauth::http_response respond(const Input&, std::string_view operation, const awsauth::http_request&,
                                   const std::string& request_id) {
        return error_answer("InvalidAction", "fake_sts does not implement " + std::string(operation), 400, request_id);
    }

    // "arn:aws:iam::123456789012:role/path/demo" with session "s" is "arn:aws:sts::123456789012:assumed-role/demo/s".
    awsauth::sts::AssumedRoleUser assume(const std::string& role_arn, const std::string& session_name) {
        const std::string role_name = role_arn.substr(role_arn.find_last_of("/:") + 1);
        return {"AROA" + random_text(uppercase, 16) + ":" + session_name,
                "arn:" + arn_part(role_arn, 1, "aws") + ":sts::" + arn_part(role_arn, 4, default_account) +
                    ":assumed-role/" + role_name + "/" + session_name};
    }

    static principal principal_of(const awsauth::sts::AssumedRoleUser& user, const std::string& role_arn) {
        return {user.arn, user.assumed_role_id, arn_part(role_arn, 4, default_account)};
    }

    // Fresh temporary credentials, remembered for GetCallerIdentity. STS's default duration is one hour.
    awsauth::sts::Credentials issue(principal owner, std::optional<std::int32_t> duration_seconds) {
        return issue(std::move(owner), duration_seconds.value_or(3600));
    }
    awsauth::sts::Credentials issue(principal owner, std::int32_t duration_seconds) {
        awsauth::sts::Credentials credentials;
        credentials.access_key_id = "ASIA" + random_text(uppercase, 16);
        credentials.secret_access_key = random_text(base64, 40);
        credentials.session_token = "FwoGZXIvYXdzE" + random_text(base64, 200);
        credentials.expiration = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                                 std::chrono::seconds(duration_seconds);
        issued_[credentials.access_key_id] = std::move(owner);
        return credentials;
    }

    template <class Output>
    awsauth::http_response written(Output& output, const std::string& request_id) {
        output.response_metadata.emplace().request_id = request_id;
        return awsauth::to_http_response(output);  // with the request id in the XML and as x-amzn-RequestId
    }

    static awsauth::http_response error_answer(const std::string& code, const std::string& message, int status,
                                               const std::string& request_id) {
        return awsauth::to_http_error(awsauth::sts::service, awsauth::service_error(code, message, request_id, status));
    }

    // UUID-shaped, from a counter: unique within a run and easy to follow in a test's log.
    std::string next_request_id() {
        std::string number = std::to_string(++requests_);
        number.insert(0, number.size() < 12 ? 12 - number.size() : 0, '0');
        return "fa4e5755-0000-4000-8000-" + number;
    }

    static constexpr std::string_view uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static constexpr std::string_view base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    std::string random_text(std::string_view alphabet, std::size_t length) {
        std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
        std::string text;
        for (std::size_t i = 0; i < length; ++i)
            text += alphabet[pick(random_)];
        return text;
    }

    std::optional<awsauth::service_error> fail_with_;
    std::mutex mutex_;
    std::map<std::string, principal> issued_;  // access key id -> whom
    std::mt19937_64 random_{std::random_device{}()};
    std::uint64_t requests_ = 0;
};

// "--fail CODE" or "--fail CODE:STATUS": an error's status, 400 to 599 (400 by default).
std::optional<awsauth::service_error> read_failure(std::string_view text) {
    const auto colon = text.find(':');
    const std::string code(text.substr(0, colon));
    int status = 400;
    if (colon != std::string_view::npos) {
        const std::string digits(text.substr(colon + 1));
        if (digits.size() != 3 || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        status = std::stoi(digits);
        if (status < 400 || status > 599) return std::nullopt;
    }
    if (code.empty()) return std::nullopt;
    return awsauth::service_error(code, "fake_sts was told to fail every call with " + code, {}, status);
}

void serve(httplib::Server& server, fake_sts& sts) {
    server.Post("/", [&sts](const httplib::Request& in, httplib::Response& out) {
        const awsauth::http_response answer =
            sts.answer({in.method, in.target, {in.headers.begin(), in.headers.end()}, in.body});
        out.status = answer.status;
        std::string content_type = "text/xml";
        for (const auto& [name, value] : answer.headers) {
            // httplib writes the Content-Type given to set_content; a second one would confuse the SDKs.
            if (same_name(name, "Content-Type")) {
                content_type = value;
            } else {
                out.set_header(name, value);
            }
        }
        out.set_content(answer.body, content_type);
    });
}

}  // namespace

int main(int argc, char** argv) {
    std::optional<awsauth::service_error> fail_with;
    std::optional<int> port;
    bool usage_ok = true;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        const bool digits = !argument.empty() && argument.size() <= 5 &&
                            argument.find_first_not_of("0123456789") == std::string_view::npos;
        if (argument == "--fail" && i + 1 < argc) {
            fail_with = read_failure(argv[++i]);
            usage_ok = usage_ok && fail_with;
        } else if (digits && !port) {
            port = std::stoi(std::string(argument));
        } else {
            usage_ok = false;
        }
    }
    if (!usage_ok || !port || *port > 65535) {
        std::cerr << "usage: fake_sts [--fail CODE[:STATUS]] PORT   (PORT 0: any free port)\n";
        return 2;
    }

    // SIGINT and SIGTERM are blocked in every thread (httplib's workers inherit the mask) and taken by one thread
    // with sigwait, so stop() runs as ordinary code, not in a signal handler. Blocked before the "listening on"
    // line: one sent as soon as it is read waits for sigwait instead of killing the process.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    fake_sts sts(std::move(fail_with));
    httplib::Server server;
    // stop() waits for each idle keep-alive connection to time out (httplib's default: 5 s); the SDKs reconnect.
    server.set_keep_alive_timeout(1);
    serve(server, sts);
    const int bound =
        *port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", *port) ? *port : -1);
    if (bound <= 0) {
        std::cerr << "fake_sts: cannot listen on 127.0.0.1:" << *port << "\n";
        return 1;
    }
    std::cout << "listening on http://127.0.0.1:" << bound << std::endl;

    std::atomic<bool> listening_ended{false};
    std::thread stopper([&] {
        int received = 0;
        sigwait(&stop_signals, &received);
        // A signal may come before listen has started: wait for it to run (stop() does nothing before).
        while (!server.is_running() && !listening_ended)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        server.stop();
    });
    const bool listened = server.listen_after_bind();
    listening_ended = true;
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper if listen ended without a signal
    stopper.join();
    return listened ? 0 : 1;
}
