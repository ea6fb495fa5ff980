// fuzz/timestamp.cpp: one input read as timestamp text, alone and as a JSON member (string and number).
#include "fuzz_support.hpp"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    awsauth::timestamp read{};
    const std::string_view problem = awsauth::detail::read_timestamp(text, read);
    try {
        const auto parsed = awsauth::parse_timestamp(text);
        if (!problem.empty() || parsed != read)
            awsauth_fuzz::broken("parse_timestamp and read_timestamp disagree", text);
        for (const auto format : {awsauth::timestamp_format::iso8601, awsauth::timestamp_format::iso8601_z}) {
            const auto written = awsauth::format_timestamp(parsed, format);
            if (awsauth::parse_timestamp(written) != parsed)
                awsauth_fuzz::broken("a written timestamp reads back as another", written);
        }
    } catch (const awsauth::error& e) {
        if (problem.empty() || std::string(e.what()) != "awsauth: invalid timestamp: " + std::string(problem))
            awsauth_fuzz::broken("parse_timestamp's error is not read_timestamp's reason", e.what());
    }
    // The same text as the Expiration string (where it is UTF-8, as JSON requires) and as a bare JSON value.
    if (awsauth::detail::is_valid_utf8(text)) {
        awsauth_fuzz::check<awsauth::sts::GetWebIdentityTokenResponse>(R"({"Expiration":)" +
                                                                       nlohmann::json(std::string(text)).dump() + "}");
    }
    awsauth_fuzz::check<awsauth::sts::GetWebIdentityTokenResponse>(R"({"Expiration":)" + std::string(text) + "}");
    return 0;
}
