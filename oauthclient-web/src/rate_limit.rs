//! Per-client rate limiting of logins and callbacks (`[rate_limit]` in the configuration): the
//! actix side of [`oauthclient_core::rate_limit::RateLimiter`], which does the keying (IPv4
//! address / IPv6 /64), the `X-Forwarded-For` walk and the bounded bucket table.

use std::time::Duration;

use actix_web::HttpRequest;
use actix_web::http::header;
use oauthclient_core::config::RateLimit;
use oauthclient_core::rate_limit::Limited;

pub(crate) struct RateLimiter(oauthclient_core::rate_limit::RateLimiter);

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Self(oauthclient_core::rate_limit::RateLimiter::new(limit))
    }

    /// Takes one request from the client's bucket; `Err(wait)` when it is empty.
    pub(crate) fn check(&self, req: &HttpRequest) -> Result<(), Duration> {
        check_rate_limit(&self.0, req).map_err(|limited| limited.retry_after)
    }
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
pub fn check_rate_limit(
    limiter: &oauthclient_core::rate_limit::RateLimiter,
    req: &HttpRequest,
) -> Result<(), Limited> {
    let Some(peer) = req.peer_addr() else {
        return Ok(());
    };
    // A value that is not text becomes "", which ends the walk: dropping it would let the
    // walk continue into the entries the client wrote.
    let forwarded_for = req
        .headers()
        .get_all(header::X_FORWARDED_FOR)
        .map(|value| value.to_str().unwrap_or_default());
    limiter.check(peer.ip(), forwarded_for)
}
