//! [`OAuthError::code`]: the stable machine name of each error, for JSON clients.
//!
//! Messages are for people and may be reworded; a single-page app branches on the code. The
//! codes are part of the public contract (listed in docs/openapi.yaml): a code is never
//! renamed or reused for another meaning, and a new error kind brings a new code.

use super::OAuthError;
use crate::email::ConfirmationError;
use crate::login_options::LoginOptionError;
use crate::state::StateError;

impl OAuthError {
    /// The stable machine code of this error (`snake_case`), sent beside the message in JSON
    /// error bodies.
    ///
    /// ```
    /// use oauthclient_core::OAuthError;
    /// use oauthclient_core::state::StateError;
    ///
    /// assert_eq!(OAuthError::Rejected { remote: "github".into() }.code(), "access_denied");
    /// assert_eq!(OAuthError::InvalidState(StateError::Replayed).code(), "invalid_state");
    /// assert_eq!(OAuthError::InvalidState(StateError::CsrfMismatch).code(), "csrf_failed");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            OAuthError::ClientError { .. } => "client_misconfigured",
            OAuthError::Rejected { .. } => "access_denied",
            OAuthError::ProviderError { .. } => "provider_error",
            OAuthError::InvalidResponse { .. } => "provider_invalid_response",
            OAuthError::InvalidState(reason) => state_code(reason),
            OAuthError::UnknownRemote(_) => "unknown_app",
            OAuthError::AlreadyLinked { .. } => "already_linked",
            OAuthError::LinkOnly { .. } => "link_only",
            OAuthError::AccountDisabled { .. } => "account_disabled",
            OAuthError::NotLinked { .. } => "not_linked",
            OAuthError::ReconnectRequired { .. } => "reconnect_required",
            OAuthError::NoSignupInProgress { .. } => "no_signup_in_progress",
            OAuthError::LastLoginMethod { .. } => "last_login_method",
            OAuthError::EmailInUse { .. } => "email_in_use",
            OAuthError::SignupClosed { .. } => "signup_closed",
            OAuthError::RefusedByHost { .. } => "refused_by_host",
            OAuthError::RedirectedByHost { .. } => "redirected_by_host",
            OAuthError::EmailUnconfirmed { .. } => "email_unconfirmed",
            OAuthError::Confirmation(reason) => confirmation_code(*reason),
            OAuthError::MailUnavailable { .. } => "mail_unavailable",
            OAuthError::ForeignApiOrigin { .. } => "foreign_api_origin",
            OAuthError::LoginOption { source, .. } => login_option_code(source),
            OAuthError::Store(err) if err.is_conflict() => "conflict",
            OAuthError::Store(_) => "store_unavailable",
            OAuthError::Configuration(_) => "misconfigured",
        }
    }
}

/// A refused `state` is one code (its reason stays in the log, never shown: telling a forger
/// which check failed helps them), except the checks a single-page app gets wrong by mistake
/// and must be able to tell apart: its CSRF header, its origin.
fn state_code(reason: &StateError) -> &'static str {
    match reason {
        StateError::CsrfMismatch => "csrf_failed",
        StateError::OriginNotAllowed => "origin_not_allowed",
        _ => "invalid_state",
    }
}

/// An option the app does not allow is told apart from a value no app could take: the first
/// is a site's policy, the second the caller's mistake.
fn login_option_code(reason: &LoginOptionError) -> &'static str {
    match reason {
        LoginOptionError::NotAllowed { .. } | LoginOptionError::ScopeNotAllowed { .. } => {
            "login_option_not_allowed"
        }
        LoginOptionError::Invalid { .. } | LoginOptionError::Repeated { .. } => {
            "login_option_invalid"
        }
    }
}

/// Each confirmation failure is shown to the user as is, so each has its own code.
fn confirmation_code(reason: ConfirmationError) -> &'static str {
    match reason {
        ConfirmationError::Invalid => "confirmation_invalid",
        ConfirmationError::Expired => "confirmation_expired",
        ConfirmationError::AlreadyUsed => "confirmation_used",
        ConfirmationError::OtherAddress => "confirmation_other_address",
        ConfirmationError::NotHolder => "confirmation_not_holder",
        ConfirmationError::HeldByAnother => "confirmation_held_by_another",
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::login_options::LoginOption;

    /// One value of every kind: a new kind must be added here (and gets its own code).
    pub(in crate::error) fn one_of_each() -> Vec<OAuthError> {
        let remote = || "github".to_owned();
        let mut errors = vec![
            OAuthError::ClientError {
                remote: remote(),
                message: "m".into(),
            },
            OAuthError::Rejected { remote: remote() },
            OAuthError::ProviderError {
                remote: remote(),
                code: "server_error".into(),
                description: None,
            },
            OAuthError::InvalidResponse {
                remote: remote(),
                reason: "r".into(),
            },
            OAuthError::InvalidState(StateError::Expired),
            OAuthError::InvalidState(StateError::CsrfMismatch),
            OAuthError::InvalidState(StateError::OriginNotAllowed),
            OAuthError::UnknownRemote(remote()),
            OAuthError::AlreadyLinked { remote: remote() },
            OAuthError::LinkOnly { remote: remote() },
            OAuthError::AccountDisabled { remote: remote() },
            OAuthError::NotLinked { remote: remote() },
            OAuthError::ReconnectRequired { remote: remote() },
            OAuthError::NoSignupInProgress { remote: remote() },
            OAuthError::LastLoginMethod { remote: remote() },
            OAuthError::EmailInUse { remote: remote() },
            OAuthError::SignupClosed { remote: remote() },
            OAuthError::RefusedByHost {
                remote: remote(),
                message: "m".into(),
                message_id: None,
            },
            OAuthError::RedirectedByHost {
                remote: remote(),
                url: "/".into(),
            },
            OAuthError::EmailUnconfirmed { remote: remote() },
            OAuthError::MailUnavailable { reason: "r".into() },
            OAuthError::ForeignApiOrigin {
                remote: remote(),
                origin: "https://elsewhere.example".into(),
            },
            OAuthError::LoginOption {
                remote: remote(),
                source: LoginOptionError::NotAllowed {
                    option: LoginOption::Prompt,
                },
            },
            OAuthError::LoginOption {
                remote: remote(),
                source: LoginOptionError::Repeated {
                    option: LoginOption::Prompt,
                },
            },
            OAuthError::Store(crate::store::StoreError::unavailable("down")),
            OAuthError::Store(crate::store::StoreError::conflict("taken")),
            OAuthError::Configuration(crate::config::ConfigError::new("k", "m")),
        ];
        errors.extend(
            [
                ConfirmationError::Invalid,
                ConfirmationError::Expired,
                ConfirmationError::AlreadyUsed,
                ConfirmationError::OtherAddress,
                ConfirmationError::NotHolder,
                ConfirmationError::HeldByAnother,
            ]
            .map(OAuthError::Confirmation),
        );
        errors
    }

    #[test]
    fn every_kind_has_its_own_snake_case_code() {
        // Kinds whose variants share a code on purpose appear once each in `one_of_each`.
        let errors = one_of_each();
        let mut codes: Vec<&str> = errors.iter().map(OAuthError::code).collect();
        for code in &codes {
            assert!(
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code} is not snake_case"
            );
        }
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), before, "two kinds share a code");
    }

    #[test]
    fn a_state_reason_is_not_told_apart_except_csrf_and_origin() {
        for reason in [
            StateError::Missing,
            StateError::BadSignature,
            StateError::Replayed,
            StateError::WrongApp,
        ] {
            assert_eq!(OAuthError::InvalidState(reason).code(), "invalid_state");
        }
    }
}
