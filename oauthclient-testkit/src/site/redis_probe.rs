//! [`RedisProbe`]: looks into the Redis a site keeps its sessions in, to check what the
//! adapters leave there (a session's key, its TTL, that sign-out deleted it) without knowing
//! either adapter's key format: a session is found by a marker its stored value contains.

use deadpool_redis::redis::{self, AsyncCommands as _};
use deadpool_redis::{Config, Pool, Runtime};

/// A connection pool to the sessions' Redis.
pub struct RedisProbe {
    pool: Pool,
}

impl RedisProbe {
    /// Connects to `url` (the suite's `OAUTHCLIENT_TEST_REDIS_URL`). Panics on failure: it is
    /// a test helper.
    pub fn connect(url: &str) -> Self {
        let pool = Config::from_url(url)
            .create_pool(Some(Runtime::Tokio1))
            .expect("a Redis pool");
        Self { pool }
    }

    /// The keys whose (string) value contains `marker`, each with its TTL in seconds (`-1`:
    /// none). Other tests' keys are skipped; keys of other types too.
    pub async fn keys_containing(&self, marker: &str) -> Vec<(String, i64)> {
        let mut connection = self.pool.get().await.expect("a Redis connection");
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg("*")
            .query_async(&mut connection)
            .await
            .expect("KEYS");
        let mut found = Vec::new();
        for key in keys {
            let value: Option<String> = connection.get(&key).await.unwrap_or_default();
            if value.is_some_and(|value| value.contains(marker)) {
                let ttl: i64 = connection.ttl(&key).await.expect("TTL");
                found.push((key, ttl));
            }
        }
        found
    }
}
