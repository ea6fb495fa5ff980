// awsauth/eks_auth.hpp: every structure shape of the EKS Auth model (2023-11-26) as a plain struct.
// The generated header lives in awsauth/model/; this name is kept for users. Plain structs only: add
// <awsauth/parse.hpp>, <awsauth/dump.hpp>, <awsauth/json.hpp>, <awsauth/print.hpp> or <awsauth/validate.hpp> for
// what you do with them, or include <awsauth/awsauth.hpp> for everything.
#pragma once

#include <awsauth/model/eks_auth.hpp>
