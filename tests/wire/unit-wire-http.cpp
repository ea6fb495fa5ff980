// tests/wire/unit-wire-http.cpp: what every protocol of the wire codec shares: service_error, header look-up, the
// botocore rule for a bodiless 5xx, and boto3's ResponseMetadata filled from the HTTP exchange.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <string>

namespace sts = awsauth::sts;

TEST_CASE("a service_error says its code, message, request id and status, and which modeled error it is", "[wire]") {
    const awsauth::service_error failure("IDPCommunicationError", "the IdP did not answer", "req-1", 400);
    CHECK(failure.code() == "IDPCommunicationError");
    CHECK(failure.message() == "the IdP did not answer");
    CHECK(failure.request_id() == "req-1");
    CHECK(failure.http_status() == 400);
    CHECK(std::string(failure.what()) == "IDPCommunicationError: the IdP did not answer");
    // The wire code, not the shape name, is what AWS sends for this shape.
    CHECK(failure.is<sts::IDPCommunicationErrorException>());
    CHECK_FALSE(failure.is<sts::ExpiredTokenException>());
    const awsauth::service_error bare("ExpiredToken", "", "", 400);
    CHECK(std::string(bare.what()) == "ExpiredToken");
    CHECK_FALSE(bare.is<sts::ExpiredTokenException>());  // the unmodeled code STS really sends
}

TEST_CASE("headers are found whatever their case", "[wire]") {
    const std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "text/xml"},
                                                                   {"x-amzn-RequestId", "abc"}};
    REQUIRE(awsauth::detail::find_header(headers, "content-type") != nullptr);
    CHECK(*awsauth::detail::find_header(headers, "content-type") == "text/xml");
    CHECK(*awsauth::detail::find_header(headers, "X-AMZN-REQUESTID") == "abc");
    CHECK(awsauth::detail::find_header(headers, "x-amzn-errortype") == nullptr);
}

TEST_CASE("a 5xx without an error document is its status and reason phrase, as botocore has it", "[wire]") {
    for (const std::string body : {"", "  \n", "<html><body>Service Unavailable</body></html>"}) {
        awsauth::http_response response{503, {}, body};
        const auto failure = awsauth::detail::bodiless_server_error(response);
        REQUIRE(failure);
        CHECK(failure->code() == "503");
        CHECK(failure->message() == "Service Unavailable");
        CHECK(failure->http_status() == 503);
    }
    CHECK_FALSE(awsauth::detail::bodiless_server_error({503, {}, "<ErrorResponse/>"}));
    CHECK_FALSE(awsauth::detail::bodiless_server_error({400, {}, ""}));
    CHECK(awsauth::detail::bodiless_server_error({500, {}, ""})->message() == "Internal Server Error");
}

TEST_CASE("ResponseMetadata is filled as boto3 fills it", "[wire]") {
    sts::GetCallerIdentityResponse response{};
    const awsauth::http_response exchange{200, {{"Content-Type", "text/xml"}, {"X-Amzn-RequestId", "r-1"}}, ""};
    awsauth::detail::fill_response_metadata(response, exchange, "r-1");
    REQUIRE(response.response_metadata);
    CHECK(response.response_metadata->request_id == "r-1");
    CHECK(response.response_metadata->http_status_code == 200);
    CHECK(response.response_metadata->retry_attempts == 0);
    const std::map<std::string, std::string> lower_case{{"content-type", "text/xml"}, {"x-amzn-requestid", "r-1"}};
    CHECK(response.response_metadata->http_headers == lower_case);
    CHECK(awsauth::detail::request_id_of(response) == "r-1");
    CHECK(awsauth::detail::request_id_of(sts::GetCallerIdentityResponse{}).empty());
}

TEST_CASE("the model says each operation's protocol, method, URI and result wrapper", "[wire]") {
    constexpr auto assume_role = awsauth::detail::operation_description_of<sts::AssumeRoleRequest>;
    STATIC_REQUIRE(assume_role.service->wire_protocol == awsauth::protocol::query);
    CHECK(assume_role.name == "AssumeRole");
    CHECK(assume_role.http_method == "POST");
    CHECK(assume_role.request_uri == "/");
    CHECK(assume_role.result_wrapper == "AssumeRoleResult");
    CHECK(assume_role.service->api_version == "2011-06-15");
    CHECK(assume_role.service->xml_namespace == "https://sts.amazonaws.com/doc/2011-06-15/");
    constexpr auto pod_identity =
        awsauth::detail::operation_description_of<awsauth::eks_auth::AssumeRoleForPodIdentityResponse>;
    STATIC_REQUIRE(pod_identity.service->wire_protocol == awsauth::protocol::rest_json);
    CHECK(pod_identity.request_uri == "/clusters/{clusterName}/assume-role-for-pod-identity");
    CHECK(pod_identity.success_status == 200);
    CHECK(pod_identity.result_wrapper.empty());
    CHECK(awsauth::eks_auth::service.name == "eks-auth");
}
