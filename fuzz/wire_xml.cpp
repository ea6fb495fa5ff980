// fuzz/wire_xml.cpp: one input read as the XML body of STS answers through from_http_response: as a 2xx answer of
// every STS operation (by default and under reject_unknown_keys) and as a 400 error answer. The rules:
// - nothing but the output struct, awsauth::error (an answer) or service_error / awsauth::error (an error answer)
//   comes out; any other exception, or a crash, is a finding;
// - a struct dumps to JSON that parses back to the same struct, and prints the same whatever its secrets;
// - an awsauth::error holds no run of a secret of the seed payloads, and the outcome of every read is the same when
//   the text of every secret element (<SecretAccessKey>, <SessionToken>, <SAMLAssertion>, ...) is rotated.
#include "fuzz_support.hpp"

#include <awsauth/wire.hpp>

namespace {

bool is_name_end(char c) {
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Rotates the letters and digits of the text that directly follows each start tag whose local name is a secret
// member's, up to the next '<', references (&amp;, &#65;) left alone: the same document in every respect a reader
// may judge, but other secrets. Found without the reader under test. Returns how many there were.
std::size_t rotate_xml_secrets(std::string& text) {
    std::size_t count = 0;
    for (std::size_t open = text.find('<'); open != std::string::npos; open = text.find('<', open + 1)) {
        std::size_t name_end = open + 1;
        while (name_end < text.size() && !is_name_end(text[name_end]))
            ++name_end;
        std::string_view name(text.data() + open + 1, name_end - open - 1);
        if (const auto colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
        if (name.empty() || awsauth_fuzz::secret_keys().count(name) == 0) continue;
        // The tag ends at the first '>' outside a quoted attribute value.
        std::size_t close = name_end;
        for (char quote = 0; close < text.size() && (quote != 0 || text[close] != '>'); ++close) {
            if (quote == 0 && (text[close] == '"' || text[close] == '\'')) {
                quote = text[close];
            } else if (text[close] == quote) {
                quote = 0;
            }
        }
        if (close >= text.size() || text[close - 1] == '/') continue;
        ++count;
        bool in_reference = false;
        for (std::size_t i = close + 1; i < text.size() && text[i] != '<'; ++i) {
            if (text[i] == '&') in_reference = true;
            if (!in_reference) text[i] = awsauth_fuzz::rotated(text[i]);
            if (text[i] == ';') in_reference = false;
        }
    }
    return count;
}

struct outcome {
    bool failed = false;
    std::string message;  // awsauth::error's what(), or the service_error's
    std::string checked;  // what must hold no secret: the message, less the element name of an unknown_member
};

outcome failure_of(const awsauth::error& failure) {
    // Under reject_unknown_keys the path ends with the unknown element's name, as the JSON reader's ends with the
    // unknown key; every other path is made of model keys only.
    const bool names_the_document = failure.kind() == awsauth::error_kind::unknown_member;
    return {true, failure.what(), names_the_document ? std::string(failure.problem()) : failure.what()};
}

template <class Output>
outcome read_answer(const std::string& body, const awsauth::parse_options& options,
                    std::optional<Output>* value = nullptr) {
    try {
        auto result = awsauth::from_http_response<Output>({200, {{"x-amzn-RequestId", "fuzz"}}, body}, options);
        if (value != nullptr) *value = std::move(result);
        return {};
    } catch (const awsauth::error& failure) {
        return failure_of(failure);
    }
}

outcome read_error_answer(const std::string& body) {
    try {
        (void)awsauth::from_http_response<awsauth::sts::GetCallerIdentityResponse>({400, {}, body});
    } catch (const awsauth::service_error& failure) {
        return {false, failure.what(), {}};
    } catch (const awsauth::error& failure) {
        return failure_of(failure);
    }
    awsauth_fuzz::broken("a 400 answer read as a value", body);
}

void check_message(const outcome& result) {
    if (!result.failed) return;
    if (const auto* leaked = awsauth_fuzz::seeded_secrets().leaked_in(result.checked))
        awsauth_fuzz::broken("an error message holds a run of a seeded secret", result.message + "\n" + *leaked);
}

template <class Output>
void check_answer(const std::string& input, const std::string& rotated, const awsauth::parse_options& options) {
    std::optional<Output> value;
    const outcome first = read_answer<Output>(input, options, &value);
    check_message(first);
    if (!first.failed) {
        const std::string dumped = awsauth::dump(*value);
        std::optional<Output> again;
        const auto reread = awsauth_fuzz::read<Output>(dumped, awsauth::parse_options{}, &again);
        if (reread.failed) awsauth_fuzz::broken("dump wrote what parse refuses", reread.message + "\n" + dumped);
        if (!(*again == *value)) awsauth_fuzz::broken("the XML answer does not round-trip through JSON", dumped);
        awsauth_fuzz::check_printing(*value);
    }
    if (rotated.empty()) return;
    const outcome second = read_answer<Output>(rotated, options);
    if (second.failed != first.failed || second.message != first.message)
        awsauth_fuzz::broken("the outcome depends on a secret's bytes", first.message + "\n" + second.message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::string rotated = input;
    if (rotate_xml_secrets(rotated) == 0) rotated.clear();
    awsauth::parse_options strict;
    strict.reject_unknown_keys = true;
    awsauth::sts::for_each_operation([&](std::string_view, auto, auto response) {
        using Output = typename decltype(response)::type;
        check_answer<Output>(input, rotated, awsauth::parse_options{});
        check_answer<Output>(input, rotated, strict);
    });
    const outcome error_answer = read_error_answer(input);
    check_message(error_answer);
    if (!rotated.empty()) {
        const outcome again = read_error_answer(rotated);
        if (again.failed != error_answer.failed || again.message != error_answer.message)
            awsauth_fuzz::broken("the error answer depends on a secret's bytes",
                                 error_answer.message + "\n" + again.message);
    }
    return 0;
}
