//! `GET, POST /account/settings/email/`: the signed-in user's address, whether it is
//! confirmed, a new link, and changing it (a new address is unconfirmed until its link is
//! followed; links sent to the old one stop working).

use actix_session::SessionExt;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::account::User;
use oauthclient_core::engine::EmailChange;
use serde::Deserialize;
use serde_json::json;

use super::confirm_email::{EMAIL_SETTINGS, RESEND};
use super::linked_accounts::login_required;
use crate::client::Inner;
use crate::current_user::signed_in_user;
use crate::{confirmation, csrf, flash, respond};

#[derive(Debug, Deserialize)]
pub(crate) struct ChangeForm {
    csrf_token: Option<String>,
    #[serde(default)]
    email: String,
}

fn render(
    inner: &Inner,
    req: &HttpRequest,
    status: StatusCode,
    user: &User,
    new_email: &str,
    errors: &[String],
) -> HttpResponse {
    respond::page(
        inner,
        req,
        status,
        "oauthclient/email_settings.html",
        json!({
            "email": user.email,
            "confirmed": user.email_confirmed,
            "ended_claim": user.ended_claim,
            "new_email": new_email,
            "errors": errors,
            "action": EMAIL_SETTINGS,
            "resend_url": RESEND,
        }),
    )
}

pub(crate) async fn show(req: HttpRequest, inner: web::Data<Inner>) -> HttpResponse {
    match signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), &req).await {
        Ok(Some(user)) => render(&inner, &req, StatusCode::OK, &user, "", &[]),
        Ok(None) => login_required(&inner, &req),
        Err(err) => respond::error(&inner, &req, &err, None),
    }
}

pub(crate) async fn change(
    req: HttpRequest,
    form: web::Form<ChangeForm>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    if let Err(err) = csrf::verify(&req.get_session(), form.csrf_token.as_deref()) {
        return respond::error(&inner, &req, &err, None);
    }
    let user = match signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), &req).await {
        Ok(Some(user)) => user,
        Ok(None) => return login_required(&inner, &req),
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    let email = form.email.trim();
    let (changed, send_confirmation) = match inner.engine().change_email(&user, email).await {
        Ok(EmailChange::Changed {
            user,
            send_confirmation,
        }) => (user, send_confirmation),
        Ok(EmailChange::Refused(problem)) => {
            return render(
                &inner,
                &req,
                StatusCode::BAD_REQUEST,
                &user,
                email,
                &[problem],
            );
        }
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    let session = req.get_session();
    if send_confirmation {
        match confirmation::send(&inner, &changed).await {
            Ok(_) => flash::push(
                &session,
                "success",
                format!("We sent a confirmation link to {}.", changed.email),
            ),
            // What the visitor reads is the user-facing text, never a backend's message.
            Err(OAuthError::MailUnavailable { .. }) => flash::push(
                &session,
                "danger",
                "Your address was changed, but the confirmation e-mail could not be sent right \
                 now. Ask for a new link in a moment.",
            ),
            Err(err) => flash::push(&session, "danger", respond::api_error(&err).1),
        }
    } else {
        flash::push(&session, "success", "Your e-mail address was changed.");
    }
    respond::redirect(EMAIL_SETTINGS)
}
