//! Helpers for the host app's own actix-web routes: the front end's CSRF tokens, flash
//! messages, the request's locale and rate limit over an `HttpRequest`.

use actix_session::SessionExt;
use actix_web::{HttpMessage, HttpRequest};
use oauthclient_core::rate_limit::{Limited, RateLimiter};
use oauthclient_core::{Message, OAuthError};
use oauthclient_frontend::{Flash, Locale};

use crate::adapter::{load, request, with_session};
use crate::session_lifetime::HostRuntime;

/// This session's CSRF token, created on first use. Host apps put it in their own forms
/// (field `csrf_token`) and check it with [`verify_csrf`].
pub fn csrf_token(req: &HttpRequest) -> Result<String, OAuthError> {
    Ok(with_session(req, oauthclient_frontend::csrf_token))
}

/// Checks a submitted CSRF token against the session's (constant time); a missing or wrong
/// one is an [`OAuthError::InvalidState`] (403).
pub fn verify_csrf(req: &HttpRequest, submitted: Option<&str>) -> Result<(), OAuthError> {
    with_session(req, |session| {
        oauthclient_frontend::verify_csrf(session, submitted)
    })
}

/// Takes the messages queued for this session, for a host app's own pages (oauthclient's
/// pages show them already). The library's messages come in English:
/// [`crate::OAuthClient::take_flashes`] writes them in the request's language.
pub fn take_flashes(req: &HttpRequest) -> Vec<Flash> {
    with_session(req, oauthclient_frontend::take_flashes)
}

/// The locale of this request, as the library's pages pick it (`?lang=`, the language
/// cookie, the host's `HostPolicy::preferred_locale` for a signed-in user,
/// `Accept-Language`, `[locales] default`): for a host page's `<html lang dir>` and its own
/// messages (`client.runtime().localizer().text(&locale, "my-id")`). Outside
/// [`crate::OAuthSessionMiddleware`] there is no runtime to ask: English.
pub async fn locale(req: &HttpRequest) -> Locale {
    let runtime = req.extensions().get::<HostRuntime>().cloned();
    let Some(HostRuntime(runtime)) = runtime else {
        return Locale::default();
    };
    let data = load(&req.get_session());
    runtime.locale(&request(req, &[]), &data).await
}

/// Queues a message for the next page oauthclient (or the host app) renders.
pub fn push_flash(req: &HttpRequest, category: &str, message: impl Into<String>) {
    with_session(req, |session| {
        oauthclient_frontend::push_flash(session, category, message);
    });
}

/// Queues a message by catalog id (the library's or one of your own `.ftl` files), formatted
/// in the language of the page that shows it: a `?lang=` between the redirect and that page
/// still applies.
pub fn push_flash_message(req: &HttpRequest, category: &str, message: &Message) {
    with_session(req, |session| {
        oauthclient_frontend::push_flash_message(session, category, message);
    });
}

/// Takes one token from the bucket of the client behind `req` (its TCP peer, or what trusted
/// proxies say in `X-Forwarded-For`), for host routes that want the same limit as the
/// oauthclient endpoints — a password form, say. A request without a peer address (an
/// in-process test request) is not limited.
///
/// ```
/// use actix_web::test::TestRequest;
/// use oauthclient_core::config::RateLimit;
/// use oauthclient_core::rate_limit::RateLimiter;
///
/// let limiter = RateLimiter::new(RateLimit { per_minute: 6, burst: 1, trusted_proxies: vec![] });
/// let req = TestRequest::default().peer_addr("192.0.2.1:4242".parse()?).to_http_request();
/// assert!(oauthclient_web::check_rate_limit(&limiter, &req).is_ok());
/// assert!(oauthclient_web::check_rate_limit(&limiter, &req).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_rate_limit(limiter: &RateLimiter, req: &HttpRequest) -> Result<(), Limited> {
    oauthclient_frontend::check_rate_limit(limiter, &request(req, &[]))
}
