//! `GET, POST /oauth/confirm-email/{token}`: following a confirmation link. The page names the
//! account the link is for and confirms only for its holder: someone signed in as it, or who
//! types its password (a mail scanner, or a person who got a mail for an account they did not
//! create, confirms nothing). `POST /oauth/confirm-email/resend`: a new link, for the
//! signed-in user or, for someone who cannot sign in before confirming, for an address
//! (answered alike whether it exists or not: the work happens off the request path).

use std::sync::Arc;

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::account::User;
use oauthclient_core::email::ConfirmationError;
use oauthclient_core::engine::HolderProof;
use serde::Deserialize;
use serde_json::json;

use super::Call;
use crate::i18n::Locale;
use crate::parts::Parts;
use crate::reply::Reply;
use crate::sign_in::start_signed_in;

/// The confirmation form. No `Debug`: it may hold a password.
#[derive(Deserialize)]
struct ConfirmForm {
    csrf_token: Option<String>,
    #[serde(default)]
    password: String,
}

#[derive(Debug, Deserialize)]
struct ResendForm {
    csrf_token: Option<String>,
    email: Option<String>,
}

/// `YYYY-MM-DD` (UTC) of `secs` since the epoch; `None` when the store does not know.
fn date(secs: u64) -> Option<String> {
    let secs = i64::try_from(secs).ok().filter(|secs| *secs > 0)?;
    Some(
        chrono::DateTime::from_timestamp(secs, 0)?
            .date_naive()
            .to_string(),
    )
}

/// The page: which account the link is for (username, name, when it was created, the
/// providers it signs in with), and how its holder proves it. The link's token stays out of
/// `Referer` headers of anything the page loads or links to.
async fn render(
    call: &mut Call<'_>,
    token: &str,
    status: StatusCode,
    error: Option<String>,
) -> Reply {
    match try_render(call, token, status, error).await {
        Ok(reply) => reply,
        Err(err) => call.error(&err),
    }
    .without_referrer()
}

async fn try_render(
    call: &mut Call<'_>,
    token: &str,
    status: StatusCode,
    error: Option<String>,
) -> Result<Reply, OAuthError> {
    let parts = call.parts;
    let (claims, user) = parts.engine().check_confirmation(token).await?;
    let signed_in = call.signed_in_user().await?;
    let identities = parts.accounts.identities_of(&user.id).await?;
    let pending = parts.paths.confirm_pending();
    let next: String = url::form_urlencoded::byte_serialize(pending.as_bytes()).collect();
    let providers: Vec<_> = identities
        .iter()
        .filter_map(|identity| parts.apps.get(&identity.method))
        .map(|app| {
            json!({
                "title": crate::app_text::app_title(parts, &call.locale, &app.remote.name),
                "login_url": format!("{}?next={next}", parts.paths.login(&app.remote.name)),
            })
        })
        .collect();
    let holder_signed_in = signed_in.as_ref().is_some_and(|me| me.id == user.id)
        || (signed_in.is_none() && call.oauth_session().proven_holder().as_ref() == Some(&user.id));
    if !holder_signed_in {
        // A sign-in from here comes back to this link's page through `confirm_pending`.
        call.oauth_session().set_confirming(token);
    }
    let context = json!({
        "email": claims.email,
        "account": {
            "username": user.username,
            "full_name": user.full_name,
            "created": date(user.created_at),
            "providers": providers,
        },
        "holder_signed_in": holder_signed_in,
        "other_signed_in": signed_in.is_some() && !holder_signed_in,
        "password_field": !holder_signed_in
            && user.has_password
            && parts.policy.verifies_passwords(),
        "login_url": parts.current_user.login_url().map(|login| format!("{login}?next={next}")),
        "action": parts.paths.confirm_email(token),
        "error": error,
    });
    Ok(call.page(status, "oauthclient/confirm_email.html", context))
}

pub(crate) async fn page(call: &mut Call<'_>, token: &str) -> Reply {
    render(call, token, StatusCode::OK, None).await
}

/// `GET /oauth/confirm-email/pending`: back from a sign-in started on a confirmation page,
/// that page again (its token kept in the session).
pub(crate) async fn pending_page(call: &mut Call<'_>) -> Reply {
    match call.oauth_session().confirming() {
        Some(token) => render(call, &token, StatusCode::OK, None).await,
        None => call.error(&OAuthError::Confirmation(ConfirmationError::Invalid)),
    }
}

pub(crate) async fn confirm(call: &mut Call<'_>, token: &str) -> Reply {
    let form: ConfirmForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(form.csrf_token.as_deref()) {
        return call.error(&err);
    }
    // Before a password is checked: guessing costs attempts.
    if let Some(limited) = call.rate_limited() {
        return limited.without_referrer();
    }
    let signed_in = match call.signed_in_user().await {
        Ok(user) => user,
        Err(err) => return call.error(&err),
    };
    let proven = call.oauth_session().proven_holder();
    let proof = match (&signed_in, &proven, form.password.as_str()) {
        (Some(user), _, _) => HolderProof::SignedInAs(&user.id),
        (None, Some(proven), "") => HolderProof::LinkedProvider(proven),
        (None, _, "") => HolderProof::None,
        (None, _, password) => HolderProof::Password(password),
    };
    let confirmed = call.parts.engine().confirm_email(token, proof).await;
    match confirmed {
        Ok((email, user)) => {
            if signed_in.is_none()
                && let Err(err) = sign_in_after_proof(call, &user).await
            {
                return call.error(&err).without_referrer();
            }
            call.flash(
                "success",
                "flash-email-confirmed",
                &[("email", email.as_str().into())],
            );
            Reply::redirect(call.parts.paths.home()).without_referrer()
        }
        Err(err @ OAuthError::Confirmation(ConfirmationError::NotHolder)) => {
            let shown = crate::messages::error_text(call.parts, &call.locale, &err)
                .unwrap_or_else(|| err.to_string());
            render(call, token, StatusCode::FORBIDDEN, Some(shown)).await
        }
        Err(err) => call.error(&err).without_referrer(),
    }
}

/// The visitor proved the account (its password, or a sign-in with one of its providers):
/// they are its holder, so they are signed in to it (with verification mandatory, this is how
/// the real owner gets in).
async fn sign_in_after_proof(call: &mut Call<'_>, user: &User) -> Result<(), OAuthError> {
    let parts = call.parts;
    let user = parts
        .users
        .user_by_id(&user.id)
        .await?
        .unwrap_or_else(|| user.clone());
    parts.engine().ensure_may_sign_in_locally(&user)?;
    start_signed_in(parts, call.request, call.session, &user, false)
}

pub(crate) async fn resend(call: &mut Call<'_>) -> Reply {
    let form: ResendForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(form.csrf_token.as_deref()) {
        return call.error(&err);
    }
    if let Some(limited) = call.rate_limited() {
        return limited;
    }
    let signed_in = match call.signed_in_user().await {
        Ok(user) => user,
        Err(err) => return call.error(&err),
    };
    if let Some(user) = signed_in {
        let sent = crate::confirmation::send(call.parts, &user, &call.locale).await;
        match sent {
            Ok(true) => call.flash(
                "success",
                "flash-confirmation-resent",
                &[("email", user.email.as_str().into())],
            ),
            Ok(false) if user.email_confirmed => call.flash("info", "flash-already-confirmed", &[]),
            Ok(false) => call.flash("info", "flash-resend-cooldown", &[]),
            Err(err) => return call.error(&err),
        }
        return Reply::redirect(&call.parts.paths.email_settings());
    }
    let email = form.email.unwrap_or_default();
    // Anonymous: the same answer, at once, whatever the address: the lookup and the mail
    // happen after the response. Without a mailer there is nothing to send.
    if call.parts.mailer.is_some() {
        // The mail goes out after the response: it keeps the language of this request.
        queue_resend(call.parts, email.clone(), call.locale.clone());
    }
    sent_page(call, &email, "confirmation-sent-resent")
}

/// Mails a new link to each account claiming `email` unconfirmed (within its lifetime), in
/// the background.
fn queue_resend(parts: &Arc<Parts>, email: String, locale: Locale) {
    let parts = Arc::clone(parts);
    parts.clone().mail_queue.spawn(async move {
        let claims = match parts.engine().accounts_awaiting_confirmation(&email).await {
            Ok(claims) => claims,
            Err(err) => {
                tracing::error!(error = %err, "resend: cannot look the address up");
                return;
            }
        };
        for user in claims {
            if let Err(err) = crate::confirmation::send(&parts, &user, &locale).await {
                tracing::warn!(user_id = %user.id, error = %err, "resend: no link sent");
            }
        }
    });
}

/// "Check your inbox", with a form to ask for another link.
/// `message_id` is the page's message.
pub(crate) fn sent_page(call: &mut Call<'_>, email: &str, message_id: &str) -> Reply {
    let context = json!({
        "email": email,
        "message": call.t(message_id, &[]),
        "resend_url": call.parts.paths.resend(),
    });
    call.page(
        StatusCode::OK,
        "oauthclient/confirmation_sent.html",
        context,
    )
}
