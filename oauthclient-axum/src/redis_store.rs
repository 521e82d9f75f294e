//! Redis sessions (feature `redis`): server-side session state shared by every instance.
//!
//! Why a store of our own over `deadpool-redis` rather than `tower-sessions-redis-store`: that
//! crate is built on the `fred` client, a second Redis client next to the `redis` crate the
//! workspace already uses (oauthclient-web's sessions), with its own connection and retry
//! settings to learn. A tower-sessions store is four operations; over the deadpool pool — which
//! replaces connections broken while Redis was down, so the server recovers by itself — each
//! is a few lines, and each is bounded by [`REDIS_OPERATION_TIMEOUT`].

use std::time::Duration;

use async_trait::async_trait;
use deadpool_redis::redis::{self, AsyncCommands as _, SetExpiry, SetOptions};
use deadpool_redis::{Config, Pool, PoolConfig, Runtime, Timeouts};
use oauthclient_core::OAuthError;
use oauthclient_core::redact::{redact_url_in, redact_url_userinfo};
use oauthclient_core::store::StoreError;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

/// How long one Redis session operation may take. The Redis client retries with back-off
/// when the server is gone, which can hold a request for minutes; past this bound the request
/// fails as a 503 and the server stays responsive.
pub const REDIS_OPERATION_TIMEOUT: Duration = Duration::from_secs(3);

/// Where sessions live in Redis: `oauthclient:session:{id}`.
const KEY_PREFIX: &str = "oauthclient:session:";

/// A tower-sessions store in Redis, over a `deadpool-redis` pool; give it to
/// [`crate::OAuthRouter::session_layer_with`]. Records are JSON, each key expiring with its
/// session.
#[derive(Clone)]
pub struct RedisSessionStore {
    pool: Pool,
    /// The server's URL, only to redact it (its password) out of error messages.
    url: String,
}

impl std::fmt::Debug for RedisSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisSessionStore")
            .field("url", &redact_url_userinfo(&self.url))
            .finish_non_exhaustive()
    }
}

impl RedisSessionStore {
    /// A store over a pool the host already has (`url` is the pool's, used only to keep its
    /// password out of error messages). Nothing is checked: [`connect_redis_store`] is the
    /// start-up path that proves Redis answers.
    pub fn from_pool(pool: Pool, url: &str) -> Self {
        Self {
            pool,
            url: url.to_owned(),
        }
    }

    /// Runs `command` on a pooled connection within [`REDIS_OPERATION_TIMEOUT`].
    async fn run<T: redis::FromRedisValue>(&self, command: redis::Cmd) -> Result<T> {
        let operation = async {
            let mut connection = self.pool.get().await.map_err(|err| err.to_string())?;
            command
                .query_async::<T>(&mut connection)
                .await
                .map_err(|err| err.to_string())
        };
        match tokio::time::timeout(REDIS_OPERATION_TIMEOUT, operation).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(message)) => Err(self.unavailable(&message)),
            Err(_) => {
                Err(self.unavailable(&format!("no answer within {REDIS_OPERATION_TIMEOUT:?}")))
            }
        }
    }

    fn unavailable(&self, message: &str) -> Error {
        Error::Backend(format!(
            "redis session store: {}",
            redact_url_in(message, &self.url)
        ))
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
    let unavailable = |message: String| {
        OAuthError::Store(StoreError::unavailable(format!(
            "redis session store: {}",
            redact_url_in(&message, url)
        )))
    };
    let shown = redact_url_userinfo(url);
    let mut config = Config::from_url(url);
    config.pool = Some(PoolConfig {
        timeouts: Timeouts {
            wait: Some(timeout),
            create: Some(timeout),
            recycle: Some(timeout),
        },
        ..PoolConfig::default()
    });
    let pool = config
        .create_pool(Some(Runtime::Tokio1))
        .map_err(|err| unavailable(err.to_string()))?;
    // The pool connects lazily: prove Redis answers now.
    let ping = async {
        let mut connection = pool.get().await.map_err(|err| err.to_string())?;
        connection
            .ping::<String>()
            .await
            .map_err(|err| err.to_string())
    };
    match tokio::time::timeout(timeout, ping).await {
        Ok(Ok(_)) => Ok(RedisSessionStore::from_pool(pool, url)),
        Ok(Err(err)) => Err(unavailable(format!("cannot connect to {shown}: {err}"))),
        Err(_) => Err(unavailable(format!(
            "no answer from {shown} within {timeout:?}"
        ))),
    }
}
