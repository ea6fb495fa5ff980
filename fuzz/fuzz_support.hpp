// fuzz/fuzz_support.hpp: what every fuzz target asserts about one input read as one generated struct.
// Anything that breaks a rule calls std::abort (libFuzzer reports it, with the input); an exception other than
// awsauth::error escapes, which libFuzzer reports the same way.
#pragma once

#include "secrets.hpp"       // tests/: the 8-byte run rule, shared with the unit tests
#include "test_support.hpp"  // tests/: read_file

#include <awsauth/awsauth.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>

namespace awsauth_fuzz {

[[noreturn]] inline void broken(const char* rule, std::string_view detail) {
    std::fprintf(stderr, "awsauth fuzz: %s\n%.*s\n", rule, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

// ---------------------------------------------------------------------------------------------------------------
// Where the secrets of a text are, found without trusting the parser under test: a lenient JSON lexer marks every
// string that follows a secret key and a colon ("SessionToken": "...", cut or not).

template <class Member>
inline constexpr bool is_string_member_v =
    std::is_same_v<Member, std::string> || std::is_same_v<Member, std::optional<std::string>>;

// The keys of every secret string member of every generated struct.
inline const std::set<std::string, std::less<>>& secret_keys() {
    static const auto keys = [] {
        std::set<std::string, std::less<>> found;
        const auto add = [&](std::string_view, auto tag) {
            using T = typename decltype(tag)::type;
            awsauth::for_each_field<T>([&](const auto& field) {
                using Member = typename std::decay_t<decltype(field)>::member_type;
                if (is_string_member_v<Member> && (field.secret || awsauth::is_secret_shape_v<T>))
                    found.emplace(field.key);
            });
        };
        awsauth::sts::for_each_shape(add);
        awsauth::eks_auth::for_each_shape(add);
        awsauth::sso::for_each_shape(add);
        add("container", awsauth::type_tag<awsauth::container::Credentials>{});
        add("imds", awsauth::type_tag<awsauth::imds::Credentials>{});
        add("credential_process", awsauth::type_tag<awsauth::credential_process::Credentials>{});
        return found;
    }();
    return keys;
}

inline char rotated(char c) {
    if (c >= 'a' && c <= 'z') return c == 'z' ? 'a' : static_cast<char>(c + 1);
    if (c >= 'A' && c <= 'Z') return c == 'Z' ? 'A' : static_cast<char>(c + 1);
    if (c >= '0' && c <= '9') return c == '9' ? '0' : static_cast<char>(c + 1);
    return c;
}

// The string whose opening quote is text[open]: returns where its content ends (its closing quote, or the end of the
// text). With `rotate`, each letter and digit in it becomes the next of its class, escapes left alone: the same
// string in every respect a reader may judge (length, JSON syntax, UTF-8, character classes), but another secret.
inline std::size_t string_end(std::string& text, std::size_t open, bool rotate) {
    std::size_t i = open + 1;
    while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\') {
            const bool unicode = i + 1 < text.size() && text[i + 1] == 'u';
            i += 2;
            for (int digit = 0; unicode && digit < 4 && i < text.size() && text[i] != '"'; ++digit)
                ++i;
            continue;
        }
        if (rotate) text[i] = rotated(text[i]);
        ++i;
    }
    return std::min(i, text.size());
}

inline std::size_t skip_space(const std::string& text, std::size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        ++i;
    return i;
}

/// Finds every string that follows a secret key and a colon in `text`: collects its content into `found` and, with
/// `rotate`, rotates it in place. Returns how many there were.
inline std::size_t scan_secrets(std::string& text, bool rotate, std::set<std::string>* found = nullptr) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '"') {
            ++i;
            continue;
        }
        const std::size_t end = string_end(text, i, false);
        const std::string key = text.substr(i + 1, end - i - 1);
        std::size_t next = skip_space(text, end + 1);
        i = end + 1;
        if (next >= text.size() || text[next] != ':' || secret_keys().count(key) == 0) continue;
        next = skip_space(text, next + 1);
        if (next >= text.size() || text[next] != '"') continue;
        const std::size_t value_end = string_end(text, next, rotate);
        if (found != nullptr) found->insert(text.substr(next + 1, value_end - next - 1));
        ++count;
        i = value_end + 1;
    }
    return count;
}

/// The secrets of the real payloads the corpus is seeded with (tests/data), read once.
inline const awsauth_test::secret_runs& seeded_secrets() {
    static const auto secrets = [] {
        std::set<std::string> found;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(AWSAUTH_TEST_DATA)) {
            if (entry.path().extension() != ".json") continue;
            std::string text = awsauth_test::read_file(entry.path());
            std::set<std::string> in_file;
            scan_secrets(text, false, &in_file);
            // A value with a space is prose in a secret's place (the AWS guide's credential_process syntax block:
            // "the AWS session token for temporary credentials"), not a credential: its words would match the
            // model keys every error path names ("redentials" of /Credentials).
            for (const auto& secret : in_file)
                if (secret.find(' ') == std::string::npos) found.insert(secret);
        }
        if (found.size() < 20) broken("too few seeded secrets: is AWSAUTH_TEST_DATA right?", AWSAUTH_TEST_DATA);
        return awsauth_test::secret_runs(found);
    }();
    return secrets;
}

// ---------------------------------------------------------------------------------------------------------------
// The rules.

struct outcome {
    bool failed = false;
    std::string message;
    std::string problem;  // the message less "awsauth: at <path>: ", which quotes the document's keys
};

template <class T>
outcome read(std::string_view text, const awsauth::parse_options& options, std::optional<T>* value = nullptr) {
    try {
        auto result = awsauth::parse<T>(text, options);
        if (value != nullptr) *value = std::move(result);
        return {};
    } catch (const awsauth::error& e) {
        std::string prefix = "awsauth: at ";
        awsauth::detail::append_log_escaped(prefix, e.path());
        prefix += ": ";
        const std::string message = e.what();
        const bool placed = !e.path().empty() && message.compare(0, prefix.size(), prefix) == 0;
        return {true, message, placed ? message.substr(prefix.size()) : message};
    }
}

// What printing shows of a value must not depend on its secrets: with every secret string emptied, the same line.
template <class T>
void check_printing(const T& value) {
    T emptied = value;
    awsauth_test::for_each_secret_string(emptied, [](std::string& secret) { secret.clear(); });
    const auto printed = awsauth::redacted(value);
    if (printed != awsauth::redacted(emptied)) broken("operator<< output depends on a secret", printed);
}

/// Reads `input` as T, once as it is and once with its secrets rotated:
/// - a value dumps to text that reads back as the same value and dumps to the same text again, and prints the same
///   whatever its secrets;
/// - an error is the same whatever the secrets' bytes (so it quotes none of them), and what it says besides the
///   document's keys holds no run of a secret of the seed payloads (wherever the fuzzer moved one).
template <class T>
void check(std::string_view input, const awsauth::parse_options& options = {}) {
    std::optional<T> value;
    const auto first = read<T>(input, options, &value);
    if (!first.failed) {
        const std::string dumped = awsauth::dump(*value);
        std::optional<T> again;
        const auto reread = read<T>(dumped, awsauth::parse_options{}, &again);
        if (reread.failed) broken("dump wrote what parse refuses", reread.message + "\n" + dumped);
        if (!(*again == *value)) broken("dump and parse do not round-trip", dumped);
        if (awsauth::dump(*again) != dumped) broken("dump is not stable", dumped);
        check_printing(*value);
    } else if (const auto* leaked = seeded_secrets().leaked_in(first.problem)) {
        broken("an error message holds a run of a seeded secret", first.message + "\n" + *leaked);
    }
    std::string rotated_input(input);
    if (scan_secrets(rotated_input, true) == 0) return;
    const auto second = read<T>(rotated_input, options);
    if (second.failed != first.failed || second.message != first.message)
        broken("the outcome depends on a secret's bytes", first.message + "\n" + second.message);
}

/// Runs check<T> for every T the registry visits (input or output shapes of every operation).
template <bool Outputs, class Registry>
void check_operations(std::string_view input, Registry&& for_each_operation) {
    for_each_operation([&](std::string_view, auto request, auto response) {
        using T = typename std::conditional_t<Outputs, decltype(response), decltype(request)>::type;
        check<T>(input);
        awsauth::parse_options strict{};
        strict.reject_unknown_keys = true;
        check<T>(input, strict);
    });
}

}  // namespace awsauth_fuzz
