// tests/wire/unit-wire-integers.cpp: a `long` (std::int64_t) on every wire the codec speaks, at the ends of its
// range and one step past them: the AWS Query form and XML answer, and restJson1's query string, header and body.
// No model has a long on those wires yet (SSO's is in a JSON body), so the structs and operations are described here
// by hand, as the generator would describe them.
#include "catch.hpp"
#include "wire_test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wire_integers {
using awsauth::operator==;
using awsauth::operator!=;
using awsauth::operator<<;

// The AWS Query protocol: the long in the form and in the XML answer.
struct CountRequest {
    std::int64_t total{};
    std::optional<std::int64_t> limit{};
};
template <int = 0>
constexpr auto fields_of(awsauth::type_tag<CountRequest>) noexcept {
    return awsauth::field_list{awsauth::field{"Total", &CountRequest::total},
                               awsauth::field{"Limit", &CountRequest::limit}};
}
struct CountResponse {
    std::int64_t total{};
    std::optional<awsauth::ResponseMetadata> response_metadata{};
};
template <int = 0>
constexpr auto fields_of(awsauth::type_tag<CountResponse>) noexcept {
    return awsauth::field_list{awsauth::field{"Total", &CountResponse::total},
                               awsauth::field{"ResponseMetadata", &CountResponse::response_metadata}};
}
inline constexpr awsauth::service_description query_service{"local-query", awsauth::protocol::query, "2024-01-01",
                                                            "https://local.example/doc/2024-01-01/"};
template <int = 0>
constexpr awsauth::operation_description operation_of(awsauth::type_tag<CountRequest>) noexcept {
    return {&query_service, "Count", "POST", "/", 200, "CountResult"};
}
template <int = 0>
constexpr awsauth::operation_description operation_of(awsauth::type_tag<CountResponse>) noexcept {
    return {&query_service, "Count", "POST", "/", 200, "CountResult"};
}

// restJson1: the long in the query string, a header and the body.
struct TallyRequest {
    std::int64_t since{};
    std::optional<std::int64_t> version{};
    std::optional<std::int64_t> amount{};
};
template <int = 0>
constexpr auto fields_of(awsauth::type_tag<TallyRequest>) noexcept {
    return awsauth::field_list{awsauth::field{"since", &TallyRequest::since, awsauth::in_query("since")},
                               awsauth::field{"version", &TallyRequest::version, awsauth::in_header("x-version")},
                               awsauth::field{"amount", &TallyRequest::amount}};
}
inline constexpr awsauth::service_description rest_service{"local-rest", awsauth::protocol::rest_json, "2024-01-01",
                                                           ""};
template <int = 0>
constexpr awsauth::operation_description operation_of(awsauth::type_tag<TallyRequest>) noexcept {
    return {&rest_service, "Tally", "GET", "/tally", 200, ""};
}
}  // namespace wire_integers

namespace {

using awsauth_test::refusal_of;
using wire_integers::CountRequest;
using wire_integers::CountResponse;
using wire_integers::TallyRequest;

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
const std::string out_of_range = "integer out of range for a 64-bit signed integer";

awsauth::http_request form_request(const std::string& total) {
    return {"POST",
            "/",
            {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
            "Action=Count&Version=2024-01-01&Total=" + total};
}

awsauth::http_response xml_answer(const std::string& total) {
    return {200,
            {{"Content-Type", "text/xml"}},
            "<CountResponse xmlns=\"https://local.example/doc/2024-01-01/\"><CountResult><Total>" + total +
                "</Total></CountResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CountResponse>"};
}

awsauth::http_request tally_request(const std::string& since) {
    return {"GET", "/tally?since=" + since, {}, ""};
}

}  // namespace

TEST_CASE("a long in the AWS Query form: exact digits both ways, the range enforced", "[wire][integers]") {
    for (const std::int64_t total :
         {int64_min, std::int64_t{-1}, std::int64_t{0}, std::int64_t{9007199254740993}, int64_max}) {
        INFO(total);
        const CountRequest request{total, int64_min};
        const auto written = awsauth::to_http_request(request);
        CHECK(written.body ==
              "Action=Count&Version=2024-01-01&Total=" + std::to_string(total) + "&Limit=-9223372036854775808");
        CHECK(awsauth::from_http_request<CountRequest>(written) == request);
    }
    CHECK(awsauth::from_http_request<CountRequest>(form_request("-0")).total == 0);
    CHECK(awsauth::from_http_request<CountRequest>(form_request("0009223372036854775807")).total == int64_max);
    for (const char* total : {"9223372036854775808", "-9223372036854775809", "99999999999999999999999"}) {
        INFO(total);
        const auto refused = refusal_of([&] { (void)awsauth::from_http_request<CountRequest>(form_request(total)); });
        CHECK(refused.kind() == awsauth::error_kind::out_of_range);
        CHECK(refused.path() == "/Total");
        CHECK(refused.problem() == out_of_range);
    }
    for (const char* total : {"1.0", "1e3", "%2B1", "", "-"}) {
        INFO(total);
        const auto refused = refusal_of([&] { (void)awsauth::from_http_request<CountRequest>(form_request(total)); });
        CHECK(refused.kind() == awsauth::error_kind::wrong_type);
        CHECK(refused.path() == "/Total");
    }
}

TEST_CASE("a long in an AWS Query XML answer: exact digits both ways, the range enforced", "[wire][integers]") {
    for (const std::int64_t total : {int64_min, std::int64_t{9007199254740993}, int64_max}) {
        INFO(total);
        CountResponse response{};
        response.total = total;
        const auto written = awsauth::to_http_response(response);
        CHECK(written.body.find("<Total>" + std::to_string(total) + "</Total>") != std::string::npos);
        CHECK(awsauth::from_http_response<CountResponse>(written).total == total);
    }
    // As botocore's int(): whitespace around it and a sign are read.
    CHECK(awsauth::from_http_response<CountResponse>(xml_answer(" \n+9223372036854775807\t")).total == int64_max);
    CHECK(awsauth::from_http_response<CountResponse>(xml_answer("-9223372036854775808")).total == int64_min);
    CHECK(awsauth::from_http_response<CountResponse>(xml_answer("-0")).total == 0);
    for (const char* total : {"9223372036854775808", "-9223372036854775809", "18446744073709551616",
                              "999999999999999999999999999999999999999"}) {
        INFO(total);
        const auto refused = refusal_of([&] { (void)awsauth::from_http_response<CountResponse>(xml_answer(total)); });
        CHECK(refused.kind() == awsauth::error_kind::out_of_range);
        CHECK(refused.path() == "/Total");
        CHECK(refused.problem() == out_of_range);
    }
    for (const char* total : {"1.0", "1e3", "", "-", "0x10"}) {
        INFO(total);
        const auto refused = refusal_of([&] { (void)awsauth::from_http_response<CountResponse>(xml_answer(total)); });
        CHECK(refused.kind() == awsauth::error_kind::wrong_type);
    }
}

TEST_CASE("a long in restJson1's query string, header and body", "[wire][integers]") {
    const TallyRequest request{int64_min, int64_max, 9007199254740993};
    const auto written = awsauth::to_http_request(request);
    CHECK(written.path == "/tally?since=-9223372036854775808");
    CHECK(written.headers == std::vector<std::pair<std::string, std::string>>{{"x-version", "9223372036854775807"},
                                                                              {"Content-Type", "application/json"}});
    CHECK(written.body == R"({"amount":9007199254740993})");
    CHECK(awsauth::from_http_request<TallyRequest>(written) == request);

    CHECK(awsauth::from_http_request<TallyRequest>(tally_request("009")).since == 9);
    for (const char* since : {"9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
        INFO(since);
        const auto refused = refusal_of([&] { (void)awsauth::from_http_request<TallyRequest>(tally_request(since)); });
        CHECK(refused.kind() == awsauth::error_kind::out_of_range);
        CHECK(refused.path() == "/since");
        CHECK(refused.problem() == out_of_range);
    }
    for (const char* since : {"1.0", "1e3", "%2B1", "", "12abc"}) {
        INFO(since);
        const auto refused = refusal_of([&] { (void)awsauth::from_http_request<TallyRequest>(tally_request(since)); });
        CHECK(refused.kind() == awsauth::error_kind::wrong_type);
        CHECK(refused.problem() == "expected an integer");
    }
    awsauth::http_request header = tally_request("1");
    header.headers = {{"x-version", "9223372036854775808"}};
    CHECK(refusal_of([&] { (void)awsauth::from_http_request<TallyRequest>(header); }).path() == "/version");
    header.headers = {{"x-version", "-1"}};
    header.body = R"({"amount":-9223372036854775809})";
    const auto refused = refusal_of([&] { (void)awsauth::from_http_request<TallyRequest>(header); });
    CHECK(refused.path() == "/amount");
    CHECK(refused.problem() == out_of_range);
}
