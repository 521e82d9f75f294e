//! Redis sessions (feature `redis`): server-side session state shared by every instance.

use std::time::Duration;

use actix_session::storage::RedisSessionStore;
use oauthclient_core::OAuthError;
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
    let unavailable = |message: String| {
        OAuthError::Store(StoreError::unavailable(format!(
            "redis session store: {message}"
        )))
    };
    match tokio::time::timeout(timeout, RedisSessionStore::new(url.to_owned())).await {
        Ok(Ok(store)) => Ok(store),
        Ok(Err(err)) => Err(unavailable(err.to_string())),
        Err(_) => Err(unavailable(format!(
            "no answer from {url} within {timeout:?}"
        ))),
    }
}
