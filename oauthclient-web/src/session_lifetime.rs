//! Session lifetimes on actix-web, for every request through
//! [`crate::OAuthSessionMiddleware`] (host routes included): [`LifetimeService`] runs inside
//! actix-session's middleware, where the session is loaded, and [`persist_cookie`] outside
//! it, where the cookie has been written.
//!
//! Before the handler an expired session is emptied; after it, the emptied session is purged
//! (its server-side record deleted, its cookie removed) or, when the handler put something in
//! it (a new sign-in flow), renewed under a new key (the old record deleted). Purging at once
//! would lose those values: actix-session ignores writes after a purge.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use actix_session::{SessionExt, SessionStatus};
use actix_web::cookie::Cookie;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, forward_ready};
use actix_web::http::header::{HeaderValue, SET_COOKIE};
use actix_web::{Error, HttpMessage};
use oauthclient_frontend::{Runtime, SessionVerdict};

use crate::adapter;

/// A response extension: the session is remembered, its cookie persists this long.
#[derive(Debug, Clone, Copy)]
struct PersistentCookie(Duration);

/// Enforces the session's lifetime around the host's app (plumbing; hosts never name it).
#[doc(hidden)]
pub struct LifetimeService<S> {
    inner: Rc<S>,
    runtime: Runtime,
}

impl<S> LifetimeService<S> {
    pub(crate) fn new(inner: S, runtime: Runtime) -> Self {
        Self {
            inner: Rc::new(inner),
            runtime,
        }
    }
}

impl<S, B> Service<ServiceRequest> for LifetimeService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<ServiceResponse<B>, Error>>>>;

    forward_ready!(inner);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let runtime = self.runtime.clone();
        // Host routes too: `?lang=` on any page remembers the language.
        let language_cookie = runtime.language_cookie(req.query_string());
        req.extensions_mut().insert(HostRuntime(runtime.clone()));
        let session = req.get_session();
        let mut data = adapter::load(&session);
        let expired = runtime.enforce_session_lifetime(&mut data) == SessionVerdict::Expired;
        if expired {
            session.clear();
        } else {
            adapter::apply(&session, data.take_ops());
        }
        let response = self.inner.call(req);
        Box::pin(async move {
            let mut response = response.await?;
            if expired && session.status() != SessionStatus::Purged {
                if session.entries().is_empty() {
                    session.purge();
                } else {
                    session.renew();
                }
            }
            let holds_values =
                session.status() != SessionStatus::Purged && !session.entries().is_empty();
            let mut data = adapter::load(&session);
            let expiry = runtime.stamp_session(&mut data, holds_values);
            adapter::apply(&session, data.take_ops());
            if let Some(cookie) = language_cookie {
                add_language_cookie(response.headers_mut(), &cookie);
            }
            if let Some(max_age) = expiry.and_then(|expiry| expiry.cookie_max_age) {
                response
                    .response_mut()
                    .extensions_mut()
                    .insert(PersistentCookie(max_age));
            }
            Ok(response)
        })
    }
}

/// The runtime, in a request's extensions for the host helpers ([`crate::locale`]).
#[derive(Clone)]
pub(crate) struct HostRuntime(pub(crate) Runtime);

/// Appends the language cookie `?lang=` asked for, unless the library's answer carries it.
fn add_language_cookie(headers: &mut actix_web::http::header::HeaderMap, cookie: &str) {
    let prefix = format!("{}=", oauthclient_frontend::LANGUAGE_COOKIE);
    let written = headers
        .get_all(SET_COOKIE)
        .any(|value| value.to_str().is_ok_and(|text| text.starts_with(&prefix)));
    if !written && let Ok(value) = HeaderValue::from_str(cookie) {
        headers.append(SET_COOKIE, value);
    }
}

/// Gives the session cookie `name` written into `response` the `Max-Age` of a remembered
/// session; without one (a default session) it stays a browser-session cookie. A removal
/// (`Max-Age=0`) is left alone.
pub(crate) fn persist_cookie<B>(response: &mut ServiceResponse<B>, name: &str) {
    let Some(PersistentCookie(max_age)) = response
        .response()
        .extensions()
        .get::<PersistentCookie>()
        .copied()
    else {
        return;
    };
    let Ok(max_age) = i64::try_from(max_age.as_secs()) else {
        return;
    };
    let headers = response.headers_mut();
    let written: Vec<HeaderValue> = headers.get_all(SET_COOKIE).cloned().collect();
    if written.is_empty() {
        return;
    }
    headers.remove(SET_COOKIE);
    for value in written {
        let rewritten = value
            .to_str()
            .ok()
            .and_then(|text| Cookie::parse(text.to_owned()).ok())
            .filter(|cookie| {
                cookie.name() == name
                    && cookie
                        .max_age()
                        .is_none_or(|age| age > actix_web::cookie::time::Duration::ZERO)
            })
            .and_then(|mut cookie| {
                cookie.set_max_age(actix_web::cookie::time::Duration::seconds(max_age));
                HeaderValue::try_from(cookie.to_string()).ok()
            });
        headers.append(SET_COOKIE, rewritten.unwrap_or(value));
    }
}
