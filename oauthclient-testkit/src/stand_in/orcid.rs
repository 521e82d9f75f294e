//! ORCID's answers: the token response names the user (`orcid`, `name`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::answer::{Answer, token_json};
use crate::state::Shared;
use crate::user::FakeUser;

impl FakeUser {
    /// An ORCID researcher: `id` and `login` `0000-0001-2345-6789` (a valid iD), no e-mail
    /// (ORCID shares none), name `Sofia Garcia`. The default user of an ORCID
    /// [`crate::StandIn`].
    pub fn orcid() -> Self {
        Self {
            id: "0000-0001-2345-6789".into(),
            login: "0000-0001-2345-6789".into(),
            email: None,
            email_verified: false,
            name: Some("Sofia Garcia".into()),
        }
    }
}

/// `POST /token` (ORCID's `/oauth/token`): a success also names the user, as ORCID does:
/// `{"access_token", "token_type": "bearer", "refresh_token", "expires_in", "scope",
/// "name": "Sofia Garcia", "orcid": "0000-0001-2345-6789"}`.
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let answer = Answer::from_token_endpoint(Arc::clone(&shared), headers, body).await;
    let Some(mut fields) = answer.json_object() else {
        return answer.unchanged();
    };
    let user = match fields.get("access_token").and_then(Value::as_str) {
        Some(access_token) if answer.status == StatusCode::OK => {
            shared.lock().user_for_access_token(access_token)
        }
        _ => None,
    };
    let Some(user) = user else {
        return answer.unchanged();
    };
    fields.insert("name".into(), json!(user.name));
    fields.insert("orcid".into(), json!(user.id));
    token_json(StatusCode::OK, fields)
}
