// tests/wire/write_answers.cpp: the STS answers and errors awsauth writes, for botocore to judge
// (tests/wire/botocore_reads_answers.py). Usage: write_answers OUTPUT_DIRECTORY.
//
// One JSON file per answer: {"kind": "answer" | "error", "name", "operation", "status", "headers" (a list of
// [name, value] pairs, as http_response holds them), "body", "expected"}. For an answer, "expected" is awsauth::dump of
// the struct the answer was written from (pretty, ISO 8601 timestamps): awsauth's JSON writer, not the XML one, says
// what botocore must read back. For an error, "expected" is {"Code", "Message", "RequestId"} and "exception" the class
// a boto3 client must raise (the modeled shape's name, or "ClientError").
//
// The answers: every STS output moto answered in tests/data/protocol/responses/ (its `parsed` field read into the
// struct), and, for every operation (the four moto lacks included), three made here from the descriptors: every
// member present with awkward text (every character XML escapes, a carriage return, U+0085, DEL, four-byte UTF-8),
// every member present with plain text and a whole-second timestamp, and no member at all. The errors: every modeled
// STS error shape under its code, and the unmodeled codes STS really sends.
#include <awsauth/awsauth.hpp>
#include <awsauth/json.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sts = awsauth::sts;
namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot open " + path.string());
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary);
    file << text;
    if (!file) throw std::runtime_error("cannot write " + path.string());
}

ordered_json headers_of(const awsauth::http_response& answer) {
    ordered_json headers = ordered_json::array();
    for (const auto& [name, value] : answer.headers)
        headers.push_back({name, value});
    return headers;
}

// Every character the XML writer treats specially, and some it must leave alone, with white space at both ends.
const std::string awkward_text =
    " lead x+x&x=x/x~x*x'x(x)x!x%x\xC3\xA9x\xE6\x97\xA5\xE6\x9C\xAC\n<>\"\r\t]]>&amp;&#13;\x7F\xC2\x85"
    "\xF0\x9F\x98\x80\xEF\xBF\xBD trail ";

// How a made-up output is filled: which text, integer and timestamp every member of each type gets.
struct filling {
    std::string text;
    std::int32_t integer;
    awsauth::timestamp instant;
};

const filling awkward{awkward_text, 2147483647,
                      awsauth::timestamp{date::sys_days{date::year{2026} / 11 / 27}} + std::chrono::hours{12} +
                          std::chrono::minutes{30} + std::chrono::seconds{8} + std::chrono::microseconds{1}};
const filling plain{"plain", 0, awsauth::timestamp{date::sys_days{date::year{2026} / 1 / 2}} + std::chrono::hours{3}};

template <class T>
void fill(T& value, const filling& with) {
    if constexpr (std::is_same_v<T, std::string>) {
        value = with.text;
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        value = with.integer;
    } else if constexpr (std::is_same_v<T, awsauth::timestamp>) {
        value = with.instant;
    } else if constexpr (awsauth::detail::is_optional_v<T>) {
        fill(value.emplace(), with);
    } else if constexpr (awsauth::detail::is_list_v<T>) {
        value.resize(2);
        for (auto& element : value)
            fill(element, with);
    } else if constexpr (awsauth::is_described_v<T>) {
        awsauth::for_each_field<T>([&](const auto& field) {
            using member_type = std::decay_t<decltype(value.*(field.member))>;
            // boto3's ResponseMetadata is set apart; its header map is never on the wire.
            if constexpr (!awsauth::detail::is_response_metadata_member<T, member_type>()) {
                fill(value.*(field.member), with);
            }
        });
    }
}

awsauth::ResponseMetadata metadata_with(std::string request_id) {
    awsauth::ResponseMetadata metadata{};
    metadata.request_id = std::move(request_id);
    return metadata;
}

class answer_writer {
public:
    explicit answer_writer(fs::path folder) : folder_(std::move(folder)) {}

    template <class Output>
    void answer(const std::string& name, const Output& value) {
        const awsauth::http_response answer = awsauth::to_http_response(value);
        ordered_json file;
        file["kind"] = "answer";
        file["name"] = name;
        file["operation"] = std::string(awsauth::detail::operation_description_of<Output>.name);
        file["status"] = answer.status;
        file["headers"] = headers_of(answer);
        file["body"] = answer.body;
        file["expected"] = ordered_json::parse(awsauth::dump(value, {2, awsauth::timestamp_format::iso8601}));
        write(name, file);
    }

    void error(const std::string& name, const awsauth::service_error& failure, const std::string& exception) {
        // awsauth::to_http_error(sts::service, failure) is the front door; it also needs the restJson1 writer, so
        // the query writer is called here directly.
        const awsauth::http_response answer = awsauth::detail::write_query_error(sts::service, failure);
        ordered_json file;
        file["kind"] = "error";
        file["name"] = name;
        // Every error is the answer to a GetCallerIdentity call: it needs no parameters, and botocore maps a code to
        // its exception class for the whole service.
        file["operation"] = "GetCallerIdentity";
        file["status"] = answer.status;
        file["headers"] = headers_of(answer);
        file["body"] = answer.body;
        file["expected"] = {
            {"Code", failure.code()}, {"Message", failure.message()}, {"RequestId", failure.request_id()}};
        file["exception"] = exception;
        write(name, file);
    }

    std::size_t written() const { return written_; }

private:
    void write(const std::string& name, const ordered_json& file) {
        write_file(folder_ / (name + ".json"), file.dump(2) + "\n");
        ++written_;
    }

    fs::path folder_;
    std::size_t written_ = 0;
};

// The answers moto sent, each rewritten from the struct boto3 made of it; returns how many.
std::size_t write_captured_answers(answer_writer& out) {
    std::size_t captured = 0;
    const fs::path folder = fs::path(AWSAUTH_TEST_DATA) / "protocol" / "responses";
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string stem = entry.path().stem().string();
        if (stem.rfind("sts-", 0) != 0) continue;
        const auto capture = nlohmann::json::parse(read_file(entry.path()));
        const std::string operation = capture.at("operation").get<std::string>();
        bool found = false;
        sts::for_each_operation([&](std::string_view name, auto, auto output_tag) {
            if (name != operation) return;
            found = true;
            using output = typename decltype(output_tag)::type;
            out.answer("moto-" + stem, capture.at("parsed").get<output>());
        });
        if (!found) throw std::runtime_error(entry.path().string() + ": no STS operation " + operation);
        ++captured;
    }
    return captured;
}

void write_made_answers(answer_writer& out) {
    sts::for_each_operation([&](std::string_view name, auto, auto output_tag) {
        using output = typename decltype(output_tag)::type;
        const std::string operation(name);
        output full{};
        fill(full, awkward);
        full.response_metadata = metadata_with("req&<>'\"-" + operation);
        out.answer("made-" + operation + "-awkward", full);
        output whole_seconds{};
        fill(whole_seconds, plain);
        whole_seconds.response_metadata = metadata_with("0f3c2a9e-5b1d-4c7e-8a6f-" + operation);
        out.answer("made-" + operation + "-plain", whole_seconds);
        out.answer("made-" + operation + "-empty", output{});
    });
}

// The shape name botocore gives ErrorShape's exception class.
template <class ErrorShape>
std::string shape_name() {
    std::string found;
    sts::for_each_shape([&](std::string_view name, auto tag) {
        if constexpr (std::is_same_v<typename decltype(tag)::type, ErrorShape>) found = std::string(name);
    });
    return found;
}

void write_errors(answer_writer& out) {
    sts::for_each_error([&](std::string_view code, auto tag) {
        using shape = typename decltype(tag)::type;
        const std::string name = shape_name<shape>();
        out.error("error-" + name,
                  awsauth::service_error(std::string(code), "Example message for " + name + " & <friends>.",
                                         "req-" + std::string(code), shape::http_status_code),
                  name);
    });
    // The codes STS sends that its model does not have; the last ones without message or request id, with awkward
    // text, and as a server error.
    const std::vector<std::pair<awsauth::service_error, std::string>> unmodeled{
        {{"ExpiredToken", "The security token included in the request is expired", "req-expired", 400},
         "unmodeled-expired-token"},
        {{"Throttling", "Rate exceeded", "req-throttling", 400}, "unmodeled-throttling"},
        {{"AccessDenied", "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole",
          "req-access-denied", 403},
         "unmodeled-access-denied"},
        {{"ValidationError",
          "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must "
          "have value less than or equal to 43200",
          "req-validation", 400},
         "unmodeled-validation-error"},
        {{"ExpiredToken", "", "", 400}, "unmodeled-expired-token-bare"},
        {{"InvalidClientTokenId", awkward_text, "req&<>'\"", 403}, "unmodeled-awkward-text"},
        {{"InternalFailure", "The request processing has failed because of an unknown error.", "req-internal", 500},
         "unmodeled-internal-failure"},
        {{"ServiceUnavailable", "", "req-unavailable", 503}, "unmodeled-service-unavailable"},
    };
    for (const auto& [failure, name] : unmodeled)
        out.error(name, failure, "ClientError");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: write_answers OUTPUT_DIRECTORY\n";
        return 2;
    }
    try {
        const fs::path folder = argv[1];
        fs::create_directories(folder);
        // The folder is this program's: answers of an earlier run that this one no longer writes must not be judged.
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (entry.path().extension() == ".json") fs::remove(entry.path());
        }
        answer_writer out(folder);
        const std::size_t captured = write_captured_answers(out);
        write_made_answers(out);
        write_errors(out);
        std::cout << "wrote " << out.written() << " answers (" << captured << " of them moto's) to " << folder.string()
                  << "\n";
        return 0;
    } catch (const std::exception& failure) {
        std::cerr << "write_answers: " << failure.what() << "\n";
        return 1;
    }
}
