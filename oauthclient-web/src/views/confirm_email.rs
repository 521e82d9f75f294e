//! `GET, POST /oauth/confirm-email/{token}`: following a confirmation link. The page names the
//! account the link is for and confirms only for its holder: someone signed in as it, or who
//! types its password (a mail scanner, or a person who got a mail for an account they did not
//! create, confirms nothing). `POST /oauth/confirm-email/resend`: a new link, for the
//! signed-in user or, for someone who cannot sign in before confirming, for an address
//! (answered alike whether it exists or not: the work happens off the request path).

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::http::header::REFERRER_POLICY;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::account::User;
use oauthclient_core::clock::{Clock, SystemClock};
use oauthclient_core::email::ConfirmationError;
use oauthclient_core::engine::HolderProof;
use serde::Deserialize;
use serde_json::json;

use crate::client::Inner;
use crate::current_user::signed_in_user;
use crate::session::{OAuthSession, start_signed_in};
use crate::{confirmation, csrf, flash, respond};

/// Where the address settings page lives.
pub(crate) const EMAIL_SETTINGS: &str = "/account/settings/email/";
/// Where new links are asked for.
pub(crate) const RESEND: &str = "/oauth/confirm-email/resend";
/// Where a sign-in started on a confirmation page comes back to: the page of the link this
/// session was following. The link's token never travels in a `next` (it would reach the
/// provider inside the `state`, and the host's login page's logs).
pub(crate) const PENDING: &str = "/oauth/confirm-email/pending";

/// The confirmation form. No `Debug`: it may hold a password.
#[derive(Deserialize)]
pub(crate) struct ConfirmForm {
    csrf_token: Option<String>,
    #[serde(default)]
    password: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ResendForm {
    csrf_token: Option<String>,
    email: Option<String>,
}

/// The link's token stays out of `Referer` headers of anything the page loads or links to.
fn no_referrer(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static("no-referrer"),
    );
    response
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
/// providers it signs in with), and how its holder proves it.
async fn render(
    inner: &Inner,
    req: &HttpRequest,
    token: &str,
    status: StatusCode,
    error: Option<String>,
) -> HttpResponse {
    let (claims, user) = match inner.engine().check_confirmation(token).await {
        Ok(found) => found,
        Err(err) => return respond::error(inner, req, &err, None),
    };
    let signed_in =
        match signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), req).await {
            Ok(user) => user,
            Err(err) => return respond::error(inner, req, &err, None),
        };
    let identities = match inner.accounts.identities_of(&user.id).await {
        Ok(identities) => identities,
        Err(err) => return respond::error(inner, req, &err.into(), None),
    };
    let action = format!("/oauth/confirm-email/{token}");
    let next: String = url::form_urlencoded::byte_serialize(PENDING.as_bytes()).collect();
    let providers: Vec<_> = identities
        .iter()
        .filter_map(|identity| inner.apps.get(&identity.method))
        .map(|app| {
            json!({
                "title": app.remote.title,
                "login_url": format!("/oauth/login/{}/?next={next}", app.remote.name),
            })
        })
        .collect();
    let csrf_token = match csrf::token(&req.get_session()) {
        Ok(token) => token,
        Err(err) => return respond::error(inner, req, &err, None),
    };
    let holder_signed_in = signed_in.as_ref().is_some_and(|me| me.id == user.id)
        || (signed_in.is_none() && proven_holder(inner, req).as_ref() == Some(&user.id));
    if !holder_signed_in {
        // A sign-in from here comes back to this link's page through `PENDING`.
        let session = req.get_session();
        if let Err(err) = oauth_session(inner, &session).set_confirming(token) {
            return respond::error(inner, req, &err, None);
        }
    }
    respond::page(
        inner,
        req,
        status,
        "oauthclient/confirm_email.html",
        json!({
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
                && inner.policy.verifies_passwords(),
            "login_url": inner.current_user.login_url().map(|login| format!("{login}?next={next}")),
            "action": action,
            "csrf_token": csrf_token,
            "error": error,
        }),
    )
}

pub(crate) async fn page(
    req: HttpRequest,
    token: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    no_referrer(render(&inner, &req, &token, StatusCode::OK, None).await)
}

/// `GET /oauth/confirm-email/pending`: back from a sign-in started on a confirmation page,
/// that page again (its token kept in the session).
pub(crate) async fn pending_page(req: HttpRequest, inner: web::Data<Inner>) -> HttpResponse {
    let confirming = oauth_session(&inner, &req.get_session()).confirming();
    match confirming {
        Some(token) => no_referrer(render(&inner, &req, &token, StatusCode::OK, None).await),
        None => respond::error(
            &inner,
            &req,
            &OAuthError::Confirmation(ConfirmationError::Invalid),
            None,
        ),
    }
}

/// The OAuth keys of `session`.
fn oauth_session<'a>(inner: &'a Inner, session: &'a actix_session::Session) -> OAuthSession<'a> {
    OAuthSession {
        session,
        prefix: &inner.config.session_key_prefix,
    }
}

pub(crate) async fn confirm(
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<ConfirmForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    if let Err(err) = csrf::verify(&req.get_session(), form.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    // Before a password is checked: guessing costs attempts.
    if let Some(limited) = respond::rate_limited(&inner, &req) {
        return no_referrer(limited);
    }
    let signed_in =
        match signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), &req).await {
            Ok(user) => user,
            Err(err) => return respond::error(&inner, &req, &err, None),
        };
    let proven = proven_holder(&inner, &req);
    let proof = match (&signed_in, &proven, form.password.as_str()) {
        (Some(user), _, _) => HolderProof::SignedInAs(&user.id),
        (None, Some(proven), "") => HolderProof::LinkedProvider(proven),
        (None, _, "") => HolderProof::None,
        (None, _, password) => HolderProof::Password(password),
    };
    no_referrer(match inner.engine().confirm_email(&token, proof).await {
        Ok((email, user)) => {
            if signed_in.is_none()
                && let Err(err) = sign_in_after_proof(&inner, &req, &user).await
            {
                return respond::error(&inner, &req, &err, None);
            }
            flash::push(
                &req.get_session(),
                "success",
                format!("Your e-mail address {email} is confirmed."),
            );
            respond::redirect(&inner.paths.home)
        }
        Err(err @ OAuthError::Confirmation(ConfirmationError::NotHolder)) => {
            render(
                &inner,
                &req,
                &token,
                StatusCode::FORBIDDEN,
                Some(err.to_string()),
            )
            .await
        }
        Err(err) => respond::error(&inner, &req, &err, None),
    })
}

/// The account this visitor proved they hold through a provider sign-in, if still fresh.
fn proven_holder(inner: &Inner, req: &HttpRequest) -> Option<oauthclient_core::account::UserId> {
    oauth_session(inner, &req.get_session()).proven_holder()
}

/// The visitor proved the account (its password, or a sign-in with one of its providers):
/// they are its holder, so they are signed in to it (with verification mandatory, this is how
/// the real owner gets in).
async fn sign_in_after_proof(
    inner: &Inner,
    req: &HttpRequest,
    user: &User,
) -> Result<(), OAuthError> {
    let user = inner
        .users
        .user_by_id(&user.id)
        .await?
        .unwrap_or_else(|| user.clone());
    inner.engine().ensure_may_sign_in_locally(&user)?;
    start_signed_in(inner, req, &user, false)
}

pub(crate) async fn resend(
    req: HttpRequest,
    form: web::Form<ResendForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    if let Err(err) = csrf::verify(&req.get_session(), form.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    if let Some(limited) = respond::rate_limited(&inner, &req) {
        return limited;
    }
    let signed_in =
        match signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), &req).await {
            Ok(user) => user,
            Err(err) => return respond::error(&inner, &req, &err, None),
        };
    if let Some(user) = signed_in {
        let message = match confirmation::send(&inner, &user).await {
            Ok(true) => ("success", format!("We sent a new link to {}.", user.email)),
            Ok(false) if user.email_confirmed => {
                ("info", "Your address is already confirmed.".to_owned())
            }
            Ok(false) => (
                "info",
                "A link was sent a moment ago; please wait before asking for another one."
                    .to_owned(),
            ),
            Err(err) => return respond::error(&inner, &req, &err, None),
        };
        flash::push(&req.get_session(), message.0, message.1);
        return respond::redirect(EMAIL_SETTINGS);
    }
    let email = form.email.clone().unwrap_or_default();
    // Anonymous: the same answer, at once, whatever the address: the lookup and the mail
    // happen after the response. Without a mailer there is nothing to send.
    if inner.mailer.is_some() {
        queue_resend(inner.clone(), email.clone());
    }
    sent_page(
        &inner,
        &req,
        &email,
        "If an account with this address is waiting for confirmation, a new link is on its way.",
    )
}

/// Mails a new link to each account claiming `email` unconfirmed (within its lifetime), in
/// the background.
fn queue_resend(inner: web::Data<Inner>, email: String) {
    inner.clone().mail_queue.spawn(async move {
        let since = SystemClock
            .now()
            .saturating_sub(inner.config.accounts.unconfirmed_expires);
        let claims = match inner.users.unconfirmed_claims(&email, since).await {
            Ok(claims) => claims,
            Err(err) => {
                tracing::error!(error = %err, "resend: cannot look the address up");
                return;
            }
        };
        for user in claims {
            if let Err(err) = confirmation::send(&inner, &user).await {
                tracing::warn!(user_id = %user.id, error = %err, "resend: no link sent");
            }
        }
    });
}

/// "Check your inbox", with a form to ask for another link.
pub(crate) fn sent_page(
    inner: &Inner,
    req: &HttpRequest,
    email: &str,
    message: &str,
) -> HttpResponse {
    respond::page(
        inner,
        req,
        StatusCode::OK,
        "oauthclient/confirmation_sent.html",
        json!({"email": email, "message": message, "resend_url": RESEND}),
    )
}
