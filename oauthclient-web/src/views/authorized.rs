//! `GET /oauth/authorized/{app}/`: the provider's redirect back (the seed's `authorized`
//! view). The engine verifies the state, exchanges the code and runs the app's authorized
//! handler; this view carries out what it decided (session, flash, redirect or page).

use actix_session::SessionExt;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::OAuthError;
use oauthclient_core::engine::CallbackEffect;
use oauthclient_core::flow::{FlowState, Grant};

use super::any_app;
use crate::client::{AppRuntime, Inner};
use crate::current_user::signed_in_user;
use crate::session::{OAuthSession, start_signed_in};
use crate::{flash, respond};

/// The callback's URL carries the authorization code (and the state): whatever the answer,
/// the browser must not send that URL as `Referer` to the next page's resources or links.
pub(crate) async fn callback(
    req: HttpRequest,
    app: web::Path<String>,
    inner: web::Data<Inner>,
) -> HttpResponse {
    let mut response = answer(req, app, inner).await;
    response.headers_mut().insert(
        actix_web::http::header::REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn answer(req: HttpRequest, app: web::Path<String>, inner: web::Data<Inner>) -> HttpResponse {
    if let Some(limited) = respond::rate_limited(&inner, &req) {
        return limited;
    }
    let app_name = app.into_inner();
    let runtime = match any_app(&inner, &app_name) {
        Ok(runtime) => runtime,
        Err(err) => return respond::error(&inner, &req, &err, None),
    };
    let flow = verify(&inner, &req, &app_name);
    let (grant, next) = match flow {
        FlowState::CodeReceived { grant, next, .. } => (grant, next),
        FlowState::Failed { error, next, .. } => {
            return fail(&inner, &req, runtime, &error, next.as_deref());
        }
        other => {
            let err = OAuthError::ClientError {
                remote: app_name,
                message: format!("unexpected flow state {}", other.name()),
            };
            return fail(&inner, &req, runtime, &err, None);
        }
    };
    match complete(&inner, &req, runtime, grant, next.clone()).await {
        Ok(response) => response,
        Err(err) => fail(&inner, &req, runtime, &err, next.as_deref()),
    }
}

/// An error page, or for a REST app a redirect to its error URL with `?message=&code=`.
fn fail(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    err: &OAuthError,
    next: Option<&str>,
) -> HttpResponse {
    match &runtime.remote.rest {
        Some(rest) => {
            let (code, message) = respond::api_error(err);
            respond::rest_redirect(&rest.error, &message, code)
        }
        None => respond::error(inner, req, err, next),
    }
}

/// Checks the callback against this session's flows (the engine decides) and stores the
/// flows again: the nonce is spent even when the rest of the callback fails.
fn verify(inner: &Inner, req: &HttpRequest, app_name: &str) -> FlowState {
    let session = req.get_session();
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    let mut flows = oauth_session.flows();
    let user = inner.current_user.user_id(req);
    let flow =
        inner
            .engine()
            .verify_callback(app_name, req.query_string(), &mut flows, user.as_ref());
    if let Err(err) = oauth_session.set_flows(&flows) {
        return FlowState::Failed {
            app: Some(app_name.to_owned()),
            error: err,
            next: None,
        };
    }
    flow
}

async fn complete(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    grant: Grant,
    next: Option<String>,
) -> Result<HttpResponse, OAuthError> {
    let current_user = signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), req)
        .await?
        .map(|user| user.id);
    let effect = inner
        .engine()
        .finish_callback(runtime, grant, current_user.as_ref(), next.clone())
        .await?;
    apply(inner, req, runtime, effect, next).await
}

/// Carries out the engine's decision: session, flash, redirect.
async fn apply(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    effect: CallbackEffect,
    next: Option<String>,
) -> Result<HttpResponse, OAuthError> {
    let app_name = runtime.remote.name.as_str();
    let session = req.get_session();
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    let rest = runtime.remote.rest.as_ref();
    let success = |next: Option<&str>, fallback: &str| match rest {
        Some(rest) => respond::rest_redirect(&rest.authorized, "Successfully authorized.", 200),
        None => respond::redirect(next.unwrap_or(fallback)),
    };
    match effect {
        CallbackEffect::StoredInSession { token } => {
            oauth_session.set_token(app_name, &token)?;
            Ok(success(next.as_deref(), &inner.paths.home))
        }
        CallbackEffect::Linked { .. } => {
            if rest.is_none() {
                flash::push(
                    &session,
                    "success",
                    format!("Your {} account is now linked.", runtime.remote.title),
                );
            }
            Ok(success(next.as_deref(), &inner.paths.settings))
        }
        CallbackEffect::SignedIn { user } => {
            start_signed_in(inner, req, &user, runtime.remote.remember)?;
            oauth_session.set_signed_in_with(app_name)?;
            Ok(success(next.as_deref(), &inner.paths.home))
        }
        CallbackEffect::SignupRequired { pending } => {
            oauth_session
                .hold_signup(inner.accounts.as_ref(), &pending)
                .await?;
            Ok(match rest {
                Some(rest) => respond::rest_redirect(
                    &rest.signup,
                    "Additional information is needed to sign up.",
                    200,
                ),
                None => respond::redirect(&format!("/oauth/signup/{app_name}/")),
            })
        }
        CallbackEffect::ConfirmationPending { user_id } => {
            // The sign-in proved the account; its address still needs confirming. Back to the
            // link's page when the flow came from there, else the refusal as before.
            oauth_session.set_proven_holder(&user_id)?;
            match (next, rest) {
                (Some(next), None) => Ok(respond::redirect(&next)),
                _ => Err(OAuthError::EmailUnconfirmed {
                    remote: app_name.to_owned(),
                }),
            }
        }
        CallbackEffect::UnconfirmedClaim { pending } => {
            oauth_session
                .hold_signup(inner.accounts.as_ref(), &pending)
                .await?;
            Ok(match rest {
                Some(rest) => respond::rest_redirect(
                    &rest.signup,
                    "An account with this e-mail address exists but was never confirmed: if it \
                     is yours, sign in to it and connect again; if not, continue.",
                    409,
                ),
                None => respond::redirect(&format!("/oauth/signup/{app_name}/")),
            })
        }
    }
}
