//! [`Adapter`]: how the harness serves a front end on a framework — the "site under test"
//! interface. One implementation per adapter crate ([`crate::site::actix`] with the feature
//! `actix`, [`crate::site::axum`] with `axum`); the same scenarios run against each.

use std::net::TcpListener;
use std::sync::Arc;

use oauthclient_frontend::Runtime;

/// The session store a test site uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sessions {
    /// Everything in the (encrypted) cookie.
    Cookie,
    /// Server-side sessions in Redis at this URL.
    Redis(String),
}

/// A running test server; dropping it stops the server.
pub trait Running: Send + Sync {}

/// Serves a [`Runtime`] on a framework, with the host routes the harness needs:
/// `GET /test/login/{id}` (signs the user id in as a host's own login would: a new session id,
/// then [`oauthclient_frontend::USER_ID_KEY`]), `GET /test/whoami` (that key, or `anonymous`),
/// `GET /test/session-token` (`present` when the session holds a token of the app `fake`, else
/// `absent`), `GET /test/session-token/callback` (that token's `extra.callback` as JSON, or
/// `null`) and `GET /` (`home`). Every response whose `Set-Cookie` exceeds
/// [`MAX_COOKIE_BYTES`] becomes a 500 naming the size.
#[async_trait::async_trait]
pub trait Adapter: Send + Sync + 'static {
    /// The framework's name, for reports.
    fn name(&self) -> &'static str;

    /// Serves `runtime` on `listener`, its routes under `prefix` (`""` or `/auth`), with
    /// `sessions`. Fails with the reason when the session store cannot be reached.
    async fn serve(
        &self,
        runtime: Runtime,
        listener: TcpListener,
        prefix: &str,
        sessions: &Sessions,
    ) -> Result<Box<dyn Running>, String>;
}

/// Largest `Set-Cookie` any test response may carry. Browsers drop cookies over ~4 KB
/// silently; the library keeps only ids and small flags in the session, so every flow stays
/// far below that (the most any scenario piles up, three pending flows with the session's
/// lifetime stamp, comes to about 1,050 bytes on axum).
pub const MAX_COOKIE_BYTES: usize = 1152;

/// The `extra.callback` of a session token (the JSON of `/test/session-token/callback`).
pub(crate) fn token_callback(token: Option<&serde_json::Value>) -> String {
    token
        .and_then(|token| token.pointer("/extra/callback"))
        .unwrap_or(&serde_json::Value::Null)
        .to_string()
}

/// The session key `/test/session-token` looks for: the token of the app `fake` under the
/// default prefix.
pub const SESSION_TOKEN_KEY: &str = "oauth_token:app:fake";

tokio::task_local! {
    static CURRENT: Arc<dyn Adapter>;
}

/// Runs `scenario` with `adapter` as the one [`current`] returns (a task-local: tasks the
/// scenario spawns do not see it; start sites before spawning).
pub async fn with_adapter<F: Future>(adapter: Arc<dyn Adapter>, scenario: F) -> F::Output {
    CURRENT.scope(adapter, scenario).await
}

/// The adapter sites start on: the one [`with_adapter`] set, else the first one compiled in
/// (actix-web, then axum).
pub fn current() -> Arc<dyn Adapter> {
    if let Ok(adapter) = CURRENT.try_with(Arc::clone) {
        return adapter;
    }
    default_adapter()
}

#[cfg(feature = "actix")]
fn default_adapter() -> Arc<dyn Adapter> {
    Arc::new(crate::site::actix::Actix)
}

#[cfg(all(feature = "axum", not(feature = "actix")))]
fn default_adapter() -> Arc<dyn Adapter> {
    Arc::new(crate::site::axum::Axum)
}

#[cfg(not(any(feature = "actix", feature = "axum")))]
fn default_adapter() -> Arc<dyn Adapter> {
    panic!("oauthclient-testkit: enable the feature `actix` or `axum` to start a site")
}
