// awsauth/sso.hpp: every structure shape of the IAM Identity Center portal model (SSO, 2019-06-10) as a plain
// struct; GetRoleCredentials is what an `sso_session` profile calls for its role's credentials.
// The generated header lives in awsauth/model/. Plain structs only: add <awsauth/parse.hpp>, <awsauth/dump.hpp>,
// <awsauth/json.hpp>, <awsauth/print.hpp> or <awsauth/validate.hpp> for what you do with them, or include
// <awsauth/awsauth.hpp> for everything.
#pragma once

#include <awsauth/model/sso.hpp>
