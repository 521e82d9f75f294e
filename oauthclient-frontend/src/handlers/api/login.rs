//! `POST /api/oauth/login/{app}`: begin a login for a single-page app, which then navigates to
//! the provider itself. The same flow as the page login's form (`handlers::login`): rate
//! limited, write-protected (same `Origin` or `X-CSRF-Token`), linking when signed in.

use http::StatusCode;
use oauthclient_core::OAuthError;
use serde::Deserialize;
use serde_json::json;

use super::verify_write;
use crate::errors::{json_malformed, json_rate_limited};
use crate::handlers::login::start_flow;
use crate::handlers::{Call, visible_app};
use crate::reply::Reply;

/// The body: where to end, and the per-login options (each checked against the app's
/// allow-list). A field of any other name is refused: an API client controls its body.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BeginBody {
    next: Option<String>,
    prompt: Option<String>,
    login_hint: Option<String>,
    max_age: Option<u64>,
    acr_values: Option<String>,
    scope: Option<String>,
    remember: Option<bool>,
}

impl BeginBody {
    /// The options as the request pairs the engine reads (`max_age` as its decimal text).
    fn option_pairs(&self) -> Vec<(&'static str, String)> {
        let texts = [
            ("prompt", self.prompt.clone()),
            ("login_hint", self.login_hint.clone()),
            ("max_age", self.max_age.map(|secs| secs.to_string())),
            ("acr_values", self.acr_values.clone()),
            ("scope", self.scope.clone()),
            // `false` asks for nothing: it is no option, even where remembering is not allowed.
            (
                "remember",
                self.remember
                    .filter(|remember| *remember)
                    .map(|_| "1".to_owned()),
            ),
        ];
        texts
            .into_iter()
            .filter_map(|(name, value)| value.map(|value| (name, value)))
            .collect()
    }
}

/// Checks the write, reads `{"next", "prompt", "login_hint", "max_age", "acr_values",
/// "scope", "remember"}` (all optional; an empty body means none; a body must be JSON with
/// `Content-Type: application/json`, and any other field is a 400), starts the flow and
/// answers `200 {"authorization_url": ...}`. An unsafe `next` is dropped, as on the pages; an
/// option the app does not allow, or an invalid value, is a 400.
pub(crate) async fn begin_login(call: &mut Call<'_>, app: &str) -> Reply {
    if let Some(limited) = json_rate_limited(call.parts, call.request, &call.locale) {
        return limited;
    }
    if let Err(err) = verify_write(call) {
        return call.json_error(&err);
    }
    let body: BeginBody = if call.request.body.iter().all(u8::is_ascii_whitespace) {
        BeginBody::default()
    } else {
        match call.request.json() {
            Ok(body) => body,
            Err(err) => return json_malformed(call.parts, &call.locale, &err),
        }
    };
    match started(call, app, &body).await {
        Ok(url) => Reply::json(
            StatusCode::OK,
            &json!({ "authorization_url": url.as_str() }),
        ),
        Err(err) => call.json_error(&err),
    }
}

/// A signed-in user's flow links the remote account to them, as the page form's does.
async fn started(call: &mut Call<'_>, app: &str, body: &BeginBody) -> Result<url::Url, OAuthError> {
    let runtime = visible_app(call.parts, app)?;
    let pairs = body.option_pairs();
    let options = call.parts.engine().login_options(
        runtime,
        pairs.iter().map(|(name, value)| (*name, value.as_str())),
    )?;
    let signed_in = call.signed_in_id().await?.is_some();
    start_flow(call, app, body.next.as_deref(), &options, signed_in).await
}
