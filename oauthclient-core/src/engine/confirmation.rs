//! E-mail addresses after sign-up: when a confirmation link goes out, whether a link may
//! confirm, changing the address, and who may sign in with a local login before confirming.
//! The front end renders and sends the mail ([`ConfirmationMail`]) and shows the pages.

use url::Url;

use super::Engine;
use crate::account::User;
use crate::audit::{self, AuditEvent};
use crate::config::EmailVerification;
use crate::email::{ConfirmationClaims, ConfirmationError};
use crate::error::OAuthError;
use crate::handlers::defaults::SignupDefault;

/// A confirmation link to mail: the front end renders the message and sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfirmationMail {
    /// The address to confirm (and to send to).
    pub to: String,
    /// `{site_url}/oauth/confirm-email/{token}`.
    pub link: Url,
    /// How long the link works, in whole hours (rounded up), for the message.
    pub expires_hours: u64,
}

/// What changing a signed-in user's address came to.
#[derive(Debug)]
#[non_exhaustive]
pub enum EmailChange {
    /// The address cannot be used (malformed, or another user's): say why; nothing changed.
    Refused(String),
    /// Changed, unconfirmed; links sent to the old address stopped working.
    Changed {
        /// The user as stored now.
        user: User,
        /// Whether the configuration wants a confirmation link mailed.
        send_confirmation: bool,
    },
}

impl Engine<'_> {
    /// The confirmation link `user` should be mailed now: `None` when their address is empty
    /// or confirmed, or a link went out less than `resend_cooldown` ago (noted in the store,
    /// so instances agree). `has_mailer`: without one no link can go out, which the user is
    /// told as the mail outage it is ([`OAuthError::MailUnavailable`]).
    pub async fn confirmation_mail(
        &self,
        user: &User,
        has_mailer: bool,
    ) -> Result<Option<ConfirmationMail>, OAuthError> {
        if user.email.is_empty() || user.email_confirmed {
            return Ok(None);
        }
        if !has_mailer {
            return Err(OAuthError::MailUnavailable {
                reason: "no mailer is configured".into(),
            });
        }
        let cooldown = self.config.accounts.resend_cooldown;
        if !self
            .users
            .note_confirmation_sent(&user.id, cooldown)
            .await?
        {
            return Ok(None);
        }
        let token = self
            .confirmations
            .issue(user)
            .map_err(OAuthError::Confirmation)?;
        let link = self
            .config
            .site_url
            .join(&format!("oauth/confirm-email/{token}"))
            .map_err(|err| OAuthError::ClientError {
                remote: String::new(),
                message: format!("cannot build the confirmation link: {err}"),
            })?;
        Ok(Some(ConfirmationMail {
            to: user.email.clone(),
            link,
            expires_hours: self.confirmations.lifetime_secs().div_ceil(3600),
        }))
    }

    /// The claims of the link `token` and the user it names, if it may confirm now (signed,
    /// not expired, and the user's address is still the one it was issued for).
    pub async fn check_confirmation(
        &self,
        token: &str,
    ) -> Result<(ConfirmationClaims, User), OAuthError> {
        let claims = self
            .confirmations
            .decode(token)
            .map_err(OAuthError::Confirmation)?;
        let user = self
            .users
            .user_by_id(&claims.user)
            .await?
            .ok_or(OAuthError::Confirmation(ConfirmationError::Invalid))?;
        self.confirmations
            .check(&claims, &user)
            .map_err(OAuthError::Confirmation)?;
        Ok((claims, user))
    }

    /// Confirms the address `token` was issued for; the confirmed address. The store re-checks
    /// atomically, so of two clicks at once one confirms and the other is told the link was
    /// used. Audited (`email_confirmed`).
    pub async fn confirm_email(&self, token: &str) -> Result<String, OAuthError> {
        let (claims, user) = self.check_confirmation(token).await?;
        if !self
            .users
            .confirm_email(&user.id, &claims.email, claims.iat)
            .await?
        {
            return Err(OAuthError::Confirmation(ConfirmationError::AlreadyUsed));
        }
        audit::record(AuditEvent::EmailConfirmed, "", Some(&user.id), "");
        Ok(claims.email)
    }

    /// Changes `user`'s address to `email` (as typed): checked like the sign-up form's, stored
    /// unconfirmed; a confirmation link is due when the site's verification sends mail.
    pub async fn change_email(&self, user: &User, email: &str) -> Result<EmailChange, OAuthError> {
        let email = email.trim();
        if let Some(problem) = SignupDefault::email_problem(email) {
            return Ok(EmailChange::Refused(problem.to_owned()));
        }
        match self.users.change_email(&user.id, email).await {
            Ok(user) => Ok(EmailChange::Changed {
                user,
                send_confirmation: self.config.accounts.email_verification.sends_mail(),
            }),
            Err(err) if err.is_conflict() => Ok(EmailChange::Refused(err.message().to_owned())),
            Err(err) => Err(err.into()),
        }
    }

    /// Whether `user` may sign in with a local login (a password of the host's): active, and
    /// confirmed when the site-wide verification is mandatory.
    pub fn ensure_may_sign_in_locally(&self, user: &User) -> Result<(), OAuthError> {
        if !user.active {
            return Err(OAuthError::AccountDisabled {
                remote: String::new(),
            });
        }
        if !user.email_confirmed
            && self.config.accounts.email_verification == EmailVerification::Mandatory
        {
            return Err(OAuthError::EmailUnconfirmed {
                remote: String::new(),
            });
        }
        Ok(())
    }
}
