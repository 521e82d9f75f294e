//! `GET /oauth/login/{app}/?next=`: start a flow (the seed's `login` view); `POST` does the
//! same from a form (the linked accounts page's Connect button), CSRF-checked.
//!
//! A flow started while signed in ends by linking the remote account to the signed-in user,
//! so for a signed-in user the GET only shows a confirmation page whose form POSTs: a
//! cross-site link must not be able to link an attacker's remote account to the victim's
//! local one. Anonymous GETs start the flow (sign-in links); login CSRF is stopped by the
//! state being bound to this browser's session.

use http::StatusCode;
use oauthclient_core::OAuthError;
use serde::Deserialize;
use serde_json::json;
use url::Url;

use super::{Call, visible_app};
use crate::reply::Reply;

#[derive(Debug, Default, Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    csrf_token: Option<String>,
    next: Option<String>,
}

pub(crate) async fn start(call: &mut Call<'_>, app: &str) -> Reply {
    // An unreadable query starts the flow without a `next`, as a missing one would.
    let query: LoginQuery = call.request.query_as().unwrap_or_default();
    match call.signed_in_id().await {
        Ok(Some(_)) => return confirm_connect(call, app, query.next.as_deref()),
        Ok(None) => {}
        Err(err) => return call.error(&err),
    }
    if let Some(limited) = call.rate_limited() {
        return limited;
    }
    // Signed-in visitors got the confirmation page above: this one is anonymous.
    match begin(call, app, query.next.as_deref(), false).await {
        Ok(reply) => reply,
        Err(err) => call.error(&err),
    }
}

/// The page a signed-in user sees on a GET: its button POSTs the same request with the CSRF
/// token (every page carries it).
fn confirm_connect(call: &mut Call<'_>, app: &str, next: Option<&str>) -> Reply {
    match visible_app(call.parts, app) {
        Ok(runtime) => {
            let context = json!({
                "app_title": runtime.remote.title,
                "action": call.parts.paths.login(&runtime.remote.name),
                "next": next.and_then(|raw| call.parts.engine().safe_next(app, raw)),
            });
            call.page(StatusCode::OK, "oauthclient/connect.html", context)
        }
        Err(err) => call.error(&err),
    }
}

pub(crate) async fn start_from_form(call: &mut Call<'_>, app: &str) -> Reply {
    if let Some(limited) = call.rate_limited() {
        return limited;
    }
    let form: LoginForm = match call.form() {
        Ok(form) => form,
        Err(reply) => return *reply,
    };
    let started = match call.verify_csrf(form.csrf_token.as_deref()) {
        Ok(()) => match call.signed_in_id().await {
            Ok(user) => begin(call, app, form.next.as_deref(), user.is_some()).await,
            Err(err) => Err(err),
        },
        Err(err) => Err(err),
    };
    started.unwrap_or_else(|err| call.error(&err))
}

/// Starts the flow and redirects to the provider.
async fn begin(
    call: &mut Call<'_>,
    app_name: &str,
    next: Option<&str>,
    signed_in: bool,
) -> Result<Reply, OAuthError> {
    let provider_url = start_flow(call, app_name, next, signed_in).await?;
    Ok(Reply::redirect(provider_url.as_str()))
}

/// Starts the flow (the engine decides: a `link_only` app refuses anyone not `signed_in`, an
/// unsafe `next` is dropped), keeps its secrets in the session, and returns the provider's
/// authorization URL: one path for the page login, its form and the JSON API.
pub(crate) async fn start_flow(
    call: &mut Call<'_>,
    app_name: &str,
    next: Option<&str>,
    signed_in: bool,
) -> Result<Url, OAuthError> {
    let app = visible_app(call.parts, app_name)?;
    let mut flows = call.oauth_session().flows();
    let provider_url = call
        .parts
        .engine()
        .start_login(app, next, signed_in, &mut flows)
        .await?;
    call.oauth_session().set_flows(&flows);
    Ok(provider_url)
}
