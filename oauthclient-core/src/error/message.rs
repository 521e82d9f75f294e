//! [`OAuthError::message`]: the catalog id of each error shown to people, beside its English
//! `Display` text (logs) and its machine [`OAuthError::code`] (JSON clients).
//!
//! The ids are those of the front end's English catalog
//! (`oauthclient-frontend/locales/en/oauthclient.ftl`, "Why a sign-in, link or confirmation
//! ended"); a test there checks every id and argument below against it.

use super::OAuthError;
use crate::message::Message;
use crate::store::StoreError;

impl OAuthError {
    /// The catalog message to show the user for this error, in the reader's language; `None`
    /// for the kinds never shown (their outcome's generic text is) and for a host's refusal
    /// without an id (its words are shown as they are).
    ///
    /// `$provider` is the remote app's **name** ([`OAuthError::remote`]): the front end, which
    /// knows the apps, puts in their title. The provider's free-text `error_description` is not
    /// an argument (not ours, not translatable: it goes to the log).
    ///
    /// [`OAuthError::LoginOption`] gives the option error's own message
    /// ([`crate::login_options::LoginOptionError::message`]); the catalog's
    /// `error-login-option` frames it ("This sign-in request was refused: { $reason }.") when
    /// the front end formats it and passes the text as `reason`.
    ///
    /// ```
    /// use oauthclient_core::{Message, OAuthError};
    ///
    /// let err = OAuthError::NotLinked { remote: "github".into() };
    /// assert_eq!(err.message(), Some(Message::new("error-not-linked").arg("provider", "github")));
    /// assert_eq!(err.to_string(), "No github account is linked.");
    /// ```
    pub fn message(&self) -> Option<Message> {
        let with_provider = |id: &'static str, remote: &str| Some(provider(id, remote));
        match self {
            OAuthError::Rejected { .. } => Some(Message::new("error-rejected")),
            OAuthError::ProviderError { remote, code, .. } => {
                Some(provider("error-provider", remote).arg("code", code.as_str()))
            }
            OAuthError::UnknownRemote(app) => {
                Some(Message::new("error-unknown-app").arg("app", app.as_str()))
            }
            OAuthError::AlreadyLinked { .. } => Some(Message::new("error-already-linked")),
            OAuthError::LinkOnly { remote } => with_provider("error-link-only", remote),
            OAuthError::AccountDisabled { .. } => Some(Message::new("error-account-disabled")),
            OAuthError::NotLinked { remote } => with_provider("error-not-linked", remote),
            OAuthError::ReconnectRequired { remote } => {
                with_provider("error-reconnect-required", remote)
            }
            OAuthError::NoSignupInProgress { remote } => {
                with_provider("error-no-signup-in-progress", remote)
            }
            OAuthError::LastLoginMethod { remote } => {
                with_provider("error-last-login-method", remote)
            }
            OAuthError::EmailInUse { remote } => with_provider("error-email-in-use", remote),
            OAuthError::SignupClosed { .. } => Some(Message::new("error-signup-closed")),
            OAuthError::EmailUnconfirmed { .. } => Some(Message::new("error-email-unconfirmed")),
            OAuthError::MailUnavailable { .. } => Some(Message::new("error-mail-unavailable")),
            OAuthError::RefusedByHost { message_id, .. } => message_id.clone(),
            OAuthError::LoginOption { source, .. } => Some(source.message()),
            OAuthError::Confirmation(reason) => Some(reason.message()),
            OAuthError::Store(err) => conflict_message(err),
            OAuthError::ClientError { .. }
            | OAuthError::InvalidResponse { .. }
            | OAuthError::InvalidState(_)
            | OAuthError::RedirectedByHost { .. }
            | OAuthError::ForeignApiOrigin { .. }
            | OAuthError::Configuration(_) => None,
        }
    }
}

/// The message `id` with `$provider` = the remote app's name.
fn provider(id: &'static str, remote: &str) -> Message {
    Message::new(id).arg("provider", remote)
}

/// A conflict is shown by the field it is on (the store's own words go to the log only); a
/// store that is down is not shown (the outcome's generic text is).
pub(crate) fn conflict_message(err: &StoreError) -> Option<Message> {
    if !err.is_conflict() {
        return None;
    }
    Some(Message::new(match err.field() {
        Some("email") => "signup-error-email-taken",
        Some("username") => "signup-error-username-taken",
        _ => "error-conflict",
    }))
}

#[cfg(test)]
mod tests;
