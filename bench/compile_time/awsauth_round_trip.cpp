// What a user translation unit of awsauth costs to compile: read one AssumeRole response and write it back.
// bench/compile_time.py builds this beside nlohmann_round_trip.cpp; with HEADERS_ONLY defined, only the includes.
#include <awsauth/awsauth.hpp>

#include <string>
#include <string_view>

#ifndef HEADERS_ONLY
std::string round_trip(std::string_view text) {
    return awsauth::dump(awsauth::parse<awsauth::sts::AssumeRoleResponse>(text));
}
#endif
