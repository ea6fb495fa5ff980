// apps/awsauth-creds/main.cpp: awsauth-creds, which turns any STS or EKS Auth credentials response into shell
// exports, a credential_process answer, a shared-credentials profile, a summary or normalised JSON
// (docs/awsauth-creds.md), or serves them to SDKs (`awsauth-creds serve`). command_line reads argv, documents
// reads the document, outputs writes it, serve answers requests with it.
#include "command_line.hpp"
#include "documents.hpp"
#include "outputs.hpp"
#include "refusal.hpp"
#include "serve.hpp"

#include <awsauth/error.hpp>
#include <awsauth/timestamp.hpp>
#include <awsauth/version.hpp>

#include <chrono>
#include <exception>
#include <iostream>

namespace awsauth_creds {
namespace {

int run(int argc, char** argv) {
    const command_line chosen = read_command_line(argc, argv);
    if (chosen.help) {
        std::cout << help_text;
        return 0;
    }
    if (chosen.version) {
        std::cout << "awsauth-creds " << awsauth::version_major << "." << awsauth::version_minor << "."
                  << awsauth::version_patch << "\n";
        return 0;
    }
    if (chosen.serve) return serve(chosen);
    const awsauth::timestamp now =
        chosen.now.value_or(date::floor<std::chrono::microseconds>(std::chrono::system_clock::now()));
    const credentials_found found = read_document(read_input(chosen.file), chosen.input, chosen.format);
    refuse_control_characters(found.credentials);
    refuse_expired(found.credentials, chosen.min_validity, chosen.min_validity_text, now);
    // Everything is checked before the first byte goes out: a refusal leaves stdout empty.
    std::cout << output_text(found, chosen, now) << std::flush;
    if (!std::cout) {
        std::cerr << "awsauth-creds: cannot write to standard output\n";
        return document_refused;
    }
    return 0;
}

}  // namespace
}  // namespace awsauth_creds

int main(int argc, char** argv) {
    try {
        return awsauth_creds::run(argc, argv);
    } catch (const awsauth_creds::refusal& refused) {
        std::cerr << "awsauth-creds: " << refused.message << "\n";
        return refused.exit_status;
    } catch (const awsauth::error& failure) {
        std::cerr << "awsauth-creds: " << awsauth_creds::library_reason(failure) << "\n";
        return awsauth_creds::document_refused;
    } catch (const std::exception&) {
        // Not what(): a third-party message might quote the input.
        std::cerr << "awsauth-creds: internal error\n";
        return awsauth_creds::document_refused;
    }
}
