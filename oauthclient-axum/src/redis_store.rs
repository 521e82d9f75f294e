//! Redis sessions (feature `redis`): server-side session state shared by every instance.
//!
//! Why a store of our own rather than `tower-sessions-redis-store`: that crate is built on the
//! `fred` client, a second Redis client next to the `redis` crate the workspace already uses,
//! with its own connection and retry settings to learn. A tower-sessions store is four
//! operations; over [`RedisConnection`] — one multiplexed connection that reconnects by itself,
//! one round trip per operation, each bounded by [`REDIS_OPERATION_TIMEOUT`] — each is a few
//! lines.

use std::time::Duration;

use async_trait::async_trait;
use oauthclient_core::OAuthError;
pub use oauthclient_frontend::{REDIS_OPERATION_TIMEOUT, RedisConnection};
use redis::{SetExpiry, SetOptions};
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

/// Where sessions live in Redis: `oauthclient:session:{id}`.
const KEY_PREFIX: &str = "oauthclient:session:";

/// A tower-sessions store in Redis, over a [`RedisConnection`]; give it to
/// [`crate::OAuthRouter::session_layer_with`]. Records are JSON, each key expiring with its
/// session.
#[derive(Clone, Debug)]
pub struct RedisSessionStore {
    connection: RedisConnection,
}

impl RedisSessionStore {
    /// A store over a connection the host already has ([`RedisConnection::connect`], which
    /// proves Redis answers; [`connect_redis_store`] does both).
    pub fn new(connection: RedisConnection) -> Self {
        Self { connection }
    }

    /// Runs `command` (bounded by [`REDIS_OPERATION_TIMEOUT`]).
    async fn run<T: redis::FromRedisValue>(&self, command: redis::Cmd) -> Result<T> {
        self.connection
            .query(&command)
            .await
            .map_err(|err| Error::Backend(err.to_string()))
    }

    /// `SET` of `record` until its expiry; `only_new` refuses to overwrite (`NX`).
    fn set(record: &Record, only_new: bool) -> Result<redis::Cmd> {
        let value = serde_json::to_string(record).map_err(|err| Error::Encode(err.to_string()))?;
        let expires = u64::try_from(record.expiry_date.unix_timestamp()).unwrap_or_default();
        let mut options = SetOptions::default().with_expiration(SetExpiry::EXAT(expires));
        if only_new {
            options = options.conditional_set(redis::ExistenceCheck::NX);
        }
        let mut command = redis::cmd("SET");
        command.arg(key(&record.id)).arg(value).arg(options);
        Ok(command)
    }
}

fn key(id: &Id) -> String {
    format!("{KEY_PREFIX}{id}")
}

#[async_trait]
impl SessionStore for RedisSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // `NX`: a colliding id (2^-128 odds, but ids are the session's only secret) draws anew
        // instead of overwriting someone else's session.
        while self
            .run::<Option<String>>(Self::set(record, true)?)
            .await?
            .is_none()
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.run::<Option<String>>(Self::set(record, false)?)
            .await?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        let mut command = redis::cmd("GET");
        command.arg(key(session_id));
        let Some(value) = self.run::<Option<String>>(command).await? else {
            return Ok(None);
        };
        // An unreadable record (an older format) is no session, not an outage.
        Ok(serde_json::from_str(&value).ok())
    }

    async fn delete(&self, session_id: &Id) -> Result<()> {
        let mut command = redis::cmd("DEL");
        command.arg(key(session_id));
        self.run::<i64>(command).await?;
        Ok(())
    }
}

/// Connects a Redis session store, giving up after `timeout`, and PINGs it so a wrong URL or
/// a server that is down fails at start-up rather than on the first request. Errors never
/// show the URL's password.
///
/// ```no_run
/// # async fn example(oauth: oauthclient_axum::OAuthRouter) -> Result<(), oauthclient_core::OAuthError> {
/// let store = oauthclient_axum::connect_redis_store("redis://127.0.0.1:6379", std::time::Duration::from_secs(3)).await?;
/// let layer = oauth.session_layer_with(store);
/// # let _ = layer; Ok(()) }
/// ```
pub async fn connect_redis_store(
    url: &str,
    timeout: Duration,
) -> std::result::Result<RedisSessionStore, OAuthError> {
    Ok(RedisSessionStore::new(
        RedisConnection::connect(url, timeout).await?,
    ))
}
