// tests/unit-json-read-sax.cpp: what the SAX reader behind awsauth::parse must get right that a DOM gets for free:
// paths through lists, skipping unknown values of any shape, duplicate keys replacing containers, keys in any
// order, and epoch seconds read from their digits. Each case is checked against from_json on a DOM where they agree.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;

namespace {

// Reads `text` on both paths, which must agree.
template <class T>
T read_both(const std::string& text, const awsauth::parse_options& options = {}) {
    const T from_text = awsauth::parse<T>(text, options);
    CHECK(nlohmann::json::parse(text).get<T>() == from_text);
    return from_text;
}

// The message of the error reading `text` on both paths, which must say the same.
template <class T>
std::string failure_of(const std::string& text) {
    std::string message;
    try {
        (void)awsauth::parse<T>(text);
        FAIL("awsauth::parse accepted the document");
    } catch (const awsauth::error& e) {
        message = e.what();
    }
    try {
        (void)nlohmann::json::parse(text).get<T>();
        FAIL("from_json accepted the document");
    } catch (const awsauth::error& e) {
        CHECK(std::string(e.what()) == message);
    }
    return message;
}

std::string tags_request(const std::string& tags) {
    return R"({"RoleArn":"arn:aws:iam::123456789012:role/demo","RoleSessionName":"s","Tags":)" + tags + "}";
}

}  // namespace

TEST_CASE("an error inside a list inside a struct names the element and the member", "[read][sax]") {
    const std::string tags = R"([{"Key":"a","Value":"1"},{"Key":"b","Value":"2"},{"Key":"c","Value":"3"},)"
                             R"({"Key":4,"Value":"4"}])";
    CHECK(failure_of<sts::AssumeRoleRequest>(tags_request(tags)) ==
          "awsauth: at /Tags/3/Key: expected a string, got an integer");
    CHECK(failure_of<sts::AssumeRoleRequest>(tags_request(R"([{"Key":"a","Value":"1"},"b"])")) ==
          "awsauth: at /Tags/1: expected an object, got string");
    CHECK(failure_of<sts::AssumeRoleRequest>(tags_request(R"([{"Key":"a","Value":"1"},{"Key":"b","Value":null}])")) ==
          "awsauth: at /Tags/1/Value: required member is null");
    CHECK(failure_of<sts::AssumeRoleRequest>(tags_request(R"([[]])")) ==
          "awsauth: at /Tags/0: expected an object, got array");
    CHECK(failure_of<sts::AssumeRoleRequest>(tags_request(R"([{"Key":"a","Value":1.5}])")) ==
          "awsauth: at /Tags/0/Value: expected a string, got a non-integer number");
    // The path of a member after a finished list is the member's own.
    CHECK(failure_of<sts::AssumeRoleRequest>(tags_request(R"([{"Key":"a","Value":"1"}],"DurationSeconds":"900")")) ==
          "awsauth: at /DurationSeconds: expected an integer, got string");
    // Header names are keys of a map: escaped in the pointer, never quoted elsewhere.
    CHECK(failure_of<awsauth::ResponseMetadata>(
              R"({"RequestId":"r","HTTPStatusCode":200,"RetryAttempts":0,"HTTPHeaders":{"a/b":"1","c~d":[]}})") ==
          "awsauth: at /HTTPHeaders/c~0d: expected a string, got array");
}

TEST_CASE("an unknown member is skipped whatever it holds, model keys inside it included", "[read][sax]") {
    // The unknown value holds keys the model knows at this level and below: none of them may land anywhere.
    const auto tag = read_both<sts::Tag>(
        R"({"Key":"k","Future":{"Key":"inner","Value":[{"Key":"deeper"},[[{"Value":null}]]],"n":1.5e3},)"
        R"("Value":"v","Later":[{"Key":"x"}],"Flag":true,"Nothing":null})");
    CHECK(tag == sts::Tag{"k", "v"});

    const auto response = read_both<sts::AssumeRoleResponse>(
        R"({"AssumedRoleUser":{"Arn":"arn","Unknown":{"AssumedRoleId":"wrong"},"AssumedRoleId":"id"},)"
        R"("Extra":[{"PackedPolicySize":1}],"PackedPolicySize":6})");
    REQUIRE(response.assumed_role_user.has_value());
    CHECK(response.assumed_role_user->assumed_role_id == "id");
    CHECK(response.packed_policy_size == std::optional<std::int32_t>(6));

    awsauth::parse_options strict{};
    strict.reject_unknown_keys = true;
    try {
        (void)awsauth::parse<sts::AssumeRoleRequest>(
            tags_request(R"([{"Key":"a","Value":"1"},{"Key":"b","Colour":1}])"), strict);
        FAIL("an unknown member was accepted");
    } catch (const awsauth::error& e) {
        CHECK(std::string(e.what()) == "awsauth: at /Tags/1/Colour: unknown member");
    }
}

TEST_CASE("a repeated key replaces what the first one read, lists, maps and structs included", "[read][sax]") {
    SECTION("a list") {
        const auto request = read_both<sts::AssumeRoleRequest>(
            tags_request(R"([{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}],"Tags":[{"Key":"c","Value":"3"}])"));
        REQUIRE(request.tags.has_value());
        CHECK(*request.tags == std::vector<sts::Tag>{sts::Tag{"c", "3"}});
        CHECK(read_both<sts::AssumeRoleRequest>(tags_request(R"([{"Key":"a","Value":"1"}],"Tags":[])")).tags ==
              std::optional<std::vector<sts::Tag>>(std::vector<sts::Tag>{}));
        CHECK_FALSE(read_both<sts::AssumeRoleRequest>(tags_request(R"([{"Key":"a","Value":"1"}],"Tags":null)"))
                        .tags.has_value());
    }
    SECTION("a map, and a key repeated inside it") {
        const auto metadata =
            read_both<awsauth::ResponseMetadata>(R"({"RequestId":"r","HTTPStatusCode":200,"RetryAttempts":0,)"
                                                 R"("HTTPHeaders":{"a":"1","b":"2"},"HTTPHeaders":{"c":"3","c":"4"}})");
        CHECK(metadata.http_headers == std::map<std::string, std::string>{{"c", "4"}});
    }
    SECTION("a struct: members the second one lacks are absent, not left over") {
        const auto response = read_both<sts::AssumeRoleResponse>(
            R"({"AssumedRoleUser":{"Arn":"first","AssumedRoleId":"first"},"AssumedRoleUser":{"AssumedRoleId":"last",)"
            R"("Arn":"last"},"ResponseMetadata":{"RequestId":"r","HostId":"h","HTTPStatusCode":200,"RetryAttempts":0,)"
            R"("HTTPHeaders":{}},"ResponseMetadata":{"RequestId":"r2","HTTPStatusCode":500,"RetryAttempts":1,)"
            R"("HTTPHeaders":{}}})");
        CHECK(response.assumed_role_user == std::optional<sts::AssumedRoleUser>(sts::AssumedRoleUser{"last", "last"}));
        REQUIRE(response.response_metadata.has_value());
        CHECK_FALSE(response.response_metadata->host_id.has_value());
        CHECK(response.response_metadata->http_status_code == 500);
        CHECK(failure_of<sts::AssumeRoleResponse>(
                  R"({"AssumedRoleUser":{"Arn":"a","AssumedRoleId":"i"},"AssumedRoleUser":{"Arn":"b"}})") ==
              "awsauth: at /AssumedRoleUser/AssumedRoleId: missing required member");
        CHECK_FALSE(read_both<sts::AssumeRoleResponse>(R"({"AssumedRoleUser":{"Arn":"a","AssumedRoleId":"i"},)"
                                                       R"("AssumedRoleUser":null})")
                        .assumed_role_user.has_value());
    }
    SECTION("the text path reads every occurrence, so an invalid earlier one is refused") {
        // A DOM keeps only the last occurrence and never sees the first; the SAX reader cannot know a later one
        // is coming. Refusing is the safer of the two: parsers that disagree on duplicates are an attack surface.
        const std::string text = R"({"Key":1,"Value":"v","Key":"k"})";
        CHECK(nlohmann::json::parse(text).get<sts::Tag>() == sts::Tag{"k", "v"});
        try {
            (void)awsauth::parse<sts::Tag>(text);
            FAIL("awsauth::parse accepted an invalid first occurrence");
        } catch (const awsauth::error& e) {
            CHECK(std::string(e.what()) == "awsauth: at /Key: expected a string, got an integer");
        }
    }
}

TEST_CASE("members are found in any order", "[read][sax]") {
    const std::string in_order = R"({"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T",)"
                                 R"("Expiration":"2026-11-23T16:18:43Z"})";
    const std::string reversed = R"({"Expiration":"2026-11-23T16:18:43Z","SessionToken":"T",)"
                                 R"("SecretAccessKey":"S","AccessKeyId":"A"})";
    const std::string shuffled = R"({"SessionToken":"T","AccessKeyId":"A","Expiration":"2026-11-23T16:18:43Z",)"
                                 R"("SecretAccessKey":"S"})";
    const auto expected = read_both<sts::Credentials>(in_order);
    CHECK(expected.access_key_id == "A");
    CHECK(expected.session_token == "T");
    CHECK(read_both<sts::Credentials>(reversed) == expected);
    CHECK(read_both<sts::Credentials>(shuffled) == expected);
    // A key that only starts like a model key is another key.
    CHECK(read_both<sts::Tag>(R"({"Keys":"x","Key":"k","Valu":"y","Value":"v","":""})") == sts::Tag{"k", "v"});
}

TEST_CASE("epoch seconds with a fraction are read from their digits, to the nearest microsecond", "[read][sax]") {
    const auto microseconds_of = [](const std::string& number) {
        return awsauth::parse<eks_auth::Credentials>(
                   R"({"sessionToken":"t","secretAccessKey":"s","accessKeyId":"a","expiration":)" + number + "}")
            .expiration.time_since_epoch()
            .count();
    };
    // 1795537123.25 s in every spelling a JSON number allows.
    for (const char* spelling : {"1795537123.25", "1.79553712325E9", "179553712325e-2", "17955371232.5e-1",
                                 "0.00000000179553712325e18", "1795537123.250000000000000000001"}) {
        INFO(spelling);
        CHECK(microseconds_of(spelling) == std::int64_t{1795537123250000});
    }
    CHECK(microseconds_of("1E+9") == std::int64_t{1000000000000000});
    CHECK(microseconds_of("0.5e-6") == 1);  // a half rounds away from zero, as for a double
    CHECK(microseconds_of("0.00000049") == 0);
    CHECK(microseconds_of("1795537123.0000005") == std::int64_t{1795537123000001});
    CHECK(microseconds_of("-1.5") == -1500000);
    CHECK(microseconds_of("-0.0000005") == -1);
    CHECK(microseconds_of("0e99999") == 0);
    CHECK(microseconds_of("1e-99999") == 0);
    CHECK(microseconds_of("-62135596800.0") == std::int64_t{-62135596800} * 1000000);  // 0001-01-01T00:00:00Z

    const auto refused = [](const std::string& number) {
        try {
            (void)awsauth::parse<eks_auth::Credentials>(
                R"({"sessionToken":"t","secretAccessKey":"s","accessKeyId":"a","expiration":)" + number + "}");
        } catch (const awsauth::error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    const std::string out_of_range = "awsauth: at /expiration: invalid timestamp: outside the years 0001 to 9999";
    CHECK(refused("253402300799.9999995") == out_of_range);  // rounds up into the year 10000
    CHECK(refused("-62135596800.000001") == out_of_range);
    CHECK(refused("1e12") == out_of_range);
    CHECK(refused("99999999999999999999") == out_of_range);  // too long for an integer: nlohmann reads a double
    CHECK(refused("1e99999") == "awsauth: invalid JSON: a number is too large for a double");

    // Where a double holds the microseconds, which is every instant before about 2242, both paths agree.
    for (const char* spelling : {"1795537123.25", "1795537123.123456", "1.795537123E9", "0.5", "-1.5", "1e-7"}) {
        INFO(spelling);
        read_both<eks_auth::Credentials>(
            std::string(R"({"sessionToken":"t","secretAccessKey":"s","accessKeyId":"a","expiration":)") + spelling +
            "}");
    }
}
