// tests/unit-json-write.cpp: the writing rules: model order, absent optionals omitted, timestamp styles, and
// awsauth::dump byte-identical to nlohmann::ordered_json::dump of the same content.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <utility>

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

    // Whole seconds are exact in any year.
    const awsauth::timestamp year_9999 = date::sys_days{date::year{9999} / 12 / 31} + 23h + 59min + 59s;
    response.credentials = credentials(year_9999);
    CHECK(awsauth::dump(response, {-1, format::epoch_seconds}).find(R"("Expiration":253402300799})") !=
          std::string::npos);
}

TEST_CASE("epoch seconds keep every microsecond in any year on the text path, not through a DOM", "[write]") {
    using format = awsauth::timestamp_format;
    sts::GetSessionTokenResponse response{};
    // The last microsecond Python can hold, and one just past whole seconds in the year 3000 (32503680000 s).
    const awsauth::timestamp last = date::sys_days{date::year{9999} / 12 / 31} + 23h + 59min + 59s + 999999us;
    const awsauth::timestamp year_3000 = awsauth::timestamp{date::sys_days{date::year{3000} / 1 / 1}} + 1us;
    for (const auto& [instant, spelling] :
         {std::pair{last, "253402300799.999999"}, {year_3000, "32503680000.000001"}}) {
        INFO(spelling);
        response.credentials = credentials(instant);
        const std::string text = awsauth::dump(response, {-1, format::epoch_seconds});
        CHECK(text.find(std::string(R"("Expiration":)") + spelling + "}") != std::string::npos);
        // awsauth::parse reads the digits, not a double, and gets the same instant back.
        CHECK(awsauth::parse<sts::GetSessionTokenResponse>(text) == response);

        // A DOM holds the number as a double, which keeps microseconds only until about 2242: the nearest doubles
        // are 253402300800 (past the year 9999) and 32503680000 (the microsecond lost).
        try {
            const auto through_dom = nlohmann::json::parse(text).get<sts::GetSessionTokenResponse>();
            CHECK(through_dom.credentials->expiration != instant);
        } catch (const awsauth::error& e) {
            CHECK(std::string(e.what()) ==
                  "awsauth: at /Credentials/Expiration: invalid timestamp: outside the years 0001 to 9999");
        }
        // So the DOM writer refuses such an instant rather than write one that reads back as another.
        nlohmann::ordered_json dom;
        try {
            awsauth::detail::dom_codec<sts::GetSessionTokenResponse>::write(dom, response, nullptr,
                                                                            {-1, format::epoch_seconds});
            FAIL("the DOM writer wrote an epoch that reads back as another instant");
        } catch (const awsauth::error& e) {
            CHECK(std::string(e.what()) ==
                  "awsauth: at /Credentials/Expiration: timestamp has more sub-second digits "
                  "than epoch seconds in a JSON number can hold");
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

TEST_CASE("strings are escaped byte for byte as nlohmann escapes them", "[write]") {
    // Every control character, the two that JSON requires escaped, and what nlohmann leaves as is: '/', DEL and
    // UTF-8 of two, three and four bytes.
    std::string every_special;
    for (char c = 0; c < 0x20; ++c)
        every_special += c;
    every_special += "\"\\/\x7F\u00E9\u20AC\U0001F600";
    const std::string expected_text =
        R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f)"
        R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f)"
        "\\\"\\\\/\x7F\u00E9\u20AC\U0001F600\"";

    sts::AssumeRoleRequest request{};
    request.role_arn = every_special;
    request.role_session_name = "plain";
    request.tags = std::vector<sts::Tag>{{every_special, "x" + every_special + "y"}, {"", ""}};
    request.transitive_tag_keys = std::vector<std::string>{every_special};
    CHECK(awsauth::dump(request).find(R"({"RoleArn":)" + expected_text + ",") == 0);
    for (const int indent : {-1, 0, 2, 4}) {
        INFO("indent " << indent);
        CHECK(awsauth::dump(request, {indent}) == nlohmann::ordered_json(request).dump(indent));
    }
    // And the text reads back to the same bytes.
    CHECK(awsauth::parse<sts::AssumeRoleRequest>(awsauth::dump(request)) == request);

    awsauth::ResponseMetadata metadata{};
    metadata.http_headers = {{every_special, every_special}, {"content-type", "text/xml"}, {"\x7F", ""}};
    for (const int indent : {-1, 0, 2, 4}) {
        INFO("indent " << indent);
        CHECK(awsauth::dump(metadata, {indent}) == nlohmann::ordered_json(metadata).dump(indent));
    }
}

TEST_CASE("empty objects and arrays stay on one line at every indent, as nlohmann writes them", "[write]") {
    sts::AssumeRoleRequest request{};
    request.tags = std::vector<sts::Tag>{};
    request.policy_arns = std::vector<sts::PolicyDescriptorType>{sts::PolicyDescriptorType{}};
    CHECK(awsauth::dump(request, {2}) == R"({
  "RoleArn": "",
  "RoleSessionName": "",
  "PolicyArns": [
    {}
  ],
  "Tags": []
})");
    CHECK(awsauth::dump(request, {0}) ==
          "{\n\"RoleArn\": \"\",\n\"RoleSessionName\": \"\",\n\"PolicyArns\": [\n{}\n],\n"
          "\"Tags\": []\n}");
    awsauth::ResponseMetadata metadata{};
    for (const int indent : {-1, 0, 2, 4}) {
        INFO("indent " << indent);
        CHECK(awsauth::dump(request, {indent}) == nlohmann::ordered_json(request).dump(indent));
        CHECK(awsauth::dump(metadata, {indent}) == nlohmann::ordered_json(metadata).dump(indent));
        CHECK(awsauth::dump(sts::GetCallerIdentityRequest{}, {indent}) == "{}");
    }
}

TEST_CASE("a header name that is not UTF-8 is an error at the map's path", "[write]") {
    sts::GetCallerIdentityResponse response{};
    response.response_metadata = awsauth::ResponseMetadata{};
    response.response_metadata->http_headers = {{"x-amz\xFF", "v"}};
    try {
        (void)awsauth::dump(response);
        FAIL("dump accepted a header name that is not UTF-8");
    } catch (const awsauth::error& e) {
        CHECK(std::string(e.what()) == "awsauth: at /ResponseMetadata/HTTPHeaders: object key is not valid UTF-8");
    }
    response.response_metadata->http_headers = {{"x-amz", "\xE2\x82"}};
    try {
        (void)awsauth::dump(response);
        FAIL("dump accepted a header value that is not UTF-8");
    } catch (const awsauth::error& e) {
        CHECK(std::string(e.what()) == "awsauth: at /ResponseMetadata/HTTPHeaders/x-amz: string is not valid UTF-8");
    }
}
