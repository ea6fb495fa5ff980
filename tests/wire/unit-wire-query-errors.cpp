// tests/wire/unit-wire-query-errors.cpp: STS error answers read into service_error, and XML that must be refused:
// entity attacks, nesting and size past the limits, text that is not UTF-8, documents cut at every byte, expat's
// failures in awsauth's words. No message may hold a run of a secret of the answer it came from.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"
#include "wire/wire_test_support.hpp"

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace sts = awsauth::sts;

namespace {

nlohmann::json capture(const std::string& relative) {
    return nlohmann::json::parse(awsauth_test::data_file("protocol/" + relative));
}

const nlohmann::json& full_answer() {
    static const nlohmann::json answer = capture("responses/sts-assume-role-full.json");
    return answer;
}

std::string full_body() {
    return full_answer().at("body").get<std::string>();
}

std::string secret(const char* member) {
    return full_answer().at("parsed").at("Credentials").at(member).get<std::string>();
}

void check_no_secret(const std::string& message) {
    INFO(message);
    CHECK_FALSE(awsauth_test::holds_run_of(message, secret("SecretAccessKey")));
    CHECK_FALSE(awsauth_test::holds_run_of(message, secret("SessionToken")));
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

using awsauth_test::refusal_of;

awsauth::error answer_refusal(const std::string& body, const awsauth::parse_options& options = {}) {
    return refusal_of([&] { (void)awsauth::from_http_response<sts::AssumeRoleResponse>({200, {}, body}, options); });
}

awsauth::error error_answer_refusal(const std::string& body, const awsauth::parse_options& options = {}) {
    return refusal_of([&] {
        try {
            (void)awsauth::from_http_response<sts::AssumeRoleResponse>({400, {}, body}, options);
        } catch (const awsauth::service_error&) {
            FAIL("a service_error");
        }
    });
}

awsauth::service_error service_error_of(const awsauth::http_response& response) {
    try {
        (void)awsauth::from_http_response<sts::GetSessionTokenResponse>(response);
    } catch (const awsauth::service_error& failure) {
        return failure;
    }
    FAIL("no service_error");
    throw std::logic_error("unreachable");
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Error answers.

TEST_CASE("an STS error answer is its code, message and request id, with the status", "[wire][query]") {
    const std::string sts_layout =
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
        "<Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>"
        "<RequestId>body-id</RequestId></ErrorResponse>";
    const auto expired = service_error_of({400, {{"x-amzn-RequestId", "header-id"}}, sts_layout});
    CHECK(expired.code() == "ExpiredToken");
    CHECK(expired.message() == "The security token included in the request is expired");
    CHECK(expired.request_id() == "body-id");  // the document wins over the header
    CHECK(expired.http_status() == 400);
    CHECK_FALSE(expired.is<sts::ExpiredTokenException>());

    // moto's layout: <Errors> around <Error>, no namespace, no RequestId: the header's, whatever its case.
    const std::string moto_layout =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ErrorResponse><Errors><Error>"
        "<Code>AccessDenied</Code><Message>no</Message><Type>Sender</Type></Error></Errors>"
        "</ErrorResponse>";
    const auto denied = service_error_of({403, {{"X-Amzn-RequestId", "header-id"}}, moto_layout});
    CHECK(denied.code() == "AccessDenied");
    CHECK(denied.message() == "no");
    CHECK(denied.request_id() == "header-id");
    CHECK(denied.http_status() == 403);
    CHECK(service_error_of({403, {}, moto_layout}).request_id().empty());

    // Inside <Errors> wins over beside it, as botocore merges them; any root name; a prefix; no message; a 3xx.
    const auto merged = service_error_of(
        {301,
         {},
         "<Whatever xmlns:s=\"urn:s\"><s:Error><s:Code>Outer</s:Code></s:Error><RequestId>outer-id</RequestId>"
         "<Errors><Error><Code>Inner</Code></Error><RequestId>inner-id</RequestId></Errors></Whatever>"});
    CHECK(merged.code() == "Inner");
    CHECK(merged.message().empty());
    CHECK(merged.request_id() == "inner-id");
    CHECK(merged.http_status() == 301);
    CHECK(std::string(merged.what()) == "Inner");

    // Codes and messages exactly as sent; a 5xx with a document is read (wire.hpp only makes bodiless ones generic).
    const auto spaced = service_error_of(
        {503,
         {},
         "<ErrorResponse><Error><Code> Throttling </Code><Message>a &amp; b</Message></Error></ErrorResponse>"});
    CHECK(spaced.code() == " Throttling ");
    CHECK(spaced.message() == "a & b");
    CHECK(spaced.http_status() == 503);

    // The five codes that are not their shape's name map by the code.
    CHECK(service_error_of({400, {}, "<ErrorResponse><Error><Code>PackedPolicyTooLarge</Code></Error></ErrorResponse>"})
              .is<sts::PackedPolicyTooLargeException>());
    CHECK(service_error_of({400, {}, "<ErrorResponse><Error><Code>InvalidIdentityToken</Code></Error></ErrorResponse>"})
              .is<sts::InvalidIdentityTokenException>());
}

TEST_CASE("an error answer without an error code, or not XML, is an awsauth::error", "[wire][query]") {
    using kind = awsauth::error_kind;
    const struct {
        std::string body;
        kind expected_kind;
        const char* path;  // nullptr: no location
        const char* problem;
    } cases[] = {
        {"<ErrorResponse><RequestId>r</RequestId></ErrorResponse>", kind::missing_member, "/Error",
         "missing the Error element of an error answer"},
        {"<html><body>Forbidden</body></html>", kind::missing_member, "/Error",
         "missing the Error element of an error answer"},
        {"<ErrorResponse><Error><Message>m</Message></Error></ErrorResponse>", kind::missing_member, "/Error/Code",
         "missing the error code"},
        {"<ErrorResponse><Error><Code/></Error></ErrorResponse>", kind::missing_member, "/Error/Code",
         "missing the error code"},
        {"<ErrorResponse><Errors><Error><Type>Sender</Type></Error></Errors></ErrorResponse>", kind::missing_member,
         "/Errors/Error/Code", "missing the error code"},
        {"<ErrorResponse><Error><Code>A</Code></Error><Error><Code>B</Code></Error></ErrorResponse>", kind::wrong_type,
         "/Error", "expected one element, got a repeated one"},
        {"<ErrorResponse><Error><Code>A</Code><Code>B</Code></Error></ErrorResponse>", kind::wrong_type, "/Error/Code",
         "expected one element, got a repeated one"},
        {"<ErrorResponse><Error><Code>A</Code><Message>a<b/></Message></Error></ErrorResponse>", kind::wrong_type,
         "/Error/Message", "expected text, got an element"},
        {"", kind::invalid_json, nullptr,
         "invalid XML (byte 1): the document ends before its root element does, or has none"},
        {"Bad Request", kind::invalid_json, nullptr, "invalid XML (byte 1): syntax error"},
        {"{\"message\": \"no\"}", kind::invalid_json, nullptr,
         "invalid XML (byte 1): a character or markup XML does not allow here"},
        // moto's Werkzeug page for an unknown action: botocore raises ResponseParserError (it is not "<html>").
        {"<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>", kind::invalid_json, nullptr,
         "invalid XML (byte 1): syntax error"},
        {"<!DOCTYPE html><html/>", kind::invalid_json, nullptr,
         "invalid XML (byte 15): a document type declaration (DOCTYPE), which awsauth refuses"},
    };
    for (const auto& each : cases) {
        INFO(each.body);
        const auto failure = error_answer_refusal(each.body);
        CHECK(failure.kind() == each.expected_kind);
        CHECK(std::string(failure.problem()) == each.problem);
        if (each.path == nullptr) {
            CHECK(failure.location().empty());
        } else {
            CHECK(std::string(failure.path()) == each.path);
        }
    }
}

TEST_CASE("max_document_size and max_depth apply to error answers too", "[wire][query]") {
    const std::string body = "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>";
    awsauth::parse_options options;
    options.max_document_size = body.size() - 1;
    CHECK(error_answer_refusal(body, options).kind() == awsauth::error_kind::limit_exceeded);
    options = {};
    options.max_depth = 2;
    CHECK(error_answer_refusal(body, options).kind() == awsauth::error_kind::limit_exceeded);
    options.max_depth = 3;
    CHECK_THROWS_AS(awsauth::from_http_response<sts::AssumeRoleResponse>({400, {}, body}, options),
                    awsauth::service_error);
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile documents.

namespace {

const char* const doctype_refused = "a document type declaration (DOCTYPE), which awsauth refuses";

void check_doctype_refused(const awsauth::error& failure) {
    CHECK(failure.kind() == awsauth::error_kind::invalid_json);
    CHECK(failure.location().empty());
    CHECK(std::string(failure.problem()).find(doctype_refused) != std::string::npos);
    check_no_secret(failure.what());
}

}  // namespace

TEST_CASE("billion laughs: a DOCTYPE is refused before any entity is declared", "[wire][query][hostile]") {
    std::string laughs = "<!DOCTYPE AssumeRoleResponse [<!ENTITY lol0 \"lol\">";
    for (int level = 1; level <= 9; ++level) {
        laughs += "<!ENTITY lol" + std::to_string(level) + " \"";
        for (int i = 0; i < 10; ++i)
            laughs += "&lol" + std::to_string(level - 1) + ";";
        laughs += "\">";
    }
    laughs += "]>";
    const std::string body =
        laughs + replaced(full_body(), "awsauth-full</AssumedRoleId>", "awsauth-full&lol9;</AssumedRoleId>");
    const auto started = std::chrono::steady_clock::now();
    const auto failure = answer_refusal(body);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    check_doctype_refused(failure);
    CHECK(std::string(failure.problem()) ==
          "invalid XML (byte 30): a document type declaration (DOCTYPE), which awsauth refuses");
    check_doctype_refused(
        error_answer_refusal(laughs + "<ErrorResponse><Error><Code>&lol9;</Code></Error></ErrorResponse>"));
}

TEST_CASE("external entities (XXE): no DOCTYPE, so none is declared, and an undeclared one is an error",
          "[wire][query][hostile]") {
    const std::string with_reference =
        replaced(full_body(), "awsauth-full</AssumedRoleId>", "awsauth-full&xxe;</AssumedRoleId>");
    check_doctype_refused(
        answer_refusal("<!DOCTYPE AssumeRoleResponse [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + with_reference));
    check_doctype_refused(answer_refusal(
        "<!DOCTYPE AssumeRoleResponse [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/x.dtd\"> %remote;]>" +
        full_body()));
    // A DOCTYPE with no internal subset, only an external one, is refused too.
    const auto external_subset =
        answer_refusal("<!DOCTYPE AssumeRoleResponse SYSTEM \"http://127.0.0.1:9/x.dtd\">" + full_body());
    check_doctype_refused(external_subset);
    // Without a DOCTYPE, the reference is to an entity nobody declared.
    const auto undeclared = answer_refusal(with_reference);
    CHECK(undeclared.kind() == awsauth::error_kind::invalid_json);
    CHECK(std::string(undeclared.problem()).find("a reference to an undeclared entity") != std::string::npos);
    check_no_secret(undeclared.what());
}

TEST_CASE("200,000 nested elements stop at max_depth, wherever they are", "[wire][query][hostile]") {
    constexpr std::size_t levels = 200000;
    std::string nested;
    for (std::size_t i = 0; i < levels; ++i)
        nested += "<a>";
    for (std::size_t i = 0; i < levels; ++i)
        nested += "</a>";
    awsauth::parse_options options;
    options.max_document_size = std::size_t{8} << 20;
    const std::string expected = "awsauth: the document nests elements deeper than parse_options::max_depth (128)";
    for (const std::string& body : {nested, replaced(full_body(), "<Credentials>", "<Credentials>" + nested),
                                    replaced(full_body(), "<ResponseMetadata>", "<ResponseMetadata>" + nested)}) {
        const auto failure = answer_refusal(body, options);
        CHECK(failure.kind() == awsauth::error_kind::limit_exceeded);
        CHECK(std::string(failure.what()) == expected);
    }
    const auto in_error = error_answer_refusal("<ErrorResponse>" + nested + "</ErrorResponse>", options);
    CHECK(std::string(in_error.what()) == expected);
}

TEST_CASE("a body over max_document_size is refused before it is read", "[wire][query][hostile]") {
    const std::string padding(std::size_t{2} << 20, ' ');
    const std::string body = replaced(full_body(), "<Credentials>", "<Padding>" + padding + "</Padding><Credentials>");
    const auto failure = answer_refusal(body);
    CHECK(failure.kind() == awsauth::error_kind::limit_exceeded);
    CHECK(std::string(failure.what()) == "awsauth: the document is " + std::to_string(body.size()) +
                                             " bytes, more than parse_options::max_document_size (1048576)");
    CHECK(error_answer_refusal("<ErrorResponse>" + padding + "</ErrorResponse>").kind() ==
          awsauth::error_kind::limit_exceeded);
    awsauth::parse_options larger;
    larger.max_document_size = std::size_t{4} << 20;
    CHECK(awsauth::from_http_response<sts::AssumeRoleResponse>({200, {}, body}, larger).credentials);
}

TEST_CASE("the body is UTF-8, whatever its XML declaration says", "[wire][query][hostile]") {
    const std::string key = secret("SecretAccessKey");
    for (const std::string bad : {"\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xE9"}) {
        const std::string body = replaced(full_body(), key, key.substr(0, 20) + bad + key.substr(20));
        const auto failure = answer_refusal(body);
        CHECK(failure.kind() == awsauth::error_kind::invalid_utf8);
        CHECK(std::string(failure.problem()) ==
              "invalid XML (byte " + std::to_string(body.find(key.substr(0, 20)) + 21) + "): not UTF-8");
        check_no_secret(failure.what());
    }
    // Cut inside a character at the very end.
    CHECK(answer_refusal(full_body() + "\xE6\x97").kind() == awsauth::error_kind::invalid_utf8);
    // A declared encoding other than UTF-8 changes nothing: the bytes are read as UTF-8, as botocore reads them.
    const std::string japanese = "\xE6\x97\xA5\xE6\x9C\xAC";
    const std::string with_name = replaced(full_body(), "awsauth-full</AssumedRoleId>", japanese + "</AssumedRoleId>");
    for (const char* encoding : {"ISO-8859-1", "UTF-16", "US-ASCII", "bogus"}) {
        INFO(encoding);
        const auto read = awsauth::from_http_response<sts::AssumeRoleResponse>(
            {200, {}, "<?xml version=\"1.0\" encoding=\"" + std::string(encoding) + "\"?>" + with_name});
        CHECK(read.assumed_role_user->assumed_role_id == "AROA3X42LBCDBS3ND3Q2B:" + japanese);
    }
    // A Latin-1 body that says so is still not UTF-8.
    CHECK(answer_refusal("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" +
                         replaced(full_body(), "awsauth-full</AssumedRoleId>", "\xE9</AssumedRoleId>"))
              .kind() == awsauth::error_kind::invalid_utf8);
    // UTF-16 bytes (with their byte order mark) are not UTF-8 either.
    CHECK(answer_refusal(std::string("\xFF\xFE<\0a\0/\0>\0", 10)).kind() == awsauth::error_kind::invalid_utf8);
}

TEST_CASE("characters XML does not allow are refused in awsauth's words, without the text", "[wire][query][hostile]") {
    const std::string token = secret("SessionToken");
    const auto inside_token = [&](const std::string& inserted) {
        return replaced(full_body(), token, token.substr(0, 30) + inserted + token.substr(30));
    };
    const auto token_at = full_body().find(token) + 1;
    const struct {
        std::string body;
        std::string problem;
    } cases[] = {
        {inside_token(std::string(1, '\0')),
         "invalid XML (byte " + std::to_string(token_at + 30) + "): a character or markup XML does not allow here"},
        {inside_token("\x01"),
         "invalid XML (byte " + std::to_string(token_at + 30) + "): a character or markup XML does not allow here"},
        {inside_token("&#0;"), "invalid XML (byte " + std::to_string(token_at + 30) +
                                   "): a character reference to a character XML does not allow"},
        {inside_token("<"),
         "invalid XML (byte " + std::to_string(token_at + 31) + "): a character or markup XML does not allow here"},
        {inside_token("&"),
         "invalid XML (byte " + std::to_string(token_at + 31) + "): a character or markup XML does not allow here"},
        {inside_token("&undeclared;"),
         "invalid XML (byte " + std::to_string(token_at + 30) + "): a reference to an undeclared entity"},
        {inside_token("<![CDATA["), "invalid XML (byte " + std::to_string(full_body().size() + 10) +
                                        "): the document ends inside a CDATA section"},
        {replaced(full_body(), "</SessionToken>", "</SessionTokens>"),
         "invalid XML (byte " + std::to_string(token_at + token.size() + 2) +
             "): an end tag does not match its start tag"},
        {full_body() + "<extra/>",
         "invalid XML (byte " + std::to_string(full_body().size() + 1) + "): content after the root element"},
        {full_body() + "junk",
         "invalid XML (byte " + std::to_string(full_body().size() + 1) + "): content after the root element"},
        {"<?xml version=\"1.0\"?><?xml version=\"1.0\"?>" + full_body(),
         "invalid XML (byte 22): an XML declaration after the start of the document"},
        {"<?xml version=\"1.0\" standalone=\"maybe\"?>" + full_body(),
         "invalid XML (byte 33): a malformed XML declaration"},
        {replaced(full_body(), "<Credentials>", "<Credentials a=\"1\" a=\"2\">"),
         "invalid XML (byte " + std::to_string(full_body().find("<Credentials>") + 20) +
             "): an attribute is repeated in one element"},
        {replaced(full_body(), "<Credentials>", "<x:Credentials>"),
         "invalid XML (byte " + std::to_string(full_body().find("<Credentials>") + 1) +
             "): an undeclared namespace prefix"},
        {replaced(full_body(), "<Credentials>", "<Credentials xmlns:p=\"\">"),
         "invalid XML (byte " + std::to_string(full_body().find("<Credentials>") + 1) +
             "): a namespace prefix declared empty"},
        {replaced(full_body(), "<Credentials>", "<Credentials xmlns:xml=\"urn:x\">"),
         "invalid XML (byte " + std::to_string(full_body().find("<Credentials>") + 1) +
             "): a reserved namespace prefix or name misused"},
    };
    for (const auto& each : cases) {
        INFO(each.problem);
        const auto failure = answer_refusal(each.body);
        CHECK(failure.kind() == awsauth::error_kind::invalid_json);
        CHECK(std::string(failure.problem()) == each.problem);
        CHECK(failure.location().empty());
        check_no_secret(failure.what());
    }
}

TEST_CASE("a real answer cut at every byte is an awsauth::error without its secrets", "[wire][query][hostile]") {
    const std::string body = full_body();
    for (std::size_t size = 0; size < body.size(); ++size) {
        const auto failure = answer_refusal(body.substr(0, size));
        INFO(size << ": " << failure.what());
        CHECK_FALSE(awsauth_test::holds_run_of(failure.what(), secret("SecretAccessKey")));
        CHECK_FALSE(awsauth_test::holds_run_of(failure.what(), secret("SessionToken")));
        CHECK(failure.kind() == awsauth::error_kind::invalid_json);
    }
    // The same answer read as an error document, cut anywhere: never a service_error, never a secret.
    for (std::size_t size = 0; size < body.size(); ++size) {
        const auto failure = error_answer_refusal(body.substr(0, size));
        CHECK_FALSE(awsauth_test::holds_run_of(failure.what(), secret("SecretAccessKey")));
        CHECK_FALSE(awsauth_test::holds_run_of(failure.what(), secret("SessionToken")));
    }
    // Whole, it has no <Error>.
    CHECK(std::string(error_answer_refusal(body).path()) == "/Error");
    // A real error answer cut at every byte.
    const std::string error_body = capture("errors/sts-assume-role-role-session-name-too-long.json").at("body");
    for (std::size_t size = 0; size < error_body.size(); ++size)
        CHECK(error_answer_refusal(error_body.substr(0, size)).kind() == awsauth::error_kind::invalid_json);
}

TEST_CASE("an entity declaration would be refused too, were a DOCTYPE ever let through", "[wire][query][hostile]") {
    // Unreachable through a document while every DOCTYPE stops the parser at its start, so the handler is called as
    // expat would call it.
    const std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
        XML_ParserCreateNS("UTF-8", awsauth::detail::xml_namespace_separator), &XML_ParserFree);
    REQUIRE(parser);
    awsauth::parse_options options;
    awsauth::detail::xml_reader reader(nullptr, nullptr, nullptr, options);
    awsauth::detail::expat_session session{parser.get(), reader};
    awsauth::detail::on_xml_entity_declaration(&session, "xxe", 0, nullptr, 0, nullptr, "file:///etc/passwd", nullptr,
                                               nullptr);
    REQUIRE(session.failure);
    try {
        std::rethrow_exception(session.failure);
    } catch (const awsauth::error& failure) {
        CHECK(failure.kind() == awsauth::error_kind::invalid_json);
        CHECK(std::string(failure.problem()) == "invalid XML (byte 1): an entity declaration, which awsauth refuses");
    }
}
