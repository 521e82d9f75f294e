//! `GET, POST /oauth/confirm-email/{token}`: following a confirmation link (a page with a
//! button, so a mail scanner fetching the link confirms nothing), and
//! `POST /oauth/confirm-email/resend`: a new link, for the signed-in user or, for someone who
//! cannot sign in before confirming, for an address (answered alike whether it exists or not).

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::http::header::REFERRER_POLICY;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::account::User;
use oauthclient_core::audit::{self, AuditEvent};
use oauthclient_core::email::{ConfirmationClaims, ConfirmationError};
use serde::Deserialize;
use serde_json::json;

use crate::client::Inner;
use crate::current_user::signed_in_user;
use crate::{confirmation, csrf, flash, respond};

/// Where the address settings page lives.
pub(crate) const EMAIL_SETTINGS: &str = "/account/settings/email/";
/// Where new links are asked for.
pub(crate) const RESEND: &str = "/oauth/confirm-email/resend";

#[derive(Debug, Deserialize)]
pub(crate) struct CsrfForm {
    csrf_token: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ResendForm {
    csrf_token: Option<String>,
    email: Option<String>,
}

/// The token's claims and the user they name, if the link may confirm now.
async fn checked(inner: &Inner, token: &str) -> Result<(ConfirmationClaims, User), OAuthError> {
    let claims = inner
        .confirmations
        .decode(token)
        .map_err(OAuthError::Confirmation)?;
    let user = inner
        .users
        .user_by_id(&claims.user)
        .await?
        .ok_or(OAuthError::Confirmation(ConfirmationError::Invalid))?;
    inner
        .confirmations
        .check(&claims, &user)
        .map_err(OAuthError::Confirmation)?;
    Ok((claims, user))
}

/// The link's token stays out of `Referer` headers of anything the page loads or links to.
fn no_referrer(mut response: HttpResponse) -> HttpResponse {
    response.headers_mut().insert(
        REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static("no-referrer"),
    );
    response
}

pub(crate) async fn page(
    req: HttpRequest,
    token: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let shown = match checked(&inner, &token).await {
        Ok((claims, _user)) => match csrf::token(&req.get_session()) {
            Ok(csrf_token) => respond::page(
                &inner,
                &req,
                StatusCode::OK,
                "oauthclient/confirm_email.html",
                json!({
                    "email": claims.email,
                    "action": format!("/oauth/confirm-email/{}", token.as_str()),
                    "csrf_token": csrf_token,
                }),
            ),
            Err(err) => respond::error(&inner, &req, &err, None),
        },
        Err(err) => respond::error(&inner, &req, &err, None),
    };
    no_referrer(shown)
}

pub(crate) async fn confirm(
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<CsrfForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    if let Err(err) = csrf::verify(&req.get_session(), form.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    let result = async {
        let (claims, user) = checked(&inner, &token).await?;
        // The store re-checks atomically: of two clicks at once, one confirms.
        if !inner
            .users
            .confirm_email(&user.id, &claims.email, claims.iat)
            .await?
        {
            return Err(OAuthError::Confirmation(ConfirmationError::AlreadyUsed));
        }
        audit::record(AuditEvent::EmailConfirmed, "", Some(&user.id), "");
        Ok(claims.email)
    }
    .await;
    no_referrer(match result {
        Ok(email) => {
            flash::push(
                &req.get_session(),
                "success",
                format!("Your e-mail address {email} is confirmed."),
            );
            respond::redirect(&inner.paths.home)
        }
        Err(err) => respond::error(&inner, &req, &err, None),
    })
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
    // Anonymous: the same answer whether or not the address belongs to anyone.
    match inner.users.user_by_email(&email).await {
        Ok(Some(user)) => {
            if let Err(err) = confirmation::send(&inner, &user).await {
                return respond::error(&inner, &req, &err, None);
            }
        }
        Ok(None) => {}
        Err(err) => return respond::error(&inner, &req, &err.into(), None),
    }
    sent_page(
        &inner,
        &req,
        &email,
        "If an account with this address is waiting for confirmation, a new link is on its way.",
    )
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
