// tests/wire/unit-wire-query-request.cpp: the AWS Query protocol's requests (STS), both ways, judged by what botocore
// 1.43.11 sent (tests/data/protocol/requests/sts-*.json): to_http_request writes botocore's bytes, but for a space,
// which botocore writes `+` and awsauth `%20`; from_http_request reads every capture back, and hand-written bodies
// leniently as servers do; every malformed body is an awsauth::error with the path, never a value.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sts = awsauth::sts;
namespace fs = std::filesystem;

// A model of our own, for what no STS input has: a timestamp, a required structure with a required member, lists of
// integers and of lists. Described as tools/generate.py describes the real ones.
namespace form_test {

using awsauth::operator==;
using awsauth::operator!=;

struct Window {
    awsauth::timestamp start{};
    std::optional<awsauth::timestamp> end{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<Window>) noexcept {
    return awsauth::field_list{awsauth::field{"Start", &Window::start}, awsauth::field{"End", &Window::end}};
}

struct Owner {
    std::string name{};
    std::optional<std::string> team{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<Owner>) noexcept {
    return awsauth::field_list{awsauth::field{"Name", &Owner::name}, awsauth::field{"Team", &Owner::team}};
}

struct ScheduleRequest {
    std::string id{};
    Owner owner{};
    std::optional<Window> window{};
    std::optional<std::vector<std::int32_t>> counts{};
    std::optional<std::vector<std::vector<std::string>>> grid{};
    std::optional<std::vector<awsauth::timestamp>> times{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<ScheduleRequest>) noexcept {
    return awsauth::field_list{
        awsauth::field{"Id", &ScheduleRequest::id},         awsauth::field{"Owner", &ScheduleRequest::owner},
        awsauth::field{"Window", &ScheduleRequest::window}, awsauth::field{"Counts", &ScheduleRequest::counts},
        awsauth::field{"Grid", &ScheduleRequest::grid},     awsauth::field{"Times", &ScheduleRequest::times}};
}

inline constexpr awsauth::service_description service{"schedule", awsauth::protocol::query, "2020-02-29",
                                                      "https://schedule.example.com/doc/2020-02-29/"};

template <int = 0>
constexpr awsauth::operation_description operation_of(awsauth::type_tag<ScheduleRequest>) noexcept {
    return {&service, "Schedule", "POST", "/", 200, "ScheduleResult"};
}

}  // namespace form_test

namespace {

using pairs = std::vector<std::pair<std::string, std::string>>;

// ---------------------------------------------------------------------------------------------------------------
// The captures, and a form decoder of the test's own (for well-formed bodies: botocore's and ours).

struct capture {
    std::string name;
    nlohmann::ordered_json document;
};

const std::vector<capture>& sts_captures() {
    static const auto captures = [] {
        std::vector<capture> found;
        for (const auto& entry : fs::directory_iterator(fs::path(AWSAUTH_TEST_DATA) / "protocol" / "requests")) {
            const std::string name = entry.path().stem().string();
            if (name.rfind("sts-", 0) != 0) continue;
            found.push_back({name, nlohmann::ordered_json::parse(awsauth_test::read_file(entry.path()))});
        }
        std::sort(found.begin(), found.end(), [](const capture& a, const capture& b) { return a.name < b.name; });
        return found;
    }();
    return captures;
}

awsauth::http_request request_of(const nlohmann::ordered_json& document) {
    awsauth::http_request request;
    request.method = document.at("method").get<std::string>();
    request.path = document.at("path").get<std::string>();
    for (const auto& [name, value] : document.at("headers").items())
        request.headers.emplace_back(name, value.get<std::string>());
    request.body = document.at("body").get<std::string>();
    return request;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw std::invalid_argument("not a hex digit");
}

std::string form_decoded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%') {
            out += static_cast<char>(hex_value(text.at(i + 1)) * 16 + hex_value(text.at(i + 2)));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// A body's pairs in order, keys and values decoded.
pairs decoded_pairs(std::string_view body) {
    pairs result;
    for (std::size_t start = 0; start <= body.size();) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view pair = body.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        REQUIRE(equals != std::string_view::npos);
        result.emplace_back(form_decoded(pair.substr(0, equals)), form_decoded(pair.substr(equals + 1)));
        start = end + 1;
    }
    return result;
}

std::string with_spaces_as_percent_20(std::string text) {
    for (std::size_t at = text.find('+'); at != std::string::npos; at = text.find('+', at))
        text.replace(at, 1, "%20");
    return text;
}

// Calls visit(type_tag<Request>{}) for the STS operation named `name`.
template <class Visit>
void with_operation(const std::string& name, Visit&& visit) {
    bool found = false;
    sts::for_each_operation([&](std::string_view operation, auto request, auto) {
        if (operation != name) return;
        found = true;
        visit(request);
    });
    REQUIRE(found);
}

// Whether a capture's params (and every structure in them) list their members in model order, as botocore then
// sends them.
template <class T>
bool in_model_order(const nlohmann::ordered_json& json) {
    using awsauth::detail::is_list_v;
    using awsauth::detail::is_optional_v;
    if constexpr (is_optional_v<T>) {
        return in_model_order<typename T::value_type>(json);
    } else if constexpr (is_list_v<T>) {
        return std::all_of(json.begin(), json.end(),
                           [](const auto& element) { return in_model_order<typename T::value_type>(element); });
    } else if constexpr (awsauth::is_described_v<T>) {
        std::size_t last = 0;
        bool ordered = true;
        for (const auto& [key, value] : json.items()) {
            std::size_t index = 0;
            awsauth::for_each_field<T>([&, key = key, value = value](const auto& field) {
                ++index;
                if (field.key != key) return;
                ordered = ordered && index > last &&
                          in_model_order<typename std::decay_t<decltype(field)>::member_type>(value);
                last = index;
            });
        }
        return ordered;
    } else {
        return true;
    }
}

awsauth::http_request post(std::string body) {
    return {"POST", "/", {{"Content-Type", std::string(awsauth::detail::form_content_type)}}, std::move(body)};
}

// ---------------------------------------------------------------------------------------------------------------
// Errors.

template <class Request>
awsauth::error read_error(const std::string& body, const awsauth::parse_options& options = {}) {
    try {
        (void)awsauth::from_http_request<Request>(post(body), options);
    } catch (const awsauth::error& e) {
        return e;
    }
    FAIL("read without an error: " << body);
    throw std::logic_error("unreachable");
}

template <class Request>
awsauth::error write_error(const Request& request) {
    try {
        (void)awsauth::to_http_request(request);
    } catch (const awsauth::error& e) {
        return e;
    }
    FAIL("written without an error");
    throw std::logic_error("unreachable");
}

void check_error(const awsauth::error& e, awsauth::error_kind kind, std::string_view path, std::string_view what) {
    CHECK(std::string(e.what()) == what);
    CHECK(e.path() == path);
    CHECK(to_string(e.kind()) == to_string(kind));
}

// A web identity token, SAML assertion and trade-in token: secrets, and form values.
const std::string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLWJ5dGVz";
const std::string assertion =
    "PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoyLjA6cHJvdG9jb2wi";
const std::string web_identity_prefix =
    "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FR"
    "&RoleSessionName=session";

// No run of 8 bytes of a secret in the message (tests/secrets.hpp); the messages here quote no value at all.
void check_no_secret(const awsauth::error& e) {
    INFO(e.what());
    for (const auto& secret : {token, assertion})
        CHECK_FALSE(awsauth_test::holds_run_of(e.what(), secret));
}

// ---------------------------------------------------------------------------------------------------------------
// A value with members filled, for every operation's input.

enum class fill_mode { required_only, everything, lists_empty };

template <class T>
void fill(T& value, fill_mode mode, int& counter) {
    using awsauth::detail::is_list_v;
    using awsauth::detail::is_optional_v;
    if constexpr (std::is_same_v<T, std::string>) {
        value = "value " + std::to_string(++counter) + " +&=/~*'()!% \xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\n";
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        value = 900 + ++counter;
    } else if constexpr (std::is_same_v<T, awsauth::timestamp>) {
        value = awsauth::parse_timestamp("2026-11-27T12:30:08.123456Z") + std::chrono::seconds(++counter);
    } else if constexpr (is_optional_v<T>) {
        if (mode != fill_mode::required_only) fill(value.emplace(), mode, counter);
    } else if constexpr (is_list_v<T>) {
        value.clear();
        if (mode == fill_mode::lists_empty) return;
        for (int i = 0; i < 2; ++i)
            fill(value.emplace_back(), mode, counter);
    } else {
        static_assert(awsauth::is_described_v<T>);
        awsauth::for_each_field<T>([&](const auto& field) { fill(value.*(field.member), mode, counter); });
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------

TEST_CASE("to_http_request writes what botocore sent, with %20 for a space", "[wire][query-request]") {
    std::size_t compared = 0;
    std::vector<std::string> not_in_model_order;
    for (const auto& [name, document] : sts_captures()) {
        INFO(name);
        with_operation(document.at("operation").get<std::string>(), [&, &document = document, &name = name](auto tag) {
            using Request = typename decltype(tag)::type;
            const auto& params = document.at("params");
            if (!in_model_order<Request>(params)) {
                not_in_model_order.push_back(name);
                return;
            }
            ++compared;
            const Request value = params.get<Request>();
            const awsauth::http_request written = awsauth::to_http_request(value);
            const awsauth::http_request sent = request_of(document);
            CHECK(written.method == sent.method);
            CHECK(written.path == sent.path);
            CHECK(written.headers == sent.headers);
            // Same keys in the same order with the same decoded values...
            CHECK(decoded_pairs(written.body) == decoded_pairs(sent.body));
            // ...and the same bytes, but for botocore's `+` for a space (urllib's quote_plus), which is our %20.
            if (sent.body.find('+') == std::string::npos) {
                CHECK(written.body == sent.body);
            } else {
                CHECK(written.body != sent.body);
                CHECK(written.body == with_spaces_as_percent_20(sent.body));
            }
        });
    }
    CHECK(compared == sts_captures().size() - 1);
    CHECK(not_in_model_order == std::vector<std::string>{"sts-assume-role-reversed-order"});
}

TEST_CASE("from_http_request reads every capture, whatever its order", "[wire][query-request]") {
    std::set<std::string> operations_read;
    for (const auto& [name, document] : sts_captures()) {
        INFO(name);
        const std::string operation = document.at("operation").get<std::string>();
        with_operation(operation, [&, &document = document](auto tag) {
            using Request = typename decltype(tag)::type;
            const Request expected = document.at("params").get<Request>();
            const awsauth::http_request sent = request_of(document);
            CHECK(awsauth::from_http_request<Request>(sent) == expected);
            awsauth::parse_options strict;
            strict.reject_unknown_keys = true;
            CHECK(awsauth::from_http_request<Request>(sent, strict) == expected);
            operations_read.insert(operation);
        });
        // The request is for its operation and no other.
        sts::for_each_operation([&, &document = document](std::string_view other, auto tag, auto) {
            using Request = typename decltype(tag)::type;
            CHECK(awsauth::is_request_for<Request>(request_of(document)) == (other == operation));
        });
    }
    CHECK(operations_read.size() == 11);
}

TEST_CASE("the captures' awkward values, 50 tags, empty lists and empty TaskPolicyArn read back exactly",
          "[wire][query-request]") {
    const auto read_capture = [](const std::string& name, auto tag) {
        using Request = typename decltype(tag)::type;
        const auto document =
            nlohmann::ordered_json::parse(awsauth_test::data_file("protocol/requests/" + name + ".json"));
        return awsauth::from_http_request<Request>(request_of(document));
    };
    SECTION("every awkward character, and our spelling of it") {
        const auto request =
            read_capture("sts-assume-role-awkward-values", awsauth::type_tag<sts::AssumeRoleRequest>{});
        const std::string awkward = "x x+x&x=x/x~x*x'x(x)x!x%x\xc3\xa9x\xe6\x97\xa5\xe6\x9c\xacx\nx";
        CHECK(request.external_id == awkward);
        const std::string body = awsauth::to_http_request(request).body;
        CHECK(body.find("&ExternalId=x%20x%2Bx%26x%3Dx%2Fx~x%2Ax%27x%28x%29x%21x%25x%C3%A9x%E6%97%A5%E6%9C%ACx%0Ax") !=
              std::string::npos);
    }
    SECTION("50 tags, in order, 10 right after 9") {
        const auto request = read_capture("sts-assume-role-50-tags", awsauth::type_tag<sts::AssumeRoleRequest>{});
        REQUIRE(request.tags);
        REQUIRE(request.tags->size() == 50);
        CHECK(request.tags->at(9).key == "tag-10");
        CHECK(request.tags->at(49).value == "value-50");
    }
    SECTION("empty lists are there, and empty") {
        const auto request = read_capture("sts-assume-role-empty-lists", awsauth::type_tag<sts::AssumeRoleRequest>{});
        CHECK(request.policy_arns == std::vector<sts::PolicyDescriptorType>{});
        CHECK(request.transitive_tag_keys == std::vector<std::string>{});
        CHECK_FALSE(request.tags);
    }
    SECTION("a required structure with no pair is an empty one") {
        const auto request =
            read_capture("sts-assume-root-empty-task-policy-arn", awsauth::type_tag<sts::AssumeRootRequest>{});
        CHECK(request.target_principal == "111122223333");
        CHECK(request.task_policy_arn == sts::PolicyDescriptorType{});
    }
}

TEST_CASE("every STS operation's input round-trips", "[wire][query-request]") {
    std::size_t operations = 0;
    sts::for_each_operation([&](std::string_view name, auto tag, auto) {
        using Request = typename decltype(tag)::type;
        ++operations;
        for (const auto mode : {fill_mode::required_only, fill_mode::everything, fill_mode::lists_empty}) {
            INFO(name << " mode " << static_cast<int>(mode));
            Request value{};
            int counter = 0;
            fill(value, mode, counter);
            const awsauth::http_request written = awsauth::to_http_request(value);
            CHECK(written.method == "POST");
            CHECK(written.path == "/");
            CHECK(written.headers == pairs{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}});
            const pairs decoded = decoded_pairs(written.body);
            REQUIRE(decoded.size() >= 2);
            CHECK(decoded[0] == std::pair<std::string, std::string>{"Action", std::string(name)});
            CHECK(decoded[1] == std::pair<std::string, std::string>{"Version", "2011-06-15"});
            // Only unreserved bytes and escapes: the one spelling of a form.
            CHECK(written.body.find_first_not_of(
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%&=") == std::string::npos);
            CHECK(awsauth::from_http_request<Request>(written) == value);
            CHECK(awsauth::is_request_for<Request>(written));
        }
    });
    CHECK(operations == 11);
}

TEST_CASE("a form of our own model: timestamps, nested lists, required structures", "[wire][query-request]") {
    using form_test::ScheduleRequest;
    ScheduleRequest value;
    value.id = "s-1";
    value.owner.name = "ops";
    value.window = form_test::Window{awsauth::parse_timestamp("2026-11-27T12:30:08Z"),
                                     awsauth::parse_timestamp("2026-11-27T12:30:08.123456Z")};
    value.counts = std::vector<std::int32_t>{-2147483647 - 1, 0, 2147483647};
    value.grid = std::vector<std::vector<std::string>>{{"a", "b"}, {}};
    value.times = std::vector<awsauth::timestamp>{awsauth::parse_timestamp("0001-01-01T00:00:00Z")};
    const awsauth::http_request written = awsauth::to_http_request(value);
    CHECK(written.body ==
          "Action=Schedule&Version=2020-02-29&Id=s-1&Owner.Name=ops&Window.Start=2026-11-27T12%3A30%3A08Z"
          "&Window.End=2026-11-27T12%3A30%3A08.123456Z&Counts.member.1=-2147483648&Counts.member.2=0"
          "&Counts.member.3=2147483647&Grid.member.1.member.1=a&Grid.member.1.member.2=b&Grid.member.2="
          "&Times.member.1=0001-01-01T00%3A00%3A00Z");
    CHECK(awsauth::from_http_request<ScheduleRequest>(written) == value);

    SECTION("timestamps are read in every ISO 8601 spelling awsauth reads") {
        const auto read = awsauth::from_http_request<ScheduleRequest>(
            post("Action=Schedule&Version=2020-02-29&Id=s&Owner.Name=o&Window.Start=2026-11-27T14:30:08%2B02:00"));
        REQUIRE(read.window);
        CHECK(read.window->start == awsauth::parse_timestamp("2026-11-27T12:30:08Z"));
    }
    SECTION("a timestamp that is not one") {
        const auto e = read_error<ScheduleRequest>(
            "Action=Schedule&Version=2020-02-29&Id=s&Owner.Name=o&Window.Start=2026-11-27+12:30:61Z");
        check_error(e, awsauth::error_kind::invalid_timestamp, "/Window/Start",
                    "awsauth: at /Window/Start: invalid timestamp: second out of range");
    }
    SECTION("a timestamp awsauth cannot write") {
        ScheduleRequest far = value;
        far.window->start = awsauth::timestamp{} - std::chrono::hours(24 * 366 * 2000);
        check_error(write_error(far), awsauth::error_kind::invalid_timestamp, "/Window/Start",
                    "awsauth: at /Window/Start: timestamp outside the years 0001 to 9999");
    }
    SECTION("an absent required structure is an empty one, whose own required members are missing") {
        check_error(read_error<ScheduleRequest>("Action=Schedule&Version=2020-02-29&Id=s"),
                    awsauth::error_kind::missing_member, "/Owner/Name",
                    "awsauth: at /Owner/Name: missing required member");
        check_error(read_error<ScheduleRequest>("Action=Schedule&Version=2020-02-29&Id=s&Owner.Team=t"),
                    awsauth::error_kind::missing_member, "/Owner/Name",
                    "awsauth: at /Owner/Name: missing required member");
    }
    SECTION("list indexes of an inner list") {
        const auto e = read_error<ScheduleRequest>(
            "Action=Schedule&Version=2020-02-29&Id=s&Owner.Name=o&Grid.member.1.member.2=b");
        check_error(e, awsauth::error_kind::missing_member, "/Grid/0/0",
                    "awsauth: at /Grid/0/0: missing list element: member.1 is absent, but member.2 is present");
    }
}

TEST_CASE("from_http_request decodes as leniently as servers do", "[wire][query-request]") {
    SECTION("+ and %20 are spaces, hex in either case, raw characters that need no escaping, = in a value") {
        const auto request = awsauth::from_http_request<sts::AssumeRoleRequest>(
            post("Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/R"
                 "&RoleSessionName=a+b%20c&ExternalId=!'()*:/@,;$?=%c3%a9%C3%A9~-._"));
        CHECK(request.role_arn == "arn:aws:iam::123456789012:role/R");
        CHECK(request.role_session_name == "a b c");
        CHECK(request.external_id == "!'()*:/@,;$?=\xc3\xa9\xc3\xa9~-._");
    }
    SECTION("pairs and list indexes in any order; empty pairs skipped") {
        const auto request = awsauth::from_http_request<sts::AssumeRoleRequest>(
            post("&Tags.member.2.Value=v2&RoleSessionName=s&&Tags.member.1.Key=k1&Version=2011-06-15"
                 "&Tags.member.2.Key=k2&RoleArn=r&Tags.member.1.Value=v1&Action=AssumeRole&"));
        CHECK(request.tags == std::vector<sts::Tag>{{"k1", "v1"}, {"k2", "v2"}});
    }
    SECTION("the first of a repeated key wins, as in moto and Java's getParameter") {
        const auto request = awsauth::from_http_request<sts::AssumeRoleRequest>(
            post("Action=AssumeRole&Version=2011-06-15&RoleArn=first&RoleSessionName=s&RoleArn=second"
                 "&DurationSeconds=900&DurationSeconds=x"));
        CHECK(request.role_arn == "first");
        CHECK(request.duration_seconds == 900);
    }
    SECTION("escaped keys, a key without '=', leading zeros, an empty list beside its elements") {
        const auto request = awsauth::from_http_request<sts::AssumeRoleRequest>(
            post("%41ction=AssumeRole&Version=2011-06-15&Role%41rn=r&RoleSession%4eame=s&SourceIdentity"
                 "&DurationSeconds=-0900&TransitiveTagKeys=&TransitiveTagKeys.member.1=k"));
        CHECK(request.role_arn == "r");
        CHECK(request.role_session_name == "s");
        CHECK(request.source_identity == "");
        CHECK(request.duration_seconds == -900);
        CHECK(request.transitive_tag_keys == std::vector<std::string>{"k"});
    }
    SECTION("unknown keys are skipped, however they look") {
        const auto request = awsauth::from_http_request<sts::AssumeRoleRequest>(
            post("Action=AssumeRole&Version=2011-06-15&RoleArn=r&RoleSessionName=s&Colour=blue&RoleArn.x=1"
                 "&Tags.member.1.Key=k&Tags.member.1.Value=v&Tags.member.1.Colour=red&TaskPolicyArn.arn=a"
                 "&Unknown=%ZZ%FF"));
        CHECK(request.role_arn == "r");
        CHECK(request.tags == std::vector<sts::Tag>{{"k", "v"}});
    }
    SECTION("an element that names no member the model knows is not there") {
        const auto request = awsauth::from_http_request<sts::AssumeRoleRequest>(
            post("Action=AssumeRole&Version=2011-06-15&RoleArn=r&RoleSessionName=s&PolicyArns.member.1.Arn=a"));
        CHECK_FALSE(request.policy_arns);
    }
    SECTION("max_depth counts a key's dot-separated parts") {
        awsauth::parse_options options;
        options.max_depth = 4;
        const auto request = awsauth::from_http_request<sts::AssumeRoleRequest>(
            post("Action=AssumeRole&Version=2011-06-15&RoleArn=r&RoleSessionName=s&Tags.member.1.Key=k"
                 "&Tags.member.1.Value=v"),
            options);
        CHECK(request.tags->size() == 1);
    }
}

TEST_CASE("is_request_for finds Action without reading the rest", "[wire][query-request]") {
    using awsauth::is_request_for;
    CHECK(is_request_for<sts::AssumeRoleRequest>(post("Action=AssumeRole")));
    CHECK(is_request_for<sts::AssumeRoleRequest>(post("RoleArn=%ZZ&%41ction=Assume%52ole&Version=1")));
    CHECK(is_request_for<sts::GetCallerIdentityRequest>(post("Action=GetCallerIdentity&Action=AssumeRole")));
    CHECK_FALSE(is_request_for<sts::AssumeRoleRequest>(post("Action=GetCallerIdentity&Action=AssumeRole")));
    CHECK_FALSE(is_request_for<sts::AssumeRoleRequest>(post("Action=AssumeRole+")));
    CHECK_FALSE(is_request_for<sts::AssumeRoleRequest>(post("Action=Assume%G1")));
    CHECK_FALSE(is_request_for<sts::AssumeRoleRequest>(post("Action")));
    CHECK_FALSE(is_request_for<sts::AssumeRoleRequest>(post("Version=2011-06-15&RoleArn=r")));
    CHECK_FALSE(is_request_for<sts::AssumeRoleRequest>(post("")));
    CHECK_FALSE(is_request_for<sts::AssumeRoleRequest>({"GET", "/", {}, "Action=AssumeRole"}));
    CHECK_FALSE(is_request_for<sts::AssumeRoleWithSAMLRequest>(post("Action=AssumeRole")));
}

TEST_CASE("a malformed request is an awsauth::error with the path and no value", "[wire][query-request]") {
    using kind = awsauth::error_kind;
    using sts::AssumeRoleRequest;
    using sts::AssumeRoleWithWebIdentityRequest;
    const std::string assume_role = "Action=AssumeRole&Version=2011-06-15&RoleArn=r&RoleSessionName=s";

    SECTION("limits") {
        awsauth::parse_options small;
        small.max_document_size = 10;
        check_error(read_error<AssumeRoleRequest>(assume_role, small), kind::limit_exceeded, "",
                    "awsauth: the document is " + std::to_string(assume_role.size()) +
                        " bytes, more than parse_options::max_document_size (10)");
        awsauth::parse_options shallow;
        shallow.max_depth = 3;
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Tags.member.1.Key=k&Tags.member.1.Value=v", shallow),
                    kind::limit_exceeded, "",
                    "awsauth: the document nests keys deeper than parse_options::max_depth (3)");
    }
    SECTION("Action and Version") {
        check_error(read_error<AssumeRoleRequest>("Version=2011-06-15&RoleArn=r&RoleSessionName=s"),
                    kind::missing_member, "/Action", "awsauth: at /Action: missing required member");
        check_error(read_error<AssumeRoleRequest>("Action=AssumeRole&RoleArn=r&RoleSessionName=s"),
                    kind::missing_member, "/Version", "awsauth: at /Version: missing required member");
        check_error(read_error<AssumeRoleRequest>("Action=GetCallerIdentity&Version=2011-06-15"), kind::wrong_type,
                    "/Action", "awsauth: at /Action: the request is for another operation than AssumeRole");
        check_error(read_error<AssumeRoleRequest>("Action=AssumeRole&Version=2012-01-01"), kind::wrong_type, "/Version",
                    "awsauth: at /Version: the request is for another API version than 2011-06-15");
        check_error(read_error<AssumeRoleRequest>("Action=Assume%G1&Version=2011-06-15"), kind::invalid_json, "/Action",
                    "awsauth: at /Action: invalid form encoding (byte 14): '%' is not followed by two hexadecimal "
                    "digits");  // "Action=Assume" is 13 bytes
    }
    SECTION("missing required members, at their JSON Pointer (list indexes from 0)") {
        check_error(read_error<AssumeRoleRequest>("Action=AssumeRole&Version=2011-06-15&RoleSessionName=s"),
                    kind::missing_member, "/RoleArn", "awsauth: at /RoleArn: missing required member");
        check_error(
            read_error<AssumeRoleRequest>(assume_role + "&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Key=b"
                                                        "&Tags.member.2.Value=2&Tags.member.3.Value=3"),
            kind::missing_member, "/Tags/2/Key", "awsauth: at /Tags/2/Key: missing required member");
        check_error(read_error<sts::GetWebIdentityTokenRequest>(
                        "Action=GetWebIdentityToken&Version=2011-06-15&SigningAlgorithm=RS256"),
                    kind::missing_member, "/Audience", "awsauth: at /Audience: missing required member");
    }
    SECTION("list indexes: gaps, 0, leading zeros, not numbers, too large") {
        const std::string tag1 = "&Tags.member.1.Key=a&Tags.member.1.Value=1";
        check_error(read_error<AssumeRoleRequest>(assume_role + tag1 + "&Tags.member.3.Key=c&Tags.member.3.Value=3"),
                    kind::missing_member, "/Tags/1",
                    "awsauth: at /Tags/1: missing list element: member.2 is absent, but member.3 is present");
        check_error(read_error<AssumeRoleRequest>(assume_role + "&TransitiveTagKeys.member.10=k"), kind::missing_member,
                    "/TransitiveTagKeys/0",
                    "awsauth: at /TransitiveTagKeys/0: missing list element: member.1 is absent, but member.10 is "
                    "present");
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Tags.member.0.Key=a"), kind::out_of_range, "/Tags",
                    "awsauth: at /Tags: a list index is outside 1 to 999999999");
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Tags.member.1000000000.Key=a"), kind::out_of_range,
                    "/Tags", "awsauth: at /Tags: a list index is outside 1 to 999999999");
        const std::string not_a_number =
            "awsauth: at /Tags: a list index is not a decimal number (Name.member.N, N from 1, no leading zeros)";
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Tags.member.01.Key=a"), kind::wrong_type, "/Tags",
                    not_a_number);
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Tags.member.first.Key=a"), kind::wrong_type, "/Tags",
                    not_a_number);
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Tags.member.=a"), kind::wrong_type, "/Tags",
                    not_a_number);
    }
    SECTION("a list's bare name with a value") {
        check_error(read_error<AssumeRoleRequest>(assume_role + "&TransitiveTagKeys=k"), kind::wrong_type,
                    "/TransitiveTagKeys",
                    "awsauth: at /TransitiveTagKeys: expected a list: Name.member.N pairs, or Name with an empty "
                    "value for an empty list");
    }
    SECTION("integers") {
        const std::string not_an_integer =
            "awsauth: at /DurationSeconds: expected an integer (decimal digits, optionally after '-')";
        for (const std::string value : {"15m", "", "+900", "%2B900", "9.5", "-", "0x10", "1e3"}) {
            INFO(value);
            check_error(read_error<AssumeRoleRequest>(assume_role + "&DurationSeconds=" + value), kind::wrong_type,
                        "/DurationSeconds", not_an_integer);
        }
        const std::string out_of_range =
            "awsauth: at /DurationSeconds: integer out of range for a 32-bit signed integer";
        for (const std::string value : {"2147483648", "-2147483649", "99999999999999999999999"}) {
            INFO(value);
            check_error(read_error<AssumeRoleRequest>(assume_role + "&DurationSeconds=" + value), kind::out_of_range,
                        "/DurationSeconds", out_of_range);
        }
        CHECK(awsauth::from_http_request<AssumeRoleRequest>(post(assume_role + "&DurationSeconds=2147483647"))
                  .duration_seconds == 2147483647);
        CHECK(awsauth::from_http_request<AssumeRoleRequest>(post(assume_role + "&DurationSeconds=-2147483648"))
                  .duration_seconds == -2147483647 - 1);
    }
    SECTION("malformed percent-encoding and invalid UTF-8 in a secret: the path, never the value") {
        const std::size_t value_start = web_identity_prefix.size() + std::string("&WebIdentityToken=").size();
        struct damaged {
            std::string value;
            awsauth::error_kind kind;
            std::string problem;
        };
        const std::string bad_escape = "'%' is not followed by two hexadecimal digits";
        const std::string raw = "a character that must be percent-encoded is not";
        const std::vector<damaged> cases = {
            {token.substr(0, 20) + "%G1" + token.substr(20), kind::invalid_json,
             "invalid form encoding (byte " + std::to_string(value_start + 21) + "): " + bad_escape},
            {token + "%4", kind::invalid_json,
             "invalid form encoding (byte " + std::to_string(value_start + token.size() + 1) + "): " + bad_escape},
            {token + "%", kind::invalid_json,
             "invalid form encoding (byte " + std::to_string(value_start + token.size() + 1) + "): " + bad_escape},
            {token.substr(0, 30) + " " + token.substr(30), kind::invalid_json,
             "invalid form encoding (byte " + std::to_string(value_start + 31) + "): " + raw},
            {token.substr(0, 30) + "\"" + token.substr(30), kind::invalid_json,
             "invalid form encoding (byte " + std::to_string(value_start + 31) + "): " + raw},
            {token.substr(0, 30) + "\xc3\xa9" + token.substr(30), kind::invalid_json,
             "invalid form encoding (byte " + std::to_string(value_start + 31) + "): " + raw},
            {token.substr(0, 30) + "%FF" + token.substr(30), kind::invalid_utf8, "string is not valid UTF-8"},
            {token + "%C3%28", kind::invalid_utf8, "string is not valid UTF-8"},
            {token + "%ED%A0%80", kind::invalid_utf8, "string is not valid UTF-8"},
        };
        for (const auto& each : cases) {
            INFO(each.value);
            const auto e =
                read_error<AssumeRoleWithWebIdentityRequest>(web_identity_prefix + "&WebIdentityToken=" + each.value);
            check_error(e, each.kind, "/WebIdentityToken", "awsauth: at /WebIdentityToken: " + each.problem);
            check_no_secret(e);
        }
        const auto saml = read_error<sts::AssumeRoleWithSAMLRequest>(
            "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=r&PrincipalArn=p&SAMLAssertion=" + assertion + "%80");
        check_error(saml, kind::invalid_utf8, "/SAMLAssertion",
                    "awsauth: at /SAMLAssertion: string is not valid UTF-8");
        check_no_secret(saml);
    }
    SECTION("malformed keys: where, not what") {
        const std::string pair_byte = std::to_string(assume_role.size() + 2);  // after the '&', counted from 1
        const std::string fifth_byte = std::to_string(assume_role.size() + 6);
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Role%ZZArn=" + token), kind::invalid_json, "",
                    "awsauth: invalid form encoding (byte " + fifth_byte +
                        ", in a key): '%' is not followed by two hexadecimal digits");
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Role Arn=" + token), kind::invalid_json, "",
                    "awsauth: invalid form encoding (byte " + fifth_byte +
                        ", in a key): a character that must be percent-encoded is not");
        check_error(read_error<AssumeRoleRequest>(assume_role + "&%FF=" + token), kind::invalid_utf8, "",
                    "awsauth: a key is not valid UTF-8 once decoded (the pair at byte " + pair_byte + ")");
    }
    SECTION("unknown keys under reject_unknown_keys: the first in the body") {
        awsauth::parse_options strict;
        strict.reject_unknown_keys = true;
        check_error(read_error<AssumeRoleRequest>(assume_role + "&Colour=blue&Aardvark=1", strict),
                    kind::unknown_member, "/Colour", "awsauth: at /Colour: unknown member");
        check_error(read_error<AssumeRoleRequest>(
                        assume_role + "&Tags.member.1.Key=k&Tags.member.1.Colour=red&Tags.member.1.Value=v", strict),
                    kind::unknown_member, "/Tags/0/Colour", "awsauth: at /Tags/0/Colour: unknown member");
        check_error(read_error<AssumeRoleRequest>(assume_role + "&RoleArn.x~/y=1", strict), kind::unknown_member,
                    "/RoleArn/x~0~1y", "awsauth: at /RoleArn/x~0~1y: unknown member");
        const auto e = read_error<AssumeRoleWithWebIdentityRequest>(
            web_identity_prefix + "&WebIdentityToken=t&SAMLAssertion=" + assertion, strict);
        check_error(e, kind::unknown_member, "/SAMLAssertion", "awsauth: at /SAMLAssertion: unknown member");
        check_no_secret(e);
    }
    SECTION("writing a string that is not UTF-8") {
        sts::AssumeRoleRequest request;
        request.role_arn = "r";
        request.role_session_name = "s";
        request.tags = std::vector<sts::Tag>{{"k", "v"}, {"k2", "v\xff"}};
        check_error(write_error(request), kind::invalid_utf8, "/Tags/1/Value",
                    "awsauth: at /Tags/1/Value: string is not valid UTF-8");
        sts::AssumeRoleWithWebIdentityRequest secret;
        secret.web_identity_token = token + "\xc0\x80";
        const auto e = write_error(secret);
        check_error(e, kind::invalid_utf8, "/WebIdentityToken",
                    "awsauth: at /WebIdentityToken: string is not valid UTF-8");
        check_no_secret(e);
    }
}
