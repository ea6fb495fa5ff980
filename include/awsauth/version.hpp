// awsauth/version.hpp: the library version, defined here and nowhere else (CMake reads it from this file).
#pragma once

#define AWSAUTH_VERSION_MAJOR 0
#define AWSAUTH_VERSION_MINOR 1
#define AWSAUTH_VERSION_PATCH 0

namespace awsauth {
inline constexpr int version_major = AWSAUTH_VERSION_MAJOR;
inline constexpr int version_minor = AWSAUTH_VERSION_MINOR;
inline constexpr int version_patch = AWSAUTH_VERSION_PATCH;
}  // namespace awsauth
