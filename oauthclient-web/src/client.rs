//! [`OAuthClient`]: the front end's [`Runtime`] as an actix-web service, and how a host app
//! mounts it.

use actix_session::SessionMiddleware;
use actix_session::config::{BrowserSession, CookieContentSecurity};
use actix_session::storage::{CookieSessionStore, SessionStore};
use actix_web::cookie::time::Duration;
use actix_web::cookie::{Key, SameSite};
use actix_web::{HttpRequest, web};
use oauthclient_core::account::{User, UserId};
use oauthclient_core::error::BuildError;
use oauthclient_core::handlers::{ApiRequest, ApiResponse};
use oauthclient_core::registry::Registry;
use oauthclient_core::{OAuthClientConfig, OAuthError, Token};
use oauthclient_frontend::{Flash, Runtime, RuntimeBuilder};

use crate::adapter;
use crate::lifetime_store::LifetimeStore;
use crate::session_middleware::OAuthSessionMiddleware;

/// Builds an [`OAuthClient`]: the front end's [`RuntimeBuilder`], ending in the actix service.
pub type OAuthClientBuilder = RuntimeBuilder<OAuthClient>;

/// The oauthclient endpoints, ready to mount on an actix-web `App` (see the crate example).
#[derive(Clone)]
pub struct OAuthClient {
    runtime: Runtime,
}

impl std::fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClient")
            .field("runtime", &self.runtime)
            .finish()
    }
}

impl From<Runtime> for OAuthClient {
    fn from(runtime: Runtime) -> Self {
        Self { runtime }
    }
}

impl OAuthClient {
    /// Starts building from a loaded configuration and the registry it was checked against.
    pub fn builder(config: OAuthClientConfig, registry: Registry) -> OAuthClientBuilder {
        RuntimeBuilder::new(config, registry)
    }

    /// Starts building from `path` (TOML), with `OAUTHCLIENT_*` environment overrides
    /// ([`ProcessEnv`](oauthclient_core::config::ProcessEnv)) and every provider linked into the binary
    /// ([`Registry::from_inventory`]): the one-call setup. [`RuntimeBuilder::config`] then
    /// gives what the store needs (its keys), so nothing is passed twice.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<OAuthClientBuilder, BuildError> {
        RuntimeBuilder::from_file(path)
    }

    /// The framework-neutral front end this service runs.
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// Takes the messages queued for this session, for a host app's own pages, the library's
    /// messages in the language of `req` (the free [`crate::take_flashes`] writes them in
    /// English).
    pub async fn take_flashes(&self, req: &HttpRequest) -> Vec<Flash> {
        let request = adapter::request(req, &[]);
        let session = actix_session::SessionExt::get_session(req);
        let mut data = adapter::load(&session);
        let flashes = self.runtime.take_flashes(&request, &mut data).await;
        adapter::apply(&session, data.take_ops());
        flashes
    }

    /// Mounts every endpoint: `App::new().configure(oauth.configure())`. Under a path prefix
    /// (`site_url = "https://example.org/auth"`), mount it there:
    /// `App::new().service(web::scope("/auth").configure(oauth.configure()))`.
    pub fn configure(&self) -> impl FnOnce(&mut web::ServiceConfig) + use<> {
        let runtime = self.runtime.clone();
        move |cfg: &mut web::ServiceConfig| adapter::routes(cfg, &runtime)
    }

    /// The session middleware oauthclient expects: cookie sessions, signed and encrypted with a
    /// key derived from the first secret key, `HttpOnly`, `SameSite=Lax` (the provider's
    /// redirect back must carry the cookie), `Secure` and named `__Host-…` when `site_url` is
    /// https; a session store outage answers `503` with `Retry-After`. The lifetimes of
    /// `[session]` hold for every request through it, host routes included: an expired session
    /// is ended before the handler runs; a remembered session gets a persistent cookie, any
    /// other a browser-session cookie. `App::new().wrap(oauth.session_middleware())`.
    pub fn session_middleware(&self) -> OAuthSessionMiddleware<CookieSessionStore> {
        self.session_middleware_with(CookieSessionStore::default())
    }

    /// The same cookie settings and lifetimes over another session store, e.g. Redis
    /// ([`crate::connect_redis_store`], feature `redis`) so several instances share sessions.
    /// Each session's record is kept as long as that session lasts (the store's TTL), and
    /// deleted when it ends or the user signs out.
    pub fn session_middleware_with<S: SessionStore>(&self, store: S) -> OAuthSessionMiddleware<S> {
        let config = self.config();
        let key = Key::derive_from(&oauthclient_frontend::session_key_material(config));
        let name = oauthclient_frontend::session_cookie_name(config);
        let store = LifetimeStore::new(store, self.runtime.clone());
        // A browser-session cookie; a remembered session's gets its `Max-Age` from the
        // middleware. The state TTL here is only the fallback for a session without a
        // lifetime stamp: the store takes each session's own.
        let lifecycle = BrowserSession::default().state_ttl(Duration::seconds(
            i64::try_from(config.session.lifetime_secs()).unwrap_or(i64::MAX),
        ));
        let sessions = SessionMiddleware::builder(store, key)
            .cookie_name(name.clone())
            .cookie_content_security(CookieContentSecurity::Private)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_secure(oauthclient_frontend::is_https(config))
            .session_lifecycle(lifecycle)
            .build();
        OAuthSessionMiddleware::new(sessions, self.runtime.clone(), name)
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

    /// The configuration in use.
    pub fn config(&self) -> &OAuthClientConfig {
        self.runtime.config()
    }

    /// The signed-in user of this request, checked against the store: a session whose user
    /// is gone, deactivated or whose sessions were ended is signed out and yields `None`.
    /// Host pages should use this rather than the session's bare user id.
    pub async fn signed_in_user(&self, req: &HttpRequest) -> Result<Option<User>, OAuthError> {
        let session = actix_session::SessionExt::get_session(req);
        let mut data = adapter::load(&session);
        let request = adapter::request(req, &[]);
        let user = self.runtime.signed_in_user(&request, &mut data).await;
        adapter::apply(&session, data.take_ops());
        user
    }

    /// Sends `user` a link confirming their current address (for a host's own sign-up form),
    /// unless one went out less than `email_resend_cooldown` ago. `Ok(false)`: cooling down,
    /// nothing sent.
    pub async fn send_confirmation(&self, user: &User) -> Result<bool, OAuthError> {
        self.runtime.send_confirmation(user).await
    }

    /// Signs `user` in through the configured [`crate::CurrentUser`] glue (renewing the
    /// session), for a host's own login form; refuses an unconfirmed address when verification
    /// is mandatory, and an inactive user.
    pub fn sign_in(&self, req: &HttpRequest, user: &User) -> Result<(), OAuthError> {
        let request = adapter::request(req, &[]);
        adapter::with_session(req, |session| self.runtime.sign_in(&request, session, user))
    }
}
