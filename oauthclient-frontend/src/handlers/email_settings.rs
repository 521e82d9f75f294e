//! `GET, POST /account/settings/email/`: the signed-in user's address — whether it is
//! confirmed, a new link, and changing it (a new address is unconfirmed until its link is
//! followed; links sent to the old one stop working).

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::account::User;
use oauthclient_core::engine::EmailChange;
use serde::Deserialize;
use serde_json::json;

use super::Call;
use super::linked_accounts::login_required;
use crate::errors::api_error;
use crate::reply::Reply;

#[derive(Debug, Deserialize)]
struct ChangeForm {
    csrf_token: Option<String>,
    #[serde(default)]
    email: String,
}

fn render(
    call: &mut Call<'_>,
    status: StatusCode,
    user: &User,
    new_email: &str,
    errors: &[String],
) -> Reply {
    let context = json!({
        "email": user.email,
        "confirmed": user.email_confirmed,
        "ended_claim": user.ended_claim,
        "new_email": new_email,
        "errors": errors,
        "action": call.parts.paths.email_settings(),
        "resend_url": call.parts.paths.resend(),
    });
    call.page(status, "oauthclient/email_settings.html", context)
}

pub(crate) async fn show(call: &mut Call<'_>) -> Reply {
    match call.signed_in_user().await {
        Ok(Some(user)) => render(call, StatusCode::OK, &user, "", &[]),
        Ok(None) => login_required(call),
        Err(err) => call.error(&err),
    }
}

pub(crate) async fn change(call: &mut Call<'_>) -> Reply {
    let form: ChangeForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(form.csrf_token.as_deref()) {
        return call.error(&err);
    }
    let user = match call.signed_in_user().await {
        Ok(Some(user)) => user,
        Ok(None) => return login_required(call),
        Err(err) => return call.error(&err),
    };
    let email = form.email.trim();
    let (changed, send_confirmation) = match call.parts.engine().change_email(&user, email).await {
        Ok(EmailChange::Changed {
            user,
            send_confirmation,
        }) => (user, send_confirmation),
        Ok(EmailChange::Refused(problem)) => {
            let shown = crate::messages::field_error_text(call.parts, &call.locale, &problem);
            return render(call, StatusCode::BAD_REQUEST, &user, email, &[shown]);
        }
        Err(err) => return call.error(&err),
    };
    if send_confirmation {
        match crate::confirmation::send(call.parts, &changed, &call.locale).await {
            Ok(_) => call.flash(
                "success",
                "flash-confirmation-sent",
                &[("email", changed.email.as_str().into())],
            ),
            // What the visitor reads is the user-facing text, never a backend's message.
            Err(OAuthError::MailUnavailable { .. }) => {
                call.flash("danger", "flash-email-changed-mail-failed", &[]);
            }
            Err(err) => {
                let (_, message) = api_error(call.parts, &call.locale, &err);
                crate::flash::push_flash(call.session, "danger", message);
            }
        }
    } else {
        call.flash("success", "flash-email-changed", &[]);
    }
    Reply::redirect(&call.parts.paths.email_settings())
}
