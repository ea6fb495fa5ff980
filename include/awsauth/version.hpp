// awsauth/version.hpp: the library version, defined here and nowhere else (CMake reads it from this file), and the
// versioned namespace every declaration lives in.
#pragma once

#define AWSAUTH_VERSION_MAJOR 0
#define AWSAUTH_VERSION_MINOR 2
#define AWSAUTH_VERSION_PATCH 0

// Every declaration lives in awsauth::v<major>_<minor>, an inline namespace: users write awsauth::parse, while two
// copies of different versions vendored into one program are different entities instead of an ODR violation. While
// the major version is 0 a minor release may break the API, so the minor version is part of the name. Macros, as fmt
// and nlohmann spell theirs: a namespace name cannot come from a template, and one place keeps every header in step
// with the version above (tests/unit-error.cpp checks the two agree).
#define AWSAUTH_BEGIN_NAMESPACE \
    namespace awsauth {         \
    inline namespace v0_2 {
#define AWSAUTH_END_NAMESPACE \
    }                         \
    }

AWSAUTH_BEGIN_NAMESPACE
inline constexpr int version_major = AWSAUTH_VERSION_MAJOR;
inline constexpr int version_minor = AWSAUTH_VERSION_MINOR;
inline constexpr int version_patch = AWSAUTH_VERSION_PATCH;
AWSAUTH_END_NAMESPACE
