//! `GET /oauth/authorized/{app}/`: the provider's redirect back (the seed's `authorized`
//! view). The engine verifies the state, exchanges the code and runs the app's authorized
//! handler; this carries out what it decided (session, flash, redirect or page). A relayed
//! `form_post` response ([`super::form_post`]) ends here too, its fields as the query.

use oauthclient_core::OAuthError;
use oauthclient_core::engine::{CallbackCheck, CallbackEffect};
use oauthclient_core::flow::Grant;

use super::{Call, any_app};
use crate::errors::{api_error, rest_redirect};
use crate::parts::AppRuntime;
use crate::reply::Reply;
use crate::sign_in::start_signed_in;

/// The callback's URL carries the authorization code (and the state): whatever the answer,
/// the browser must not send that URL as `Referer` to the next page's resources or links.
pub(crate) async fn callback(call: &mut Call<'_>, app: &str) -> Reply {
    let request = call.request;
    answer(call, app, &request.query).await.without_referrer()
}

/// The callback whose response parameters are `query` (urlencoded): the GET's own query, or
/// a relayed form post's fields. The one code path both take.
pub(super) async fn answer(call: &mut Call<'_>, app_name: &str, query: &str) -> Reply {
    if let Some(limited) = call.rate_limited() {
        return limited;
    }
    let runtime = match any_app(call.parts, app_name) {
        Ok(runtime) => runtime,
        Err(err) => return call.error(&err),
    };
    let (grant, next) = match verify(call, app_name, query) {
        CallbackCheck::Granted { grant, next } => (grant, next),
        CallbackCheck::Refused { error, next } => {
            return fail(call, runtime, &error, next.as_deref());
        }
    };
    match complete(call, runtime, grant, next.clone()).await {
        Ok(reply) => reply,
        Err(err) => fail(call, runtime, &err, next.as_deref()),
    }
}

/// An error page, or for a REST app a redirect to its error URL with `?message=&code=`.
fn fail(call: &mut Call<'_>, runtime: &AppRuntime, err: &OAuthError, next: Option<&str>) -> Reply {
    match &runtime.remote.rest {
        Some(rest) => {
            let (code, message) = api_error(call.parts, &call.locale, err);
            rest_redirect(&rest.error, &message, code)
        }
        None => call.error_to(err, next),
    }
}

/// Checks the callback against this session's flows (the engine decides) and stores the
/// flows again: the nonce is spent even when the rest of the callback fails.
fn verify(call: &mut Call<'_>, app_name: &str, query: &str) -> CallbackCheck {
    let mut flows = call.oauth_session().flows();
    let user = call.parts.current_user.user_id(call.request, call.session);
    let flow = call
        .parts
        .engine()
        .verify_callback(app_name, query, &mut flows, user.as_ref());
    call.oauth_session().set_flows(&flows);
    flow
}

async fn complete(
    call: &mut Call<'_>,
    runtime: &AppRuntime,
    grant: Grant,
    next: Option<String>,
) -> Result<Reply, OAuthError> {
    let current_user = call.signed_in_id().await?;
    let effect = call
        .parts
        .engine()
        .finish_callback(runtime, grant, current_user.as_ref(), next.clone())
        .await?;
    apply(call, runtime, effect, next).await
}

/// Carries out the engine's decision: session, flash, redirect.
async fn apply(
    call: &mut Call<'_>,
    runtime: &AppRuntime,
    effect: CallbackEffect,
    next: Option<String>,
) -> Result<Reply, OAuthError> {
    let parts = call.parts;
    let app_name = runtime.remote.name.as_str();
    let rest = runtime.remote.rest.as_ref();
    let authorized = call.t("rest-authorized", &[]);
    let success = |next: Option<&str>, fallback: &str| match rest {
        Some(rest) => rest_redirect(&rest.authorized, &authorized, 200),
        None => Reply::redirect(next.unwrap_or(fallback)),
    };
    match effect {
        CallbackEffect::StoredInSession { token } => {
            call.oauth_session().set_token(app_name, &token);
            Ok(success(next.as_deref(), parts.paths.home()))
        }
        CallbackEffect::Linked { .. } => {
            if rest.is_none() {
                let title = crate::app_text::app_title(parts, &call.locale, app_name);
                call.flash("success", "flash-linked", &[("provider", title.into())]);
            }
            Ok(success(next.as_deref(), &parts.paths.settings()))
        }
        CallbackEffect::SignedIn { user, remember } => {
            start_signed_in(parts, call.request, call.session, &user, remember)?;
            call.oauth_session().set_signed_in_with(app_name);
            Ok(success(next.as_deref(), parts.paths.home()))
        }
        CallbackEffect::SignupRequired { pending } => {
            call.oauth_session()
                .hold_signup(parts.accounts.as_ref(), &pending)
                .await?;
            Ok(match rest {
                Some(rest) => {
                    rest_redirect(&rest.signup, &call.t("rest-signup-required", &[]), 200)
                }
                None => Reply::redirect(&parts.paths.signup(app_name)),
            })
        }
        CallbackEffect::ConfirmationPending { user_id } => {
            // The sign-in proved the account; its address still needs confirming. Back to the
            // link's page when the flow came from there, else the refusal as before.
            call.oauth_session().set_proven_holder(&user_id);
            match (next, rest) {
                (Some(next), None) => Ok(Reply::redirect(&next)),
                _ => Err(OAuthError::EmailUnconfirmed {
                    remote: app_name.to_owned(),
                }),
            }
        }
        CallbackEffect::UnconfirmedClaim { pending } => {
            call.oauth_session()
                .hold_signup(parts.accounts.as_ref(), &pending)
                .await?;
            Ok(match rest {
                Some(rest) => {
                    rest_redirect(&rest.signup, &call.t("rest-unconfirmed-claim", &[]), 409)
                }
                None => Reply::redirect(&parts.paths.signup(app_name)),
            })
        }
    }
}
