// tests/unit-sources.cpp: every captured or cited credentials document of tests/data/sources (container, IMDS,
// credential_process, the AWS CLI's cache) reads into its struct with the sample's own values; error answers are
// refused, never read as credentials; printing shows no secret. SSO documents are stored there but not read here:
// the codecs do not read std::int64_t yet.
// Expected values are the samples' text: literals for the cited files (fixed), the same file read with nlohmann's
// DOM for the captured ones (moto's keys and clock change with every capture), never what awsauth produced.
#include "catch.hpp"
#include "test_support.hpp"

#include <awsauth/credential_sources.hpp>
#include <awsauth/error.hpp>
#include <awsauth/options.hpp>
#include <awsauth/parse.hpp>
#include <awsauth/print.hpp>
#include <awsauth/sts.hpp>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;
using awsauth_test::data_file;
namespace container = awsauth::container;
namespace imds = awsauth::imds;
namespace credential_process = awsauth::credential_process;
namespace sts = awsauth::sts;

namespace {

awsauth::timestamp at(int year, unsigned month, unsigned day, std::chrono::microseconds time_of_day = {}) {
    return awsauth::timestamp{date::sys_days{date::year{year} / date::month{month} / date::day{day}}} + time_of_day;
}

// The instant a captured file spells as YYYY-MM-DDTHH:MM:SS[.ffffff]Z, read without awsauth's reader.
awsauth::timestamp instant_in(const std::string& text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    REQUIRE(std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                        &consumed) == 6);
    std::chrono::microseconds fraction{};
    std::size_t next = static_cast<std::size_t>(consumed);
    if (text[next] == '.') {
        const std::string digits = text.substr(next + 1, 6);
        REQUIRE(digits.size() == 6);  // moto and botocore write microseconds
        fraction = std::chrono::microseconds{std::stol(digits)};
        next += 7;
    }
    REQUIRE(text.substr(next) == "Z");
    return at(year, static_cast<unsigned>(month), static_cast<unsigned>(day),
              std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second} + fraction);
}

// The printed line holds none of the secrets and says "***" once for each of them.
template <class T>
void prints_no_secret(const T& value, std::initializer_list<std::string> secrets) {
    const std::string line = awsauth::redacted(value);
    CAPTURE(line);
    std::size_t stars = 0;
    for (auto found = line.find("\"***\""); found != std::string::npos; found = line.find("\"***\"", found + 1))
        ++stars;
    CHECK(stars == secrets.size());
    for (const auto& secret : secrets)
        CHECK(line.find(secret) == std::string::npos);
}

template <class T>
awsauth::error refusal(const std::string& text, const awsauth::parse_options& options = {}) {
    try {
        (void)awsauth::parse<T>(text, options);
    } catch (const awsauth::error& failure) {
        return failure;
    }
    FAIL("read a document it must refuse");
    throw std::logic_error("unreachable: FAIL throws");
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Container credentials

TEST_CASE("the EKS Pod Identity agent's document reads, its 9 fraction digits truncated to microseconds") {
    const auto text = data_file("sources/container/eks-pod-identity-agent.json");
    const auto read = awsauth::parse_validated<container::Credentials>(text);
    CHECK(read.access_key_id == "some-access-key");
    CHECK(read.secret_access_key == "some-secret-key");
    CHECK(read.token == "some-token");
    CHECK(read.account_id == "some-account-id");
    CHECK_FALSE(read.role_arn.has_value());
    // 1996-03-27T07:45:23.123456789Z: awsauth::timestamp holds microseconds and drops the last three digits rather
    // than rounding, so an expiry never moves later (awsauth/timestamp.hpp).
    REQUIRE(read.expiration.has_value());
    CHECK(*read.expiration == at(1996, 3, 27, 7h + 45min + 23s + 123456us));
    prints_no_secret(read, {"some-secret-key", "some-token"});
}

TEST_CASE("ECS's task-role document reads with its RoleArn and without an AccountId") {
    const auto read =
        awsauth::parse_validated<container::Credentials>(data_file("sources/container/ecs-task-role.json"));
    CHECK(read.role_arn == "arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6");
    CHECK(read.access_key_id == "AKIAIOSFODNN7EXAMPLE");
    CHECK(read.secret_access_key == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    CHECK(read.token == "IQoJb3JpZ2luX2VjEEM/Example==");
    CHECK_FALSE(read.account_id.has_value());
    CHECK(read.expiration == at(2021, 1, 16, 51min + 53s));
    prints_no_secret(read, {"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEEM/Example=="});
}

TEST_CASE("container error answers are refused, never read as credentials") {
    SECTION("ECS's JSON error {code, message, HTTPErrorCode}") {
        const auto failure =
            refusal<container::Credentials>(data_file("sources/container/ecs-error-credentials-not-found.json"));
        CHECK(failure.kind() == awsauth::error_kind::missing_member);
        CHECK(failure.path() == "/AccessKeyId");
    }
    SECTION("the SDKs' documented {code, message}") {
        const auto failure = refusal<container::Credentials>(data_file("sources/container/sdk-error-example.json"));
        CHECK(failure.kind() == awsauth::error_kind::missing_member);
        CHECK(failure.path() == "/AccessKeyId");
    }
    SECTION("the Pod Identity agent's plain-text errors") {
        for (const char* file : {"sources/container/eks-pod-identity-agent-error-no-token.txt",
                                 "sources/container/eks-pod-identity-agent-error-access-denied.txt"}) {
            CAPTURE(file);
            const auto text = data_file(file);
            const auto failure = refusal<container::Credentials>(text);
            CHECK(failure.kind() == awsauth::error_kind::invalid_json);
            CHECK(failure.path().empty());
            CHECK(std::string(failure.what()).find(text.substr(0, 12)) == std::string::npos);  // no body quoted
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// IMDS

TEST_CASE("moto's IMDS document reads without Code, LastUpdated and Type") {
    const auto text = data_file("sources/imds/moto-role-credentials.json");
    const auto sample = nlohmann::json::parse(text);
    const auto read = awsauth::parse_validated<imds::Credentials>(text);
    CHECK_FALSE(read.code.has_value());
    CHECK_FALSE(read.message.has_value());
    CHECK_FALSE(read.last_updated.has_value());
    CHECK_FALSE(read.type.has_value());
    CHECK(read.access_key_id == sample.at("AccessKeyId").get<std::string>());
    CHECK(read.secret_access_key == sample.at("SecretAccessKey").get<std::string>());
    CHECK(read.token == sample.at("Token").get<std::string>());
    CHECK(read.expiration == instant_in(sample.at("Expiration").get<std::string>()));
    prints_no_secret(read, {sample.at("SecretAccessKey").get<std::string>(), sample.at("Token").get<std::string>()});
}

TEST_CASE("moto's role listing is a bare role name, not JSON") {
    CHECK(data_file("sources/imds/moto-role-listing.txt") == "default-role");
    const auto failure = refusal<imds::Credentials>(data_file("sources/imds/moto-role-listing.txt"));
    CHECK(failure.kind() == awsauth::error_kind::invalid_json);
}

TEST_CASE("the EC2 User Guide's IMDS document reads in full") {
    const auto read =
        awsauth::parse_validated<imds::Credentials>(data_file("sources/imds/ec2-user-guide-example.json"));
    CHECK(read.code == "Success");
    CHECK(read.last_updated == at(2012, 4, 26, 16h + 39min + 16s));
    CHECK(read.type == "AWS-HMAC");
    CHECK(read.access_key_id == "ASIAIOSFODNN7EXAMPLE");
    CHECK(read.secret_access_key == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    CHECK(read.token == "token");
    CHECK(read.expiration == at(2017, 5, 17, 15h + 9min + 54s));
    CHECK_FALSE(read.message.has_value());
    prints_no_secret(read, {"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "\"token\""});
}

TEST_CASE("botocore's IMDS fixture reads in full") {
    const auto read = awsauth::parse_validated<imds::Credentials>(data_file("sources/imds/botocore-fixture.json"));
    CHECK(read.code == "Success");
    CHECK(read.last_updated == at(2012, 12, 3, 14h + 38min + 21s));
    CHECK(read.access_key_id == "foo");
    CHECK(read.secret_access_key == "bar");
    CHECK(read.token == "foobar");
    CHECK(read.expiration == at(2012, 12, 3, 20h + 48min + 3s));
    CHECK(read.type == "AWS-HMAC");
    prints_no_secret(read, {"\"bar\"", "foobar"});
}

TEST_CASE("an IMDS failure document reads (every member is optional) but fails validation on its Code") {
    const auto text = data_file("sources/imds/botocore-failure-fixture.json");
    const auto read = awsauth::parse<imds::Credentials>(text);
    CHECK(read.code == "AssumeRoleUnauthorizedAccess");
    CHECK(read.message == "error");
    CHECK_FALSE(read.access_key_id.has_value());
    CHECK_FALSE(read.secret_access_key.has_value());
    CHECK_FALSE(read.token.has_value());
    CHECK_FALSE(read.expiration.has_value());
    try {
        (void)awsauth::parse_validated<imds::Credentials>(text);
        FAIL("validated an IMDS document whose Code is not Success");
    } catch (const awsauth::error& failure) {
        CHECK(failure.kind() == awsauth::error_kind::constraint_violated);
        CHECK(failure.path() == "/Code");
        CHECK(std::string(failure.what()) ==
              "awsauth: at /Code: must match the pattern Success (character 1 is not allowed there)");
    }
    // Nothing secret in it, so its line shows what went wrong.
    CHECK(awsauth::redacted(read).find("AssumeRoleUnauthorizedAccess") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// credential_process

TEST_CASE("credential_process: temporary credentials read with their token and expiration") {
    const auto read = awsauth::parse_validated<credential_process::Credentials>(
        data_file("sources/credential-process/botocore-temporary.json"));
    CHECK(read.version == 1);
    CHECK(read.access_key_id == "foo");
    CHECK(read.secret_access_key == "bar");
    CHECK(read.session_token == "baz");
    CHECK(read.expiration == at(2999, 1, 1));
    prints_no_secret(read, {"\"bar\"", "\"baz\""});
}

TEST_CASE("credential_process: long-term keys read without a token or an expiration") {
    const auto read = awsauth::parse_validated<credential_process::Credentials>(
        data_file("sources/credential-process/botocore-long-term.json"));
    CHECK(read.version == 1);
    CHECK(read.access_key_id == "foo");
    CHECK(read.secret_access_key == "bar");
    CHECK_FALSE(read.session_token.has_value());
    CHECK_FALSE(read.expiration.has_value());
    prints_no_secret(read, {"\"bar\""});
}

TEST_CASE("credential_process: AccountId, which botocore reads, reads into the struct and the view") {
    const auto text = data_file("sources/credential-process/botocore-account-id.json");
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    const auto read = awsauth::parse_validated<credential_process::Credentials>(text, strict);
    CHECK(read.access_key_id == "foo");
    CHECK(read.session_token == "baz");
    CHECK(read.account_id == "123456789012");
    CHECK(awsauth::credentials_of(read).account_id == "123456789012");
}

TEST_CASE("credential_process: the AWS page's syntax block is placeholders, refused at its Expiration") {
    const auto failure =
        refusal<credential_process::Credentials>(data_file("sources/credential-process/aws-docs-syntax.json"));
    CHECK(failure.kind() == awsauth::error_kind::invalid_timestamp);
    CHECK(failure.path() == "/Expiration");
    CHECK(std::string(failure.what()).find("your AWS secret access key") == std::string::npos);
}

// ---------------------------------------------------------------------------------------------------------------
// The AWS CLI's credential cache

TEST_CASE("the AWS CLI v1's assume-role cache file reads as an AssumeRoleResponse") {
    const auto text = data_file("sources/cli-cache/assume-role.json");
    const auto sample = nlohmann::json::parse(text);
    const auto& credentials = sample.at("Credentials");
    const auto read = awsauth::parse_validated<sts::AssumeRoleResponse>(text);
    REQUIRE(read.credentials.has_value());
    CHECK(read.credentials->access_key_id == credentials.at("AccessKeyId").get<std::string>());
    CHECK(read.credentials->secret_access_key == credentials.at("SecretAccessKey").get<std::string>());
    CHECK(read.credentials->session_token == credentials.at("SessionToken").get<std::string>());
    CHECK(read.credentials->expiration == instant_in(credentials.at("Expiration").get<std::string>()));
    REQUIRE(read.assumed_role_user.has_value());
    CHECK(read.assumed_role_user->arn == sample.at("AssumedRoleUser").at("Arn").get<std::string>());
    CHECK(read.assumed_role_user->arn.rfind("arn:aws:sts::123456789012:assumed-role/x/", 0) == 0);
    CHECK(read.packed_policy_size == sample.at("PackedPolicySize").get<std::int32_t>());
    REQUIRE(read.response_metadata.has_value());
    CHECK(read.response_metadata->http_status_code == 200);
    CHECK(read.response_metadata->request_id == sample.at("ResponseMetadata").at("RequestId").get<std::string>());
    prints_no_secret(read, {credentials.at("SecretAccessKey").get<std::string>(),
                            credentials.at("SessionToken").get<std::string>()});

    // The CLI's one addition, Credentials.AccountId, is skipped like any member the model does not know; a reader
    // that asks for unknown members to be refused is told where it is.
    CHECK(credentials.at("AccountId") == "123456789012");
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    const auto failure = refusal<sts::AssumeRoleResponse>(text, strict);
    CHECK(failure.kind() == awsauth::error_kind::unknown_member);
    CHECK(failure.path() == "/Credentials/AccountId");
}

TEST_CASE("botocore's own assume-role cache file spells Expiration with a UTC suffix, which awsauth reads") {
    // Written by botocore without the AWS CLI: strftime("%Y-%m-%dT%H:%M:%S%Z") of a datetime, e.g.
    // "2026-11-27T15:18:28UTC": no fraction, the zone's name instead of Z.
    const auto text = data_file("sources/cli-cache/botocore-assume-role.json");
    const auto expiration = nlohmann::json::parse(text).at("Credentials").at("Expiration").get<std::string>();
    REQUIRE(expiration.size() == 22);
    REQUIRE(expiration.substr(19) == "UTC");
    const auto read = awsauth::parse<sts::AssumeRoleResponse>(text);
    REQUIRE(read.credentials.has_value());
    CHECK(read.credentials->expiration == instant_in(expiration.substr(0, 19) + "Z"));
}
