//! A loopback server that answers from the fixtures: `POST /token` with the token response,
//! `/api/<path>` with the API answers; every request recorded.

use std::collections::BTreeMap;
use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use actix_web::dev::ServerHandle;
use actix_web::http::StatusCode;
use actix_web::http::header::{AUTHORIZATION, ContentType};
use actix_web::{HttpRequest, HttpResponse, HttpServer, web};
use serde_json::Value;

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
    token: Option<Value>,
    routes: BTreeMap<(String, String), Served>,
    /// Answer every API request with this instead.
    everything: Option<Served>,
    log: Vec<Received>,
}

/// The running server; stops when dropped.
pub(crate) struct FixtureServer {
    pub base: String,
    answers: Arc<Mutex<Answers>>,
    handle: ServerHandle,
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

impl FixtureServer {
    pub async fn start() -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let base = format!("http://{}", listener.local_addr()?);
        let answers = Arc::new(Mutex::new(Answers::default()));
        let data = web::Data::from(Arc::clone(&answers));
        let (started_tx, started_rx) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("oauthclient-testkit-conformance".into())
            .spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    let server = HttpServer::new(move || {
                        actix_web::App::new()
                            .app_data(data.clone())
                            .default_service(web::to(answer))
                    })
                    .workers(1)
                    .disable_signals()
                    .shutdown_timeout(1)
                    .listen(listener)
                    .map(HttpServer::run);
                    match server {
                        Ok(server) => {
                            if started_tx.send(Ok(server.handle())).is_err() {
                                return;
                            }
                            let _ = server.await;
                        }
                        Err(err) => {
                            let _ = started_tx.send(Err(err));
                        }
                    }
                });
            })?;
        let handle = started_rx
            .await
            .map_err(|_| io::Error::other("the fixture server's thread died"))??;
        Ok(Self {
            base,
            answers,
            handle,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Answers> {
        self.answers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What the next requests are answered with; clears the log.
    pub fn serve(&self, token: Value, routes: BTreeMap<(String, String), Served>) {
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

async fn answer(
    req: HttpRequest,
    body: web::Bytes,
    answers: web::Data<Mutex<Answers>>,
) -> HttpResponse {
    let mut answers = answers.lock().unwrap_or_else(PoisonError::into_inner);
    if req.path() == "/token" {
        return match &answers.token {
            Some(token) => json(200, token),
            None => json(500, &serde_json::json!({"error": "server_error"})),
        };
    }
    let Some(path) = req.path().strip_prefix("/api/") else {
        return json(404, &serde_json::json!({"message": "Not Found"}));
    };
    let method = req.method().as_str().to_owned();
    let path = path.to_owned();
    answers.log.push(Received {
        method: method.clone(),
        path: path.clone(),
        authorization: req
            .headers()
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

fn json(status: u16, body: &Value) -> HttpResponse {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if body.is_null() && status == StatusCode::NO_CONTENT {
        return HttpResponse::NoContent().finish();
    }
    HttpResponse::build(status)
        .content_type(ContentType::json())
        .body(body.to_string())
}
