//! [`Runtime`]: everything the endpoints share, built once by [`crate::RuntimeBuilder`], and
//! the one entry point an adapter calls per request ([`Runtime::handle`]).

use std::sync::Arc;

use oauthclient_core::account::{User, UserId};
use oauthclient_core::handlers::{ApiRequest, ApiResponse, ProtocolContext, RemoteApi};
use oauthclient_core::{OAuthClientConfig, OAuthError, Token};

use crate::i18n::{Locale, Localizer};
use crate::parts::{AppRuntime, Parts};
use crate::reply::Reply;
use crate::request::Request;
use crate::routes::{Paths, Route};
use crate::session::{SessionData, SessionExpiry, SessionVerdict, lifetime};

/// The front end, ready to serve: cheap to clone (one `Arc`), shared by every worker.
#[derive(Clone)]
pub struct Runtime {
    pub(crate) parts: Arc<Parts>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("apps", &self.parts.apps.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// Serves one request of `route`: `param` is the route's path parameter (`{app}` or
    /// `{token}`), `session` the request's session, loaded by the adapter, whose recorded
    /// changes ([`SessionData::take_ops`]) the adapter applies after this returns.
    pub async fn handle(
        &self,
        route: &Route,
        param: Option<&str>,
        request: &Request,
        session: &mut SessionData,
    ) -> Reply {
        let mut reply = crate::handlers::dispatch(
            &self.parts,
            route.endpoint,
            param.unwrap_or_default(),
            request,
            session,
        )
        .await;
        if route.pattern.starts_with(crate::cors::API_PREFIX) {
            crate::cors::apply(&self.parts.config, request, &mut reply);
        }
        reply
    }

    /// The session keys the front end (and the [`crate::CurrentUser`] glue) reads: an adapter whose
    /// session library cannot list its keys loads these.
    pub fn session_keys(&self) -> Vec<String> {
        let prefix = &self.parts.config.session_key_prefix;
        let mut keys = crate::oauth_session::library_keys(prefix, self.parts.apps.keys());
        keys.extend(self.parts.current_user.session_keys());
        keys.push(crate::session::SESSION_LIFETIME_KEY.to_owned());
        keys
    }

    /// Before any handler — the adapters' session layers call it for every request, host
    /// routes included: a session past its lifetime or idle timeout (`[session]`) is purged
    /// (server-side too, once the adapter applies [`SessionData::take_ops`]); a fresh one has
    /// this request recorded, at most every few minutes.
    pub fn enforce_session_lifetime(&self, session: &mut SessionData) -> SessionVerdict {
        lifetime::enforce(session, self.now(), &self.parts.config.session)
    }

    /// After the handler: stamps a session that holds values (`holds_values`, as the
    /// adapter's session library sees it) with its start, and tells how long to keep it — a
    /// persistent cookie only for a remembered session. `None`: the session holds nothing.
    pub fn stamp_session(
        &self,
        session: &mut SessionData,
        holds_values: bool,
    ) -> Option<SessionExpiry> {
        lifetime::stamp(
            session,
            holds_values,
            self.now(),
            &self.parts.config.session,
        )
    }

    /// How long to keep a session whose stored values are `session` (for a session store
    /// that picks the TTL from what it stores); `None` when it carries no lifetime stamp.
    pub fn session_expiry(&self, session: &SessionData) -> Option<SessionExpiry> {
        lifetime::expiry_of(session, self.now(), &self.parts.config.session)
    }

    fn now(&self) -> u64 {
        self.parts.clock.now()
    }

    /// The configuration in use.
    pub fn config(&self) -> &OAuthClientConfig {
        &self.parts.config
    }

    /// The message catalogs and locales in use (the library's, the host's, `[locales]`): for
    /// host pages that format their own messages (`localizer.text(&locale, "my-app-title")`).
    pub fn localizer(&self) -> &Arc<Localizer> {
        &self.parts.localizer
    }

    /// The locale of `request` as the library's pages pick it: `?lang=`, the language cookie,
    /// the host's [`HostPolicy::preferred_locale`] for a signed-in user, `Accept-Language`,
    /// then `[locales] default`. For host pages; the adapters' session layers write the
    /// cookie `?lang=` asks for on every response ([`Runtime::language_cookie`]).
    ///
    /// [`HostPolicy::preferred_locale`]: oauthclient_core::host_policy::HostPolicy::preferred_locale
    pub async fn locale(&self, request: &Request, session: &SessionData) -> Locale {
        crate::handlers::request_locale(&self.parts, request, session)
            .await
            .locale
    }

    /// The `Set-Cookie` value the `?lang=` of `query` (the raw query string) asks for: the
    /// language cookie holding an enabled locale's tag, or its removal for `?lang=` empty or
    /// `auto`; `None` without `?lang=` or for a tag with no enabled catalog. The adapters'
    /// session layers add it to responses of host routes (the library's own answers carry it
    /// already).
    pub fn language_cookie(&self, query: &str) -> Option<String> {
        crate::i18n::choice::cookie_for_query(
            &self.parts.localizer,
            query,
            crate::cookie::is_https(&self.parts.config),
        )
    }

    /// The URLs of the library's pages, under the site's public prefix.
    pub fn paths(&self) -> &Paths {
        &self.parts.paths
    }

    /// The seed's Client: sends `request` to `app`'s API on behalf of `user_id`, authenticated
    /// with their stored token — refreshed first when it expired (see
    /// [`Runtime::access_token`]) — relative URLs resolving against the app's `base_url`,
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
        let runtime = self.app(app)?;
        // Checked before the token is even read: a refused URL costs no refresh either.
        runtime.api.resolve_on_base_origin(&request.url)?;
        let token = self.fresh_token(runtime, user_id).await?;
        runtime.api.send(request.with_token(token)).await
    }

    /// The user's token for `app`, valid: refreshed with the refresh token when it expired (or
    /// expires within the leeway, [`crate::RuntimeBuilder::token_expiry_leeway`]), one refresh
    /// at a time per token. [`OAuthError::NotLinked`] when there is no token;
    /// [`OAuthError::ReconnectRequired`] when the provider refused the refresh (the user must
    /// sign in with the app again; the linked accounts page offers "Reconnect").
    pub async fn access_token(&self, app: &str, user_id: &UserId) -> Result<Token, OAuthError> {
        let runtime = self.app(app)?;
        self.fresh_token(runtime, user_id).await
    }

    /// The stored token, refreshed by the app's protocol handler when it expired (OpenID
    /// Connect refreshes at the discovered token endpoint, not at the issuer).
    async fn fresh_token(
        &self,
        runtime: &AppRuntime,
        user_id: &UserId,
    ) -> Result<Token, OAuthError> {
        let redirect_uri = self.parts.config.redirect_uri(&runtime.remote.name);
        let ctx = ProtocolContext {
            app: &runtime.remote,
            http: &self.parts.http,
            redirect_uri: &redirect_uri,
        };
        self.parts
            .tokens
            .access_token_via(runtime.handlers.protocol.as_ref(), &ctx, user_id)
            .await
    }

    fn app(&self, app: &str) -> Result<&AppRuntime, OAuthError> {
        self.parts
            .apps
            .get(app)
            .ok_or_else(|| OAuthError::UnknownRemote(app.to_owned()))
    }

    /// The signed-in user of this session, checked against the store: a session whose user
    /// is gone, deactivated or whose sessions were ended ("sign out everywhere") is signed out
    /// and yields `None`. Host pages should use this rather than
    /// the session's bare user id.
    pub async fn signed_in_user(
        &self,
        request: &Request,
        session: &mut SessionData,
    ) -> Result<Option<User>, OAuthError> {
        crate::sign_in::signed_in_user(&self.parts, request, session).await
    }

    /// Sends `user` a link confirming their current address (for a host's own sign-up form),
    /// unless one went out less than `email_resend_cooldown` ago. `Ok(false)`: cooling down,
    /// nothing sent.
    pub async fn send_confirmation(&self, user: &User) -> Result<bool, OAuthError> {
        let locale = self.parts.localizer.default_locale();
        crate::confirmation::send(&self.parts, user, locale).await
    }

    /// [`Runtime::send_confirmation`], the mail written in `locale` (the language of the
    /// request that asked for it).
    pub async fn send_confirmation_in(
        &self,
        user: &User,
        locale: &Locale,
    ) -> Result<bool, OAuthError> {
        crate::confirmation::send(&self.parts, user, locale).await
    }

    /// Signs `user` in through the configured [`crate::CurrentUser`] glue (renewing the session),
    /// for a host's own login form; refuses an unconfirmed address when verification is
    /// mandatory, and an inactive user.
    pub fn sign_in(
        &self,
        request: &Request,
        session: &mut SessionData,
        user: &User,
    ) -> Result<(), OAuthError> {
        self.parts.engine().ensure_may_sign_in_locally(user)?;
        crate::sign_in::start_signed_in(&self.parts, request, session, user, false)
    }

    /// The reply for `err` as the library's pages show it (an error page, or a flash and a
    /// redirect), for host routes that want the same answers.
    pub fn error_reply(
        &self,
        request: &Request,
        session: &mut SessionData,
        err: &OAuthError,
    ) -> Reply {
        let locale = crate::i18n::choice::of_request(&self.parts.localizer, request).locale;
        crate::errors::error(&self.parts, request, session, &locale, err, None)
    }

    /// A session store outage, answered as the library answers it: `503` with
    /// `Retry-After`, for adapters whose session layer failed before a handler ran.
    pub fn session_unavailable(&self) -> Reply {
        crate::errors::session_unavailable()
    }

    /// Takes the messages queued for this session, for a host app's own pages, formatted in
    /// the locale of the request ([`Runtime::locale`]: the library's own messages; a host's
    /// text stays as it was pushed). The free [`crate::take_flashes`] formats in English.
    pub async fn take_flashes(
        &self,
        request: &Request,
        session: &mut SessionData,
    ) -> Vec<crate::Flash> {
        let locale = self.locale(request, session).await;
        crate::flash::take_in(session, &self.parts.localizer, &locale)
    }

    /// `413 Payload Too Large` in plain text, in the language of `request`: for an adapter
    /// whose body limit refused the request before a handler ran.
    pub fn request_too_large(&self, request: &Request) -> Reply {
        let locale = crate::i18n::choice::of_request(&self.parts.localizer, request).locale;
        crate::errors::request_too_large_in(&self.parts.localizer, &locale)
    }

    /// [`Runtime::session_unavailable`] in the language of `request` (its `?lang=`, language
    /// cookie or `Accept-Language`: the session, and so the host's hook, is out of reach).
    pub fn session_unavailable_for(&self, request: &Request) -> Reply {
        let locale = crate::i18n::choice::of_request(&self.parts.localizer, request).locale;
        crate::errors::session_unavailable_in(&self.parts.localizer, &locale)
    }
}

/// Compile-time check: a request's future is `Send`, as multi-threaded servers (axum on tokio)
/// require.
#[allow(dead_code, reason = "only compiled, never called")]
fn handle_is_send<'a>(
    runtime: &'a Runtime,
    route: &'a Route,
    request: &'a Request,
    session: &'a mut SessionData,
) -> impl Future<Output = Reply> + Send + 'a {
    runtime.handle(route, None, request, session)
}
