// tests/unit-json-read.cpp: the reading rules, on both paths (awsauth::parse from text, ADL from_json on a DOM):
// nulls, absent members, unknown keys, wrong types, integer ranges, duplicates, and errors that name the path only.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;

// An exception is copied while it is in flight; a copy that can throw would end the program.
static_assert(std::is_nothrow_copy_constructible_v<awsauth::error>);
static_assert(std::is_base_of_v<std::runtime_error, awsauth::error>);

namespace {

constexpr const char* secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY";
constexpr const char* session_token = "FQoGZXIvYXdzEPT//////////wEaDSESSIONTOKENBODYuntruncated";

// A GetSessionToken response with `credentials_members` spliced into its Credentials object.
std::string session_response(const std::string& credentials_members) {
    return R"({"Credentials":{"AccessKeyId":"ASIAIOSFODNN7EXAMPLE","SecretAccessKey":")" + std::string(secret_key) +
           R"(","SessionToken":")" + session_token + R"(")" + credentials_members + "}}";
}

const std::string valid_session = session_response(R"(,"Expiration":"2026-11-23T16:18:43Z")");

struct failure {
    std::string message;
    std::string path;
};

// Reads `text` as T on the text path and, where the text is JSON, on the DOM path; both must fail alike.
template <class T>
failure read_failure(const std::string& text, const awsauth::parse_options& options = {}) {
    failure text_path{};
    try {
        (void)awsauth::parse<T>(text, options);
        FAIL("awsauth::parse accepted the document");
    } catch (const awsauth::error& e) {
        text_path = {e.what(), std::string(e.path())};
    }
    if (!options.reject_unknown_keys && nlohmann::json::accept(text)) {
        try {
            (void)nlohmann::json::parse(text).get<T>();
            FAIL("from_json accepted the document");
        } catch (const awsauth::error& e) {
            CHECK(std::string(e.what()) == text_path.message);
        }
    }
    // Whatever went wrong, the message carries no secret.
    CHECK(text_path.message.find("SECRETKEY") == std::string::npos);
    CHECK(text_path.message.find("SESSIONTOKENBODY") == std::string::npos);
    return text_path;
}

}  // namespace

TEST_CASE("required and optional members: absent or null", "[read]") {
    SECTION("absent optional members are nullopt") {
        const auto response = awsauth::parse<sts::AssumeRoleResponse>("{}");
        CHECK_FALSE(response.credentials.has_value());
        CHECK_FALSE(response.source_identity.has_value());
        CHECK_FALSE(response.response_metadata.has_value());
    }
    SECTION("null optional members are nullopt") {
        const auto response =
            awsauth::parse<sts::AssumeRoleResponse>(R"({"Credentials":null,"PackedPolicySize":null})");
        CHECK_FALSE(response.credentials.has_value());
        CHECK_FALSE(response.packed_policy_size.has_value());
    }
    SECTION("an absent required member is an error naming it") {
        const auto f = read_failure<sts::GetSessionTokenResponse>(session_response(""));
        CHECK(f.path == "/Credentials/Expiration");
        CHECK(f.message == "awsauth: at /Credentials/Expiration: missing required member");
    }
    SECTION("a null required member is an error naming it") {
        const auto f = read_failure<sts::GetSessionTokenResponse>(session_response(R"(,"Expiration":null)"));
        CHECK(f.path == "/Credentials/Expiration");
        CHECK(f.message == "awsauth: at /Credentials/Expiration: required member is null");
    }
    SECTION("a value read over a filled struct resets what the document leaves out") {
        sts::AssumeRoleResponse response{};
        response.source_identity = "stale";
        nlohmann::json::parse(R"({"PackedPolicySize":6})").get_to(response);
        CHECK_FALSE(response.source_identity.has_value());
        CHECK(response.packed_policy_size == std::optional<std::int32_t>(6));
    }
}

TEST_CASE("unknown keys are skipped, or refused when asked", "[read]") {
    const std::string text = session_response(R"(,"Expiration":"2026-11-23T16:18:43Z","Future":{"x":[1,2]})");
    CHECK(awsauth::parse<sts::GetSessionTokenResponse>(text).credentials->access_key_id == "ASIAIOSFODNN7EXAMPLE");
    CHECK_NOTHROW(nlohmann::json::parse(text).get<sts::GetSessionTokenResponse>());

    awsauth::parse_options strict{};
    strict.reject_unknown_keys = true;
    const auto f = read_failure<sts::GetSessionTokenResponse>(text, strict);
    CHECK(f.path == "/Credentials/Future");
    CHECK(f.message == "awsauth: at /Credentials/Future: unknown member");

    SECTION("an unknown key's name is escaped as RFC 6901 says") {
        const auto g = read_failure<sts::Tag>(R"({"Key":"k","Value":"v","a/b~c":1})", strict);
        CHECK(g.path == "/a~1b~0c");
    }
}

TEST_CASE("wrong JSON types are errors that name the type found, never the value", "[read]") {
    SECTION("a number where a string belongs") {
        const auto f = read_failure<sts::Tag>(R"({"Key":12345678,"Value":"v"})");
        CHECK(f.message == "awsauth: at /Key: expected a string, got an integer");
        CHECK(f.message.find("12345678") == std::string::npos);
    }
    SECTION("an object where a secret string belongs") {
        const auto f = read_failure<sts::GetSessionTokenResponse>(
            R"({"Credentials":{"AccessKeyId":"A","SecretAccessKey":{"v":")" + std::string(secret_key) +
            R"("},"SessionToken":"t","Expiration":0}})");
        CHECK(f.message == "awsauth: at /Credentials/SecretAccessKey: expected a string, got object");
    }
    SECTION("the document root must be an object") {
        const auto f = read_failure<sts::Tag>("[1]");
        CHECK(f.path.empty());
        CHECK(f.message == "awsauth: at the document root: expected an object, got array");
    }
    SECTION("a list must be an array; its elements are named by index") {
        CHECK(read_failure<sts::AssumeRoleRequest>(R"({"RoleArn":"a","RoleSessionName":"s","Tags":{}})").message ==
              "awsauth: at /Tags: expected an array, got object");
        const auto f = read_failure<sts::AssumeRoleRequest>(
            R"({"RoleArn":"a","RoleSessionName":"s","Tags":[{"Key":"k","Value":"v"},{"Key":"k2"}]})");
        CHECK(f.path == "/Tags/1/Value");
        CHECK(f.message == "awsauth: at /Tags/1/Value: missing required member");
        CHECK(
            read_failure<sts::AssumeRoleRequest>(R"({"RoleArn":"a","RoleSessionName":"s","TransitiveTagKeys":[null]})")
                .path == "/TransitiveTagKeys/0");
    }
    SECTION("a map of headers holds strings only") {
        const auto f = read_failure<awsauth::ResponseMetadata>(
            R"({"RequestId":"r","HTTPStatusCode":200,"RetryAttempts":0,"HTTPHeaders":{"content-length":42}})");
        CHECK(f.message == "awsauth: at /HTTPHeaders/content-length: expected a string, got an integer");
    }
    SECTION("a timestamp is a string or a number") {
        const auto f = read_failure<sts::GetSessionTokenResponse>(session_response(R"(,"Expiration":true)"));
        CHECK(f.message ==
              "awsauth: at /Credentials/Expiration: expected a timestamp (an ISO 8601 string or epoch seconds), got "
              "boolean");
    }
    SECTION("an impossible timestamp says why, not what") {
        const auto f =
            read_failure<sts::GetSessionTokenResponse>(session_response(R"(,"Expiration":"2026-02-30T16:18:43Z")"));
        CHECK(f.path == "/Credentials/Expiration");
        CHECK(f.message.find("invalid timestamp: ") != std::string::npos);
        CHECK(f.message.find("2026-02-30") == std::string::npos);
    }
}

TEST_CASE("integers are JSON integers that fit std::int32_t", "[read]") {
    const auto duration = [](const std::string& value) {
        return awsauth::parse<sts::GetSessionTokenRequest>(R"({"DurationSeconds":)" + value + "}").duration_seconds;
    };
    CHECK(duration("900") == std::optional<std::int32_t>(900));
    CHECK(duration("-0") == std::optional<std::int32_t>(0));
    CHECK(duration("2147483647") == std::optional<std::int32_t>(2147483647));
    CHECK(duration("-2147483648") == std::optional<std::int32_t>(-2147483647 - 1));

    const auto refused = [](const std::string& value) {
        return read_failure<sts::GetSessionTokenRequest>(R"({"DurationSeconds":)" + value + "}").message;
    };
    const std::string out_of_range = "awsauth: at /DurationSeconds: integer out of range for a 32-bit signed integer";
    CHECK(refused("2147483648") == out_of_range);
    CHECK(refused("-2147483649") == out_of_range);
    CHECK(refused("4294967297") == out_of_range);  // would wrap to 1
    CHECK(refused("18446744073709551615") == out_of_range);
    const std::string fraction = "awsauth: at /DurationSeconds: expected an integer, got a non-integer number";
    CHECK(refused("900.0") == fraction);
    CHECK(refused("9e2") == fraction);
    CHECK(refused("3.5") == fraction);
    CHECK(refused("\"900\"") == "awsauth: at /DurationSeconds: expected an integer, got string");
    CHECK(refused("true") == "awsauth: at /DurationSeconds: expected an integer, got boolean");
}

TEST_CASE("duplicate keys: the last one wins on every path", "[read]") {
    const std::string text = R"({"Key":"first","Value":"v","Key":"last"})";
    CHECK(awsauth::parse<sts::Tag>(text).key == "last");
    CHECK(nlohmann::json::parse(text).get<sts::Tag>().key == "last");
    CHECK(nlohmann::ordered_json::parse(text).get<sts::Tag>().key == "last");
}

TEST_CASE("syntax errors keep nlohmann's position and drop its quote of the input", "[read]") {
    SECTION("a document cut inside the session token") {
        const std::string truncated = valid_session.substr(0, valid_session.find("untruncated"));
        const auto f = read_failure<sts::GetSessionTokenResponse>(truncated);
        CHECK(f.path.empty());
        CHECK(f.message.rfind("awsauth: invalid JSON (byte ", 0) == 0);
        CHECK(f.message.find("missing closing quote") != std::string::npos);
        CHECK(f.message.find("last read") == std::string::npos);
        CHECK(f.message.find("FQoGZXIv") == std::string::npos);
    }
    SECTION("a control character inside the secret key") {
        std::string text = valid_session;
        text.insert(text.find("SECRETKEY"), "\t");
        const auto f = read_failure<sts::GetSessionTokenResponse>(text);
        CHECK(f.message.find("control character U+0009") != std::string::npos);
        CHECK(f.message.find("wJalrXUt") == std::string::npos);
    }
    SECTION("invalid UTF-8 and a bad escape inside the session token") {
        std::string bad_utf8 = valid_session;
        bad_utf8.insert(bad_utf8.find("SESSIONTOKENBODY") + 4, "\xC3\x28");
        CHECK(read_failure<sts::GetSessionTokenResponse>(bad_utf8).message.find("ill-formed UTF-8") !=
              std::string::npos);
        std::string bad_escape = valid_session;
        bad_escape.insert(bad_escape.find("SESSIONTOKENBODY") + 4, "\\q");
        CHECK(read_failure<sts::GetSessionTokenResponse>(bad_escape).message.find("invalid string") !=
              std::string::npos);
    }
    SECTION("empty input, trailing garbage and an unquoted literal") {
        CHECK(read_failure<sts::Tag>("").message.find("unexpected end of input") != std::string::npos);
        CHECK(read_failure<sts::Tag>(R"({"Key":"k","Value":"v"} x)").message.find("invalid JSON") != std::string::npos);
        const auto f = read_failure<sts::Tag>(R"({"Key":SECRETKEYLITERAL})");
        CHECK(f.message.find("invalid literal") != std::string::npos);
        CHECK(f.message.find("SECRETKEYLITERAL") == std::string::npos);
    }
    SECTION("a number too large for a double") {
        CHECK(read_failure<sts::GetSessionTokenRequest>(R"({"DurationSeconds":1e400})").message ==
              "awsauth: invalid JSON: a number is too large for a double");
    }
}

TEST_CASE("from_json works with nlohmann::json and nlohmann::ordered_json alike", "[read]") {
    const auto json = nlohmann::json::parse(valid_session).get<sts::GetSessionTokenResponse>();
    const auto ordered = nlohmann::ordered_json::parse(valid_session).get<sts::GetSessionTokenResponse>();
    CHECK(json == ordered);
    CHECK(json == awsauth::parse<sts::GetSessionTokenResponse>(valid_session));
    CHECK(json.credentials->secret_access_key == secret_key);
    // nlohmann's own containers of our types go through our adapters for each element.
    const auto tags =
        nlohmann::json::parse(R"([{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}])").get<std::vector<sts::Tag>>();
    REQUIRE(tags.size() == 2);
    CHECK(tags[1] == sts::Tag{"b", "2"});
}

TEST_CASE("EKS Auth reads its camelCase keys, including the three 2026 request members", "[read]") {
    const auto request = awsauth::parse<eks_auth::AssumeRoleForPodIdentityRequest>(
        R"({"clusterName":"my-cluster","token":"eyJ.eyJ.sig","eksNodeName":"ip-10-0-1-5.ec2.internal",)"
        R"("instanceId":"i-0123456789abcdef0","zone":"use1-az4"})");
    CHECK(request.cluster_name == "my-cluster");
    CHECK(request.eks_node_name == std::optional<std::string>("ip-10-0-1-5.ec2.internal"));
    CHECK(request.instance_id == std::optional<std::string>("i-0123456789abcdef0"));
    CHECK(request.zone == std::optional<std::string>("use1-az4"));

    const auto f = read_failure<eks_auth::Subject>(R"({"namespace":"default"})");
    CHECK(f.message == "awsauth: at /serviceAccount: missing required member");
}
