// tests/unit-payloads.cpp: every captured real payload in tests/data parses into its type and dumps back to the same
// JSON (same keys, same values, timestamps equal as instants); where the producer's layout is ours, byte for byte.
#include "catch.hpp"
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using awsauth_test::data_file;
using awsauth_test::read_file;
namespace fs = std::filesystem;

bool is_timestamp_key(const std::string& key) {
    return key == "Expiration" || key == "expiration";
}

awsauth::timestamp instant_of(const nlohmann::json& value) {
    awsauth::timestamp out{};
    std::string_view problem;
    if (value.is_string()) {
        problem = awsauth::detail::read_timestamp(value.get_ref<const std::string&>(), out);
    } else if (value.is_number_integer()) {
        problem = awsauth::detail::timestamp_from_epoch(value.get<std::int64_t>(), out);
    } else {
        problem = awsauth::detail::timestamp_from_epoch(value.get<double>(), out);
    }
    REQUIRE(problem.empty());
    return out;
}

// JSON equality, except that timestamps may change spelling but not instant.
void require_same_content(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& where) {
    INFO("at " << where);
    if (expected.is_object()) {
        REQUIRE(actual.is_object());
        REQUIRE(actual.size() == expected.size());
        for (auto entry = expected.begin(); entry != expected.end(); ++entry) {
            REQUIRE(actual.contains(entry.key()));
            const auto& other = actual.at(entry.key());
            if (is_timestamp_key(entry.key())) {
                CHECK(instant_of(entry.value()) == instant_of(other));
            } else {
                require_same_content(entry.value(), other, where + "/" + entry.key());
            }
        }
    } else if (expected.is_array()) {
        REQUIRE(actual.is_array());
        REQUIRE(actual.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            require_same_content(expected[i], actual[i], where + "/" + std::to_string(i));
        }
    } else {
        CHECK(expected == actual);
    }
}

using round_trip_function = void (*)(const std::string& text, const std::string& name);

// Reads `text` with awsauth::parse (SAX) and from_json (DOM): both must accept it and read the same struct, or
// both refuse it with the same message.
template <class T>
void require_paths_agree(const std::string& text, const std::string& mutation) {
    std::optional<T> from_text, from_dom;
    std::string text_error, dom_error;
    try {
        from_text = awsauth::parse<T>(text);
    } catch (const awsauth::error& e) {
        text_error = e.what();
    }
    try {
        from_dom = nlohmann::json::parse(text).get<T>();
    } catch (const awsauth::error& e) {
        dom_error = e.what();
    }
    if (text_error != dom_error || from_text != from_dom) {
        FAIL_CHECK("the paths disagree after " << mutation << "\n  parse: " << text_error
                                               << "\n  from_json: " << dom_error);
    }
}

// Every value of a valid payload replaced in turn by each JSON type (and an integer out of range, a bad
// timestamp), and every member removed: one problem at a time, so both readers must report the same one.
template <class T>
void mutations_read_alike(const std::string& text) {
    const auto document = nlohmann::ordered_json::parse(text);
    std::vector<nlohmann::ordered_json::json_pointer> places;
    const auto collect = [&places](const auto& self, const nlohmann::ordered_json& value,
                                   const nlohmann::ordered_json::json_pointer& at) -> void {
        if (!at.empty()) places.push_back(at);
        if (value.is_object()) {
            for (auto entry = value.begin(); entry != value.end(); ++entry)
                self(self, entry.value(), at / entry.key());
        } else if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i)
                self(self, value[i], at / i);
        }
    };
    collect(collect, document, nlohmann::ordered_json::json_pointer{});
    const nlohmann::ordered_json replacements[] = {nullptr,
                                                   true,
                                                   7,
                                                   -7,
                                                   2147483648.0,
                                                   2147483648,
                                                   1.5,
                                                   "text",
                                                   "2026-02-30T00:00:00Z",
                                                   nlohmann::ordered_json::array(),
                                                   nlohmann::ordered_json::object()};
    for (const auto& place : places) {
        for (const auto& replacement : replacements) {
            auto mutated = document;
            mutated[place] = replacement;
            require_paths_agree<T>(mutated.dump(), place.to_string() + " = " + replacement.dump());
        }
        auto& parent = document.at(place.parent_pointer());
        if (parent.is_object()) {
            auto mutated = document;
            mutated[place.parent_pointer()].erase(place.back());
            require_paths_agree<T>(mutated.dump(), place.to_string() + " removed");
        }
    }
}

template <class T>
void round_trip(const std::string& text, const std::string& name) {
    // Strict: a captured payload with a key the model lacks would mean our types miss a member.
    const auto value = awsauth::parse<T>(text, {/*reject_unknown_keys=*/true});
    const auto dumped = awsauth::dump(value);
    require_same_content(nlohmann::json::parse(text), nlohmann::json::parse(dumped), name);
    CHECK(awsauth::parse<T>(dumped) == value);
    // The DOM path (ADL from_json / to_json) must agree with the text path (the SAX reader and the direct writer).
    CHECK(nlohmann::json::parse(text).get<T>() == value);
    CHECK(nlohmann::ordered_json::parse(text).get<T>() == value);
    for (const int indent : {-1, 0, 2, 4}) {
        INFO("indent " << indent);
        CHECK(awsauth::dump(value, {indent}) == nlohmann::ordered_json(value).dump(indent));
    }
    mutations_read_alike<T>(text);
    // Every timestamp style reads back to the same instants.
    for (const auto style : {awsauth::timestamp_format::iso8601_z, awsauth::timestamp_format::epoch_seconds}) {
        CHECK(awsauth::parse<T>(awsauth::dump(value, {2, style})) == value);
    }
}

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;

// The AWS CLI's name for an operation: AssumeRoleWithSAML -> assume-role-with-saml.
std::string cli_name(std::string_view operation) {
    std::string name;
    for (std::size_t i = 0; i < operation.size(); ++i) {
        const bool upper = std::isupper(static_cast<unsigned char>(operation[i])) != 0;
        const bool after_lower = i > 0 && std::islower(static_cast<unsigned char>(operation[i - 1])) != 0;
        const bool ends_acronym = i > 0 && std::isupper(static_cast<unsigned char>(operation[i - 1])) != 0 &&
                                  i + 1 < operation.size() &&
                                  std::islower(static_cast<unsigned char>(operation[i + 1])) != 0;
        if (upper && (after_lower || ends_acronym)) name += '-';
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(operation[i])));
    }
    return name;
}

// File stem (without producer variant) to the function that reads it, from the generated operation registries.
std::map<std::string, round_trip_function> readers(bool requests) {
    std::map<std::string, round_trip_function> table;
    const auto add = [&](const std::string& service) {
        return [&table, requests, service](std::string_view operation, auto input, auto output) {
            table.emplace(service + "-" + cli_name(operation), requests ? &round_trip<typename decltype(input)::type>
                                                                        : &round_trip<typename decltype(output)::type>);
        };
    };
    sts::for_each_operation(add("sts"));
    eks_auth::for_each_operation(add("eks-auth"));
    return table;
}

const std::map<std::string, round_trip_function>& responses() {
    static const auto table = readers(false);
    return table;
}

const std::map<std::string, round_trip_function>& requests() {
    static const auto table = readers(true);
    return table;
}

std::vector<fs::path> files_in(const std::string& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(AWSAUTH_TEST_DATA) / folder)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every captured response parses and dumps back to the same content", "[payloads]") {
    std::size_t files = 0;
    for (const char* producer : {"awscli-v1", "boto3-isoformat", "boto3-str", "wire"}) {
        for (const auto& path : files_in(producer)) {
            const std::string name = std::string(producer) + "/" + path.filename().string();
            INFO(name);
            const auto reader = awsauth_test::entry_for_file(responses(), path.stem().string());
            REQUIRE(reader != nullptr);  // a captured file no test reads is a gap, not a pass
            reader(read_file(path), name);
            ++files;
        }
    }
    CHECK(files == 48);
}

TEST_CASE("every botocore example parses and dumps back to the same content", "[payloads]") {
    std::size_t files = 0;
    for (const auto& path : files_in("examples")) {
        const std::string name = "examples/" + path.filename().string();
        INFO(name);
        auto stem = path.stem().string();  // sts-assume-role-0.input
        const bool is_input = stem.size() > 6 && stem.compare(stem.size() - 6, 6, ".input") == 0;
        stem.erase(stem.rfind('.'));
        const auto reader = awsauth_test::entry_for_file(is_input ? requests() : responses(), stem);
        REQUIRE(reader != nullptr);
        reader(read_file(path), name);
        ++files;
    }
    CHECK(files == 18);
}

TEST_CASE("the AWS CLI v1 layout is ours: indent 4, model order, its timestamp spelling", "[payloads]") {
    // CLI v1 prints STS timestamps as the wire had them (ISO 8601 with Z) and EKS Auth ones as epoch seconds.
    const awsauth::dump_options cli_sts{4, awsauth::timestamp_format::iso8601_z};
    const awsauth::dump_options cli_eks{4, awsauth::timestamp_format::epoch_seconds};
    const auto cli = [](const char* file) { return data_file(std::string("awscli-v1/") + file); };

    for (const char* file :
         {"sts-assume-role-full.json", "sts-assume-role-minimal.json", "sts-assume-role-with-saml.json",
          "sts-assume-role-with-web-identity.json", "sts-get-federation-token.json", "sts-get-session-token.json"}) {
        INFO(file);
        const auto text = cli(file);
        const auto stem = fs::path(file).stem().string();
        if (stem.rfind("sts-assume-role-with-saml", 0) == 0) {
            CHECK(awsauth::dump(awsauth::parse<sts::AssumeRoleWithSAMLResponse>(text), cli_sts) + "\n" == text);
        } else if (stem.rfind("sts-assume-role-with-web-identity", 0) == 0) {
            CHECK(awsauth::dump(awsauth::parse<sts::AssumeRoleWithWebIdentityResponse>(text), cli_sts) + "\n" == text);
        } else if (stem.rfind("sts-assume-role", 0) == 0) {
            CHECK(awsauth::dump(awsauth::parse<sts::AssumeRoleResponse>(text), cli_sts) + "\n" == text);
        } else if (stem == "sts-get-federation-token") {
            CHECK(awsauth::dump(awsauth::parse<sts::GetFederationTokenResponse>(text), cli_sts) + "\n" == text);
        } else {
            CHECK(awsauth::dump(awsauth::parse<sts::GetSessionTokenResponse>(text), cli_sts) + "\n" == text);
        }
    }
    for (const char* file :
         {"eks-auth-assume-role-for-pod-identity.json", "eks-auth-assume-role-for-pod-identity-epoch-fraction.json"}) {
        INFO(file);
        const auto text = cli(file);
        CHECK(awsauth::dump(awsauth::parse<eks_auth::AssumeRoleForPodIdentityResponse>(text), cli_eks) + "\n" == text);
    }
}

TEST_CASE("the EKS Auth wire body dumps back byte for byte with epoch-second timestamps", "[payloads]") {
    const awsauth::dump_options wire{-1, awsauth::timestamp_format::epoch_seconds};
    for (const char* file : {"eks-auth-assume-role-for-pod-identity-epoch-int.json",
                             "eks-auth-assume-role-for-pod-identity-epoch-fraction.json"}) {
        INFO(file);
        const auto text = data_file(std::string("wire/") + file);
        CHECK(awsauth::dump(awsauth::parse<eks_auth::AssumeRoleForPodIdentityResponse>(text), wire) == text);
    }
}

TEST_CASE("the three EKS Auth wire spellings of one instant read the same", "[payloads]") {
    const auto read = [](const char* file) {
        return awsauth::parse<eks_auth::AssumeRoleForPodIdentityResponse>(data_file(std::string("wire/") + file))
            .credentials.expiration;
    };
    using namespace std::chrono;
    // 1795537123 seconds after the epoch is 2026-11-24T16:18:43Z: 20781 days and 58723 seconds.
    const awsauth::timestamp expected =
        date::sys_days{date::year{2026} / 11 / 24} + hours{16} + minutes{18} + seconds{43};
    CHECK(read("eks-auth-assume-role-for-pod-identity-epoch-int.json") == expected);
    CHECK(read("eks-auth-assume-role-for-pod-identity-epoch-exponent.json") == expected);
    CHECK(read("eks-auth-assume-role-for-pod-identity-epoch-fraction.json") == expected + milliseconds{250});
}

namespace {

// Every Expiration/expiration string in a document, in document order.
void collect_timestamps(const nlohmann::ordered_json& value, std::vector<std::string>& out) {
    if (value.is_object()) {
        for (auto entry = value.begin(); entry != value.end(); ++entry) {
            if (is_timestamp_key(entry.key()) && entry.value().is_string()) {
                out.push_back(entry.value().get<std::string>());
            } else {
                collect_timestamps(entry.value(), out);
            }
        }
    } else if (value.is_array()) {
        for (const auto& element : value)
            collect_timestamps(element, out);
    }
}

}  // namespace

TEST_CASE("boto3 timestamps come back exactly as Python's isoformat() wrote them", "[payloads]") {
    // boto3-str holds str(datetime), which is isoformat() with a space for the T.
    std::size_t timestamps = 0;
    for (const char* producer : {"boto3-isoformat", "boto3-str"}) {
        for (const auto& path : files_in(producer)) {
            const std::string name = std::string(producer) + "/" + path.filename().string();
            INFO(name);
            const auto text = read_file(path);
            std::vector<std::string> expected;
            collect_timestamps(nlohmann::ordered_json::parse(text), expected);
            for (auto& spelling : expected) {
                if (spelling.size() > 10 && spelling[10] == ' ') spelling[10] = 'T';
            }
            std::string dumped;
            if (path.stem().string().rfind("eks-auth-", 0) == 0) {
                dumped = awsauth::dump(awsauth::parse<eks_auth::AssumeRoleForPodIdentityResponse>(text));
            } else {
                auto document = nlohmann::ordered_json::parse(text);
                // Only the shapes that hold timestamps matter here; every other file has none to compare.
                if (document.contains("Credentials")) {
                    dumped = nlohmann::ordered_json(document["Credentials"].get<sts::Credentials>()).dump();
                } else if (document.contains("Expiration")) {
                    dumped = awsauth::dump(awsauth::parse<sts::GetWebIdentityTokenResponse>(text));
                } else {
                    dumped = "{}";
                }
            }
            std::vector<std::string> actual;
            collect_timestamps(nlohmann::ordered_json::parse(dumped), actual);
            CHECK(actual == expected);
            timestamps += expected.size();
        }
    }
    CHECK(timestamps == 2 * 12);  // 9 STS responses with credentials or an expiry, 3 EKS Auth
}

TEST_CASE("boto3 ResponseMetadata is read member by member", "[payloads]") {
    const auto response =
        awsauth::parse<sts::GetCallerIdentityResponse>(data_file("boto3-isoformat/sts-get-caller-identity.json"));
    REQUIRE(response.response_metadata.has_value());
    const auto& metadata = *response.response_metadata;
    CHECK(metadata.http_status_code == 200);
    CHECK(metadata.retry_attempts == 0);
    CHECK_FALSE(metadata.host_id.has_value());
    CHECK(metadata.http_headers.at("x-amzn-requestid") == metadata.request_id);
    CHECK(metadata.http_headers.at("content-type") == "text/xml");
    CHECK(response.account == std::optional<std::string>("123456789012"));
}
