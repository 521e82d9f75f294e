//! The provider stand-in of the growth phase: signs the browser in as one of the generated
//! users. The testkit's `FakeProvider` derives a user's id from its login by hash, so it
//! cannot answer with the generated identities (`growth-{n}` at `github`); this one answers
//! `GET /api/user` with `{"id": "growth-{n}", ...}` for the user the browser's
//! `testkit_user` cookie names, under the client id the generated accounts carry.
//!
//! It checks what a returning sign-in depends on (the client id, the redirect back with the
//! `state`, a bearer token) and nothing else: no PKCE or client secret check — the
//! protocol is the testkit's job, tested there; this one only measures the site.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use oauthclient_testkit::SIGNED_IN_COOKIE;

use crate::growth::GROWTH_CLIENT_ID;
use crate::options::ProviderOptions;

/// The app every generated identity and account belongs to: identities at method `github`,
/// accounts at [`GROWTH_CLIENT_ID`].
pub const GROWTH_APP: &str = "github";

/// Issued codes and tokens carry the identity they were issued for, after this prefix.
const TOKEN_PREFIX: &str = "growth-token.";

#[derive(Default)]
struct Issued {
    count: AtomicU64,
}

/// Serves until killed on `options.port`, after writing the sites' `[remote_apps.github]`
/// table to `options.app_toml`.
pub fn serve(options: &ProviderOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("runtime: {err}"))?;
    let base = format!("http://127.0.0.1:{}", options.port);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
            .await
            .map_err(|err| format!("growth provider on port {}: {err}", options.port))?;
        std::fs::write(&options.app_toml, app_toml(&base))
            .map_err(|err| format!("{}: {err}", options.app_toml.display()))?;
        axum::serve(listener, router())
            .await
            .map_err(|err| format!("growth provider: {err}"))
    })
}

fn router() -> axum::Router {
    axum::Router::new()
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .route("/api/user", get(user))
        .with_state(Arc::new(Issued::default()))
}

/// The sites' remote app: provider `testkit` (its account info reads `/api/user`), named
/// `github` as the generated identities' method, with the generated accounts' client id.
pub fn app_toml(base: &str) -> String {
    format!(
        "[remote_apps.{GROWTH_APP}]\n\
         provider = \"testkit\"\n\
         title = \"Growth stand-in\"\n\n\
         [remote_apps.{GROWTH_APP}.params]\n\
         authorize_url = \"{base}/authorize\"\n\
         access_token_url = \"{base}/token\"\n\
         base_url = \"{base}/api/\"\n\
         request_token_params = {{ scope = \"read:user\" }}\n\
         app_key = \"GITHUB_APP_CREDENTIALS\"\n\n\
         [GITHUB_APP_CREDENTIALS]\n\
         consumer_key = \"{GROWTH_CLIENT_ID}\"\n\
         consumer_secret = \"growth-client-secret\"\n"
    )
}

async fn authorize(
    State(issued): State<Arc<Issued>>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if params.get("client_id").map(String::as_str) != Some(GROWTH_CLIENT_ID) {
        return (StatusCode::BAD_REQUEST, "unknown client_id").into_response();
    }
    let (Some(redirect_uri), Some(state)) = (params.get("redirect_uri"), params.get("state"))
    else {
        return (
            StatusCode::BAD_REQUEST,
            "redirect_uri and state are required",
        )
            .into_response();
    };
    let Some(identity) = signed_in_as(&headers) else {
        return (StatusCode::BAD_REQUEST, "no testkit_user cookie").into_response();
    };
    let Ok(mut back) = url::Url::parse(redirect_uri) else {
        return (StatusCode::BAD_REQUEST, "redirect_uri is not a URL").into_response();
    };
    let code = issue(&issued, &identity);
    back.query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", state);
    (StatusCode::FOUND, [(header::LOCATION, back.to_string())]).into_response()
}

async fn token(
    State(issued): State<Arc<Issued>>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(identity) = form.get("code").and_then(|code| identity_of(code)) else {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"error":"invalid_grant"}"#,
        )
            .into_response();
    };
    let body = serde_json::json!({
        "access_token": issue(&issued, identity),
        "token_type": "bearer",
        "expires_in": 3600,
        "refresh_token": issue(&issued, identity),
        "scope": "read:user",
    });
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response()
}

async fn user(headers: HeaderMap) -> Response {
    let identity = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or(value.strip_prefix("bearer "))
        })
        .and_then(identity_of);
    match identity {
        Some(identity) => axum::Json(user_json(identity)).into_response(),
        None => (StatusCode::UNAUTHORIZED, "bad token").into_response(),
    }
}

/// What `/api/user` answers for identity `growth-{n}`: the generated user's address.
fn user_json(identity: &str) -> serde_json::Value {
    let number = identity.strip_prefix("growth-").unwrap_or(identity);
    serde_json::json!({
        "id": identity,
        "login": format!("user{number}"),
        "email": format!("user{number}@growth.example"),
        "email_verified": true,
        "name": format!("User {number}"),
    })
}

/// A code or token for `identity`: unique, and naming who it was issued for.
fn issue(issued: &Issued, identity: &str) -> String {
    let serial = issued.count.fetch_add(1, Ordering::Relaxed);
    format!("{TOKEN_PREFIX}{identity}.{serial}")
}

/// The identity a code or token was issued for.
fn identity_of(credential: &str) -> Option<&str> {
    let rest = credential.strip_prefix(TOKEN_PREFIX)?;
    let (identity, _serial) = rest.rsplit_once('.')?;
    (!identity.is_empty()).then_some(identity)
}

fn signed_in_as(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.trim() == SIGNED_IN_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_tokens_name_their_identity() {
        let issued = Issued::default();
        let code = issue(&issued, "growth-42");
        assert_eq!(identity_of(&code), Some("growth-42"));
        assert_ne!(code, issue(&issued, "growth-42"), "each one unique");
        assert_eq!(identity_of("gho_other"), None);
        assert_eq!(identity_of("growth-token..3"), None);
    }

    #[test]
    fn the_user_is_the_generated_one() {
        let user = user_json("growth-7");
        assert_eq!(user["id"], "growth-7");
        assert_eq!(user["email"], "user7@growth.example");
        assert_eq!(user["email_verified"], true);
    }

    #[test]
    fn the_app_table_is_the_generated_data_s_app() {
        let table: toml::Table = toml::from_str(&app_toml("http://127.0.0.1:9")).expect("TOML");
        assert_eq!(
            table["remote_apps"][GROWTH_APP]["provider"].as_str(),
            Some("testkit")
        );
        assert_eq!(
            table["GITHUB_APP_CREDENTIALS"]["consumer_key"].as_str(),
            Some(GROWTH_CLIENT_ID)
        );
    }
}
