//! [`LifetimeStore`]: any actix-session store, keeping each session as long as the front end
//! says. actix-session gives every session the same TTL; this wrapper reads the session's
//! lifetime stamp from the state it is asked to save and passes that session's own TTL on —
//! a remembered session's Redis key lives for the remember lifetime, a default one's until its
//! absolute or idle end.

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration;
use oauthclient_frontend::{Runtime, SESSION_LIFETIME_KEY, SessionData};

/// `inner`, with each session's TTL taken from its lifetime stamp (plumbing of
/// [`crate::OAuthSessionMiddleware`]; hosts never name it).
#[doc(hidden)]
pub struct LifetimeStore<S> {
    inner: S,
    runtime: Runtime,
}

impl<S> LifetimeStore<S> {
    pub(crate) fn new(inner: S, runtime: Runtime) -> Self {
        Self { inner, runtime }
    }

    /// The TTL of a session holding `state`: its own, or `default` (actix-session's) when it
    /// carries no stamp.
    fn ttl(&self, state: &HashMap<String, String>, default: &Duration) -> Duration {
        let stamp = state
            .get(SESSION_LIFETIME_KEY)
            .and_then(|raw| serde_json::from_str(raw).ok())
            .map(|value| (SESSION_LIFETIME_KEY.to_owned(), value));
        self.runtime
            .session_expiry(&SessionData::from_values(stamp))
            .and_then(|expiry| i64::try_from(expiry.server_ttl.as_secs()).ok())
            .map_or(*default, Duration::seconds)
    }
}

impl<S: SessionStore> SessionStore for LifetimeStore<S> {
    async fn load(
        &self,
        session_key: &SessionKey,
    ) -> Result<Option<HashMap<String, String>>, LoadError> {
        self.inner.load(session_key).await
    }

    async fn save(
        &self,
        session_state: HashMap<String, String>,
        ttl: &Duration,
    ) -> Result<SessionKey, SaveError> {
        let ttl = self.ttl(&session_state, ttl);
        self.inner.save(session_state, &ttl).await
    }

    async fn update(
        &self,
        session_key: SessionKey,
        session_state: HashMap<String, String>,
        ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        let ttl = self.ttl(&session_state, ttl);
        self.inner.update(session_key, session_state, &ttl).await
    }

    async fn update_ttl(
        &self,
        session_key: &SessionKey,
        ttl: &Duration,
    ) -> Result<(), anyhow::Error> {
        // Only called when a session's state did not change and the lifecycle extends TTLs
        // on every request, which the library's middleware never configures.
        self.inner.update_ttl(session_key, ttl).await
    }

    async fn delete(&self, session_key: &SessionKey) -> Result<(), anyhow::Error> {
        self.inner.delete(session_key).await
    }
}
