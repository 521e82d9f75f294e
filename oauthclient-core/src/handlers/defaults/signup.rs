//! `signup`: the extra sign-up step's validation.

use async_trait::async_trait;

use super::vouched::vouched_email;
use crate::account::{AccountInfo, NewUser};
use crate::email::{AddressError, mailbox_key, same_mailbox};
use crate::error::OAuthError;
use crate::handlers::{FieldError, HandlerContext, SignupDecision, SignupForm, SignupViewHandler};
use crate::message::Message;

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
    pub fn email_problem(email: &str) -> Option<AddressProblem> {
        if email.trim().is_empty() {
            return Some(AddressProblem::Missing);
        }
        match mailbox_key(email) {
            Ok(_) => None,
            Err(AddressError::DomainNotIdna2008) => Some(AddressProblem::DomainNotIdna2008),
            Err(_) => Some(AddressProblem::Invalid),
        }
    }
}

/// Why a typed e-mail address cannot be used ([`SignupDefault::email_problem`]).
///
/// `Display` is the English text shown beside the field; [`AddressProblem::message`] its
/// catalog message, and [`AddressProblem::field_error`] both as the `email` field's error.
///
/// ```
/// use oauthclient_core::handlers::defaults::{AddressProblem, SignupDefault};
///
/// let problem = SignupDefault::email_problem("").expect("missing");
/// assert_eq!(problem, AddressProblem::Missing);
/// assert_eq!(problem.to_string(), "Please enter your e-mail address.");
/// assert_eq!(problem.message().id(), "signup-error-email-missing");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddressProblem {
    /// Nothing was typed.
    #[error("Please enter your e-mail address.")]
    Missing,
    /// The domain is not valid in IDNA2008 as written (look-alike or full-width characters).
    #[error(
        "The domain of this e-mail address is not valid as written \
         (check for look-alike or full-width characters)."
    )]
    DomainNotIdna2008,
    /// Not an address at all.
    #[error("Please enter a valid e-mail address.")]
    Invalid,
}

impl AddressProblem {
    /// The catalog message (`signup-error-email-missing`, `-domain`, `-invalid`).
    pub fn message(self) -> Message {
        Message::new(match self {
            AddressProblem::Missing => "signup-error-email-missing",
            AddressProblem::DomainNotIdna2008 => "signup-error-email-domain",
            AddressProblem::Invalid => "signup-error-email-invalid",
        })
    }

    /// This problem as the `email` field's error, with its catalog message.
    pub fn field_error(self) -> FieldError {
        FieldError::localized("email", self.message(), self.to_string())
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
            errors.push(problem.field_error());
        } else if ctx.users.user_holding_email(email).await?.is_some() {
            // Only an account that confirmed the address holds it; unconfirmed claims on it
            // block no one (whoever confirms first keeps it).
            errors.push(FieldError::localized(
                "email",
                Message::new("signup-error-email-registered"),
                "This e-mail address is already registered. Sign in with it first, \
                 then link your account.",
            ));
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
