//! E-mail confirmation: sending the link, and who may sign in before confirming.
//!
//! The link is `{site_url}/oauth/confirm-email/{token}` with a signed, expiring token bound to
//! the user and the address ([`oauthclient_core::email::ConfirmationCodec`]); the pages that
//! follow it are in `views::confirm_email`.

use oauthclient_core::OAuthError;
use oauthclient_core::account::User;
use oauthclient_core::email::{EmailMessage, EmailVerification};
use serde_json::json;

use crate::client::Inner;

/// Sends `user` a link confirming their current address, unless their address is empty or
/// confirmed, or a link went out less than the cooldown ago: `Ok(false)` then.
pub(crate) async fn send(inner: &Inner, user: &User) -> Result<bool, OAuthError> {
    if user.email.is_empty() || user.email_confirmed {
        return Ok(false);
    }
    // Without a mailer (allowed for `optional` verification) a link cannot go out: said as
    // the mail outage it is for the user (their address stays unconfirmed).
    let mailer = inner
        .mailer
        .as_ref()
        .ok_or_else(|| OAuthError::MailUnavailable {
            reason: "no mailer is configured".into(),
        })?;
    if !inner
        .users
        .note_confirmation_sent(&user.id, inner.config.accounts.resend_cooldown)
        .await?
    {
        return Ok(false);
    }
    let token = inner
        .confirmations
        .issue(user)
        .map_err(OAuthError::Confirmation)?;
    let link = inner
        .config
        .site_url
        .join(&format!("oauth/confirm-email/{token}"))
        .map_err(|err| OAuthError::ClientError {
            remote: String::new(),
            message: format!("cannot build the confirmation link: {err}"),
        })?;
    let context = json!({
        "link": link.as_str(),
        "email": user.email,
        "site_url": inner.config.site_url.as_str(),
        "expires_hours": inner.confirmations.lifetime_secs().div_ceil(3600),
    });
    let message = EmailMessage::new(
        &user.email,
        inner
            .templates
            .render("oauthclient/email/confirm_subject.txt", &context)
            .trim(),
        inner
            .templates
            .render("oauthclient/email/confirm.txt", &context),
        inner
            .templates
            .render("oauthclient/email/confirm.html", &context),
    );
    mailer.send(&message).await.map_err(|err| {
        tracing::error!(user_id = user.id.as_str(), error = %err, "confirmation mail not sent");
        OAuthError::MailUnavailable {
            reason: err.to_string(),
        }
    })?;
    tracing::info!(user_id = %user.id, "confirmation mail sent");
    Ok(true)
}

/// Whether `user` may sign in with a local login: active, and confirmed when the site-wide
/// verification is mandatory.
pub(crate) fn ensure_may_sign_in_locally(inner: &Inner, user: &User) -> Result<(), OAuthError> {
    if !user.active {
        return Err(OAuthError::AccountDisabled {
            remote: String::new(),
        });
    }
    if !user.email_confirmed
        && inner.config.accounts.email_verification == EmailVerification::Mandatory
    {
        return Err(OAuthError::EmailUnconfirmed {
            remote: String::new(),
        });
    }
    Ok(())
}
