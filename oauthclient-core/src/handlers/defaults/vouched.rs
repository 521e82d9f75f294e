//! What a provider's *vouched* address (verified by the provider, and the app trusts its
//! e-mails) proves: it confirms the signing-in user's own unconfirmed address, and it may
//! create a confirmed account, which ends other accounts' unconfirmed claims on the address.

use super::authorized::register_and_link;
use crate::account::{AccountInfo, NewUser, User, UserId};
use crate::audit::{self, AuditEvent};
use crate::error::OAuthError;
use crate::handlers::HandlerContext;
use crate::store::NewLink;

/// Unconfirmed claims made at or after this time (seconds since the epoch) still count.
pub(super) fn claims_since(ctx: &HandlerContext<'_>) -> u64 {
    use crate::clock::{Clock, SystemClock};
    SystemClock
        .now()
        .saturating_sub(ctx.remote.unconfirmed_expires)
}

/// Creates a confirmed account for the provider's vouched `email` and links it (one
/// transaction, which ends every unconfirmed claim on the address); the new user's id, or
/// `None` when another account confirmed the address (or took the username) first.
pub(crate) async fn register_vouched(
    ctx: &HandlerContext<'_>,
    email: String,
    link: NewLink,
) -> Result<Option<UserId>, OAuthError> {
    let new_user = NewUser {
        email,
        username: None,
        full_name: link.account_info.full_name.clone(),
        confirmed: true,
    };
    let user = match register_and_link(ctx, &new_user, &link).await {
        Ok(user) => user,
        Err(OAuthError::Store(err)) if err.is_conflict() => return Ok(None),
        Err(err) => return Err(err),
    };
    audit::record(
        AuditEvent::SignUp,
        ctx.app,
        Some(&user.id),
        "address verified by a trusted provider",
    );
    Ok(Some(user.id))
}

/// When the provider vouches for `user`'s own unconfirmed address, it proved the user holds
/// the mailbox: the address is confirmed (ending other accounts' claims on it). Another
/// account confirming it first leaves it unconfirmed; nothing fails.
pub(super) async fn confirm_if_vouched(
    ctx: &HandlerContext<'_>,
    user: &User,
    info: &AccountInfo,
) -> Result<bool, OAuthError> {
    let Some(vouched) = vouched_email(ctx, info) else {
        return Ok(false);
    };
    if user.email_confirmed || !crate::email::same_mailbox(&user.email, vouched) {
        return Ok(false);
    }
    match ctx
        .users
        .confirm_email(&user.id, &user.email, u64::MAX)
        .await
    {
        Ok(true) => {
            audit::record(
                AuditEvent::EmailConfirmed,
                ctx.app,
                Some(&user.id),
                "address verified by a trusted provider",
            );
            Ok(true)
        }
        Ok(false) => Ok(false),
        Err(err) if err.is_conflict() => Ok(false),
        Err(err) => Err(err.into()),
    }
}

/// The provider's address, if it proves ownership: verified by the provider, and the app
/// trusts the provider's e-mails.
pub(crate) fn vouched_email<'i>(
    ctx: &HandlerContext<'_>,
    info: &'i AccountInfo,
) -> Option<&'i str> {
    info.trusted_email().filter(|_| ctx.remote.trust_email)
}
