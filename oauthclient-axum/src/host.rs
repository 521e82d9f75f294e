//! Helpers for the host app's own axum handlers: the signed-in user, sign-in, CSRF tokens,
//! flash messages, the request's locale and the rate limit, over a tower-sessions [`Session`].
//!
//! They are methods of [`OAuthRouter`], not free functions as in `oauthclient-web`: a
//! tower-sessions session cannot list its keys, so the runtime says which ones to load.
//! Session store failures come back as [`OAuthError::Store`] (unavailable: a 503).

use http::request::Parts;
use oauthclient_core::account::User;
use oauthclient_core::rate_limit::{Limited, RateLimiter};
use oauthclient_core::{Message, OAuthError};
use oauthclient_frontend::{Flash, Locale};
use tower_sessions::Session;

use crate::OAuthRouter;
use crate::adapter::{request_from, session_error, with_session};

impl OAuthRouter {
    /// The signed-in user of this request, checked against the store: a session whose user
    /// is gone, deactivated or whose sessions were ended is signed out and yields `None`.
    /// Host pages should use this rather than the session's bare user id. `parts` is the
    /// request's (`http::request::Parts` is an axum extractor).
    pub async fn signed_in_user(
        &self,
        parts: &Parts,
        session: &Session,
    ) -> Result<Option<User>, OAuthError> {
        let runtime = self.runtime();
        let mut data = crate::adapter::load(runtime, session)
            .await
            .map_err(|err| session_error(&err))?;
        let user = runtime
            .signed_in_user(&request_from(parts, Vec::new()), &mut data)
            .await;
        crate::adapter::apply(session, data.take_ops())
            .await
            .map_err(|err| session_error(&err))?;
        user
    }

    /// Signs `user` in through the configured [`crate::CurrentUser`] glue (a new session id),
    /// for a host's own login form; refuses an unconfirmed address when verification is
    /// mandatory, and an inactive user.
    pub async fn sign_in(
        &self,
        parts: &Parts,
        session: &Session,
        user: &User,
    ) -> Result<(), OAuthError> {
        let request = request_from(parts, Vec::new());
        with_session(self.runtime(), session, |data| {
            self.runtime().sign_in(&request, data, user)
        })
        .await?
    }

    /// This session's CSRF token, created on first use. Host apps put it in their own forms
    /// (field `csrf_token`) and check it with [`OAuthRouter::verify_csrf`].
    pub async fn csrf_token(&self, session: &Session) -> Result<String, OAuthError> {
        with_session(self.runtime(), session, oauthclient_frontend::csrf_token).await
    }

    /// Checks a submitted CSRF token against the session's (constant time); a missing or
    /// wrong one is an [`OAuthError::InvalidState`] (403).
    pub async fn verify_csrf(
        &self,
        session: &Session,
        submitted: Option<&str>,
    ) -> Result<(), OAuthError> {
        with_session(self.runtime(), session, |data| {
            oauthclient_frontend::verify_csrf(data, submitted)
        })
        .await?
    }

    /// Queues a message for the next page oauthclient (or the host app) renders.
    pub async fn push_flash(
        &self,
        session: &Session,
        category: &str,
        message: impl Into<String>,
    ) -> Result<(), OAuthError> {
        with_session(self.runtime(), session, |data| {
            oauthclient_frontend::push_flash(data, category, message);
        })
        .await
    }

    /// Queues a message by catalog id (the library's or one of your own `.ftl` files),
    /// formatted in the language of the page that shows it.
    pub async fn push_flash_message(
        &self,
        session: &Session,
        category: &str,
        message: &Message,
    ) -> Result<(), OAuthError> {
        with_session(self.runtime(), session, |data| {
            oauthclient_frontend::push_flash_message(data, category, message);
        })
        .await
    }

    /// The locale of this request, as the library's pages pick it (`?lang=`, the language
    /// cookie, the host's `HostPolicy::preferred_locale` for a signed-in user,
    /// `Accept-Language`, `[locales] default`): for a host page's `<html lang dir>` and its
    /// own messages (`router.runtime().localizer().text(&locale, "my-id")`). Never fails: if
    /// the session cannot be read, the signed-in user's preference is skipped.
    pub async fn locale(&self, parts: &Parts, session: &Session) -> Locale {
        let runtime = self.runtime();
        let data = crate::adapter::load(runtime, session)
            .await
            .unwrap_or_default();
        runtime
            .locale(&request_from(parts, Vec::new()), &data)
            .await
    }

    /// Takes the messages queued for this session, for a host app's own pages (oauthclient's
    /// pages show them already). The library's messages come in English:
    /// [`OAuthRouter::take_flashes_for`] writes them in the request's language.
    pub async fn take_flashes(&self, session: &Session) -> Result<Vec<Flash>, OAuthError> {
        with_session(self.runtime(), session, oauthclient_frontend::take_flashes).await
    }

    /// [`OAuthRouter::take_flashes`], the library's messages in the locale of the request
    /// ([`OAuthRouter::locale`]).
    pub async fn take_flashes_for(
        &self,
        parts: &Parts,
        session: &Session,
    ) -> Result<Vec<Flash>, OAuthError> {
        let runtime = self.runtime();
        let mut data = crate::adapter::load(runtime, session)
            .await
            .map_err(|err| session_error(&err))?;
        let flashes = runtime
            .take_flashes(&request_from(parts, Vec::new()), &mut data)
            .await;
        crate::adapter::apply(session, data.take_ops())
            .await
            .map_err(|err| session_error(&err))?;
        Ok(flashes)
    }
}

/// Takes one token from the bucket of the client behind `parts` (its TCP peer, or what
/// trusted proxies say in `X-Forwarded-For`), for host routes that want the same limit as the
/// oauthclient endpoints. The peer is only known when the app is served with
/// `into_make_service_with_connect_info::<SocketAddr>()`; without it nothing is limited.
pub fn check_rate_limit(limiter: &RateLimiter, parts: &Parts) -> Result<(), Limited> {
    oauthclient_frontend::check_rate_limit(limiter, &request_from(parts, Vec::new()))
}
