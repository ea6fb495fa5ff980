// tests/unit-model-coverage.cpp: the generated field tables against the vendored AWS models themselves, read here
// with nlohmann and no generator code: every structure shape, every member in model order, its kind and optionality.
#include "catch.hpp"
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;

namespace {

// What one member is, in the model's own words: key, shape type ("string", "list", ...), and whether optional.
struct member_description {
    std::string key;
    std::string kind;
    bool optional;

    bool operator==(const member_description& other) const {
        return key == other.key && kind == other.kind && optional == other.optional;
    }
};

std::ostream& operator<<(std::ostream& out, const member_description& member) {
    return out << member.key << ':' << member.kind << (member.optional ? "?" : "");
}

template <class T>
std::string kind_of() {
    if constexpr (awsauth::detail::is_optional_v<T>) {
        return kind_of<typename T::value_type>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        return "string";
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        return "integer";
    } else if constexpr (std::is_same_v<T, awsauth::timestamp>) {
        return "timestamp";
    } else if constexpr (awsauth::detail::is_vector_v<T>) {
        return "list";
    } else if constexpr (awsauth::detail::is_string_map_v<T>) {
        return "map";
    } else {
        static_assert(awsauth::is_described_v<T>);
        return "structure";
    }
}

template <class T>
std::vector<member_description> generated_members() {
    std::vector<member_description> members;
    awsauth::for_each_field<T>([&](const auto& field) {
        using member_type = typename std::decay_t<decltype(field)>::member_type;
        members.push_back(
            {std::string(field.key), kind_of<member_type>(), awsauth::detail::is_optional_v<member_type>});
    });
    return members;
}

using members_function = std::vector<member_description> (*)();

const std::map<std::string, members_function>& sts_structs() {
    static const std::map<std::string, members_function> table{
        {"AssumeRoleRequest", &generated_members<sts::AssumeRoleRequest>},
        {"AssumeRoleResponse", &generated_members<sts::AssumeRoleResponse>},
        {"AssumeRoleWithSAMLRequest", &generated_members<sts::AssumeRoleWithSAMLRequest>},
        {"AssumeRoleWithSAMLResponse", &generated_members<sts::AssumeRoleWithSAMLResponse>},
        {"AssumeRoleWithWebIdentityRequest", &generated_members<sts::AssumeRoleWithWebIdentityRequest>},
        {"AssumeRoleWithWebIdentityResponse", &generated_members<sts::AssumeRoleWithWebIdentityResponse>},
        {"AssumeRootRequest", &generated_members<sts::AssumeRootRequest>},
        {"AssumeRootResponse", &generated_members<sts::AssumeRootResponse>},
        {"AssumedRoleUser", &generated_members<sts::AssumedRoleUser>},
        {"Credentials", &generated_members<sts::Credentials>},
        {"DecodeAuthorizationMessageRequest", &generated_members<sts::DecodeAuthorizationMessageRequest>},
        {"DecodeAuthorizationMessageResponse", &generated_members<sts::DecodeAuthorizationMessageResponse>},
        {"ExpiredTokenException", &generated_members<sts::ExpiredTokenException>},
        {"ExpiredTradeInTokenException", &generated_members<sts::ExpiredTradeInTokenException>},
        {"FederatedUser", &generated_members<sts::FederatedUser>},
        {"GetAccessKeyInfoRequest", &generated_members<sts::GetAccessKeyInfoRequest>},
        {"GetAccessKeyInfoResponse", &generated_members<sts::GetAccessKeyInfoResponse>},
        {"GetCallerIdentityRequest", &generated_members<sts::GetCallerIdentityRequest>},
        {"GetCallerIdentityResponse", &generated_members<sts::GetCallerIdentityResponse>},
        {"GetDelegatedAccessTokenRequest", &generated_members<sts::GetDelegatedAccessTokenRequest>},
        {"GetDelegatedAccessTokenResponse", &generated_members<sts::GetDelegatedAccessTokenResponse>},
        {"GetFederationTokenRequest", &generated_members<sts::GetFederationTokenRequest>},
        {"GetFederationTokenResponse", &generated_members<sts::GetFederationTokenResponse>},
        {"GetSessionTokenRequest", &generated_members<sts::GetSessionTokenRequest>},
        {"GetSessionTokenResponse", &generated_members<sts::GetSessionTokenResponse>},
        {"GetWebIdentityTokenRequest", &generated_members<sts::GetWebIdentityTokenRequest>},
        {"GetWebIdentityTokenResponse", &generated_members<sts::GetWebIdentityTokenResponse>},
        {"IDPCommunicationErrorException", &generated_members<sts::IDPCommunicationErrorException>},
        {"IDPRejectedClaimException", &generated_members<sts::IDPRejectedClaimException>},
        {"InvalidAuthorizationMessageException", &generated_members<sts::InvalidAuthorizationMessageException>},
        {"InvalidIdentityTokenException", &generated_members<sts::InvalidIdentityTokenException>},
        {"JWTPayloadSizeExceededException", &generated_members<sts::JWTPayloadSizeExceededException>},
        {"MalformedPolicyDocumentException", &generated_members<sts::MalformedPolicyDocumentException>},
        {"OutboundWebIdentityFederationDisabledException",
         &generated_members<sts::OutboundWebIdentityFederationDisabledException>},
        {"PackedPolicyTooLargeException", &generated_members<sts::PackedPolicyTooLargeException>},
        {"PolicyDescriptorType", &generated_members<sts::PolicyDescriptorType>},
        {"ProvidedContext", &generated_members<sts::ProvidedContext>},
        {"RegionDisabledException", &generated_members<sts::RegionDisabledException>},
        {"SessionDurationEscalationException", &generated_members<sts::SessionDurationEscalationException>},
        {"Tag", &generated_members<sts::Tag>},
    };
    return table;
}

const std::map<std::string, members_function>& eks_auth_structs() {
    static const std::map<std::string, members_function> table{
        {"AccessDeniedException", &generated_members<eks_auth::AccessDeniedException>},
        {"AssumeRoleForPodIdentityRequest", &generated_members<eks_auth::AssumeRoleForPodIdentityRequest>},
        {"AssumeRoleForPodIdentityResponse", &generated_members<eks_auth::AssumeRoleForPodIdentityResponse>},
        {"AssumedRoleUser", &generated_members<eks_auth::AssumedRoleUser>},
        {"Credentials", &generated_members<eks_auth::Credentials>},
        {"ExpiredTokenException", &generated_members<eks_auth::ExpiredTokenException>},
        {"InternalServerException", &generated_members<eks_auth::InternalServerException>},
        {"InvalidParameterException", &generated_members<eks_auth::InvalidParameterException>},
        {"InvalidRequestException", &generated_members<eks_auth::InvalidRequestException>},
        {"InvalidTokenException", &generated_members<eks_auth::InvalidTokenException>},
        {"PodIdentityAssociation", &generated_members<eks_auth::PodIdentityAssociation>},
        {"ResourceNotFoundException", &generated_members<eks_auth::ResourceNotFoundException>},
        {"ServiceUnavailableException", &generated_members<eks_auth::ServiceUnavailableException>},
        {"Subject", &generated_members<eks_auth::Subject>},
        {"ThrottlingException", &generated_members<eks_auth::ThrottlingException>},
    };
    return table;
}

nlohmann::ordered_json read_model_file(const std::string& file) {
    return nlohmann::ordered_json::parse(awsauth_test::read_file(std::filesystem::path(AWSAUTH_MODELS) / file));
}

// The members a shape should have: the model's, then what the overlay appends, then boto3's ResponseMetadata on
// every operation output.
std::vector<member_description> expected_members(const nlohmann::ordered_json& model,
                                                 const nlohmann::ordered_json& overlay_shapes,
                                                 const std::string& name) {
    const auto& shape = model["shapes"][name];
    const auto required = shape.value("required", nlohmann::ordered_json::array());
    const auto is_required = [&](const std::string& key) {
        return std::find(required.begin(), required.end(), key) != required.end();
    };
    std::vector<member_description> members;
    const auto add = [&](const nlohmann::ordered_json& shape_members) {
        for (auto member = shape_members.begin(); member != shape_members.end(); ++member) {
            const auto& target = model["shapes"][member.value()["shape"].get<std::string>()];
            members.push_back({member.key(), target["type"].get<std::string>(), !is_required(member.key())});
        }
    };
    add(shape["members"]);
    if (overlay_shapes.contains(name)) add(overlay_shapes[name]["members"]);
    for (const auto& operation : model["operations"]) {
        if (operation.contains("output") && operation["output"]["shape"] == name) {
            members.push_back({"ResponseMetadata", "structure", true});
        }
    }
    return members;
}

void check_service(const std::string& model_file, const std::string& service,
                   const std::map<std::string, members_function>& generated) {
    // nlohmann::json keeps object keys sorted, which would lose model order; ordered_json keeps it.
    const auto model = read_model_file(model_file);
    const auto overlay = read_model_file("overlay.json");
    const auto overlay_shapes = overlay["services"]
                                    .value(service, nlohmann::ordered_json::object())
                                    .value("shapes", nlohmann::ordered_json::object());
    std::set<std::string> seen;
    for (auto shape = model["shapes"].begin(); shape != model["shapes"].end(); ++shape) {
        if (shape.value()["type"] != "structure") continue;
        INFO(service << " " << shape.key());
        const auto found = generated.find(shape.key());
        REQUIRE(found != generated.end());
        CHECK(found->second() == expected_members(model, overlay_shapes, shape.key()));
        seen.insert(shape.key());
    }
    CHECK(seen.size() == generated.size());
}

}  // namespace

TEST_CASE("the generated structs hold exactly the STS model's structures and members", "[model]") {
    check_service("sts-2011-06-15.json", "sts", sts_structs());
}

TEST_CASE("the generated structs hold exactly the EKS Auth model's structures and members, and the overlay's",
          "[model]") {
    check_service("eks-auth-2023-11-26.json", "eks-auth", eks_auth_structs());
}
