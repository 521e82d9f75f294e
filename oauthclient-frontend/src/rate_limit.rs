//! Per-client rate limiting of logins and callbacks (`[rate_limit]` in the configuration): the
//! request side of [`oauthclient_core::rate_limit::RateLimiter`], which does the keying (IPv4
//! address / IPv6 /64), the `X-Forwarded-For` walk and the bounded bucket table.

use std::time::Duration;

use oauthclient_core::config::RateLimit;
use oauthclient_core::rate_limit::Limited;

use crate::request::Request;

pub(crate) struct RateLimiter(oauthclient_core::rate_limit::RateLimiter);

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Self(oauthclient_core::rate_limit::RateLimiter::new(limit))
    }

    /// Takes one request from the client's bucket; `Err(wait)` when it is empty.
    pub(crate) fn check(&self, request: &Request) -> Result<(), Duration> {
        check_rate_limit(&self.0, request).map_err(|limited| limited.retry_after)
    }
}

/// Takes one token from the bucket of the client behind `request` (its TCP peer, or what
/// trusted proxies say in `X-Forwarded-For`), for host routes that want the same limit as the
/// oauthclient endpoints — a password form, say. A request without a peer address (an
/// in-process test request) is not limited.
///
/// ```
/// use oauthclient_core::config::RateLimit;
/// use oauthclient_core::rate_limit::RateLimiter;
/// use oauthclient_frontend::{Request, check_rate_limit};
///
/// let limiter = RateLimiter::new(RateLimit { per_minute: 6, burst: 1, trusted_proxies: vec![] });
/// let request = Request { peer: Some("192.0.2.1:4242".parse()?), ..Request::default() };
/// assert!(check_rate_limit(&limiter, &request).is_ok());
/// assert!(check_rate_limit(&limiter, &request).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_rate_limit(
    limiter: &oauthclient_core::rate_limit::RateLimiter,
    request: &Request,
) -> Result<(), Limited> {
    let Some(peer) = request.peer else {
        return Ok(());
    };
    // A value that is not text becomes "", which ends the walk: dropping it would let the
    // walk continue into the entries the client wrote.
    let forwarded_for = request
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|value| value.to_str().unwrap_or_default());
    limiter.check(peer.ip(), forwarded_for)
}
