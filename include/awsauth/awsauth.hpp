// awsauth/awsauth.hpp: the one header that brings everything.
// STS, EKS Auth, SSO and the other credentials payloads as plain structs, with JSON adapters and exact timestamps.
#pragma once

#include <awsauth/constraints.hpp>
#include <awsauth/credential_sources.hpp>
#include <awsauth/credentials.hpp>
#include <awsauth/dump.hpp>
#include <awsauth/eks_auth.hpp>
#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/json.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/options.hpp>
#include <awsauth/parse.hpp>
#include <awsauth/print.hpp>
#include <awsauth/response_metadata.hpp>
#include <awsauth/sso.hpp>
#include <awsauth/sts.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/validate.hpp>
#include <awsauth/version.hpp>
