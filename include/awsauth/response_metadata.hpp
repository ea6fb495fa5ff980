// awsauth/response_metadata.hpp: the ResponseMetadata that boto3 adds to every response.
// The generated header lives in awsauth/model/; this name is kept for users. Plain structs only: add
// <awsauth/parse.hpp>, <awsauth/dump.hpp>, <awsauth/json.hpp>, <awsauth/print.hpp> or <awsauth/validate.hpp> for
// what you do with them, or include <awsauth/awsauth.hpp> for everything.
#pragma once

#include <awsauth/model/response_metadata.hpp>
