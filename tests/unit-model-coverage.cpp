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
namespace sso = awsauth::sso;

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
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
        return "long";
    } else if constexpr (std::is_same_v<T, awsauth::timestamp>) {
        return "timestamp";
    } else if constexpr (awsauth::detail::is_list_v<T>) {
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

// Shape name to the function that lists its generated members, from the generated registry of one namespace.
template <class ForEachShape>
std::map<std::string, members_function> generated_structs(ForEachShape for_each_shape) {
    std::map<std::string, members_function> table;
    for_each_shape([&](std::string_view name, auto tag) {
        table.emplace(name, &generated_members<typename decltype(tag)::type>);
    });
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
    check_service("sts-2011-06-15.json", "sts", generated_structs([](auto&& visit) { sts::for_each_shape(visit); }));
}

TEST_CASE("the generated structs hold exactly the EKS Auth model's structures and members, and the overlay's",
          "[model]") {
    check_service("eks-auth-2023-11-26.json", "eks-auth",
                  generated_structs([](auto&& visit) { eks_auth::for_each_shape(visit); }));
}

TEST_CASE("the generated structs hold exactly the SSO model's structures and members, and the overlay's", "[model]") {
    // Logout's output is the one shape the model lacks (AWS answers it with no body): the overlay's, with nothing in
    // it but boto3's ResponseMetadata.
    auto generated = generated_structs([](auto&& visit) { sso::for_each_shape(visit); });
    REQUIRE(generated.count("LogoutResponse") == 1);
    CHECK(generated["LogoutResponse"]() ==
          std::vector<member_description>{member_description{"ResponseMetadata", "structure", true}});
    generated.erase("LogoutResponse");
    check_service("sso-2019-06-10.json", "sso", generated);
    // The library's first long, as the model types it.
    CHECK(generated_members<sso::RoleCredentials>().back() == member_description{"expiration", "long", true});
}
