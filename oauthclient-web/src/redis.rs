//! Redis sessions (feature `redis`): server-side session state shared by every instance,
//! through a connection pool (deadpool) that replaces connections broken while Redis was down.

use std::time::Duration;

use actix_session::storage::RedisSessionStore;
use oauthclient_core::OAuthError;
use oauthclient_core::redact::{redact_url_in, redact_url_userinfo};
use oauthclient_core::store::StoreError;

/// Connects a Redis session store, giving up after `timeout`. Without the bound, the redis
/// client's retry defaults make an unreachable server take minutes to report.
///
/// ```no_run
/// # async fn example(oauth: oauthclient_web::OAuthClient) -> Result<(), oauthclient_core::OAuthError> {
/// let store = oauthclient_web::connect_redis_store("redis://127.0.0.1:6379", std::time::Duration::from_secs(3)).await?;
/// let middleware = oauth.session_middleware_with(store);
/// # let _ = middleware; Ok(()) }
/// ```
pub async fn connect_redis_store(
    url: &str,
    timeout: Duration,
) -> Result<RedisSessionStore, OAuthError> {
    // The URL may carry the Redis password: every message goes through `redact_url_in`, and
    // the URL is only ever shown without its userinfo.
    let unavailable = |message: String| {
        OAuthError::Store(StoreError::unavailable(format!(
            "redis session store: {}",
            redact_url_in(&message, url)
        )))
    };
    let shown = redact_url_userinfo(url);
    let mut config = deadpool_redis::Config::from_url(url);
    config.pool = Some(deadpool_redis::PoolConfig {
        timeouts: deadpool_redis::Timeouts {
            wait: Some(timeout),
            create: Some(timeout),
            recycle: Some(timeout),
        },
        ..deadpool_redis::PoolConfig::default()
    });
    let pool = config
        .create_pool(Some(deadpool_redis::Runtime::Tokio1))
        .map_err(|err| unavailable(err.to_string()))?;
    // The pool connects lazily: prove Redis answers now, so a wrong URL fails at start-up.
    let mut connection = pool
        .get()
        .await
        .map_err(|err| unavailable(format!("cannot connect to {shown}: {err}")))?;
    let ping = deadpool_redis::redis::cmd("PING");
    match tokio::time::timeout(timeout, ping.query_async::<String>(&mut connection)).await {
        Ok(Ok(_)) => {}
        Ok(Err(err)) => return Err(unavailable(err.to_string())),
        Err(_) => {
            return Err(unavailable(format!(
                "no answer from {shown} within {timeout:?}"
            )));
        }
    }
    drop(connection);
    RedisSessionStore::builder_pooled(pool)
        .build()
        .await
        .map_err(|err| unavailable(err.to_string()))
}
