//! One-shot messages shown on the next page (the seed's Flask `flash`).

use serde::{Deserialize, Serialize};

use crate::session::SessionData;

/// The session key of the queued messages.
pub(crate) const FLASH_KEY: &str = "_flashes";

/// A message for the next page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// `success`, `info`, `warning` or `danger`.
    pub category: String,
    /// The text.
    pub message: String,
}

/// Queues a message for the next page oauthclient (or the host app) renders.
pub fn push_flash(session: &mut SessionData, category: &str, message: impl Into<String>) {
    let mut flashes: Vec<Flash> = session.get(FLASH_KEY).unwrap_or_default();
    flashes.push(Flash {
        category: category.to_owned(),
        message: message.into(),
    });
    session.insert(FLASH_KEY, &flashes);
}

/// Takes the messages queued for this session, for a host app's own pages (oauthclient's
/// pages show them already).
pub fn take_flashes(session: &mut SessionData) -> Vec<Flash> {
    let flashes = session.get(FLASH_KEY).unwrap_or_default();
    session.remove(FLASH_KEY);
    flashes
}

pub(crate) use push_flash as push;
pub(crate) use take_flashes as take;
