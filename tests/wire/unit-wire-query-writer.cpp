// tests/wire/unit-wire-query-writer.cpp: the AWS Query protocol's answers and errors as a server writes them: moto's
// bytes for moto's captured answers, the exact layout of a few written out here, escaping of every character XML
// treats specially, and the refusals (text XML 1.0 or an HTTP header cannot carry) with their path, kind and no secret.
// botocore itself reads these answers in tests/wire/botocore_reads_answers.py.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"
#include "wire/wire_test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/json.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sts = awsauth::sts;

// A struct of the test's own, described like the generated ones: no STS output has a list, so the list rules are
// shown on this one.
namespace query_writer_test {

struct Item {
    std::string name{};
    std::optional<std::int32_t> size{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<Item>) noexcept {
    return awsauth::field_list{awsauth::field{"Name", &Item::name}, awsauth::field{"Size", &Item::size}};
}

struct ListsOutput {
    std::vector<std::string> names{};
    std::optional<std::vector<Item>> items{};
    std::vector<std::string> none{};
    std::optional<std::vector<std::string>> absent{};
};

template <int = 0>
constexpr auto fields_of(awsauth::type_tag<ListsOutput>) noexcept {
    return awsauth::field_list{awsauth::field{"Names", &ListsOutput::names},
                               awsauth::field{"Items", &ListsOutput::items}, awsauth::field{"None", &ListsOutput::none},
                               awsauth::field{"Absent", &ListsOutput::absent}};
}

inline constexpr awsauth::service_description service{"test", awsauth::protocol::query, "2020-01-01",
                                                      "https://example.com/doc/2020-01-01/"};
inline constexpr awsauth::operation_description list_things{&service, "ListThings", "POST",
                                                            "/",      200,          "ListThingsResult"};
inline constexpr awsauth::operation_description no_wrapper{&service, "ListThings", "POST", "/", 200, ""};

}  // namespace query_writer_test

namespace {

using headers = std::vector<std::pair<std::string, std::string>>;

const std::string sts_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

awsauth::timestamp at(int year, unsigned month, unsigned day, int hours, int minutes, int seconds,
                      std::int64_t microseconds = 0) {
    return awsauth::timestamp{date::sys_days{date::year{year} / date::month{month} / date::day{day}}} +
           std::chrono::hours{hours} + std::chrono::minutes{minutes} + std::chrono::seconds{seconds} +
           std::chrono::microseconds{microseconds};
}

awsauth::ResponseMetadata metadata_with(std::string request_id) {
    awsauth::ResponseMetadata metadata{};
    metadata.request_id = std::move(request_id);
    return metadata;
}

sts::AssumeRoleResponse assume_role_answer() {
    sts::AssumeRoleResponse answer{};
    answer.credentials = sts::Credentials{"ASIARZPUZDIKGMSUHUPK", "1it87hjEuqJDkgLvdtV1Mx+OrRU7X7sY8wzor+nJ",
                                          "FQoGZXIvYXdzEBYaDQ8h7rVWezBQxI2JfVuyd87ybwWdF8/esqKLgPcHNHqB+1n5ol3u",
                                          at(2026, 11, 27, 12, 30, 8, 896508)};
    answer.assumed_role_user = sts::AssumedRoleUser{"AROA3X42LBCDBS3ND3Q2B:awsauth-full",
                                                    "arn:aws:sts::123456789012:assumed-role/AuthTestRole/awsauth-full"};
    answer.packed_policy_size = 6;
    answer.source_identity = "alice";
    answer.response_metadata = metadata_with("hTQNbMTz1f3OayQtS8XV6sUeTdcejkxsjbySFDJ7R7K9lGxGqPJm");
    return answer;
}

// What awsauth::to_http_error(shape, request_id) does (wire.hpp), called on the query writer directly: in this tree
// the front door's restJson1 branch is only declared, so a program calling it does not link yet.
template <class ErrorShape>
awsauth::http_response error_answer(const ErrorShape& shape, std::string request_id = {}) {
    return awsauth::detail::write_query_error(
        service_of(awsauth::type_tag<ErrorShape>{}),  // found by ADL, in the shape's service namespace
        awsauth::service_error(std::string(ErrorShape::error_code), shape.message.value_or(std::string()),
                               std::move(request_id), ErrorShape::http_status_code));
}

awsauth::http_response sts_error(const std::string& code, const std::string& message, const std::string& request_id,
                                 int status) {
    return awsauth::detail::write_query_error(sts::service, awsauth::service_error(code, message, request_id, status));
}

using awsauth_test::refusal_of;

std::string caller_identity_body(const std::string& result) {
    return "<GetCallerIdentityResponse xmlns=\"" + sts_namespace + "\"><GetCallerIdentityResult>" + result +
           "</GetCallerIdentityResult></GetCallerIdentityResponse>";
}

// GetCallerIdentity's answer with `text` as its UserId, and the body's UserId element as written.
std::string user_id_element(const std::string& text) {
    sts::GetCallerIdentityResponse answer{};
    answer.user_id = text;
    const std::string body = awsauth::to_http_response(answer).body;
    const auto start = body.find("<UserId>");
    const auto end = body.find("</UserId>");
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    return body.substr(start + 8, end - start - 8);
}

}  // namespace

TEST_CASE("an AssumeRole answer: status, one Content-Type, the request id header, and moto's layout", "[wire][query]") {
    const awsauth::http_response answer = awsauth::to_http_response(assume_role_answer());
    CHECK(answer.status == 200);
    CHECK(answer.headers == headers{{"Content-Type", "text/xml"},
                                    {"x-amzn-RequestId", "hTQNbMTz1f3OayQtS8XV6sUeTdcejkxsjbySFDJ7R7K9lGxGqPJm"}});
    CHECK(answer.body ==
          "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
          "<Credentials><AccessKeyId>ASIARZPUZDIKGMSUHUPK</AccessKeyId>"
          "<SecretAccessKey>1it87hjEuqJDkgLvdtV1Mx+OrRU7X7sY8wzor+nJ</SecretAccessKey>"
          "<SessionToken>FQoGZXIvYXdzEBYaDQ8h7rVWezBQxI2JfVuyd87ybwWdF8/esqKLgPcHNHqB+1n5ol3u</SessionToken>"
          "<Expiration>2026-11-27T12:30:08.896508Z</Expiration></Credentials>"
          "<AssumedRoleUser><AssumedRoleId>AROA3X42LBCDBS3ND3Q2B:awsauth-full</AssumedRoleId>"
          "<Arn>arn:aws:sts::123456789012:assumed-role/AuthTestRole/awsauth-full</Arn></AssumedRoleUser>"
          "<PackedPolicySize>6</PackedPolicySize><SourceIdentity>alice</SourceIdentity></AssumeRoleResult>"
          "<ResponseMetadata><RequestId>hTQNbMTz1f3OayQtS8XV6sUeTdcejkxsjbySFDJ7R7K9lGxGqPJm</RequestId>"
          "</ResponseMetadata></AssumeRoleResponse>");
}

TEST_CASE("a GetCallerIdentity answer, full and empty: the result element is always there", "[wire][query]") {
    sts::GetCallerIdentityResponse identity{};
    identity.user_id = "AKIAIOSFODNN7EXAMPLE";
    identity.account = "123456789012";
    identity.arn = "arn:aws:sts::123456789012:user/moto";
    identity.response_metadata = metadata_with("req-1");
    const auto answer = awsauth::to_http_response(identity);
    CHECK(answer.status == 200);
    CHECK(answer.headers == headers{{"Content-Type", "text/xml"}, {"x-amzn-RequestId", "req-1"}});
    CHECK(answer.body ==
          "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
          "<UserId>AKIAIOSFODNN7EXAMPLE</UserId><Account>123456789012</Account>"
          "<Arn>arn:aws:sts::123456789012:user/moto</Arn></GetCallerIdentityResult>"
          "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>");

    // No member and no request id: the empty result element stays (botocore raises KeyError without it), and neither
    // ResponseMetadata nor the header is written.
    const auto empty = awsauth::to_http_response(sts::GetCallerIdentityResponse{});
    CHECK(empty.headers == headers{{"Content-Type", "text/xml"}});
    CHECK(empty.body == caller_identity_body(""));

    // ResponseMetadata present but without a request id is the same as none; its other members never travel.
    sts::GetCallerIdentityResponse metadata_only{};
    metadata_only.response_metadata = metadata_with("");
    metadata_only.response_metadata->http_status_code = 200;
    metadata_only.response_metadata->http_headers = {{"x-amzn-requestid", "from-a-header"}};
    CHECK(awsauth::to_http_response(metadata_only).body == caller_identity_body(""));
    CHECK(awsauth::to_http_response(metadata_only).headers == headers{{"Content-Type", "text/xml"}});

    // A required member is written even when empty; botocore reads <X></X> as "".
    sts::GetAccessKeyInfoResponse key_info{};
    key_info.account = "";
    CHECK(awsauth::to_http_response(key_info).body ==
          "<GetAccessKeyInfoResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetAccessKeyInfoResult>"
          "<Account></Account></GetAccessKeyInfoResult></GetAccessKeyInfoResponse>");
}

TEST_CASE("every STS answer moto sent is written again byte for byte from what boto3 made of it", "[wire][query]") {
    std::size_t compared = 0;
    const auto folder = std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol" / "responses";
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("sts-", 0) != 0) continue;
        const auto capture = nlohmann::json::parse(awsauth_test::read_file(entry.path()));
        REQUIRE(capture.contains("parsed"));
        const std::string operation = capture.at("operation").get<std::string>();
        bool found = false;
        sts::for_each_operation([&](std::string_view each, auto, auto output_tag) {
            if (each != operation) return;
            found = true;
            using output = typename decltype(output_tag)::type;
            const auto value = capture.at("parsed").get<output>();
            const awsauth::http_response answer = awsauth::to_http_response(value);
            INFO(name);
            CHECK(answer.status == capture.at("status").get<int>());
            CHECK(answer.body == capture.at("body").get<std::string>());
            CHECK(answer.headers ==
                  headers{{"Content-Type", capture.at("headers").at("Content-Type").get<std::string>()},
                          {"x-amzn-RequestId", capture.at("headers").at("x-amzn-requestid").get<std::string>()}});
            ++compared;
        });
        CHECK(found);
    }
    CHECK(compared == 10);
}

TEST_CASE("timestamps are ISO 8601 in UTC with Z; integers are plain decimal over the whole int32 range",
          "[wire][query]") {
    sts::AssumeRoleResponse answer{};
    answer.credentials = sts::Credentials{"ASIARZPUZDIKGMSUHUPK", "s", "t", at(2026, 11, 27, 12, 30, 8)};
    answer.packed_policy_size = -2147483647 - 1;
    std::string body = awsauth::to_http_response(answer).body;
    CHECK(body.find("<Expiration>2026-11-27T12:30:08Z</Expiration>") != std::string::npos);
    CHECK(body.find("<PackedPolicySize>-2147483648</PackedPolicySize>") != std::string::npos);

    answer.credentials->expiration = at(1, 1, 1, 0, 0, 0, 1);
    answer.packed_policy_size = 2147483647;
    body = awsauth::to_http_response(answer).body;
    CHECK(body.find("<Expiration>0001-01-01T00:00:00.000001Z</Expiration>") != std::string::npos);
    CHECK(body.find("<PackedPolicySize>2147483647</PackedPolicySize>") != std::string::npos);

    answer.credentials->expiration = at(9999, 12, 31, 23, 59, 59, 999999);
    body = awsauth::to_http_response(answer).body;
    CHECK(body.find("<Expiration>9999-12-31T23:59:59.999999Z</Expiration>") != std::string::npos);
}

TEST_CASE("text is escaped where XML needs it and nowhere else", "[wire][query]") {
    CHECK(user_id_element("&") == "&amp;");
    CHECK(user_id_element("<") == "&lt;");
    CHECK(user_id_element(">") == "&gt;");
    CHECK(user_id_element("]]>") == "]]&gt;");
    CHECK(user_id_element("&amp;") == "&amp;amp;");  // written as the text it is, not taken for a reference
    CHECK(user_id_element("\"'") == "\"'");          // only attributes need " escaped; ' never
    // Tab and line feed stay; a carriage return is a character reference, or the reader's end-of-line handling
    // would turn it into a line feed.
    CHECK(user_id_element("a\tb\nc\rd\r\ne") == "a\tb\nc&#13;d&#13;\ne");
    // Leading and trailing white space is part of the value.
    CHECK(user_id_element("  padded \n") == "  padded \n");
    // UTF-8 as it is: two, three and four bytes, DEL and the C1 controls (XML 1.0 allows them), U+FFFD.
    const std::string unicode = "\xC3\xA9\xE6\x97\xA5\xE6\x9C\xAC\xF0\x9F\x98\x80\x7F\xC2\x85\xC2\x9F\xEF\xBF\xBD";
    CHECK(user_id_element(unicode) == unicode);
    CHECK(user_id_element(" +=/~*()!%?#@,;:$") == " +=/~*()!%?#@,;:$");
    CHECK(user_id_element("") == "");
    CHECK(user_id_element("x&<>\"'\r\n\t&#13;y") == "x&amp;&lt;&gt;\"'&#13;\n\t&amp;#13;y");

    // Error text goes through the same escaping.
    const auto failure = sts_error("Code&<>", "it's <b>\"bold\"</b> & \r\n", "id&1", 400);
    CHECK(failure.body ==
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
          "<Code>Code&amp;&lt;&gt;</Code><Message>it's &lt;b&gt;\"bold\"&lt;/b&gt; &amp; &#13;\n</Message></Error>"
          "<RequestId>id&amp;1</RequestId></ErrorResponse>");
}

TEST_CASE("an attribute value escapes quotes, tab, line feed and carriage return too", "[wire][query]") {
    const awsauth::service_description odd{"odd", awsauth::protocol::query, "1", "urn:a\"b&c<d>e\tf\ng\rh'i"};
    const auto failure = awsauth::detail::write_query_error(odd, awsauth::service_error("Throttling", "", "", 400));
    CHECK(failure.body ==
          "<ErrorResponse xmlns=\"urn:a&quot;b&amp;c&lt;d&gt;e&#9;f&#10;g&#13;h'i\"><Error><Type>Sender</Type>"
          "<Code>Throttling</Code></Error></ErrorResponse>");
    // No namespace, no attribute.
    const awsauth::service_description bare{"bare", awsauth::protocol::query, "1", ""};
    CHECK(awsauth::detail::write_query_error(bare, awsauth::service_error("Throttling", "", "", 400)).body ==
          "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code></Error></ErrorResponse>");
}

TEST_CASE("lists are <member> children, empty lists empty elements, absent ones left out", "[wire][query]") {
    using namespace query_writer_test;
    ListsOutput value{};
    value.names = {"a", "b&c"};
    value.items = std::vector<Item>{{"first", 1}, {"second", std::nullopt}};
    const auto answer = awsauth::detail::write_query_response(value, list_things);
    CHECK(answer.status == 200);
    CHECK(answer.headers == headers{{"Content-Type", "text/xml"}});
    CHECK(answer.body ==
          "<ListThingsResponse xmlns=\"https://example.com/doc/2020-01-01/\"><ListThingsResult>"
          "<Names><member>a</member><member>b&amp;c</member></Names>"
          "<Items><member><Name>first</Name><Size>1</Size></member><member><Name>second</Name></member></Items>"
          "<None></None></ListThingsResult></ListThingsResponse>");
    // An operation without a result wrapper: the members sit in the root element.
    CHECK(awsauth::detail::write_query_response(ListsOutput{}, no_wrapper).body ==
          "<ListThingsResponse xmlns=\"https://example.com/doc/2020-01-01/\"><Names></Names><None></None>"
          "</ListThingsResponse>");
}

TEST_CASE("an error answer: modeled shapes with their code and status, unmodeled codes, Receiver for a 5xx",
          "[wire][query]") {
    const auto expired =
        error_answer(sts::ExpiredTokenException{"The security token included in the request is expired"},
                     "e141f117-29c6-4eb5-b3e6-ea5d47ae8b90");
    CHECK(expired.status == 400);
    CHECK(expired.headers ==
          headers{{"Content-Type", "text/xml"}, {"x-amzn-RequestId", "e141f117-29c6-4eb5-b3e6-ea5d47ae8b90"}});
    CHECK(expired.body ==
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
          "<Code>ExpiredTokenException</Code><Message>The security token included in the request is expired</Message>"
          "</Error><RequestId>e141f117-29c6-4eb5-b3e6-ea5d47ae8b90</RequestId></ErrorResponse>");

    // The five shapes whose code is not their name are sent under the code.
    const auto idp = error_answer(sts::IDPCommunicationErrorException{"the IdP did not answer"});
    CHECK(idp.status == 400);
    CHECK(idp.headers == headers{{"Content-Type", "text/xml"}});
    CHECK(idp.body ==
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
          "<Code>IDPCommunicationError</Code><Message>the IdP did not answer</Message></Error></ErrorResponse>");
    CHECK(error_answer(sts::IDPRejectedClaimException{}).status == 403);

    // An unmodeled code, no message, no request id: neither element is written.
    const auto unmodeled = sts_error("ExpiredToken", "", "", 400);
    CHECK(unmodeled.body ==
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
          "<Code>ExpiredToken</Code></Error></ErrorResponse>");
    CHECK(sts_error("AccessDenied", "no", "r", 403).status == 403);

    const auto server = sts_error("InternalFailure", "try again", "r-5", 500);
    CHECK(server.status == 500);
    CHECK(server.body ==
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Receiver</Type>"
          "<Code>InternalFailure</Code><Message>try again</Message></Error><RequestId>r-5</RequestId>"
          "</ErrorResponse>");
    CHECK(sts_error("ServiceUnavailable", "", "", 503).body.find("<Type>Receiver</Type>") != std::string::npos);
    CHECK(sts_error("TooManyRequests", "", "", 499).body.find("<Type>Sender</Type>") != std::string::npos);
}

TEST_CASE("moto's own ValidationError answers are written again byte for byte", "[wire][query]") {
    for (const char* file : {"protocol/errors/sts-assume-role-role-session-name-too-long.json",
                             "protocol/errors/sts-get-federation-token-policy-too-long.json"}) {
        INFO(file);
        const auto capture = nlohmann::json::parse(awsauth_test::data_file(file));
        const auto& error = capture.at("botocore_error");
        const auto answer = sts_error(error.at("Code").get<std::string>(), error.at("Message").get<std::string>(),
                                      capture.at("request_id").get<std::string>(), capture.at("status").get<int>());
        CHECK(answer.status == capture.at("status").get<int>());
        CHECK(answer.body == capture.at("body").get<std::string>());
    }
}

TEST_CASE("characters XML 1.0 cannot carry are refused with the member's path, kind invalid_utf8", "[wire][query]") {
    std::vector<char> refused;
    for (char c = 0; c < 0x20; ++c) {
        if (c != '\t' && c != '\n' && c != '\r') refused.push_back(c);
    }
    CHECK(refused.size() == 29);
    for (const char c : refused) {
        INFO("byte " << static_cast<int>(c));
        auto answer = assume_role_answer();
        answer.credentials->session_token.insert(10, 1, c);
        const auto refusal = refusal_of([&] { awsauth::to_http_response(answer); });
        CHECK(refusal.kind() == awsauth::error_kind::invalid_utf8);
        CHECK(refusal.path() == "/Credentials/SessionToken");
        CHECK(refusal.problem() == awsauth::detail::xml_character_refused);
    }
    // U+FFFE and U+FFFF are not XML characters either; U+FFFD and U+10FFFF are.
    for (const std::string noncharacter : {"\xEF\xBF\xBE", "\xEF\xBF\xBF"}) {
        sts::GetCallerIdentityResponse identity{};
        identity.arn = "arn:" + noncharacter;
        const auto refusal = refusal_of([&] { awsauth::to_http_response(identity); });
        CHECK(refusal.kind() == awsauth::error_kind::invalid_utf8);
        CHECK(refusal.path() == "/Arn");
        CHECK(refusal.problem() == awsauth::detail::xml_character_refused);
    }
    CHECK(user_id_element("\xF4\x8F\xBF\xBF") == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("text that is not UTF-8 is refused with the member's path", "[wire][query]") {
    // A lone continuation byte, an overlong '/', a truncated sequence, a surrogate, a code point above U+10FFFF.
    for (const std::string broken : {"\x80", "\xC0\xAF", "\xE6\x97", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF"}) {
        auto answer = assume_role_answer();
        answer.assumed_role_user->arn += broken;
        const auto refusal = refusal_of([&] { awsauth::to_http_response(answer); });
        CHECK(refusal.kind() == awsauth::error_kind::invalid_utf8);
        CHECK(refusal.path() == "/AssumedRoleUser/Arn");
        CHECK(refusal.problem() == awsauth::detail::xml_string_not_utf8);
    }
    // Inside a list, the path has the element's index.
    query_writer_test::ListsOutput lists{};
    lists.items = std::vector<query_writer_test::Item>{{"fine", 1}, {"bad\x01", 2}};
    const auto in_list =
        refusal_of([&] { awsauth::detail::write_query_response(lists, query_writer_test::list_things); });
    CHECK(in_list.path() == "/Items/1/Name");
    lists.items = std::nullopt;
    lists.names = {"a", "b", "\xC3"};
    CHECK(refusal_of([&] { awsauth::detail::write_query_response(lists, query_writer_test::list_things); }).path() ==
          "/Names/2");
}

TEST_CASE("a timestamp outside 0001-9999 is refused with its path", "[wire][query]") {
    auto answer = assume_role_answer();
    answer.credentials->expiration = awsauth::timestamp{std::chrono::microseconds{-62135596800000001}};
    const auto refusal = refusal_of([&] { awsauth::to_http_response(answer); });
    CHECK(refusal.kind() == awsauth::error_kind::invalid_timestamp);
    CHECK(refusal.path() == "/Credentials/Expiration");
    answer.credentials->expiration = at(9999, 12, 31, 23, 59, 59, 999999) + std::chrono::microseconds{1};
    CHECK(refusal_of([&] { awsauth::to_http_response(answer); }).path() == "/Credentials/Expiration");
}

TEST_CASE("a request id the header or the body cannot carry is refused at /ResponseMetadata/RequestId",
          "[wire][query]") {
    // CR and LF are fine in XML but would end the header line: a second header smuggled into the answer.
    for (const std::string request_id : {"req\r\nSet-Cookie: x=1", "req\n", "req\x7F", "req\x01"}) {
        auto answer = assume_role_answer();
        answer.response_metadata->request_id = request_id;
        const auto refusal = refusal_of([&] { awsauth::to_http_response(answer); });
        CHECK(refusal.kind() == awsauth::error_kind::invalid_utf8);
        CHECK(refusal.path() == "/ResponseMetadata/RequestId");
        CHECK(refusal.problem() == awsauth::detail::request_id_not_a_header_value);
        const auto error_refusal = refusal_of([&] { sts_error("Throttling", "", request_id, 400); });
        CHECK(error_refusal.path() == "/ResponseMetadata/RequestId");
        CHECK(error_refusal.problem() == awsauth::detail::request_id_not_a_header_value);
    }
    // A tab is a header's; text that is not UTF-8 passes the header but not the XML.
    auto answer = assume_role_answer();
    answer.response_metadata->request_id = "req\tid";
    CHECK(awsauth::to_http_response(answer).headers.back().second == "req\tid");
    answer.response_metadata->request_id = "req\xC3";
    const auto refusal = refusal_of([&] { awsauth::to_http_response(answer); });
    CHECK(refusal.path() == "/ResponseMetadata/RequestId");
    CHECK(refusal.problem() == awsauth::detail::xml_string_not_utf8);
    CHECK(refusal_of([&] { sts_error("Throttling", "", "req\xC3", 400); }).path() == "/ResponseMetadata/RequestId");
}

TEST_CASE("an error answer is refused for a status that is not an error's, an empty code, or unwritable text",
          "[wire][query]") {
    for (const int status : {0, 200, 204, 302, 399, 600}) {
        INFO(status);
        const auto refusal = refusal_of([&] { sts_error("Throttling", "", "", status); });
        CHECK(refusal.kind() == awsauth::error_kind::out_of_range);
        CHECK(refusal.path().empty());
        CHECK(refusal.problem() == "an error answer's HTTP status must be from 400 to 599");
    }
    const auto no_code = refusal_of([&] { sts_error("", "message", "", 400); });
    CHECK(no_code.kind() == awsauth::error_kind::missing_member);
    CHECK(no_code.path() == "/Error/Code");
    const auto bad_code = refusal_of([&] { sts_error("Bad\x02", "", "", 400); });
    CHECK(bad_code.kind() == awsauth::error_kind::invalid_utf8);
    CHECK(bad_code.path() == "/Error/Code");
    const auto bad_message = refusal_of([&] { sts_error("Throttling", "\xC3(", "", 400); });
    CHECK(bad_message.kind() == awsauth::error_kind::invalid_utf8);
    CHECK(bad_message.path() == "/Error/Message");
    CHECK(bad_message.problem() == awsauth::detail::xml_string_not_utf8);
}

TEST_CASE("no refusal names a secret: each secret of each captured answer made unwritable in turn",
          "[wire][query][secrets]") {
    std::size_t refusals = 0;
    const auto folder = std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol" / "responses";
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().filename().string().rfind("sts-", 0) != 0) continue;
        const auto capture = nlohmann::json::parse(awsauth_test::read_file(entry.path()));
        const std::string operation = capture.at("operation").get<std::string>();
        sts::for_each_operation([&](std::string_view each, auto, auto output_tag) {
            if (each != operation) return;
            using output = typename decltype(output_tag)::type;
            const auto original = capture.at("parsed").get<output>();
            const auto secrets = awsauth_test::secret_strings(original);
            // A refused byte in the middle of one secret, then a broken UTF-8 byte there: the message names the path
            // and nothing of any secret.
            for (const char* breaking : {"\x01", "\x80"}) {
                for (const auto& secret : secrets) {
                    auto value = original;
                    awsauth_test::for_each_secret_string(value, [&](std::string& text) {
                        if (text == secret) text.insert(text.size() / 2, breaking);
                    });
                    const auto refusal = refusal_of([&] { awsauth::to_http_response(value); });
                    for (const auto& any : secrets) {
                        CHECK_FALSE(awsauth_test::holds_run_of(refusal.what(), any));
                    }
                    ++refusals;
                }
            }
        });
    }
    // Eight answers carry Credentials: two secrets each (SecretAccessKey, SessionToken), broken two ways.
    CHECK(refusals == 32);
}
