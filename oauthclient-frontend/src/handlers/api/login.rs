//! `POST /api/oauth/login/{app}`: begin a login for a single-page app, which then navigates to
//! the provider itself. The same flow as the page login's form (`handlers::login`): rate
//! limited, write-protected (same `Origin` or `X-CSRF-Token`), linking when signed in.

use http::StatusCode;
use oauthclient_core::OAuthError;
use serde::Deserialize;
use serde_json::json;

use super::verify_write;
use crate::errors::{codes, json_error, json_message, json_rate_limited};
use crate::handlers::Call;
use crate::handlers::login::start_flow;
use crate::reply::Reply;

#[derive(Debug, Default, Deserialize)]
struct BeginBody {
    next: Option<String>,
}

/// Checks the write, reads `{"next": ...}` (an empty body means none; a body must be JSON
/// with `Content-Type: application/json`), starts the flow and answers
/// `200 {"authorization_url": ...}`. An unsafe `next` is dropped, as on the pages.
pub(crate) async fn begin_login(call: &mut Call<'_>, app: &str) -> Reply {
    if let Some(limited) = json_rate_limited(call.parts, call.request) {
        return limited;
    }
    if let Err(err) = verify_write(call) {
        return json_error(&err);
    }
    let body: BeginBody = if call.request.body.iter().all(u8::is_ascii_whitespace) {
        BeginBody::default()
    } else {
        match call.request.json() {
            Ok(body) => body,
            Err(err) => return json_message(400, codes::MALFORMED_REQUEST, &err.to_string()),
        }
    };
    match started(call, app, body.next.as_deref()).await {
        Ok(url) => Reply::json(
            StatusCode::OK,
            &json!({ "authorization_url": url.as_str() }),
        ),
        Err(err) => json_error(&err),
    }
}

/// A signed-in user's flow links the remote account to them, as the page form's does.
async fn started(
    call: &mut Call<'_>,
    app: &str,
    next: Option<&str>,
) -> Result<url::Url, OAuthError> {
    let signed_in = call.signed_in_id().await?.is_some();
    start_flow(call, app, next, signed_in).await
}
