//! `GET /oauth/login/{app}/?next=`: start a flow (the seed's `login` view); `POST` does the
//! same from a form (the linked accounts page's Connect button), CSRF-checked. Both take the
//! app's allowed per-login options (`prompt`, `login_hint`, `max_age`, `acr_values`, `scope`)
//! beside `next`; an option the app does not allow, or an invalid value, is a 400.
//!
//! A flow started while signed in ends by linking the remote account to the signed-in user,
//! so for a signed-in user the GET only shows a confirmation page whose form POSTs: a
//! cross-site link must not be able to link an attacker's remote account to the victim's
//! local one. Anonymous GETs start the flow (sign-in links); login CSRF is stopped by the
//! state being bound to this browser's session.

use std::borrow::Cow;

use http::StatusCode;
use oauthclient_core::OAuthError;
use oauthclient_core::login_options::LoginOptions;
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
    // Per-login options are another matter: one the app does not allow is refused (400),
    // never dropped, so a login never silently asks for less than it was told to.
    let options = match options_in(call, app, call.request.query.as_bytes()) {
        Ok(options) => options,
        Err(err) => return call.error(&err),
    };
    match call.signed_in_id().await {
        Ok(Some(_)) => return confirm_connect(call, app, query.next.as_deref(), &options),
        Ok(None) => {}
        Err(err) => return call.error(&err),
    }
    if let Some(limited) = call.rate_limited() {
        return limited;
    }
    // Signed-in visitors got the confirmation page above: this one is anonymous.
    match begin(call, app, query.next.as_deref(), &options, false).await {
        Ok(reply) => reply,
        Err(err) => call.error(&err),
    }
}

/// The per-login options among `raw`'s `application/x-www-form-urlencoded` pairs (a query or
/// a form body), checked against `app`'s allow-list. Other parameters are not options and are
/// left alone: a sign-in link decorated by a mail client or a social site (`utm_source`,
/// `fbclid`) still works, and nothing but the options reaches the provider.
fn options_in(call: &Call<'_>, app: &str, raw: &[u8]) -> Result<LoginOptions, OAuthError> {
    let runtime = visible_app(call.parts, app)?;
    let pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = url::form_urlencoded::parse(raw).collect();
    call.parts.engine().login_options(
        runtime,
        pairs
            .iter()
            .map(|(name, value)| (name.as_ref(), value.as_ref())),
    )
}

/// The page a signed-in user sees on a GET: its button POSTs the same request (the per-login
/// options as hidden fields) with the CSRF token (every page carries it).
fn confirm_connect(
    call: &mut Call<'_>,
    app: &str,
    next: Option<&str>,
    options: &LoginOptions,
) -> Reply {
    match visible_app(call.parts, app) {
        Ok(runtime) => {
            let options: Vec<_> = options
                .to_pairs()
                .into_iter()
                .map(|(option, value)| json!({"name": option.name(), "value": value}))
                .collect();
            let context = json!({
                "app_title": crate::app_text::app_title(call.parts, &call.locale, &runtime.remote.name),
                "action": call.parts.paths.login(&runtime.remote.name),
                "next": next.and_then(|raw| call.parts.engine().safe_next(app, raw)),
                "options": options,
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
        Ok(()) => match options_in(call, app, &call.request.body) {
            Ok(options) => match call.signed_in_id().await {
                Ok(user) => begin(call, app, form.next.as_deref(), &options, user.is_some()).await,
                Err(err) => Err(err),
            },
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
    options: &LoginOptions,
    signed_in: bool,
) -> Result<Reply, OAuthError> {
    let provider_url = start_flow(call, app_name, next, options, signed_in).await?;
    Ok(Reply::redirect(provider_url.as_str()))
}

/// Starts the flow (the engine decides: a `link_only` app refuses anyone not `signed_in`, an
/// unsafe `next` is dropped, the per-login `options` go into the state and the authorization
/// request), keeps its secrets in the session, and returns the provider's authorization URL:
/// one path for the page login, its form and the JSON API.
pub(crate) async fn start_flow(
    call: &mut Call<'_>,
    app_name: &str,
    next: Option<&str>,
    options: &LoginOptions,
    signed_in: bool,
) -> Result<Url, OAuthError> {
    let app = visible_app(call.parts, app_name)?;
    let mut flows = call.oauth_session().flows();
    let provider_url = call
        .parts
        .engine()
        .start_login_with_options(app, next, options, signed_in, &mut flows)
        .await?;
    call.oauth_session().set_flows(&flows);
    Ok(provider_url)
}
