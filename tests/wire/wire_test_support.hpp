// tests/wire/wire_test_support.hpp: what the wire tests share.
#pragma once

#include "catch.hpp"
#include "test_support.hpp"

#include <awsauth/error.hpp>
#include <awsauth/wire.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace awsauth_test {

// The awsauth::error a call throws; fails the test when it throws nothing (anything else escapes to Catch).
template <class Call>
awsauth::error refusal_of(Call&& call) {
    try {
        call();
    } catch (const awsauth::error& refused) {
        return refused;
    }
    FAIL("no awsauth::error was thrown");
    throw std::logic_error("unreachable");
}

using headers_t = std::vector<std::pair<std::string, std::string>>;

// Every tests/data/protocol/<folder>/<prefix>*.json (tools/capture_wire.py's captures), by file stem.
inline std::map<std::string, nlohmann::json> captures(const std::string& folder, const std::string& prefix) {
    std::map<std::string, nlohmann::json> found;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(AWSAUTH_TEST_DATA) / "protocol" / folder)) {
        const std::string stem = entry.path().stem().string();
        if (stem.rfind(prefix, 0) == 0) found.emplace(stem, nlohmann::json::parse(read_file(entry.path())));
    }
    return found;
}

inline headers_t headers_of(const nlohmann::json& capture) {
    headers_t headers;
    for (const auto& [name, value] : capture.at("headers").items())
        headers.emplace_back(name, value.get<std::string>());
    return headers;
}

// A captured exchange as the wire codec's types.
inline awsauth::http_request captured_request(const nlohmann::json& capture) {
    return {capture.at("method").get<std::string>(), capture.at("path").get<std::string>(), headers_of(capture),
            capture.at("body").get<std::string>()};
}

inline awsauth::http_response captured_response(const nlohmann::json& capture) {
    return {capture.at("status").get<int>(), headers_of(capture), capture.at("body").get<std::string>()};
}

}  // namespace awsauth_test
