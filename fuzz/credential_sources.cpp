// fuzz/credential_sources.cpp: one input read as each of the four documents that carry credentials to a program
// outside STS and EKS Auth: SSO's GetRoleCredentials answer (its epoch-millisecond long), the container-credentials
// JSON (EKS Pod Identity agent, ECS), IMDS role credentials and credential_process output. check<T> reads each with
// parse (lenient and strict), round-trips what reads through dump, prints it redacted, and holds every error to the
// secret rules; parse_validated must agree with parse followed by validate.
#include "fuzz_support.hpp"

namespace {

template <class T>
void check_validated(std::string_view input) {
    std::optional<T> value;
    if (awsauth_fuzz::read<T>(input, {}, &value).failed) return;
    const auto violations = awsauth::validate(*value);
    try {
        (void)awsauth::parse_validated<T>(input);
        if (!violations.empty()) awsauth_fuzz::broken("parse_validated took what validate refuses", input);
    } catch (const awsauth::error& refused) {
        if (violations.empty()) awsauth_fuzz::broken("parse_validated refused what validate takes", refused.what());
        if (refused.path() != violations.front().path)
            awsauth_fuzz::broken("parse_validated names another member than validate", refused.what());
        if (const auto* leaked = awsauth_fuzz::seeded_secrets().leaked_in(refused.problem()))
            awsauth_fuzz::broken("a violation holds a run of a seeded secret", *leaked);
    }
}

template <class T>
void check_document(std::string_view input) {
    awsauth_fuzz::check<T>(input);
    awsauth::parse_options strict{};
    strict.reject_unknown_keys = true;
    awsauth_fuzz::check<T>(input, strict);
    check_validated<T>(input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check_document<awsauth::sso::GetRoleCredentialsResponse>(input);
    check_document<awsauth::container::Credentials>(input);
    check_document<awsauth::imds::Credentials>(input);
    check_document<awsauth::credential_process::Credentials>(input);
    return 0;
}
