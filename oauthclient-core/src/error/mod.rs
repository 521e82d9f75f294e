//! The error taxonomy: one [`OAuthError`] for every way a flow can end badly.
//!
//! Each kind maps to exactly one user-facing outcome ([`OAuthError::outcome`]), so a web layer
//! never has to guess and never answers with a bare 500. Messages name the remote app and the
//! reason, never a token, code or secret.
//!
//! The layers below have errors of their own, which know nothing of flows or remote apps:
//! [`ConfigError`] (a configuration key), [`StoreError`] (storage), [`StateError`] (a `state`
//! token), [`ConfirmationError`] (a confirmation link), [`LoginOptionError`] (a per-login
//! option). `OAuthError` sits above them and wraps
//! each one whole (`?` converts), so the cause is kept and its kind still picks the outcome.
//! Failing to start is not a flow's end: [`BuildError`] says why the parts of a client could
//! not be put together, with no remote app to name.
//!
//! ```
//! use oauthclient_core::error::{OAuthError, Outcome};
//!
//! let err = OAuthError::Rejected { remote: "github".into() };
//! assert_eq!(err.outcome(), Outcome::FlashAndRedirect);
//! assert_eq!(err.to_string(), "You rejected the authentication request.");
//! ```

mod build;
mod catalog;
mod code;
mod message;

pub use build::BuildError;
pub use catalog::CatalogError;
pub(crate) use message::conflict_message;

use crate::config::ConfigError;
use crate::email::ConfirmationError;
use crate::login_options::LoginOptionError;
use crate::message::Message;
use crate::state::StateError;
use crate::store::StoreError;

/// Everything that can go wrong in an OAuth flow, account linking or token use.
///
/// Serialised with a `kind` tag, so a failed flow can be kept in a session:
///
/// ```
/// use oauthclient_core::OAuthError;
///
/// let err = OAuthError::Rejected { remote: "github".into() };
/// let json = serde_json::to_value(&err)?;
/// assert_eq!(json["kind"], "rejected");
/// assert_eq!(serde_json::from_value::<OAuthError>(json)?, err);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
pub enum OAuthError {
    /// We built a bad request or hold a bad configuration for this remote (the seed's
    /// `OAuthClientError`), e.g. the provider answered `invalid_client` or
    /// `redirect_uri_mismatch`.
    #[error("the client for `{remote}` is misconfigured: {message}")]
    ClientError {
        /// Remote app name.
        remote: String,
        /// What is wrong, without secrets.
        message: String,
    },
    /// The user refused the authorization request (`error=access_denied`); the seed's
    /// `OAuthRejectedRequestError`.
    #[error("You rejected the authentication request.")]
    Rejected {
        /// Remote app name.
        remote: String,
    },
    /// The provider redirected back with an `error=` other than `access_denied`.
    #[error("`{remote}` reported an error: {code}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    ProviderError {
        /// Remote app name.
        remote: String,
        /// The RFC 6749 error code, e.g. `temporarily_unavailable`.
        code: String,
        /// The provider's `error_description`, if any.
        description: Option<String>,
    },
    /// A token endpoint or API answered with something unusable: non-2xx, not JSON, missing
    /// fields, too large, or too slow (the seed's `OAuthResponseError`).
    #[error("`{remote}` gave an invalid response: {reason}")]
    InvalidResponse {
        /// Remote app name.
        remote: String,
        /// What was wrong with the response.
        reason: String,
    },
    /// The `state` parameter failed verification.
    #[error("invalid state: {0}")]
    InvalidState(#[from] StateError),
    /// No remote app of that name is configured (or it is hidden).
    #[error("unknown remote application `{0}`")]
    UnknownRemote(String),
    /// The external account is already linked to another local user.
    #[error("External service is already linked to another account.")]
    AlreadyLinked {
        /// Remote app name.
        remote: String,
    },
    /// The remote app may only be linked to a signed-in user, not used to sign in.
    #[error("{remote} can only be linked to an existing account. Please sign in first.")]
    LinkOnly {
        /// Remote app name.
        remote: String,
    },
    /// The local user the remote account belongs to is deactivated and may not sign in.
    #[error("This account is disabled.")]
    AccountDisabled {
        /// Remote app name.
        remote: String,
    },
    /// The user has no linked account (or no stored token) for this remote app.
    #[error("No {remote} account is linked.")]
    NotLinked {
        /// Remote app name.
        remote: String,
    },
    /// The stored token expired and cannot be refreshed (the provider refused the refresh
    /// token with `invalid_grant`, or there is none): the user must sign in with the remote
    /// again. The dead token is deleted; the linked accounts page offers "Reconnect".
    #[error("Your {remote} account needs to be reconnected.")]
    ReconnectRequired {
        /// Remote app name.
        remote: String,
    },
    /// The sign-up step was requested, but this session has no sign-up in progress for the
    /// app (expired session, bookmarked page, another tab finished it).
    #[error("No sign-up is in progress for {remote}. Please sign in again.")]
    NoSignupInProgress {
        /// Remote app name.
        remote: String,
    },
    /// Unlinking would leave the user with no way to sign in.
    #[error("{remote} is your only way to sign in. Set a password or link another account first.")]
    LastLoginMethod {
        /// Remote app name.
        remote: String,
    },
    /// Signing in through the remote account would link it to a local account whose
    /// address it did not prove it owns (the provider did not verify it, or the app does not
    /// trust the provider's e-mails). Nothing was written: the user signs in to the existing
    /// account first, then connects the remote account from Linked accounts.
    #[error(
        "An account with this e-mail address already exists. Sign in to it first, then connect {remote} from Linked accounts."
    )]
    EmailInUse {
        /// Remote app name.
        remote: String,
    },
    /// Sign-up is closed (globally or for this app): no new account was created.
    #[error(
        "Sign-up is closed: no new accounts can be created. If you already have an account, sign in to it."
    )]
    SignupClosed {
        /// Remote app name (empty for a local sign-up).
        remote: String,
    },
    /// The host's policy refused this sign-in ([`crate::host_policy::PreSignIn::Refuse`]);
    /// its message is shown as it is.
    #[error("{message}")]
    RefusedByHost {
        /// Remote app name.
        remote: String,
        /// The host's words (shown as they are when there is no `message_id`).
        message: String,
        /// The host's catalog message ([`crate::host_policy::PreSignIn::refuse_message`]),
        /// shown in the reader's language instead of `message`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message_id: Option<Message>,
    },
    /// The host's policy sent the browser elsewhere ([`crate::host_policy::PreSignIn::Redirect`]):
    /// the flow ends there, nothing written. The web layer redirects (to a safe URL only).
    #[error("the host application redirected this sign-in")]
    RedirectedByHost {
        /// Remote app name.
        remote: String,
        /// Where to.
        url: String,
    },
    /// E-mail verification is mandatory and the user's address is not confirmed yet.
    #[error(
        "Please confirm your e-mail address first: follow the link we sent you, or ask for a new one."
    )]
    EmailUnconfirmed {
        /// Remote app name (empty for a local sign-in).
        remote: String,
    },
    /// A confirmation link was refused.
    #[error(transparent)]
    Confirmation(#[from] ConfirmationError),
    /// The confirmation mail could not be sent (mail server down or refusing).
    #[error("The confirmation e-mail could not be sent right now. Please try again later.")]
    MailUnavailable {
        /// What failed, for the log.
        reason: String,
    },
    /// An API request with the user's credentials named a URL outside the origin (scheme,
    /// host, port) of the app's `base_url`, or the app has no `base_url`: refused, nothing
    /// sent, so a URL from elsewhere cannot carry the user's token to another server.
    #[error(
        "refused to send `{remote}` credentials to {origin}: API requests stay on the origin of the app's base_url"
    )]
    ForeignApiOrigin {
        /// Remote app name.
        remote: String,
        /// The refused URL's origin (no path, query or userinfo).
        origin: String,
    },
    /// A per-login option (`prompt`, `login_hint`, `max_age`, `acr_values`, `scope`) the app
    /// does not allow, repeated, or with an invalid value; also at the callback, when the
    /// app's allow-list no longer allows what the flow's state carries. Nothing was started
    /// (or, at the callback, nothing exchanged).
    #[error("This sign-in request was refused: {source}.")]
    LoginOption {
        /// Remote app name.
        remote: String,
        /// Which option, and why.
        #[source]
        source: LoginOptionError,
    },
    /// The store failed (database down, constraint, undecryptable value).
    #[error("storage error: {0}")]
    Store(#[source] StoreError),
    /// The configuration is invalid.
    #[error(transparent)]
    Configuration(#[from] ConfigError),
}

/// What a web layer does with an error. One variant per user-visible behaviour.
///
/// ```
/// use oauthclient_core::error::{OAuthError, Outcome};
/// use oauthclient_core::state::StateError;
///
/// // A forged or replayed state gets a plain 403, never a flash message.
/// let outcome = OAuthError::InvalidState(StateError::Replayed).outcome();
/// assert_eq!(outcome, Outcome::Forbidden);
/// assert_eq!(outcome.http_status(), 403);
/// ```
///
/// Not `#[non_exhaustive]` on purpose: a front end answers every outcome, and a new one must be
/// a compile error there, not a run-time catch-all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 400 Bad Request with the message shown.
    BadRequest,
    /// 403 Forbidden; the reason is logged, not shown.
    Forbidden,
    /// 403 Forbidden with the message shown: a policy refused (sign-up closed, address not
    /// confirmed).
    Refused,
    /// 409 Conflict with the message shown: an account already holds what the user brought
    /// (sign in to it first).
    Conflict,
    /// 404 Not Found.
    NotFound,
    /// Flash the message and redirect (to `next` or the settings page).
    FlashAndRedirect,
    /// 500 with a generic page: our own configuration is wrong; the operator must act.
    ServerMisconfigured,
    /// 502 Bad Gateway: the provider misbehaved.
    BadGateway,
    /// 503 Service Unavailable: a dependency (database, session store) is down; retry later.
    Unavailable,
}

impl Outcome {
    /// The HTTP status code for this outcome (redirects use 302).
    pub fn http_status(self) -> u16 {
        match self {
            Outcome::BadRequest => 400,
            Outcome::Forbidden | Outcome::Refused => 403,
            Outcome::Conflict => 409,
            Outcome::NotFound => 404,
            Outcome::FlashAndRedirect => 302,
            Outcome::ServerMisconfigured => 500,
            Outcome::BadGateway => 502,
            Outcome::Unavailable => 503,
        }
    }
}

impl OAuthError {
    /// The one user-facing behaviour this error maps to.
    pub fn outcome(&self) -> Outcome {
        match self {
            OAuthError::InvalidState(_) => Outcome::Forbidden,
            OAuthError::Rejected { .. }
            | OAuthError::ProviderError { .. }
            | OAuthError::AlreadyLinked { .. }
            | OAuthError::ReconnectRequired { .. }
            | OAuthError::RedirectedByHost { .. } => Outcome::FlashAndRedirect,
            OAuthError::InvalidResponse { .. } => Outcome::BadGateway,
            OAuthError::LinkOnly { .. }
            | OAuthError::LastLoginMethod { .. }
            | OAuthError::NotLinked { .. }
            | OAuthError::NoSignupInProgress { .. }
            | OAuthError::AccountDisabled { .. }
            | OAuthError::LoginOption { .. }
            | OAuthError::Confirmation(_) => Outcome::BadRequest,
            OAuthError::SignupClosed { .. }
            | OAuthError::EmailUnconfirmed { .. }
            | OAuthError::RefusedByHost { .. } => Outcome::Refused,
            OAuthError::EmailInUse { .. } => Outcome::Conflict,
            OAuthError::UnknownRemote(_) => Outcome::NotFound,
            OAuthError::Store(err) if err.is_conflict() => Outcome::BadRequest,
            OAuthError::Store(_) | OAuthError::MailUnavailable { .. } => Outcome::Unavailable,
            OAuthError::ClientError { .. }
            | OAuthError::ForeignApiOrigin { .. }
            | OAuthError::Configuration(_) => Outcome::ServerMisconfigured,
        }
    }

    /// The remote app this error concerns, when it concerns one.
    pub fn remote(&self) -> Option<&str> {
        match self {
            OAuthError::ClientError { remote, .. }
            | OAuthError::ForeignApiOrigin { remote, .. }
            | OAuthError::Rejected { remote }
            | OAuthError::ProviderError { remote, .. }
            | OAuthError::InvalidResponse { remote, .. }
            | OAuthError::AlreadyLinked { remote }
            | OAuthError::LinkOnly { remote }
            | OAuthError::NotLinked { remote }
            | OAuthError::ReconnectRequired { remote }
            | OAuthError::NoSignupInProgress { remote }
            | OAuthError::AccountDisabled { remote }
            | OAuthError::LastLoginMethod { remote }
            | OAuthError::EmailInUse { remote }
            | OAuthError::RefusedByHost { remote, .. }
            | OAuthError::RedirectedByHost { remote, .. }
            | OAuthError::LoginOption { remote, .. }
            | OAuthError::UnknownRemote(remote) => Some(remote),
            OAuthError::SignupClosed { remote } | OAuthError::EmailUnconfirmed { remote } => {
                (!remote.is_empty()).then_some(remote.as_str())
            }
            OAuthError::InvalidState(_)
            | OAuthError::Store(_)
            | OAuthError::Configuration(_)
            | OAuthError::Confirmation(_)
            | OAuthError::MailUnavailable { .. } => None,
        }
    }

    /// Whether the message is safe and useful to show to the end user as is.
    /// State failures are not: their reason goes to the log only.
    pub fn is_user_facing(&self) -> bool {
        matches!(
            self,
            OAuthError::Rejected { .. }
                | OAuthError::ProviderError { .. }
                | OAuthError::AlreadyLinked { .. }
                | OAuthError::LinkOnly { .. }
                | OAuthError::NotLinked { .. }
                | OAuthError::ReconnectRequired { .. }
                | OAuthError::NoSignupInProgress { .. }
                | OAuthError::AccountDisabled { .. }
                | OAuthError::LastLoginMethod { .. }
                | OAuthError::EmailInUse { .. }
                | OAuthError::SignupClosed { .. }
                | OAuthError::EmailUnconfirmed { .. }
                | OAuthError::RefusedByHost { .. }
                | OAuthError::LoginOption { .. }
                | OAuthError::Confirmation(_)
                | OAuthError::MailUnavailable { .. }
                | OAuthError::UnknownRemote(_)
        )
    }
}

#[cfg(test)]
mod tests;

/// A store's "linked already" is the flow's [`OAuthError::AlreadyLinked`] (a flash message
/// naming the app); every other store failure stays a [`OAuthError::Store`].
impl From<StoreError> for OAuthError {
    fn from(err: StoreError) -> Self {
        if err.kind() == crate::store::StoreErrorKind::AlreadyLinked {
            OAuthError::AlreadyLinked {
                remote: err.message().to_owned(),
            }
        } else {
            OAuthError::Store(err)
        }
    }
}
