//! The sign-up form's submission: validated by the app's sign-up view, then the user created
//! and the remote account linked in one transaction.

use super::{AppRuntime, Engine};
use crate::account::User;
use crate::audit::{self, AuditEvent};
use crate::config::EmailVerification;
use crate::error::{OAuthError, conflict_message};
use crate::handlers::defaults::{register_and_link, register_vouched, vouched_email};
use crate::handlers::{FieldError, SignupDecision, SignupForm};
use crate::message::Message;
use crate::pending_signup::PendingSignup;
use crate::store::NewLink;
use crate::store::StoreError;

/// Why a sign-up form is refused while the "is this your account?" question is open.
const UNCONFIRMED_CLAIM_FIRST: &str = "An account with this e-mail address exists but was never \
     confirmed: sign in to it and connect, or continue with a new account.";

/// How a sign-up form submission ended.
#[derive(Debug)]
// Not `#[non_exhaustive]`: a new variant must be a compile error in every front end.
pub enum Registration {
    /// Show the form again with these errors; nothing was written.
    Invalid(Vec<FieldError>),
    /// The user exists and the remote account is linked; the pending sign-up is spent.
    Created {
        /// The new user.
        user: User,
        /// Send the user a link confirming their (typed, unconfirmed) address.
        send_confirmation: bool,
        /// Sign the user in now (false when verification is mandatory and the address is not
        /// confirmed yet).
        sign_in: bool,
    },
}

impl Engine<'_> {
    /// [`OAuthError::SignupClosed`] unless the host lets `app` create a user for `pending`
    /// ([`crate::host_policy::HostPolicy::is_open_for_signup`]; by default the app's
    /// `signup`): checked before the form is shown and again when it is submitted.
    pub async fn ensure_signup_open(
        &self,
        app: &AppRuntime,
        pending: &PendingSignup,
    ) -> Result<(), OAuthError> {
        if self
            .policy
            .is_open_for_signup(&app.remote, &pending.account_info)
            .await
        {
            Ok(())
        } else {
            Err(OAuthError::SignupClosed {
                remote: app.remote.name.clone(),
            })
        }
    }

    /// Validates `form` for `pending` with the app's sign-up view, creates the user (completed
    /// by the host's policy) and links the remote account in one transaction. An address taken
    /// between the check and the insert comes back as [`Registration::Invalid`].
    pub async fn sign_up(
        &self,
        app: &AppRuntime,
        pending: &PendingSignup,
        form: &SignupForm,
    ) -> Result<Registration, OAuthError> {
        if pending.unconfirmed_claim {
            // The person must answer "is this your account?" first (`continue_sign_up`); a
            // form must not create an account past that question.
            return Ok(Registration::Invalid(vec![FieldError::localized(
                "email",
                Message::new("signup-error-unconfirmed-claim-first"),
                UNCONFIRMED_CLAIM_FIRST,
            )]));
        }
        let ctx = self.handler_context(app, None);
        let user = match app
            .handlers
            .signup_view
            .signup(&ctx, &pending.account_info, form)
            .await?
        {
            SignupDecision::Invalid { errors } => return Ok(Registration::Invalid(errors)),
            SignupDecision::Register { user } => user,
        };
        let link = NewLink {
            client_id: app.remote.credentials.consumer_key.clone(),
            account_info: pending.account_info.clone(),
            token: pending.token.clone(),
            extra_data: serde_json::json!({}),
        };
        let created = match register_and_link(&ctx, &user, &link).await {
            Ok(created) => created,
            Err(OAuthError::Store(err)) if err.is_conflict() => {
                // Beside the field the store names; an address unless it says otherwise.
                return Ok(Registration::Invalid(vec![conflict_field_error(&err)]));
            }
            Err(err) => return Err(err),
        };
        audit::record(
            AuditEvent::SignUp,
            &app.remote.name,
            Some(&created.id),
            if created.email_confirmed {
                "sign-up form, address verified by the provider"
            } else {
                "sign-up form, typed address"
            },
        );
        let verification = app.remote.email_verification;
        let send_confirmation = !created.email_confirmed && verification.sends_mail();
        let sign_in = created.email_confirmed || verification != EmailVerification::Mandatory;
        if sign_in {
            self.signed_in(&app.remote.name, &created.id).await;
        }
        Ok(Registration::Created {
            user: created,
            send_confirmation,
            sign_in,
        })
    }

    /// "None of these accounts is mine, continue": the person a vouching provider signed in
    /// chose an account of their own over the accounts claiming the provider's address
    /// without having confirmed it ([`super::CallbackEffect::UnconfirmedClaim`]). Creates it
    /// confirmed and links the provider (one transaction, ending those claims: each account
    /// keeps its password and is told at its next sign-in), then signs it in. Refused with
    /// [`OAuthError::EmailInUse`] when an account confirmed the address meanwhile.
    pub async fn continue_sign_up(
        &self,
        app: &AppRuntime,
        pending: &PendingSignup,
    ) -> Result<Registration, OAuthError> {
        let name = app.remote.name.as_str();
        let ctx = self.handler_context(app, None);
        let email = match (
            pending.unconfirmed_claim,
            vouched_email(&ctx, &pending.account_info),
        ) {
            (true, Some(email)) => email.to_owned(),
            _ => {
                return Err(OAuthError::NoSignupInProgress {
                    remote: name.to_owned(),
                });
            }
        };
        self.ensure_signup_open(app, pending).await?;
        let claims = self.users.unconfirmed_claims(&email, 0).await?;
        let link = NewLink {
            client_id: app.remote.credentials.consumer_key.clone(),
            account_info: pending.account_info.clone(),
            token: pending.token.clone(),
            extra_data: serde_json::json!({}),
        };
        let Some(user_id) = register_vouched(&ctx, email, link).await? else {
            return Err(OAuthError::EmailInUse {
                remote: name.to_owned(),
            });
        };
        for claim in &claims {
            audit::record(
                AuditEvent::EmailReleased,
                name,
                Some(&claim.id),
                "unconfirmed claim ended: the provider's verified owner continued with an account of their own",
            );
        }
        let user = self.users.user_by_id(&user_id).await?.ok_or_else(|| {
            OAuthError::Store(StoreError::new(
                crate::store::StoreErrorKind::Other,
                format!("user {user_id} vanished while signing up"),
            ))
        })?;
        self.signed_in(name, &user.id).await;
        Ok(Registration::Created {
            user,
            send_confirmation: false,
            sign_in: true,
        })
    }
}

/// A store's conflict as the error of the field it names (an address unless it says
/// otherwise): its catalog message by field, the store's words as the English text.
fn conflict_field_error(err: &StoreError) -> FieldError {
    let field = err.field().unwrap_or("email");
    let message = conflict_message(err).unwrap_or(Message::new("error-conflict"));
    FieldError::localized(field, message, err.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_is_shown_beside_its_field_by_catalog_id_with_the_stores_words_kept() {
        let cases = [
            (
                StoreError::conflict_on("email", "e"),
                "email",
                "signup-error-email-taken",
            ),
            (
                StoreError::conflict_on("username", "u"),
                "username",
                "signup-error-username-taken",
            ),
            (StoreError::conflict("c"), "email", "error-conflict"),
        ];
        for (err, field, id) in cases {
            let error = conflict_field_error(&err);
            assert_eq!(error.field, field);
            assert_eq!(error.message, err.message());
            assert_eq!(error.message_id.as_ref().map(Message::id), Some(id));
        }
    }
}
