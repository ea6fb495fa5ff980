// What a translation unit pays that only builds a request: the STS model's plain structs and nothing else.
// bench/compile_time.py times it beside nlohmann_round_trip.cpp and checks that its include trace has no nlohmann.
#include <awsauth/sts.hpp>

#include <cstddef>
#include <string_view>

std::size_t build_request(std::string_view role_arn) {
    awsauth::sts::AssumeRoleRequest request{};
    request.role_arn = role_arn;
    request.role_session_name = "compile-time";
    request.duration_seconds = 3600;
    return request.role_arn.size() + request.role_session_name.size() +
           static_cast<std::size_t>(request.duration_seconds.value_or(0));
}
