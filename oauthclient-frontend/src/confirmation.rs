//! E-mail confirmation: rendering and sending the link the engine issues.
//!
//! The link is `{site_url}/oauth/confirm-email/{token}` with a signed, expiring token bound to
//! the user and the address ([`oauthclient_core::email::ConfirmationCodec`]); the pages that
//! follow it are in `handlers::confirm_email`.

use oauthclient_core::OAuthError;
use oauthclient_core::account::User;
use oauthclient_core::email::EmailMessage;
use serde_json::json;

use crate::i18n::Locale;
use crate::parts::Parts;

/// Sends `user` a link confirming their current address when one is due (the engine
/// decides: [`oauthclient_core::engine::Engine::confirmation_mail`]); `Ok(false)` when none is.
/// The mail is written in `locale`.
pub(crate) async fn send(parts: &Parts, user: &User, locale: &Locale) -> Result<bool, OAuthError> {
    let due = parts
        .engine()
        .confirmation_mail(user, parts.mailer.is_some())
        .await?;
    // Without a mailer the engine answered `MailUnavailable` whenever a link was due.
    let (Some(mail), Some(mailer)) = (due, parts.mailer.as_ref()) else {
        return Ok(false);
    };
    let context = json!({
        "locale": locale,
        "link": mail.link.as_str(),
        "email": mail.to,
        "site_url": parts.config.site_url.as_str(),
        "expires_hours": mail.expires_hours,
        // The mail names the account, so whoever did not create it knows to ignore it.
        "username": mail.user.username,
        "created": chrono::DateTime::from_timestamp(
            i64::try_from(mail.user.created_at).unwrap_or(0),
            0,
        )
        .filter(|_| mail.user.created_at > 0)
        .map(|created| created.date_naive().to_string()),
    });
    let message = EmailMessage::new(
        &mail.to,
        parts
            .templates
            .render("oauthclient/email/confirm_subject.txt", &context)
            .trim(),
        parts
            .templates
            .render("oauthclient/email/confirm.txt", &context),
        parts
            .templates
            .render("oauthclient/email/confirm.html", &context),
    )
    .with_language(locale.tag());
    mailer.send(&message).await.map_err(|err| {
        tracing::error!(user_id = user.id.as_str(), error = %err, "confirmation mail not sent");
        OAuthError::MailUnavailable {
            reason: err.to_string(),
        }
    })?;
    tracing::info!(user_id = %user.id, "confirmation mail sent");
    Ok(true)
}
