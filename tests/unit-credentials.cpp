// tests/unit-credentials.cpp: awsauth::credentials and credentials_of over every payload that carries credentials.
// The captured payloads of tests/data are the oracle, read through nlohmann's DOM, not through the code under test.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/credentials.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <string>

namespace {

using awsauth_test::data_file;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

awsauth::timestamp instant(std::string_view iso) {
    awsauth::timestamp out{};
    REQUIRE(awsauth::detail::read_timestamp(iso, out).empty());
    return out;
}

awsauth::timestamp instant_of(const nlohmann::json& value) {
    awsauth::timestamp out{};
    std::string_view problem = value.is_string()
                                   ? awsauth::detail::read_timestamp(value.get_ref<const std::string&>(), out)
                                   : awsauth::detail::timestamp_from_epoch(value.get<double>(), out);
    REQUIRE(problem.empty());
    return out;
}

// The fifth field of an ARN, split here by hand.
std::string account_of_arn(const std::string& arn) {
    std::size_t start = 0;
    for (int field = 0; field < 4; ++field)
        start = arn.find(':', start) + 1;
    return arn.substr(start, arn.find(':', start) - start);
}

template <class Response>
awsauth::credentials view_of(const std::string& text) {
    return awsauth::credentials_of(awsauth::parse<Response>(text));
}

// The operations whose answers carry credentials, by the file stems of tests/data, and where each keeps the ARN.
struct carrier {
    std::function<awsauth::credentials(const std::string&)> read;
    const char* credentials_key;
    const char* arn_pointer;  // "" where the answer names no account
};

const std::map<std::string, carrier> carriers = {
    {"sts-assume-role", {view_of<awsauth::sts::AssumeRoleResponse>, "Credentials", "/AssumedRoleUser/Arn"}},
    {"sts-assume-role-with-saml",
     {view_of<awsauth::sts::AssumeRoleWithSAMLResponse>, "Credentials", "/AssumedRoleUser/Arn"}},
    {"sts-assume-role-with-web-identity",
     {view_of<awsauth::sts::AssumeRoleWithWebIdentityResponse>, "Credentials", "/AssumedRoleUser/Arn"}},
    {"sts-assume-root", {view_of<awsauth::sts::AssumeRootResponse>, "Credentials", ""}},
    {"sts-get-federation-token",
     {view_of<awsauth::sts::GetFederationTokenResponse>, "Credentials", "/FederatedUser/Arn"}},
    {"sts-get-delegated-access-token",
     {view_of<awsauth::sts::GetDelegatedAccessTokenResponse>, "Credentials", "/AssumedPrincipal"}},
    {"sts-get-session-token", {view_of<awsauth::sts::GetSessionTokenResponse>, "Credentials", ""}},
    {"eks-auth-assume-role-for-pod-identity",
     {view_of<awsauth::eks_auth::AssumeRoleForPodIdentityResponse>, "credentials", "/assumedRoleUser/arn"}},
};

}  // namespace

TEST_CASE("credentials_of reads every captured answer that carries credentials", "[credentials]") {
    int checked = 0;
    for (const char* producer : {"awscli-v1", "boto3-str"}) {
        for (const auto& file : fs::directory_iterator(fs::path(AWSAUTH_TEST_DATA) / producer)) {
            const std::string stem = file.path().stem().string();
            // The longest operation that prefixes the stem: "sts-assume-role-with-saml", not "sts-assume-role".
            auto best = carriers.end();
            for (auto each = carriers.begin(); each != carriers.end(); ++each) {
                if (stem.rfind(each->first, 0) == 0 &&
                    (best == carriers.end() || each->first.size() > best->first.size()))
                    best = each;
            }
            if (best == carriers.end()) continue;
            INFO(producer << "/" << stem);
            const std::string text = awsauth_test::read_file(file.path());
            const auto document = nlohmann::json::parse(text);
            const auto& expected = document.at(best->second.credentials_key);
            const bool camel = expected.contains("accessKeyId");
            const awsauth::credentials view = best->second.read(text);
            CHECK(view.access_key_id == expected.at(camel ? "accessKeyId" : "AccessKeyId").get<std::string>());
            CHECK(view.secret_access_key ==
                  expected.at(camel ? "secretAccessKey" : "SecretAccessKey").get<std::string>());
            REQUIRE(view.session_token.has_value());
            CHECK(*view.session_token == expected.at(camel ? "sessionToken" : "SessionToken").get<std::string>());
            REQUIRE(view.expiration.has_value());
            CHECK(*view.expiration == instant_of(expected.at(camel ? "expiration" : "Expiration")));
            if (*best->second.arn_pointer != '\0') {
                const auto arn = document.at(nlohmann::json::json_pointer(best->second.arn_pointer)).get<std::string>();
                REQUIRE(view.account_id.has_value());
                CHECK(*view.account_id == account_of_arn(arn));
            } else {
                CHECK_FALSE(view.account_id.has_value());
            }
            ++checked;
        }
    }
    // Seven STS operations and EKS Auth's, each from both producers, some in several variants.
    CHECK(checked >= 16);
}

TEST_CASE("credentials_of reads the structures that hold credentials on their own", "[credentials]") {
    const auto document = nlohmann::json::parse(data_file("awscli-v1/sts-assume-role-full.json"));
    const auto held = awsauth::parse<awsauth::sts::Credentials>(document.at("Credentials").dump());
    const awsauth::credentials view = awsauth::credentials_of(held);
    CHECK(view.access_key_id == document.at("/Credentials/AccessKeyId"_json_pointer).get<std::string>());
    CHECK(view.expiration == instant_of(document.at("/Credentials/Expiration"_json_pointer)));
    CHECK_FALSE(view.account_id.has_value());  // the ARN is beside the credentials, not in them
}

TEST_CASE("SSO's expiration is epoch milliseconds", "[credentials][sso]") {
    awsauth::sso::GetRoleCredentialsResponse answer;
    answer.role_credentials =
        awsauth::sso::RoleCredentials{"ASIAEXAMPLE", "secret-key", "session-token", std::int64_t{1700000000123}};
    const awsauth::credentials view = awsauth::credentials_of(answer);
    CHECK(view.expiration == instant("2023-11-14T22:13:20.123Z"));
    CHECK(view.session_token == "session-token");
    CHECK_FALSE(view.account_id.has_value());

    SECTION("without an expiration the view has none") {
        answer.role_credentials->expiration.reset();
        CHECK_FALSE(awsauth::credentials_of(answer).expiration.has_value());
    }
    SECTION("the last millisecond of 9999 is in range, the next is not") {
        answer.role_credentials->expiration = std::int64_t{253402300799999};
        CHECK(awsauth::credentials_of(answer).expiration == instant("9999-12-31T23:59:59.999Z"));
        answer.role_credentials->expiration = std::int64_t{253402300800000};
        try {
            (void)awsauth::credentials_of(answer);
            FAIL("expected an error");
        } catch (const awsauth::error& failure) {
            CHECK(failure.kind() == awsauth::error_kind::out_of_range);
            CHECK(failure.path() == "/roleCredentials/expiration");
        }
    }
    SECTION("the first millisecond of year 1 is in range, the one before is not") {
        answer.role_credentials->expiration = std::int64_t{-62135596800000};
        CHECK(awsauth::credentials_of(answer).expiration == instant("0001-01-01T00:00:00Z"));
        answer.role_credentials->expiration = std::int64_t{-62135596800001};
        CHECK_THROWS_AS(awsauth::credentials_of(answer), awsauth::error);
        answer.role_credentials->expiration = std::numeric_limits<std::int64_t>::min();
        CHECK_THROWS_AS(awsauth::credentials_of(answer), awsauth::error);
    }
    SECTION("an answer without roleCredentials is refused at its path") {
        answer.role_credentials.reset();
        try {
            (void)awsauth::credentials_of(answer);
            FAIL("expected an error");
        } catch (const awsauth::error& failure) {
            CHECK(failure.kind() == awsauth::error_kind::missing_member);
            CHECK(failure.path() == "/roleCredentials");
        }
    }
    SECTION("role credentials without a key are refused at the key's path") {
        answer.role_credentials->secret_access_key.reset();
        try {
            (void)awsauth::credentials_of(answer);
            FAIL("expected an error");
        } catch (const awsauth::error& failure) {
            CHECK(failure.kind() == awsauth::error_kind::missing_member);
            CHECK(failure.path() == "/roleCredentials/secretAccessKey");
        }
    }
}

TEST_CASE("the container document's own AccountId wins", "[credentials][container]") {
    const awsauth::container::Credentials served{"ASIAEXAMPLE",
                                                 "secret-key",
                                                 "session-token",
                                                 "111122223333",
                                                 "arn:aws:iam::444455556666:role/task",
                                                 instant("2026-11-27T12:00:00Z")};
    const awsauth::credentials view = awsauth::credentials_of(served);
    CHECK(view.account_id == "111122223333");
    CHECK(view.session_token == "session-token");
    CHECK(view.expiration == instant("2026-11-27T12:00:00Z"));
}

TEST_CASE("long-term keys have no session token and never expire", "[credentials][credential_process]") {
    const awsauth::credential_process::Credentials printed{1, "AKIAEXAMPLE", "secret-key", {}, {}};
    const awsauth::credentials view = awsauth::credentials_of(printed);
    CHECK(view.access_key_id == "AKIAEXAMPLE");
    CHECK_FALSE(view.session_token.has_value());
    CHECK_FALSE(view.expiration.has_value());
    CHECK_FALSE(view.expires_within(std::chrono::hours{24 * 365 * 100}, instant("9000-01-01T00:00:00Z")));
}

TEST_CASE("IMDS: a Code other than Success is refused, an absent Code is not", "[credentials][imds]") {
    awsauth::imds::Credentials answer;
    answer.access_key_id = "ASIAEXAMPLE";
    answer.secret_access_key = "imds-secret-key";
    answer.token = "imds-session-token";
    answer.expiration = instant("2026-11-27T12:00:00Z");

    SECTION("moto's answer has no Code") {
        CHECK(awsauth::credentials_of(answer).access_key_id == "ASIAEXAMPLE");
    }
    SECTION("Success") {
        answer.code = "Success";
        CHECK(awsauth::credentials_of(answer).session_token == "imds-session-token");
    }
    SECTION("another Code, even with keys beside it") {
        answer.code = "AssumeRoleUnauthorizedAccess";
        try {
            (void)awsauth::credentials_of(answer);
            FAIL("expected an error");
        } catch (const awsauth::error& failure) {
            CHECK(failure.kind() == awsauth::error_kind::constraint_violated);
            CHECK(failure.path() == "/Code");
            CHECK(std::string(failure.what()).find("imds-secret-key") == std::string::npos);
            CHECK(std::string(failure.what()).find("imds-session-token") == std::string::npos);
        }
    }
    SECTION("a failure answer without keys names the first missing one") {
        awsauth::imds::Credentials failure_answer;
        failure_answer.code = "Success";
        failure_answer.access_key_id = "ASIAEXAMPLE";
        try {
            (void)awsauth::credentials_of(failure_answer);
            FAIL("expected an error");
        } catch (const awsauth::error& failure) {
            CHECK(failure.kind() == awsauth::error_kind::missing_member);
            CHECK(failure.path() == "/SecretAccessKey");
        }
    }
}

TEST_CASE("an STS answer without Credentials is refused at /Credentials", "[credentials]") {
    awsauth::sts::GetSessionTokenResponse answer;
    try {
        (void)awsauth::credentials_of(answer);
        FAIL("expected an error");
    } catch (const awsauth::error& failure) {
        CHECK(failure.kind() == awsauth::error_kind::missing_member);
        CHECK(failure.path() == "/Credentials");
    }
}

TEST_CASE("the account comes only from a well-formed ARN", "[credentials]") {
    awsauth::sts::AssumeRoleResponse answer;
    answer.credentials = awsauth::sts::Credentials{"ASIAEXAMPLE", "secret", "token", instant("2026-11-27T12:00:00Z")};
    const auto account_for = [&](std::string arn) {
        answer.assumed_role_user = awsauth::sts::AssumedRoleUser{"AROAEXAMPLE:session", std::move(arn)};
        return awsauth::credentials_of(answer).account_id;
    };
    CHECK(account_for("arn:aws:sts::123456789012:assumed-role/role/session") == "123456789012");
    CHECK(account_for("arn:aws-cn:sts::123456789012:assumed-role/role/session") == "123456789012");
    CHECK_FALSE(account_for("arn:aws:sts::12345678901:assumed-role/role/session").has_value());
    CHECK_FALSE(account_for("arn:aws:sts::1234567890123:assumed-role/role/session").has_value());
    CHECK_FALSE(account_for("arn:aws:sts::12345678901x:assumed-role/role/session").has_value());
    CHECK_FALSE(account_for("urn:aws:sts::123456789012:assumed-role/role/session").has_value());
    CHECK(account_for("arn:aws:sts::123456789012") == "123456789012");  // no resource part: still an account
    CHECK_FALSE(account_for("arn:aws:sts").has_value());
    CHECK_FALSE(account_for("").has_value());
    answer.assumed_role_user.reset();
    CHECK_FALSE(awsauth::credentials_of(answer).account_id.has_value());
}

TEST_CASE("expires_within compares the expiration with now plus the margin", "[credentials]") {
    awsauth::credentials view{"ASIAEXAMPLE", "secret", "token", instant("2026-11-27T12:00:00Z"), {}};
    const awsauth::timestamp now = instant("2026-11-27T11:55:00Z");
    CHECK_FALSE(view.expires_within(0s, now));
    CHECK_FALSE(view.expires_within(5min - 1us, now));
    CHECK(view.expires_within(5min, now));  // expired at the end of the margin counts
    CHECK(view.expires_within(0s, instant("2026-11-27T12:00:00Z")));
    CHECK(view.expires_within(0s, instant("2026-11-27T12:00:01Z")));
}

TEST_CASE("the view prints redacted and reads and writes as JSON", "[credentials]") {
    const awsauth::credentials view{"ASIAEXAMPLE", "view-secret-key", "view-session-token",
                                    instant("2026-11-27T12:00:00.5Z"), "123456789012"};
    std::ostringstream printed;
    printed << view;
    CHECK(printed.str().find("ASIAEXAMPLE") != std::string::npos);
    CHECK(printed.str().find("view-secret-key") == std::string::npos);
    CHECK(printed.str().find("view-session-token") == std::string::npos);

    const std::string text = awsauth::dump(view);
    const auto document = nlohmann::json::parse(text);
    CHECK(document.at("SecretAccessKey") == "view-secret-key");
    CHECK(document.at("SessionToken") == "view-session-token");
    CHECK(document.at("AccountId") == "123456789012");
    CHECK(awsauth::parse<awsauth::credentials>(text) == view);
}

TEST_CASE("carries_credentials_v says which payloads credentials_of takes", "[credentials]") {
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::sts::AssumeRoleResponse>);
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::sts::Credentials>);
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::eks_auth::Credentials>);
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::sso::GetRoleCredentialsResponse>);
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::sso::RoleCredentials>);
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::container::Credentials>);
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::imds::Credentials>);
    STATIC_REQUIRE(awsauth::carries_credentials_v<awsauth::credential_process::Credentials>);
    STATIC_REQUIRE_FALSE(awsauth::carries_credentials_v<awsauth::sts::GetCallerIdentityResponse>);
    STATIC_REQUIRE_FALSE(awsauth::carries_credentials_v<awsauth::sts::AssumedRoleUser>);
    STATIC_REQUIRE_FALSE(awsauth::carries_credentials_v<awsauth::credentials>);
}

TEST_CASE("credentials_of reads the cited and captured source documents", "[credentials][sources]") {
    SECTION("the EKS Pod Identity agent: its own AccountId, nine fraction digits truncated") {
        const std::string text = data_file("sources/container/eks-pod-identity-agent.json");
        const auto document = nlohmann::json::parse(text);
        const auto view = awsauth::credentials_of(awsauth::parse<awsauth::container::Credentials>(text));
        CHECK(view.access_key_id == document.at("AccessKeyId").get<std::string>());
        CHECK(view.session_token == document.at("Token").get<std::string>());
        CHECK(view.account_id == document.at("AccountId").get<std::string>());
        CHECK(view.expiration == instant("1996-03-27T07:45:23.123456Z"));
    }
    SECTION("ECS: no AccountId, and none made up from its RoleArn") {
        const std::string text = data_file("sources/container/ecs-task-role.json");
        const auto view = awsauth::credentials_of(awsauth::parse<awsauth::container::Credentials>(text));
        CHECK(view.access_key_id == nlohmann::json::parse(text).at("AccessKeyId").get<std::string>());
        CHECK_FALSE(view.account_id.has_value());
    }
    SECTION("the EC2 guide's IMDS answer") {
        const std::string text = data_file("sources/imds/ec2-user-guide-example.json");
        const auto view = awsauth::credentials_of(awsauth::parse<awsauth::imds::Credentials>(text));
        CHECK(view.access_key_id == "ASIAIOSFODNN7EXAMPLE");
        CHECK(view.session_token == "token");
        CHECK(view.expiration == instant("2017-05-17T15:09:54Z"));
    }
    SECTION("moto's IMDS answer, without a Code") {
        const std::string text = data_file("sources/imds/moto-role-credentials.json");
        const auto document = nlohmann::json::parse(text);
        const auto view = awsauth::credentials_of(awsauth::parse<awsauth::imds::Credentials>(text));
        CHECK(view.secret_access_key == document.at("SecretAccessKey").get<std::string>());
        CHECK(view.expiration == instant_of(document.at("Expiration")));
    }
    SECTION("botocore's IMDS failure fixture is refused at its Code") {
        const auto failed =
            awsauth::parse<awsauth::imds::Credentials>(data_file("sources/imds/botocore-failure-fixture.json"));
        try {
            (void)awsauth::credentials_of(failed);
            FAIL("expected an error");
        } catch (const awsauth::error& failure) {
            CHECK(failure.kind() == awsauth::error_kind::constraint_violated);
            CHECK(failure.path() == "/Code");
        }
    }
    SECTION("credential_process: botocore's long-term and temporary outputs") {
        const auto long_term = awsauth::credentials_of(awsauth::parse<awsauth::credential_process::Credentials>(
            data_file("sources/credential-process/botocore-long-term.json")));
        CHECK_FALSE(long_term.session_token.has_value());
        CHECK_FALSE(long_term.expiration.has_value());
        const std::string text = data_file("sources/credential-process/botocore-temporary.json");
        const auto temporary = awsauth::credentials_of(awsauth::parse<awsauth::credential_process::Credentials>(text));
        CHECK(temporary.session_token == nlohmann::json::parse(text).at("SessionToken").get<std::string>());
        CHECK(temporary.expiration == instant_of(nlohmann::json::parse(text).at("Expiration")));
    }
    SECTION("the AWS CLI's assume-role cache file: the account from its ARN equals the one it added") {
        const std::string text = data_file("sources/cli-cache/assume-role.json");
        const auto document = nlohmann::json::parse(text);
        const auto view = awsauth::credentials_of(awsauth::parse<awsauth::sts::AssumeRoleResponse>(text));
        CHECK(view.account_id == document.at("/Credentials/AccountId"_json_pointer).get<std::string>());
        CHECK(view.session_token == document.at("/Credentials/SessionToken"_json_pointer).get<std::string>());
    }
}
