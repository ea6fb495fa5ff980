// apps/awsauth-creds/refusal.hpp: how awsauth-creds says no: one line on stderr, nothing on stdout, an exit status,
// and never a value from the document in the message.
#pragma once

#include <awsauth/error.hpp>

#include <string>
#include <utility>

namespace awsauth_creds {

constexpr int document_refused = 1;
constexpr int bad_usage = 2;

// Why, where serve answers differently (its 503 codes); most refusals need no more than the message.
enum class refusal_reason { other, unreadable, expired, within_min_validity, not_temporary };

struct refusal {
    int exit_status;
    std::string message;
    refusal_reason reason = refusal_reason::other;
};

[[noreturn]] inline void refuse_usage(std::string message) {
    throw refusal{bad_usage, std::move(message) + " (see --help)"};
}

[[noreturn]] inline void refuse_document(std::string message, refusal_reason reason = refusal_reason::other) {
    throw refusal{document_refused, std::move(message), reason};
}

// A library error in the tool's words: where (already escaped for one line) and what, without the library's
// "awsauth: " prefix, since our lines start with the program's name.
inline std::string library_reason(const awsauth::error& failure) {
    std::string reason(failure.location());
    if (!reason.empty()) reason += ": ";
    return reason.append(failure.problem());
}

}  // namespace awsauth_creds
