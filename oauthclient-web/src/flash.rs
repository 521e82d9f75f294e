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

/// Takes the messages queued for this session, for a host app's own pages (oauthclient's
/// pages show them already).
pub fn take_flashes(req: &actix_web::HttpRequest) -> Vec<Flash> {
    use actix_session::SessionExt;
    take(&req.get_session())
}

/// Queues a message for the next page oauthclient (or the host app) renders.
pub fn push_flash(req: &actix_web::HttpRequest, category: &str, message: impl Into<String>) {
    use actix_session::SessionExt;
    push(&req.get_session(), category, message);
}

/// Takes every queued message.
pub(crate) fn take(session: &Session) -> Vec<Flash> {
    let flashes = session.get(FLASH_KEY).ok().flatten().unwrap_or_default();
    session.remove(FLASH_KEY);
    flashes
}
