//! [`RedisConnection`] (feature `redis`): the connection behind both adapters' Redis session
//! stores.
//!
//! One multiplexed connection (redis-rs `aio::ConnectionManager`), shared by every request:
//! commands are pipelined on it as they come, so a session load or save is one round trip.
//! The pool it replaces (deadpool-redis) checked each connection out with a pipelined
//! `UNWATCH` + `PING` before the command itself: a second round trip on every session access.
//! Recovery after an outage no longer needs that check: a command that finds the connection
//! dropped makes the manager reconnect, and is sent once more on the new connection.

use std::sync::Arc;
use std::time::Duration;

use oauthclient_core::OAuthError;
use oauthclient_core::redact::{redact_url_in, redact_url_userinfo};
use oauthclient_core::store::StoreError;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

/// How long one Redis session operation may take. Past this bound the request fails (as a
/// `503` with `Retry-After`) and the server stays responsive, whatever Redis does.
pub const REDIS_OPERATION_TIMEOUT: Duration = Duration::from_secs(3);

/// A Redis session operation that failed or timed out; its message never shows the URL's
/// password.
#[derive(Debug, thiserror::Error)]
#[error("redis session store: {message}")]
pub struct RedisError {
    message: String,
}

/// A shared, self-reconnecting connection to the sessions' Redis; cheap to clone (every clone
/// uses the same connection).
#[derive(Clone)]
pub struct RedisConnection {
    manager: ConnectionManager,
    /// The server's URL, only to redact it (its password) out of error messages.
    url: Arc<str>,
}

impl std::fmt::Debug for RedisConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisConnection")
            .field("url", &redact_url_userinfo(&self.url))
            .finish_non_exhaustive()
    }
}

impl RedisConnection {
    /// Connects to `url`, giving up after `timeout`, and PINGs the server so that a wrong URL
    /// or a server that is down fails at start-up rather than on the first request. Errors
    /// never show the URL's password.
    pub async fn connect(url: &str, timeout: Duration) -> Result<Self, OAuthError> {
        let unavailable = |message: String| {
            OAuthError::Store(StoreError::unavailable(format!(
                "redis session store: {}",
                redact_url_in(&message, url)
            )))
        };
        let shown = redact_url_userinfo(url);
        let client = redis::Client::open(url).map_err(|err| unavailable(err.to_string()))?;
        // No retries inside the manager: while Redis is down each attempt fails at once (a
        // refused connection), so requests answer 503 at once instead of waiting out a
        // back-off; the next command starts the next attempt.
        let config = ConnectionManagerConfig::new()
            .set_number_of_retries(0)
            .set_connection_timeout(timeout)
            .set_response_timeout(timeout);
        let connect = async {
            let mut manager = ConnectionManager::new_with_config(client, config).await?;
            redis::cmd("PING")
                .query_async::<String>(&mut manager)
                .await?;
            Ok::<_, redis::RedisError>(manager)
        };
        match tokio::time::timeout(timeout, connect).await {
            Ok(Ok(manager)) => Ok(Self {
                manager,
                url: url.into(),
            }),
            Ok(Err(err)) => Err(unavailable(format!("cannot connect to {shown}: {err}"))),
            Err(_) => Err(unavailable(format!(
                "no answer from {shown} within {timeout:?}"
            ))),
        }
    }

    /// Runs `command` within [`REDIS_OPERATION_TIMEOUT`]. A command that finds the connection
    /// dropped (Redis restarted, an idle connection closed by a proxy) is sent once more: the
    /// manager has started a new connection, so the retry meets a live server if there is one.
    pub async fn query<T: redis::FromRedisValue>(
        &self,
        command: &redis::Cmd,
    ) -> Result<T, RedisError> {
        let operation = async {
            let mut manager = self.manager.clone();
            match command.query_async::<T>(&mut manager).await {
                Err(err) if err.is_connection_dropped() || err.is_unrecoverable_error() => {
                    command.query_async::<T>(&mut manager).await
                }
                result => result,
            }
        };
        match tokio::time::timeout(REDIS_OPERATION_TIMEOUT, operation).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(err)) => Err(self.error(&err.to_string())),
            Err(_) => Err(self.error(&format!("no answer within {REDIS_OPERATION_TIMEOUT:?}"))),
        }
    }

    /// A [`RedisError`] saying `message`, with the URL's password redacted.
    pub fn error(&self, message: &str) -> RedisError {
        RedisError {
            message: redact_url_in(message, &self.url),
        }
    }
}
