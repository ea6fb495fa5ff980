// tests/unit-print.cpp: operator<< and awsauth::redacted: every secret member of every shape prints as "***", every
// other value prints as dump would write it, and the operator touches no type that is not ours.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>

#include <cstdint>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;
namespace sso = awsauth::sso;
using awsauth_test::data_file;

namespace {

// Every member filled, every string distinct and random-looking, so that no 8-byte run of one occurs in another.
class filler {
public:
    void fill(std::string& value) {
        static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        value.clear();
        for (int i = 0; i < 24; ++i)
            value += alphabet[next() % 62];
    }
    void fill(std::int32_t& value) { value = static_cast<std::int32_t>(900 + next() % 1000); }
    void fill(std::int64_t& value) { value = 1700000000000 + static_cast<std::int64_t>(next() % 1000); }
    void fill(awsauth::timestamp& value) {
        using namespace std::chrono;
        value = date::sys_days{date::year{2026} / 11 / 23} + hours{16} + minutes{18} + seconds{43};
    }
    void fill(std::map<std::string, std::string>& value) {
        std::string key;
        fill(key);
        fill(value[key]);
    }
    template <class T>
    void fill(std::optional<T>& value) {
        fill(value.emplace());
    }
    template <class T>
    void fill(std::vector<T>& value) {
        value.resize(2);
        for (auto& element : value)
            fill(element);
    }
    template <class T, std::enable_if_t<awsauth::is_described_v<T>, int> = 0>
    void fill(T& value) {
        awsauth::for_each_field<T>([&](const auto& field) { fill(value.*(field.member)); });
    }

private:
    std::uint64_t next() {  // xorshift64: deterministic, no <random> distribution differences between libraries
        state_ ^= state_ << 13;
        state_ ^= state_ >> 7;
        state_ ^= state_ << 17;
        return state_;
    }
    std::uint64_t state_ = 0x9E3779B97F4A7C15u;
};

template <class T>
T filled() {
    T value{};
    filler{}.fill(value);
    return value;
}

template <class T>
std::string streamed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// Calls visit(qualified shape name, type_tag) for every generated struct.
template <class Visitor>
void for_every_shape(Visitor&& visit) {
    sts::for_each_shape([&](std::string_view name, auto tag) { visit("sts::" + std::string(name), tag); });
    eks_auth::for_each_shape([&](std::string_view name, auto tag) { visit("eks_auth::" + std::string(name), tag); });
    sso::for_each_shape([&](std::string_view name, auto tag) { visit("sso::" + std::string(name), tag); });
    // The documents no AWS model describes (overlay.json's "sources"), one struct each.
    visit(std::string("container::Credentials"), awsauth::type_tag<awsauth::container::Credentials>{});
    visit(std::string("imds::Credentials"), awsauth::type_tag<awsauth::imds::Credentials>{});
    visit(std::string("credential_process::Credentials"),
          awsauth::type_tag<awsauth::credential_process::Credentials>{});
    visit(std::string("awsauth::ResponseMetadata"), awsauth::type_tag<awsauth::ResponseMetadata>{});
}

template <class Stream, class T, class = void>
struct is_streamable : std::false_type {};
template <class Stream, class T>
struct is_streamable<Stream, T, std::void_t<decltype(std::declval<Stream&>() << std::declval<const T&>())>>
    : std::true_type {};

struct derived_tag : sts::Tag {
    std::string note;
};

}  // namespace

TEST_CASE("the secret members are the models' sensitive ones and the session tokens", "[print][secrets]") {
    // Read off the vendored models by hand: every `sensitive` shape and the members that hold one; EKS Auth's
    // Credentials shape is sensitive as a whole, so all its members are. Plus tools/models/overlay.json's two names.
    const std::set<std::string> expected = {
        "sts::Credentials.SecretAccessKey",
        "sts::Credentials.SessionToken",
        "sts::AssumeRoleWithSAMLRequest.SAMLAssertion",
        "sts::AssumeRoleWithWebIdentityRequest.WebIdentityToken",
        "sts::GetDelegatedAccessTokenRequest.TradeInToken",
        "sts::GetWebIdentityTokenResponse.WebIdentityToken",
        "eks_auth::AssumeRoleForPodIdentityRequest.token",
        "eks_auth::AssumeRoleForPodIdentityResponse.credentials",
        "eks_auth::Credentials.sessionToken",
        "eks_auth::Credentials.secretAccessKey",
        "eks_auth::Credentials.accessKeyId",
        "eks_auth::Credentials.expiration",
        // SSO: the model marks the bearer token and the role credentials' secret key and session token sensitive.
        "sso::GetRoleCredentialsRequest.accessToken",
        "sso::ListAccountRolesRequest.accessToken",
        "sso::ListAccountsRequest.accessToken",
        "sso::LogoutRequest.accessToken",
        "sso::RoleCredentials.secretAccessKey",
        "sso::RoleCredentials.sessionToken",
        "container::Credentials.SecretAccessKey",
        "container::Credentials.Token",
        "imds::Credentials.SecretAccessKey",
        "imds::Credentials.Token",
        "credential_process::Credentials.SecretAccessKey",
        "credential_process::Credentials.SessionToken",
    };
    std::set<std::string> secret_members;
    std::set<std::string> secret_shapes;
    for_every_shape([&](const std::string& name, auto tag) {
        using T = typename decltype(tag)::type;
        if (awsauth::is_secret_shape_v<T>) secret_shapes.insert(name);
        awsauth::for_each_field<T>([&](const auto& field) {
            if (field.secret) secret_members.insert(name + "." + std::string(field.key));
        });
    });
    CHECK(secret_members == expected);
    CHECK(secret_shapes == std::set<std::string>{"eks_auth::Credentials"});
}

TEST_CASE("every shape with every member filled: secrets print as \"***\", everything else is shown", "[print]") {
    std::size_t shapes = 0;
    std::size_t secrets_checked = 0;
    for_every_shape([&](const std::string& name, auto tag) {
        using T = typename decltype(tag)::type;
        INFO(name);
        const T value = filled<T>();
        const std::string printed = streamed(value);
        INFO(printed);
        CHECK(printed == awsauth::redacted(value));
        CHECK(printed.find('\n') == std::string::npos);

        const auto secrets = awsauth_test::secret_strings(value);
        CHECK(awsauth_test::secret_runs(secrets).leaked_in(printed) == nullptr);
        for (const auto& shown : awsauth_test::shown_strings(value))
            CHECK(printed.find('"' + shown + '"') != std::string::npos);
        if constexpr (awsauth::is_secret_shape_v<T>) {
            CHECK(printed == R"("***")");
        } else {
            awsauth::for_each_field<T>([&](const auto& field) {
                const bool marked = printed.find('"' + std::string(field.key) + R"(":"***")") != std::string::npos;
                CHECK(marked == field.secret);
            });
        }
        secrets_checked += secrets.size();
        ++shapes;
    });
    CHECK(shapes == 40 + 15 + 15 + 3 + 1);
    CHECK(secrets_checked > 12);
}

TEST_CASE("an absent optional secret is left out; a present one shows that it is there", "[print]") {
    sts::AssumeRoleWithWebIdentityRequest request{};
    request.role_arn = "arn:aws:iam::123456789012:role/r";
    request.role_session_name = "s";
    CHECK(streamed(request) ==
          R"({"RoleArn":"arn:aws:iam::123456789012:role/r","RoleSessionName":"s","WebIdentityToken":"***"})");
    request.web_identity_token = "";  // required, so always present: an empty token still prints as "***"
    CHECK(streamed(request).find(R"("WebIdentityToken":"***")") != std::string::npos);

    sts::AssumeRoleResponse response{};
    CHECK(streamed(response) == "{}");
    response.credentials.emplace();
    CHECK(
        streamed(response) ==
        R"({"Credentials":{"AccessKeyId":"","SecretAccessKey":"***","SessionToken":"***","Expiration":"1970-01-01T00:00:00Z"}})");
}

TEST_CASE("real payloads print as their identifiers and \"***\"", "[print]") {
    // Expected lines written from the files by hand: keys in model order, secrets replaced, Expiration as given.
    CHECK(streamed(awsauth::parse<sts::AssumeRoleResponse>(data_file("awscli-v1/sts-assume-role-full.json"))) ==
          R"({"Credentials":{"AccessKeyId":"ASIARZPUZDIKPCBPXTGU","SecretAccessKey":"***","SessionToken":"***",)"
          R"("Expiration":"2026-11-23T17:43:29.491019Z"},"AssumedRoleUser":{"AssumedRoleId":)"
          R"("AROA3X42LBCDMO0YPI5FS:awsauth-full","Arn":)"
          R"("arn:aws:sts::123456789012:assumed-role/AuthTestRole/awsauth-full"},"PackedPolicySize":6})");

    CHECK(
        streamed(awsauth::parse<eks_auth::AssumeRoleForPodIdentityResponse>(
            data_file("wire/eks-auth-assume-role-for-pod-identity-epoch-int.json"))) ==
        R"({"subject":{"namespace":"default","serviceAccount":"my-app"},"audience":"pods.eks.amazonaws.com",)"
        R"("podIdentityAssociation":{"associationArn":)"
        R"("arn:aws:eks:us-east-1:123456789012:podidentityassociation/my-cluster/a-ebw2adxhmvvnqwxet",)"
        R"("associationId":"a-ebw2adxhmvvnqwxet"},"assumedRoleUser":{"arn":)"
        R"("arn:aws:sts::123456789012:assumed-role/my-app-pod-role/eks-my-cluster-my-app-7d9-8f14e45f-ceea-467f-a9ac-2f1c3e5d6b7a",)"
        R"("assumeRoleId":"AROA3X42LBCDPODROLE01:eks-my-cluster-my-app-7d9-8f14e45f-ceea-467f-a9ac-2f1c3e5d6b7a"},)"
        R"("credentials":"***"})");

    CHECK(streamed(awsauth::parse<sts::AssumeRoleWithSAMLRequest>(
              data_file("examples/sts-assume-role-with-saml-0.input.json"))) ==
          R"({"RoleArn":"arn:aws:iam::123456789012:role/TestSaml",)"
          R"("PrincipalArn":"arn:aws:iam::123456789012:saml-provider/SAML-test","SAMLAssertion":"***",)"
          R"("DurationSeconds":3600})");

    CHECK(streamed(awsauth::parse<sts::GetCallerIdentityResponse>(
              data_file("boto3-isoformat/sts-get-caller-identity.json"))) ==
          R"({"UserId":"AKIAIOSFODNN7EXAMPLE","Account":"123456789012","Arn":"arn:aws:sts::123456789012:user/moto",)"
          R"("ResponseMetadata":{"RequestId":"sc06oxYJmKNpCGNTzaSs18riUsmBQJXOzfnZyOam5tgjCHFHyfjJ",)"
          R"("HTTPStatusCode":200,"HTTPHeaders":{"content-type":"text/xml","date":"Mon, 23 Nov 2026 17:13:30 GMT",)"
          R"("server":"amazon.com","x-amzn-requestid":"sc06oxYJmKNpCGNTzaSs18riUsmBQJXOzfnZyOam5tgjCHFHyfjJ"},)"
          R"("RetryAttempts":0}})");
}

TEST_CASE("SSO's role credentials print with their key id and expiration, the secrets as \"***\"", "[print]") {
    // As the SSO portal answers (AWS's example in the GetRoleCredentials reference), read through the wire codec's
    // own JSON rules; the secret key and token must not show, the bearer token of the request neither.
    const auto response = awsauth::parse<sso::GetRoleCredentialsResponse>(
        R"({"roleCredentials":{"accessKeyId":"ASIAEXAMPLEKEYID","secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",)"
        R"("sessionToken":"IQoJb3JpZ2luX2VjEXAMPLEsessiontoken","expiration":1700000000000}})");
    CHECK(streamed(response) == R"({"roleCredentials":{"accessKeyId":"ASIAEXAMPLEKEYID","secretAccessKey":"***",)"
                                R"("sessionToken":"***","expiration":1700000000000}})");
    const sso::GetRoleCredentialsRequest request{"ReadOnly", "123456789012", "aoaAAAAAGEXAMPLEbearertoken"};
    CHECK(streamed(request) == R"({"roleName":"ReadOnly","accountId":"123456789012","accessToken":"***"})");
}

TEST_CASE("without secrets, the printed line is the compact dump with Z timestamps", "[print]") {
    // Two implementations of the same layout agreeing: the printer and nlohmann's serializer.
    const awsauth::dump_options compact_z{-1, awsauth::timestamp_format::iso8601_z};
    const auto same = [&](auto value) {
        INFO(awsauth::dump(value, compact_z));
        CHECK(awsauth_test::secret_strings(value).empty());
        CHECK(streamed(value) == awsauth::dump(value, compact_z));
    };
    same(awsauth::parse<sts::GetCallerIdentityResponse>(data_file("boto3-str/sts-get-caller-identity.json")));
    same(awsauth::parse<sts::DecodeAuthorizationMessageResponse>(
        data_file("boto3-isoformat/sts-decode-authorization-message.json")));
    same(awsauth::parse<sts::GetAccessKeyInfoResponse>(data_file("awscli-v1/sts-get-access-key-info.json")));
    same(awsauth::parse<sts::AssumeRoleRequest>(data_file("examples/sts-assume-role-0.input.json")));
    sts::Tag control{};
    control.key = std::string("tab\tquote\"backslash\\nul") + '\0' + "\x01\x1f\x7f";
    control.value = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x91";
    same(control);
}

TEST_CASE("what dump refuses still prints: invalid UTF-8 as \\xNN, an out-of-range timestamp described", "[print]") {
    sts::Tag tag{};
    tag.key = "ok";
    tag.value = "bad\xff\xc3(";
    CHECK_THROWS_AS(awsauth::dump(tag), awsauth::error);
    CHECK(streamed(tag) == R"({"Key":"ok","Value":"bad\xff\xc3("})");

    sts::GetWebIdentityTokenResponse response{};
    response.expiration = awsauth::timestamp{} - std::chrono::hours{24 * 366 * 2000};
    CHECK_THROWS_AS(awsauth::dump(response), awsauth::error);
    CHECK(streamed(response) == R"x({"Expiration":"(a timestamp outside the years 0001 to 9999)"})x");
}

TEST_CASE("operator<< is found by ADL for the generated structs and for nothing else", "[print]") {
    static_assert(is_streamable<std::ostream, sts::Tag>::value);
    static_assert(is_streamable<std::ostream, eks_auth::Credentials>::value);
    static_assert(is_streamable<std::ostream, awsauth::ResponseMetadata>::value);
    static_assert(is_streamable<std::ostringstream, sts::AssumeRoleResponse>::value);
    // Not ours: a vector of our structs, a class derived from one, a wide stream.
    static_assert(!is_streamable<std::ostream, std::vector<sts::Tag>>::value);
    static_assert(!is_streamable<std::ostream, derived_tag>::value);
    static_assert(!is_streamable<std::wostream, sts::Tag>::value);
    // A stream's own formatting state applies to the line as a whole.
    std::ostringstream out;
    out << std::setw(20) << std::left << sts::PolicyDescriptorType{} << '|';
    CHECK(out.str() == "{}                  |");
}
