// examples/build_request.cpp: build an STS AssumeRole request in code, check it against the AWS model, write it
// as the JSON that `aws sts assume-role --cli-input-json` and boto3's `**kwargs` take.
#include <awsauth/awsauth.hpp>

#include <iostream>
#include <vector>

namespace {

// validate() returns every broken constraint at once, so a caller can report them all in one go.
void print_violations(const std::vector<awsauth::violation>& violations) {
    for (const auto& found : violations)
        std::cout << "  " << found.path << ": " << found.message << "\n";
}

}  // namespace

int main() {
    // A plain aggregate: set what you need; optional members left empty are left out of the JSON.
    awsauth::sts::AssumeRoleRequest request;
    request.role_arn = "arn:aws:iam::123456789012:role/AuthTestRole";
    request.role_session_name = "build-request-example";
    request.duration_seconds = 3600;
    request.tags = std::vector<awsauth::sts::Tag>{{"team", "platform"}, {"cost-center", "1234"}};

    // The model's constraints (lengths, patterns, DurationSeconds 900 to 43200, at most 50 tags), checked before
    // the request is sent: a mistake shows here, not as an AWS error a round trip later.
    const auto violations = awsauth::validate(request);
    if (!violations.empty()) {
        std::cout << "the request breaks the model's constraints:\n";
        print_violations(violations);
        return 1;
    }
    std::cout << "valid: " << awsauth::dump(request) << "\n";

    // A session shorter than STS allows. A violation names the member by its JSON Pointer ("/DurationSeconds",
    // "/Tags/1/Key") and says which constraint, never the value: a request can hold a secret (TokenCode).
    request.duration_seconds = 60;
    std::cout << "with DurationSeconds = 60:\n";
    print_violations(awsauth::validate(request));
    return 0;
}
