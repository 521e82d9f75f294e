//! [`RedisProbe`]: looks into the Redis a site keeps its sessions in, to check what the
//! adapters leave there (a session's key, its TTL, that sign-out deleted it) without knowing
//! either adapter's key format: a session is found by a marker its stored value contains.

use redis::AsyncCommands as _;

/// A client of the sessions' Redis.
pub struct RedisProbe {
    client: redis::Client,
}

impl RedisProbe {
    /// Connects to `url` (the suite's `OAUTHCLIENT_TEST_REDIS_URL`). Panics on failure: it is
    /// a test helper.
    pub fn connect(url: &str) -> Self {
        let client = redis::Client::open(url).expect("a Redis URL");
        Self { client }
    }

    /// The keys whose (string) value contains `marker`, each with its TTL in seconds (`-1`:
    /// none). Other tests' keys are skipped; keys of other types too.
    pub async fn keys_containing(&self, marker: &str) -> Vec<(String, i64)> {
        let mut connection = self
            .client
            .get_multiplexed_async_connection()
            .await
            .expect("a Redis connection");
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg("*")
            .query_async(&mut connection)
            .await
            .expect("KEYS");
        // One MGET per chunk, not a GET per key: a Redis shared with other runs (benchmarks)
        // holds tens of thousands of sessions, and the TTLs read at the end must not have run
        // down while the probe walked them one by one. MGET answers nil for a key of another
        // type.
        let mut found = Vec::new();
        for chunk in keys.chunks(1000) {
            let values: Vec<Option<Vec<u8>>> = redis::cmd("MGET")
                .arg(chunk)
                .query_async(&mut connection)
                .await
                .expect("MGET");
            for (key, value) in chunk.iter().zip(values) {
                if value.is_some_and(|value| String::from_utf8_lossy(&value).contains(marker)) {
                    let ttl: i64 = connection.ttl(key).await.expect("TTL");
                    found.push((key.clone(), ttl));
                }
            }
        }
        found
    }
}
