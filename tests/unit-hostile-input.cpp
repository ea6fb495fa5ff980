// tests/unit-hostile-input.cpp: what awsauth::parse makes of documents written to hurt it. Each one either reads as
// the value the rules of docs/json-mapping.md specify or is an awsauth::error; nothing else escapes, nothing crashes.
#include "catch.hpp"

#include <awsauth/awsauth.hpp>

#include <cstddef>
#include <exception>
#include <optional>
#include <string>

namespace sts = awsauth::sts;

namespace {

struct failure {
    std::string message;
    std::string path;
};

// The error parse throws for `text`; any other exception, or none, fails the test.
template <class T>
failure error_for(const std::string& text, const awsauth::parse_options& options = {}) {
    try {
        (void)awsauth::parse<T>(text, options);
    } catch (const awsauth::error& e) {
        return {e.what(), std::string(e.path())};
    }
    FAIL("awsauth::parse accepted it");
    return {};
}

// A minimal valid AssumeRoleRequest with `members` added at the end.
std::string request_with(const std::string& members) {
    return R"({"RoleArn":"arn:aws:iam::123456789012:role/r","RoleSessionName":"s")" + members + "}";
}

std::optional<std::int32_t> duration_of(const std::string& literal) {
    return awsauth::parse<sts::AssumeRoleRequest>(request_with(R"(,"DurationSeconds":)" + literal)).duration_seconds;
}

std::string duration_error(const std::string& literal) {
    const auto e = error_for<sts::AssumeRoleRequest>(request_with(R"(,"DurationSeconds":)" + literal));
    return e.message;
}

std::string nested_arrays(std::size_t levels, const std::string& inside = "") {
    return std::string(levels, '[') + inside + std::string(levels, ']');
}

awsauth::parse_options unlimited() {
    awsauth::parse_options options{};
    options.max_depth = 1u << 30;
    options.max_document_size = std::size_t{64} << 20;
    return options;
}

}  // namespace

TEST_CASE("hostile: 200,000 levels of nesting, in a list member and in an unknown one", "[hostile]") {
    const auto deep = nested_arrays(200000);
    awsauth::parse_options roomy{};
    roomy.max_document_size = std::size_t{2} << 20;
    // The reader reports the first problem in document order: in the list member, the first element is already
    // not a string, two levels down; in the unknown member, nothing is wrong until level 129.
    CHECK(error_for<sts::AssumeRoleRequest>(request_with(R"(,"TransitiveTagKeys":)" + deep), roomy).message ==
          "awsauth: at /TransitiveTagKeys/0: expected a string, got array");
    const auto e = error_for<sts::AssumeRoleRequest>(request_with(R"(,"Unknown":)" + deep), roomy);
    CHECK(e.message == "awsauth: the document nests objects and arrays deeper than parse_options::max_depth (128)");
    CHECK(e.path.empty());
    const auto in_list = error_for<sts::AssumeRoleRequest>(
        request_with(R"(,"TransitiveTagKeys":[)" + nested_arrays(200000, R"("k")") + "]"), roomy);
    CHECK(in_list.message == "awsauth: at /TransitiveTagKeys/0: expected a string, got array");
    // With the limits lifted, the reader still holds: the list member is refused for what it holds, and the unknown
    // member skipped.
    CHECK(error_for<sts::AssumeRoleRequest>(request_with(R"(,"TransitiveTagKeys":)" + deep), unlimited()).message ==
          "awsauth: at /TransitiveTagKeys/0: expected a string, got array");
    CHECK(
        awsauth::parse<sts::AssumeRoleRequest>(request_with(R"(,"Unknown":)" + deep), unlimited()).role_session_name ==
        "s");
    std::string objects;
    for (int level = 0; level < 200000; ++level)
        objects += R"({"a":)";
    objects += "0" + std::string(200000, '}');
    CHECK(awsauth::parse<sts::AssumeRoleRequest>(request_with(R"(,"Unknown":)" + objects), unlimited()).role_arn ==
          "arn:aws:iam::123456789012:role/r");
}

TEST_CASE("hostile: arrays nested in a list of strings or of structures", "[hostile]") {
    CHECK(error_for<sts::AssumeRoleRequest>(
              request_with(R"(,"TransitiveTagKeys":["a",)" + nested_arrays(100, "\"b\"") + "]"))
              .message == "awsauth: at /TransitiveTagKeys/1: expected a string, got array");
    CHECK(error_for<sts::AssumeRoleRequest>(request_with(R"(,"Tags":[{"Key":"k","Value":)" + nested_arrays(50) + "}]"))
              .message == "awsauth: at /Tags/0/Value: expected a string, got array");
}

TEST_CASE("hostile: multi-megabyte strings and keys", "[hostile]") {
    const std::string token(4u << 20, 'T');
    const std::string response = R"({"Credentials":{"AccessKeyId":"ASIAXXXXXXXXXXXXXXXX","SecretAccessKey":"k",)"
                                 R"("SessionToken":")" +
                                 token + R"(","Expiration":"2026-11-23T16:18:43Z"}})";
    CHECK(error_for<sts::AssumeRoleResponse>(response).message ==
          "awsauth: the document is " + std::to_string(response.size()) +
              " bytes, more than parse_options::max_document_size (1048576)");
    CHECK(awsauth::parse<sts::AssumeRoleResponse>(response, unlimited()).credentials->session_token == token);

    // A 4 MiB unknown key is skipped; refused by name when unknown keys are refused (its every byte in the message:
    // a key is not a value).
    const std::string long_key(4u << 20, 'K');
    const std::string with_key = request_with(",\"" + long_key + "\":1");
    CHECK(awsauth::parse<sts::AssumeRoleRequest>(with_key, unlimited()).role_session_name == "s");
    auto strict = unlimited();
    strict.reject_unknown_keys = true;
    CHECK(error_for<sts::AssumeRoleRequest>(with_key, strict).path == "/" + long_key);

    // Cut inside the long string: refused, and the message does not quote it.
    const auto cut = error_for<sts::AssumeRoleResponse>(response.substr(0, response.size() / 2), unlimited());
    CHECK(cut.message.find("TTTTTTTT") == std::string::npos);
    CHECK(cut.message.rfind("awsauth: invalid JSON (byte ", 0) == 0);
}

TEST_CASE("hostile: duplicate keys, the last one wins", "[hostile]") {
    const auto request = awsauth::parse<sts::AssumeRoleRequest>(
        R"({"RoleArn":"first","RoleSessionName":"s","RoleArn":"second","DurationSeconds":900,"DurationSeconds":3600})");
    CHECK(request.role_arn == "second");
    CHECK(request.duration_seconds == 3600);
    // The last one wins even when it takes back what the first one gave.
    CHECK(error_for<sts::AssumeRoleRequest>(R"({"RoleArn":"a","RoleSessionName":"s","RoleArn":null})").message ==
          "awsauth: at /RoleArn: required member is null");
    CHECK_FALSE(awsauth::parse<sts::AssumeRoleRequest>(request_with(R"(,"Policy":"p","Policy":null)")).policy);
    const auto metadata = awsauth::parse<awsauth::ResponseMetadata>(
        R"({"RequestId":"r","HTTPStatusCode":200,"HTTPHeaders":{"date":"a","date":"b"},"RetryAttempts":0})");
    CHECK(metadata.http_headers == std::map<std::string, std::string>{{"date", "b"}});
}

TEST_CASE("hostile: NUL bytes, raw and escaped, in strings and keys", "[hostile]") {
    // Escaped, NUL is a character like any other, kept in the string.
    const auto request = awsauth::parse<sts::AssumeRoleRequest>(request_with(R"(,"Policy":"a\u0000b")"));
    CHECK(request.policy == std::string("a\0b", 3));
    // Raw, it is a control character JSON forbids in a string, and outside one it is no JSON at all.
    const std::string raw_in_string = request_with(",\"Policy\":\"a" + std::string(1, '\0') + "b\"");
    const auto in_string = error_for<sts::AssumeRoleRequest>(raw_in_string);
    CHECK(in_string.message.rfind("awsauth: invalid JSON (byte " + std::to_string(raw_in_string.find('\0') + 1) + ")",
                                  0) == 0);
    CHECK(in_string.path.empty());
    CHECK(in_string.message == "awsauth: invalid JSON (byte " + std::to_string(raw_in_string.find('\0') + 1) +
                                   "): a NUL byte, which JSON text cannot hold");
    // nlohmann alone would take a NUL for the end of the text and read what came before it, ignoring the rest.
    const std::string tag = R"({"Key":"k","Value":"v"})";
    for (const std::string& text : {tag + '\0', tag + '\0' + R"({"Key":"evil"})", request_with(std::string(1, '\0'))}) {
        const auto e = error_for<sts::Tag>(text);
        CHECK(e.message == "awsauth: invalid JSON (byte " + std::to_string(text.find('\0') + 1) +
                               "): a NUL byte, which JSON text cannot hold");
    }

    // In a key: an unknown member, skipped; when refused, its path keeps the NUL and the message escapes it.
    const std::string nul_key = request_with(R"(,"Ro\u0000leArn":"x")");
    CHECK(awsauth::parse<sts::AssumeRoleRequest>(nul_key).role_arn == "arn:aws:iam::123456789012:role/r");
    awsauth::parse_options strict{};
    strict.reject_unknown_keys = true;
    const auto refused = error_for<sts::AssumeRoleRequest>(nul_key, strict);
    CHECK(refused.path == std::string("/Ro\0leArn", 9));
    CHECK(refused.message == R"(awsauth: at /Ro\u0000leArn: unknown member)");
}

TEST_CASE("hostile: a key cannot forge a log line", "[hostile]") {
    awsauth::parse_options strict{};
    strict.reject_unknown_keys = true;
    const auto e =
        error_for<sts::AssumeRoleRequest>(request_with(R"(,"x\n2026-11-23 ERROR forged\r\u001b[2J\"":1)"), strict);
    CHECK(e.message == R"(awsauth: at /x\n2026-11-23 ERROR forged\r\u001b[2J\": unknown member)");
    CHECK(e.path == "/x\n2026-11-23 ERROR forged\r\x1b[2J\"");
    // A header name is a key too, and a wrong header value names it.
    const auto header = error_for<awsauth::ResponseMetadata>(
        R"({"RequestId":"r","HTTPStatusCode":200,"HTTPHeaders":{"a\nb":1},"RetryAttempts":0})");
    CHECK(header.message == R"(awsauth: at /HTTPHeaders/a\nb: expected a string, got an integer)");
}

TEST_CASE("hostile: invalid UTF-8 is refused where it stands", "[hostile]") {
    struct bad_text {
        const char* what;
        std::string bytes;
        std::size_t bad_byte;  // which byte of `bytes` shows the sequence to be wrong
    };
    const bad_text cases[] = {
        {"overlong '/'", "\xc0\xaf", 0},
        {"overlong NUL", "\xc0\x80", 0},
        {"three-byte overlong", "\xe0\x80\xaf", 1},
        {"UTF-8 encoded surrogate", "\xed\xa0\x80", 1},
        {"beyond U+10FFFF", "\xf4\x90\x80\x80", 1},
        {"lead byte 0xFF", "\xff", 0},
        {"lone continuation byte", "\x80", 0},
        {"sequence cut short", "\xe2\x82", 2},
    };
    for (const auto& bad : cases) {
        INFO(bad.what);
        for (const std::string& text :
             {request_with(R"(,"Policy":"a)" + bad.bytes + R"(b")"), request_with(R"(,"K)" + bad.bytes + R"(":1)")}) {
            const auto e = error_for<sts::AssumeRoleRequest>(text);
            const auto at = text.find(bad.bytes) + bad.bad_byte + 1;  // nlohmann counts bytes from 1
            CHECK(e.message.rfind("awsauth: invalid JSON (byte " + std::to_string(at) + ")", 0) == 0);
            CHECK(e.path.empty());
        }
    }
    // Escapes: a lone surrogate either way round is refused; a pair is the one character it encodes.
    CHECK(error_for<sts::AssumeRoleRequest>(request_with(R"(,"Policy":"\ud800")")).message.find("surrogate") !=
          std::string::npos);
    CHECK(error_for<sts::AssumeRoleRequest>(request_with(R"(,"Policy":"\udc00x")")).message.find("surrogate") !=
          std::string::npos);
    CHECK(error_for<sts::AssumeRoleRequest>(request_with(R"(,"Policy":"\ud800\u0041")")).message.find("surrogate") !=
          std::string::npos);
    CHECK(awsauth::parse<sts::AssumeRoleRequest>(request_with(R"(,"Policy":"\ud83d\udd11")")).policy ==
          "\xf0\x9f\x94\x91");
    CHECK(error_for<sts::AssumeRoleRequest>(request_with(R"(,"Policy":"\x41")"))
              .message.rfind("awsauth: invalid JSON", 0) == 0);
}

TEST_CASE("hostile: numbers where an integer belongs", "[hostile]") {
    CHECK(duration_of("-0") == 0);
    CHECK(duration_of("2147483647") == 2147483647);
    CHECK(duration_of("-2147483648") == -2147483647 - 1);
    const std::string out_of_range = "awsauth: at /DurationSeconds: integer out of range for a 32-bit signed integer";
    CHECK(duration_error("2147483648") == out_of_range);
    CHECK(duration_error("-2147483649") == out_of_range);
    CHECK(duration_error("4294967297") == out_of_range);            // not read modulo 2^32 as 1
    CHECK(duration_error("18446744073709551615") == out_of_range);  // the largest unsigned 64-bit integer
    // Beyond 64 bits nlohmann holds a double: out of range however it is spelled, never a fraction to the reader.
    for (const char* literal : {"18446744073709551616", "-9223372036854775809", "1e20", "-1E20", "2.5e300",
                                "99999999999999999999999999999999999999"}) {
        INFO(literal);
        CHECK(duration_error(literal) == out_of_range);
    }
    const std::string not_integer = "awsauth: at /DurationSeconds: expected an integer, got a non-integer number";
    for (const char* literal : {"3.5", "1e2", "1E2", "900.0", "-0.0", "1.0e+2", "1e19"}) {
        INFO(literal);
        CHECK(duration_error(literal) == not_integer);
    }
    CHECK(duration_error(R"("900")") == "awsauth: at /DurationSeconds: expected an integer, got string");
    const std::string too_large = "awsauth: invalid JSON: a number is too large for a double";
    CHECK(duration_error("1e400") == too_large);
    CHECK(duration_error("-1e400") == too_large);
    CHECK(duration_error("1" + std::string(400, '0')) == too_large);  // an integer literal of 401 digits
    for (const char* literal : {"NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5", "1.", "1e"}) {
        INFO(literal);
        CHECK(duration_error(literal).rfind("awsauth: invalid JSON (byte ", 0) == 0);
    }
}

TEST_CASE("hostile: numbers where a timestamp belongs", "[hostile]") {
    const auto expiration_error = [](const std::string& literal) {
        return error_for<sts::GetWebIdentityTokenResponse>(R"({"Expiration":)" + literal + "}").message;
    };
    CHECK(expiration_error("1e400") == "awsauth: invalid JSON: a number is too large for a double");
    CHECK(expiration_error("1e300") == "awsauth: at /Expiration: invalid timestamp: outside the years 0001 to 9999");
    CHECK(expiration_error("-1e300") == "awsauth: at /Expiration: invalid timestamp: outside the years 0001 to 9999");
    CHECK(expiration_error("18446744073709551615") ==
          "awsauth: at /Expiration: invalid timestamp: outside the years 0001 to 9999");
    CHECK(expiration_error("true") ==
          "awsauth: at /Expiration: expected a timestamp (an ISO 8601 string or epoch seconds), got boolean");
}

TEST_CASE("hostile: documents that are not one JSON object", "[hostile]") {
    for (const std::string text : {"", "   ", "{", "}", "{\"RoleArn\"", "\"just a string"}) {
        INFO(text);
        const auto e = error_for<sts::AssumeRoleRequest>(text);
        CHECK(e.message.rfind("awsauth: invalid JSON (byte ", 0) == 0);
        CHECK(e.path.empty());
    }
    // Trailing text after a whole document, read in document order: a complete request, then the garbage.
    for (const std::string trailer : {" x", "{}", "\"SECRETTRAILER\"", "]"}) {
        INFO(trailer);
        const auto e = error_for<sts::AssumeRoleRequest>(request_with("") + trailer);
        CHECK(e.message.rfind("awsauth: invalid JSON (byte ", 0) == 0);
        CHECK(e.message.find("SECRETTRAILER") == std::string::npos);
        CHECK(e.path.empty());
    }
    // An incomplete object ends before the garbage does: its missing member is the first problem.
    CHECK(error_for<sts::AssumeRoleRequest>("{} x").message == "awsauth: at /RoleArn: missing required member");
    CHECK(error_for<sts::AssumeRoleRequest>("[").message ==
          "awsauth: at the document root: expected an object, got array");
    CHECK(error_for<sts::AssumeRoleRequest>("null").message ==
          "awsauth: at the document root: expected an object, got null");
    CHECK(error_for<sts::AssumeRoleRequest>("[]").message ==
          "awsauth: at the document root: expected an object, got array");
    CHECK(error_for<sts::AssumeRoleRequest>("42").message ==
          "awsauth: at the document root: expected an object, got an integer");
}

TEST_CASE("hostile: the credentials documents outside STS and EKS Auth", "[hostile][sources]") {
    namespace sso = awsauth::sso;
    namespace container = awsauth::container;
    namespace credential_process = awsauth::credential_process;
    // SSO's long: an ISO string, a fraction, an exponent or 64 bits' worth is refused, at its path.
    const auto sso_error = [](const std::string& expiration) {
        return error_for<sso::GetRoleCredentialsResponse>(R"({"roleCredentials":{"expiration":)" + expiration + "}}");
    };
    CHECK(sso_error(R"("2026-11-23T16:18:43Z")").message ==
          "awsauth: at /roleCredentials/expiration: expected an integer, got string");
    CHECK(sso_error("1.7e12").message ==
          "awsauth: at /roleCredentials/expiration: expected an integer, got a non-integer number");
    CHECK(sso_error("9223372036854775808").message ==
          "awsauth: at /roleCredentials/expiration: integer out of range for a 64-bit signed integer");
    CHECK(sso_error("-99999999999999999999").message ==
          "awsauth: at /roleCredentials/expiration: integer out of range for a 64-bit signed integer");
    // null for an optional long is absent, as for any optional member.
    CHECK(awsauth::parse<sso::GetRoleCredentialsResponse>(R"({"roleCredentials":{"expiration":null}})")
              .role_credentials->expiration == std::nullopt);
    CHECK(error_for<sso::GetRoleCredentialsResponse>(R"({"roleCredentials":[]})").message ==
          "awsauth: at /roleCredentials: expected an object, got array");

    // The container document's required members: absent, null or of another type, each named by its path only.
    CHECK(error_for<container::Credentials>(R"({"AccessKeyId":"ASIA"})").message ==
          "awsauth: at /SecretAccessKey: missing required member");
    CHECK(error_for<container::Credentials>(R"({"AccessKeyId":"ASIA","SecretAccessKey":null})").message ==
          "awsauth: at /SecretAccessKey: required member is null");
    CHECK(error_for<container::Credentials>(R"({"AccessKeyId":"ASIA","SecretAccessKey":7})").message ==
          "awsauth: at /SecretAccessKey: expected a string, got an integer");
    // An error answer some agents send in place of credentials is not credentials.
    CHECK(error_for<container::Credentials>(R"({"code":"AccessDeniedException","message":"denied"})").message ==
          "awsauth: at /AccessKeyId: missing required member");
    CHECK(error_for<container::Credentials>("Forbidden").message.rfind("awsauth: invalid JSON (byte ", 0) == 0);

    // credential_process's Version: an integer 1; "1", 1.0 and 2^63 are refused by reading, 2 by validation.
    const std::string keys = R"(,"AccessKeyId":"AKIA","SecretAccessKey":"s"})";
    CHECK(error_for<credential_process::Credentials>(R"({"Version":"1")" + keys).message ==
          "awsauth: at /Version: expected an integer, got string");
    CHECK(error_for<credential_process::Credentials>(R"({"Version":1.0)" + keys).message ==
          "awsauth: at /Version: expected an integer, got a non-integer number");
    CHECK(error_for<credential_process::Credentials>(R"({"Version":9223372036854775808)" + keys).message ==
          "awsauth: at /Version: integer out of range for a 32-bit signed integer");
    CHECK(awsauth::parse<credential_process::Credentials>(R"({"Version":2)" + keys).version == 2);
    try {
        (void)awsauth::parse_validated<credential_process::Credentials>(R"({"Version":2)" + keys);
        FAIL("parse_validated took Version 2");
    } catch (const awsauth::error& e) {
        CHECK(std::string(e.what()) == "awsauth: at /Version: must be 1 to 1 (was 2)");
    }
}
