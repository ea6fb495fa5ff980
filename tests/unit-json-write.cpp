// tests/unit-json-write.cpp: the writing rules: model order, absent optionals omitted, timestamp styles, and
// awsauth::dump byte-identical to nlohmann::ordered_json::dump of the same content.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;
using namespace std::chrono_literals;

namespace {

const awsauth::timestamp expiry = date::sys_days{date::year{2026} / 11 / 23} + 16h + 18min + 43s;

sts::Credentials credentials(awsauth::timestamp expiration) {
    return {"ASIAIOSFODNN7EXAMPLE", "secret/key+value", "token==", expiration};
}

}  // namespace

TEST_CASE("members are written in model order and absent optionals are left out", "[write]") {
    sts::AssumeRoleRequest request{};
    request.role_arn = "arn:aws:iam::123456789012:role/demo";
    request.role_session_name = "session";
    request.duration_seconds = 3600;
    request.tags = std::vector<sts::Tag>{{"Project", "Unicorn"}};
    // Model order is RoleArn, RoleSessionName, PolicyArns, Policy, DurationSeconds, Tags, ...
    CHECK(awsauth::dump(request) == R"({"RoleArn":"arn:aws:iam::123456789012:role/demo","RoleSessionName":"session",)"
                                    R"("DurationSeconds":3600,"Tags":[{"Key":"Project","Value":"Unicorn"}]})");

    const nlohmann::ordered_json ordered = request;
    CHECK(ordered.dump() == awsauth::dump(request));
    CHECK_FALSE(ordered.contains("Policy"));  // never null

    const nlohmann::json unordered = request;  // std::map: sorted keys, same content
    CHECK(unordered == nlohmann::json::parse(awsauth::dump(request)));
}

TEST_CASE("an empty structure and empty lists are written, not dropped", "[write]") {
    CHECK(awsauth::dump(sts::GetCallerIdentityRequest{}) == "{}");
    sts::AssumeRoleRequest request{};
    request.policy_arns = std::vector<sts::PolicyDescriptorType>{};
    CHECK(awsauth::dump(request) == R"({"RoleArn":"","RoleSessionName":"","PolicyArns":[]})");
}

TEST_CASE("dump with an indent is ordered_json::dump with that indent", "[write]") {
    sts::GetSessionTokenResponse response{};
    response.credentials = credentials(expiry);
    const nlohmann::ordered_json dom = response;
    for (const int indent : {-1, 0, 2, 4}) {
        awsauth::dump_options options{};
        options.indent = indent;
        CHECK(awsauth::dump(response, options) == dom.dump(indent));
    }
    CHECK(awsauth::dump(response, {2}) == R"({
  "Credentials": {
    "AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
    "SecretAccessKey": "secret/key+value",
    "SessionToken": "token==",
    "Expiration": "2026-11-23T16:18:43+00:00"
  }
})");
}

TEST_CASE("an indented dump nests arrays and objects as Python's json.dumps(indent=4) does", "[write]") {
    sts::AssumeRoleRequest request{};
    request.role_arn = "arn:aws:iam::123456789012:role/demo";
    request.role_session_name = "séance";  // UTF-8 stays as is, as with ensure_ascii=False
    request.policy_arns = std::vector<sts::PolicyDescriptorType>{{std::string("arn:aws:iam::aws:policy/A")}};
    request.transitive_tag_keys = std::vector<std::string>{"Project", "Team"};
    request.tags = std::vector<sts::Tag>{};
    CHECK(awsauth::dump(request, {4}) == R"({
    "RoleArn": "arn:aws:iam::123456789012:role/demo",
    "RoleSessionName": "séance",
    "PolicyArns": [
        {
            "arn": "arn:aws:iam::aws:policy/A"
        }
    ],
    "Tags": [],
    "TransitiveTagKeys": [
        "Project",
        "Team"
    ]
})");
}

TEST_CASE("timestamps are written in the chosen style", "[write]") {
    sts::GetSessionTokenResponse response{};
    const auto expiration_of = [&](awsauth::timestamp at, awsauth::timestamp_format format) {
        response.credentials = credentials(at);
        return nlohmann::json::parse(awsauth::dump(response, {-1, format}))["Credentials"]["Expiration"];
    };
    using format = awsauth::timestamp_format;
    CHECK(expiration_of(expiry, format::iso8601) == "2026-11-23T16:18:43+00:00");
    CHECK(expiration_of(expiry + 359ms, format::iso8601) == "2026-11-23T16:18:43.359000+00:00");
    CHECK(expiration_of(expiry, format::iso8601_z) == "2026-11-23T16:18:43Z");
    CHECK(expiration_of(expiry + 1us, format::iso8601_z) == "2026-11-23T16:18:43.000001Z");

    // Epoch seconds are JSON numbers: an integer when whole, else the shortest decimal.
    const auto whole = expiration_of(expiry, format::epoch_seconds);
    CHECK(whole.is_number_integer());
    CHECK(whole.get<std::int64_t>() == 1795450723);  // (20780 days * 86400) + 58723 s
    response.credentials = credentials(expiry + 250ms);
    CHECK(awsauth::dump(response, {-1, format::epoch_seconds}).find(R"("Expiration":1795450723.25})") !=
          std::string::npos);
    response.credentials = credentials(expiry + 123456us);
    CHECK(awsauth::dump(response, {-1, format::epoch_seconds}).find(R"("Expiration":1795450723.123456})") !=
          std::string::npos);

    // Whole seconds are exact in any year; microseconds fit a double only until about 2242.
    const awsauth::timestamp year_9999 = date::sys_days{date::year{9999} / 12 / 31} + 23h + 59min + 59s;
    response.credentials = credentials(year_9999);
    CHECK(awsauth::dump(response, {-1, format::epoch_seconds}).find(R"("Expiration":253402300799})") !=
          std::string::npos);
    for (const auto far : {year_9999 + 999999us, awsauth::timestamp{date::sys_days{date::year{3000} / 1 / 1}} + 1us}) {
        response.credentials = credentials(far);
        try {
            (void)awsauth::dump(response, {-1, format::epoch_seconds});
            FAIL("dump wrote an epoch that reads back as another instant");
        } catch (const awsauth::error& e) {
            CHECK(e.path() == "/Credentials/Expiration");
        }
    }
}

TEST_CASE("an instant outside the years 0001 to 9999 is an error naming its path", "[write]") {
    sts::GetSessionTokenResponse response{};
    response.credentials = credentials(awsauth::timestamp{date::sys_days{date::year{10000} / 1 / 1}});
    try {
        (void)awsauth::dump(response);
        FAIL("dump wrote a year Python cannot read");
    } catch (const awsauth::error& e) {
        CHECK(std::string(e.what()) == "awsauth: at /Credentials/Expiration: timestamp outside the years 0001 to 9999");
    }
    response.credentials = credentials(awsauth::timestamp{date::sys_days{date::year{0} / 12 / 31}});
    CHECK_THROWS_AS(awsauth::dump(response, {-1, awsauth::timestamp_format::epoch_seconds}), awsauth::error);
}

TEST_CASE("ADL to_json writes timestamps as boto3 and the AWS CLI v2 do", "[write]") {
    const nlohmann::json dom = credentials(expiry + 500ms);
    CHECK(dom["Expiration"] == "2026-11-23T16:18:43.500000+00:00");
}

TEST_CASE("UTF-8 is written as is; a string that is not UTF-8 is an error naming its path", "[write]") {
    sts::Tag tag{"Projekt", "Gr\u00FC\u00DFe \u2713"};  // UTF-8 in every compiler we build with
    CHECK(awsauth::dump(tag) == "{\"Key\":\"Projekt\",\"Value\":\"Gr\u00FC\u00DFe \u2713\"}");
    tag.value = "line\nbreak\x01";
    CHECK(awsauth::dump(tag) == R"({"Key":"Projekt","Value":"line\nbreak\u0001"})");

    sts::AssumeRoleRequest request{};
    request.tags = std::vector<sts::Tag>{{"ok", "ok"}, {"k", "secret\xC3\x28value"}};
    try {
        (void)awsauth::dump(request);
        FAIL("dump accepted invalid UTF-8");
    } catch (const awsauth::error& e) {
        CHECK(e.path() == "/Tags/1/Value");
        CHECK(std::string(e.what()) == "awsauth: at /Tags/1/Value: string is not valid UTF-8");
    }
    for (const char* invalid : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\xFF"}) {
        tag.value = invalid;  // overlong, surrogate, above U+10FFFF, truncated, never valid
        CHECK_THROWS_AS(awsauth::dump(tag), awsauth::error);
        CHECK_THROWS_AS(nlohmann::json(tag), awsauth::error);
    }
}

TEST_CASE("EKS Auth writes camelCase keys and namespace_ as namespace", "[write]") {
    eks_auth::AssumeRoleForPodIdentityResponse response{};
    response.subject = {"default", "my-app"};
    response.audience = "pods.eks.amazonaws.com";
    response.pod_identity_association = {"arn:aws:eks:us-east-1:123456789012:podidentityassociation/c/a-1", "a-1"};
    response.assumed_role_user = {"arn:aws:sts::123456789012:assumed-role/r/s", "AROAEXAMPLE:s"};
    response.credentials = {"token", "secret", "ASIAEXAMPLE", expiry};
    CHECK(
        awsauth::dump(response, {-1, awsauth::timestamp_format::epoch_seconds}) ==
        R"({"subject":{"namespace":"default","serviceAccount":"my-app"},"audience":"pods.eks.amazonaws.com",)"
        R"("podIdentityAssociation":{"associationArn":"arn:aws:eks:us-east-1:123456789012:podidentityassociation/c/a-1",)"
        R"("associationId":"a-1"},"assumedRoleUser":{"arn":"arn:aws:sts::123456789012:assumed-role/r/s",)"
        R"("assumeRoleId":"AROAEXAMPLE:s"},"credentials":{"sessionToken":"token","secretAccessKey":"secret",)"
        R"("accessKeyId":"ASIAEXAMPLE","expiration":1795450723}})");
}
