// apps/awsauth-creds/serve.hpp: `awsauth-creds serve`, a container-credentials endpoint on 127.0.0.1 that SDKs
// fetch from (AWS_CONTAINER_CREDENTIALS_FULL_URI), answering with the credentials of a file it re-reads on every
// request. Built where CMake found cpp-httplib (AWSAUTH_CREDS_SERVE); without it, serve says so and exits 1.
#pragma once

#include "command_line.hpp"

namespace awsauth_creds {

// Serves until SIGINT or SIGTERM (then 0); a refusal (exit status 1) where it cannot start.
int serve(const command_line& chosen);

}  // namespace awsauth_creds
