// tests/wire/unit-wire-query-response.cpp: STS's XML answers read with from_http_response, judged by botocore: every
// moto answer in tests/data/protocol/responses and every variant in response-variants gives what botocore parsed,
// or awsauth's decision where botocore returns garbage (listed below with the reasons); every error in errors/
// gives botocore's code, message, request id and status, or an awsauth::error where botocore raised
// ResponseParserError. Then the reading rules one at a time, on moto's AssumeRole answer changed by hand.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"
#include "wire/wire_test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace sts = awsauth::sts;
using nlohmann::json;

namespace {

std::vector<std::filesystem::path> protocol_files(const std::string& folder, const std::string& prefix) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol" / folder)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

json read_json(const std::filesystem::path& path) {
    return json::parse(awsauth_test::read_file(path));
}

// The HTTP response a capture file records: status, headers in their received order and case, body.
awsauth::http_response response_of(const json& capture) {
    awsauth::http_response response;
    response.status = capture.at("status").get<int>();
    for (const auto& [name, value] : capture.at("headers").items())
        response.headers.emplace_back(name, value.get<std::string>());
    response.body = capture.at("body").get<std::string>();
    return response;
}

// botocore's hyphenated operation name: AssumeRoleWithSAML -> assume-role-with-saml.
std::string hyphenated(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const bool upper = std::isupper(static_cast<unsigned char>(name[i])) != 0;
        const bool after_lower = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])) != 0;
        const bool before_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1])) != 0 &&
                                  i > 0 && std::isupper(static_cast<unsigned char>(name[i - 1])) != 0;
        if (upper && (after_lower || before_lower)) out += '-';
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    }
    return out;
}

// Every secret string of a parsed answer (SecretAccessKey, SessionToken, ...), found through the descriptors.
template <class Output>
std::set<std::string> secrets_of(const Output& value) {
    return awsauth_test::secret_strings(value);
}

void check_no_secret(const std::string& message, const std::set<std::string>& secrets) {
    for (const auto& secret : secrets) {
        INFO(message);
        CHECK_FALSE(awsauth_test::holds_run_of(message, secret));
    }
}

// One checker per STS output, by file stem ("sts-assume-role"): reads the capture with from_http_response and
// compares with the `parsed` of the file, adjusted as `adjust` says.
using answer_check = std::function<void(const json& capture, const std::function<void(json&)>& adjust)>;

template <class Output>
void check_answer(const json& capture, const std::function<void(json&)>& adjust) {
    json expected_json = capture.at("parsed");
    if (adjust) adjust(expected_json);
    const auto expected = expected_json.get<Output>();
    const auto read = awsauth::from_http_response<Output>(response_of(capture));
    CHECK(read == expected);
    if (!(read == expected)) {
        INFO("read:     " << awsauth::dump(read));
        INFO("botocore: " << awsauth::dump(expected));
        CHECK(false);
    }
}

const std::map<std::string, answer_check>& answer_checks() {
    static const auto checks = [] {
        std::map<std::string, answer_check> table;
        sts::for_each_operation([&](std::string_view name, auto, auto response) {
            using Output = typename decltype(response)::type;
            table["sts-" + hyphenated(name)] = &check_answer<Output>;
        });
        return table;
    }();
    return checks;
}

}  // namespace

TEST_CASE("operation names are hyphenated as botocore's file names have them", "[wire][query]") {
    CHECK(hyphenated("AssumeRoleWithSAML") == "assume-role-with-saml");
    CHECK(hyphenated("GetAccessKeyInfo") == "get-access-key-info");
    CHECK(hyphenated("AssumeRoot") == "assume-root");
    CHECK(answer_checks().count("sts-get-web-identity-token") == 1);
}

TEST_CASE("every moto answer reads as botocore parsed it, ResponseMetadata included", "[wire][query]") {
    const auto files = protocol_files("responses", "sts-");
    REQUIRE(files.size() >= 10);
    for (const auto& path : files) {
        SECTION(path.filename().string()) {
            const json capture = read_json(path);
            REQUIRE(capture.contains("parsed"));
            const auto check = awsauth_test::entry_for_file(answer_checks(), path.stem().string());
            REQUIRE(check);
            // The client's own ResponseMetadata: the body's RequestId, the status, every header lower-cased (these
            // captures repeat none), no retry. Nothing to adjust.
            check(capture, nullptr);
        }
    }
}

TEST_CASE("the request id of an answer: the body's, else the x-amzn-RequestId header, the body winning",
          "[wire][query]") {
    const json capture =
        read_json(std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol/responses/sts-get-caller-identity.json");
    auto response = response_of(capture);
    const std::string in_body = capture.at("parsed").at("ResponseMetadata").at("RequestId").get<std::string>();
    for (auto& [name, value] : response.headers) {
        if (awsauth::detail::equal_ignoring_case(name, "x-amzn-requestid")) value = "from-the-header";
    }
    const auto both = awsauth::from_http_response<sts::GetCallerIdentityResponse>(response);
    CHECK(both.response_metadata->request_id == in_body);
    CHECK(both.response_metadata->http_headers.at("x-amzn-requestid") == "from-the-header");

    const std::string metadata = "<ResponseMetadata><RequestId>" + in_body + "</RequestId></ResponseMetadata>";
    const auto at = response.body.find(metadata);
    REQUIRE(at != std::string::npos);
    response.body.erase(at, metadata.size());
    response.headers = {{"X-AMZN-REQUESTID", "from-the-header"}};
    CHECK(awsauth::from_http_response<sts::GetCallerIdentityResponse>(response).response_metadata->request_id ==
          "from-the-header");
    response.headers.clear();
    CHECK(awsauth::from_http_response<sts::GetCallerIdentityResponse>(response).response_metadata->request_id.empty());
    // An empty <RequestId/> is none: the header is used.
    response.body.insert(at, "<ResponseMetadata><RequestId/></ResponseMetadata>");
    response.headers = {{"x-amzn-RequestId", "from-the-header"}};
    CHECK(awsauth::from_http_response<sts::GetCallerIdentityResponse>(response).response_metadata->request_id ==
          "from-the-header");
}

namespace {

// What awsauth does with a variant where it does not give botocore's value.
struct refused {
    awsauth::error_kind kind;
    const char* path;  // nullptr: an error about the whole document (no location)
    const char* problem;
};

void check_refused(const json& capture, const refused& expected) {
    const auto response = response_of(capture);
    try {
        (void)awsauth::from_http_response<sts::AssumeRoleResponse>(response);
        FAIL("no error");
    } catch (const awsauth::error& failure) {
        CHECK(failure.kind() == expected.kind);
        CHECK(std::string(failure.problem()) == expected.problem);
        if (expected.path == nullptr) {
            CHECK(failure.location().empty());
        } else {
            CHECK(std::string(failure.path()) == expected.path);
            CHECK_FALSE(failure.location().empty());
        }
        // The secrets of the answer, as botocore read them from the unchanged body.
        json unchanged = read_json(std::filesystem::path(AWSAUTH_TEST_DATA) /
                                   "protocol/response-variants/sts-assume-role-unchanged.json")
                             .at("parsed");
        unchanged.erase("ResponseMetadata");
        const auto secrets = secrets_of(unchanged.get<sts::AssumeRoleResponse>());
        REQUIRE(secrets.size() == 2);
        check_no_secret(failure.what(), secrets);
    }
}

}  // namespace

TEST_CASE("every variant of a real answer reads as botocore parsed it, or as awsauth decided", "[wire][query]") {
    using kind = awsauth::error_kind;
    const char* const doctype =
        "invalid XML (byte 30): a document type declaration (DOCTYPE), which awsauth refuses";  // at its "["
    // Where awsauth refuses what botocore returns (or raises on), and why.
    const std::map<std::string, refused> decisions{
        // No DOCTYPE at all: no entity is declared, expanded or fetched (botocore expands the internal one).
        {"sts-assume-role-doctype-external-entity", {kind::invalid_json, nullptr, doctype}},
        {"sts-assume-role-doctype-internal-entity", {kind::invalid_json, nullptr, doctype}},
        // botocore returns a list of two raw elements as the AccessKeyId.
        {"sts-assume-role-duplicate-leaf",
         {kind::wrong_type, "/Credentials/AccessKeyId", "expected one element, got a repeated one"}},
        // botocore returns {}: the model requires both members, as the JSON readers do.
        {"sts-assume-role-empty-structure",
         {kind::missing_member, "/AssumedRoleUser/AssumedRoleId", "missing required member"}},
        // botocore raises ValueError, KeyError.
        {"sts-assume-role-expiration-invalid",
         {kind::invalid_timestamp, "/Credentials/Expiration", "invalid timestamp: year must be 4 digits"}},
        {"sts-assume-role-integer-not-a-number",
         {kind::wrong_type, "/PackedPolicySize", "expected an integer, got text that is not one"}},
        {"sts-assume-role-missing-result", {kind::missing_member, "", "missing the AssumeRoleResult element"}},
    };
    const auto files = protocol_files("response-variants", "sts-assume-role-");
    REQUIRE(files.size() >= 30);
    for (const auto& decision : decisions) {
        const std::string& stem = decision.first;
        INFO(stem);
        CHECK(std::any_of(files.begin(), files.end(), [&](const auto& path) { return path.stem() == stem; }));
    }
    for (const auto& path : files) {
        const std::string stem = path.stem().string();
        SECTION(stem) {
            const json capture = read_json(path);
            const auto decision = decisions.find(stem);
            if (decision != decisions.end()) {
                check_refused(capture, decision->second);
                return;
            }
            REQUIRE(capture.contains("parsed"));  // every other variant botocore parsed
            check_answer<sts::AssumeRoleResponse>(capture, [&](json& parsed) {
                auto& metadata = parsed.at("ResponseMetadata");
                // QueryParser alone, not the client: no RetryAttempts; the client adds 0, as awsauth does.
                metadata["RetryAttempts"] = 0;
                // botocore copies unknown children of ResponseMetadata (as null when empty); no struct holds them.
                metadata.erase("UnknownMetadata");
                // Without <ResponseMetadata> botocore reports no RequestId; awsauth takes the x-amzn-RequestId
                // header, as the rule says.
                if (!metadata.contains("RequestId")) {
                    CHECK(stem == "sts-assume-role-no-response-metadata");
                    metadata["RequestId"] = capture.at("headers").at("x-amzn-requestid");
                }
            });
        }
    }
}

TEST_CASE("the variants botocore reads differently from the unchanged answer still read as it did", "[wire][query]") {
    const auto variant = [](const std::string& name) {
        return awsauth::from_http_response<sts::AssumeRoleResponse>(
            response_of(read_json(std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol/response-variants" /
                                  ("sts-assume-role-" + name + ".json"))));
    };
    const auto unchanged = variant("unchanged");
    // Leaf strings are exact: the whitespace around the AccessKeyId is kept.
    CHECK(variant("whitespace-string").credentials->access_key_id ==
          "\n  " + unchanged.credentials->access_key_id + "  \n");
    // Around an integer or a timestamp it is not.
    CHECK(variant("whitespace-integer") == unchanged);
    CHECK(variant("whitespace-timestamp") == unchanged);
    // References decoded, comments dropped with their text joined, CDATA as text.
    CHECK(variant("entity-references").assumed_role_user->assumed_role_id ==
          unchanged.assumed_role_user->assumed_role_id + "-&<>\"'-AA");
    CHECK(variant("comment-inside-value") == unchanged);
    CHECK(variant("cdata") == unchanged);
    // An empty leaf, either spelling, is "" (present).
    CHECK(variant("empty-leaf").source_identity == std::optional<std::string>(""));
    CHECK(variant("empty-leaf-self-closing").source_identity == std::optional<std::string>(""));
    // Nine fraction digits are cut to microseconds; +02:00 is two hours before the same clock time in UTC; no zone
    // is UTC (botocore: a naive datetime); a bare number is epoch seconds.
    using std::chrono::microseconds;
    const auto at = [](const char* text) { return awsauth::parse_timestamp(text); };
    CHECK(variant("expiration-fraction-9").credentials->expiration == at("2026-11-27T12:30:08.123456Z"));
    CHECK(variant("expiration-offset-plus-02-00").credentials->expiration == at("2026-11-27T10:30:08Z"));
    CHECK(variant("expiration-offset-none").credentials->expiration == at("2026-11-27T12:30:08Z"));
    CHECK(variant("expiration-epoch-seconds").credentials->expiration == at("2026-11-24T16:18:43Z"));
}

namespace {

// Which modeled error classes botocore's client raised, by the shape's name.
std::map<std::string, std::function<bool(const awsauth::service_error&)>> modeled_errors() {
    std::map<std::string, std::function<bool(const awsauth::service_error&)>> table;
    sts::for_each_error([&](std::string_view, auto tag) {
        using Shape = typename decltype(tag)::type;
        sts::for_each_shape([&](std::string_view name, auto other) {
            if constexpr (std::is_same_v<typename decltype(other)::type, Shape>)
                table[std::string(name)] = [](const awsauth::service_error& failure) { return failure.is<Shape>(); };
        });
    });
    return table;
}

}  // namespace

TEST_CASE("every STS error reads as botocore's client reported it", "[wire][query]") {
    const auto modeled = modeled_errors();
    REQUIRE(modeled.size() >= 10);
    REQUIRE(modeled.count("IDPCommunicationErrorException") == 1);
    const auto files = protocol_files("errors", "sts-");
    REQUIRE(files.size() >= 30);
    for (const auto& path : files) {
        SECTION(path.filename().string()) {
            const json capture = read_json(path);
            const auto response = response_of(capture);
            const std::string raised = capture.at("exception").get<std::string>();
            try {
                (void)awsauth::from_http_response<sts::AssumeRoleResponse>(response);
                FAIL("no exception");
            } catch (const awsauth::service_error& failure) {
                REQUIRE(raised != "ResponseParserError");
                const json& botocore = capture.at("botocore_error");
                CHECK(failure.code() == botocore.at("Code").get<std::string>());
                CHECK(failure.message() == botocore.value("Message", std::string()));
                CHECK(failure.http_status() == response.status);
                if (!capture.at("request_id").is_null()) {
                    CHECK(failure.request_id() == capture.at("request_id").get<std::string>());
                } else if (awsauth::detail::bodiless_server_error(response)) {
                    CHECK(failure.request_id().empty());  // botocore's generic 5xx has none either
                } else {
                    // moto's <Errors> layout has no RequestId: botocore reports none, awsauth the header's.
                    const std::string* header = awsauth::detail::find_header(response.headers, "x-amzn-requestid");
                    CHECK(failure.request_id() == (header ? *header : std::string()));
                }
                // The client raised a modeled class exactly when is<> holds for it: by the code on the wire.
                for (const auto& [shape, is] : modeled) {
                    INFO(shape);
                    CHECK(is(failure) == (raised == shape));
                }
            } catch (const awsauth::error& failure) {
                // botocore: ResponseParserError, "Unable to parse response (...), invalid XML received".
                CHECK(raised == "ResponseParserError");
                CHECK(failure.kind() == awsauth::error_kind::invalid_json);
                CHECK(failure.location().empty());
            }
        }
    }
}

TEST_CASE("codes stay as sent: ExpiredToken is not ExpiredTokenException, IDPCommunicationError is its shape's",
          "[wire][query]") {
    const auto error_in = [](const std::string& file) {
        const auto response =
            response_of(read_json(std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol/errors" / file));
        try {
            (void)awsauth::from_http_response<sts::GetCallerIdentityResponse>(response);
        } catch (const awsauth::service_error& failure) {
            return failure;
        }
        FAIL("no service_error");
        throw;
    };
    const auto expired = error_in("sts-get-caller-identity-code-expired-token.json");
    CHECK(expired.code() == "ExpiredToken");
    CHECK_FALSE(expired.is<sts::ExpiredTokenException>());
    const auto idp = error_in("sts-assume-role-with-web-identity-code-idp-communication-error.json");
    CHECK(idp.code() == "IDPCommunicationError");
    CHECK(idp.is<sts::IDPCommunicationErrorException>());
    const auto shape_name = error_in("sts-assume-role-with-web-identity-code-idp-communication-error-exception.json");
    CHECK_FALSE(shape_name.is<sts::IDPCommunicationErrorException>());
    const auto moto = error_in("sts-get-caller-identity-invalid-client-token-id.json");
    CHECK(moto.code() == "InvalidClientTokenId");
    CHECK(moto.http_status() == 403);
    CHECK(std::string(moto.what()) == "InvalidClientTokenId: The security token included in the request is invalid.");
}

// ---------------------------------------------------------------------------------------------------------------
// The reading rules, one at a time, on moto's real AssumeRole answer changed by hand.

namespace {

const json& full_capture() {
    static const json capture =
        read_json(std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol/responses/sts-assume-role-full.json");
    return capture;
}

std::string full_body() {
    return full_capture().at("body").get<std::string>();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

sts::AssumeRoleResponse read_assume_role(const std::string& body, const awsauth::parse_options& options = {}) {
    return awsauth::from_http_response<sts::AssumeRoleResponse>({200, {}, body}, options);
}

using awsauth_test::refusal_of;

awsauth::error assume_role_refusal(const std::string& body, const awsauth::parse_options& options = {}) {
    return refusal_of([&] { (void)read_assume_role(body, options); });
}

std::string with_packed_policy_size(const std::string& text) {
    return replaced(full_body(), "<PackedPolicySize>6</PackedPolicySize>",
                    "<PackedPolicySize>" + text + "</PackedPolicySize>");
}

std::string with_expiration(const std::string& text) {
    return replaced(full_body(), "<Expiration>2026-11-27T12:30:08.896508Z</Expiration>",
                    "<Expiration>" + text + "</Expiration>");
}

const std::string& secret_access_key() {
    static const std::string key = full_capture().at("parsed").at("Credentials").at("SecretAccessKey");
    return key;
}

const std::string& session_token() {
    static const std::string token = full_capture().at("parsed").at("Credentials").at("SessionToken");
    return token;
}

void check_no_secret_of_the_answer(const std::string& message) {
    check_no_secret(message, {secret_access_key(), session_token()});
}

}  // namespace

TEST_CASE("an integer is optional whitespace, a sign and decimal digits within the int32 range", "[wire][query]") {
    const std::map<std::string, std::int32_t> accepted{
        {"6", 6}, {" +6 ", 6}, {"\n-1\t", -1}, {"007", 7}, {"2147483647", 2147483647}, {"-2147483648", INT32_MIN}};
    for (const auto& [text, value] : accepted) {
        INFO(text);
        CHECK(read_assume_role(with_packed_policy_size(text)).packed_policy_size == value);
    }
    for (const std::string text : {"2147483648", "-2147483649", "99999999999999999999999999"}) {
        const auto failure = assume_role_refusal(with_packed_policy_size(text));
        CHECK(failure.kind() == awsauth::error_kind::out_of_range);
        CHECK(std::string(failure.path()) == "/PackedPolicySize");
        CHECK(std::string(failure.problem()) == "integer out of range for a 32-bit signed integer");
    }
    // What Python's int() accepts beyond that (underscores, other digits) is refused.
    for (const std::string text : {"", " ", "+", "-", "6 0", "6_0", "0x6", "6.0", "1e3", "six", "\xEF\xBC\x96"}) {
        INFO(text);
        const auto failure = assume_role_refusal(with_packed_policy_size(text));
        CHECK(failure.kind() == awsauth::error_kind::wrong_type);
        CHECK(std::string(failure.path()) == "/PackedPolicySize");
        CHECK(std::string(failure.problem()) == "expected an integer, got text that is not one");
    }
}

TEST_CASE("a timestamp is ISO 8601 read by awsauth's parser, or epoch seconds as botocore reads a number",
          "[wire][query]") {
    const auto at = [](const char* text) { return awsauth::parse_timestamp(text); };
    const std::map<std::string, awsauth::timestamp> accepted{
        {"2026-11-27T12:30:08.896508Z", at("2026-11-27T12:30:08.896508Z")},
        {"2026-11-27T12:30:08Z", at("2026-11-27T12:30:08Z")},
        {"2026-11-27T12:30:08.123Z", at("2026-11-27T12:30:08.123Z")},
        {"2026-11-27T12:30:08.123456789Z", at("2026-11-27T12:30:08.123456Z")},
        {"2026-11-27T12:30:08-04:30", at("2026-11-27T17:00:08Z")},
        {"\n  2026-11-27T12:30:08+00:00\t", at("2026-11-27T12:30:08Z")},
        {"1795537123", at("2026-11-24T16:18:43Z")},
        {" 1795537123.25 ", at("2026-11-24T16:18:43.25Z")},
        {"1.795537123E9", at("2026-11-24T16:18:43Z")},
        {"-1", at("1969-12-31T23:59:59Z")},
    };
    for (const auto& [text, value] : accepted) {
        INFO(text);
        CHECK(read_assume_role(with_expiration(text)).credentials->expiration == value);
    }
    const std::map<std::string, std::string> refused{
        {"", "invalid timestamp: empty"},
        {"   ", "invalid timestamp: empty"},
        {"not a date", "invalid timestamp: year must be 4 digits"},
        {"2026-02-30T00:00:00Z", "invalid timestamp: day out of range for month"},
        {"2026-11-27T12:30:08Zjunk", "invalid timestamp: unexpected text after the time zone"},
        {"999999999999", "invalid timestamp: outside the years 0001 to 9999"},
        {"nan", "invalid timestamp: year must be 4 digits"},
        {"Fri, 27 Nov 2026 12:30:08 GMT", "invalid timestamp: year must be 4 digits"},  // dateutil reads it
    };
    for (const auto& [text, problem] : refused) {
        INFO(text);
        const auto failure = assume_role_refusal(with_expiration(text));
        CHECK(failure.kind() == awsauth::error_kind::invalid_timestamp);
        CHECK(std::string(failure.path()) == "/Credentials/Expiration");
        CHECK(std::string(failure.problem()) == problem);
    }
}

TEST_CASE("a string is its text exactly: references, CDATA and comments resolved, whitespace kept", "[wire][query]") {
    const auto id_of = [](const std::string& spelled) {
        return read_assume_role(replaced(full_body(),
                                         "<AssumedRoleId>AROA3X42LBCDBS3ND3Q2B:awsauth-full</AssumedRoleId>",
                                         "<AssumedRoleId>" + spelled + "</AssumedRoleId>"))
            .assumed_role_user->assumed_role_id;
    };
    CHECK(id_of("  a b\t") == "  a b\t");
    CHECK(id_of("a&amp;b&#x1F600;&#233;") == "a&b\xF0\x9F\x98\x80\xC3\xA9");
    CHECK(id_of("\xE6\x97\xA5\xE6\x9C\xAC") == "\xE6\x97\xA5\xE6\x9C\xAC");
    CHECK(id_of("a<![CDATA[<b>&amp;]]>c") == "a<b>&amp;c");
    CHECK(id_of("a<!-- x -->b<?pi data?>c") == "abc");
    // XML's end-of-line rule, as every XML reader (botocore's expat too) applies it: CR LF and CR are LF.
    CHECK(id_of("a\r\nb\rc") == "a\nb\nc");
    CHECK(id_of("a&#13;b") == "a\rb");
    CHECK(id_of("") == "");
}

TEST_CASE("elements: local names in any namespace and order, unknown ones skipped with all they hold",
          "[wire][query]") {
    const auto expected = read_assume_role(full_body());
    // Text between members is no member's; an element named like a member inside an unknown one is not that member;
    // ResponseMetadata inside the result is not boto3's and is skipped.
    const std::string noisy = replaced(
        replaced(full_body(), "<Credentials>",
                 "<Credentials>text between members<Unknown><AccessKeyId>NOT</AccessKeyId><Deeper><Deeper><x/></Deeper>"
                 "</Deeper></Unknown><member>not a list</member>"),
        "<PackedPolicySize>",
        "<ResponseMetadata><RequestId>NOT</RequestId></ResponseMetadata><other:PackedPolicySize "
        "xmlns:other=\"urn:x\">9</other:PackedPolicySize><OtherResult/><PackedPolicySize>");
    // A member in another namespace is still that member: two PackedPolicySize, whatever their namespaces.
    CHECK(std::string(assume_role_refusal(noisy).path()) == "/PackedPolicySize");
    const std::string without_second = replaced(noisy, "<PackedPolicySize>6</PackedPolicySize>", "");
    auto read = read_assume_role(without_second);
    CHECK(read.packed_policy_size == 9);
    read.packed_policy_size = 6;
    CHECK(read == expected);
    CHECK(read.response_metadata->request_id == expected.response_metadata->request_id);
    // An attribute changes nothing; nor does an element's own xmlns on one member only.
    CHECK(read_assume_role(replaced(full_body(), "<Credentials>", "<Credentials id=\"1\" xmlns=\"urn:y\">")) ==
          expected);
}

TEST_CASE("a required member missing, a member repeated or an element inside a leaf is refused with its path",
          "[wire][query]") {
    using kind = awsauth::error_kind;
    const std::string token = "<SessionToken>" + session_token() + "</SessionToken>";
    const struct {
        std::string body;
        kind expected_kind;
        const char* path;
        const char* problem;
    } cases[] = {
        {replaced(full_body(), token, ""), kind::missing_member, "/Credentials/SessionToken",
         "missing required member"},
        {replaced(full_body(), "<Expiration>2026-11-27T12:30:08.896508Z</Expiration>", ""), kind::missing_member,
         "/Credentials/Expiration", "missing required member"},
        {replaced(full_body(), "<Arn>", "<Arn/><Arn>"), kind::wrong_type, "/AssumedRoleUser/Arn",
         "expected one element, got a repeated one"},
        {replaced(full_body(), "<AssumedRoleUser>", "<Credentials/><AssumedRoleUser>"), kind::wrong_type,
         "/Credentials", "expected one element, got a repeated one"},
        {replaced(full_body(), "</AssumeRoleResult>", "</AssumeRoleResult><AssumeRoleResult/>"), kind::wrong_type, "",
         "expected one element, got a repeated one"},
        {replaced(full_body(), "</ResponseMetadata>", "</ResponseMetadata><ResponseMetadata/>"), kind::wrong_type,
         "/ResponseMetadata", "expected one element, got a repeated one"},
        {replaced(full_body(), "</RequestId>", "</RequestId><RequestId/>"), kind::wrong_type,
         "/ResponseMetadata/RequestId", "expected one element, got a repeated one"},
        {replaced(full_body(), token,
                  "<SessionToken>" + session_token().substr(0, 40) + "<b/>" + session_token().substr(40) +
                      "</SessionToken>"),
         kind::wrong_type, "/Credentials/SessionToken", "expected text, got an element"},
        {replaced(full_body(), "<PackedPolicySize>6", "<PackedPolicySize>6<x>"), kind::wrong_type, "/PackedPolicySize",
         "expected text, got an element"},
        {replaced(full_body(), "</RequestId>", "<x/></RequestId>"), kind::wrong_type, "/ResponseMetadata/RequestId",
         "expected text, got an element"},
    };
    for (const auto& each : cases) {
        INFO(each.path << ": " << each.problem);
        const auto failure = assume_role_refusal(each.body);
        CHECK(failure.kind() == each.expected_kind);
        CHECK(std::string(failure.path()) == each.path);
        CHECK(std::string(failure.problem()) == each.problem);
        CHECK_FALSE(failure.location().empty());
        check_no_secret_of_the_answer(failure.what());
    }
}

namespace {

// No STS output has a list; a request struct read as if it were one shows the reader's lists.
constexpr awsauth::service_description made_up_service{"made-up", awsauth::protocol::query, "2011-06-15", ""};
constexpr awsauth::operation_description made_up_operation{&made_up_service, "MadeUp", "POST", "/", 200,
                                                           "MadeUpResult"};

sts::AssumeRoleRequest read_made_up(const std::string& result) {
    return awsauth::detail::read_query_response<sts::AssumeRoleRequest>(
        {200, {}, "<MadeUpResponse><MadeUpResult>" + result + "</MadeUpResult></MadeUpResponse>"}, made_up_operation,
        {});
}

}  // namespace

TEST_CASE("a list is its <member> elements, in order, through the descriptors", "[wire][query]") {
    const std::string required =
        "<RoleArn>arn:aws:iam::123456789012:role/r</RoleArn><RoleSessionName>s</RoleSessionName>";
    const auto read =
        read_made_up(required +
                     "<Tags><member><Key>k1</Key><Value>v1</Value></member><other><Key>no</Key></other>"
                     "<member><Value>v2</Value><Key>k2</Key></member></Tags>"
                     "<TransitiveTagKeys>\n  <member>a</member>\n  <member> b </member>\n</TransitiveTagKeys>"
                     "<PolicyArns/><DurationSeconds>900</DurationSeconds>");
    REQUIRE(read.tags);
    REQUIRE(read.tags->size() == 2);
    CHECK((*read.tags)[0].key == "k1");
    CHECK((*read.tags)[0].value == "v1");
    CHECK((*read.tags)[1].key == "k2");
    CHECK(read.transitive_tag_keys == std::optional<std::vector<std::string>>({"a", " b "}));
    CHECK(read.policy_arns ==
          std::optional<std::vector<sts::PolicyDescriptorType>>(std::vector<sts::PolicyDescriptorType>{}));
    CHECK(read.duration_seconds == 900);
    CHECK_FALSE(read.provided_contexts);

    using kind = awsauth::error_kind;
    const struct {
        std::string result;
        kind expected_kind;
        const char* path;
    } refused[] = {
        {required + "<Tags><member><Key>k</Key><Value>v</Value></member><member><Value>v</Value></member></Tags>",
         kind::missing_member, "/Tags/1/Key"},
        {required + "<Tags/><Tags/>", kind::wrong_type, "/Tags"},
        {required + "<TransitiveTagKeys><member>a</member><member>b<c/></member></TransitiveTagKeys>", kind::wrong_type,
         "/TransitiveTagKeys/1"},
        {"<RoleArn>arn</RoleArn>", kind::missing_member, "/RoleSessionName"},
    };
    for (const auto& each : refused) {
        INFO(each.path);
        const auto failure = refusal_of([&] { (void)read_made_up(each.result); });
        CHECK(failure.kind() == each.expected_kind);
        CHECK(std::string(failure.path()) == each.path);
    }
}

TEST_CASE("an output without a result wrapper is the document element itself", "[wire][query]") {
    constexpr awsauth::operation_description unwrapped{&made_up_service, "MadeUp", "POST", "/", 200, ""};
    const auto read = awsauth::detail::read_query_response<sts::GetCallerIdentityResponse>(
        {200, {{"x-amzn-RequestId", "r-1"}}, "<Anything><Account>123456789012</Account><UserId>u</UserId></Anything>"},
        unwrapped, {});
    CHECK(read.account == "123456789012");
    CHECK(read.user_id == "u");
    CHECK(read.response_metadata->request_id == "r-1");
}

TEST_CASE("max_depth counts every element, the document element being level 1", "[wire][query]") {
    awsauth::parse_options options;
    options.max_depth = 4;  // AssumeRoleResponse > AssumeRoleResult > Credentials > AccessKeyId
    CHECK(read_assume_role(full_body(), options).credentials);
    options.max_depth = 3;
    const auto failure = assume_role_refusal(full_body(), options);
    CHECK(failure.kind() == awsauth::error_kind::limit_exceeded);
    CHECK(std::string(failure.what()) ==
          "awsauth: the document nests elements deeper than parse_options::max_depth (3)");
    // Skipped elements count too.
    options.max_depth = 5;
    CHECK(read_assume_role(replaced(full_body(), "<Credentials>", "<Credentials><x><y/></x>"), options).credentials);
    CHECK(assume_role_refusal(replaced(full_body(), "<Credentials>", "<Credentials><x><y><z/></y></x>"), options)
              .kind() == awsauth::error_kind::limit_exceeded);
}

TEST_CASE("reject_unknown_keys refuses an element the model does not have inside a struct or a list", "[wire][query]") {
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    CHECK(read_assume_role(full_body(), strict) == read_assume_role(full_body()));
    const auto variant = response_of(read_json(std::filesystem::path(AWSAUTH_TEST_DATA) /
                                               "protocol/response-variants/sts-assume-role-unknown-elements.json"));
    CHECK(awsauth::from_http_response<sts::AssumeRoleResponse>(variant).credentials);
    // The document element's other children are the protocol's, not a struct's: the first refused is in the result.
    const auto failure =
        refusal_of([&] { (void)awsauth::from_http_response<sts::AssumeRoleResponse>(variant, strict); });
    CHECK(failure.kind() == awsauth::error_kind::unknown_member);
    CHECK(std::string(failure.path()) == "/UnknownResult");
    CHECK(std::string(failure.problem()) == "unknown member");
    // boto3's ResponseMetadata is not a member on the wire.
    CHECK(std::string(assume_role_refusal(
                          replaced(full_body(), "<PackedPolicySize>", "<ResponseMetadata/><PackedPolicySize>"), strict)
                          .path()) == "/ResponseMetadata");
    const std::string required = "<RoleArn>arn</RoleArn><RoleSessionName>s</RoleSessionName>";
    CHECK(std::string(refusal_of([&] {
                          (void)awsauth::detail::read_query_response<sts::AssumeRoleRequest>(
                              {200, {}, "<R><MadeUpResult>" + required + "<Tags><item/></Tags></MadeUpResult></R>"},
                              made_up_operation, strict);
                      }).path()) == "/Tags/item");
    // An error answer's <Type> is read past whatever the options say.
    try {
        (void)awsauth::from_http_response<sts::AssumeRoleResponse>(
            {400, {}, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code></Error></ErrorResponse>"},
            strict);
        FAIL("no service_error");
    } catch (const awsauth::service_error& failure_of_call) {
        CHECK(failure_of_call.code() == "Throttling");
    }
}
