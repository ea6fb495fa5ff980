// tests/unit-secrets-in-errors.cpp: no awsauth::error message holds a run of 8 bytes of a secret of the input.
// The corpus is every real payload in tests/data that carries a secret, broken in every way a secret member can
// be broken: cut at every byte, corrupted bytes, bad escapes, control characters, wrong types in and around it.
#include "catch.hpp"
#include "secrets.hpp"
#include "test_support.hpp"

#include <awsauth/awsauth.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sts = awsauth::sts;
namespace eks_auth = awsauth::eks_auth;
namespace sso = awsauth::sso;
namespace fs = std::filesystem;

namespace {

// What one attempt to read came to. Anything other than a value or an awsauth::error fails the test.
struct outcome {
    bool failed = false;
    std::string message;
};

template <class T>
outcome read_text(std::string_view text) {
    try {
        (void)awsauth::parse<T>(text);
        return {};
    } catch (const awsauth::error& e) {
        return {true, e.what()};
    }
}

template <class T>
outcome read_dom(const nlohmann::json& document) {
    try {
        (void)document.get<T>();
        return {};
    } catch (const awsauth::error& e) {
        return {true, e.what()};
    }
}

// Tallies and the set of every secret seen, which all messages are checked against: a message must not carry a
// secret of another document either.
struct matrix {
    awsauth_test::secret_runs secrets;
    std::size_t attempts = 0;
    std::size_t errors = 0;

    void check(const outcome& result, const std::string& what) {
        ++attempts;
        if (!result.failed) return;
        ++errors;
        const auto* leaked = secrets.leaked_in(result.message);
        if (leaked != nullptr) {
            FAIL_CHECK(what << ": the message\n  " << result.message << "\nholds a run of the secret\n  " << *leaked);
        }
    }
};

// Byte-level damage put where a secret's text was, at a few places inside it: at its start, after 7 and 8 bytes
// (so that what came before is itself a run), in the middle and at its end.
const std::vector<std::pair<std::string, std::string>> damage = {
    {"invalid UTF-8 byte", "\xff"},
    {"overlong encoding", "\xc0\x80"},
    {"UTF-8 surrogate", "\xed\xa0\x80"},
    {"lone continuation byte", "\x80"},
    {"truncated sequence", "\xe2\x82"},
    {"bad escape", "\\q"},
    {"bad \\u escape", "\\u12G4"},
    {"lone surrogate escape", "\\uD800"},
    {"high surrogate then a non-surrogate", "\\uD800\\u0041"},
    {"backslash at the end", "\\"},
    {"raw NUL", std::string(1, '\0')},
    {"control character", "\x01"},
    {"raw newline", "\n"},
    {"unit separator", "\x1f"},
    {"stray quote", "\""},
};

// What a secret's whole JSON token is replaced with: other types, the secret nested, the secret unquoted.
std::vector<std::pair<std::string, std::string>> replacements(const std::string& secret) {
    return {
        {"number", "123"},
        {"non-integer number", "3.5"},
        {"huge number", "1e400"},
        {"true", "true"},
        {"null", "null"},
        {"empty array", "[]"},
        {"empty object", "{}"},
        {"secret in an array", "[\"" + secret + "\"]"},
        {"secret in an object", "{\"x\":\"" + secret + "\"}"},
        {"secret as a key", "{\"" + secret + "\":1}"},
        {"secret unquoted", secret},
        {"secret in single quotes", "'" + secret + "'"},
        {"secret unterminated", "\"" + secret},
        {"secret twice", "\"" + secret + "\"\"" + secret + "\""},
    };
}

template <class T>
void break_the_secrets(matrix& m, const std::string& name, const std::string& text, std::set<std::string>& done) {
    const auto value = awsauth::parse<T>(text);
    const auto secrets = awsauth_test::secret_strings(value);
    REQUIRE_FALSE(secrets.empty());
    for (const auto& secret : secrets)
        m.secrets.add(secret);
    for (const auto& secret : secrets) {
        if (secret.size() < awsauth_test::leak_run || !done.insert(secret).second) continue;  // moto reuses keys
        const auto quoted = "\"" + secret + "\"";
        const auto at = text.find(quoted);
        REQUIRE(at != std::string::npos);  // the payloads spell their secrets without escapes
        const std::size_t start = at + 1;
        const std::size_t end = start + secret.size();
        INFO(name << ", the secret at byte " << start);

        // Cut at every byte from the opening quote to past the closing one.
        for (std::size_t cut = at; cut <= end + 1; ++cut)
            m.check(read_text<T>(std::string_view(text).substr(0, cut)), name + " cut at " + std::to_string(cut));

        std::set<std::size_t> places = {0, 7, 8, secret.size() / 2, secret.size() - 1, secret.size()};
        for (const auto& [kind, bytes] : damage) {
            for (const auto place : places) {
                std::string broken = text;
                if (place < secret.size()) {
                    broken.replace(start + place, 1, bytes);
                } else {
                    broken.insert(start + place, bytes);
                }
                m.check(read_text<T>(broken), name + ": " + kind + " at " + std::to_string(place));
            }
        }
        for (const auto& [kind, token] : replacements(secret)) {
            std::string broken = text;
            broken.replace(at, quoted.size(), token);
            m.check(read_text<T>(broken), name + ": " + kind);
        }
    }

    // DOM level: each secret leaf given another type, and the secret put in place of every other leaf (a timestamp,
    // an integer, an ARN, a whole object), read from text and through from_json.
    const auto document = nlohmann::json::parse(text);
    const auto leaves = document.flatten();
    for (auto leaf = leaves.begin(); leaf != leaves.end(); ++leaf) {
        const nlohmann::json::json_pointer pointer(leaf.key());
        const bool secret_leaf = leaf.value().is_string() && secrets.count(leaf.value().get<std::string>()) != 0;
        std::vector<nlohmann::json> substitutes;
        if (secret_leaf) {
            const auto& secret = leaf.value().get_ref<const std::string&>();
            substitutes = {123, 3.5, true, nullptr, nlohmann::json::array({secret}), nlohmann::json{{"x", secret}}};
        } else {
            substitutes = {*secrets.begin(), *secrets.rbegin()};
        }
        for (const auto& substitute : substitutes) {
            auto broken = document;
            broken[pointer] = substitute;
            m.check(read_text<T>(broken.dump()), name + ": " + leaf.key() + " replaced (text)");
            m.check(read_dom<T>(broken), name + ": " + leaf.key() + " replaced (DOM)");
        }
    }
}

using breaker = void (*)(matrix&, const std::string&, const std::string&, std::set<std::string>&);

// break_the_secrets for a captured sample that may not carry any (an IMDS failure) or not read as T (an error body).
template <class T>
void break_any_secrets(matrix& m, const std::string& name, const std::string& text, std::set<std::string>& done) {
    try {
        if (awsauth_test::secret_strings(awsauth::parse<T>(text)).empty()) return;
    } catch (const awsauth::error&) {
        return;  // not this shape: its refusals are tests/unit-sources.cpp's
    }
    break_the_secrets<T>(m, name, text, done);
}

// The operations whose payloads carry a secret, by file stem prefix; longest first so that "sts-assume-role" does not
// take AssumeRoleWithSAML's files.
const std::vector<std::pair<std::string, breaker>> responses = {
    {"sts-assume-role-with-saml", &break_the_secrets<sts::AssumeRoleWithSAMLResponse>},
    {"sts-assume-role-with-web-identity", &break_the_secrets<sts::AssumeRoleWithWebIdentityResponse>},
    {"sts-assume-role", &break_the_secrets<sts::AssumeRoleResponse>},
    {"sts-assume-root", &break_the_secrets<sts::AssumeRootResponse>},
    {"sts-get-delegated-access-token", &break_the_secrets<sts::GetDelegatedAccessTokenResponse>},
    {"sts-get-federation-token", &break_the_secrets<sts::GetFederationTokenResponse>},
    {"sts-get-session-token", &break_the_secrets<sts::GetSessionTokenResponse>},
    {"sts-get-web-identity-token", &break_the_secrets<sts::GetWebIdentityTokenResponse>},
    {"eks-auth-assume-role-for-pod-identity", &break_the_secrets<eks_auth::AssumeRoleForPodIdentityResponse>},
};
const std::vector<std::pair<std::string, breaker>> requests = {
    {"sts-assume-role-with-saml", &break_the_secrets<sts::AssumeRoleWithSAMLRequest>},
    {"sts-assume-role-with-web-identity", &break_the_secrets<sts::AssumeRoleWithWebIdentityRequest>},
};

breaker breaker_for(const std::vector<std::pair<std::string, breaker>>& table, const std::string& stem) {
    for (const auto& [prefix, function] : table) {
        if (stem.compare(0, prefix.size(), prefix) == 0) return function;
    }
    return nullptr;
}

// No capture holds these two requests (moto has no GetDelegatedAccessToken, and a pod's token never leaves the
// node), so they are written here: the token shapes are those AWS documents, the values made up.
const std::string delegated_access_request =
    R"({"TradeInToken":"AQoDYXdzEPT//////////wEXAMPLEtrade+in/tokenBASE64BODYzZXJ2aWNlLWxpbmtlZC1yb2xlcw=="})";
const std::string pod_identity_request =
    R"({"clusterName":"my-cluster","token":"eyJhbGciOiJSUzI1NiIsImtpZCI6IjFmN2E5YjQ2In0.)"
    R"(eyJhdWQiOlsicGtzLmVrcy5hbWF6b25hd3MuY29tIl0sImV4cCI6MTc5NTUzNzEyMywic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OmRlZmF1bHQ6bXktYXBwIn0.)"
    R"(c2lnbmF0dXJlLW9mLXRoZS1wcm9qZWN0ZWQtc2VydmljZS1hY2NvdW50LXRva2Vu","eksNodeName":"ip-10-0-1-23.ec2.internal"})";

}  // namespace

TEST_CASE("no error about a broken real payload holds 8 bytes of one of its secrets", "[secrets][errors]") {
    matrix m;
    std::set<std::string> done;
    std::size_t files = 0;
    for (const char* folder : {"awscli-v1", "boto3-isoformat", "boto3-str", "wire", "examples"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(AWSAUTH_TEST_DATA) / folder)) {
            if (entry.path().extension() != ".json") continue;
            auto stem = entry.path().stem().string();  // examples: sts-assume-role-0.input
            const auto dot = stem.find('.');
            const bool is_request = dot != std::string::npos && stem.substr(dot) == ".input";
            const auto function = breaker_for(is_request ? requests : responses, stem.substr(0, dot));
            if (function == nullptr) continue;  // a payload without secrets (GetCallerIdentity, ...)
            function(m, std::string(folder) + "/" + entry.path().filename().string(),
                     awsauth_test::read_file(entry.path()), done);
            ++files;
        }
    }
    break_the_secrets<sts::GetDelegatedAccessTokenRequest>(m, "GetDelegatedAccessTokenRequest",
                                                           delegated_access_request, done);
    break_the_secrets<eks_auth::AssumeRoleForPodIdentityRequest>(m, "AssumeRoleForPodIdentityRequest",
                                                                 pod_identity_request, done);
    // 12 responses with a secret in each of the three producer folders, 3 wire bodies, 5 example outputs with
    // credentials and the 2 example requests with an assertion or a token.
    CHECK(files == 3 * 12 + 3 + 5 + 2);
    CHECK(m.errors > 10000);
    CHECK(m.errors < m.attempts);  // some breaks are harmless (a secret put into another string member)
    // The known leak this guards against: nlohmann's own message quotes the text it last read.
    const std::string cut = R"({"SessionToken":"FQoGZXIvYXdzEBYaDOYsicq)";
    try {
        const auto parsed = nlohmann::json::parse(cut);
        FAIL("nlohmann accepted a cut document: " << parsed.dump());
    } catch (const nlohmann::json::parse_error& e) {
        CHECK(awsauth_test::holds_run_of(e.what(), "FQoGZXIvYXdzEBYaDOYsicq"));
    }
}

TEST_CASE("no error about a broken SSO, container, IMDS or credential_process document holds 8 bytes of a secret",
          "[secrets][errors][sources]") {
    matrix m;
    std::set<std::string> done;
    // SSO's answer as the captures hold it, and its request as JSON (the bearer token is its secret).
    const auto sso_answer =
        nlohmann::json::parse(awsauth_test::data_file("protocol/responses/sso-get-role-credentials.json"))["body"]
            .get<std::string>();
    break_the_secrets<sso::GetRoleCredentialsResponse>(m, "sso GetRoleCredentialsResponse", sso_answer, done);
    break_the_secrets<sso::GetRoleCredentialsRequest>(
        m, "sso GetRoleCredentialsRequest",
        R"({"roleName":"ReadOnly","accountId":"123456789012","accessToken":"aoaAAAAAGEXAMPLEbearertokenFOR/sso+portal"})",
        done);
    // Each source document in the shape its AWS page documents; the values made up.
    break_the_secrets<awsauth::container::Credentials>(
        m, "container",
        R"({"AccessKeyId":"ASIAEXAMPLECONTAINER","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/containerEXAMPLEKEY",)"
        R"("Token":"IQoJb3JpZ2luX2VjEXAMPLEcontainer/session+token==","AccountId":"123456789012",)"
        R"("Expiration":"2026-11-23T17:18:43.123456789Z"})",
        done);
    break_the_secrets<awsauth::imds::Credentials>(
        m, "imds",
        "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-11-23T16:18:43Z\",\n  \"Type\" : \"AWS-HMAC\",\n"
        "  \"AccessKeyId\" : \"ASIAEXAMPLEIMDS00000\",\n  \"SecretAccessKey\" : "
        "\"Zq8HmgIm170rk4ydgYrS4jaBBQy/imds+EXAMPLE\",\n"
        "  \"Token\" : \"IQoJb3JpZ2luX2VjEXAMPLEimds/session+token==\",\n  \"Expiration\" : "
        "\"2026-11-23T22:18:43Z\"\n}",
        done);
    break_the_secrets<awsauth::credential_process::Credentials>(
        m, "credential_process",
        R"({"Version":1,"AccessKeyId":"ASIAEXAMPLEPROCESS00","SecretAccessKey":"Hx7pLq2Vn9Wc4Tb6Rm1Ks3Jd5Fg8Yh0/proc+EX",)"
        R"("SessionToken":"IQoJb3JpZ2luX2VjEXAMPLEprocess/session+token==","Expiration":"2026-11-23T17:18:43Z"})",
        done);
    // The captured samples of tests/data/sources, where that folder is (every document there that reads).
    std::size_t samples = 0;
    const auto break_folder = [&](const char* folder, breaker function) {
        const fs::path path = fs::path(AWSAUTH_TEST_DATA) / "sources" / folder;
        if (!fs::is_directory(path)) return;
        for (const auto& entry : fs::directory_iterator(path)) {
            if (entry.path().extension() != ".json") continue;
            function(m, std::string(folder) + "/" + entry.path().filename().string(),
                     awsauth_test::read_file(entry.path()), done);
            ++samples;
        }
    };
    break_folder("container", &break_any_secrets<awsauth::container::Credentials>);
    break_folder("imds", &break_any_secrets<awsauth::imds::Credentials>);
    break_folder("credential-process", &break_any_secrets<awsauth::credential_process::Credentials>);
    INFO(samples << " samples of tests/data/sources");
    CHECK(m.errors > 2000);
    CHECK(m.errors < m.attempts);
}

TEST_CASE("the secret set is every distinct secret of the corpus, the reused moto key once", "[secrets][errors]") {
    const auto full =
        awsauth::parse<sts::AssumeRoleResponse>(awsauth_test::data_file("examples/sts-assume-role-0.output.json"));
    const auto federation = awsauth::parse<sts::GetFederationTokenResponse>(
        awsauth_test::data_file("examples/sts-get-federation-token-0.output.json"));
    auto secrets = awsauth_test::secret_strings(full);
    const auto more = awsauth_test::secret_strings(federation);
    secrets.insert(more.begin(), more.end());
    CHECK(secrets.count("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY") == 1);
}

TEST_CASE("an invalid secret refused by dump is named by its path only", "[secrets][errors]") {
    auto value =
        awsauth::parse<sts::AssumeRoleResponse>(awsauth_test::data_file("awscli-v1/sts-assume-role-full.json"));
    const auto secrets = awsauth_test::secret_strings(value);
    value.credentials->session_token.insert(value.credentials->session_token.size() / 2, "\xff");
    try {
        (void)awsauth::dump(value);
        FAIL("dump wrote a string that is not UTF-8");
    } catch (const awsauth::error& e) {
        CHECK(std::string(e.what()) == "awsauth: at /Credentials/SessionToken: string is not valid UTF-8");
        CHECK(awsauth_test::secret_runs(secrets).leaked_in(e.what()) == nullptr);
    }
}

TEST_CASE("the 8-byte run check itself, plain and indexed", "[secrets]") {
    const std::string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    const std::string other = "FQoGZXIvYXdzEBYaDOYsicq";
    const awsauth_test::secret_runs index({secret, other, "short"});
    const auto both = [&](std::string_view text) {
        const bool plain = awsauth_test::holds_run_of(text, secret) || awsauth_test::holds_run_of(text, other);
        CHECK(plain == (index.leaked_in(text) != nullptr));
        return plain;
    };
    CHECK(both("...wJalrXUt..."));                 // the first 8 bytes
    CHECK(both("xxEXAMPLEKEYxx"));                 // the last ones
    CHECK(both("last read: 'MDENG/bPx'"));         // a run from the middle
    CHECK_FALSE(both("wJalrXU MDENG/b EXAMPLE"));  // only 7-byte runs
    CHECK_FALSE(both("short short short"));        // shorter than a run: nothing to leak
    CHECK_FALSE(both(""));
    CHECK(*index.leaked_in("'FQoGZXIvYXdz") == other);
    CHECK(*index.leaked_in(secret) == secret);
    CHECK(awsauth_test::holds_run_of("12345678", "12345678"));
}
