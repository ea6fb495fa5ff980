// awsauth/credential_sources.hpp: the credentials documents no AWS model holds, as plain structs:
// awsauth::container::Credentials (EKS Pod Identity agent, ECS), awsauth::imds::Credentials (EC2 instance metadata),
// awsauth::credential_process::Credentials (a credential_process program's output).
// The generated header lives in awsauth/model/. Plain structs only: add a codec header for what you do with them,
// or include <awsauth/awsauth.hpp> for everything.
#pragma once

#include <awsauth/model/credential_sources.hpp>
