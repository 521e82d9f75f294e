//! Redis sessions (feature `redis`): server-side session state shared by every instance, on
//! one multiplexed, self-reconnecting connection ([`RedisConnection`]).
//!
//! Why a store of our own rather than actix-session's `RedisSessionStore`: that one either
//! takes a deadpool pool, whose checkout sends `UNWATCH` + `PING` before every command (two
//! round trips per session access), or builds a connection manager with the client's default
//! back-off, which holds each request of an outage for seconds before it fails. The records
//! are the same as actix-session's (the session key as the Redis key, the state as JSON), so
//! sessions survive an upgrade.

use std::collections::HashMap;
use std::time::Duration;

use actix_session::storage::{
    LoadError, SaveError, SessionKey, SessionStore, UpdateError, generate_session_key,
};
use oauthclient_core::OAuthError;
use oauthclient_frontend::RedisConnection;

/// A session store in Redis for [`crate::OAuthClient::session_middleware_with`] (or
/// [`crate::SessionBackend::Redis`]); every operation is bounded by
/// [`crate::REDIS_OPERATION_TIMEOUT`], every key expires with its session.
#[derive(Clone, Debug)]
pub struct RedisSessionStore {
    connection: RedisConnection,
}

impl RedisSessionStore {
    /// A store over a connection the host already has ([`RedisConnection::connect`]).
    pub fn new(connection: RedisConnection) -> Self {
        Self { connection }
    }

    /// `SET key body EX ttl` with `condition` (`NX`: only a new key; `XX`: only an existing
    /// one); `false` when the condition did not hold.
    async fn set(
        &self,
        key: &SessionKey,
        body: &str,
        condition: &str,
        ttl: &actix_web::cookie::time::Duration,
    ) -> Result<bool, anyhow::Error> {
        let mut command = redis::cmd("SET");
        command
            .arg(key.as_ref())
            .arg(body)
            .arg(condition)
            .arg("EX")
            .arg(ttl.whole_seconds().max(1));
        let reply: Option<String> = self.connection.query(&command).await?;
        Ok(reply.is_some())
    }

    /// Stores `body` under a fresh key. `NX`: a colliding key (negligible odds, but a key is the
    /// session's only secret) draws anew instead of overwriting someone else's session.
    async fn insert(
        &self,
        body: &str,
        ttl: &actix_web::cookie::time::Duration,
    ) -> Result<SessionKey, anyhow::Error> {
        loop {
            let key = generate_session_key();
            if self.set(&key, body, "NX", ttl).await? {
                return Ok(key);
            }
        }
    }
}

impl SessionStore for RedisSessionStore {
    async fn load(
        &self,
        session_key: &SessionKey,
    ) -> Result<Option<HashMap<String, String>>, LoadError> {
        let mut command = redis::cmd("GET");
        command.arg(session_key.as_ref());
        let value: Option<String> = self
            .connection
            .query(&command)
            .await
            .map_err(|err| LoadError::Other(err.into()))?;
        match value {
            None => Ok(None),
            Some(value) => serde_json::from_str(&value)
                .map(Some)
                .map_err(|err| LoadError::Deserialization(err.into())),
        }
    }

    async fn save(
        &self,
        session_state: HashMap<String, String>,
        ttl: &actix_web::cookie::time::Duration,
    ) -> Result<SessionKey, SaveError> {
        let body = serde_json::to_string(&session_state)
            .map_err(|err| SaveError::Serialization(err.into()))?;
        self.insert(&body, ttl).await.map_err(SaveError::Other)
    }

    async fn update(
        &self,
        session_key: SessionKey,
        session_state: HashMap<String, String>,
        ttl: &actix_web::cookie::time::Duration,
    ) -> Result<SessionKey, UpdateError> {
        let body = serde_json::to_string(&session_state)
            .map_err(|err| UpdateError::Serialization(err.into()))?;
        // `XX`: a session that expired since it was loaded is not brought back under its old
        // key; its state goes under a fresh one.
        if self
            .set(&session_key, &body, "XX", ttl)
            .await
            .map_err(UpdateError::Other)?
        {
            return Ok(session_key);
        }
        self.insert(&body, ttl).await.map_err(UpdateError::Other)
    }

    async fn update_ttl(
        &self,
        session_key: &SessionKey,
        ttl: &actix_web::cookie::time::Duration,
    ) -> Result<(), anyhow::Error> {
        let mut command = redis::cmd("EXPIRE");
        command
            .arg(session_key.as_ref())
            .arg(ttl.whole_seconds().max(1));
        self.connection.query::<i64>(&command).await?;
        Ok(())
    }

    async fn delete(&self, session_key: &SessionKey) -> Result<(), anyhow::Error> {
        let mut command = redis::cmd("DEL");
        command.arg(session_key.as_ref());
        self.connection.query::<i64>(&command).await?;
        Ok(())
    }
}

/// Connects a Redis session store, giving up after `timeout`, and PINGs it so a wrong URL
/// fails at start-up. Errors never show the URL's password.
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
    Ok(RedisSessionStore::new(
        RedisConnection::connect(url, timeout).await?,
    ))
}
