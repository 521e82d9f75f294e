//! One-shot messages shown on the next page (the seed's Flask `flash`).

use actix_session::Session;
use serde::{Deserialize, Serialize};

const FLASH_KEY: &str = "_flashes";

/// A message for the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// `success`, `info` or `danger`.
    pub category: String,
    /// The text.
    pub message: String,
}

/// Queues a message. A session that cannot take it loses the message, not the request.
pub(crate) fn push(session: &Session, category: &str, message: impl Into<String>) {
    let mut flashes: Vec<Flash> = session.get(FLASH_KEY).ok().flatten().unwrap_or_default();
    flashes.push(Flash {
        category: category.to_owned(),
        message: message.into(),
    });
    if session.insert(FLASH_KEY, &flashes).is_err() {
        tracing::warn!("could not store a flash message in the session");
    }
}

/// Takes every queued message.
pub(crate) fn take(session: &Session) -> Vec<Flash> {
    let flashes = session.get(FLASH_KEY).ok().flatten().unwrap_or_default();
    session.remove(FLASH_KEY);
    flashes
}
