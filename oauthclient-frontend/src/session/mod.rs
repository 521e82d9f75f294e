//! The session as data: the adapter loads a [`SessionData`] from its framework's session
//! (actix-session, tower-sessions), the front end reads and changes it, and the adapter
//! applies the [`SessionOp`]s it recorded, in order. Synchronous and asynchronous session
//! libraries share one code path this way.

pub(crate) mod lifetime;

use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use lifetime::{SESSION_LIFETIME_KEY, SessionExpiry, SessionVerdict};

/// One change to carry out on the framework's session. Not `#[non_exhaustive]`: an adapter
/// matches every change, so a new one is a compile error there, never a dropped change.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionOp {
    /// Store `value` under `key`.
    Set(String, Value),
    /// Remove `key`.
    Remove(String),
    /// Give the session a new id, keeping its data (at sign-in: no session fixation).
    Renew,
    /// End the session: its data goes, server-side too, and the cookie is removed.
    Purge,
}

/// A session's values and the changes made to them during one request.
#[derive(Debug, Clone, Default)]
pub struct SessionData {
    values: BTreeMap<String, Value>,
    ops: Vec<SessionOp>,
}

impl SessionData {
    /// A session holding `values` (what the framework's session holds now).
    pub fn from_values(values: impl IntoIterator<Item = (String, Value)>) -> Self {
        Self {
            values: values.into_iter().collect(),
            ops: Vec::new(),
        }
    }

    /// The value under `key` as `T`; an unreadable value (an older format) counts as absent.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.values
            .get(key)
            .and_then(|value| T::deserialize(value).ok())
    }

    /// Whether `key` holds a value.
    pub fn contains(&self, key: &str) -> bool {
        self.values.contains_key(key)
    }

    /// Stores `value` under `key`. Values are JSON: anything serde serialises.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        match serde_json::to_value(value) {
            Ok(value) => {
                self.values.insert(key.to_owned(), value.clone());
                self.ops.push(SessionOp::Set(key.to_owned(), value));
            }
            // Only a map with non-string keys fails here; the library stores none.
            Err(err) => tracing::error!(key, error = %err, "a session value could not be stored"),
        }
    }

    /// Removes `key`.
    pub fn remove(&mut self, key: &str) {
        if self.values.remove(key).is_some() {
            self.ops.push(SessionOp::Remove(key.to_owned()));
        }
    }

    /// A new session id for the same data.
    pub fn renew(&mut self) {
        self.ops.push(SessionOp::Renew);
    }

    /// Ends the session: every value goes.
    pub fn purge(&mut self) {
        self.values.clear();
        self.ops.clear();
        self.ops.push(SessionOp::Purge);
    }

    /// The changes to apply, in order.
    pub fn ops(&self) -> &[SessionOp] {
        &self.ops
    }

    /// Takes the changes to apply, in order.
    pub fn take_ops(&mut self) -> Vec<SessionOp> {
        std::mem::take(&mut self.ops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_see_writes_and_ops_keep_their_order() {
        let mut session = SessionData::from_values([("a".to_owned(), Value::from(1))]);
        session.insert("b", "two");
        session.renew();
        session.remove("a");
        session.remove("never-there");
        assert_eq!(session.get::<String>("b").as_deref(), Some("two"));
        assert_eq!(session.get::<i64>("a"), None);
        assert_eq!(
            session.ops(),
            &[
                SessionOp::Set("b".into(), Value::from("two")),
                SessionOp::Renew,
                SessionOp::Remove("a".into()),
            ]
        );
    }

    #[test]
    fn purge_forgets_values_and_earlier_changes() {
        let mut session = SessionData::from_values([("a".to_owned(), Value::from(1))]);
        session.insert("b", &2);
        session.purge();
        assert!(!session.contains("a") && !session.contains("b"));
        assert_eq!(session.take_ops(), vec![SessionOp::Purge]);
        assert!(session.ops().is_empty());
    }

    #[test]
    fn an_unreadable_value_counts_as_absent() {
        let session = SessionData::from_values([("n".to_owned(), Value::from("x"))]);
        assert_eq!(session.get::<u64>("n"), None);
    }
}
