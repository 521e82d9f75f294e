//! `GET /oauth/authorized/{app}/`: the provider's redirect back (the seed's `authorized`
//! view). Verifies the state, exchanges the code, runs the app's authorized handler, and
//! carries out what it decided.

use actix_session::SessionExt;
use actix_web::{HttpRequest, HttpResponse, web};
use oauthclient_core::audit::{self, AuditEvent};
use oauthclient_core::flow::{CallbackResponse, FlowEvent, FlowState, Grant};
use oauthclient_core::handlers::{AuthorizedOutcome, ProtocolContext};
use oauthclient_core::host_policy::HostEvent;
use oauthclient_core::pending_signup::PendingSignup;
use oauthclient_core::state::StateError;
use oauthclient_core::{OAuthError, Token};

use super::{any_app, handler_context};
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
    if let OAuthError::InvalidState(reason) = err {
        let user = inner.current_user.user_id(req);
        audit::record(
            AuditEvent::CallbackRefused,
            &runtime.remote.name,
            user,
            &reason.to_string(),
        );
    }
    match &runtime.remote.rest {
        Some(rest) => {
            let (code, message) = respond::api_error(err);
            respond::rest_redirect(&rest.error, &message, code)
        }
        None => respond::error(inner, req, err, next),
    }
}

/// Parses the query and checks the state against this session's flows (removing the nonce:
/// single use, even when the rest of the callback fails).
fn verify(inner: &Inner, req: &HttpRequest, app_name: &str) -> FlowState {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let (response, state) =
        CallbackResponse::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let session = req.get_session();
    let oauth_session = OAuthSession {
        session: &session,
        prefix: &inner.config.session_key_prefix,
    };
    let mut flows = oauth_session.flows();
    let verified = match state.as_deref() {
        Some(state) => inner.codec.verify(state, app_name, &mut flows),
        None => Err(StateError::Missing),
    };
    if let Err(err) = oauth_session.set_flows(&flows) {
        return FlowState::Failed {
            app: Some(app_name.to_owned()),
            error: err,
            next: None,
        };
    }
    FlowState::awaiting_callback(app_name).on(FlowEvent::CallbackReceived { response, verified })
}

async fn complete(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    grant: Grant,
    next: Option<String>,
) -> Result<HttpResponse, OAuthError> {
    let app_name = runtime.remote.name.as_str();
    let redirect_uri = inner.config.redirect_uri(app_name);
    let protocol = ProtocolContext {
        app: &runtime.remote,
        http: &inner.http,
        redirect_uri: &redirect_uri,
    };
    let token = runtime.handlers.protocol.finish(&protocol, grant).await?;
    let current_user = signed_in_user(inner.current_user.as_ref(), inner.users.as_ref(), req)
        .await?
        .map(|user| user.id);
    let ctx = handler_context(inner, runtime, current_user);
    let outcome = runtime
        .handlers
        .authorized
        .authorized(&ctx, token.clone())
        .await?;
    apply(inner, req, runtime, outcome, token, next).await
}

/// Carries out the handler's decision.
async fn apply(
    inner: &Inner,
    req: &HttpRequest,
    runtime: &AppRuntime,
    outcome: AuthorizedOutcome,
    token: Token,
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
    match outcome {
        AuthorizedOutcome::StoredInSession => {
            oauth_session.set_token(app_name, &token)?;
            Ok(success(next.as_deref(), &inner.paths.home))
        }
        AuthorizedOutcome::Linked { user_id } => {
            audit::record(AuditEvent::Link, app_name, Some(user_id), "");
            if rest.is_none() {
                flash::push(
                    &session,
                    "success",
                    format!("Your {} account is now linked.", runtime.remote.title),
                );
            }
            Ok(success(next.as_deref(), &inner.paths.settings))
        }
        AuthorizedOutcome::LoggedIn { user_id } => {
            let user = inner.users.user_by_id(user_id).await?.ok_or_else(|| {
                OAuthError::Store(oauthclient_core::store::StoreError::new(
                    oauthclient_core::store::StoreErrorKind::Other,
                    format!("user {user_id} vanished while signing in"),
                ))
            })?;
            start_signed_in(inner, req, &user, runtime.remote.remember)?;
            oauth_session.set_signed_in_with(app_name)?;
            audit::record(AuditEvent::SignIn, app_name, Some(user_id), "");
            inner
                .policy
                .on_event(&HostEvent::SignedIn {
                    app: app_name.to_owned(),
                    user_id,
                })
                .await;
            Ok(success(next.as_deref(), &inner.paths.home))
        }
        AuthorizedOutcome::SignupRequired { account_info } => {
            let pending = PendingSignup::new(app_name.to_owned(), account_info, token, next);
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
    }
}
