//! One session store type chosen at run time (cookie, or Redis with the `redis` feature), so a
//! binary can take `session_store = "cookie" | "redis://..."` from its configuration.
//! `SessionMiddleware<S>` is generic; without this enum the choice would be a compile-time one.

use std::collections::HashMap;

use actix_session::storage::{
    CookieSessionStore, LoadError, SaveError, SessionKey, SessionStore, UpdateError,
};
use actix_web::cookie::time::Duration;

/// A cookie or Redis session store.
pub enum SessionBackend {
    /// Everything in the (signed, encrypted) cookie. No server state.
    Cookie(CookieSessionStore),
    /// State in Redis; the cookie holds only the session key. Every operation is bounded by
    /// [`crate::REDIS_OPERATION_TIMEOUT`] (the store bounds its own).
    #[cfg(feature = "redis")]
    Redis(crate::RedisSessionStore),
}

impl SessionBackend {
    /// The cookie store.
    pub fn cookie() -> Self {
        Self::Cookie(CookieSessionStore::default())
    }
}

impl Clone for SessionBackend {
    fn clone(&self) -> Self {
        match self {
            // The cookie store holds no state of its own.
            Self::Cookie(_) => Self::cookie(),
            #[cfg(feature = "redis")]
            Self::Redis(store) => Self::Redis(store.clone()),
        }
    }
}

impl SessionStore for SessionBackend {
    async fn load(
        &self,
        session_key: &SessionKey,
    ) -> Result<Option<HashMap<String, String>>, LoadError> {
        match self {
            Self::Cookie(store) => store.load(session_key).await,
            #[cfg(feature = "redis")]
            Self::Redis(store) => store.load(session_key).await,
        }
    }

    async fn save(
        &self,
        session_state: HashMap<String, String>,
        ttl: &Duration,
    ) -> Result<SessionKey, SaveError> {
        match self {
            Self::Cookie(store) => store.save(session_state, ttl).await,
            #[cfg(feature = "redis")]
            Self::Redis(store) => store.save(session_state, ttl).await,
        }
    }

    async fn update(
        &self,
        session_key: SessionKey,
        session_state: HashMap<String, String>,
        ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        match self {
            Self::Cookie(store) => store.update(session_key, session_state, ttl).await,
            #[cfg(feature = "redis")]
            Self::Redis(store) => store.update(session_key, session_state, ttl).await,
        }
    }

    async fn update_ttl(
        &self,
        session_key: &SessionKey,
        ttl: &Duration,
    ) -> Result<(), anyhow::Error> {
        match self {
            Self::Cookie(store) => store.update_ttl(session_key, ttl).await,
            #[cfg(feature = "redis")]
            Self::Redis(store) => store.update_ttl(session_key, ttl).await,
        }
    }

    async fn delete(&self, session_key: &SessionKey) -> Result<(), anyhow::Error> {
        match self {
            Self::Cookie(store) => store.delete(session_key).await,
            #[cfg(feature = "redis")]
            Self::Redis(store) => store.delete(session_key).await,
        }
    }
}
