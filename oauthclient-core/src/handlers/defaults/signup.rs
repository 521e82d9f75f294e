//! `signup`: the extra sign-up step's validation.

use async_trait::async_trait;

use super::vouched::vouched_email;
use crate::account::{AccountInfo, NewUser};
use crate::email::{AddressError, mailbox_key, same_mailbox};
use crate::error::OAuthError;
use crate::handlers::{FieldError, HandlerContext, SignupDecision, SignupForm, SignupViewHandler};

/// The seed's `signup_handler`: asks for an e-mail address (providers like ORCID give none, or
/// give one that is already taken). The address must look like one and be free.
///
/// ```
/// use oauthclient_core::handlers::defaults::SignupDefault;
/// assert!(SignupDefault::email_problem("ada@example.org").is_none());
/// assert!(SignupDefault::email_problem("not an address").is_some());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SignupDefault;

impl SignupDefault {
    /// Why `email` is not a usable address, if it is not: it must have a mailbox key
    /// ([`crate::email::mailbox_key`]): one `@`, a non-empty local part, a dotted domain
    /// valid in IDNA2008 as written, no spaces, at most 254 bytes (RFC 5321).
    pub fn email_problem(email: &str) -> Option<&'static str> {
        if email.trim().is_empty() {
            return Some("Please enter your e-mail address.");
        }
        match mailbox_key(email) {
            Ok(_) => None,
            Err(AddressError::DomainNotIdna2008) => Some(
                "The domain of this e-mail address is not valid as written \
                 (check for look-alike or full-width characters).",
            ),
            Err(_) => Some("Please enter a valid e-mail address."),
        }
    }
}

#[async_trait]
impl SignupViewHandler for SignupDefault {
    async fn signup(
        &self,
        ctx: &HandlerContext<'_>,
        info: &AccountInfo,
        form: &SignupForm,
    ) -> Result<SignupDecision, OAuthError> {
        let email = form.email.trim();
        let mut errors = Vec::new();
        if let Some(problem) = Self::email_problem(email) {
            errors.push(FieldError {
                field: "email".into(),
                message: problem.into(),
            });
        } else if ctx.users.user_holding_email(email).await?.is_some() {
            // Only an account that confirmed the address holds it; unconfirmed claims on it
            // block no one (whoever confirms first keeps it).
            errors.push(FieldError {
                field: "email".into(),
                message: "This e-mail address is already registered. Sign in with it first, \
                          then link your account."
                    .into(),
            });
        }
        if !errors.is_empty() {
            return Ok(SignupDecision::Invalid { errors });
        }
        // Confirmed only if a trusted provider verified this very mailbox; a typed address
        // is confirmed later, through its link.
        let confirmed = vouched(ctx, info, email);
        Ok(SignupDecision::Register {
            user: NewUser {
                email: email.to_owned(),
                username: form.username.clone().filter(|name| !name.trim().is_empty()),
                full_name: form
                    .full_name
                    .clone()
                    .filter(|name| !name.trim().is_empty())
                    .or_else(|| info.full_name.clone()),
                confirmed,
            },
        })
    }
}

/// Whether the provider vouches for `email` (verified, trusted, the same mailbox).
fn vouched(ctx: &HandlerContext<'_>, info: &AccountInfo, email: &str) -> bool {
    vouched_email(ctx, info).is_some_and(|verified| same_mailbox(verified, email))
}
