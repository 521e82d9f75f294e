//! [`OAuthClient`]: everything the endpoints share, and how a host app mounts them.

use std::collections::BTreeMap;
use std::sync::Arc;

use actix_session::SessionMiddleware;
use actix_session::config::CookieContentSecurity;
use actix_session::storage::{CookieSessionStore, SessionStore};
use actix_web::cookie::{Key, SameSite};
use actix_web::web;
use oauthclient_core::account::UserId;
use oauthclient_core::client::{HttpClient, RemoteClient};
use oauthclient_core::email::{ConfirmationCodec, Mailer};
use oauthclient_core::engine::Engine;
use oauthclient_core::handlers::{ApiRequest, ApiResponse, EventBus, RemoteApi};
use oauthclient_core::host_policy::HostPolicy;
use oauthclient_core::state::StateCodec;
use oauthclient_core::{AccountStore, OAuthClientConfig, OAuthError, Token, UserStore};

use crate::current_user::CurrentUser;
use crate::frame_ancestors::FrameAncestors;
use crate::rate_limit::RateLimiter;
use crate::session_middleware::OAuthSessionMiddleware;
use crate::templates::Templates;
use crate::views;

/// One configured remote app, ready to serve (the engine's).
pub(crate) use oauthclient_core::engine::AppRuntime;

/// Where the endpoints send people.
#[derive(Debug, Clone)]
pub(crate) struct Paths {
    pub home: String,
    pub settings: String,
}

pub(crate) struct Inner {
    pub config: OAuthClientConfig,
    pub apps: BTreeMap<String, AppRuntime>,
    pub codec: StateCodec,
    pub http: HttpClient,
    pub accounts: Arc<dyn AccountStore>,
    pub tokens: RemoteClient,
    pub rate_limiter: Option<RateLimiter>,
    pub users: Arc<dyn UserStore>,
    pub current_user: Arc<dyn CurrentUser>,
    pub templates: Templates,
    pub events: EventBus,
    pub paths: Paths,
    /// Sends confirmation mail; `None` only when no app's verification sends mail.
    pub mailer: Option<Arc<dyn Mailer>>,
    pub confirmations: ConfirmationCodec,
    /// Who may frame the pages.
    pub frame_ancestors: FrameAncestors,
    /// The host's policy.
    pub policy: Arc<dyn HostPolicy>,
    /// Mail sent off the request path (anonymous resend).
    pub mail_queue: crate::mail_queue::MailQueue,
}

impl Inner {
    /// The flow engine over this client's parts: every decision a view needs.
    pub(crate) fn engine(&self) -> Engine<'_> {
        Engine::new(
            &self.config,
            &self.codec,
            &self.http,
            self.accounts.as_ref(),
            self.users.as_ref(),
            self.policy.as_ref(),
            &self.events,
            &self.confirmations,
        )
    }
}

/// The oauthclient endpoints, ready to mount on an actix-web `App` (see the crate example).
#[derive(Clone)]
pub struct OAuthClient {
    pub(crate) inner: web::Data<Inner>,
}

impl std::fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthClient")
            .field("apps", &self.inner.apps.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl OAuthClient {
    /// Mounts every endpoint: `App::new().configure(oauth.configure())`.
    pub fn configure(&self) -> impl FnOnce(&mut web::ServiceConfig) + use<> {
        let data = self.inner.clone();
        move |cfg: &mut web::ServiceConfig| {
            cfg.app_data(data);
            views::routes(cfg);
        }
    }

    /// The session middleware oauthclient expects: cookie sessions, signed and encrypted with a
    /// key derived from the first secret key, `HttpOnly`, `SameSite=Lax` (the provider's
    /// redirect back must carry the cookie), `Secure` and named `__Host-…` when `site_url` is
    /// https; a session store outage answers `503` with `Retry-After`.
    /// `App::new().wrap(oauth.session_middleware())`.
    pub fn session_middleware(&self) -> OAuthSessionMiddleware<CookieSessionStore> {
        self.session_middleware_with(CookieSessionStore::default())
    }

    /// The same cookie settings over another session store, e.g. Redis
    /// ([`crate::connect_redis_store`], feature `redis`) so several instances share sessions.
    pub fn session_middleware_with<S: SessionStore>(&self, store: S) -> OAuthSessionMiddleware<S> {
        let config = &self.inner.config;
        let sessions = SessionMiddleware::builder(store, session_key(config))
            .cookie_name(session_cookie_name(config))
            .cookie_content_security(CookieContentSecurity::Private)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_secure(config.site_url.scheme() == "https")
            .build();
        OAuthSessionMiddleware::new(sessions)
    }

    /// The seed's Client: sends `request` to `app`'s API on behalf of `user_id`, authenticated
    /// with their stored token — refreshed first when it expired (see
    /// [`OAuthClient::access_token`]) — relative URLs resolving against the app's `base_url`,
    /// over the shared connection pool.
    ///
    /// The token only goes to the origin (scheme, host, port) of the app's `base_url`: any
    /// other URL — absolute, `//host/…`, another port or scheme — is refused with
    /// [`OAuthError::ForeignApiOrigin`] before anything is sent or refreshed.
    pub async fn remote_request(
        &self,
        app: &str,
        user_id: &UserId,
        request: ApiRequest,
    ) -> Result<ApiResponse, OAuthError> {
        let runtime = self
            .inner
            .apps
            .get(app)
            .ok_or_else(|| OAuthError::UnknownRemote(app.to_owned()))?;
        // Checked before the token is even read: a refused URL costs no refresh either.
        runtime.api.resolve_on_base_origin(&request.url)?;
        let token = self
            .inner
            .tokens
            .access_token(&runtime.remote, user_id)
            .await?;
        runtime.api.send(request.with_token(token)).await
    }

    /// The user's token for `app`, valid: refreshed with the refresh token when it expired (or
    /// expires within the leeway,
    /// [`OAuthClientBuilder::token_expiry_leeway`](crate::OAuthClientBuilder::token_expiry_leeway)),
    /// one refresh at a time per token. [`OAuthError::NotLinked`] when there is no token;
    /// [`OAuthError::ReconnectRequired`] when the provider refused the refresh (the user must
    /// sign in with the app again; the linked accounts page offers "Reconnect").
    pub async fn access_token(&self, app: &str, user_id: &UserId) -> Result<Token, OAuthError> {
        let runtime = self
            .inner
            .apps
            .get(app)
            .ok_or_else(|| OAuthError::UnknownRemote(app.to_owned()))?;
        self.inner
            .tokens
            .access_token(&runtime.remote, user_id)
            .await
    }

    /// The configuration in use.
    pub fn config(&self) -> &OAuthClientConfig {
        &self.inner.config
    }

    /// The signed-in user of this request, checked against the store: a session whose user
    /// is gone, deactivated or whose sessions were ended (their address was taken over by its
    /// proven owner) is signed out and yields `None`. Host pages should use this rather than
    /// the session's bare user id.
    pub async fn signed_in_user(
        &self,
        req: &actix_web::HttpRequest,
    ) -> Result<Option<oauthclient_core::account::User>, OAuthError> {
        crate::current_user::signed_in_user(
            self.inner.current_user.as_ref(),
            self.inner.users.as_ref(),
            req,
        )
        .await
    }

    /// Sends `user` a link confirming their current address (for a host's own sign-up form),
    /// unless one went out less than `email_resend_cooldown` ago. `Ok(false)`: cooling down,
    /// nothing sent.
    pub async fn send_confirmation(
        &self,
        user: &oauthclient_core::account::User,
    ) -> Result<bool, OAuthError> {
        crate::confirmation::send(&self.inner, user).await
    }

    /// Signs `user` in through the configured [`CurrentUser`] glue (renewing the session),
    /// for a host's own login form; refuses an unconfirmed address when verification is
    /// mandatory, and an inactive user.
    pub fn sign_in(
        &self,
        req: &actix_web::HttpRequest,
        user: &oauthclient_core::account::User,
    ) -> Result<(), OAuthError> {
        self.inner.engine().ensure_may_sign_in_locally(user)?;
        crate::session::start_signed_in(&self.inner, req, user, false)
    }
}

/// `{prefix}_session`; on https `__Host-{prefix}_session`: browsers then only accept the
/// cookie when it is `Secure`, has `Path=/` and no `Domain`, so a sibling subdomain (or a
/// plain-http response) cannot plant or overwrite it (session fixation by cookie tossing).
pub(crate) fn session_cookie_name(config: &OAuthClientConfig) -> String {
    let name = format!("{}_session", config.session_key_prefix);
    if config.site_url.scheme() == "https" {
        format!("__Host-{name}")
    } else {
        name
    }
}

/// The cookie key, derived (HKDF inside `Key::derive_from`) from the current secret.
pub(crate) fn session_key(config: &OAuthClientConfig) -> Key {
    let secret = config
        .secret_keys
        .first()
        .map(|entry| entry.secret.expose_secret().to_owned())
        .unwrap_or_default();
    // Config loading guarantees >= 32 bytes; pad defensively so derive_from cannot panic on a
    // hand-built configuration.
    let mut material = format!("oauthclient-rs session v1:{secret}").into_bytes();
    material.resize(material.len().max(32), 0);
    Key::derive_from(&material)
}
