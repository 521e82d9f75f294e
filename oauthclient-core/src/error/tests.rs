//! Every error kind: its outcome, its status, whether it is shown, its remote.

use super::*;
use crate::state::StateError;
use crate::store::StoreError;

fn every_kind() -> Vec<(OAuthError, Outcome)> {
    let remote = || "github".to_string();
    vec![
        (
            OAuthError::ClientError {
                remote: remote(),
                message: "redirect_uri_mismatch".into(),
            },
            Outcome::ServerMisconfigured,
        ),
        (
            OAuthError::Rejected { remote: remote() },
            Outcome::FlashAndRedirect,
        ),
        (
            OAuthError::ProviderError {
                remote: remote(),
                code: "server_error".into(),
                description: Some("down".into()),
            },
            Outcome::FlashAndRedirect,
        ),
        (
            OAuthError::InvalidResponse {
                remote: remote(),
                reason: "HTTP 500".into(),
            },
            Outcome::BadGateway,
        ),
        (
            OAuthError::InvalidState(StateError::Expired),
            Outcome::Forbidden,
        ),
        (OAuthError::UnknownRemote(remote()), Outcome::NotFound),
        (
            OAuthError::AlreadyLinked { remote: remote() },
            Outcome::FlashAndRedirect,
        ),
        (
            OAuthError::LinkOnly { remote: remote() },
            Outcome::BadRequest,
        ),
        (
            OAuthError::LastLoginMethod { remote: remote() },
            Outcome::BadRequest,
        ),
        (
            OAuthError::NotLinked { remote: remote() },
            Outcome::BadRequest,
        ),
        (
            OAuthError::ReconnectRequired { remote: remote() },
            Outcome::FlashAndRedirect,
        ),
        (
            OAuthError::NoSignupInProgress { remote: remote() },
            Outcome::BadRequest,
        ),
        (
            OAuthError::AccountDisabled { remote: remote() },
            Outcome::BadRequest,
        ),
        (
            OAuthError::Store(StoreError::unavailable("connection refused")),
            Outcome::Unavailable,
        ),
        (
            OAuthError::Store(StoreError::conflict("email taken")),
            Outcome::BadRequest,
        ),
        (
            OAuthError::Configuration(ConfigError::new("site_url", "missing")),
            Outcome::ServerMisconfigured,
        ),
        (
            OAuthError::EmailInUse { remote: remote() },
            Outcome::Conflict,
        ),
        (
            OAuthError::SignupClosed { remote: remote() },
            Outcome::Refused,
        ),
        (
            OAuthError::EmailUnconfirmed { remote: remote() },
            Outcome::Refused,
        ),
        (
            OAuthError::Confirmation(ConfirmationError::Expired),
            Outcome::BadRequest,
        ),
        (
            OAuthError::MailUnavailable {
                reason: "connection refused".into(),
            },
            Outcome::Unavailable,
        ),
    ]
    .into_iter()
    .chain(refusals())
    .collect()
}

/// Kinds about what we, or the host, refused (kept apart so each list stays short).
fn refusals() -> Vec<(OAuthError, Outcome)> {
    vec![
        (
            OAuthError::ForeignApiOrigin {
                remote: "github".into(),
                origin: "https://evil.example".into(),
            },
            Outcome::ServerMisconfigured,
        ),
        (
            OAuthError::RefusedByHost {
                remote: "github".into(),
                message: "Not today.".into(),
                message_id: None,
            },
            Outcome::Refused,
        ),
        (
            OAuthError::RedirectedByHost {
                remote: "github".into(),
                url: "/waiting-list".into(),
            },
            Outcome::FlashAndRedirect,
        ),
        (
            OAuthError::LoginOption {
                remote: "github".into(),
                source: LoginOptionError::NotAllowed {
                    option: crate::login_options::LoginOption::Prompt,
                },
            },
            Outcome::BadRequest,
        ),
    ]
}

#[test]
fn the_hosts_refusal_is_shown_in_its_own_words_and_its_redirect_is_not_a_message() {
    let refused = OAuthError::RefusedByHost {
        remote: "github".into(),
        message: "Not today.".into(),
        message_id: None,
    };
    assert_eq!(refused.to_string(), "Not today.");
    assert!(refused.is_user_facing());
    let redirected = OAuthError::RedirectedByHost {
        remote: "github".into(),
        url: "/waiting-list".into(),
    };
    assert!(!redirected.is_user_facing());
}

#[test]
fn every_kind_maps_to_its_outcome() {
    for (err, outcome) in every_kind() {
        assert_eq!(err.outcome(), outcome, "{err:?}");
    }
}

#[test]
fn messages_name_the_problem() {
    let err = OAuthError::ProviderError {
        remote: "orcid".into(),
        code: "server_error".into(),
        description: Some("maintenance".into()),
    };
    assert_eq!(
        err.to_string(),
        "`orcid` reported an error: server_error (maintenance)"
    );
    assert_eq!(
        OAuthError::AlreadyLinked {
            remote: "github".into()
        }
        .to_string(),
        "External service is already linked to another account."
    );
    assert_eq!(
        OAuthError::InvalidState(StateError::Replayed).to_string(),
        "invalid state: the state was already used"
    );
}

#[test]
fn state_reasons_are_not_user_facing() {
    assert!(!OAuthError::InvalidState(StateError::BadSignature).is_user_facing());
    assert!(OAuthError::Rejected { remote: "x".into() }.is_user_facing());
    assert!(
        OAuthError::AlreadyLinked {
            remote: "github".into()
        }
        .is_user_facing()
    );
}

#[test]
fn remote_is_reported_where_known() {
    for (err, _) in every_kind() {
        let expects_remote = !matches!(
            err,
            OAuthError::InvalidState(_)
                | OAuthError::Store(_)
                | OAuthError::Configuration(_)
                | OAuthError::Confirmation(_)
                | OAuthError::MailUnavailable { .. }
        );
        assert_eq!(err.remote().is_some(), expects_remote, "{err:?}");
    }
}

#[test]
fn a_refused_login_option_is_shown_naming_the_option_and_keeps_its_cause() {
    use crate::login_options::LoginOption;
    let err = OAuthError::LoginOption {
        remote: "github".into(),
        source: LoginOptionError::NotAllowed {
            option: LoginOption::MaxAge,
        },
    };
    assert_eq!(
        err.to_string(),
        "This sign-in request was refused: the `max_age` option is not allowed for this sign-in method."
    );
    assert!(err.is_user_facing());
    assert_eq!(err.outcome().http_status(), 400);
    let cause = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(
        cause.as_deref(),
        Some("the `max_age` option is not allowed for this sign-in method")
    );
    let json = serde_json::to_value(&err).expect("json");
    assert_eq!(json["kind"], "login_option");
    assert_eq!(
        serde_json::from_value::<OAuthError>(json).expect("back"),
        err
    );
}
