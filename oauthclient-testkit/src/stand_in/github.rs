//! GitHub's answers: the token endpoint's `200` errors, `GET /user`, `GET /user/emails` and
//! `DELETE /applications/{client_id}/grant`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, HeaderMap};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::answer::{Answer, api_json, token_json};
use super::shape_state::{GitHubEmail, ShapeState};
use crate::client_auth::authenticate_client;
use crate::protocol::Params;
use crate::state::Shared;
use crate::user::FakeUser;

/// Where GitHub documents its token errors.
const ERRORS_DOC: &str = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/";
/// Where GitHub documents its REST API.
const REST_DOC: &str = "https://docs.github.com/rest";

/// `POST /token` (GitHub's `/login/oauth/access_token`): refusals come back as `200` with
/// GitHub's own error codes; a success carries no refresh token or expiry (OAuth apps).
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let answer = Answer::from_token_endpoint(shared, headers, body).await;
    let Some(mut fields) = answer.json_object() else {
        return answer.unchanged();
    };
    if answer.status.is_client_error()
        && let Some(error) = fields.get("error").and_then(Value::as_str)
    {
        let description = fields
            .get("error_description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let (code, text, anchor) = github_error(error, description);
        let mut body = serde_json::Map::new();
        body.insert("error".into(), json!(code));
        body.insert("error_description".into(), json!(text));
        body.insert("error_uri".into(), json!(format!("{ERRORS_DOC}{anchor}")));
        return token_json(StatusCode::OK, body);
    }
    if answer.status == StatusCode::OK && fields.contains_key("access_token") {
        fields.remove("refresh_token");
        fields.remove("expires_in");
        return token_json(StatusCode::OK, fields);
    }
    answer.unchanged()
}

/// GitHub's code, description and documentation anchor for an RFC 6749 refusal.
fn github_error(error: &str, description: &str) -> (String, String, String) {
    let documented = |code: &str, text: &str| {
        (
            code.to_owned(),
            text.to_owned(),
            format!("#{}", code.replace('_', "-")),
        )
    };
    match error {
        "invalid_grant" if description.contains("redirect_uri") => documented(
            "redirect_uri_mismatch",
            "The redirect_uri MUST match the registered callback URL for this application.",
        ),
        "invalid_grant" | "bad_verification_code" => documented(
            "bad_verification_code",
            "The code passed is incorrect or expired.",
        ),
        "invalid_client" | "incorrect_client_credentials" => documented(
            "incorrect_client_credentials",
            "The client_id and/or client_secret passed are incorrect.",
        ),
        other => (other.to_owned(), description.to_owned(), String::new()),
    }
}

/// `GET /api/user`: the authenticated user.
pub(crate) async fn user(
    State(shared): State<Arc<Shared>>,
    State(extra): State<Arc<ShapeState>>,
    req: Parts,
) -> Response {
    extra.record(&req, None);
    match signed_in(&req.headers, &shared) {
        Some(user) => api_json(StatusCode::OK, &user_json(&user)),
        None => bad_credentials(),
    }
}

/// `GET /api/user/emails`: the user's addresses.
pub(crate) async fn emails(
    State(shared): State<Arc<Shared>>,
    State(extra): State<Arc<ShapeState>>,
    req: Parts,
) -> Response {
    extra.record(&req, None);
    let Some(user) = signed_in(&req.headers, &shared) else {
        return bad_credentials();
    };
    let emails = extra.emails().unwrap_or_else(|| {
        user.email
            .iter()
            .map(|email| GitHubEmail::new(email.clone(), true, user.email_verified))
            .collect()
    });
    api_json(StatusCode::OK, &json!(emails))
}

/// `DELETE /api/applications/{client_id}/grant`: the app (HTTP Basic) revokes a user's grant.
pub(crate) async fn delete_grant(
    State(shared): State<Arc<Shared>>,
    State(extra): State<Arc<ShapeState>>,
    Path(client_id): Path<String>,
    req: Parts,
    body: Bytes,
) -> Response {
    let body: Option<Value> = serde_json::from_slice(&body).ok();
    extra.record(&req, body.clone());
    let basic = req
        .headers
        .get(AUTHORIZATION)
        .is_some_and(|value| value.as_bytes().starts_with(b"Basic "));
    if !basic || authenticate_client(&shared, &req.headers, &Params::default()).is_err() {
        return bad_credentials();
    }
    if client_id != shared.client_id {
        return not_found();
    }
    let Some(access_token) = body
        .as_ref()
        .and_then(|body| body.get("access_token"))
        .and_then(Value::as_str)
    else {
        return api_json(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({"message": "Invalid request.\n\n\"access_token\" wasn't supplied.", "documentation_url": REST_DOC}),
        );
    };
    {
        let mut state = shared.lock();
        if state.user_for_access_token(access_token).is_none() {
            return not_found();
        }
        state.revoke(access_token);
    }
    extra.grant_revoked(access_token);
    StatusCode::NO_CONTENT.into_response()
}

/// The user of the request's token (`Authorization: Bearer` or GitHub's `token` scheme).
fn signed_in(headers: &HeaderMap, shared: &Shared) -> Option<FakeUser> {
    let header = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = header.split_once(' ')?;
    let scheme_ok = scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token");
    let token = token.trim();
    if !scheme_ok || token.is_empty() {
        return None;
    }
    shared.lock().user_for_access_token(token)
}

/// GitHub's `GET /user` for a fake user; `id` is a number when the fake id is one.
fn user_json(user: &FakeUser) -> Value {
    let id = user
        .id
        .parse::<u64>()
        .map_or_else(|_| json!(user.id), Value::from);
    json!({
        "login": user.login,
        "id": id,
        "node_id": format!("U_testkit{}", user.id),
        "avatar_url": "",
        "html_url": format!("https://github.com/{}", user.login),
        "type": "User",
        "site_admin": false,
        "name": user.name,
        "company": null,
        "blog": "",
        "location": null,
        "email": user.email,
        "hireable": null,
        "bio": null,
        "public_repos": 0,
        "followers": 0,
        "following": 0,
        "created_at": "2008-01-14T04:33:35Z",
        "updated_at": "2008-01-14T04:33:35Z",
    })
}

fn bad_credentials() -> Response {
    api_json(
        StatusCode::UNAUTHORIZED,
        &json!({"message": "Bad credentials", "documentation_url": REST_DOC}),
    )
}

fn not_found() -> Response {
    api_json(
        StatusCode::NOT_FOUND,
        &json!({"message": "Not Found", "documentation_url": REST_DOC}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_become_github_codes() {
        let code = |error, description| github_error(error, description).0;
        assert_eq!(
            code(
                "invalid_grant",
                "unknown or already used authorization code"
            ),
            "bad_verification_code"
        );
        assert_eq!(
            code(
                "invalid_grant",
                "redirect_uri does not match the authorization request"
            ),
            "redirect_uri_mismatch"
        );
        assert_eq!(
            code("invalid_client", "wrong client secret"),
            "incorrect_client_credentials"
        );
        assert_eq!(
            code("unsupported_grant_type", "x"),
            "unsupported_grant_type"
        );
        let (_, _, anchor) = github_error("invalid_grant", "");
        assert_eq!(anchor, "#bad-verification-code");
    }

    #[test]
    fn numeric_ids_are_numbers() {
        assert_eq!(user_json(&FakeUser::default())["id"], json!(1001));
        let odd = FakeUser {
            id: "x-1".into(),
            ..FakeUser::default()
        };
        assert_eq!(user_json(&odd)["id"], json!("x-1"));
    }
}
