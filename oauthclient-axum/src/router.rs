//! [`OAuthRouter`]: the front end's [`Runtime`] as an axum router, and how a host app mounts it.

use axum::Router;
use oauthclient_core::account::{User, UserId};
use oauthclient_core::error::BuildError;
use oauthclient_core::handlers::{ApiRequest, ApiResponse};
use oauthclient_core::registry::Registry;
use oauthclient_core::{OAuthClientConfig, OAuthError, Token};
use oauthclient_frontend::{Runtime, RuntimeBuilder};
use tower_sessions::SessionStore;

use crate::adapter;
use crate::session_layer::OAuthSessionLayer;

/// Builds an [`OAuthRouter`]: the front end's [`RuntimeBuilder`], ending in the axum router.
pub type OAuthRouterBuilder = RuntimeBuilder<OAuthRouter>;

/// The oauthclient endpoints, ready to mount on an axum `Router` (see the crate example).
/// Cheap to clone: one `Arc` inside.
#[derive(Clone)]
pub struct OAuthRouter {
    runtime: Runtime,
}

impl std::fmt::Debug for OAuthRouter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthRouter")
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl From<Runtime> for OAuthRouter {
    fn from(runtime: Runtime) -> Self {
        Self { runtime }
    }
}

impl OAuthRouter {
    /// Starts building from a loaded configuration and the registry it was checked against.
    pub fn builder(config: OAuthClientConfig, registry: Registry) -> OAuthRouterBuilder {
        RuntimeBuilder::new(config, registry)
    }

    /// Starts building from `path` (TOML), with `OAUTHCLIENT_*` environment overrides
    /// ([`ProcessEnv`](oauthclient_core::config::ProcessEnv)) and every provider linked into
    /// the binary ([`Registry::from_inventory`]): the one-call setup.
    /// [`RuntimeBuilder::config`] then gives what the store needs (its keys), so nothing is
    /// passed twice.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<OAuthRouterBuilder, BuildError> {
        RuntimeBuilder::from_file(path)
    }

    /// The framework-neutral front end this router runs.
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// The configuration in use.
    pub fn config(&self) -> &OAuthClientConfig {
        self.runtime.config()
    }

    /// Every endpoint, at paths relative to where it is mounted: `.merge(oauth.router())` at
    /// the root, or under the path of `site_url` (`https://example.org/auth`):
    /// `Router::new().nest("/auth", oauth.router())`. Pages and redirects always use the
    /// path the client sent, prefix included.
    pub fn router<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        adapter::routes(&self.runtime)
    }

    /// The session layer oauthclient expects: the whole session in a cookie, encrypted and
    /// authenticated with a key derived from the first secret key, `HttpOnly`,
    /// `SameSite=Lax` (the provider's redirect back must carry the cookie), `Path=/`,
    /// `Secure` and named `__Host-…` when `site_url` is https. A session store failure
    /// answers `503` with `Retry-After`. The lifetimes of `[session]` hold for every request
    /// through it, host routes included: an expired session ends before the handler runs; a
    /// remembered session gets a persistent cookie, any other a browser-session cookie. Layer
    /// it on the whole app: `app.layer(oauth.session_layer())`.
    pub fn session_layer(&self) -> OAuthSessionLayer {
        OAuthSessionLayer::cookie(&self.runtime)
    }

    /// The same cookie settings over a server-side store, e.g. Redis
    /// ([`crate::connect_redis_store`], feature `redis`) so several instances share sessions;
    /// the cookie then holds only the session id. Each record expires when its session ends
    /// (the store's expiry: a Redis key's TTL) and is deleted at sign-out. Any
    /// `tower_sessions::SessionStore` works; bound its operations with a timeout, or an
    /// unreachable store holds requests.
    pub fn session_layer_with(&self, store: impl SessionStore) -> OAuthSessionLayer {
        OAuthSessionLayer::server(&self.runtime, store)
    }

    /// The seed's Client: sends `request` to `app`'s API on behalf of `user_id` with their
    /// stored token, refreshed first when it expired; see [`Runtime::remote_request`].
    pub async fn remote_request(
        &self,
        app: &str,
        user_id: &UserId,
        request: ApiRequest,
    ) -> Result<ApiResponse, OAuthError> {
        self.runtime.remote_request(app, user_id, request).await
    }

    /// The user's token for `app`, valid (refreshed when it expired); see
    /// [`Runtime::access_token`].
    pub async fn access_token(&self, app: &str, user_id: &UserId) -> Result<Token, OAuthError> {
        self.runtime.access_token(app, user_id).await
    }

    /// Sends `user` a link confirming their current address (for a host's own sign-up form),
    /// unless one went out less than `email_resend_cooldown` ago. `Ok(false)`: cooling down,
    /// nothing sent.
    pub async fn send_confirmation(&self, user: &User) -> Result<bool, OAuthError> {
        self.runtime.send_confirmation(user).await
    }
}
