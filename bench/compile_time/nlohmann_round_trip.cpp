// The baseline for awsauth_round_trip.cpp: the same round trip through nlohmann's DOM.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#ifndef HEADERS_ONLY
std::string round_trip(std::string_view text) {
    return nlohmann::json::parse(text).dump();
}
#endif
