// tests/wire/unit-wire-rest-json.cpp: restJson1 (EKS Auth) in all four directions against what botocore 1.43.11
// sent and made of answers (tests/data/protocol: requests/, responses/ and errors/ eks-auth-*.json), the URI,
// query-string and header bindings on structs of this file, and every error path of detail/wire_rest_json.hpp.
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
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace eks_auth = awsauth::eks_auth;
namespace fs = std::filesystem;
using awsauth::error_kind;
using awsauth_test::headers_t;
using PodIdentityRequest = eks_auth::AssumeRoleForPodIdentityRequest;
using PodIdentityResponse = eks_auth::AssumeRoleForPodIdentityResponse;

// ---------------------------------------------------------------------------------------------------------------
// Structs of this file with members bound to the query string and headers, which no EKS Auth member is (SSO's
// GetRoleCredentials will be: role_name and account_id in the query, the access token in a header).
namespace local {

struct ListThingsRequest {
    std::string bucket{};
    std::string role_name{};
    std::optional<std::int32_t> max_results{};
    std::vector<std::string> tags{};
    std::string access_token{};
    std::optional<std::int32_t> page_size{};
    std::optional<std::string> note{};
    std::optional<awsauth::timestamp> not_before{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<ListThingsRequest>) noexcept {
    return awsauth::field_list{
        awsauth::field{"bucket", &ListThingsRequest::bucket, awsauth::in_uri("Bucket")},
        awsauth::field{"roleName", &ListThingsRequest::role_name, awsauth::in_query("role_name")},
        awsauth::field{"maxResults", &ListThingsRequest::max_results, awsauth::in_query("max results")},
        awsauth::field{"tags", &ListThingsRequest::tags, awsauth::in_query("tag")},
        awsauth::field{"accessToken", &ListThingsRequest::access_token, awsauth::visibility::secret,
                       awsauth::in_header("x-amz-sso_bearer_token")},
        awsauth::field{"pageSize", &ListThingsRequest::page_size, awsauth::in_header("x-page-size")},
        awsauth::field{"note", &ListThingsRequest::note},
        awsauth::field{"notBefore", &ListThingsRequest::not_before}};
}

// Nothing in the body: botocore sends no body and no Content-Type then.
struct GetThingRequest {
    std::optional<std::string> id{};
    std::optional<std::string> version{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<GetThingRequest>) noexcept {
    return awsauth::field_list{awsauth::field{"id", &GetThingRequest::id, awsauth::in_uri("Id")},
                               awsauth::field{"version", &GetThingRequest::version, awsauth::in_header("x-version")}};
}

// An output with a member bound to a header.
struct GetThingResponse {
    std::string name{};
    std::optional<std::string> etag{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<GetThingResponse>) noexcept {
    return awsauth::field_list{awsauth::field{"name", &GetThingResponse::name},
                               awsauth::field{"etag", &GetThingResponse::etag, awsauth::in_header("ETag")}};
}

inline constexpr awsauth::service_description service{"local", awsauth::protocol::rest_json, "2024-01-01", ""};
inline constexpr awsauth::operation_description list_things{&service, "ListThings", "GET", "/things/{Bucket}/list", 200,
                                                            ""};
// A request URI with a query string of its own, as some models have.
inline constexpr awsauth::operation_description list_things_v2{
    &service, "ListThingsV2", "GET", "/things/{Bucket}/list?x-id=ListThingsV2", 200, ""};
inline constexpr awsauth::operation_description unbound_label{&service, "Unbound", "GET", "/things/{Nothing}", 200, ""};
inline constexpr awsauth::operation_description get_thing{&service, "GetThing", "GET", "/things/{Id}", 200, ""};

}  // namespace local

namespace {

std::map<std::string, nlohmann::json> captures(const std::string& folder) {
    return awsauth_test::captures(folder, "eks-auth-");
}

using awsauth_test::captured_request;
using awsauth_test::captured_response;

// The secrets of the captures: the pod token sent, the credentials answered. No error message may hold 8 bytes of
// any of them.
const awsauth_test::secret_runs& capture_secrets() {
    static const awsauth_test::secret_runs secrets = [] {
        awsauth_test::secret_runs runs;
        for (const auto& [stem, capture] : captures("requests"))
            runs.add(capture.at("params").at("token").get<std::string>());
        const auto answer = captures("responses").at("eks-auth-assume-role-for-pod-identity");
        for (const auto& [key, value] : answer.at("parsed").at("credentials").items()) {
            if (key != "expiration") runs.add(value.get<std::string>());
        }
        return runs;
    }();
    return secrets;
}

void check_no_secret(const std::string& message) {
    INFO(message);
    CHECK(capture_secrets().leaked_in(message) == nullptr);
}

template <class Function>
awsauth::error error_from(Function&& function) {
    try {
        function();
    } catch (const awsauth::error& failure) {
        check_no_secret(failure.what());
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
awsauth::service_error service_error_from(const awsauth::http_response& response,
                                          const awsauth::parse_options& options = {}) {
    try {
        (void)awsauth::from_http_response<Response>(response, options);
    } catch (const awsauth::service_error& failure) {
        check_no_secret(failure.what());
        return failure;
    }
    FAIL("no awsauth::service_error was thrown");
    throw std::logic_error("unreachable");
}

const std::string& pod_token() {
    static const std::string token = captures("requests")
                                         .at("eks-auth-assume-role-for-pod-identity-minimal")
                                         .at("params")
                                         .at("token")
                                         .get<std::string>();
    return token;
}

PodIdentityRequest pod_request(std::string cluster_name = "my-cluster") {
    PodIdentityRequest request{};
    request.cluster_name = std::move(cluster_name);
    request.token = pod_token();
    return request;
}

awsauth::http_request pod_http_request(std::string path, std::string body) {
    return {"POST", std::move(path), {{"Content-Type", "application/json"}}, std::move(body)};
}

const std::string pod_path = "/clusters/my-cluster/assume-role-for-pod-identity";

const nlohmann::json& canonical_answer() {
    static const nlohmann::json answer = captures("responses").at("eks-auth-assume-role-for-pod-identity");
    return answer;
}

std::size_t count_headers(const headers_t& headers, const std::string& name) {
    return static_cast<std::size_t>(std::count_if(headers.begin(), headers.end(), [&](const auto& header) {
        return awsauth::detail::equal_ignoring_case(header.first, name);
    }));
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Requests

TEST_CASE("EKS Auth requests are what botocore sends, and read back to its params", "[wire][rest_json]") {
    const auto requests = captures("requests");
    REQUIRE(requests.size() == 6);
    for (const auto& [stem, capture] : requests) {
        INFO(stem);
        const auto request = capture.at("params").get<PodIdentityRequest>();
        const awsauth::http_request sent = captured_request(capture);
        if (request.cluster_name.empty()) {
            // botocore sends `/clusters//...` only with its validation off; the path is not this operation's URI.
            CHECK(capture.at("parameter_validation") == false);
            check_error([&] { (void)awsauth::to_http_request(request); }, error_kind::constraint_violated,
                        "/clusterName",
                        "an empty string cannot fill a label of the request URI (it would be an empty path segment)");
            CHECK_FALSE(awsauth::is_request_for<PodIdentityRequest>(sent));
            check_error([&] { (void)awsauth::from_http_request<PodIdentityRequest>(sent); },
                        error_kind::constraint_violated, "/clusterName",
                        "an empty string cannot fill a label of the request URI (it would be an empty path segment)");
            continue;
        }
        const awsauth::http_request written = awsauth::to_http_request(request);
        CHECK(written.method == sent.method);
        CHECK(written.path == sent.path);
        CHECK(written.headers == sent.headers);
        // botocore writes `", "` separators and \u escapes, we write compact UTF-8: the same JSON value.
        CHECK(nlohmann::json::parse(written.body) == nlohmann::json::parse(sent.body));

        CHECK(awsauth::is_request_for<PodIdentityRequest>(sent));
        CHECK(awsauth::from_http_request<PodIdentityRequest>(sent) == request);
    }
}

TEST_CASE("the exact bytes of an EKS Auth request", "[wire][rest_json]") {
    PodIdentityRequest request = pod_request("my cluster/é");
    request.token = "x x+x&x=x/x~x*x'x(x)x!x%xéx日本x\nx\"x\\x";
    const awsauth::http_request written = awsauth::to_http_request(request);
    CHECK(written.method == "POST");
    CHECK(written.path == "/clusters/my%20cluster%2F%C3%A9/assume-role-for-pod-identity");
    CHECK(written.headers == headers_t{{"Content-Type", "application/json"}});
    CHECK(written.body == "{\"token\":\"x x+x&x=x/x~x*x'x(x)x!x%xéx日本x\\nx\\\"x\\\\x\"}");
    CHECK(awsauth::from_http_request<PodIdentityRequest>(written) == request);
}

TEST_CASE("the 2026 EKS Auth members travel in the body when set", "[wire][rest_json]") {
    PodIdentityRequest request = pod_request();
    request.eks_node_name = "ip-10-0-1-23.ec2.internal";
    request.instance_id = "i-0123456789abcdef0";
    request.zone = "use1-az1";
    const awsauth::http_request written = awsauth::to_http_request(request);
    CHECK(written.path == pod_path);
    const nlohmann::json expected{{"token", pod_token()},
                                  {"eksNodeName", "ip-10-0-1-23.ec2.internal"},
                                  {"instanceId", "i-0123456789abcdef0"},
                                  {"zone", "use1-az1"}};
    CHECK(nlohmann::json::parse(written.body) == expected);
    // In model order, clusterName nowhere in the body.
    CHECK(written.body.find("clusterName") == std::string::npos);
    CHECK(written.body.rfind("{\"token\":", 0) == 0);
    CHECK(awsauth::from_http_request<PodIdentityRequest>(written) == request);

    request.zone.reset();
    CHECK(nlohmann::json::parse(awsauth::to_http_request(request).body).count("zone") == 0);
}

TEST_CASE("a server reads EKS Auth requests leniently where servers are", "[wire][rest_json]") {
    // Lower-case hex, raw characters that need no escaping, a query string, header names in any case.
    auto received = pod_http_request("/clusters/my%20cluster%2f%c3%a9~!*/assume-role-for-pod-identity?x=1",
                                     "{\"token\":\"" + pod_token() + "\"}");
    CHECK(awsauth::is_request_for<PodIdentityRequest>(received));
    const auto request = awsauth::from_http_request<PodIdentityRequest>(received);
    CHECK(request.cluster_name == "my cluster/é~!*");
    CHECK(request.token == pod_token());
    // `+` in a path is a plus sign.
    received.path = "/clusters/a+b/assume-role-for-pod-identity";
    CHECK(awsauth::from_http_request<PodIdentityRequest>(received).cluster_name == "a+b");
    // clusterName in the body is not this member: the URI's value stands, the key is an unknown one.
    received.body = "{\"clusterName\":\"other\",\"token\":\"" + pod_token() + "\"}";
    CHECK(awsauth::from_http_request<PodIdentityRequest>(received).cluster_name == "a+b");
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    check_error([&] { (void)awsauth::from_http_request<PodIdentityRequest>(received, strict); },
                error_kind::unknown_member, "/clusterName", "unknown member");
}

TEST_CASE("a request that is not this operation's, or is malformed, is an awsauth::error", "[wire][rest_json]") {
    const std::string body = "{\"token\":\"" + pod_token() + "\"}";
    const auto read = [](const awsauth::http_request& request, const awsauth::parse_options& options = {}) {
        return [request, options] { (void)awsauth::from_http_request<PodIdentityRequest>(request, options); };
    };
    const std::string other_uri =
        "the request's path does not match AssumeRoleForPodIdentity's request URI "
        "(/clusters/{clusterName}/assume-role-for-pod-identity)";

    awsauth::http_request get = pod_http_request(pod_path, body);
    get.method = "GET";
    CHECK_FALSE(awsauth::is_request_for<PodIdentityRequest>(get));
    check_error(read(get), error_kind::invalid_json, "",
                "the request's method is not AssumeRoleForPodIdentity's (POST)");

    for (const std::string path :
         {"/clusters/my-cluster/assume-role-for-pod-identity/", "/clusters/my-cluster",
          "/clusters/a/b/assume-role-for-pod-identity", "/", "", "/clusters/my-cluster/assume-role-for-pod-identities",
          "/Clusters/my-cluster/assume-role-for-pod-identity"}) {
        INFO(path);
        const auto request = pod_http_request(path, body);
        CHECK_FALSE(awsauth::is_request_for<PodIdentityRequest>(request));
        check_error(read(request), error_kind::invalid_json, "", other_uri);
    }

    for (const std::string segment : {"a%2", "a%", "%zz", "a%2g"}) {
        INFO(segment);
        const auto request = pod_http_request("/clusters/" + segment + "/assume-role-for-pod-identity", body);
        CHECK(awsauth::is_request_for<PodIdentityRequest>(request));  // the path matches; its label is unreadable
        check_error(read(request), error_kind::invalid_json, "/clusterName",
                    "malformed percent-encoding in the request URI");
    }
    check_error(read(pod_http_request("/clusters/a%FFb/assume-role-for-pod-identity", body)), error_kind::invalid_utf8,
                "/clusterName", "string is not valid UTF-8");

    // The body by awsauth::parse's rules: an empty body is an empty object; its errors, paths and limits.
    check_error(read(pod_http_request(pod_path, "")), error_kind::missing_member, "/token", "missing required member");
    check_error(read(pod_http_request(pod_path, "{}")), error_kind::missing_member, "/token",
                "missing required member");
    check_error(read(pod_http_request(pod_path, "{\"token\":7}")), error_kind::wrong_type, "/token",
                "expected a string, got an integer");
    check_error(read(pod_http_request(pod_path, "token=" + pod_token())), error_kind::invalid_json, "",
                "invalid JSON (byte 2): parse error at line 1, column 2: syntax error while parsing value - invalid "
                "literal");
    const std::string at_end = std::to_string(body.size() - 2);
    check_error(read(pod_http_request(pod_path, body.substr(0, body.size() - 3))), error_kind::invalid_json, "",
                "invalid JSON (byte " + at_end + "): parse error at line 1, column " + at_end +
                    ": syntax error while parsing value - invalid string: missing closing quote");
    awsauth::parse_options small;
    small.max_document_size = 16;
    check_error(
        read(pod_http_request(pod_path, body), small), error_kind::limit_exceeded, "",
        "the document is " + std::to_string(body.size()) + " bytes, more than parse_options::max_document_size (16)");
    awsauth::parse_options shallow;
    shallow.max_depth = 1;
    check_error(read(pod_http_request(pod_path, "{\"token\":\"t\",\"extra\":[]}"), shallow), error_kind::limit_exceeded,
                "", "the document nests objects and arrays deeper than parse_options::max_depth (1)");
}

TEST_CASE("a member bound to the URI must fill its label", "[wire][rest_json]") {
    PodIdentityRequest request = pod_request("a\xFF");
    check_error([&] { (void)awsauth::to_http_request(request); }, error_kind::invalid_utf8, "/clusterName",
                "string is not valid UTF-8");
    request.cluster_name = "ok";
    request.token = "bad\xC3";
    check_error([&] { (void)awsauth::to_http_request(request); }, error_kind::invalid_utf8, "/token",
                "string is not valid UTF-8");

    local::GetThingRequest thing{};
    check_error([&] { (void)awsauth::detail::write_rest_json_request(thing, local::get_thing); },
                error_kind::missing_member, "/id", "missing required member (the request URI needs it)");
    check_error(
        [&] { (void)awsauth::detail::write_rest_json_request(local::ListThingsRequest{}, local::unbound_label); },
        error_kind::missing_member, "", "no member is bound to the label {Nothing} of the request URI");
}

// ---------------------------------------------------------------------------------------------------------------
// The query string and headers, on the structs of this file.

TEST_CASE("members bound to the query string and headers travel there", "[wire][rest_json]") {
    local::ListThingsRequest request{};
    request.bucket = "a/b c";
    request.role_name = "Admin Role+é";
    request.max_results = -5;
    request.tags = {"t1", "t&2", ""};
    request.access_token = "token-value";
    request.page_size = 7;
    const awsauth::http_request written = awsauth::detail::write_rest_json_request(request, local::list_things);
    CHECK(written.method == "GET");
    CHECK(written.path ==
          "/things/a%2Fb%20c/list?role_name=Admin%20Role%2B%C3%A9&max%20results=-5&tag=t1&tag=t%262&tag=");
    CHECK(written.headers == headers_t{{"x-amz-sso_bearer_token", "token-value"},
                                       {"x-page-size", "7"},
                                       {"Content-Type", "application/json"}});
    CHECK(written.body == "{}");  // body members, none set: an empty object, as botocore sends
    CHECK(awsauth::detail::rest_json_request_is_for(written, local::list_things));
    CHECK(awsauth::fields_equal(
        awsauth::detail::read_rest_json_request<local::ListThingsRequest>(written, local::list_things, {}), request));

    request.note = "n";
    request.not_before = awsauth::parse_timestamp("2026-11-24T16:18:43.25Z");
    request.max_results.reset();
    request.tags.clear();
    request.page_size.reset();
    const auto smaller = awsauth::detail::write_rest_json_request(request, local::list_things);
    CHECK(smaller.path == "/things/a%2Fb%20c/list?role_name=Admin%20Role%2B%C3%A9");
    CHECK(smaller.headers ==
          headers_t{{"x-amz-sso_bearer_token", "token-value"}, {"Content-Type", "application/json"}});
    CHECK(smaller.body == "{\"note\":\"n\",\"notBefore\":1795537123.25}");  // restJson1: epoch seconds
    CHECK(awsauth::fields_equal(
        awsauth::detail::read_rest_json_request<local::ListThingsRequest>(smaller, local::list_things, {}), request));

    // After the request URI's own query string, `&`; reading matches the path alone.
    const auto v2 = awsauth::detail::write_rest_json_request(request, local::list_things_v2);
    CHECK(v2.path == "/things/a%2Fb%20c/list?x-id=ListThingsV2&role_name=Admin%20Role%2B%C3%A9");
    CHECK(awsauth::fields_equal(
        awsauth::detail::read_rest_json_request<local::ListThingsRequest>(v2, local::list_things_v2, {}), request));
}

TEST_CASE("the query string and headers are read leniently", "[wire][rest_json]") {
    const awsauth::http_request received{"GET",
                                         "/things/b/list?X-Amz-Signature=%zz&tag=a+b&role_name=first&max+results=3&"
                                         "role_name=r%c3%a9&tag=%41&flag&=x&&tag",
                                         {{"X-AMZ-SSO_BEARER_TOKEN", "tok"}, {"X-Page-Size", "-12"}},
                                         ""};
    const auto request =
        awsauth::detail::read_rest_json_request<local::ListThingsRequest>(received, local::list_things, {});
    CHECK(request.bucket == "b");
    CHECK(request.role_name == "ré");  // a repeated parameter: the last one
    CHECK(request.max_results == 3);
    CHECK(request.tags == std::vector<std::string>{"a b", "A", ""});
    CHECK(request.access_token == "tok");
    CHECK(request.page_size == -12);
    CHECK_FALSE(request.note);
}

TEST_CASE("members bound to the query string and headers have their errors", "[wire][rest_json]") {
    const auto read = [](std::string path, headers_t headers) {
        return [path = std::move(path), headers = std::move(headers)] {
            (void)awsauth::detail::read_rest_json_request<local::ListThingsRequest>({"GET", path, headers, "{}"},
                                                                                    local::list_things, {});
        };
    };
    const headers_t token{{"x-amz-sso_bearer_token", "tok"}};
    check_error(read("/things/b/list", token), error_kind::missing_member, "/roleName",
                "missing required member (no query parameter role_name)");
    check_error(read("/things/b/list?role_name=r", {}), error_kind::missing_member, "/accessToken",
                "missing required member (no header x-amz-sso_bearer_token)");
    check_error(read("/things/b/list?role_name=%4", token), error_kind::invalid_json, "/roleName",
                "malformed percent-encoding in the query string");
    check_error(read("/things/b/list?role_name=%FE", token), error_kind::invalid_utf8, "/roleName",
                "string is not valid UTF-8");
    for (const std::string bad : {"", "x", "1x", "+1", "1.5", "%201"}) {
        INFO(bad);
        check_error(read("/things/b/list?role_name=r&max%20results=" + bad, token), error_kind::wrong_type,
                    "/maxResults", "expected an integer");
    }
    check_error(read("/things/b/list?role_name=r&max%20results=2147483648", token), error_kind::out_of_range,
                "/maxResults", "integer out of range for a 32-bit signed integer");
    check_error(read("/things/b/list?role_name=r&max%20results=-2147483649", token), error_kind::out_of_range,
                "/maxResults", "integer out of range for a 32-bit signed integer");
    check_error(read("/things/b/list?role_name=r", {{"x-amz-sso_bearer_token", "tok"}, {"x-page-size", "many"}}),
                error_kind::wrong_type, "/pageSize", "expected an integer");
    check_error(read("/things/b/list?role_name=r", {{"x-amz-sso_bearer_token", "t\xC0k"}}), error_kind::invalid_utf8,
                "/accessToken", "string is not valid UTF-8");

    // Writing: a header value cannot end its header; every value is UTF-8.
    local::ListThingsRequest request{};
    request.bucket = "b";
    request.role_name = "r";
    for (const std::string& bad : {std::string("a\r\nX-Injected: 1"), std::string("a\nb"), std::string("a\0b", 3)}) {
        request.access_token = bad;
        check_error([&] { (void)awsauth::detail::write_rest_json_request(request, local::list_things); },
                    error_kind::constraint_violated, "/accessToken", "a header value cannot hold CR, LF or NUL");
    }
    request.access_token = "\xE2\x82";
    check_error([&] { (void)awsauth::detail::write_rest_json_request(request, local::list_things); },
                error_kind::invalid_utf8, "/accessToken", "string is not valid UTF-8");
    request.access_token = "tok";
    request.tags = {"ok", "\xFF"};
    check_error([&] { (void)awsauth::detail::write_rest_json_request(request, local::list_things); },
                error_kind::invalid_utf8, "/tags", "string is not valid UTF-8");
    request.tags.clear();
    request.bucket.clear();
    check_error([&] { (void)awsauth::detail::write_rest_json_request(request, local::list_things); },
                error_kind::constraint_violated, "/bucket",
                "an empty string cannot fill a label of the request URI (it would be an empty path segment)");
}

TEST_CASE("an input without body members sends no body and no Content-Type", "[wire][rest_json]") {
    local::GetThingRequest request{};
    request.id = "x y";
    request.version = "3";
    const auto written = awsauth::detail::write_rest_json_request(request, local::get_thing);
    CHECK(written.path == "/things/x%20y");
    CHECK(written.headers == headers_t{{"x-version", "3"}});
    CHECK(written.body.empty());
    // Whatever body comes, it is not read.
    auto received = written;
    received.body = "not JSON";
    CHECK(awsauth::fields_equal(
        awsauth::detail::read_rest_json_request<local::GetThingRequest>(received, local::get_thing, {}), request));
    received.headers.clear();
    CHECK_FALSE(
        awsauth::detail::read_rest_json_request<local::GetThingRequest>(received, local::get_thing, {}).version);
}

TEST_CASE("an output's members bound to headers are written and read there", "[wire][rest_json]") {
    local::GetThingResponse response{"thing", "\"v1\""};
    const auto answer = awsauth::detail::write_rest_json_response(response, local::get_thing);
    CHECK(answer.status == 200);
    CHECK(answer.headers == headers_t{{"ETag", "\"v1\""}, {"Content-Type", "application/json"}});
    CHECK(answer.body == "{\"name\":\"thing\"}");
    CHECK(awsauth::fields_equal(
        awsauth::detail::read_rest_json_response<local::GetThingResponse>(answer, local::get_thing, {}), response));
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

TEST_CASE("EKS Auth answers read as botocore read them, or as an awsauth::error", "[wire][rest_json]") {
    struct expected_error {
        error_kind kind;
        std::string path;
        std::string problem;
    };
    // botocore returns an empty result for a 2xx whose body is not JSON, raises a TypeError or AttributeError of its
    // own for `null` and `[]`, and does not notice a missing required member; here each is an awsauth::error.
    const std::map<std::string, expected_error> errors{
        {"eks-auth-assume-role-for-pod-identity-array-body",
         {error_kind::wrong_type, "", "expected an object, got array"}},
        {"eks-auth-assume-role-for-pod-identity-null-body",
         {error_kind::wrong_type, "", "expected an object, got null"}},
        {"eks-auth-assume-role-for-pod-identity-empty-body",
         {error_kind::invalid_json, "",
          "invalid JSON (byte 1): parse error at line 1, column 1: syntax error while parsing value - unexpected end "
          "of input; expected '[', '{', or a literal"}},
        {"eks-auth-assume-role-for-pod-identity-not-json",
         {error_kind::invalid_json, "",
          "invalid JSON (byte 1): parse error at line 1, column 1: syntax error while parsing value - invalid "
          "literal"}},
        {"eks-auth-assume-role-for-pod-identity-missing-credentials",
         {error_kind::missing_member, "/credentials", "missing required member"}},
        // botocore takes a string of digits for epoch seconds; awsauth's timestamp reader takes numbers or ISO 8601.
        {"eks-auth-assume-role-for-pod-identity-expiration-numeric-string",
         {error_kind::invalid_timestamp, "/credentials/expiration", "invalid timestamp: year must be 4 digits"}},
    };
    const auto responses = captures("responses");
    REQUIRE(responses.size() == 11);
    std::size_t compared = 0;
    for (const auto& [stem, capture] : responses) {
        INFO(stem);
        const awsauth::http_response received = captured_response(capture);
        const auto error = errors.find(stem);
        if (error != errors.end()) {
            check_error([&] { (void)awsauth::from_http_response<PodIdentityResponse>(received); }, error->second.kind,
                        error->second.path, error->second.problem);
            continue;
        }
        const auto expected = capture.at("parsed").get<PodIdentityResponse>();
        const auto read = awsauth::from_http_response<PodIdentityResponse>(received);
        CHECK(read == expected);
        REQUIRE(read.response_metadata);
        CHECK(read.response_metadata->request_id == capture.at("headers").at("x-amzn-RequestId"));
        ++compared;
    }
    CHECK(compared == responses.size() - errors.size());
}

TEST_CASE("an EKS Auth answer's request id, limits and unknown members", "[wire][rest_json]") {
    awsauth::http_response received = captured_response(canonical_answer());
    // Header names in any case; without x-amzn-RequestId, botocore's REST parsers take x-amz-request-id and
    // x-amz-id-2 as the HostId.
    received.headers = {{"X-AMZN-REQUESTID", "req-1"}, {"Content-Type", "application/json"}};
    CHECK(awsauth::from_http_response<PodIdentityResponse>(received).response_metadata->request_id == "req-1");
    received.headers = {{"x-amz-request-id", "req-2"}, {"x-amz-id-2", "host-2"}};
    auto read = awsauth::from_http_response<PodIdentityResponse>(received);
    CHECK(read.response_metadata->request_id == "req-2");
    CHECK(read.response_metadata->host_id == "host-2");
    received.headers = {{"x-amz-request-id", "req-3"}};
    CHECK(awsauth::from_http_response<PodIdentityResponse>(received).response_metadata->host_id == "");
    received.headers = {};
    read = awsauth::from_http_response<PodIdentityResponse>(received);
    CHECK(read.response_metadata->request_id.empty());
    CHECK_FALSE(read.response_metadata->host_id);
    CHECK(read.response_metadata->http_status_code == 200);

    // Any 2xx is a success.
    received.status = 201;
    CHECK(awsauth::from_http_response<PodIdentityResponse>(received).response_metadata->http_status_code == 201);
    received.status = 200;

    // ResponseMetadata in a body is not the output's: an unknown member, never read.
    std::string body = received.body;
    received.body = "{\"ResponseMetadata\":{\"RequestId\":7}," + body.substr(1);
    CHECK(awsauth::from_http_response<PodIdentityResponse>(received).response_metadata->request_id.empty());
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    check_error([&] { (void)awsauth::from_http_response<PodIdentityResponse>(received, strict); },
                error_kind::unknown_member, "/ResponseMetadata", "unknown member");

    received.body = body;
    awsauth::parse_options small;
    small.max_document_size = 100;
    check_error(
        [&] { (void)awsauth::from_http_response<PodIdentityResponse>(received, small); }, error_kind::limit_exceeded,
        "",
        "the document is " + std::to_string(body.size()) + " bytes, more than parse_options::max_document_size (100)");
    awsauth::parse_options shallow;
    shallow.max_depth = 1;
    check_error([&] { (void)awsauth::from_http_response<PodIdentityResponse>(received, shallow); },
                error_kind::limit_exceeded, "",
                "the document nests objects and arrays deeper than parse_options::max_depth (1)");

    // A broken credential: the path, never the value.
    const std::string token = canonical_answer().at("parsed").at("credentials").at("sessionToken");
    std::string broken = body;
    broken.replace(broken.find(token), token.size(), token.substr(0, 40) + "\\x" + token.substr(40));
    received.body = broken;
    const auto failure = error_from([&] { (void)awsauth::from_http_response<PodIdentityResponse>(received); });
    CHECK(to_string(failure.kind()) == "invalid_json");
    received.body = body;
    const std::string expiration = "\"expiration\":1795537123";
    broken = body;
    broken.replace(broken.find(expiration), expiration.size(), "\"expiration\":\"soon\"");
    received.body = broken;
    check_error([&] { (void)awsauth::from_http_response<PodIdentityResponse>(received); },
                error_kind::invalid_timestamp, "/credentials/expiration", "invalid timestamp: year must be 4 digits");
}

TEST_CASE("EKS Auth answers are written as the service writes them", "[wire][rest_json]") {
    const auto expected = canonical_answer().at("parsed").get<PodIdentityResponse>();
    const awsauth::http_response answer = awsauth::to_http_response(expected);
    CHECK(answer.status == 200);
    CHECK(answer.headers == headers_t{{"x-amzn-RequestId", "18374bf2-f288-488a-a364-18b99abfe39f"},
                                      {"Content-Type", "application/json"}});
    // Byte for byte the captured body: model order, compact, epoch seconds, no ResponseMetadata.
    CHECK(answer.body == canonical_answer().at("body").get<std::string>());
    CHECK(answer.body.find("ResponseMetadata") == std::string::npos);

    // Read back, it is the same output (ResponseMetadata from this answer's own headers).
    auto read = awsauth::from_http_response<PodIdentityResponse>(answer);
    CHECK(read.response_metadata->request_id == expected.response_metadata->request_id);
    read.response_metadata = expected.response_metadata;
    CHECK(read == expected);

    // Every captured answer that reads, written and read back.
    for (const auto& [stem, capture] : captures("responses")) {
        if (!capture.contains("parsed") || !capture.at("parsed").contains("credentials")) continue;
        INFO(stem);
        const auto output = capture.at("parsed").get<PodIdentityResponse>();
        const auto written = awsauth::to_http_response(output);
        CHECK(count_headers(written.headers, "content-type") == 1);
        const auto body = nlohmann::json::parse(written.body);
        CHECK(body.at("credentials").at("expiration").is_number());
        auto back = awsauth::from_http_response<PodIdentityResponse>(written);
        back.response_metadata = output.response_metadata;
        CHECK(back == output);
    }

    // A fraction of a second is a decimal; no request id, no header.
    auto fraction = expected;
    fraction.credentials.expiration += std::chrono::milliseconds(250);
    fraction.response_metadata.reset();
    const auto written = awsauth::to_http_response(fraction);
    CHECK(written.headers == headers_t{{"Content-Type", "application/json"}});
    CHECK(written.body.find("\"expiration\":1795537123.25}") != std::string::npos);
}

TEST_CASE("writing an EKS Auth answer refuses what cannot be sent", "[wire][rest_json]") {
    auto output = canonical_answer().at("parsed").get<PodIdentityResponse>();
    output.response_metadata->request_id = "id\r\nSet-Cookie: x";
    const auto refused = error_from([&] { (void)awsauth::to_http_response(output); });
    CHECK(to_string(refused.kind()) == "constraint_violated");
    CHECK(refused.path() == "");
    CHECK(refused.problem() == "the request id: a header value cannot hold CR, LF or NUL");
    output.response_metadata->request_id = "r";
    output.credentials.session_token += "\xFF";
    check_error([&] { (void)awsauth::to_http_response(output); }, error_kind::invalid_utf8, "/credentials/sessionToken",
                "string is not valid UTF-8");
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

TEST_CASE("EKS Auth errors read as botocore read them", "[wire][rest_json]") {
    const auto errors = captures("errors");
    REQUIRE(errors.size() == 25);
    for (const auto& [stem, capture] : errors) {
        INFO(stem);
        const auto failure = service_error_from<PodIdentityResponse>(captured_response(capture));
        const auto& botocore = capture.at("botocore_error");
        CHECK(failure.code() == botocore.at("Code").get<std::string>());
        CHECK(failure.message() == botocore.at("Message").get<std::string>());
        const auto& request_id = capture.at("request_id");
        CHECK(failure.request_id() == (request_id.is_null() ? std::string() : request_id.get<std::string>()));
        CHECK(failure.http_status() == capture.at("status").get<int>());
        // A modeled error is one botocore raised as its own class.
        bool modeled = false;
        eks_auth::for_each_error([&](std::string_view code, auto) { modeled = modeled || code == failure.code(); });
        CHECK(modeled == (capture.at("exception") != "ClientError"));
    }
}

TEST_CASE("an error body is read tolerantly: only its code and message keys matter", "[wire][rest_json]") {
    const auto error_of = [](int status, headers_t headers, std::string body, const awsauth::parse_options& options) {
        return awsauth::detail::read_rest_json_error({status, std::move(headers), std::move(body)}, options);
    };
    const auto read = [&](std::string body) { return error_of(400, {}, std::move(body), {}); };
    // Not an object, or the keys' values of other types: as if absent.
    for (const std::string body :
         {"[]", "\"text\"", "null", "7", "{\"code\":5,\"message\":[\"m\"]}",
          "[{\"code\":\"Inner\",\"message\":\"inner\"}]", "{\"nested\":{\"code\":\"Inner\",\"message\":\"inner\"}}"}) {
        INFO(body);
        const auto failure = read(body);
        CHECK(failure.code() == "400");
        CHECK(failure.message().empty());
    }
    // The last of a repeated key; the rest of the body whatever it is.
    auto failure = read("{\"message\":\"first\",\"deep\":[[{\"x\":{}}]],\"message\":\"last\",\"__type\":\"a#B\"}");
    CHECK(failure.code() == "B");
    CHECK(failure.message() == "last");
    // Each source of the code cut the same way.
    CHECK(read("{\"code\":\"ns#Name:extra#x\"}").code() == "Name");
    CHECK(read("{\"Code\":\"Name:http://x#y\"}").code() == "Name");
    CHECK(error_of(429, {{"X-Amzn-ErrorType", "ThrottlingException:"}}, "", {}).code() == "ThrottlingException");
    // A header present but empty is the code, as botocore has it.
    CHECK(error_of(400, {{"x-amzn-ErrorType", ""}}, "{\"code\":\"Body\"}", {}).code() == "");
    // A body that is not JSON is the message, as botocore has it, when it is text.
    CHECK(read("Bad Request").message() == "Bad Request");
    CHECK(read("  ").message() == "  ");
    CHECK(read(std::string("{\"message\":\"m\"}\0", 16)).message() == std::string("{\"message\":\"m\"}\0", 16));
    CHECK(read("not \xFF text").message().empty());
    // The limits apply.
    awsauth::parse_options small;
    small.max_document_size = 8;
    check_error([&] { (void)error_of(400, {}, "{\"message\":\"too long\"}", small); }, error_kind::limit_exceeded, "",
                "the document is 22 bytes, more than parse_options::max_document_size (8)");
    awsauth::parse_options shallow;
    shallow.max_depth = 2;
    check_error([&] { (void)error_of(400, {}, "{\"a\":{\"b\":{}}}", shallow); }, error_kind::limit_exceeded, "",
                "the document nests objects and arrays deeper than parse_options::max_depth (2)");
    CHECK(error_of(400, {}, "{\"a\":{},\"message\":\"m\"}", shallow).message() == "m");
    // A 5xx without a document is the status and its reason phrase, without the request id.
    const auto unavailable = error_of(503, {{"x-amzn-RequestId", "r"}}, "<html>busy</html>", {});
    CHECK(unavailable.code() == "503");
    CHECK(unavailable.message() == "Service Unavailable");
    CHECK(unavailable.request_id().empty());
}

TEST_CASE("every EKS Auth error shape is written as the service sends it, and reads back", "[wire][rest_json]") {
    std::size_t shapes = 0;
    eks_auth::for_each_error([&](std::string_view code, auto tag) {
        using shape = typename decltype(tag)::type;
        INFO(code);
        const awsauth::service_error sent(std::string(code), "Example message for " + std::string(code) + ": é \"q\"",
                                          "req-" + std::to_string(shapes), shape::http_status_code);
        const auto answer = awsauth::detail::write_rest_json_error(eks_auth::service, sent);
        CHECK(answer.status == shape::http_status_code);
        CHECK(answer.headers == headers_t{{"x-amzn-RequestId", "req-" + std::to_string(shapes)},
                                          {"x-amzn-ErrorType", std::string(code)},
                                          {"Content-Type", "application/json"}});
        CHECK(answer.body == "{\"message\":\"Example message for " + std::string(code) + ": é \\\"q\\\"\"}");
        const auto read = service_error_from<PodIdentityResponse>(answer);
        CHECK(read.code() == code);
        CHECK(read.message() == sent.message());
        CHECK(read.request_id() == sent.request_id());
        CHECK(read.http_status() == shape::http_status_code);
        CHECK(read.is<shape>());
        ++shapes;
    });
    CHECK(shapes == 9);
    CHECK(eks_auth::AccessDeniedException::http_status_code == 400);

    // An unmodeled code, no request id, no message.
    const auto answer =
        awsauth::detail::write_rest_json_error(eks_auth::service, {"UnrecognizedClientException", "", "", 403});
    CHECK(answer.headers ==
          headers_t{{"x-amzn-ErrorType", "UnrecognizedClientException"}, {"Content-Type", "application/json"}});
    CHECK(answer.body == "{\"message\":\"\"}");
    const auto read = service_error_from<PodIdentityResponse>(answer);
    CHECK(read.code() == "UnrecognizedClientException");
    CHECK_FALSE(read.is<eks_auth::AccessDeniedException>());
}

TEST_CASE("writing an error answer refuses what cannot be sent", "[wire][rest_json]") {
    const auto write = [](awsauth::service_error failure) {
        return [failure] { (void)awsauth::detail::write_rest_json_error(eks_auth::service, failure); };
    };
    auto refused = error_from(write({"Code\nX: y", "m", "", 400}));
    CHECK(to_string(refused.kind()) == "constraint_violated");
    CHECK(refused.problem() == "the error code: a header value cannot hold CR, LF or NUL");
    refused = error_from(write({"Code", "m", std::string("r\0", 2), 400}));
    CHECK(refused.problem() == "the request id: a header value cannot hold CR, LF or NUL");
    refused = error_from(write({"Code\xFF", "m", "", 400}));
    CHECK(to_string(refused.kind()) == "invalid_utf8");
    CHECK(refused.problem() == "the error code: string is not valid UTF-8");
    check_error(write({"Code", "bad \xC3", "", 400}), error_kind::invalid_utf8, "/message",
                "string is not valid UTF-8");
}

// ---------------------------------------------------------------------------------------------------------------
// What parse.hpp and dump.hpp give the wire codec: a document holding some members, a tolerant look at strings.

namespace local {

struct Inner {
    std::string name{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<Inner>) noexcept {
    return awsauth::field_list{awsauth::field{"name", &Inner::name}};
}

struct Partial {
    std::string held{};
    std::string elsewhere{};
    std::optional<std::string> optional_elsewhere{};
    Inner inner{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<Partial>) noexcept {
    return awsauth::field_list{awsauth::field{"held", &Partial::held}, awsauth::field{"elsewhere", &Partial::elsewhere},
                               awsauth::field{"optionalElsewhere", &Partial::optional_elsewhere},
                               awsauth::field{"inner", &Partial::inner}};
}

}  // namespace local

TEST_CASE("read_members and dump_members take the members a mask names", "[wire][rest_json]") {
    constexpr std::uint64_t held_and_inner = 0b1001;
    local::Partial value{};
    value.elsewhere = "kept";
    value.optional_elsewhere = "kept too";
    awsauth::detail::read_members<held_and_inner>(R"({"held":"h","elsewhere":"body","inner":{"name":"n"}})", value, {});
    CHECK(value.held == "h");
    CHECK(value.inner.name == "n");
    // Outside the mask: not read from the document, not required, not reset.
    CHECK(value.elsewhere == "kept");
    CHECK(value.optional_elsewhere == "kept too");

    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    check_error([&] { awsauth::detail::read_members<held_and_inner>(R"({"elsewhere":"x"})", value, strict); },
                error_kind::unknown_member, "/elsewhere", "unknown member");
    // Inside the mask, the rules are awsauth::parse's, nested structs whole.
    check_error([&] { awsauth::detail::read_members<held_and_inner>(R"({"inner":{"name":"n"}})", value, {}); },
                error_kind::missing_member, "/held", "missing required member");
    check_error([&] { awsauth::detail::read_members<held_and_inner>(R"({"held":"h","inner":{}})", value, {}); },
                error_kind::missing_member, "/inner/name", "missing required member");
    // All members: exactly awsauth::parse.
    check_error(
        [&] {
            awsauth::detail::read_members<awsauth::detail::all_members>(R"({"held":"h","inner":{"name":"n"}})", value,
                                                                        {});
        },
        error_kind::missing_member, "/elsewhere", "missing required member");

    CHECK(awsauth::detail::dump_members<held_and_inner>(value) == R"({"held":"h","inner":{"name":"n"}})");
    CHECK(awsauth::detail::dump_members<0b0110>(value) == R"({"elsewhere":"kept","optionalElsewhere":"kept too"})");
    CHECK(awsauth::detail::dump_members<0>(value) == "{}");
    CHECK(awsauth::detail::dump_members<~std::uint64_t{0}>(value, {2, awsauth::timestamp_format::iso8601}) ==
          awsauth::dump(value, {2, awsauth::timestamp_format::iso8601}));
}

TEST_CASE("read_top_level_strings looks at some string members and nothing else", "[wire][rest_json]") {
    const std::array<std::string_view, 2> keys{"a", "b"};
    std::array<std::optional<std::string>, 2> values{std::string("untouched"), std::nullopt};
    // Not JSON: false, the values as they were.
    for (const std::string text : {"", "{", "{\"a\":\"x\"", "{\"a\":\"x\"} {}", "<html>", "{\"a\":\"\xFF\"}"}) {
        INFO(text);
        CHECK_FALSE(awsauth::detail::read_top_level_strings(text, keys, values, {}));
        CHECK(values[0] == "untouched");
    }
    CHECK_FALSE(awsauth::detail::read_top_level_strings(std::string("{}\0", 3), keys, values, {}));
    CHECK(
        awsauth::detail::read_top_level_strings(R"({"b":"y","c":"z","a":{"a":"inner"},"b":"last"})", keys, values, {}));
    CHECK_FALSE(values[0]);
    CHECK(values[1] == "last");
    CHECK(awsauth::detail::read_top_level_strings(R"(["a","b"])", keys, values, {}));
    CHECK_FALSE(values[0]);
    CHECK_FALSE(values[1]);
}
