// awsauth/credentials.hpp: one view of credentials, whichever payload carried them (STS, EKS Auth, SSO, the
// container endpoint, IMDS, credential_process), and the tables that say where each payload keeps them.
// Core tier: the model headers fill the tables (credentials_in), this header reads them; no JSON library.
#pragma once

#include <awsauth/error.hpp>
#include <awsauth/fields.hpp>
#include <awsauth/member_types.hpp>
#include <awsauth/version.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

AWSAUTH_BEGIN_NAMESPACE

/// Credentials as a program signs with them: the same five things whatever the source spelled, the expiration as a
/// timestamp whether it came as ISO 8601 with any fraction, epoch seconds or epoch milliseconds.
struct credentials {
    std::string access_key_id{};
    std::string secret_access_key{};
    /// None for long-term keys.
    std::optional<std::string> session_token{};
    /// None for long-term keys, which never expire.
    std::optional<timestamp> expiration{};
    /// From the payload where it names one, else from the ARN of the role or user the credentials belong to.
    std::optional<std::string> account_id{};

    /// Whether these credentials are expired at `now + margin`: a caller refreshes them before they are. Long-term
    /// keys never are.
    bool expires_within(std::chrono::microseconds margin, timestamp now) const noexcept {
        return expiration.has_value() && *expiration <= now + margin;
    }
};

/// The keys of the container-credentials document and credential_process where they agree (SessionToken is
/// credential_process's and STS's spelling), so a view dumps, parses, prints redacted and compares like every
/// generated struct.
template <int = 0>
constexpr auto fields_of(type_tag<credentials>) noexcept {
    return field_list{field{"AccessKeyId", &credentials::access_key_id},
                      field{"SecretAccessKey", &credentials::secret_access_key, visibility::secret},
                      field{"SessionToken", &credentials::session_token, visibility::secret},
                      field{"Expiration", &credentials::expiration}, field{"AccountId", &credentials::account_id}};
}

namespace detail {

/// A part a payload does not have (an SSO answer names no account, STS credentials have no Code).
struct no_part {};

/// An expiration kept as epoch milliseconds (SSO's roleCredentials.expiration, a `long`).
template <class Member>
struct epoch_milliseconds {
    Member member;
};

template <class T>
struct is_epoch_milliseconds : std::false_type {};
template <class Member>
struct is_epoch_milliseconds<epoch_milliseconds<Member>> : std::true_type {};

/// Where the ARN that names the account is: one member, or a member of a nested structure.
template <class Outer, class Inner = no_part>
struct arn_at {
    Outer outer;
    Inner inner;
};

}  // namespace detail

/// Where a payload that holds credentials keeps each part, as member pointers; the generated model headers return
/// one from credentials_in(type_tag<T>) for every such payload. Built as
/// `credential_parts{&T::access_key_id, &T::secret_access_key}.session_token(&T::session_token)...`.
template <class Access, class Secret, class Token = detail::no_part, class Expiration = detail::no_part,
          class Account = detail::no_part, class Code = detail::no_part>
struct credential_parts {
    Access access_key_id_member;
    Secret secret_access_key_member;
    Token session_token_member{};
    Expiration expiration_member{};
    Account account_id_member{};
    Code success_code_member{};

    constexpr credential_parts(Access access, Secret secret, Token token = {}, Expiration expiration = {},
                               Account account = {}, Code code = {}) noexcept
        : access_key_id_member(access),
          secret_access_key_member(secret),
          session_token_member(token),
          expiration_member(expiration),
          account_id_member(account),
          success_code_member(code) {}

    template <class Member>
    constexpr auto session_token(Member member) const noexcept {
        return credential_parts<Access, Secret, Member, Expiration, Account, Code>{
            access_key_id_member, secret_access_key_member, member,
            expiration_member,    account_id_member,        success_code_member};
    }
    /// An expiration kept as a timestamp (however the document spelled it, the reader made it one).
    template <class Member>
    constexpr auto expiration(Member member) const noexcept {
        return credential_parts<Access, Secret, Token, Member, Account, Code>{
            access_key_id_member, secret_access_key_member, session_token_member, member,
            account_id_member,    success_code_member};
    }
    /// An expiration kept as an integer count of milliseconds since the epoch.
    template <class Member>
    constexpr auto expiration_in_epoch_milliseconds(Member member) const noexcept {
        return credential_parts<Access, Secret, Token, detail::epoch_milliseconds<Member>, Account, Code>{
            access_key_id_member, secret_access_key_member,
            session_token_member, detail::epoch_milliseconds<Member>{member},
            account_id_member,    success_code_member};
    }
    template <class Member>
    constexpr auto account_id(Member member) const noexcept {
        return credential_parts<Access, Secret, Token, Expiration, Member, Code>{
            access_key_id_member, secret_access_key_member, session_token_member, expiration_member, member,
            success_code_member};
    }
    /// A status member that must say "Success" (IMDS's Code) for the rest to be credentials.
    template <class Member>
    constexpr auto success_code(Member member) const noexcept {
        return credential_parts<Access, Secret, Token, Expiration, Account, Member>{
            access_key_id_member, secret_access_key_member, session_token_member,
            expiration_member,    account_id_member,        member};
    }
};

template <class Access, class Secret>
credential_parts(Access, Secret) -> credential_parts<Access, Secret>;

/// Where a response keeps the structure that holds its credentials, and the ARN its account comes from: built as
/// `nested_credentials{&T::credentials}.account_from_arn(&T::assumed_role_user, &AssumedRoleUser::arn)`.
template <class Member, class Arn = detail::no_part>
struct nested_credentials {
    Member credentials_member;
    Arn arn{};

    constexpr nested_credentials(Member member, Arn at = {}) noexcept : credentials_member(member), arn(at) {}

    template <class Outer, class Inner = detail::no_part>
    constexpr auto account_from_arn(Outer outer, Inner inner = {}) const noexcept {
        return nested_credentials<Member, detail::arn_at<Outer, Inner>>{credentials_member,
                                                                        detail::arn_at<Outer, Inner>{outer, inner}};
    }
};

template <class Member>
nested_credentials(Member) -> nested_credentials<Member>;

namespace detail {

template <class T, class = void>
struct carries_credentials : std::false_type {};

template <class T>
struct carries_credentials<T, std::void_t<decltype(credentials_in(type_tag<T>{}))>> : std::true_type {};

}  // namespace detail

/// True for every payload awsauth::credentials_of reads: the structures that hold credentials and the responses
/// that carry one.
template <class T>
inline constexpr bool carries_credentials_v = detail::carries_credentials<T>::value;

namespace detail {

// The member's key in T's descriptors, for the path of an error: the table and the descriptors name the same
// member, so the key cannot go stale.
template <class T, class Member>
std::string key_of(Member member) {
    std::string key;
    for_each_field<T>([&](const auto& each) {
        if constexpr (std::is_same_v<std::decay_t<decltype(each.member)>, Member>) {
            if (each.member == member) key = std::string(each.key);
        }
    });
    return key;
}

template <class T>
const T* present(const T& value) noexcept {
    return &value;
}
template <class T>
const T* present(const std::optional<T>& value) noexcept {
    return value ? &*value : nullptr;
}

// The pointer of T's member, relative to T: a nested reader prefixes the member that holds T (read_credentials).
template <class T, class Member>
std::string pointer_to(Member member) {
    return "/" + key_of<T>(member);
}

template <class T, class Member>
const auto& required_part(const T& payload, Member member) {
    const auto* value = present(payload.*member);
    if (value == nullptr)
        throw error(error_kind::missing_member, pointer_to<T>(member), "missing member that credentials need");
    return *value;
}

template <class T, class Member>
std::optional<std::string> optional_text(const T& payload, Member member) {
    if constexpr (std::is_same_v<Member, no_part>) {
        return std::nullopt;
    } else {
        const auto* value = present(payload.*member);
        return value ? std::optional<std::string>(*value) : std::nullopt;
    }
}

template <class T, class Member>
std::optional<timestamp> expiration_of(const T& payload, Member member) {
    if constexpr (std::is_same_v<Member, no_part>) {
        return std::nullopt;
    } else if constexpr (is_epoch_milliseconds<Member>::value) {
        const auto* milliseconds = present(payload.*(member.member));
        if (milliseconds == nullptr) return std::nullopt;
        // Dividing the bounds, not multiplying the value, so that no count overflows.
        if (*milliseconds < earliest_timestamp_microseconds / 1000 ||
            *milliseconds > latest_timestamp_microseconds / 1000) {
            throw error(error_kind::out_of_range, pointer_to<T>(member.member),
                        "epoch milliseconds outside the years 0001 to 9999");
        }
        return timestamp{std::chrono::milliseconds{*milliseconds}};
    } else {
        const auto* value = present(payload.*member);
        return value ? std::optional<timestamp>(*value) : std::nullopt;
    }
}

/// The account of `arn:partition:service:region:account:resource`, where it is twelve digits.
inline std::optional<std::string> account_in_arn(std::string_view arn) {
    std::size_t start = 0;
    for (int colon = 0; colon < 4; ++colon) {
        start = arn.find(':', start);
        if (start == std::string_view::npos) return std::nullopt;
        ++start;
    }
    if (arn.substr(0, 4) != "arn:") return std::nullopt;
    const std::string_view account = arn.substr(start, arn.find(':', start) - start);
    if (account.size() != 12 || account.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    return std::string(account);
}

template <class T, class Outer, class Inner>
std::optional<std::string> account_from(const T& payload, const arn_at<Outer, Inner>& at) {
    const auto* outer = present(payload.*(at.outer));
    if (outer == nullptr) return std::nullopt;
    if constexpr (std::is_same_v<Inner, no_part>) {
        return account_in_arn(*outer);
    } else {
        const auto* arn = present(outer->*(at.inner));
        return arn ? account_in_arn(*arn) : std::nullopt;
    }
}

template <class T, class Access, class Secret, class Token, class Expiration, class Account, class Code>
credentials read_credentials(const T& payload,
                             const credential_parts<Access, Secret, Token, Expiration, Account, Code>& parts) {
    if constexpr (!std::is_same_v<Code, no_part>) {
        const auto* code = present(payload.*(parts.success_code_member));
        if (code != nullptr && *code != "Success") {
            throw error(error_kind::constraint_violated, pointer_to<T>(parts.success_code_member),
                        "the credentials source answered a code other than Success");
        }
    }
    credentials view;
    view.access_key_id = required_part(payload, parts.access_key_id_member);
    view.secret_access_key = required_part(payload, parts.secret_access_key_member);
    view.session_token = optional_text(payload, parts.session_token_member);
    view.expiration = expiration_of(payload, parts.expiration_member);
    view.account_id = optional_text(payload, parts.account_id_member);
    return view;
}

template <class T, class Member, class Arn>
credentials read_credentials(const T& payload, const nested_credentials<Member, Arn>& nested) {
    const auto& holder = required_part(payload, nested.credentials_member);
    using holder_type = std::decay_t<decltype(holder)>;
    credentials view;
    try {
        view = read_credentials(holder, credentials_in(type_tag<holder_type>{}));
    } catch (const error& failure) {
        // The holder's errors are placed relative to it; the path is spelled out only when there is an error.
        throw error(failure.kind(), pointer_to<T>(nested.credentials_member) + std::string(failure.path()),
                    std::string(failure.problem()));
    }
    if constexpr (!std::is_same_v<Arn, no_part>) {
        if (!view.account_id) view.account_id = account_from(payload, nested.arn);
    }
    return view;
}

}  // namespace detail

/// The credentials a payload carries: any STS response with credentials and sts::Credentials, EKS Auth's
/// AssumeRoleForPodIdentityResponse and Credentials, SSO's GetRoleCredentialsResponse and RoleCredentials, and the
/// documents of <awsauth/credential_sources.hpp>. Throws awsauth::error, at the JSON Pointer of the payload's
/// member, where a part the view needs is missing (missing_member), IMDS answered a Code other than Success
/// (constraint_violated) or an expiration is out of range (out_of_range); never with a value in the message.
template <class Payload>
credentials credentials_of(const Payload& payload) {
    static_assert(carries_credentials_v<Payload>,
                  "awsauth::credentials_of: this type carries no credentials (no credentials_in for it)");
    return detail::read_credentials(payload, credentials_in(type_tag<Payload>{}));
}

AWSAUTH_END_NAMESPACE
