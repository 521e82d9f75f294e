//! The axum adapter ([`oauthclient_axum`]) under the harness. The server runs on a thread of
//! its own with a multi-threaded runtime, as a production axum server does, whatever runtime
//! the test uses.

use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

use axum::Router;
use axum::extract::{Extension, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::StatusCode;
use oauthclient_axum::{OAuthRouter, OAuthSessionLayer, Session};
use oauthclient_core::account::UserId;
use oauthclient_frontend::{Runtime, USER_ID_KEY};

use super::adapter::{Adapter, MAX_COOKIE_BYTES, Running, SESSION_TOKEN_KEY, Sessions};

/// `oauthclient-axum` on axum.
#[derive(Debug, Clone, Copy, Default)]
pub struct Axum;

/// Stops the server's thread when dropped.
struct Server(Option<tokio::sync::oneshot::Sender<()>>);

impl Running for Server {}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.0.take() {
            let _ = stop.send(());
        }
    }
}

#[async_trait::async_trait]
impl Adapter for Axum {
    fn name(&self) -> &'static str {
        "axum"
    }

    async fn serve(
        &self,
        runtime: Runtime,
        listener: TcpListener,
        prefix: &str,
        sessions: &Sessions,
    ) -> Result<Box<dyn Running>, String> {
        let oauth = OAuthRouter::from(runtime);
        let layer = match sessions {
            Sessions::Cookie => oauth.session_layer(),
            Sessions::Redis(url) => oauth.session_layer_with(
                oauthclient_axum::connect_redis_store(url, Duration::from_secs(3))
                    .await
                    .map_err(|err| err.to_string())?,
            ),
        };
        let app = app(&oauth, prefix, layer);
        listener
            .set_nonblocking(true)
            .map_err(|err| err.to_string())?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, started) = tokio::sync::oneshot::channel::<Result<(), String>>();
        std::thread::Builder::new()
            .name("oauthclient-axum-site".into())
            .spawn(move || {
                let built = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build();
                let runtime = match built {
                    Ok(runtime) => runtime,
                    Err(err) => {
                        let _ = ready.send(Err(err.to_string()));
                        return;
                    }
                };
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => listener,
                        Err(err) => {
                            let _ = ready.send(Err(err.to_string()));
                            return;
                        }
                    };
                    let _ = ready.send(Ok(()));
                    let service = app.into_make_service_with_connect_info::<SocketAddr>();
                    let _ = axum::serve(listener, service)
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await;
                });
                // In-flight requests of a stopped server are dropped with the runtime.
                runtime.shutdown_timeout(Duration::from_secs(1));
            })
            .map_err(|err| err.to_string())?;
        started.await.map_err(|err| err.to_string())??;
        Ok(Box::new(Server(Some(stop))))
    }
}

/// The library's routes and the harness's host routes under `prefix`, the session layer and
/// the cookie size guard.
fn app(oauth: &OAuthRouter, prefix: &str, layer: OAuthSessionLayer) -> Router {
    let site: Router = oauth
        .router()
        .route("/test/login/{id}", get(test_login))
        .route("/test/whoami", get(whoami))
        .route("/test/locale", get(locale))
        .route("/test/session-token", get(session_token))
        .route("/test/session-token/callback", get(session_token_callback))
        .route("/", get(|| async { "home" }))
        .layer(Extension(oauth.runtime().clone()));
    let site = if prefix.is_empty() {
        site
    } else {
        Router::new().nest(prefix, site)
    };
    site.layer(layer)
        .layer(axum::middleware::map_response(cookie_size_guard))
}

/// Stands in for the host app's own password login.
async fn test_login(
    Extension(runtime): Extension<Runtime>,
    session: Session,
    Path(id): Path<UserId>,
) -> Response {
    if session.cycle_id().await.is_err() || session.insert(USER_ID_KEY, id).await.is_err() {
        return unavailable(&runtime);
    }
    "signed in".into_response()
}

async fn whoami(Extension(runtime): Extension<Runtime>, session: Session) -> Response {
    match session.get::<UserId>(USER_ID_KEY).await {
        Ok(Some(id)) => id.to_string().into_response(),
        Ok(None) => "anonymous".into_response(),
        Err(_) => unavailable(&runtime),
    }
}

/// A host page's locale: `tag dir`.
async fn locale(
    Extension(runtime): Extension<Runtime>,
    parts: http::request::Parts,
    session: Session,
) -> Response {
    let locale = OAuthRouter::from(runtime).locale(&parts, &session).await;
    format!("{} {}", locale.tag(), locale.dir()).into_response()
}

async fn session_token_callback(
    Extension(runtime): Extension<Runtime>,
    session: Session,
) -> Response {
    match session.get::<serde_json::Value>(SESSION_TOKEN_KEY).await {
        Ok(token) => super::adapter::token_callback(token.as_ref()).into_response(),
        Err(_) => unavailable(&runtime),
    }
}

async fn session_token(Extension(runtime): Extension<Runtime>, session: Session) -> Response {
    match session.get::<serde_json::Value>(SESSION_TOKEN_KEY).await {
        Ok(Some(_)) => "present".into_response(),
        Ok(None) => "absent".into_response(),
        Err(_) => unavailable(&runtime),
    }
}

/// A session store failure in a host route, answered as the library answers it (503 and
/// `Retry-After`), as a careful host does. A tower-sessions session loads lazily, so the
/// failure reaches the handler (actix-web's session middleware answers before it); taking it
/// for "signed out" would hide the outage.
fn unavailable(runtime: &Runtime) -> Response {
    let reply = runtime.session_unavailable();
    let mut response = (reply.status, reply.body).into_response();
    *response.headers_mut() = reply.headers;
    response
}

/// Fails any response (500, with the reason) whose session cookie grew past
/// [`MAX_COOKIE_BYTES`]: every flow of every test is checked.
async fn cookie_size_guard(response: Response) -> Response {
    let largest = response
        .headers()
        .get_all(http::header::SET_COOKIE)
        .iter()
        .map(http::HeaderValue::len)
        .max()
        .unwrap_or(0);
    if largest > MAX_COOKIE_BYTES {
        let body =
            format!("test guard: a Set-Cookie of {largest} bytes (limit {MAX_COOKIE_BYTES})");
        return (StatusCode::INTERNAL_SERVER_ERROR, body).into_response();
    }
    response
}
