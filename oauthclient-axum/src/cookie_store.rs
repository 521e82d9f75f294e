//! Cookie sessions: the whole session record travels in the (encrypted) cookie, so the server
//! keeps no state — actix-session's `CookieSessionStore`, for tower-sessions.
//!
//! Why our own and not the crate `tower-sessions-cookie-store` (0.5.2): that crate is built on
//! `tower-sessions-core` 0.14, so its `Session` is not the `tower_sessions::Session` (0.15) that
//! Redis sessions and the host's handlers use, and it brings its own manager layer on
//! `tower-cookies`. What it does is small: one record per request, held in memory while the
//! request runs and written into the cookie after it. That is this file; the cookie itself is
//! sealed by [`crate::OAuthSessionLayer`] with the cookie crate's private (AEAD) jar, so the
//! client can neither read nor change it.
//!
//! Like every cookie-only session, a copy of an old cookie stays valid until its record
//! expires: ending a session removes the cookie but cannot revoke copies. The front end's
//! session epoch ([`crate::SESSION_EPOCH_KEY`]) is what signs such copies out.

use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use cookie::time::OffsetDateTime;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

/// One request's session record: decoded from the incoming cookie, replaced by saves, read
/// back to write the outgoing cookie.
#[derive(Debug, Default)]
pub(crate) struct CookieRecord {
    record: Mutex<Option<Record>>,
}

impl CookieRecord {
    /// The record in a cookie's (already decrypted) value; an unreadable or expired one is no
    /// session at all.
    pub(crate) fn decode(value: Option<&str>) -> Self {
        let record = value
            .and_then(|value| serde_json::from_str::<Record>(value).ok())
            .filter(|record| record.expiry_date > OffsetDateTime::now_utc());
        Self {
            record: Mutex::new(record),
        }
    }

    /// The id of the incoming record, for `Session::new`.
    pub(crate) fn id(&self) -> Option<Id> {
        self.lock().as_ref().map(|record| record.id)
    }

    /// The record to write into the cookie, after the session was saved.
    pub(crate) fn encoded(&self) -> Result<String> {
        let guard = self.lock();
        let record = guard
            .as_ref()
            .ok_or_else(|| Error::Backend("no session record to write".into()))?;
        serde_json::to_string(record).map_err(|err| Error::Encode(err.to_string()))
    }

    fn lock(&self) -> MutexGuard<'_, Option<Record>> {
        // A panic elsewhere cannot leave a half-written `Option` behind: keep going.
        self.record.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl SessionStore for CookieRecord {
    // Ids need no collision check: there is no shared namespace, each client holds its own.
    async fn create(&self, record: &mut Record) -> Result<()> {
        *self.lock() = Some(record.clone());
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        *self.lock() = Some(record.clone());
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> Result<Option<Record>> {
        Ok(self
            .lock()
            .as_ref()
            .filter(|record| record.id == *session_id)
            .cloned())
    }

    async fn delete(&self, _session_id: &Id) -> Result<()> {
        *self.lock() = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use tower_sessions::Session;

    use super::*;

    #[tokio::test]
    async fn a_record_round_trips_and_a_cycled_id_is_a_new_record() {
        let empty = std::sync::Arc::new(CookieRecord::decode(None));
        let session = Session::new(empty.id(), empty.clone(), None);
        session.insert("k", 1).await.expect("insert");
        session.save().await.expect("save");
        let value = empty.encoded().expect("encoded");

        let loaded = std::sync::Arc::new(CookieRecord::decode(Some(&value)));
        let first = loaded.id().expect("an id");
        let session = Session::new(Some(first), loaded.clone(), None);
        assert_eq!(session.get::<i32>("k").await.expect("get"), Some(1));
        session.cycle_id().await.expect("cycle");
        session.save().await.expect("save");
        assert_ne!(session.id(), Some(first));
        assert_eq!(loaded.id(), session.id());
    }

    #[test]
    fn junk_and_expired_records_are_no_session() {
        assert!(CookieRecord::decode(Some("{not json")).id().is_none());
        // Records are JSON text: ids are `i128`, beyond `serde_json::Value`'s numbers.
        let expired = serde_json::to_string(&Record {
            id: Id::default(),
            data: HashMap::default(),
            expiry_date: OffsetDateTime::UNIX_EPOCH,
        })
        .expect("json");
        assert!(CookieRecord::decode(Some(&expired)).id().is_none());
    }
}
