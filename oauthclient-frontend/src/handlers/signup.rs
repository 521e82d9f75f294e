//! `GET, POST /oauth/signup/{app}/`: the extra sign-up step (the seed's `signup` view) for a
//! remote account that gave no usable e-mail address; `POST /oauth/signup/{app}/continue`:
//! "none of the accounts claiming this address is mine".

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::engine;
use oauthclient_core::handlers::{FieldError, SignupForm};
use oauthclient_core::pending_signup::PendingSignup;
use serde::Deserialize;
use serde_json::json;

use super::confirm_email::sent_page;
use super::{Call, any_app};
use crate::parts::AppRuntime;
use crate::reply::Reply;
use crate::sign_in::start_signed_in;

#[derive(Debug, Deserialize)]
struct SignupSubmission {
    csrf_token: Option<String>,
    #[serde(default)]
    email: String,
    full_name: Option<String>,
    username: Option<String>,
}

/// The "continue" form: its CSRF token only.
#[derive(Debug, Deserialize)]
struct ContinueForm {
    csrf_token: Option<String>,
}

/// The sign-up this session is waiting on for `app` (kept in the store).
async fn pending(call: &mut Call<'_>, app: &str) -> Result<PendingSignup, OAuthError> {
    let accounts = call.parts.accounts.clone();
    call.oauth_session()
        .held_signup(accounts.as_ref())
        .await?
        .filter(|pending| pending.app == app)
        .ok_or_else(|| OAuthError::NoSignupInProgress {
            remote: app.to_owned(),
        })
}

fn render(
    call: &mut Call<'_>,
    runtime: &AppRuntime,
    status: StatusCode,
    form: &SignupForm,
    errors: &[FieldError],
) -> Reply {
    let context = json!({
        "app_title": crate::app_text::app_title(call.parts, &call.locale, &runtime.remote.name),
        "action": call.parts.paths.signup(&runtime.remote.name),
        "email": form.email,
        "full_name": form.full_name.clone().unwrap_or_default(),
        "errors": crate::messages::field_errors_json(call.parts, &call.locale, errors),
    });
    call.page(status, "oauthclient/signup.html", context)
}

/// The app, if it may create accounts, and the sign-up waiting for it.
pub(crate) async fn open_signup<'p>(
    call: &mut Call<'p>,
    app: &str,
) -> Result<(&'p AppRuntime, PendingSignup), OAuthError> {
    let parts = call.parts;
    let runtime = any_app(parts, app)?;
    let pending = pending(call, app).await?;
    parts.engine().ensure_signup_open(runtime, &pending).await?;
    Ok((runtime, pending))
}

pub(crate) async fn form(call: &mut Call<'_>, app: &str) -> Reply {
    match open_signup(call, app).await {
        Ok((runtime, pending)) if pending.unconfirmed_claim => choice(call, runtime, &pending),
        Ok((runtime, pending)) => {
            let form = SignupForm {
                email: pending.account_info.email.clone().unwrap_or_default(),
                username: pending.account_info.username.clone(),
                full_name: pending.account_info.full_name.clone(),
            };
            render(call, runtime, StatusCode::OK, &form, &[])
        }
        Err(err) => call.error(&err),
    }
}

pub(crate) async fn submit(call: &mut Call<'_>, app: &str) -> Reply {
    let submission: SignupSubmission = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(submission.csrf_token.as_deref()) {
        return call.error(&err);
    }
    let (runtime, pending) = match open_signup(call, app).await {
        // The choice comes first: no form creates an account past it.
        Ok((_, pending)) if pending.unconfirmed_claim => {
            return Reply::redirect(&call.parts.paths.signup(app));
        }
        Ok(found) => found,
        Err(err) => return call.error(&err),
    };
    let form = SignupForm {
        email: submission.email,
        username: submission.username,
        full_name: submission.full_name,
    };
    let home = call.parts.paths.home().to_owned();
    match register(call, runtime, &pending, &form).await {
        Ok(Registration::Invalid(errors)) => {
            render(call, runtime, StatusCode::BAD_REQUEST, &form, &errors)
        }
        Ok(Registration::SignedIn { mail_failed, .. }) => {
            if mail_failed {
                call.flash("danger", "flash-signup-mail-failed", &[]);
            }
            Reply::redirect(pending.next.as_deref().unwrap_or(&home))
        }
        Ok(Registration::ConfirmFirst { email, mail_failed }) => sent_page(
            call,
            &email,
            if mail_failed {
                "confirmation-sent-created-mail-failed"
            } else {
                "confirmation-sent-created"
            },
        ),
        Err(err) => call.error_to(&err, pending.next.as_deref()),
    }
}

/// How a registration ended, once carried out.
pub(crate) enum Registration {
    /// Re-render the form with these errors.
    Invalid(Vec<FieldError>),
    /// Created and signed in.
    SignedIn {
        /// A confirmation link went out now (not under `email_verification = "none"`, not for
        /// a provider-verified address, not during the resend cooldown).
        mail_sent: bool,
        /// The confirmation mail could not be sent.
        mail_failed: bool,
    },
    /// Created, but verification is mandatory: not signed in until confirmed.
    ConfirmFirst {
        /// The address the link went to.
        email: String,
        /// The confirmation mail could not be sent.
        mail_failed: bool,
    },
}

/// The engine validates the form and creates + links the user; [`carry_out`] does the rest.
pub(crate) async fn register(
    call: &mut Call<'_>,
    runtime: &AppRuntime,
    pending: &PendingSignup,
    form: &SignupForm,
) -> Result<Registration, OAuthError> {
    let registration = call.parts.engine().sign_up(runtime, pending, form).await?;
    carry_out(call, runtime, pending, registration).await
}

/// Carries out what the engine decided about a registration: forgets the pending sign-up,
/// sends the confirmation link it asks for, and signs the user in when it says so (in a
/// remembered session when the flow asked for one).
pub(crate) async fn carry_out(
    call: &mut Call<'_>,
    runtime: &AppRuntime,
    pending: &PendingSignup,
    registration: engine::Registration,
) -> Result<Registration, OAuthError> {
    let parts = call.parts;
    let (created, send_confirmation, sign_in) = match registration {
        engine::Registration::Invalid(errors) => return Ok(Registration::Invalid(errors)),
        engine::Registration::Created {
            user,
            send_confirmation,
            sign_in,
        } => (user, send_confirmation, sign_in),
    };
    call.oauth_session()
        .release_signup(parts.accounts.as_ref())
        .await?;
    let (mail_sent, mail_failed) = if send_confirmation {
        match crate::confirmation::send(parts, &created, &call.locale).await {
            Ok(sent) => (sent, false),
            Err(OAuthError::MailUnavailable { .. }) => (false, true),
            Err(err) => return Err(err),
        }
    } else {
        (false, false)
    };
    if !sign_in {
        return Ok(Registration::ConfirmFirst {
            email: created.email,
            mail_failed,
        });
    }
    start_signed_in(
        parts,
        call.request,
        call.session,
        &created,
        runtime.remote.remember || pending.remember,
    )?;
    call.oauth_session()
        .set_signed_in_with(&runtime.remote.name);
    Ok(Registration::SignedIn {
        mail_sent,
        mail_failed,
    })
}

/// "An account with this address exists but was never confirmed": if one is the visitor's,
/// they sign in to it and connect the provider from there; if not, they continue.
fn choice(call: &mut Call<'_>, runtime: &AppRuntime, pending: &PendingSignup) -> Reply {
    let parts = call.parts;
    let connect = parts.paths.login(&runtime.remote.name);
    let next: String = url::form_urlencoded::byte_serialize(connect.as_bytes()).collect();
    let context = json!({
        "app_title": crate::app_text::app_title(call.parts, &call.locale, &runtime.remote.name),
        "email": pending.account_info.email,
        "login_url": parts.current_user.login_url().map(|login| format!("{login}?next={next}")),
        "continue_action": parts.paths.signup_continue(&runtime.remote.name),
    });
    call.page(
        StatusCode::OK,
        "oauthclient/unconfirmed_claim.html",
        context,
    )
}

/// `POST /oauth/signup/{app}/continue`: "none of these accounts is mine".
pub(crate) async fn continue_as_new(call: &mut Call<'_>, app: &str) -> Reply {
    let form: ContinueForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    if let Err(err) = call.verify_csrf(form.csrf_token.as_deref()) {
        return call.error(&err);
    }
    let (runtime, pending) = match open_signup(call, app).await {
        Ok(found) => found,
        Err(err) => return call.error(&err),
    };
    let home = call.parts.paths.home().to_owned();
    match continue_registration(call, runtime, &pending).await {
        Ok(_) => Reply::redirect(pending.next.as_deref().unwrap_or(&home)),
        Err(err) => call.error_to(&err, pending.next.as_deref()),
    }
}

/// The engine registers past the unconfirmed claims; [`carry_out`] does the rest.
pub(crate) async fn continue_registration(
    call: &mut Call<'_>,
    runtime: &AppRuntime,
    pending: &PendingSignup,
) -> Result<Registration, OAuthError> {
    let registration = call
        .parts
        .engine()
        .continue_sign_up(runtime, pending)
        .await?;
    carry_out(call, runtime, pending, registration).await
}
