//! `signup`: the extra sign-up step's validation.

use async_trait::async_trait;

use crate::account::{AccountInfo, NewUser};
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
    /// Why `email` is not a usable address, if it is not. Deliberately simple: one `@`, a
    /// non-empty local part, a dotted domain, no spaces, at most 254 bytes (RFC 5321).
    pub fn email_problem(email: &str) -> Option<&'static str> {
        let email = email.trim();
        if email.is_empty() {
            return Some("Please enter your e-mail address.");
        }
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        (!valid).then_some("Please enter a valid e-mail address.")
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
        } else if ctx.users.user_by_email(email).await?.is_some() {
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
        // The provider vouches for the address only if it gave this very one, verified.
        let confirmed = info
            .trusted_email()
            .is_some_and(|verified| verified.eq_ignore_ascii_case(email));
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
