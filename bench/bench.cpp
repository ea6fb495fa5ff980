// bench/bench.cpp: awsauth's typed parse/dump and timestamps, each beside its baseline in the same binary and run.
// Benchmark names are group/case/implementation; bench/report.py divides every row by its group's baseline.

#include <awsauth/awsauth.hpp>

#include <benchmark/benchmark.h>
#include <date/date.h>
#include <nlohmann/json.hpp>

#if AWSAUTH_BENCH_RAPIDJSON
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#endif

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string test_data(const std::string& relative_path) {
    return read_file(std::string(AWSAUTH_TEST_DATA) + "/" + relative_path);
}

// What a caller of AssumeRole with many session tags and managed policies sends: the field-heavy case, where
// per-member costs dominate over the long token strings of the captured responses. Built with nlohmann, not with
// awsauth::dump, so the input does not depend on the code under test.
std::string field_heavy_assume_role_request() {
    nlohmann::ordered_json request;
    request["RoleArn"] = "arn:aws:iam::123456789012:role/awsauth-bench";
    request["RoleSessionName"] = "awsauth-bench-session";
    auto& policy_arns = request["PolicyArns"] = nlohmann::ordered_json::array();
    for (int i = 0; i < 10; ++i)
        policy_arns.push_back({{"arn", "arn:aws:iam::123456789012:policy/awsauth-bench-policy-" + std::to_string(i)}});
    // An inline session policy is JSON inside a string: every quote in it is escaped on the way out.
    request["Policy"] =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],)"
        R"("Resource":["arn:aws:s3:::awsauth-bench","arn:aws:s3:::awsauth-bench/*"]}]})";
    request["DurationSeconds"] = 3600;
    auto& tags = request["Tags"] = nlohmann::ordered_json::array();
    for (int i = 0; i < 50; ++i)
        tags.push_back({{"Key", "team-" + std::to_string(i)}, {"Value", "platform-credentials-" + std::to_string(i)}});
    auto& transitive_tag_keys = request["TransitiveTagKeys"] = nlohmann::ordered_json::array();
    for (int i = 0; i < 10; ++i)
        transitive_tag_keys.push_back("team-" + std::to_string(i));
    request["ExternalId"] = "awsauth-bench-external-id";
    request["SourceIdentity"] = "awsauth-bench-user";
    return request.dump();
}

// The lexer floor: nlohmann's parser calling a handler that keeps nothing.
struct empty_sax_handler {
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(nlohmann::json::number_integer_t) { return true; }
    bool number_unsigned(nlohmann::json::number_unsigned_t) { return true; }
    bool number_float(nlohmann::json::number_float_t, const nlohmann::json::string_t&) { return true; }
    bool string(nlohmann::json::string_t&) { return true; }
    bool binary(nlohmann::json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(nlohmann::json::string_t&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception&) { return false; }
};

// bytes_per_second for the console; the plain `bytes` counter lets the report print each payload's size.
void set_bytes(benchmark::State& state, std::size_t bytes_per_iteration) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes_per_iteration));
    state.counters["bytes"] = static_cast<double>(bytes_per_iteration);
}

template <class Function>
void register_benchmark(const std::string& name, Function&& function) {
    benchmark::RegisterBenchmark(name.c_str(), std::forward<Function>(function));
}

// Every row for one payload. T is the struct awsauth reads it into; the DOM rows see the same bytes.
template <class T>
void register_payload(const std::string& name, std::string json) {
    // Fails loudly at startup, not as a fast-looking row, when a payload no longer reads.
    const T value = awsauth::parse<T>(json);
    const nlohmann::json dom = nlohmann::json::parse(json);
    {
        empty_sax_handler handler;
        if (!nlohmann::json::sax_parse(json.begin(), json.end(), &handler))
            throw std::runtime_error(name + ": nlohmann SAX parse failed");
    }
    const std::size_t awsauth_dump_size = awsauth::dump(value).size();
    const std::size_t dom_dump_size = dom.dump().size();

    register_benchmark("parse/" + name + "/awsauth", [json](benchmark::State& state) {
        for (auto _ : state) {
            T parsed = awsauth::parse<T>(json);
            benchmark::DoNotOptimize(parsed);
        }
        set_bytes(state, json.size());
    });
    register_benchmark("parse/" + name + "/nlohmann", [json](benchmark::State& state) {
        for (auto _ : state) {
            nlohmann::json parsed = nlohmann::json::parse(json.begin(), json.end());
            benchmark::DoNotOptimize(parsed);
        }
        set_bytes(state, json.size());
    });
    register_benchmark("parse/" + name + "/nlohmann_sax_empty", [json](benchmark::State& state) {
        for (auto _ : state) {
            empty_sax_handler handler;
            bool accepted = nlohmann::json::sax_parse(json.begin(), json.end(), &handler);
            benchmark::DoNotOptimize(accepted);
        }
        set_bytes(state, json.size());
    });
#if AWSAUTH_BENCH_RAPIDJSON
    {
        rapidjson::Document check;
        if (check.Parse(json.data(), json.size()).HasParseError())
            throw std::runtime_error(name + ": RapidJSON parse failed");
    }
    register_benchmark("parse/" + name + "/rapidjson", [json](benchmark::State& state) {
        for (auto _ : state) {
            rapidjson::Document parsed;
            parsed.Parse(json.data(), json.size());
            benchmark::DoNotOptimize(parsed);
        }
        set_bytes(state, json.size());
    });
#endif

    register_benchmark("dump/" + name + "/awsauth", [value, awsauth_dump_size](benchmark::State& state) {
        for (auto _ : state) {
            std::string text = awsauth::dump(value);
            benchmark::DoNotOptimize(text);
        }
        set_bytes(state, awsauth_dump_size);
    });
    register_benchmark("dump/" + name + "/nlohmann", [dom, dom_dump_size](benchmark::State& state) {
        for (auto _ : state) {
            std::string text = dom.dump();
            benchmark::DoNotOptimize(text);
        }
        set_bytes(state, dom_dump_size);
    });
#if AWSAUTH_BENCH_RAPIDJSON
    register_benchmark("dump/" + name + "/rapidjson", [json](benchmark::State& state) {
        rapidjson::Document document;
        document.Parse(json.data(), json.size());
        std::size_t written = 0;
        for (auto _ : state) {
            rapidjson::StringBuffer buffer;
            rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
            document.Accept(writer);
            std::string text(buffer.GetString(), buffer.GetSize());  // what the other rows hand back
            written = text.size();
            benchmark::DoNotOptimize(text);
        }
        set_bytes(state, written);
    });
#endif
}

// date's stream parse/format the way they are usually called, against ours; `date_format` must read and write
// exactly what awsauth does for `text`, which is checked before anything is timed.
void register_timestamp(const std::string& name, const std::string& text, awsauth::timestamp_format format,
                        const std::string& date_format) {
    const awsauth::timestamp value = awsauth::parse_timestamp(text);
    awsauth::timestamp date_value{};
    {
        std::istringstream in(text);
        in >> date::parse(date_format, date_value);
        if (in.fail() || date_value != value)
            throw std::runtime_error(name + ": date::parse(\"" + date_format + "\") reads another instant");
    }
    const std::string written = awsauth::format_timestamp(value, format);
    if (written != text || date::format(date_format, value) != text)
        throw std::runtime_error(name + ": the formatters do not both write the text back");

    register_benchmark("timestamp_parse/" + name + "/awsauth", [text](benchmark::State& state) {
        for (auto _ : state) {
            awsauth::timestamp parsed = awsauth::parse_timestamp(text);
            benchmark::DoNotOptimize(parsed);
        }
        set_bytes(state, text.size());
    });
    register_benchmark("timestamp_parse/" + name + "/date", [text, date_format](benchmark::State& state) {
        for (auto _ : state) {
            std::istringstream in(text);
            awsauth::timestamp parsed{};
            in >> date::parse(date_format, parsed);
            benchmark::DoNotOptimize(parsed);
        }
        set_bytes(state, text.size());
    });
    register_benchmark("timestamp_format/" + name + "/awsauth", [value, format, written](benchmark::State& state) {
        awsauth::timestamp instant = value;
        for (auto _ : state) {
            benchmark::DoNotOptimize(instant);
            std::string formatted = awsauth::format_timestamp(instant, format);
            benchmark::DoNotOptimize(formatted);
        }
        set_bytes(state, written.size());
    });
    register_benchmark("timestamp_format/" + name + "/date", [value, date_format, written](benchmark::State& state) {
        awsauth::timestamp instant = value;
        for (auto _ : state) {
            benchmark::DoNotOptimize(instant);
            std::string formatted = date::format(date_format, instant);
            benchmark::DoNotOptimize(formatted);
        }
        set_bytes(state, written.size());
    });
}

void register_all() {
    namespace sts = awsauth::sts;
    namespace eks_auth = awsauth::eks_auth;
    register_payload<sts::AssumeRoleResponse>("awscli_assume_role", test_data("awscli-v1/sts-assume-role-full.json"));
    register_payload<sts::AssumeRoleResponse>("boto3_assume_role",
                                              test_data("boto3-isoformat/sts-assume-role-full.json"));
    register_payload<eks_auth::AssumeRoleForPodIdentityResponse>(
        "eks_pod_identity_wire", test_data("wire/eks-auth-assume-role-for-pod-identity-epoch-exponent.json"));
    register_payload<sts::GetCallerIdentityResponse>("awscli_get_caller_identity",
                                                     test_data("awscli-v1/sts-get-caller-identity.json"));
    register_payload<sts::AssumeRoleRequest>("synthetic_assume_role_request_50_tags",
                                             field_heavy_assume_role_request());

    // boto3 / AWS CLI v2 spelling, and the Z spelling of AWS CLI v1; both with Python's six fraction digits.
    register_timestamp("iso8601_offset", "2026-11-23T17:43:29.502857+00:00", awsauth::timestamp_format::iso8601,
                       "%FT%T%Ez");
    register_timestamp("iso8601_z", "2026-11-23T17:43:29.491019Z", awsauth::timestamp_format::iso8601_z, "%FT%TZ");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        register_all();
    } catch (const std::exception& failure) {
        std::cerr << "awsauth_bench: " << failure.what() << "\n";
        return 1;
    }
    // What the figures depend on, carried into the JSON output for bench/report.py.
    benchmark::AddCustomContext("compiler", __VERSION__);
    benchmark::AddCustomContext("awsauth", std::to_string(AWSAUTH_VERSION_MAJOR) + "." +
                                               std::to_string(AWSAUTH_VERSION_MINOR) + "." +
                                               std::to_string(AWSAUTH_VERSION_PATCH));
    benchmark::AddCustomContext("nlohmann_json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                                                     std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                                                     std::to_string(NLOHMANN_JSON_VERSION_PATCH));
#if AWSAUTH_BENCH_RAPIDJSON
    benchmark::AddCustomContext("rapidjson", RAPIDJSON_VERSION_STRING);
#endif
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
