// bench/bench_wire.cpp: the wire codec (<awsauth/wire.hpp>) beside what a C++ user would otherwise write, in one
// binary and run: reading moto's real STS XML answers, and writing botocore's captured STS requests as forms.
// Benchmark names are group/case/implementation, as in bench/bench.cpp; bench/report.py divides every row by its
// group's baseline.

#include <awsauth/awsauth.hpp>
#include <awsauth/wire.hpp>

#include <benchmark/benchmark.h>
#include <expat.h>
#include <tinyxml2.h>
#include <nlohmann/json.hpp>

#if AWSAUTH_BENCH_CURL
#include <curl/curl.h>
#endif

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace {

namespace sts = awsauth::sts;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A capture of tools/capture_wire.py (tests/data/protocol/README.md), its fields in their written order.
nlohmann::ordered_json protocol_capture(const std::string& relative_path) {
    return nlohmann::ordered_json::parse(read_file(std::string(AWSAUTH_TEST_DATA) + "/protocol/" + relative_path));
}

// The answer exactly as moto sent it: status, headers in their received order and case, body.
awsauth::http_response captured_response(const std::string& relative_path) {
    const nlohmann::ordered_json capture = protocol_capture(relative_path);
    awsauth::http_response response;
    response.status = capture.at("status").get<int>();
    for (const auto& [name, value] : capture.at("headers").items())
        response.headers.emplace_back(name, value.get<std::string>());
    response.body = capture.at("body").get<std::string>();
    return response;
}

// bytes_per_second for the console; the plain `bytes` counter lets the report print each payload's size.
void set_bytes(benchmark::State& state, std::size_t bytes_per_iteration) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes_per_iteration));
    state.counters["bytes"] = static_cast<double>(bytes_per_iteration);
}

template <class Function>
void register_benchmark(const std::string& name, Function&& function) {
    benchmark::RegisterBenchmark(name.c_str(), std::forward<Function>(function));
}

// ---------------------------------------------------------------------------------------------------------------
// The floor: expat with namespace processing and handlers that do nothing. Any reader built on expat pays this;
// what awsauth spends above it is matching elements to members and filling the struct.

void XMLCALL ignore_start(void*, const XML_Char*, const XML_Char**) {}
void XMLCALL ignore_end(void*, const XML_Char*) {}
void XMLCALL ignore_text(void*, const XML_Char*, int) {}

bool expat_parse_with_empty_handlers(const std::string& body) {
    XML_Parser parser = XML_ParserCreateNS(nullptr, ' ');
    if (parser == nullptr) return false;
    XML_SetElementHandler(parser, ignore_start, ignore_end);
    XML_SetCharacterDataHandler(parser, ignore_text);
    const bool accepted = XML_Parse(parser, body.data(), static_cast<int>(body.size()), XML_TRUE) == XML_STATUS_OK;
    XML_ParserFree(parser);
    return accepted;
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline: tinyxml2's DOM walked into the struct by hand, the way aws-sdk-cpp's generated
// `AssumeRoleResult::operator=(const AmazonWebServiceResult<XmlDocument>&)` does: the document parsed whole (entities
// processed, whitespace preserved, as aws-sdk-cpp's XmlDocument asks), `<OpResult>` found under the root, each
// member looked up by name with FirstChildElement, its text copied into a std::string. Timestamps go through
// awsauth::parse_timestamp and ResponseMetadata through awsauth's own filling, so only the XML side differs.
//
// How a member's text is taken is the one thing the two walks below differ in. The baseline, `tinyxml2_text`, uses
// tinyxml2's own accessors (GetText, QueryIntText): the fastest way to read that DOM, so the target is judged
// against the strongest tinyxml2 reader. `aws_sdk_cpp_text` takes it as aws-sdk-cpp's XmlNode::GetText does, the
// element's children printed back to XML through a tinyxml2::XMLPrinter and the escaping undone by one replace pass
// per entity (DecodeEscapedXmlText), numbers and timestamps read from that text trimmed: the reference row for what
// aws-sdk-cpp's walk costs on the same parser.

using tinyxml2::XMLElement;

struct tinyxml2_text {
    static std::string text(const XMLElement& element) {
        const char* text = element.GetText();
        return std::string(text != nullptr ? text : "");
    }
    static std::optional<std::int32_t> integer(const XMLElement& element) {
        int value = 0;
        if (element.QueryIntText(&value) != tinyxml2::XML_SUCCESS) return std::nullopt;
        return static_cast<std::int32_t>(value);
    }
    static std::optional<awsauth::timestamp> time(const XMLElement& element) {
        if (element.GetText() == nullptr) return std::nullopt;
        return awsauth::parse_timestamp(element.GetText());
    }
};

struct aws_sdk_cpp_text {
    static void replace_all(std::string& text, std::string_view entity, std::string_view replacement) {
        for (std::size_t at = text.find(entity); at != std::string::npos;
             at = text.find(entity, at + replacement.size())) {
            text.erase(at, entity.size());
            text.insert(at, replacement);
        }
    }
    static std::string unescaped(const std::string& printed) {
        std::string text = printed;
        replace_all(text, "&quot;", "\"");
        replace_all(text, "&apos;", "'");
        replace_all(text, "&lt;", "<");
        replace_all(text, "&gt;", ">");
        replace_all(text, "&amp;", "&");
        replace_all(text, "&#xA;", "\n");
        replace_all(text, "&#xD;", "\r");
        return text;
    }
    static std::string trimmed(const std::string& text) {
        const std::size_t first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) return {};
        return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    }
    static std::string text(const XMLElement& element) {
        tinyxml2::XMLPrinter printer;
        for (const tinyxml2::XMLNode* node = element.FirstChild(); node != nullptr; node = node->NextSibling())
            node->Accept(&printer);
        return unescaped(printer.CStr());
    }
    static std::optional<std::int32_t> integer(const XMLElement& element) {
        return static_cast<std::int32_t>(std::atoi(trimmed(text(element)).c_str()));
    }
    static std::optional<awsauth::timestamp> time(const XMLElement& element) {
        return awsauth::parse_timestamp(trimmed(text(element)));
    }
};

template <class Text>
std::optional<std::string> child_text(const XMLElement& parent, const char* name) {
    const XMLElement* child = parent.FirstChildElement(name);
    if (child == nullptr) return std::nullopt;
    return Text::text(*child);
}

template <class Text>
std::optional<std::int32_t> child_int(const XMLElement& parent, const char* name) {
    const XMLElement* child = parent.FirstChildElement(name);
    if (child == nullptr) return std::nullopt;
    return Text::integer(*child);
}

template <class Text>
std::optional<awsauth::timestamp> child_timestamp(const XMLElement& parent, const char* name) {
    const XMLElement* child = parent.FirstChildElement(name);
    if (child == nullptr) return std::nullopt;
    return Text::time(*child);
}

template <class Text>
std::optional<sts::Credentials> read_credentials(const XMLElement& result) {
    const XMLElement* element = result.FirstChildElement("Credentials");
    if (element == nullptr) return std::nullopt;
    sts::Credentials credentials;
    credentials.access_key_id = child_text<Text>(*element, "AccessKeyId").value_or("");
    credentials.secret_access_key = child_text<Text>(*element, "SecretAccessKey").value_or("");
    credentials.session_token = child_text<Text>(*element, "SessionToken").value_or("");
    credentials.expiration = child_timestamp<Text>(*element, "Expiration").value_or(awsauth::timestamp{});
    return credentials;
}

template <class Text>
std::optional<sts::AssumedRoleUser> read_assumed_role_user(const XMLElement& result) {
    const XMLElement* element = result.FirstChildElement("AssumedRoleUser");
    if (element == nullptr) return std::nullopt;
    sts::AssumedRoleUser user;
    user.assumed_role_id = child_text<Text>(*element, "AssumedRoleId").value_or("");
    user.arn = child_text<Text>(*element, "Arn").value_or("");
    return user;
}

template <class Text>
std::optional<sts::FederatedUser> read_federated_user(const XMLElement& result) {
    const XMLElement* element = result.FirstChildElement("FederatedUser");
    if (element == nullptr) return std::nullopt;
    sts::FederatedUser user;
    user.federated_user_id = child_text<Text>(*element, "FederatedUserId").value_or("");
    user.arn = child_text<Text>(*element, "Arn").value_or("");
    return user;
}

template <class Text>
void read_result(const XMLElement& result, sts::AssumeRoleResponse& value) {
    value.credentials = read_credentials<Text>(result);
    value.assumed_role_user = read_assumed_role_user<Text>(result);
    value.packed_policy_size = child_int<Text>(result, "PackedPolicySize");
    value.source_identity = child_text<Text>(result, "SourceIdentity");
}

template <class Text>
void read_result(const XMLElement& result, sts::AssumeRoleWithSAMLResponse& value) {
    value.credentials = read_credentials<Text>(result);
    value.assumed_role_user = read_assumed_role_user<Text>(result);
    value.packed_policy_size = child_int<Text>(result, "PackedPolicySize");
    value.subject = child_text<Text>(result, "Subject");
    value.subject_type = child_text<Text>(result, "SubjectType");
    value.issuer = child_text<Text>(result, "Issuer");
    value.audience = child_text<Text>(result, "Audience");
    value.name_qualifier = child_text<Text>(result, "NameQualifier");
    value.source_identity = child_text<Text>(result, "SourceIdentity");
}

template <class Text>
void read_result(const XMLElement& result, sts::AssumeRoleWithWebIdentityResponse& value) {
    value.credentials = read_credentials<Text>(result);
    value.subject_from_web_identity_token = child_text<Text>(result, "SubjectFromWebIdentityToken");
    value.assumed_role_user = read_assumed_role_user<Text>(result);
    value.packed_policy_size = child_int<Text>(result, "PackedPolicySize");
    value.provider = child_text<Text>(result, "Provider");
    value.audience = child_text<Text>(result, "Audience");
    value.source_identity = child_text<Text>(result, "SourceIdentity");
}

template <class Text>
void read_result(const XMLElement& result, sts::GetFederationTokenResponse& value) {
    value.credentials = read_credentials<Text>(result);
    value.federated_user = read_federated_user<Text>(result);
    value.packed_policy_size = child_int<Text>(result, "PackedPolicySize");
}

template <class Text>
void read_result(const XMLElement& result, sts::GetSessionTokenResponse& value) {
    value.credentials = read_credentials<Text>(result);
}

template <class Text>
void read_result(const XMLElement& result, sts::GetCallerIdentityResponse& value) {
    value.user_id = child_text<Text>(result, "UserId");
    value.account = child_text<Text>(result, "Account");
    value.arn = child_text<Text>(result, "Arn");
}

template <class Text>
void read_result(const XMLElement& result, sts::GetAccessKeyInfoResponse& value) {
    value.account = child_text<Text>(result, "Account");
}

template <class Response, class Text = tinyxml2_text>
Response tinyxml2_read(const awsauth::http_response& response, const char* result_name) {
    tinyxml2::XMLDocument document(true, tinyxml2::PRESERVE_WHITESPACE);
    if (document.Parse(response.body.data(), response.body.size()) != tinyxml2::XML_SUCCESS)
        throw std::runtime_error("tinyxml2 refused the answer");
    Response value;
    const XMLElement* root = document.RootElement();
    if (const XMLElement* result = root->FirstChildElement(result_name)) read_result<Text>(*result, value);
    std::string request_id;
    if (const XMLElement* metadata = root->FirstChildElement("ResponseMetadata"))
        request_id = child_text<Text>(*metadata, "RequestId").value_or("");
    if (request_id.empty()) {
        if (const std::string* header = awsauth::detail::find_header(response.headers, "x-amzn-RequestId"))
            request_id = *header;
    }
    awsauth::detail::fill_response_metadata(value, response, std::move(request_id));
    return value;
}

// Every row for one real answer. Fails loudly at startup, not as a fast-looking row, when the readers disagree.
template <class Response>
void register_answer(const std::string& name, const std::string& capture) {
    const awsauth::http_response response = captured_response("responses/" + capture);
    const std::string result_name(awsauth::detail::operation_description_of<Response>.result_wrapper);
    const Response typed = awsauth::from_http_response<Response>(response);
    const Response walked = tinyxml2_read<Response>(response, result_name.c_str());
    const Response printed = tinyxml2_read<Response, aws_sdk_cpp_text>(response, result_name.c_str());
    if (!(typed == walked) || !(typed == printed)) {
        std::cerr << "awsauth:  " << awsauth::dump(typed) << "\ntinyxml2: " << awsauth::dump(walked)
                  << "\ntinyxml2, aws-sdk-cpp's text: " << awsauth::dump(printed) << "\n";
        throw std::runtime_error(name + ": from_http_response and the tinyxml2 walks read different structs");
    }
    if (!expat_parse_with_empty_handlers(response.body)) throw std::runtime_error(name + ": expat refused the answer");

    const std::size_t bytes = response.body.size();
    register_benchmark("read_xml/" + name + "/awsauth", [response, bytes](benchmark::State& state) {
        for (auto _ : state) {
            Response value = awsauth::from_http_response<Response>(response);
            benchmark::DoNotOptimize(value);
        }
        set_bytes(state, bytes);
    });
    register_benchmark("read_xml/" + name + "/expat_floor", [response, bytes](benchmark::State& state) {
        for (auto _ : state) {
            bool accepted = expat_parse_with_empty_handlers(response.body);
            benchmark::DoNotOptimize(accepted);
        }
        set_bytes(state, bytes);
    });
    register_benchmark("read_xml/" + name + "/tinyxml2", [response, bytes, result_name](benchmark::State& state) {
        for (auto _ : state) {
            Response value = tinyxml2_read<Response>(response, result_name.c_str());
            benchmark::DoNotOptimize(value);
        }
        set_bytes(state, bytes);
    });
    register_benchmark(
        "read_xml/" + name + "/aws_sdk_cpp_text", [response, bytes, result_name](benchmark::State& state) {
            for (auto _ : state) {
                Response value = tinyxml2_read<Response, aws_sdk_cpp_text>(response, result_name.c_str());
                benchmark::DoNotOptimize(value);
            }
            set_bytes(state, bytes);
        });
}

// ---------------------------------------------------------------------------------------------------------------
// Writing requests. The baseline is what a C++ user who talks to STS without a codec writes by hand: the body
// concatenated into one std::string, member by member in model order, through a minimal percent-encoder that
// appends in place (every byte outside A-Za-z0-9-_.~ as %XX). It is the fastest plausible hand-written form, so the
// ratio is not flattered: the textbook encoder (an std::ostringstream with std::hex per value, which is also how
// aws-sdk-cpp's generated SerializePayload builds the body) and curl_easy_escape (a malloc'd copy per value, what
// a libcurl user reaches for, shown as a reference row when libcurl is found) are both slower.

void append_percent_encoded(std::string& out, std::string_view text) {
    static constexpr char hex_digits[] = "0123456789ABCDEF";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                                (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' ||
                                byte == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += hex_digits[byte >> 4];
            out += hex_digits[byte & 0x0F];
        }
    }
}

// AssumeRole's form, written by hand with `encode(out, text)` for the values (keys need no encoding).
template <class Encode>
std::string hand_written_assume_role_body(const sts::AssumeRoleRequest& request, Encode&& encode) {
    std::string body = "Action=AssumeRole&Version=2011-06-15";
    auto add = [&](std::string_view key, std::string_view value) {
        body += '&';
        body += key;
        body += '=';
        encode(body, value);
    };
    auto add_member = [&](std::string_view list, std::size_t index, std::string_view member, std::string_view value) {
        body += '&';
        body += list;
        body += ".member.";
        body += std::to_string(index + 1);
        if (!member.empty()) {
            body += '.';
            body += member;
        }
        body += '=';
        encode(body, value);
    };
    auto add_empty_list = [&](std::string_view list) {
        body += '&';
        body += list;
        body += '=';
    };
    add("RoleArn", request.role_arn);
    add("RoleSessionName", request.role_session_name);
    if (request.policy_arns) {
        if (request.policy_arns->empty()) add_empty_list("PolicyArns");
        for (std::size_t i = 0; i < request.policy_arns->size(); ++i) {
            if ((*request.policy_arns)[i].arn) add_member("PolicyArns", i, "arn", *(*request.policy_arns)[i].arn);
        }
    }
    if (request.policy) add("Policy", *request.policy);
    if (request.duration_seconds) add("DurationSeconds", std::to_string(*request.duration_seconds));
    if (request.tags) {
        if (request.tags->empty()) add_empty_list("Tags");
        for (std::size_t i = 0; i < request.tags->size(); ++i) {
            add_member("Tags", i, "Key", (*request.tags)[i].key);
            add_member("Tags", i, "Value", (*request.tags)[i].value);
        }
    }
    if (request.transitive_tag_keys) {
        if (request.transitive_tag_keys->empty()) add_empty_list("TransitiveTagKeys");
        for (std::size_t i = 0; i < request.transitive_tag_keys->size(); ++i)
            add_member("TransitiveTagKeys", i, "", (*request.transitive_tag_keys)[i]);
    }
    if (request.external_id) add("ExternalId", *request.external_id);
    if (request.serial_number) add("SerialNumber", *request.serial_number);
    if (request.token_code) add("TokenCode", *request.token_code);
    if (request.source_identity) add("SourceIdentity", *request.source_identity);
    if (request.provided_contexts) {
        if (request.provided_contexts->empty()) add_empty_list("ProvidedContexts");
        for (std::size_t i = 0; i < request.provided_contexts->size(); ++i) {
            const sts::ProvidedContext& context = (*request.provided_contexts)[i];
            if (context.provider_arn) add_member("ProvidedContexts", i, "ProviderArn", *context.provider_arn);
            if (context.context_assertion)
                add_member("ProvidedContexts", i, "ContextAssertion", *context.context_assertion);
        }
    }
    return body;
}

template <class Encode>
awsauth::http_request hand_written_assume_role_request(const sts::AssumeRoleRequest& request, Encode&& encode) {
    awsauth::http_request written;
    written.method = "POST";
    written.path = "/";
    written.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    written.body = hand_written_assume_role_body(request, std::forward<Encode>(encode));
    return written;
}

bool same_request(const awsauth::http_request& a, const awsauth::http_request& b) {
    return a.method == b.method && a.path == b.path && a.headers == b.headers && a.body == b.body;
}

#if AWSAUTH_BENCH_CURL
// One easy handle for the whole run, as a client has; curl_easy_escape allocates each result, curl_free frees it.
CURL* curl_handle() {
    static CURL* const handle = curl_easy_init();
    return handle;
}

void append_curl_escaped(std::string& out, std::string_view text) {
    char* escaped = curl_easy_escape(curl_handle(), text.data(), static_cast<int>(text.size()));
    if (escaped == nullptr) throw std::bad_alloc();
    out += escaped;
    curl_free(escaped);
}
#endif

// Every row for one request: botocore's captured params read into the struct (with awsauth::parse, JSON, which is
// not what is timed), then written by each side; all must send the same request, checked before timing.
void register_request(const std::string& name, const std::string& capture) {
    const sts::AssumeRoleRequest request =
        awsauth::parse<sts::AssumeRoleRequest>(protocol_capture("requests/" + capture).at("params").dump());
    const awsauth::http_request typed = awsauth::to_http_request(request);
    if (!same_request(typed, hand_written_assume_role_request(request, append_percent_encoded))) {
        std::cerr << "awsauth:      " << typed.body
                  << "\nhand-written: " << hand_written_assume_role_body(request, append_percent_encoded) << "\n";
        throw std::runtime_error(name + ": to_http_request and the hand-written form differ");
    }
    const std::size_t bytes = typed.body.size();

    register_benchmark("write_form/" + name + "/awsauth", [request, bytes](benchmark::State& state) {
        for (auto _ : state) {
            awsauth::http_request written = awsauth::to_http_request(request);
            benchmark::DoNotOptimize(written);
        }
        set_bytes(state, bytes);
    });
    register_benchmark("write_form/" + name + "/hand_written", [request, bytes](benchmark::State& state) {
        for (auto _ : state) {
            awsauth::http_request written = hand_written_assume_role_request(request, append_percent_encoded);
            benchmark::DoNotOptimize(written);
        }
        set_bytes(state, bytes);
    });
#if AWSAUTH_BENCH_CURL
    if (!same_request(typed, hand_written_assume_role_request(request, append_curl_escaped)))
        throw std::runtime_error(name + ": curl_easy_escape encodes differently");
    register_benchmark("write_form/" + name + "/curl_escape", [request, bytes](benchmark::State& state) {
        for (auto _ : state) {
            awsauth::http_request written = hand_written_assume_role_request(request, append_curl_escaped);
            benchmark::DoNotOptimize(written);
        }
        set_bytes(state, bytes);
    });
#endif
}

void register_all() {
    register_answer<sts::AssumeRoleResponse>("moto_assume_role", "sts-assume-role-full.json");
    register_answer<sts::AssumeRoleWithSAMLResponse>("moto_assume_role_with_saml", "sts-assume-role-with-saml.json");
    register_answer<sts::AssumeRoleWithWebIdentityResponse>("moto_assume_role_with_web_identity",
                                                            "sts-assume-role-with-web-identity.json");
    register_answer<sts::GetFederationTokenResponse>("moto_get_federation_token", "sts-get-federation-token.json");
    register_answer<sts::GetSessionTokenResponse>("moto_get_session_token", "sts-get-session-token.json");
    register_answer<sts::GetCallerIdentityResponse>("moto_get_caller_identity", "sts-get-caller-identity.json");
    register_answer<sts::GetAccessKeyInfoResponse>("moto_get_access_key_info", "sts-get-access-key-info.json");

    register_request("botocore_assume_role_full", "sts-assume-role-full.json");
    register_request("botocore_assume_role_50_tags", "sts-assume-role-50-tags.json");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        register_all();
    } catch (const std::exception& failure) {
        std::cerr << "awsauth_bench_wire: " << failure.what() << "\n";
        return 1;
    }
    // What the figures depend on, carried into the JSON output for bench/report.py.
    benchmark::AddCustomContext("compiler", __VERSION__);
    benchmark::AddCustomContext("awsauth", std::to_string(AWSAUTH_VERSION_MAJOR) + "." +
                                               std::to_string(AWSAUTH_VERSION_MINOR) + "." +
                                               std::to_string(AWSAUTH_VERSION_PATCH));
    const XML_Expat_Version expat = XML_ExpatVersionInfo();
    benchmark::AddCustomContext(
        "expat", std::to_string(expat.major) + "." + std::to_string(expat.minor) + "." + std::to_string(expat.micro));
    benchmark::AddCustomContext("tinyxml2", std::to_string(TIXML2_MAJOR_VERSION) + "." +
                                                std::to_string(TIXML2_MINOR_VERSION) + "." +
                                                std::to_string(TIXML2_PATCH_VERSION));
#if AWSAUTH_BENCH_CURL
    benchmark::AddCustomContext("libcurl", curl_version_info(CURLVERSION_NOW)->version);
#endif
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
