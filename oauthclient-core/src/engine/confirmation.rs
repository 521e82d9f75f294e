//! E-mail addresses after sign-up: when a confirmation link goes out, whether a link may
//! confirm, changing the address, and who may sign in with a local login before confirming.
//! The front end renders and sends the mail ([`ConfirmationMail`]) and shows the pages.

use url::Url;

use super::Engine;
use crate::account::{User, UserId};
use crate::audit::{self, AuditEvent};
use crate::config::EmailVerification;
use crate::email::{ConfirmationClaims, ConfirmationError};
use crate::error::OAuthError;
use crate::handlers::FieldError;
use crate::handlers::defaults::SignupDefault;
use crate::message::Message;

/// A confirmation link to mail: the front end renders the message and sends it. Its `Debug`
/// leaves the link out: whoever holds it may confirm.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfirmationMail {
    /// The address to confirm (and to send to).
    pub to: String,
    /// `{site_url}/oauth/confirm-email/{token}`.
    pub link: Url,
    /// How long the link works, in whole hours (rounded up), for the message.
    pub expires_hours: u64,
    /// The account the link is for, so the message can name it (whoever did not create it
    /// ignores the mail).
    pub user: User,
}

impl std::fmt::Debug for ConfirmationMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfirmationMail")
            .field("to", &self.to)
            .field("link", &"[redacted]")
            .field("expires_hours", &self.expires_hours)
            .finish_non_exhaustive()
    }
}

/// How the visitor following a confirmation link shows they hold the account it is for.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum HolderProof<'a> {
    /// Nothing (yet): the page asks for a sign-in or the password.
    None,
    /// The visitor is signed in as this user.
    SignedInAs(&'a UserId),
    /// The visitor just signed in through one of this user's linked providers, which was
    /// refused only because the address is not confirmed yet (verification mandatory).
    LinkedProvider(&'a UserId),
    /// The visitor typed this password; the host's policy checks it
    /// ([`crate::host_policy::HostPolicy::verify_password`]).
    Password(&'a str),
}

impl std::fmt::Debug for HolderProof<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::None => f.write_str("None"),
            Self::SignedInAs(user) => f.debug_tuple("SignedInAs").field(user).finish(),
            Self::LinkedProvider(user) => f.debug_tuple("LinkedProvider").field(user).finish(),
            Self::Password(_) => f.write_str("Password([redacted])"),
        }
    }
}

/// What changing a signed-in user's address came to.
#[derive(Debug)]
// Not `#[non_exhaustive]`: a new variant must be a compile error in every front end.
pub enum EmailChange {
    /// The address cannot be used (malformed, or another user's): the `email` field's error,
    /// with its catalog message; nothing changed.
    Refused(FieldError),
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
            .site_path(&format!("/oauth/confirm-email/{token}"));
        Ok(Some(ConfirmationMail {
            to: user.email.clone(),
            link,
            expires_hours: self.confirmations.lifetime_secs().div_ceil(3600),
            user: user.clone(),
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

    /// Confirms the address `token` was issued for, if `proof` shows the visitor holds the
    /// account it names (signed in as it, a sign-in through one of its providers, or its
    /// password): a link alone confirms nothing, so
    /// a person who gets a mail for an account they did not create cannot be made to confirm
    /// it for its creator. Returns the account, as it was before confirming. The store
    /// re-checks atomically: of two clicks at once one confirms and the other is told the
    /// link was used; another account that confirmed the address first keeps it
    /// ([`ConfirmationError::HeldByAnother`]). Audited (`email_confirmed`).
    pub async fn confirm_email(
        &self,
        token: &str,
        proof: HolderProof<'_>,
    ) -> Result<(String, User), OAuthError> {
        let (claims, user) = self.check_confirmation(token).await?;
        let holds = match proof {
            HolderProof::None => false,
            HolderProof::SignedInAs(holder) | HolderProof::LinkedProvider(holder) => {
                *holder == user.id
            }
            HolderProof::Password(password) => {
                self.policy.verifies_passwords()
                    && user.has_password
                    && self.policy.verify_password(&user, password).await
            }
        };
        if !holds {
            audit::record(
                AuditEvent::SignInRefused,
                "",
                Some(&user.id),
                "confirmation link followed without proving the account is theirs",
            );
            return Err(OAuthError::Confirmation(ConfirmationError::NotHolder));
        }
        match self
            .users
            .confirm_email(&user.id, &claims.email, claims.iat)
            .await
        {
            Ok(true) => {}
            Ok(false) => return Err(OAuthError::Confirmation(ConfirmationError::AlreadyUsed)),
            Err(err) if err.is_conflict() => {
                return Err(OAuthError::Confirmation(ConfirmationError::HeldByAnother));
            }
            Err(err) => return Err(err.into()),
        }
        audit::record(AuditEvent::EmailConfirmed, "", Some(&user.id), "");
        Ok((claims.email, user))
    }

    /// Changes `user`'s address to `email` (as typed): checked like the sign-up form's, stored
    /// unconfirmed; a confirmation link is due when the site's verification sends mail.
    pub async fn change_email(&self, user: &User, email: &str) -> Result<EmailChange, OAuthError> {
        let email = email.trim();
        if let Some(problem) = SignupDefault::email_problem(email) {
            return Ok(EmailChange::Refused(problem.field_error()));
        }
        match self.users.change_email(&user.id, email).await {
            Ok(user) => Ok(EmailChange::Changed {
                user,
                send_confirmation: self.config.accounts.email_verification.sends_mail(),
            }),
            // Only the address changes: whatever field the store names, the address is taken.
            Err(err) if err.is_conflict() => Ok(EmailChange::Refused(FieldError::localized(
                "email",
                Message::new("signup-error-email-taken"),
                err.message(),
            ))),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_debug_output_of_a_mail_and_a_proof_hides_the_link_and_the_password() {
        let mail = ConfirmationMail {
            to: "ada@example.org".into(),
            link: Url::parse("https://example.org/oauth/confirm-email/SECRET-TOKEN").expect("url"),
            expires_hours: 72,
            user: User {
                id: UserId::from(7),
                email: "ada@example.org".into(),
                email_confirmed: false,
                email_changed_at: 0,
                session_epoch: 0,
                username: None,
                full_name: None,
                active: true,
                has_password: true,
                created_at: 0,
                ended_claim: None,
            },
        };
        let shown = format!("{mail:?} {:?}", HolderProof::Password("hunter2"));
        assert!(!shown.contains("SECRET-TOKEN"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("ada@example.org"), "{shown}");
    }
}
