// tests/wire/unit-wire-sso.cpp: SSO's portal over restJson1 in all four directions against what botocore 1.43.11
// sent and made of answers (tests/data/protocol: requests/, responses/ and errors/ sso-*.json): GET requests whose
// members travel in the query string and the bearer-token header with no body, role credentials that expire in
// epoch milliseconds (the library's first long), and SSO's errors; no error message ever holds the bearer token.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"
#include "wire_test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sso = awsauth::sso;
namespace fs = std::filesystem;
using awsauth::error_kind;
using awsauth_test::headers_t;

namespace {

std::map<std::string, nlohmann::json> captures(const std::string& folder) {
    return awsauth_test::captures(folder, "sso-");
}

using awsauth_test::captured_request;
using awsauth_test::captured_response;

// The query string's pairs, in the order sent.
std::vector<std::string> query_pairs(const std::string& path) {
    std::vector<std::string> pairs;
    const auto question = path.find('?');
    if (question == std::string::npos) return pairs;
    std::string query = path.substr(question + 1);
    for (std::size_t start = 0; start <= query.size();) {
        const auto end = std::min(query.find('&', start), query.size());
        pairs.push_back(query.substr(start, end - start));
        start = end + 1;
    }
    return pairs;
}

// The secrets of the captures: the bearer tokens sent, the credentials answered.
const awsauth_test::secret_runs& capture_secrets() {
    static const awsauth_test::secret_runs secrets = [] {
        awsauth_test::secret_runs runs;
        for (const auto& [stem, capture] : captures("requests"))
            runs.add(capture.at("params").at("accessToken").get<std::string>());
        const auto responses = captures("responses");
        const auto& credentials = responses.at("sso-get-role-credentials").at("parsed").at("roleCredentials");
        runs.add(credentials.at("secretAccessKey").get<std::string>());
        runs.add(credentials.at("sessionToken").get<std::string>());
        return runs;
    }();
    return secrets;
}

template <class Function>
awsauth::error error_from(Function&& function) {
    try {
        function();
    } catch (const awsauth::error& failure) {
        INFO(failure.what());
        CHECK(capture_secrets().leaked_in(failure.what()) == nullptr);
        return failure;
    }
    FAIL("no awsauth::error was thrown");
    throw std::logic_error("unreachable");
}

template <class Function>
void check_error(Function&& function, error_kind kind, const std::string& path, const std::string& problem) {
    const awsauth::error failure = error_from(function);
    CHECK(to_string(failure.kind()) == to_string(kind));
    CHECK(failure.path() == path);
    CHECK(failure.problem() == problem);
}

template <class Response>
awsauth::service_error service_error_from(const awsauth::http_response& response) {
    try {
        (void)awsauth::from_http_response<Response>(response);
    } catch (const awsauth::service_error& failure) {
        CHECK(capture_secrets().leaked_in(failure.what()) == nullptr);
        return failure;
    }
    FAIL("no awsauth::service_error was thrown");
    throw std::logic_error("unreachable");
}

const std::string& bearer_token() {
    static const std::string token =
        captures("requests").at("sso-get-role-credentials-minimal").at("params").at("accessToken").get<std::string>();
    return token;
}

const nlohmann::json& canonical_answer() {
    static const nlohmann::json answer = captures("responses").at("sso-get-role-credentials");
    return answer;
}

// Calls visit(input_tag, output_tag) for the SSO operation named `name`.
template <class Visit>
void with_operation(std::string_view name, Visit&& visit) {
    bool found = false;
    sso::for_each_operation([&](std::string_view operation, auto input, auto output) {
        if (operation != name) return;
        found = true;
        visit(input, output);
    });
    REQUIRE(found);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Requests

TEST_CASE("SSO requests are what botocore sends, and read back to its params", "[wire][sso]") {
    const auto requests = captures("requests");
    REQUIRE(requests.size() == 11);
    for (const auto& [stem, capture] : requests) {
        INFO(stem);
        with_operation(capture.at("operation").get<std::string>(),
                       [&, &stem = stem, &capture = capture](auto input, auto) {
                           using Request = typename decltype(input)::type;
                           const auto request = capture.at("params").get<Request>();
                           const awsauth::http_request sent = captured_request(capture);
                           const awsauth::http_request written = awsauth::to_http_request(request);
                           CHECK(written.method == sent.method);
                           // botocore sends the query members in the caller's order (`-reversed-order`), awsauth in the
                           // model's.
                           if (stem.find("reversed-order") == std::string::npos) {
                               CHECK(written.path == sent.path);
                           } else {
                               auto sent_pairs = query_pairs(sent.path);
                               auto written_pairs = query_pairs(written.path);
                               CHECK(written_pairs != sent_pairs);
                               std::sort(sent_pairs.begin(), sent_pairs.end());
                               std::sort(written_pairs.begin(), written_pairs.end());
                               CHECK(written_pairs == sent_pairs);
                           }
                           // The bearer token and nothing else: no Content-Type and no body, as botocore sends a GET
                           // (and Logout).
                           CHECK(written.headers == sent.headers);
                           CHECK(written.headers == headers_t{{"x-amz-sso_bearer_token", request.access_token}});
                           CHECK(written.body.empty());
                           CHECK(sent.body.empty());

                           CHECK(awsauth::is_request_for<Request>(sent));
                           CHECK(awsauth::from_http_request<Request>(sent) == request);
                       });
    }
}

TEST_CASE("the exact bytes of an SSO GetRoleCredentials request", "[wire][sso]") {
    const sso::GetRoleCredentialsRequest request{"ReadOnly", "123456789012", bearer_token()};
    const awsauth::http_request written = awsauth::to_http_request(request);
    CHECK(written.method == "GET");
    CHECK(written.path == "/federation/credentials?role_name=ReadOnly&account_id=123456789012");
    CHECK(written.headers == headers_t{{"x-amz-sso_bearer_token", bearer_token()}});
    CHECK(written.body.empty());

    // A role name with every awkward character, percent-encoded as botocore encodes it.
    const auto awkward = captures("requests").at("sso-get-role-credentials-role-name-awkward");
    const auto awkward_request = awkward.at("params").get<sso::GetRoleCredentialsRequest>();
    CHECK(awsauth::to_http_request(awkward_request).path == awkward.at("path").get<std::string>());
    CHECK(awsauth::from_http_request<sso::GetRoleCredentialsRequest>(captured_request(awkward)) == awkward_request);

    // The portal's test double: which operation a request is for, then the request.
    const awsauth::http_request received = captured_request(captures("requests").at("sso-list-accounts-full"));
    CHECK_FALSE(awsauth::is_request_for<sso::GetRoleCredentialsRequest>(received));
    CHECK_FALSE(awsauth::is_request_for<sso::ListAccountRolesRequest>(received));
    CHECK(awsauth::is_request_for<sso::ListAccountsRequest>(received));
    const auto accounts = awsauth::from_http_request<sso::ListAccountsRequest>(received);
    CHECK(accounts.max_results == std::optional<std::int32_t>(100));
    CHECK(accounts.next_token == std::optional<std::string>("page-2-of-accounts"));
}

TEST_CASE("maxResults and nextToken in the query string: optional, an int32 in its range", "[wire][sso]") {
    sso::ListAccountsRequest request{};
    request.access_token = bearer_token();
    CHECK(awsauth::to_http_request(request).path == "/assignment/accounts");
    request.max_results = 1;
    CHECK(awsauth::to_http_request(request).path == "/assignment/accounts?max_result=1");
    request.next_token = "a+b/c=";
    CHECK(awsauth::to_http_request(request).path == "/assignment/accounts?next_token=a%2Bb%2Fc%3D&max_result=1");
    CHECK(awsauth::from_http_request<sso::ListAccountsRequest>(awsauth::to_http_request(request)) == request);
    request.max_results = 2147483647;  // the wire carries any int32; validation holds it to 1..100
    CHECK(awsauth::to_http_request(request).path.find("max_result=2147483647") != std::string::npos);
    CHECK(awsauth::validate(request) ==
          std::vector<awsauth::violation>{{"/maxResults", "must be 1 to 100 (was 2147483647)"}});

    const auto read = [](const std::string& query) {
        return awsauth::from_http_request<sso::ListAccountsRequest>(
            {"GET", "/assignment/accounts" + query, {{"x-amz-sso_bearer_token", bearer_token()}}, ""});
    };
    CHECK(read("?max_result=007").max_results == std::optional<std::int32_t>(7));  // leading zeros, as from_chars
    CHECK(read("?max_result=-2147483648").max_results == std::optional<std::int32_t>(-2147483647 - 1));
    CHECK_FALSE(read("").max_results);
    check_error([&] { (void)read("?max_result=2147483648"); }, error_kind::out_of_range, "/maxResults",
                "integer out of range for a 32-bit signed integer");
    check_error([&] { (void)read("?max_result=-2147483649"); }, error_kind::out_of_range, "/maxResults",
                "integer out of range for a 32-bit signed integer");
    for (const char* spelled : {"1.0", "1e2", "+1", "%2B1", "", "ten", "1%20"}) {
        INFO(spelled);
        check_error([&] { (void)read(std::string("?max_result=") + spelled); }, error_kind::wrong_type, "/maxResults",
                    "expected an integer");
    }
}

TEST_CASE("an SSO request without its bearer token or query members is refused, never quoting the token",
          "[wire][sso]") {
    const std::string path = "/federation/credentials?role_name=ReadOnly&account_id=123456789012";
    check_error(
        [&] {
            (void)awsauth::from_http_request<sso::GetRoleCredentialsRequest>({"GET", path, {}, ""});
        },
        error_kind::missing_member, "/accessToken", "missing required member (no header x-amz-sso_bearer_token)");
    const headers_t bearer{{"x-amz-sso_bearer_token", bearer_token()}};
    check_error(
        [&] {
            (void)awsauth::from_http_request<sso::GetRoleCredentialsRequest>(
                {"GET", "/federation/credentials?role_name=ReadOnly", bearer, ""});
        },
        error_kind::missing_member, "/accountId", "missing required member (no query parameter account_id)");
    check_error(
        [&] {
            (void)awsauth::from_http_request<sso::GetRoleCredentialsRequest>({"POST", path, bearer, ""});
        },
        error_kind::invalid_json, "", "the request's method is not GetRoleCredentials's (GET)");
    // A token that is not UTF-8, or one that would end its header: the path, never the token.
    const headers_t broken{{"x-amz-sso_bearer_token", bearer_token() + "\xFF"}};
    check_error(
        [&] {
            (void)awsauth::from_http_request<sso::GetRoleCredentialsRequest>({"GET", path, broken, ""});
        },
        error_kind::invalid_utf8, "/accessToken", "string is not valid UTF-8");
    sso::GetRoleCredentialsRequest request{"ReadOnly", "123456789012", bearer_token() + "\r\nX-Injected: 1"};
    check_error([&] { (void)awsauth::to_http_request(request); }, error_kind::constraint_violated, "/accessToken",
                "a header value cannot hold CR, LF or NUL");
    // The redacted line of a request shows that a token is there, not what it is.
    CHECK(awsauth::redacted(request).find(R"("accessToken":"***")") != std::string::npos);
    CHECK(capture_secrets().leaked_in(awsauth::redacted(request)) == nullptr);
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

TEST_CASE("SSO answers read as botocore read them, or as an awsauth::error", "[wire][sso]") {
    struct expected_error {
        error_kind kind;
        std::string path;
        std::string problem;
    };
    // botocore's parser runs int() over a long, so it takes a fraction (truncated) and a string of digits; awsauth
    // reads a long as a JSON integer only. A 2xx with an empty body is an empty result to botocore, an error here.
    const std::map<std::string, expected_error> errors{
        {"sso-get-role-credentials-expiration-fraction",
         {error_kind::wrong_type, "/roleCredentials/expiration", "expected an integer, got a non-integer number"}},
        {"sso-get-role-credentials-expiration-string",
         {error_kind::wrong_type, "/roleCredentials/expiration", "expected an integer, got string"}},
        {"sso-get-role-credentials-empty-body",
         {error_kind::invalid_json, "",
          "invalid JSON (byte 1): parse error at line 1, column 1: syntax error while parsing value - unexpected end "
          "of input; expected '[', '{', or a literal"}},
    };
    const auto responses = captures("responses");
    REQUIRE(responses.size() == 11);
    std::size_t compared = 0;
    for (const auto& [stem, capture] : responses) {
        INFO(stem);
        with_operation(capture.at("operation").get<std::string>(),
                       [&, &stem = stem, &capture = capture](auto, auto output) {
                           using Response = typename decltype(output)::type;
                           const awsauth::http_response received = captured_response(capture);
                           const auto error = errors.find(stem);
                           if (error != errors.end()) {
                               check_error([&] { (void)awsauth::from_http_response<Response>(received); },
                                           error->second.kind, error->second.path, error->second.problem);
                               return;
                           }
                           const auto expected = capture.at("parsed").get<Response>();
                           const auto read = awsauth::from_http_response<Response>(received);
                           CHECK(read == expected);
                           REQUIRE(read.response_metadata);
                           CHECK(read.response_metadata->request_id == capture.at("headers").at("x-amzn-RequestId"));
                           ++compared;
                       });
    }
    CHECK(compared == responses.size() - errors.size());

    // The long exactly: 2^53 + 1 and the largest long, which a double would round.
    const auto expiration_of = [&](const std::string& stem) {
        return awsauth::from_http_response<sso::GetRoleCredentialsResponse>(captured_response(responses.at(stem)))
            .role_credentials->expiration;
    };
    CHECK(expiration_of("sso-get-role-credentials") == std::optional<std::int64_t>(1795537123000));
    CHECK(expiration_of("sso-get-role-credentials-expiration-beyond-2-53") ==
          std::optional<std::int64_t>(9007199254740993));
    CHECK(expiration_of("sso-get-role-credentials-expiration-int64-max") ==
          std::optional<std::int64_t>(9223372036854775807));
}

TEST_CASE("SSO answers are written as the portal writes them", "[wire][sso]") {
    const auto expected = canonical_answer().at("parsed").get<sso::GetRoleCredentialsResponse>();
    const awsauth::http_response answer = awsauth::to_http_response(expected);
    CHECK(answer.status == 200);
    CHECK(answer.headers == headers_t{{"x-amzn-RequestId", canonical_answer().at("headers").at("x-amzn-RequestId")},
                                      {"Content-Type", "application/json"}});
    // Byte for byte the captured body: model order, compact, the expiration as its exact digits.
    CHECK(answer.body == canonical_answer().at("body").get<std::string>());
    auto read = awsauth::from_http_response<sso::GetRoleCredentialsResponse>(answer);
    read.response_metadata = expected.response_metadata;
    CHECK(read == expected);

    // Every captured answer that reads, written and read back.
    for (const auto& [stem, capture] : captures("responses")) {
        if (!capture.contains("parsed")) continue;
        INFO(stem);
        with_operation(capture.at("operation").get<std::string>(), [&, &capture = capture](auto, auto output_tag) {
            using Response = typename decltype(output_tag)::type;
            const auto output = capture.at("parsed").get<Response>();
            const auto written = awsauth::to_http_response(output);
            auto back = awsauth::from_http_response<Response>(written);
            back.response_metadata = output.response_metadata;
            CHECK(back == output);
        });
    }

    // Logout is answered with no body and no Content-Type, as the portal answers it.
    const auto logout = awsauth::to_http_response(sso::LogoutResponse{});
    CHECK(logout.status == 200);
    CHECK(logout.headers.empty());
    CHECK(logout.body.empty());
    CHECK(awsauth::from_http_response<sso::LogoutResponse>(logout).response_metadata->http_status_code == 200);
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

TEST_CASE("SSO errors read as botocore read them", "[wire][sso]") {
    const auto errors = captures("errors");
    REQUIRE(errors.size() == 9);
    for (const auto& [stem, capture] : errors) {
        INFO(stem);
        const auto failure = service_error_from<sso::GetRoleCredentialsResponse>(captured_response(capture));
        const auto& botocore = capture.at("botocore_error");
        CHECK(failure.code() == botocore.at("Code").get<std::string>());
        CHECK(failure.message() == botocore.at("Message").get<std::string>());
        const auto& request_id = capture.at("request_id");
        CHECK(failure.request_id() == (request_id.is_null() ? std::string() : request_id.get<std::string>()));
        CHECK(failure.http_status() == capture.at("status").get<int>());
        bool modeled = false;
        sso::for_each_error([&](std::string_view code, auto) { modeled = modeled || code == failure.code(); });
        CHECK(modeled == (capture.at("exception") != "ClientError"));
    }
}

TEST_CASE("every SSO error shape is written as the portal sends it, and reads back", "[wire][sso]") {
    std::set<std::string> written;
    sso::for_each_error([&](std::string_view code, auto tag) {
        using shape = typename decltype(tag)::type;
        INFO(code);
        shape error{};
        error.message = "Session token not found or invalid";
        const awsauth::http_response answer = awsauth::to_http_error(error, "req-1");
        CHECK(answer.status == shape::http_status_code);
        CHECK(answer.headers == headers_t{{"x-amzn-RequestId", "req-1"},
                                          {"x-amzn-ErrorType", std::string(code)},
                                          {"Content-Type", "application/json"}});
        CHECK(answer.body == R"({"message":"Session token not found or invalid"})");
        const auto failure = service_error_from<sso::GetRoleCredentialsResponse>(answer);
        CHECK(failure.code() == code);
        CHECK(failure.message() == "Session token not found or invalid");
        CHECK(failure.request_id() == "req-1");
        CHECK(failure.http_status() == shape::http_status_code);
        written.insert(std::string(code));
    });
    CHECK(written == std::set<std::string>{"InvalidRequestException", "ResourceNotFoundException",
                                           "TooManyRequestsException", "UnauthorizedException"});
}
