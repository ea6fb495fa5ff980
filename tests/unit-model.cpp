// tests/unit-model.cpp: the shape of the generated types: every model structure present, member names and types,
// optionality, aggregates with complete default initialization, equality, error metadata and the stub aliases.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;

// Names and types follow the model: snake_case, acronym runs kept, keywords with a trailing underscore.
static_assert(std::is_same_v<decltype(sts::AssumeRoleRequest::role_arn), std::string>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleRequest::role_session_name), std::string>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleRequest::policy_arns),
                             std::optional<std::vector<sts::PolicyDescriptorType>>>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleRequest::duration_seconds), std::optional<std::int32_t>>);
static_assert(
    std::is_same_v<decltype(sts::AssumeRoleRequest::transitive_tag_keys), std::optional<std::vector<std::string>>>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleRequest::provided_contexts),
                             std::optional<std::vector<sts::ProvidedContext>>>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleWithSAMLRequest::saml_assertion), std::string>);
static_assert(std::is_same_v<decltype(sts::AssumeRootRequest::task_policy_arn), sts::PolicyDescriptorType>);
static_assert(std::is_same_v<decltype(sts::PolicyDescriptorType::arn), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(sts::GetWebIdentityTokenRequest::audience), std::vector<std::string>>);
static_assert(std::is_same_v<decltype(sts::Credentials::access_key_id), std::string>);
static_assert(std::is_same_v<decltype(sts::Credentials::expiration), awsauth::timestamp>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleResponse::credentials), std::optional<sts::Credentials>>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleResponse::packed_policy_size), std::optional<std::int32_t>>);
static_assert(
    std::is_same_v<decltype(sts::AssumeRoleResponse::response_metadata), std::optional<awsauth::ResponseMetadata>>);
static_assert(std::is_same_v<decltype(sts::AssumeRoleWithWebIdentityResponse::subject_from_web_identity_token),
                             std::optional<std::string>>);
static_assert(
    std::is_same_v<decltype(sts::GetWebIdentityTokenResponse::expiration), std::optional<awsauth::timestamp>>);
static_assert(std::is_same_v<decltype(eks_auth::Subject::namespace_), std::string>);
static_assert(std::is_same_v<decltype(eks_auth::Subject::service_account), std::string>);
static_assert(std::is_same_v<decltype(eks_auth::AssumedRoleUser::assume_role_id), std::string>);
static_assert(std::is_same_v<decltype(eks_auth::Credentials::session_token), std::string>);
static_assert(std::is_same_v<decltype(eks_auth::Credentials::expiration), awsauth::timestamp>);
static_assert(std::is_same_v<decltype(eks_auth::AssumeRoleForPodIdentityResponse::credentials), eks_auth::Credentials>);
static_assert(std::is_same_v<decltype(eks_auth::AssumeRoleForPodIdentityResponse::response_metadata),
                             std::optional<awsauth::ResponseMetadata>>);
static_assert(
    std::is_same_v<decltype(eks_auth::AssumeRoleForPodIdentityRequest::eks_node_name), std::optional<std::string>>);
static_assert(
    std::is_same_v<decltype(eks_auth::AssumeRoleForPodIdentityRequest::instance_id), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(eks_auth::AssumeRoleForPodIdentityRequest::zone), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(awsauth::ResponseMetadata::http_status_code), std::int32_t>);
static_assert(std::is_same_v<decltype(awsauth::ResponseMetadata::host_id), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(awsauth::ResponseMetadata::http_headers), std::map<std::string, std::string>>);
static_assert(std::is_same_v<decltype(sts::ExpiredTokenException::message), std::optional<std::string>>);

// The stub names a boto3 user knows, current and older spellings.
static_assert(std::is_same_v<sts::type_defs::AssumeRoleRequestTypeDef, sts::AssumeRoleRequest>);
static_assert(std::is_same_v<sts::type_defs::AssumeRoleRequestRequestTypeDef, sts::AssumeRoleRequest>);
static_assert(std::is_same_v<sts::type_defs::GetSessionTokenRequestRequestTypeDef, sts::GetSessionTokenRequest>);
static_assert(std::is_same_v<sts::type_defs::PolicyDescriptorTypeTypeDef, sts::PolicyDescriptorType>);
static_assert(std::is_same_v<sts::type_defs::CredentialsTypeDef, sts::Credentials>);
static_assert(std::is_same_v<sts::type_defs::AssumeRoleResponseTypeDef, sts::AssumeRoleResponse>);
static_assert(std::is_same_v<sts::type_defs::ResponseMetadataTypeDef, awsauth::ResponseMetadata>);
static_assert(std::is_same_v<eks_auth::type_defs::CredentialsTypeDef, eks_auth::Credentials>);
static_assert(std::is_same_v<eks_auth::type_defs::AssumeRoleForPodIdentityRequestRequestTypeDef,
                             eks_auth::AssumeRoleForPodIdentityRequest>);
static_assert(std::is_same_v<eks_auth::type_defs::SubjectTypeDef, eks_auth::Subject>);
static_assert(std::is_same_v<eks_auth::type_defs::ResponseMetadataTypeDef, awsauth::ResponseMetadata>);

// A user's class derived from a generated struct is not taken for it: its own members would be dropped silently.
struct credentials_with_profile : sts::Credentials {
    std::string profile{};
};
static_assert(!awsauth::is_described_v<credentials_with_profile>);
static_assert(awsauth::is_described_v<sts::Credentials>);
static_assert(!awsauth::is_described_v<std::vector<sts::Tag>>);
static_assert(!awsauth::is_described_v<std::optional<sts::Tag>>);

// Error shapes carry what AWS sends with them.
static_assert(sts::ExpiredTokenException::error_code == "ExpiredTokenException");
static_assert(sts::ExpiredTokenException::http_status_code == 400);
static_assert(sts::IDPRejectedClaimException::error_code == "IDPRejectedClaim");
static_assert(sts::IDPRejectedClaimException::http_status_code == 403);
static_assert(eks_auth::ThrottlingException::http_status_code == 429);
static_assert(eks_auth::ResourceNotFoundException::error_code == "ResourceNotFoundException");

namespace {

template <class T>
void check_plain_struct() {
    static_assert(std::is_aggregate_v<T>);
    static_assert(awsauth::is_described_v<T>);
    static_assert(std::is_default_constructible_v<T> && std::is_copy_constructible_v<T>);
    const T value{};
    CHECK(value == T{});
    CHECK_FALSE(value != T{});
    // A value-initialized struct writes and reads back; required members are present even when empty.
    const auto text = awsauth::dump(value);
    CHECK(awsauth::parse<T>(text) == value);
    CHECK(nlohmann::json::parse(text).size() == nlohmann::json(value).size());
}

template <class ForEachShape>
std::size_t check_every_shape(ForEachShape for_each_shape) {
    std::size_t shapes = 0;
    for_each_shape([&](std::string_view, auto tag) {
        check_plain_struct<typename decltype(tag)::type>();
        ++shapes;
    });
    return shapes;
}

}  // namespace

TEST_CASE("every structure shape of both models is a plain aggregate with JSON adapters", "[model]") {
    // sts 2011-06-15 has 40 structure shapes, eks-auth 2023-11-26 has 15 (unit-model-coverage checks which).
    CHECK(check_every_shape([](auto&& visit) { sts::for_each_shape(visit); }) == 40);
    CHECK(check_every_shape([](auto&& visit) { eks_auth::for_each_shape(visit); }) == 15);
    check_plain_struct<awsauth::ResponseMetadata>();
}

TEST_CASE("field tables hold every model member under its exact key", "[model]") {
    CHECK(awsauth::field_count_v<sts::AssumeRoleRequest> == 12);
    CHECK(awsauth::field_count_v<sts::AssumeRoleResponse> == 5);  // 4 from the model + ResponseMetadata
    CHECK(awsauth::field_count_v<sts::Credentials> == 4);
    CHECK(awsauth::field_count_v<eks_auth::AssumeRoleForPodIdentityRequest> == 5);  // 2 + the 2026 overlay's 3
    CHECK(awsauth::field_count_v<sts::GetCallerIdentityRequest> == 0);
    CHECK(awsauth::dump(sts::PolicyDescriptorType{std::string("arn:aws:iam::aws:policy/ReadOnly")}) ==
          R"({"arn":"arn:aws:iam::aws:policy/ReadOnly"})");
    CHECK(awsauth::dump(sts::AssumeRoleWithSAMLRequest{}) == R"({"RoleArn":"","PrincipalArn":"","SAMLAssertion":""})");
}

TEST_CASE("T value{} is fully initialized", "[model]") {
    const awsauth::ResponseMetadata metadata{};
    CHECK(metadata.http_status_code == 0);
    CHECK(metadata.retry_attempts == 0);
    CHECK(metadata.request_id.empty());
    const sts::Credentials credentials{};
    CHECK(credentials.expiration.time_since_epoch().count() == 0);
}

TEST_CASE("equality compares every member", "[model]") {
    sts::AssumeRoleRequest a{};
    a.role_arn = "arn:aws:iam::123456789012:role/demo";
    a.tags = std::vector<sts::Tag>{{"k", "v"}};
    sts::AssumeRoleRequest b = a;
    CHECK(a == b);
    (*b.tags)[0].value = "other";
    CHECK(a != b);
    b = a;
    b.external_id = "x";
    CHECK(a != b);
}

#if __cplusplus >= 202002L
TEST_CASE("C++20 designated initializers name only what they need", "[model]") {
    const sts::AssumeRoleRequest request{
        .role_arn = "arn:aws:iam::123456789012:role/demo",
        .role_session_name = "session",
        .duration_seconds = 900,
    };
    CHECK(awsauth::dump(request) ==
          R"({"RoleArn":"arn:aws:iam::123456789012:role/demo","RoleSessionName":"session","DurationSeconds":900})");
    const eks_auth::AssumeRoleForPodIdentityRequest pod{.cluster_name = "c", .token = "t", .zone = "use1-az4"};
    CHECK(awsauth::dump(pod) == R"({"clusterName":"c","token":"t","zone":"use1-az4"})");
}
#endif

namespace {

template <class Credentials>
std::string describe_credentials(const Credentials& credentials) {
    return credentials.access_key_id + " until " + awsauth::format_timestamp(credentials.expiration);
}

template <class T>
std::string keys_of() {
    std::string keys;
    awsauth::for_each_field<T>([&](const auto& field) {
        keys += keys.empty() ? "" : ",";
        keys += field.key;
    });
    return keys;
}

}  // namespace

TEST_CASE("generic code serves both services' credentials through shared member names", "[model]") {
    const awsauth::timestamp at{date::sys_days{date::year{2026} / 11 / 23}};
    CHECK(describe_credentials(sts::Credentials{"ASIASTS", "s", "t", at}) == "ASIASTS until 2026-11-23T00:00:00+00:00");
    CHECK(describe_credentials(eks_auth::Credentials{"t", "s", "ASIAEKS", at}) ==
          "ASIAEKS until 2026-11-23T00:00:00+00:00");
    CHECK(keys_of<sts::Credentials>() == "AccessKeyId,SecretAccessKey,SessionToken,Expiration");
    CHECK(keys_of<eks_auth::Credentials>() == "sessionToken,secretAccessKey,accessKeyId,expiration");
}
