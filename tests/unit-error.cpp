// tests/unit-error.cpp: awsauth::error as code sees it: the kind of every problem the readers, writers and checks
// report, the problem without the prefix and path that what() adds, and the versioned namespace everything lives in.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <typeinfo>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;

namespace {

// The error parse<T> throws for `text`, with the test failing if it throws none.
template <class T>
awsauth::error parse_error(const std::string& text, const awsauth::parse_options& options = {}) {
    try {
        (void)awsauth::parse<T>(text, options);
    } catch (const awsauth::error& failure) {
        return failure;
    }
    FAIL("parse accepted the document");
    throw;  // unreachable: FAIL throws
}

template <class T>
awsauth::error dom_error(const std::string& text) {
    try {
        (void)nlohmann::json::parse(text).get<T>();
    } catch (const awsauth::error& failure) {
        return failure;
    }
    FAIL("from_json accepted the document");
    throw;
}

const std::string credentials_without_token =
    R"({"Credentials":{"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"secret","Expiration":"2026-11-23T17:43:29Z"}})";

}  // namespace

TEST_CASE("every reading problem has its kind, and the problem reads without prefix or path", "[error]") {
    struct expectation {
        std::string text;
        awsauth::error_kind kind;
        std::string path;
        std::string problem;
    };
    const expectation cases[] = {
        {"{", awsauth::error_kind::invalid_json, "",
         "invalid JSON (byte 2): parse error at line 1, column 2: syntax error while parsing "
         "object key - "
         "unexpected end of input; expected string literal"},
        {std::string("{}\0", 3), awsauth::error_kind::invalid_json, "",
         "invalid JSON (byte 3): a NUL byte, which JSON text cannot hold"},
        {credentials_without_token, awsauth::error_kind::missing_member, "/Credentials/SessionToken",
         "missing required member"},
        {R"({"Credentials":{"AccessKeyId":null}})", awsauth::error_kind::wrong_type, "/Credentials/AccessKeyId",
         "required member is null"},
        {R"({"PackedPolicySize":"7"})", awsauth::error_kind::wrong_type, "/PackedPolicySize",
         "expected an integer, got string"},
        {R"({"PackedPolicySize":2147483648})", awsauth::error_kind::out_of_range, "/PackedPolicySize",
         "integer out of range for a 32-bit signed integer"},
        {R"({"Credentials":{"AccessKeyId":"a","SecretAccessKey":"b","SessionToken":"c","Expiration":"2026-13-01T00:00:00Z"}})",
         awsauth::error_kind::invalid_timestamp, "/Credentials/Expiration", "invalid timestamp: month out of range"},
        {R"({"Credentials":{"AccessKeyId":"a","SecretAccessKey":"b","SessionToken":"c","Expiration":1e20}})",
         awsauth::error_kind::invalid_timestamp, "/Credentials/Expiration",
         "invalid timestamp: outside the years 0001 to 9999"},
    };
    for (const auto& each : cases) {
        INFO(each.text);
        const auto failure = parse_error<sts::AssumeRoleResponse>(each.text);
        CHECK(failure.kind() == each.kind);
        CHECK(failure.path() == each.path);
        CHECK(failure.problem() == each.problem);
        const std::string where = each.path.empty() ? "" : "at " + each.path;
        CHECK(failure.location() == where);
        CHECK(std::string(failure.what()) == "awsauth: " + where + (where.empty() ? "" : ": ") + each.problem);
    }
}

TEST_CASE("the limits and unknown members have their kinds", "[error]") {
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    const auto unknown = parse_error<sts::GetCallerIdentityResponse>(R"({"Surprise":1})", strict);
    CHECK(unknown.kind() == awsauth::error_kind::unknown_member);
    CHECK(unknown.path() == "/Surprise");
    CHECK(unknown.problem() == "unknown member");

    awsauth::parse_options small;
    small.max_document_size = 4;
    const auto too_large = parse_error<sts::GetCallerIdentityResponse>("{ }  ", small);
    CHECK(too_large.kind() == awsauth::error_kind::limit_exceeded);
    CHECK(too_large.problem() == "the document is 5 bytes, more than parse_options::max_document_size (4)");

    awsauth::parse_options shallow;
    shallow.max_depth = 2;
    const auto too_deep = parse_error<sts::GetCallerIdentityResponse>(R"({"x":[[1]]})", shallow);
    CHECK(too_deep.kind() == awsauth::error_kind::limit_exceeded);
    CHECK(too_deep.path().empty());
}

TEST_CASE("the DOM adapters report the same kinds", "[error]") {
    const auto missing = dom_error<sts::AssumeRoleResponse>(credentials_without_token);
    CHECK(missing.kind() == awsauth::error_kind::missing_member);
    CHECK(missing.path() == "/Credentials/SessionToken");
    CHECK(missing.problem() == "missing required member");
    const auto wrong = dom_error<eks_auth::AssumeRoleForPodIdentityRequest>(R"({"clusterName":1,"token":"t"})");
    CHECK(wrong.kind() == awsauth::error_kind::wrong_type);
    CHECK(wrong.problem() == "expected a string, got an integer");
}

TEST_CASE("writing and validating have their kinds", "[error]") {
    sts::GetCallerIdentityResponse response{};
    response.arn = std::string("\xC3", 1);
    try {
        (void)awsauth::dump(response);
        FAIL("dump wrote invalid UTF-8");
    } catch (const awsauth::error& failure) {
        CHECK(failure.kind() == awsauth::error_kind::invalid_utf8);
        CHECK(failure.path() == "/Arn");
        CHECK(failure.problem() == "string is not valid UTF-8");
    }
    try {
        (void)awsauth::format_timestamp(awsauth::timestamp{} - std::chrono::hours{24 * 366 * 2000});
        FAIL("format_timestamp wrote a year before 0001");
    } catch (const awsauth::error& failure) {
        CHECK(failure.kind() == awsauth::error_kind::invalid_timestamp);
        CHECK(failure.path().empty());
        CHECK(failure.problem() == "cannot write a timestamp outside the years 0001 to 9999");
    }
    try {
        (void)awsauth::parse_validated<sts::GetAccessKeyInfoRequest>(R"({"AccessKeyId":"short"})");
        FAIL("parse_validated accepted a five-character access key id");
    } catch (const awsauth::error& failure) {
        CHECK(failure.kind() == awsauth::error_kind::constraint_violated);
        CHECK(failure.path() == "/AccessKeyId");
        CHECK(failure.problem() == "must be 16 to 128 characters long (was 5)");
    }
}

TEST_CASE("every kind has a name", "[error]") {
    CHECK(awsauth::to_string(awsauth::error_kind::invalid_json) == "invalid_json");
    CHECK(awsauth::to_string(awsauth::error_kind::missing_member) == "missing_member");
    CHECK(awsauth::to_string(awsauth::error_kind::wrong_type) == "wrong_type");
    CHECK(awsauth::to_string(awsauth::error_kind::out_of_range) == "out_of_range");
    CHECK(awsauth::to_string(awsauth::error_kind::invalid_timestamp) == "invalid_timestamp");
    CHECK(awsauth::to_string(awsauth::error_kind::invalid_utf8) == "invalid_utf8");
    CHECK(awsauth::to_string(awsauth::error_kind::unknown_member) == "unknown_member");
    CHECK(awsauth::to_string(awsauth::error_kind::limit_exceeded) == "limit_exceeded");
    CHECK(awsauth::to_string(awsauth::error_kind::constraint_violated) == "constraint_violated");
}

TEST_CASE("a copied error keeps its kind, path and problem", "[error]") {
    const awsauth::error original(awsauth::error_kind::wrong_type, "/a~1b/0", "expected a string, got null");
    const awsauth::error copy = original;
    CHECK(copy.kind() == awsauth::error_kind::wrong_type);
    CHECK(copy.path() == "/a~1b/0");
    CHECK(copy.problem() == "expected a string, got null");
    // A key with a newline is escaped in what() but exact in path(); problem() is not affected by the escaping.
    const awsauth::error escaped(awsauth::error_kind::unknown_member, "/line\nbreak", "unknown member");
    CHECK(std::string(escaped.what()) == "awsauth: at /line\\nbreak: unknown member");
    CHECK(escaped.path() == "/line\nbreak");
    CHECK(escaped.location() == "at /line\\nbreak");
    CHECK(escaped.problem() == "unknown member");
    const awsauth::error at_root(awsauth::error_kind::wrong_type, "", "expected an object, got array");
    CHECK(at_root.path().empty());
    CHECK(at_root.location() == "at the document root");
    const awsauth::error nowhere(awsauth::error_kind::limit_exceeded, "the document is too large");
    CHECK(nowhere.location().empty());
    CHECK(nowhere.problem() == "the document is too large");
}

TEST_CASE("everything lives in the namespace version.hpp names", "[error]") {
    // Mangled names carry the inline namespace: v<major>_<minor>, from the numbers CMake reads.
    const std::string expected =
        "v" + std::to_string(AWSAUTH_VERSION_MAJOR) + "_" + std::to_string(AWSAUTH_VERSION_MINOR);
    CHECK(std::string(typeid(awsauth::error).name()).find(expected) != std::string::npos);
    CHECK(std::string(typeid(sts::AssumeRoleResponse).name()).find(expected) != std::string::npos);
    CHECK(std::string(typeid(awsauth::timestamp_format).name()).find(expected) != std::string::npos);
    CHECK(awsauth::version_major == AWSAUTH_VERSION_MAJOR);
    CHECK(awsauth::version_minor == AWSAUTH_VERSION_MINOR);
}
