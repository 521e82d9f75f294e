//! [`OAuthSessionLayer`]: provides the request's `tower_sessions::Session`, kept in an
//! encrypted cookie ([`crate::cookie_store`]) or in a server-side store (Redis), with the
//! library's cookie settings and the lifetimes of `[session]` (an expired session ends before
//! any handler; a remembered one gets a persistent cookie and a matching record expiry), and
//! saves it after the handler.
//!
//! Why not tower-sessions' `SessionManagerLayer`: it answers a failed save with a bare `500`
//! (and the handler cannot prevent a second save after its own), while a session store outage
//! must be the front end's `503` + `Retry-After`; and it cannot keep the whole session in the
//! cookie. Saving here, where the failure is seen, gives both in one small layer.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::response::Response;
use cookie::time::OffsetDateTime;
use cookie::{Cookie, CookieJar, Key, SameSite};
use http::header::{COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue};
use oauthclient_frontend::{Request, Runtime, SESSION_LIFETIME_KEY, SessionData, SessionExpiry};
use tower_sessions::session::{Error as SessionError, Id};
use tower_sessions::{Expiry, Session, SessionStore};

use crate::adapter;
use crate::cookie_store::CookieRecord;

/// Browsers drop cookies over 4096 bytes (name and attributes included) without a word: a
/// session that grew past it is refused here, visibly, instead.
const MAX_COOKIE_BYTES: usize = 4096;

/// Opens the session of a request from its cookie's (decrypted) value.
type OpenSession = Arc<dyn Fn(Option<Id>) -> Session + Send + Sync>;

/// Where the session lives.
#[derive(Clone)]
enum Backend {
    /// In the cookie: no server state.
    Cookie,
    /// In a `SessionStore` (Redis); the cookie holds the session id.
    Server(OpenSession),
}

/// The session layer [`crate::OAuthRouter::session_layer`] returns: `.layer(...)` it on the
/// host's router, outside the oauthclient routes and any host route that uses the session.
#[derive(Clone)]
pub struct OAuthSessionLayer {
    runtime: Runtime,
    key: Key,
    name: String,
    secure: bool,
    backend: Backend,
}

impl std::fmt::Debug for OAuthSessionLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthSessionLayer")
            .field("name", &self.name)
            .field("secure", &self.secure)
            .field("server_side", &matches!(self.backend, Backend::Server(_)))
            .finish_non_exhaustive()
    }
}

impl OAuthSessionLayer {
    /// Cookie sessions with the library's settings for `runtime`'s configuration.
    pub(crate) fn cookie(runtime: &Runtime) -> Self {
        let config = runtime.config();
        Self {
            runtime: runtime.clone(),
            key: Key::derive_from(&oauthclient_frontend::session_key_material(config)),
            name: oauthclient_frontend::session_cookie_name(config),
            secure: oauthclient_frontend::is_https(config),
            backend: Backend::Cookie,
        }
    }

    /// Sessions in `store`, the same cookie settings (the cookie then holds only the id).
    pub(crate) fn server(runtime: &Runtime, store: impl SessionStore) -> Self {
        let store = Arc::new(store);
        let open: OpenSession = Arc::new(move |id| Session::new(id, store.clone(), None));
        Self {
            backend: Backend::Server(open),
            ..Self::cookie(runtime)
        }
    }

    /// The request's session, and (cookie sessions) the record the cookie is written from.
    fn open(&self, headers: &HeaderMap) -> (Session, Option<Arc<CookieRecord>>, bool) {
        let mut jar = CookieJar::new();
        for header in headers.get_all(COOKIE) {
            let Ok(header) = header.to_str() else {
                continue;
            };
            for cookie in Cookie::split_parse(header).flatten() {
                jar.add_original(cookie.into_owned());
            }
        }
        let sent = jar.get(&self.name).is_some();
        // A cookie that does not decrypt (forged, or sealed with an older secret) is no session.
        let value = jar.private(&self.key).get(&self.name);
        let value = value.as_ref().map(Cookie::value);
        match &self.backend {
            Backend::Cookie => {
                let record = Arc::new(CookieRecord::decode(value));
                let session = Session::new(record.id(), record.clone(), None);
                (session, Some(record), sent)
            }
            Backend::Server(open) => (open(value.and_then(|id| id.parse().ok())), None, sent),
        }
    }

    /// Before the handler: ends an expired session (its record deleted from the store), or
    /// records this request in a fresh one (see [`Runtime::enforce_session_lifetime`]).
    async fn enforce(&self, session: &Session) -> Result<(), SessionError> {
        let mut data = lifetime_stamp(session).await?;
        self.runtime.enforce_session_lifetime(&mut data);
        adapter::apply(session, data.take_ops()).await
    }

    /// After the handler: saves a changed session, kept as long as it lasts, and sets its
    /// cookie — persistent for a remembered session — or removes the cookie of an ended one.
    /// A store failure replaces the response with the front end's 503.
    async fn finish(
        &self,
        language: &Request,
        session: &Session,
        record: Option<&CookieRecord>,
        sent: bool,
        response: &mut Response,
    ) {
        let holds_values = !session.is_empty().await;
        let expiry = match self.stamp(session, holds_values).await {
            Ok(expiry) => expiry,
            Err(err) => {
                *response = adapter::unavailable(&self.runtime, language, &err);
                return;
            }
        };
        if !holds_values {
            if sent {
                let removal = self.session_cookie(String::new()).removal().build();
                self.set_cookie(response, removal, false);
            }
            return;
        }
        // A server error saved nothing (tower-sessions' rule): its changes may be half made.
        if !session.is_modified() || response.status().is_server_error() {
            return;
        }
        if let Some(expiry) = expiry {
            let ends = OffsetDateTime::now_utc().saturating_add(seconds(expiry.server_ttl));
            session.set_expiry(Some(Expiry::AtDateTime(ends)));
        }
        let value = match session.save().await {
            Ok(()) => match record {
                Some(record) => record.encoded(),
                None => session.id().map(|id| id.to_string()).ok_or_else(|| {
                    tower_sessions::session_store::Error::Backend("saved without an id".into())
                }),
            },
            Err(err) => {
                *response = adapter::unavailable(&self.runtime, language, &err);
                return;
            }
        };
        match value {
            Ok(value) => {
                let mut cookie = self.session_cookie(value);
                if let Some(max_age) = expiry.and_then(|expiry| expiry.cookie_max_age) {
                    cookie = cookie.max_age(seconds(max_age));
                }
                self.set_cookie(response, cookie.build(), true);
            }
            Err(err) => {
                *response = adapter::unavailable(&self.runtime, language, &SessionError::from(err));
            }
        }
    }

    /// Stamps a session that holds values with its start; how long to keep it.
    async fn stamp(
        &self,
        session: &Session,
        holds_values: bool,
    ) -> Result<Option<SessionExpiry>, SessionError> {
        let mut data = lifetime_stamp(session).await?;
        let expiry = self.runtime.stamp_session(&mut data, holds_values);
        adapter::apply(session, data.take_ops()).await?;
        Ok(expiry)
    }

    /// The session cookie with the library's attributes: `HttpOnly`; `SameSite=Lax`, since
    /// the provider's redirect back is a cross-site navigation that must carry it; `Secure`
    /// on https (the name is then `__Host-…`, which requires it and `Path=/`).
    fn session_cookie(&self, value: String) -> cookie::CookieBuilder<'static> {
        Cookie::build((self.name.clone(), value))
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .path("/")
    }

    /// Appends `cookie` as a `Set-Cookie`, sealed (encrypted and authenticated) when `seal`.
    fn set_cookie(&self, response: &mut Response, cookie: Cookie<'static>, seal: bool) {
        let mut jar = CookieJar::new();
        if seal {
            jar.private_mut(&self.key).add(cookie);
        } else {
            jar.add(cookie);
        }
        for cookie in jar.delta() {
            let text = cookie.to_string();
            if text.len() > MAX_COOKIE_BYTES {
                tracing::error!(
                    bytes = text.len(),
                    "the session outgrew its cookie; use server-side sessions"
                );
                *response = adapter::response(oauthclient_frontend::Reply::empty(
                    http::StatusCode::INTERNAL_SERVER_ERROR,
                ));
                return;
            }
            if let Ok(value) = HeaderValue::try_from(text) {
                response.headers_mut().append(SET_COOKIE, value);
            }
        }
    }
}

/// The session's lifetime stamp, the one value the layer reads.
async fn lifetime_stamp(session: &Session) -> Result<SessionData, SessionError> {
    let stamp = session.get_value(SESSION_LIFETIME_KEY).await?;
    Ok(SessionData::from_values(
        stamp.map(|value| (SESSION_LIFETIME_KEY.to_owned(), value)),
    ))
}

/// `duration` in the `time` crate's terms (saturating: lifetimes are configured in seconds).
fn seconds(duration: std::time::Duration) -> cookie::time::Duration {
    cookie::time::Duration::seconds(i64::try_from(duration.as_secs()).unwrap_or(i64::MAX))
}

impl<S> tower_layer::Layer<S> for OAuthSessionLayer {
    type Service = OAuthSessionService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        OAuthSessionService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`OAuthSessionLayer`] wraps around the host's router (plumbing; hosts never
/// name it).
#[derive(Clone, Debug)]
pub struct OAuthSessionService<S> {
    inner: S,
    layer: OAuthSessionLayer,
}

impl<S, B> tower_service::Service<http::Request<B>> for OAuthSessionService<S>
where
    S: tower_service::Service<http::Request<B>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send,
    B: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        // The service polled ready is the one to call; the clone stays for the next request.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let layer = self.layer.clone();
        // Host routes too: `?lang=` on any page remembers the language.
        let language_cookie = self
            .layer
            .runtime
            .language_cookie(request.uri().query().unwrap_or_default());
        // A store failure after the handler answers in the request's language.
        let language =
            Request::language_only(request.uri().query().unwrap_or_default(), request.headers());
        Box::pin(async move {
            let (session, record, sent) = layer.open(request.headers());
            // Every request, host routes included: an expired session ends before any handler.
            if let Err(err) = layer.enforce(&session).await {
                return Ok(adapter::unavailable(&layer.runtime, &language, &err));
            }
            request.extensions_mut().insert(session.clone());
            let mut response = inner.call(request).await?;
            layer
                .finish(&language, &session, record.as_deref(), sent, &mut response)
                .await;
            if let Some(cookie) = language_cookie {
                add_language_cookie(response.headers_mut(), &cookie);
            }
            Ok(response)
        })
    }
}

/// Appends the language cookie `?lang=` asked for, unless the library's answer carries it.
fn add_language_cookie(headers: &mut HeaderMap, cookie: &str) {
    let prefix = format!("{}=", oauthclient_frontend::LANGUAGE_COOKIE);
    let written = headers
        .get_all(SET_COOKIE)
        .iter()
        .any(|value| value.to_str().is_ok_and(|text| text.starts_with(&prefix)));
    if !written && let Ok(value) = HeaderValue::from_str(cookie) {
        headers.append(SET_COOKIE, value);
    }
}
