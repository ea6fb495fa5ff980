// apps/awsauth-creds/documents.cpp: which response a document is, from its top-level keys (JSON) or its root
// element (STS's XML answer, built with the wire codec: AWSAUTH_CREDS_WIRE, where CMake found awsauth::wire).
// The library reads the document; this file only picks the type.
#include "documents.hpp"

#include "refusal.hpp"

#include <awsauth/awsauth.hpp>
#if defined(AWSAUTH_CREDS_WIRE)
#include <awsauth/wire.hpp>
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <type_traits>

namespace awsauth_creds {

namespace {

template <class Response>
std::vector<summary_line> role_session(const Response& response) {
    std::vector<summary_line> lines;
    if (response.assumed_role_user) lines.push_back({"for", response.assumed_role_user->arn});
    if (response.source_identity) lines.push_back({"source identity", *response.source_identity});
    return lines;
}

std::vector<summary_line> identity_of(const awsauth::sts::AssumeRoleResponse& response) {
    return role_session(response);
}
std::vector<summary_line> identity_of(const awsauth::sts::AssumeRoleWithSAMLResponse& response) {
    return role_session(response);
}
std::vector<summary_line> identity_of(const awsauth::sts::AssumeRoleWithWebIdentityResponse& response) {
    return role_session(response);
}
std::vector<summary_line> identity_of(const awsauth::sts::AssumeRootResponse& response) {
    if (response.source_identity) return {{"source identity", *response.source_identity}};
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::GetFederationTokenResponse& response) {
    if (response.federated_user) return {{"for", response.federated_user->arn}};
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::GetDelegatedAccessTokenResponse& response) {
    if (response.assumed_principal) return {{"for", *response.assumed_principal}};
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::GetSessionTokenResponse&) {
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sts::Credentials&) {
    return {};
}
std::vector<summary_line> identity_of(const awsauth::eks_auth::AssumeRoleForPodIdentityResponse& response) {
    return {{"for", response.assumed_role_user.arn},
            {"pod identity",
             "service account " + response.subject.service_account + " in namespace " + response.subject.namespace_}};
}
std::vector<summary_line> identity_of(const awsauth::eks_auth::Credentials&) {
    return {};
}

std::vector<summary_line> identity_of(const awsauth::sso::GetRoleCredentialsResponse&) {
    return {};
}
std::vector<summary_line> identity_of(const awsauth::sso::RoleCredentials&) {
    return {};
}

std::vector<summary_line> identity_of(const awsauth::container::Credentials& credentials) {
    if (credentials.role_arn) return {{"for", *credentials.role_arn}};
    return {};
}
std::vector<summary_line> identity_of(const awsauth::imds::Credentials&) {
    return {};
}
std::vector<summary_line> identity_of(const awsauth::credential_process::Credentials&) {
    return {};
}

template <class Payload>
credentials_found credentials_of(const Payload& payload, std::string_view kind, output_format format) {
    credentials_found found{kind, identity_of(payload), {}, {}};
    try {
        found.credentials = awsauth::credentials_of(payload);
    } catch (const awsauth::error& failure) {
        if (failure.kind() == awsauth::error_kind::missing_member && failure.path() == "/Credentials")
            refuse_document("no credentials: Credentials is null");
        refuse_document("invalid " + std::string(kind) + ": " + library_reason(failure));
    }
    if (format == output_format::json) {
        awsauth::dump_options pretty;
        pretty.indent = 2;
        found.normalised_json = awsauth::dump(payload, pretty);
    }
    return found;
}

// STS and EKS Auth documents are read as the AWS CLI and boto3 print them, without the model's constraints (as
// before issue 12); the documents without a model are also validated, since their rules (non-empty keys, Version 1)
// are all that is knowable about them.
template <class Payload>
Payload parsed(std::string_view text) {
    if constexpr (std::is_same_v<Payload, awsauth::container::Credentials> ||
                  std::is_same_v<Payload, awsauth::imds::Credentials> ||
                  std::is_same_v<Payload, awsauth::credential_process::Credentials>)
        return awsauth::parse_validated<Payload>(text);
    else
        return awsauth::parse<Payload>(text);
}

template <class Payload>
credentials_found read_as(std::string_view text, std::string_view kind, output_format format) {
    Payload payload;
    try {
        payload = parsed<Payload>(text);
    } catch (const awsauth::error& failure) {
        refuse_document("invalid " + std::string(kind) + ": " + library_reason(failure));
    }
    return credentials_of(payload, kind, format);
}

using reader = credentials_found (*)(std::string_view, std::string_view, output_format);

struct sts_response {
    std::string_view marker;  // a top-level key no other credentials-bearing STS response has
    std::string_view kind;
    reader read;
};

// The most specific shape the document's keys fit. AssumedRoleUser is also in the SAML and web identity responses,
// SourceIdentity in all the AssumeRole* ones: they come after the keys that tell those apart.
constexpr sts_response sts_responses[] = {
    {"FederatedUser", "STS GetFederationToken response", &read_as<awsauth::sts::GetFederationTokenResponse>},
    {"SubjectFromWebIdentityToken", "STS AssumeRoleWithWebIdentity response",
     &read_as<awsauth::sts::AssumeRoleWithWebIdentityResponse>},
    {"Provider", "STS AssumeRoleWithWebIdentity response", &read_as<awsauth::sts::AssumeRoleWithWebIdentityResponse>},
    {"Issuer", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"SubjectType", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"NameQualifier", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"Subject", "STS AssumeRoleWithSAML response", &read_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"AssumedPrincipal", "STS GetDelegatedAccessToken response",
     &read_as<awsauth::sts::GetDelegatedAccessTokenResponse>},
    {"AssumedRoleUser", "STS AssumeRole response", &read_as<awsauth::sts::AssumeRoleResponse>},
    {"SourceIdentity", "STS AssumeRoot response", &read_as<awsauth::sts::AssumeRootResponse>},
};

// Credentials alone: GetSessionToken, or AssumeRoot without a source identity; the keys cannot tell which.
constexpr sts_response sts_credentials_alone = {"", "STS temporary credentials",
                                                &read_as<awsauth::sts::GetSessionTokenResponse>};

[[noreturn]] void refuse_not_json(std::string_view text) {
    // The library words syntax errors without quoting the text (which may hold half a session token).
    try {
        (void)awsauth::parse<awsauth::sts::Credentials>(text);
    } catch (const awsauth::error& failure) {
        refuse_document(library_reason(failure));
    }
    refuse_document("invalid JSON");
}

// ---------------------------------------------------------------------------------------------------------------
// STS's XML answers, as the service sends them: the root element names the operation.

// What an XML document starts with, after a UTF-8 byte order mark and whitespace; JSON never does.
bool looks_like_xml(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '<';
}

#if defined(AWSAUTH_CREDS_WIRE)

// The local name of the root element, after the byte order mark, whitespace, the XML declaration, processing
// instructions and comments; "" where none can be found. Only the name is looked at here; the library reads the
// document (and refuses a DOCTYPE, which this finds as a root named "!DOCTYPE").
std::string_view xml_root_name(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    for (;;) {
        text.remove_prefix(std::min(text.find_first_not_of(" \t\r\n"), text.size()));
        const bool comment = text.substr(0, 4) == "<!--";
        if (!comment && text.substr(0, 2) != "<?") break;
        const auto end = text.find(comment ? "-->" : "?>");
        if (end == std::string_view::npos) return {};
        text.remove_prefix(end + (comment ? 3 : 2));
    }
    if (text.substr(0, 1) != "<") return {};
    std::string_view name = text.substr(1, text.find_first_of(" \t\r\n/>") - 1);
    if (const auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    return name;
}

// The service's own words, on one line: a control character is shown as \xNN (the library has checked the UTF-8).
std::string one_line(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string line;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            line += "\\x";
            line += hex[byte >> 4];
            line += hex[byte & 0xf];
        } else {
            line += c;
        }
    }
    return line;
}

// The body alone: no status and no headers to put in a ResponseMetadata, so none is kept (the AWS CLI prints none).
template <class Response>
credentials_found read_wire_as(std::string_view text, std::string_view kind, output_format format) {
    Response response;
    try {
        response = awsauth::from_http_response<Response>(awsauth::http_response{200, {}, std::string(text)});
    } catch (const awsauth::error& failure) {
        refuse_document("invalid " + std::string(kind) + ": " + library_reason(failure));
    }
    response.response_metadata.reset();
    return credentials_of(response, kind, format);
}

struct sts_wire_answer {
    std::string_view root;  // {Operation}Response
    std::string_view kind;
    reader read;
};

constexpr sts_wire_answer sts_wire_answers[] = {
    {"AssumeRoleResponse", "STS AssumeRole response", &read_wire_as<awsauth::sts::AssumeRoleResponse>},
    {"AssumeRoleWithSAMLResponse", "STS AssumeRoleWithSAML response",
     &read_wire_as<awsauth::sts::AssumeRoleWithSAMLResponse>},
    {"AssumeRoleWithWebIdentityResponse", "STS AssumeRoleWithWebIdentity response",
     &read_wire_as<awsauth::sts::AssumeRoleWithWebIdentityResponse>},
    {"AssumeRootResponse", "STS AssumeRoot response", &read_wire_as<awsauth::sts::AssumeRootResponse>},
    {"GetSessionTokenResponse", "STS GetSessionToken response", &read_wire_as<awsauth::sts::GetSessionTokenResponse>},
    {"GetFederationTokenResponse", "STS GetFederationToken response",
     &read_wire_as<awsauth::sts::GetFederationTokenResponse>},
    {"GetDelegatedAccessTokenResponse", "STS GetDelegatedAccessToken response",
     &read_wire_as<awsauth::sts::GetDelegatedAccessTokenResponse>},
};

// An error answer: the service's code and message (any non-2xx status reads it; the body has none).
[[noreturn]] void refuse_sts_error(std::string_view text) {
    try {
        (void)awsauth::from_http_response<awsauth::sts::GetSessionTokenResponse>(
            awsauth::http_response{400, {}, std::string(text)});
    } catch (const awsauth::service_error& failure) {
        std::string message = "STS error " + one_line(failure.code());
        if (!failure.message().empty()) message += ": " + one_line(failure.message());
        refuse_document(std::move(message));
    } catch (const awsauth::error& failure) {
        refuse_document("invalid STS error answer: " + library_reason(failure));
    }
    refuse_document("invalid STS error answer");  // unreachable: a 400 is never read as a value
}

credentials_found read_xml_document(std::string_view text, output_format format) {
    const std::string_view root = xml_root_name(text);
    for (const auto& answer : sts_wire_answers)
        if (root == answer.root) return answer.read(text, answer.kind, format);
    if (root == "ErrorResponse") refuse_sts_error(text);
    std::string operation_without_credentials;
    awsauth::sts::for_each_operation([&](std::string_view name, auto, auto) {
        if (root.size() == name.size() + 8 && root.substr(0, name.size()) == name &&
            root.substr(name.size()) == "Response")
            operation_without_credentials = std::string(name);
    });
    if (!operation_without_credentials.empty())
        refuse_document("no credentials: an STS " + operation_without_credentials + " answer carries none");
    // Not an STS answer: the library's words where it is not even XML it reads (a DOCTYPE, a syntax error).
    try {
        (void)awsauth::from_http_response<awsauth::sts::GetSessionTokenResponse>(
            awsauth::http_response{200, {}, std::string(text)});
    } catch (const awsauth::error& failure) {
        if (failure.location().empty()) refuse_document(library_reason(failure));
    }
    refuse_document("no credentials: an XML document that is not an STS answer");
}

#else

[[noreturn]] credentials_found read_xml_document(std::string_view, output_format) {
    refuse_document("an XML document: this awsauth-creds was built without expat, so it reads no STS XML answer");
}

#endif

}  // namespace

credentials_found read_document(std::string_view text, input_type input, output_format format) {
    if (looks_like_xml(text)) {
        if (input != input_type::automatic && input != input_type::sts)
            refuse_document("an XML document: only STS answers in XML, and --input says otherwise");
        return read_xml_document(text, format);
    }
    // Only the top-level keys are looked at here, to pick the type; the library reads the document.
    const nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) refuse_not_json(text);
    if (!document.is_object()) refuse_document("no credentials: the document is not a JSON object");
    const auto has = [&](const char* key) { return document.contains(key); };

    const auto sts_document = [&] {
        if (!has("Credentials")) return read_as<awsauth::sts::Credentials>(text, "STS temporary credentials", format);
        for (const auto& response : sts_responses)
            if (has(response.marker.data())) return response.read(text, response.kind, format);
        return sts_credentials_alone.read(text, sts_credentials_alone.kind, format);
    };
    const auto eks_auth_document = [&] {
        if (!has("credentials")) return read_as<awsauth::eks_auth::Credentials>(text, "EKS Auth credentials", format);
        return read_as<awsauth::eks_auth::AssumeRoleForPodIdentityResponse>(
            text, "EKS Auth AssumeRoleForPodIdentity response", format);
    };
    // SSO's bare RoleCredentials has EKS Auth's keys but epoch milliseconds: only --input sso reads it as such.
    const auto sso_document = [&] {
        if (!has("roleCredentials"))
            return read_as<awsauth::sso::RoleCredentials>(text, "SSO role credentials", format);
        return read_as<awsauth::sso::GetRoleCredentialsResponse>(text, "SSO GetRoleCredentials response", format);
    };
    const auto container_document = [&] {
        return read_as<awsauth::container::Credentials>(text, "container credentials", format);
    };
    const auto imds_document = [&] {
        return read_as<awsauth::imds::Credentials>(text, "IMDS role credentials", format);
    };
    const auto process_document = [&] {
        return read_as<awsauth::credential_process::Credentials>(text, "credential_process output", format);
    };

    switch (input) {
        case input_type::sts:
            return sts_document();
        case input_type::eks_auth:
            return eks_auth_document();
        case input_type::sso:
            return sso_document();
        case input_type::container:
            return container_document();
        case input_type::imds:
            return imds_document();
        case input_type::credential_process:
            return process_document();
        case input_type::automatic:
            break;
    }
    // Told apart by the keys only one of them has: STS's Credentials, EKS Auth's credentials, SSO's roleCredentials,
    // credential_process's
    // Version, IMDS's Code, LastUpdated and Type, the container document's Token (IMDS as moto serves it, the four
    // credential members alone, reads as a container document: the same credentials either way).
    if (has("Credentials") && has("credentials"))
        refuse_document("both Credentials (STS) and credentials (EKS Auth): cannot tell which is meant");
    if (has("roleCredentials")) return sso_document();
    if (has("credentials") || has("accessKeyId")) return eks_auth_document();
    if (has("Credentials")) return sts_document();
    if (has("Version")) return process_document();
    if (has("Code") || has("LastUpdated") || has("Type")) return imds_document();
    if (has("Token")) return container_document();
    if (has("AccessKeyId")) return sts_document();
    // ECS's and the SDKs' container endpoints answer errors with {"code", "message"} (and a non-200 status, which a
    // file does not keep): never credentials.
    if (has("code") && has("message")) refuse_document("no credentials: an error answer (code and message)");
    refuse_document(
        "no credentials: none of Credentials (STS), credentials (EKS Auth), roleCredentials (SSO), Version "
        "(credential_process), Code (IMDS), Token (container) or a bare AccessKeyId at the top level");
}

std::string read_input(const std::optional<std::string>& file) {
    if (!file || *file == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    std::ifstream stream(*file, std::ios::binary);
    if (!stream) refuse_document("cannot open " + *file + ": " + std::strerror(errno), refusal_reason::unreadable);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

}  // namespace awsauth_creds
