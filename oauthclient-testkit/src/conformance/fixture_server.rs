//! A loopback server that answers from the fixtures: `POST /token` with the token response,
//! `/api/<path>` with the API answers; every request recorded.

use std::collections::BTreeMap;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::protocol::JSON;
use crate::server::{ServerHandle, serve_on_thread};

use super::manifest::Served;

/// One request the server received (API requests only).
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub method: String,
    /// Relative to `/api/`.
    pub path: String,
    pub authorization: Option<String>,
    pub json: Option<Value>,
}

#[derive(Debug, Default)]
struct Answers {
    token: Option<Served>,
    routes: BTreeMap<(String, String), Served>,
    /// Answer every API request with this instead.
    everything: Option<Served>,
    log: Vec<Received>,
}

/// The running server; stops when dropped.
pub(crate) struct FixtureServer {
    pub base: String,
    answers: Arc<Mutex<Answers>>,
    /// Dropped with the fixture server, which stops it.
    _server: ServerHandle,
}

impl FixtureServer {
    pub async fn start() -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let answers = Arc::new(Mutex::new(Answers::default()));
        // Every method and path reaches `answer`, which knows the fixtures' routes.
        let app = Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&answers));
        let running = serve_on_thread(listener, "oauthclient-testkit-conformance", app).await?;
        Ok(Self {
            base: format!("http://{}", running.addr),
            answers,
            _server: running.handle,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Answers> {
        self.answers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What the next requests are answered with; clears the log.
    pub fn serve(&self, token: Served, routes: BTreeMap<(String, String), Served>) {
        let mut answers = self.lock();
        answers.token = Some(token);
        answers.routes = routes;
        answers.everything = None;
        answers.log.clear();
    }

    /// Answers every API request with `status` and `body` from now on; clears the log.
    pub fn fail_everything(&self, status: u16, body: Value) {
        let mut answers = self.lock();
        answers.everything = Some(Served { status, body });
        answers.log.clear();
    }

    /// The API requests since the last `serve` / `fail_everything`.
    pub fn received(&self) -> Vec<Received> {
        self.lock().log.clone()
    }
}

async fn answer(State(answers): State<Arc<Mutex<Answers>>>, req: Parts, body: Bytes) -> Response {
    let mut answers = answers.lock().unwrap_or_else(PoisonError::into_inner);
    if req.uri.path() == "/token" {
        return match &answers.token {
            Some(token) => json(token.status, &token.body),
            None => json(500, &serde_json::json!({"error": "server_error"})),
        };
    }
    let Some(path) = req.uri.path().strip_prefix("/api/") else {
        return json(404, &serde_json::json!({"message": "Not Found"}));
    };
    let method = req.method.as_str().to_owned();
    let path = path.to_owned();
    answers.log.push(Received {
        method: method.clone(),
        path: path.clone(),
        authorization: req
            .headers
            .get(AUTHORIZATION)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned()),
        json: serde_json::from_slice(&body).ok(),
    });
    let served = answers
        .everything
        .clone()
        .or_else(|| answers.routes.get(&(method, path)).cloned());
    match served {
        Some(served) => json(served.status, &served.body),
        None => json(404, &serde_json::json!({"message": "Not Found"})),
    }
}

fn json(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if body.is_null() && status == StatusCode::NO_CONTENT {
        return StatusCode::NO_CONTENT.into_response();
    }
    (status, [(CONTENT_TYPE, JSON)], body.to_string()).into_response()
}
