//! The audit log: one structured `tracing` event per security-relevant step, under the
//! target `oauthclient::audit`, with the app and the user id — never a token, a code or a
//! secret. Route that target to wherever your audit trail lives:
//!
//! ```text
//! RUST_LOG=info,oauthclient::audit=info   # with tracing-subscriber's EnvFilter
//! ```

use crate::account::UserId;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditEvent {
    /// A user signed in through a remote app.
    SignIn,
    /// A new local user was created through a remote app.
    SignUp,
    /// A remote account was linked to a signed-in user.
    Link,
    /// A remote account was unlinked (disconnect).
    Unlink,
    /// A stored token was refreshed.
    TokenRefreshed,
    /// A token could not be refreshed: the user must reconnect.
    ReconnectRequired,
    /// A callback was refused: bad, expired, replayed or foreign state, mix-up, nonce.
    CallbackRefused,
    /// A user lost their claim on an unconfirmed address to its proven owner (their account
    /// and sessions stay; they are told at their next sign-in).
    EmailReleased,
    /// A user confirmed their address through a confirmation link.
    EmailConfirmed,
    /// A sign-in or sign-up was refused by policy (address held by a confirmed account,
    /// sign-up closed, address not confirmed).
    SignInRefused,
    /// A user ended every one of their sessions ("sign out everywhere").
    SignedOutEverywhere,
}

impl AuditEvent {
    /// The event's name in the log: the variant in snake case (`SignIn` is `sign_in`,
    /// `CallbackRefused` is `callback_refused`).
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::SignIn => "sign_in",
            AuditEvent::SignUp => "sign_up",
            AuditEvent::Link => "link",
            AuditEvent::Unlink => "unlink",
            AuditEvent::TokenRefreshed => "token_refreshed",
            AuditEvent::ReconnectRequired => "reconnect_required",
            AuditEvent::CallbackRefused => "callback_refused",
            AuditEvent::EmailReleased => "email_released",
            AuditEvent::EmailConfirmed => "email_confirmed",
            AuditEvent::SignInRefused => "sign_in_refused",
            AuditEvent::SignedOutEverywhere => "signed_out_everywhere",
        }
    }
}

/// Records `event` for `app` (and the user, when known). `detail` says why, for refusals; it
/// must never carry a secret.
///
/// ```
/// use oauthclient_core::audit::{AuditEvent, record};
/// record(AuditEvent::SignIn, "github", Some(&"42".into()), "");
/// ```
pub fn record(event: AuditEvent, app: &str, user_id: Option<&UserId>, detail: &str) {
    let event = event.as_str();
    if let Some(user_id) = user_id {
        tracing::info!(target: "oauthclient::audit", event, app, user_id = user_id.as_str(), detail);
    } else {
        tracing::info!(target: "oauthclient::audit", event, app, detail);
    }
}
