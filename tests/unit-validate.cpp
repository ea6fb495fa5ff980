// tests/unit-validate.cpp: awsauth::validate against the AWS models' constraints. Every constrained member of every
// shape is driven to its boundaries (which must pass) and one step beyond (which must fail); each pattern is checked
// with real and hand-picked values; the generated tables are compared with the model JSON read here independently;
// every real payload in tests/data validates clean; and no message ever holds a run of the value it judged.
#include "catch.hpp"
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;
namespace sso = awsauth::sso;
namespace fs = std::filesystem;

namespace {

// Every field of T with the rule its descriptor carries.
template <class T, class Visitor>
void for_each_field_rule(Visitor&& visit) {
    awsauth::for_each_field<T>([&](const auto& field) { visit(field, field.rule); });
}

// The "never the value" rule, as the issue states it: no 8 consecutive bytes of the judged text in a message.
bool holds_a_run_of(const std::string& message, const std::string& value) {
    constexpr std::size_t run = 8;
    if (value.size() < run) return false;
    for (std::size_t at = 0; at + run <= value.size(); ++at) {
        if (message.find(value.substr(at, run)) != std::string::npos) return true;
    }
    return false;
}

std::string utf8(char32_t code_point) {
    std::string out;
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
    return out;
}

std::string repeated(char32_t code_point, std::size_t count) {
    std::string out;
    const std::string one = utf8(code_point);
    for (std::size_t i = 0; i < count; ++i)
        out += one;
    return out;
}

// The widest code point a run accepts, so that lengths are tested with multi-byte text wherever a pattern allows it.
char32_t widest_in(const awsauth::pattern_run& run) {
    return run.characters.ranges[run.characters.count - 1].last;
}

// A string of exactly `length` code points that matches the rule's pattern, or nullopt when the pattern cannot be
// that long. Without a pattern: 4-byte code points, so a byte count would be four times the length.
std::optional<std::string> sample_text(const awsauth::string_rule& rule, std::size_t length) {
    if (rule.matches == nullptr) return repeated(U'\U0001F600', length);
    const auto& shape = *rule.matches;
    std::vector<std::size_t> counts;
    std::size_t total = 0;
    for (std::size_t i = 0; i < shape.count; ++i) {
        counts.push_back(shape.runs[i].min_count);
        total += shape.runs[i].min_count;
    }
    if (total > length) return std::nullopt;
    std::size_t extra = length - total;
    for (std::size_t i = 0; i < shape.count && extra > 0; ++i) {
        const std::size_t room = shape.runs[i].max_count - counts[i];
        const std::size_t taken = std::min(room, extra);
        counts[i] += taken;
        extra -= taken;
    }
    if (extra > 0) return std::nullopt;
    std::string text;
    for (std::size_t i = 0; i < shape.count; ++i)
        text += repeated(widest_in(shape.runs[i]), counts[i]);
    return text;
}

// The shortest length the rule admits, where its pattern can also be met.
std::size_t shortest_length(const awsauth::string_rule& rule) {
    std::size_t length = rule.min_length;
    while (!sample_text(rule, length))
        ++length;
    return length;
}

template <class T>
T valid_value();

// A value of a non-optional member type that meets its rule, as small as the rule allows.
template <class Value, class Rule>
Value valid_member(const Rule& rule) {
    if constexpr (std::is_same_v<Rule, awsauth::string_rule>) {
        return *sample_text(rule, shortest_length(rule));
    } else if constexpr (std::is_same_v<Rule, awsauth::integer_rule>) {
        return static_cast<Value>(std::max<std::int64_t>(rule.minimum, std::numeric_limits<Value>::min()));
    } else if constexpr (awsauth::detail::is_list_v<Value> && !std::is_same_v<Rule, awsauth::no_rule>) {
        Value list;
        for (std::size_t i = 0; i < rule.min_items; ++i)
            list.push_back(valid_member<typename Value::value_type>(rule.element));
        return list;
    } else if constexpr (awsauth::is_described_v<Value>) {
        return valid_value<Value>();
    } else {
        return Value{};
    }
}

// The smallest valid T: required members meet their rules, optional ones are absent.
template <class T>
T valid_value() {
    T value{};
    for_each_field_rule<T>([&](const auto& field, const auto& rule) {
        using member_type = typename std::decay_t<decltype(field)>::member_type;
        if constexpr (!awsauth::detail::is_optional_v<member_type>) {
            value.*(field.member) = valid_member<member_type>(rule);
        }
    });
    return value;
}

template <class T>
struct optional_value {
    using type = T;
};
template <class T>
struct optional_value<std::optional<T>> {
    using type = T;
};

struct boundary_tally {
    std::set<std::string> exercised;  // "Shape.Key" of every constrained member driven past both kinds of case
    std::size_t passing = 0;
    std::size_t failing = 0;
};

// One case for one member of a T that is otherwise valid: it must pass, or fail only at that member, the first
// violation naming the broken constraint by `expected_words`, and no message holding a run of the text set.
template <class T, class Field, class Value>
void check_case(const T& base, const Field& field, Value candidate, bool should_pass, const std::string& expected_words,
                const std::string& text, boundary_tally& tally) {
    T value = base;
    value.*(field.member) = std::move(candidate);
    const auto found = awsauth::validate(value);
    const std::string path = "/" + std::string(field.key);
    if (should_pass) {
        CHECK(found.empty());
        ++tally.passing;
        return;
    }
    REQUIRE_FALSE(found.empty());
    for (const auto& each : found) {
        CHECK(each.path == path);
        CHECK_FALSE(holds_a_run_of(each.message, text));
    }
    INFO(found.front().message);
    CHECK(found.front().message.find(expected_words) != std::string::npos);
    ++tally.failing;
}

template <class T>
void check_boundaries(const std::string& shape_name, boundary_tally& tally) {
    const T base = valid_value<T>();
    INFO(shape_name);
    REQUIRE(awsauth::validate(base).empty());
    for_each_field_rule<T>([&](const auto& field, const auto& rule) {
        using rule_type = std::decay_t<decltype(rule)>;
        using member_type = typename std::decay_t<decltype(field)>::member_type;
        using value_type = typename optional_value<member_type>::type;
        INFO(field.key);
        const std::size_t passing_before = tally.passing;
        const std::size_t failing_before = tally.failing;
        if constexpr (std::is_same_v<rule_type, awsauth::string_rule>) {
            const std::size_t shortest = shortest_length(rule);
            const std::string at_min = *sample_text(rule, shortest);
            check_case(base, field, value_type(at_min), true, "", at_min, tally);
            if (rule.max_length != awsauth::unbounded) {
                const auto at_max = sample_text(rule, rule.max_length);
                REQUIRE(at_max);
                // Code points, not bytes: wherever the pattern allows multi-byte text, the longest valid value is it.
                if (rule.matches == nullptr) CHECK(at_max->size() == 4 * rule.max_length);
                check_case(base, field, value_type(*at_max), true, "", *at_max, tally);
                const auto beyond = sample_text(rule, rule.max_length + 1);
                REQUIRE(beyond);
                check_case(base, field, value_type(*beyond), false,
                           " long (was " + std::to_string(rule.max_length + 1) + ")", *beyond, tally);
            }
            if (rule.min_length > 0) {
                const auto below = sample_text(rule, rule.min_length - 1).value_or(std::string());
                check_case(base, field, value_type(below), false,
                           " long (was " + std::to_string(awsauth::detail::count_code_points(below)) + ")", below,
                           tally);
            }
        } else if constexpr (std::is_same_v<rule_type, awsauth::integer_rule>) {
            // An open side of the rule is the end of the member type's own range.
            constexpr value_type lowest = std::numeric_limits<value_type>::min();
            constexpr value_type highest = std::numeric_limits<value_type>::max();
            const auto minimum = static_cast<value_type>(std::max<std::int64_t>(rule.minimum, lowest));
            const auto maximum = static_cast<value_type>(std::min<std::int64_t>(rule.maximum, highest));
            check_case(base, field, minimum, true, "", "", tally);
            check_case(base, field, maximum, true, "", "", tally);
            if (minimum > lowest) {
                const auto below = static_cast<value_type>(minimum - 1);
                check_case(base, field, below, false, "(was " + std::to_string(below) + ")", "", tally);
            }
            if (maximum < highest) {
                const auto beyond = static_cast<value_type>(maximum + 1);
                check_case(base, field, beyond, false, "(was " + std::to_string(beyond) + ")", "", tally);
            }
        } else if constexpr (!std::is_same_v<rule_type, awsauth::no_rule>) {
            static_assert(awsauth::detail::is_list_v<value_type>, "the models constrain no map");
            using element_type = typename value_type::value_type;
            const auto element = valid_member<element_type>(rule.element);
            const auto list_of = [&](std::size_t size) { return value_type(size, element); };
            check_case(base, field, list_of(rule.min_items), true, "", "", tally);
            if (rule.max_items != awsauth::unbounded) {
                check_case(base, field, list_of(rule.max_items), true, "", "", tally);
                check_case(base, field, list_of(rule.max_items + 1), false,
                           "items (was " + std::to_string(rule.max_items + 1) + ")", "", tally);
            }
            if (rule.min_items > 0) {
                check_case(base, field, list_of(rule.min_items - 1), false,
                           "(was " + std::to_string(rule.min_items - 1) + ")", "", tally);
            }
            if constexpr (std::is_same_v<decltype(rule.element), awsauth::string_rule>) {
                // The element rule too, at index 0 of an otherwise valid list.
                const std::size_t size = std::max<std::size_t>(rule.min_items, 1);
                auto list = list_of(size);
                const auto too_long = sample_text(rule.element, rule.element.max_length + 1);
                REQUIRE(too_long);
                list.front() = *too_long;
                T value = base;
                value.*(field.member) = list;
                const auto found = awsauth::validate(value);
                REQUIRE(found.size() == 1);
                CHECK(found.front().path == "/" + std::string(field.key) + "/0");
                CHECK_FALSE(holds_a_run_of(found.front().message, *too_long));
            }
        }
        if (tally.passing > passing_before) {
            CHECK(tally.failing > failing_before);
            tally.exercised.insert(shape_name + "." + std::string(field.key));
        }
    });
}

template <class ForEachShape>
void check_all_boundaries(ForEachShape for_each_shape, boundary_tally& tally) {
    for_each_shape([&](std::string_view name, auto tag) {
        check_boundaries<typename decltype(tag)::type>(std::string(name), tally);
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The model, read here with nlohmann and no generator code.

nlohmann::json read_model(const std::string& file) {
    return nlohmann::json::parse(awsauth_test::read_file(fs::path(AWSAUTH_MODELS) / file));
}

std::string bounds_text(const nlohmann::json& shape, std::int64_t lowest, const std::string& no_maximum) {
    const std::string minimum =
        shape.contains("min") ? std::to_string(shape["min"].get<std::int64_t>()) : std::to_string(lowest);
    const std::string maximum = shape.contains("max") ? std::to_string(shape["max"].get<std::int64_t>()) : no_maximum;
    return "[" + minimum + ".." + maximum + "]";
}

// A member's constraints in words, from the model: "" for none.
std::string describe_model_shape(const nlohmann::json& shapes, const std::string& name) {
    const auto& shape = shapes[name];
    const auto type = shape["type"].get<std::string>();
    const bool constrained = shape.contains("min") || shape.contains("max") || shape.contains("pattern");
    if (type == "string") {
        if (!constrained) return "";
        return "string" + bounds_text(shape, 0, "*") + " /" + shape.value("pattern", std::string()) + "/";
    }
    if (type == "integer" || type == "long") {
        if (!constrained) return "";
        const std::string minimum = shape.contains("min") ? std::to_string(shape["min"].get<std::int64_t>()) : "*";
        const std::string maximum = shape.contains("max") ? std::to_string(shape["max"].get<std::int64_t>()) : "*";
        return "integer[" + minimum + ".." + maximum + "]";
    }
    if (type == "list") {
        const auto element = describe_model_shape(shapes, shape["member"]["shape"].get<std::string>());
        if (!constrained && element.empty()) return "";
        return "list" + bounds_text(shape, 0, "*") + " of " + element;
    }
    REQUIRE_FALSE(constrained);  // the models constrain no map, structure or timestamp
    return "";
}

std::string describe_rule(const awsauth::no_rule&) {
    return "";
}
std::string describe_rule(const awsauth::string_rule& rule) {
    return "string[" + std::to_string(rule.min_length) + ".." +
           (rule.max_length == awsauth::unbounded ? std::string("*") : std::to_string(rule.max_length)) + "] /" +
           (rule.matches ? std::string(rule.matches->source) : std::string()) + "/";
}
// A side the model leaves open is the end of the std::int64_t range in the rule, whatever the member's type.
std::string describe_rule(const awsauth::integer_rule& rule) {
    const bool open_below = rule.minimum == std::numeric_limits<std::int64_t>::min();
    const bool open_above = rule.maximum == std::numeric_limits<std::int64_t>::max();
    return "integer[" + (open_below ? std::string("*") : std::to_string(rule.minimum)) + ".." +
           (open_above ? std::string("*") : std::to_string(rule.maximum)) + "]";
}
template <class Element>
std::string describe_rule(const awsauth::list_rule<Element>& rule) {
    return "list[" + std::to_string(rule.min_items) + ".." +
           (rule.max_items == awsauth::unbounded ? std::string("*") : std::to_string(rule.max_items)) + "] of " +
           describe_rule(rule.element);
}

using descriptions = std::map<std::string, std::string>;  // "Shape.Key" to its constraints in words

template <class ForEachShape>
descriptions generated_descriptions(ForEachShape for_each_shape) {
    descriptions out;
    for_each_shape([&](std::string_view name, auto tag) {
        for_each_field_rule<typename decltype(tag)::type>([&](const auto& field, const auto& rule) {
            out[std::string(name) + "." + std::string(field.key)] = describe_rule(rule);
        });
    });
    return out;
}

// Every structure member of the model and the overlay, and boto3's ResponseMetadata (unconstrained) on outputs.
descriptions model_descriptions(const std::string& model_file, const std::string& service) {
    const auto model = read_model(model_file);
    const auto overlay = read_model("overlay.json");
    descriptions out;
    for (auto shape = model["shapes"].begin(); shape != model["shapes"].end(); ++shape) {
        if (shape.value()["type"] != "structure") continue;
        auto members = shape.value()["members"];
        const auto overlay_shapes =
            overlay["services"].value(service, nlohmann::json::object()).value("shapes", nlohmann::json::object());
        if (overlay_shapes.contains(shape.key())) members.update(overlay_shapes[shape.key()]["members"]);
        for (auto member = members.begin(); member != members.end(); ++member) {
            out[shape.key() + "." + member.key()] =
                describe_model_shape(model["shapes"], member.value()["shape"].get<std::string>());
        }
    }
    for (const auto& operation : model["operations"]) {
        if (operation.contains("output"))  // SSO's Logout has none
            out[operation["output"]["shape"].get<std::string>() + ".ResponseMetadata"] = "";
    }
    return out;
}

std::set<std::string> constrained_members(const descriptions& members) {
    std::set<std::string> out;
    for (const auto& [member, description] : members) {
        if (!description.empty()) out.insert(member);
    }
    return out;
}

const auto sts_shapes = [](auto&& visit) { sts::for_each_shape(visit); };
const auto eks_auth_shapes = [](auto&& visit) { eks_auth::for_each_shape(visit); };
const auto sso_shapes = [](auto&& visit) { sso::for_each_shape(visit); };

}  // namespace

TEST_CASE("the generated constraint tables hold exactly the models' constraints", "[validate]") {
    const auto sts_model = model_descriptions("sts-2011-06-15.json", "sts");
    const auto eks_model = model_descriptions("eks-auth-2023-11-26.json", "eks-auth");
    CHECK(generated_descriptions(sts_shapes) == sts_model);
    CHECK(generated_descriptions(eks_auth_shapes) == eks_model);
    // A few written out, as the model and AWS's documentation state them.
    CHECK(sts_model.at("AssumeRoleRequest.RoleSessionName") == "string[2..64] /[\\w+=,.@-]*/");
    CHECK(sts_model.at("AssumeRoleRequest.DurationSeconds") == "integer[900..43200]");
    CHECK(sts_model.at("GetFederationTokenRequest.DurationSeconds") == "integer[900..129600]");
    CHECK(sts_model.at("AssumeRootRequest.DurationSeconds") == "integer[0..900]");
    CHECK(sts_model.at("AssumeRoleRequest.ProvidedContexts") == "list[1..5] of ");
    CHECK(eks_model.at("AssumeRoleForPodIdentityRequest.clusterName") ==
          "string[1..100] /[0-9A-Za-z][A-Za-z0-9\\-_]*/");
    CHECK(constrained_members(sts_model).size() == 59);
    CHECK(constrained_members(eks_model).size() == 2);
}

TEST_CASE("the generated SSO constraint tables hold exactly the SSO model's constraints", "[validate][sso]") {
    auto sso_model = model_descriptions("sso-2019-06-10.json", "sso");
    sso_model["LogoutResponse.ResponseMetadata"] = "";  // the overlay's output for Logout, which the model lacks
    CHECK(generated_descriptions(sso_shapes) == sso_model);
    CHECK(sso_model.at("ListAccountsRequest.maxResults") == "integer[1..100]");
    CHECK(sso_model.at("ListAccountRolesRequest.maxResults") == "integer[1..100]");
    CHECK(sso_model.at("AccountInfo.emailAddress") == "string[1..254] //");
    CHECK(sso_model.at("RoleCredentials.expiration").empty());  // the long is unconstrained
    CHECK(constrained_members(sso_model).size() == 3);
}

TEST_CASE("every constrained member passes at its boundaries and fails one step beyond", "[validate]") {
    boundary_tally tally;
    check_all_boundaries(sts_shapes, tally);
    check_all_boundaries(eks_auth_shapes, tally);
    check_all_boundaries(sso_shapes, tally);
    check_boundaries<awsauth::ResponseMetadata>("ResponseMetadata", tally);
    std::set<std::string> expected = constrained_members(model_descriptions("sts-2011-06-15.json", "sts"));
    for (const auto& member : constrained_members(model_descriptions("eks-auth-2023-11-26.json", "eks-auth")))
        expected.insert(member);
    for (const auto& member : constrained_members(model_descriptions("sso-2019-06-10.json", "sso")))
        expected.insert(member);
    CHECK(tally.exercised == expected);
    CHECK(tally.failing >= expected.size());
}

TEST_CASE("lengths are counted in code points, not bytes", "[validate]") {
    sts::Tag tag{repeated(U'\u65E5', 128), repeated(U'\U00020000', 256)};  // 384 and 1024 bytes
    CHECK(awsauth::validate(tag).empty());
    tag.key += utf8(U'\u65E5');
    tag.value = repeated(U'\U00020000', 257);
    const auto found = awsauth::validate(tag);
    REQUIRE(found.size() == 2);
    CHECK(found[0] == awsauth::violation{"/Key", "must be 1 to 128 characters long (was 129)"});
    CHECK(found[1] == awsauth::violation{"/Value", "must be at most 256 characters long (was 257)"});

    sts::AssumeRoleWithSAMLRequest saml = valid_value<sts::AssumeRoleWithSAMLRequest>();
    saml.policy = repeated(U'\u00E9', 2048);  // é: inside [\u0020-\u00FF] as a code point, two bytes in UTF-8
    CHECK(awsauth::validate(saml).empty());
}

TEST_CASE("the messages of the length, range and size rules", "[validate]") {
    sts::AssumeRoleRequest request = valid_value<sts::AssumeRoleRequest>();
    request.role_session_name = "a";
    request.duration_seconds = 43201;
    request.token_code = "12345";
    request.policy = "";
    request.provided_contexts = std::vector<sts::ProvidedContext>{};
    const std::vector<awsauth::violation> expected{
        {"/RoleSessionName", "must be 2 to 64 characters long (was 1)"},
        {"/Policy", "must be at least 1 character long (was 0)"},
        {"/Policy", "must match the pattern [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+ (it is empty)"},
        {"/DurationSeconds", "must be 900 to 43200 (was 43201)"},
        {"/TokenCode", "must be exactly 6 characters long (was 5)"},
        {"/ProvidedContexts", "must have 1 to 5 items (was 0)"},
    };
    CHECK(awsauth::validate(request) == expected);

    sts::AssumeRoleResponse response{};
    response.packed_policy_size = -1;
    CHECK(awsauth::validate(response) ==
          std::vector<awsauth::violation>{{"/PackedPolicySize", "must be at least 0 (was -1)"}});
}

TEST_CASE("nested shapes and list elements are checked with their JSON Pointer", "[validate]") {
    sts::AssumeRoleRequest request = valid_value<sts::AssumeRoleRequest>();
    request.tags =
        std::vector<sts::Tag>{{"Project", "Unicorn"}, {"Team", "Automation"}, {"Cost-Center", "12345"}, {"", "x"}};
    request.transitive_tag_keys = std::vector<std::string>{"Project", "Cost Center!"};
    sts::ProvidedContext context{};
    context.provider_arn = "arn:aws:iam::aws:contextProvider/IdentityCenter";
    context.context_assertion = "abc";
    request.provided_contexts = std::vector<sts::ProvidedContext>{context};
    const auto found = awsauth::validate(request);
    REQUIRE(found.size() == 4);
    CHECK(found[0] == awsauth::violation{"/Tags/3/Key", "must be 1 to 128 characters long (was 0)"});
    CHECK(found[1].path == "/Tags/3/Key");
    CHECK(found[2] == awsauth::violation{"/TransitiveTagKeys/1",
                                         "must match the pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+ (character 12 is "
                                         "not allowed there)"});
    CHECK(found[3] ==
          awsauth::violation{"/ProvidedContexts/0/ContextAssertion", "must be 4 to 2048 characters long (was 3)"});

    sts::AssumeRoleResponse response{};
    response.credentials = sts::Credentials{"ASIA", "secret", "token", awsauth::timestamp{}};
    response.assumed_role_user = sts::AssumedRoleUser{"AROA3XFRBF535PLBIFPI4:s3-access-example",
                                                      "arn:aws:sts::123456789012:assumed-role/demo/s3-access-example"};
    CHECK(awsauth::validate(response) ==
          std::vector<awsauth::violation>{{"/Credentials/AccessKeyId", "must be 16 to 128 characters long (was 4)"}});
}

namespace {

struct pattern_case {
    std::string text;
    bool valid;
};

// Sets `text` into an otherwise valid T and returns the violations at `member`'s path.
template <class T, class Member>
std::vector<awsauth::violation> pattern_violations(Member T::*member, const std::string& key, const std::string& text) {
    T value = valid_value<T>();
    value.*member = text;
    auto found = awsauth::validate(value);
    for (const auto& each : found)
        CHECK(each.path == "/" + key);
    return found;
}

template <class T, class Member>
void check_pattern(Member T::*member, const std::string& key, const std::vector<pattern_case>& cases) {
    for (const auto& each : cases) {
        INFO(key << ": " << each.text);
        const auto found = pattern_violations(member, key, each.text);
        if (each.valid) {
            CHECK(found.empty());
        } else {
            REQUIRE(found.size() == 1);
            CHECK(found.front().message.rfind("must match the pattern ", 0) == 0);
            CHECK_FALSE(holds_a_run_of(found.front().message, each.text));
        }
    }
}

}  // namespace

TEST_CASE("IAM names, ids and session names: ASCII word characters and the listed punctuation", "[validate]") {
    // [\w+=,.@-]*: \w is ASCII [A-Za-z0-9_] (Java's default, what AWS's documentation lists), so no ü, no space.
    check_pattern(&sts::AssumeRoleRequest::role_session_name, "RoleSessionName",
                  {{"testAssumeRoleSession", true},
                   {"alice@example.com", true},
                   {"a+b=c,d.e-f_g", true},
                   {"has space", false},
                   {"slash/not", false},
                   {"colon:not", false},
                   {"\xC3\xBCmlaut", false}});
    check_pattern(&sts::GetFederationTokenRequest::name, "Name", {{"Bob", true}, {"Bob Smith", false}});
    // [\w+=,.@:-]*, [\w+=,.@\:-]*: the same with a colon, for assumed-role and federated-user ids.
    check_pattern(&sts::AssumedRoleUser::assumed_role_id, "AssumedRoleId",
                  {{"AROA3XFRBF535PLBIFPI4:s3-access-example", true}, {"AROA3XFRBF535PLBIFPI4/s3", false}});
    check_pattern(&sts::FederatedUser::federated_user_id, "FederatedUserId",
                  {{"123456789012:Bob", true}, {"123456789012 Bob", false}});
    // [\w+=,.@:\/-]* and [\w+=/:,.@-]*: a slash too, for external ids and MFA serial numbers.
    check_pattern(&sts::AssumeRoleRequest::external_id, "ExternalId",
                  {{"123ABC", true}, {"urn:example/tenant-1", true}, {"a#b", false}, {"a b", false}});
    check_pattern(&sts::GetSessionTokenRequest::serial_number, "SerialNumber",
                  {{"arn:aws:iam::123456789012:mfa/user", true}, {"GAHT12345678", true}, {"arn:aws:iam mfa", false}});
    // [\w]*: access key ids.
    check_pattern(&sts::GetAccessKeyInfoRequest::access_key_id, "AccessKeyId",
                  {{"ASIAIOSFODNN7EXAMPLE", true}, {"ASIAIOSFODNN7EXAMP-E", false}});
    // [\d]*: ASCII digits only; Arabic-Indic digits are six code points of \p{N} but not \d.
    check_pattern(&sts::GetSessionTokenRequest::token_code, "TokenCode",
                  {{"123456", true}, {"12345a", false}, {"\xD9\xA1\xD9\xA2\xD9\xA3\xD9\xA4\xD9\xA5\xD9\xA6", false}});
}

TEST_CASE("ARNs and policy documents: explicit code point ranges", "[validate]") {
    // [\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+
    check_pattern(&sts::AssumeRoleRequest::role_arn, "RoleArn",
                  {{"arn:aws:iam::123456789012:role/demo", true},
                   {"arn:aws:iam::123456789012:role/caf\xC3\xA9", true},
                   {"arn:aws:iam::123456789012:role/\xF0\x90\x80\x80", true},  // U+10000, the supplementary planes
                   {"arn:aws:iam::123456789012:role/\xC2\x85", true},          // U+0085
                   {"arn:aws:iam::123456789012:role/\x01", false},
                   {"arn:aws:iam::123456789012:role/\xC2\x84", false},        // U+0084, between the ranges
                   {"arn:aws:iam::123456789012:role/\xEF\xBF\xBE", false}});  // U+FFFE
    // [\u0009\u000A\u000D\u0020-\u00FF]+: code points up to U+00FF. A byte matcher would take the euro sign, whose
    // UTF-8 bytes (E2 82 AC) all lie in 0x20..0xFF.
    check_pattern(&sts::AssumeRoleRequest::policy, "Policy",
                  {{R"({"Version":"2012-10-17","Statement":[{"Sid":"Stmt1","Effect":"Allow"}]})", true},
                   {"{\n\t\"Sid\": \"caf\xC3\xA9\"\r\n}", true},
                   {"{\"Sid\": \"5 \xE2\x82\xAC\"}", false},
                   {"{\"Sid\": \"a\x0B\"}", false}});
}

TEST_CASE("tag keys and values: Unicode letters, separators and numbers", "[validate]") {
    // [\p{L}\p{Z}\p{N}_.:/=+\-@]+ and ...*: general categories L*, Z*, N*, not marks, symbols or other punctuation.
    check_pattern(&sts::Tag::key, "Key",
                  {{"Cost-Center", true},
                   {"aws:cloudformation:stack-name", true},
                   {"Projekt Gr\xC3\xB6\xC3\x9F"
                    "e",
                    true},                                          // ö ß
                   {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", true},  // 日本語
                   {"\xD9\xA3\xE2\x85\xAB", true},                  // ٣ (Nd), Ⅻ (Nl)
                   {"a\xE3\x80\x80"
                    "b",
                    true},  // U+3000 ideographic space (Zs)
                   {"key#1", false},
                   {"tab\there", false},                // a control, not a separator
                   {"smile\xF0\x9F\x98\x80", false}});  // 😀 is a symbol (So)
    check_pattern(&sts::Tag::value, "Value",
                  {{"", true},
                   {"Unicorn", true},
                   {"caf\xC3\xA9", true},    // é precomposed (L)
                   {"cafe\xCC\x81", false},  // e + U+0301 combining acute (Mn)
                   {"a,b", false}});
}

TEST_CASE("EKS cluster names and the pod identity token", "[validate]") {
    // [0-9A-Za-z][A-Za-z0-9\-_]*: a letter or digit first.
    check_pattern(&eks_auth::AssumeRoleForPodIdentityRequest::cluster_name, "clusterName",
                  {{"my-cluster", true},
                   {"9lives", true},
                   {"Prod_EKS", true},
                   {"-cluster", false},
                   {"_x", false},
                   {"my.cluster", false},
                   {"my cluster", false}});
    // [A-Za-z0-9-_=]+\.[A-Za-z0-9-_=]+\.[A-Za-z0-9-_=]+: three base64url parts, a projected service account token.
    const std::string pod_token =
        "eyJhbGciOiJSUzI1NiIsImtpZCI6IjliMWJkNDViN2NhM2EyZjdjNDJlNGUzYzBkNmEwNmJiMWY3YzBhMzEifQ."
        "eyJhdWQiOlsicG9kcy5la3MuYW1hem9uYXdzLmNvbSJdLCJleHAiOjE3OTU1MzcxMjMsImlhdCI6MTc5NTQ1MDcyMywiaXNzIjoiaHR0cHM6"
        "Ly9vaWRjLmVrcy51cy1lYXN0LTEuYW1hem9uYXdzLmNvbS9pZC9FWEFNUExFRDUzOUQ0NjMzRTUzREUxQjcxRVhBTVBMRSIsImt1YmVybmV0"
        "ZXMuaW8iOnsibmFtZXNwYWNlIjoiZGVmYXVsdCIsInBvZCI6eyJuYW1lIjoibXktYXBwLTdkOSIsInVpZCI6IjhmMTRlNDVmLWNlZWEtNDY3"
        "Zi1hOWFjLTJmMWMzZTVkNmI3YSJ9LCJzZXJ2aWNlYWNjb3VudCI6eyJuYW1lIjoibXktYXBwIiwidWlkIjoiMmM1YTRiOWUtMWYzZC00YTZi"
        "LThjN2QtOWUwZjFhMmIzYzRkIn19LCJuYmYiOjE3OTU0NTA3MjMsInN1YiI6InN5c3RlbTpzZXJ2aWNlYWNjb3VudDpkZWZhdWx0Om15LWFw"
        "cCJ9.AHPsJm1PtK2_PRBKpxT58RAy_Yq22IKfxAtSyG9khdeSjMLr1GRvP-PzdL4R2QW_S-J1-obziJ2CqffcXkHdMgBz7CZtT7Stvz0QSqcU";
    check_pattern(&eks_auth::AssumeRoleForPodIdentityRequest::token, "token",
                  {{pod_token, true},
                   {"eyJ.eyJ.sig==", true},
                   {pod_token.substr(0, pod_token.rfind('.')), false},  // two parts
                   {pod_token + ".extra", false},                       // four parts
                   {"eyJ..sig", false},                                 // an empty part
                   {pod_token + "/", false},                            // base64, not base64url
                   {" " + pod_token, false}});
    const auto two_parts =
        pattern_violations(&eks_auth::AssumeRoleForPodIdentityRequest::token, "token", "header.body");
    REQUIRE(two_parts.size() == 1);
    CHECK(two_parts.front().message ==
          "must match the pattern [A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+ (it ends after 11 characters)");
}

TEST_CASE("a string that is not UTF-8 is one violation, without its bytes", "[validate]") {
    sts::AssumeRoleRequest request = valid_value<sts::AssumeRoleRequest>();
    request.external_id = "tenant-secret-\xFF\xFE-value";
    const auto found = awsauth::validate(request);
    REQUIRE(found.size() == 1);
    CHECK(found.front() == awsauth::violation{"/ExternalId", "must be valid UTF-8"});
}

TEST_CASE("violations in secret members hold no run of the secret", "[validate]") {
    // Realistic secrets broken every way a constraint can break: too long, too short, off-pattern, not UTF-8.
    std::string saml_assertion;
    for (std::size_t i = 0; saml_assertion.size() <= 100000; ++i)
        saml_assertion += "PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoyLjA6cHJvdG9jb2wi" +
                          std::to_string(i);
    sts::AssumeRoleWithSAMLRequest saml = valid_value<sts::AssumeRoleWithSAMLRequest>();
    saml.saml_assertion = saml_assertion;

    sts::AssumeRoleWithWebIdentityRequest web = valid_value<sts::AssumeRoleWithWebIdentityRequest>();
    web.web_identity_token.clear();
    const std::string oidc_token =
        "Atza%7CIQEBLjAsAhRFiXuWpUXuRvQ9PZL3GMFcYevydwIUFAHZwXZXXXXXXXXJnrulxKDHwy87oGKPznh0D6bE";
    while (web.web_identity_token.size() <= 20000)
        web.web_identity_token += oidc_token;

    eks_auth::AssumeRoleForPodIdentityRequest pod{};
    pod.cluster_name = "my-cluster";
    const std::vector<std::string> pod_tokens{
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpteS1hcHAifQ",  // two parts
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpteS1hcHAifQ.c2ln+/",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ\xFF\xFEZGVmYXVsdDpteS1hcHAifQ.c2ln",
    };

    std::size_t checked = 0;
    const auto check = [&](const std::vector<awsauth::violation>& found, const std::string& secret) {
        REQUIRE_FALSE(found.empty());
        for (const auto& each : found) {
            CHECK_FALSE(holds_a_run_of(each.message, secret));
            CHECK_FALSE(holds_a_run_of(each.path, secret));
            ++checked;
        }
    };
    check(awsauth::validate(saml), saml.saml_assertion);
    web.web_identity_token = web.web_identity_token.substr(0, 20001);
    check(awsauth::validate(web), web.web_identity_token);
    for (const auto& token : pod_tokens) {
        pod.token = token;
        check(awsauth::validate(pod), token);
    }
    CHECK(checked == 5);
}

namespace {

using awsauth_test::read_file;

// The AWS CLI's name for an operation, as the capture files are named: AssumeRoleWithSAML -> assume-role-with-saml.
std::string cli_name(std::string_view operation) {
    std::string name;
    for (std::size_t i = 0; i < operation.size(); ++i) {
        const auto at = [&](std::size_t k) { return static_cast<unsigned char>(operation[k]); };
        const bool upper = std::isupper(at(i)) != 0;
        const bool after_lower = i > 0 && std::islower(at(i - 1)) != 0;
        const bool ends_acronym =
            i > 0 && std::isupper(at(i - 1)) != 0 && i + 1 < operation.size() && std::islower(at(i + 1)) != 0;
        if (upper && (after_lower || ends_acronym)) name += '-';
        name += static_cast<char>(std::tolower(at(i)));
    }
    return name;
}

using violations_function = std::vector<awsauth::violation> (*)(const std::string& text);

template <class T>
std::vector<awsauth::violation> violations_in(const std::string& text) {
    return awsauth::validate(awsauth::parse<T>(text));
}

std::map<std::string, violations_function> validators(bool requests) {
    std::map<std::string, violations_function> table;
    const auto add = [&](const std::string& service) {
        return [&table, requests, service](std::string_view operation, auto input, auto output) {
            table.emplace(service + "-" + cli_name(operation), requests
                                                                   ? &violations_in<typename decltype(input)::type>
                                                                   : &violations_in<typename decltype(output)::type>);
        };
    };
    sts::for_each_operation(add("sts"));
    eks_auth::for_each_operation(add("eks-auth"));
    sso::for_each_operation(add("sso"));
    return table;
}

}  // namespace

TEST_CASE("every real payload in tests/data validates clean", "[validate]") {
    const auto responses = validators(false);
    const auto requests = validators(true);
    std::size_t files = 0;
    for (const char* folder : {"awscli-v1", "boto3-isoformat", "boto3-str", "wire", "examples"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(AWSAUTH_TEST_DATA) / folder)) {
            if (entry.path().extension() != ".json") continue;
            INFO(folder << "/" << entry.path().filename().string());
            std::string stem = entry.path().stem().string();
            const auto dot = stem.rfind('.');  // examples: sts-assume-role-0.input
            const bool is_input = dot != std::string::npos && stem.substr(dot) == ".input";
            if (dot != std::string::npos) stem.erase(dot);
            const auto validator = awsauth_test::entry_for_file(is_input ? requests : responses, stem);
            REQUIRE(validator != nullptr);
            const auto found = validator(read_file(entry.path()));
            for (const auto& each : found)
                UNSCOPED_INFO(each.path << ": " << each.message);
            CHECK(found.empty());
            ++files;
        }
    }
    CHECK(files == 66);
}

TEST_CASE("parse validates only when asked, and then throws at the first violation", "[validate]") {
    const std::string text =
        R"({"RoleArn":"arn:aws:iam::123456789012:role/demo","RoleSessionName":"x","DurationSeconds":60,)"
        R"("Tags":[{"Key":"Project","Value":"Unicorn"},{"Key":"Team","Value":"A"},{"Key":"a","Value":"b"},)"
        R"({"Key":"Cost Center!","Value":"1"}]})";
    CHECK(awsauth::parse<sts::AssumeRoleRequest>(text).role_session_name == "x");  // parse alone does not validate

    try {
        (void)awsauth::parse_validated<sts::AssumeRoleRequest>(text);
        FAIL("parse with validate accepted a one-character session name");
    } catch (const awsauth::error& failure) {
        CHECK(failure.path() == "/RoleSessionName");
        CHECK(failure.kind() == awsauth::error_kind::constraint_violated);
        CHECK(std::string(failure.what()) ==
              "awsauth: at /RoleSessionName: must be 2 to 64 characters long (was 1) (and 2 more violations)");
    }
    const std::string only_tag = R"({"RoleArn":"arn:aws:iam::123456789012:role/demo","RoleSessionName":"ci",)"
                                 R"("Tags":[{"Key":"a","Value":"b"},{"Key":"b","Value":"c"},{"Key":"c","Value":"d"},)"
                                 R"({"Key":"Cost Center!","Value":"1"}]})";
    try {
        (void)awsauth::parse_validated<sts::AssumeRoleRequest>(only_tag);
        FAIL("parse with validate accepted a tag key with a '!'");
    } catch (const awsauth::error& failure) {
        CHECK(failure.path() == "/Tags/3/Key");
        const std::string message = failure.what();
        const std::string ending = "(character 12 is not allowed there)";
        CHECK(message.size() > ending.size());
        CHECK(message.compare(message.size() - ending.size(), ending.size(), ending) == 0);
    }
    const auto example = awsauth_test::data_file("examples/sts-assume-role-0.input.json");
    CHECK(awsauth::parse_validated<sts::AssumeRoleRequest>(example).role_session_name == "testAssumeRoleSession");
}

TEST_CASE("a validating parse keeps the pod token out of its message", "[validate]") {
    const std::string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdCJ9/not+url";
    const std::string text = R"({"clusterName":"my-cluster","token":")" + token + R"("})";
    try {
        (void)awsauth::parse_validated<eks_auth::AssumeRoleForPodIdentityRequest>(text);
        FAIL("parse with validate accepted a token with '/' and '+'");
    } catch (const awsauth::error& failure) {
        CHECK(failure.path() == "/token");
        CHECK_FALSE(holds_a_run_of(failure.what(), token));
    }
}

namespace validate_test {

// A struct of the test's own with a constrained map, through the same descriptors a generated struct has: the map
// rule and a user's described type are checked like any other.
struct labels {
    std::map<std::string, std::string> by_name{};
};

constexpr auto fields_of(awsauth::type_tag<labels>) noexcept {
    return awsauth::field_list{
        awsauth::field{"Labels", &labels::by_name,
                       awsauth::entries(awsauth::length(1, 3).matching(awsauth::model_patterns::sts_access_key_id_type),
                                        awsauth::length_at_most(2))}};
}

}  // namespace validate_test

TEST_CASE("map keys and values are checked at the entry's pointer", "[validate]") {
    validate_test::labels value{{{"ok", "v"}, {"a/b", "xyz"}}};
    const std::vector<awsauth::violation> expected{
        {"/Labels/a~1b", "its key must match the pattern [\\w]* (character 2 is not allowed there)"},
        {"/Labels/a~1b", "must be at most 2 characters long (was 3)"},
    };
    CHECK(awsauth::validate(value) == expected);
}

namespace {

template <class T, class = void>
constexpr bool can_validate = false;
template <class T>
constexpr bool can_validate<T, std::void_t<decltype(awsauth::validate(std::declval<const T&>()))>> = true;

}  // namespace

TEST_CASE("validate takes the generated structs and nothing else", "[validate]") {
    STATIC_REQUIRE(can_validate<sts::AssumeRoleRequest>);
    STATIC_REQUIRE(can_validate<eks_auth::Credentials>);
    STATIC_REQUIRE(can_validate<awsauth::ResponseMetadata>);
    STATIC_REQUIRE_FALSE(can_validate<std::vector<sts::Tag>>);
    STATIC_REQUIRE_FALSE(can_validate<std::string>);
    STATIC_REQUIRE_FALSE(can_validate<int>);
}
