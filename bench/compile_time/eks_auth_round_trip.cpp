// awsauth_round_trip.cpp for EKS Auth alone: read one AssumeRoleForPodIdentity response and write it back.
// bench/compile_time.py times it beside nlohmann_round_trip.cpp and checks that its include trace has no STS
// header (a TU that names only EKS Auth should not compile the STS model); with HEADERS_ONLY, only the includes.
#include <awsauth/dump.hpp>
#include <awsauth/eks_auth.hpp>
#include <awsauth/parse.hpp>

#include <string>
#include <string_view>

#ifndef HEADERS_ONLY
std::string round_trip(std::string_view text) {
    return awsauth::dump(awsauth::parse<awsauth::eks_auth::AssumeRoleForPodIdentityResponse>(text));
}
#endif
