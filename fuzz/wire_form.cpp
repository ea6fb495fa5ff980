// fuzz/wire_form.cpp: one input read as the form body of every STS operation's request (the AWS Query protocol's
// server side, awsauth::from_http_request), as it is and behind that operation's Action and Version. A value is the
// request is_request_for says it is and round-trips through to_http_request; an error is the same whatever the
// secrets' bytes and holds no run of one.
#include "fuzz_support.hpp"

#include <awsauth/wire.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// A key or value decoded without the codec under test: `+` a space, %XX a byte where two hex digits follow, anything
// else as it is.
std::string loosely_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int high = text[i] == '%' && i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
        const int low = high >= 0 ? hex_digit(text[i + 2]) : -1;
        if (low >= 0) {
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

/// The values of a form that sit under a secret member, found without trusting the codec: those of the pairs whose
/// key's last dot-separated part is the key of a secret string member (fuzz_support's secret_keys), decoded. With
/// `rotate`, each letter and digit of such a value becomes the next of its class, except the two characters after a
/// '%': the same value in every respect the reader judges (length, escapes, characters allowed raw, UTF-8), but
/// another secret.
std::vector<std::string> scan_form_secrets(std::string& body, bool rotate) {
    std::vector<std::string> found;
    for (std::size_t start = 0; start < body.size();) {
        std::size_t end = body.find('&', start);
        if (end == std::string::npos) end = body.size();
        const std::size_t equals = body.find('=', start);
        if (equals < end) {
            const std::string key = loosely_decoded(std::string_view(body).substr(start, equals - start));
            const std::size_t dot = key.rfind('.');
            if (awsauth_fuzz::secret_keys().count(dot == std::string::npos ? key : key.substr(dot + 1)) != 0) {
                for (std::size_t i = equals + 1; rotate && i < end; ++i) {
                    if (body[i] == '%') {
                        i += 2;
                    } else {
                        body[i] = awsauth_fuzz::rotated(body[i]);
                    }
                }
                found.push_back(loosely_decoded(std::string_view(body).substr(equals + 1, end - equals - 1)));
            }
        }
        start = end + 1;
    }
    return found;
}

awsauth::http_request form_post(std::string body) {
    return {"POST", "/", {{"Content-Type", std::string(awsauth::detail::form_content_type)}}, std::move(body)};
}

struct outcome {
    bool failed = false;
    std::string message;
    std::string problem;  // without the path, which quotes the form's keys
};

template <class Request>
outcome read(const awsauth::http_request& request, const awsauth::parse_options& options,
             std::optional<Request>* value = nullptr) {
    try {
        auto result = awsauth::from_http_request<Request>(request, options);
        if (value != nullptr) *value = std::move(result);
        return {};
    } catch (const awsauth::error& e) {
        return {true, e.what(), std::string(e.problem())};
    }
}

template <class Request>
void check_value(const awsauth::http_request& request, const Request& value) {
    awsauth::sts::for_each_operation([&](std::string_view name, auto tag, auto) {
        using Other = typename decltype(tag)::type;
        if (awsauth::is_request_for<Other>(request) != std::is_same_v<Other, Request>)
            awsauth_fuzz::broken("is_request_for disagrees with from_http_request", name);
    });
    const awsauth::http_request written = awsauth::to_http_request(value);
    const std::vector<std::pair<std::string, std::string>> headers{
        {"Content-Type", std::string(awsauth::detail::form_content_type)}};
    if (written.method != "POST" || written.path != "/" || written.headers != headers)
        awsauth_fuzz::broken("to_http_request wrote another method, path or headers", written.body);
    std::optional<Request> again;
    const auto reread = read<Request>(written, awsauth::parse_options{}, &again);
    if (reread.failed) awsauth_fuzz::broken("to_http_request wrote what from_http_request refuses", reread.message);
    if (!(*again == value)) awsauth_fuzz::broken("the form does not round-trip", written.body);
    if (awsauth::to_http_request(*again).body != written.body)
        awsauth_fuzz::broken("to_http_request is not stable", written.body);
    awsauth_fuzz::check_printing(value);
}

/// A body, and the same with its secrets rotated (scan_form_secrets): worked out once, read as every operation's.
struct form_body {
    explicit form_body(std::string text) : body(std::move(text)), rotated(body) {
        std::string copy = body;
        secrets = scan_form_secrets(copy, false);
        rotated_secrets = scan_form_secrets(rotated, true);
    }
    std::string body;
    std::string rotated;
    std::vector<std::string> secrets;
    std::vector<std::string> rotated_secrets;
};

/// Reads the body as a Request, once as it is and once with its secrets rotated:
/// - a value: see check_value;
/// - an error: the same message whatever the secrets' bytes (so it quotes none that rotating changes), and a problem
///   that holds no run of a seeded secret, nor a run of a secret of this form that rotating left as it was (bytes
///   that came from escapes, or are neither letters nor digits: the one thing the first rule cannot see).
template <class Request>
void check(const form_body& form, const awsauth::parse_options& options) {
    const awsauth::http_request request = form_post(form.body);
    std::optional<Request> value;
    const auto first = read<Request>(request, options, &value);
    if (!first.failed) check_value(request, *value);
    if (first.failed) {
        if (const auto* leaked = awsauth_fuzz::seeded_secrets().leaked_in(first.problem))
            awsauth_fuzz::broken("an error message holds a run of a seeded secret", first.message + "\n" + *leaked);
        for (std::size_t s = 0; s < form.secrets.size(); ++s) {
            const std::string_view secret = form.secrets[s];
            for (std::size_t at = 0; at + awsauth_test::leak_run <= secret.size(); ++at) {
                const std::string_view run = secret.substr(at, awsauth_test::leak_run);
                if (first.problem.find(run) != std::string::npos &&
                    std::string_view(form.rotated_secrets[s]).substr(at, awsauth_test::leak_run) == run)
                    awsauth_fuzz::broken("an error message holds a run of a secret of the form", first.message);
            }
        }
    }
    if (form.secrets.empty()) return;
    const auto second = read<Request>(form_post(form.rotated), options);
    if (second.failed != first.failed || second.message != first.message)
        awsauth_fuzz::broken("the outcome depends on a secret's bytes", first.message + "\n" + second.message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const form_body input(std::string(reinterpret_cast<const char*>(data), size));
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    // The input as it is is read as the operations its Action names (is_request_for), or as the first one when it
    // names none: any other would stop at its Action, which one such read covers. Then the input as each
    // operation's request, behind that operation's Action and Version (the first Action and Version win).
    bool read_as_is = false;
    awsauth::sts::for_each_operation([&](std::string_view name, auto tag, auto) {
        using Request = typename decltype(tag)::type;
        if (!read_as_is || awsauth::is_request_for<Request>(form_post(input.body))) {
            read_as_is = true;
            check<Request>(input, awsauth::parse_options{});
            check<Request>(input, strict);
        }
        const form_body as_operation("Action=" + std::string(name) + "&Version=2011-06-15&" + input.body);
        check<Request>(as_operation, awsauth::parse_options{});
        check<Request>(as_operation, strict);
    });
    return 0;
}
