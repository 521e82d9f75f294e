//! One-shot messages shown on the next page (the seed's Flask `flash`).
//!
//! The library's own messages are stored as a catalog id and its variables, and formatted
//! when a page shows them, in that page's locale (a `?lang=` between the redirect and the page
//! still applies). A host's text ([`push_flash`]) is stored and shown as it is.

use std::sync::OnceLock;

use oauthclient_core::{Message, MessageArg};
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Locale, Localizer};
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

/// A queued message as the session holds it. Untagged: a session written before messages had
/// ids holds `{"category", "message": "text"}`, which still reads (as [`StoredFlash::Text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum StoredFlash {
    /// A catalog message, formatted when shown.
    Message {
        category: String,
        message: StoredMessage,
    },
    /// Finished text (a host's, or an old session's).
    Text(Flash),
}

/// A catalog id and its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredMessage {
    id: String,
    #[serde(default)]
    args: Vec<(String, StoredArg)>,
}

/// A variable's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum StoredArg {
    Number(i64),
    Text(String),
}

impl StoredFlash {
    fn format(self, localizer: &Localizer, locale: &Locale) -> Flash {
        match self {
            StoredFlash::Text(flash) => flash,
            StoredFlash::Message { category, message } => {
                let args: Vec<(&str, Arg<'_>)> = message
                    .args
                    .iter()
                    .map(|(name, value)| {
                        let value = match value {
                            StoredArg::Number(number) => Arg::Number(*number),
                            StoredArg::Text(text) => Arg::from(text.as_str()),
                        };
                        (name.as_str(), value)
                    })
                    .collect();
                Flash {
                    category,
                    message: localizer.format(locale, &message.id, &args),
                }
            }
        }
    }
}

fn push_stored(session: &mut SessionData, flash: StoredFlash) {
    let mut flashes: Vec<StoredFlash> = session.get(FLASH_KEY).unwrap_or_default();
    flashes.push(flash);
    session.insert(FLASH_KEY, &flashes);
}

/// Queues a host's text for the next page oauthclient (or the host app) renders, shown as it
/// is in every locale.
pub fn push_flash(session: &mut SessionData, category: &str, message: impl Into<String>) {
    push_stored(
        session,
        StoredFlash::Text(Flash {
            category: category.to_owned(),
            message: message.into(),
        }),
    );
}

/// Queues a catalog message (the library's or the host's own catalog), formatted in the
/// language of the page that shows it. Its arguments are shown as given (`provider` too: pass
/// the app's title).
pub fn push_flash_message(session: &mut SessionData, category: &str, message: &Message) {
    let args: Vec<(&str, Arg<'_>)> = message
        .args()
        .iter()
        .map(|(name, value)| {
            let value = match value {
                MessageArg::Number(number) => Arg::Number(*number),
                MessageArg::Text(text) => Arg::from(text.as_str()),
                // A kind of value added to core later: its text.
                other => Arg::from(other.to_string()),
            };
            (name.as_ref(), value)
        })
        .collect();
    push_message(session, category, message.id(), &args);
}

/// Queues the catalog message `id` with its variables, formatted when a page shows it.
pub(crate) fn push_message(
    session: &mut SessionData,
    category: &str,
    id: &str,
    args: &[(&str, Arg<'_>)],
) {
    let args = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Number(number) => StoredArg::Number(*number),
                Arg::Text(text) => StoredArg::Text(text.clone().into_owned()),
            };
            ((*name).to_owned(), value)
        })
        .collect();
    push_stored(
        session,
        StoredFlash::Message {
            category: category.to_owned(),
            message: StoredMessage {
                id: id.to_owned(),
                args,
            },
        },
    );
}

/// Takes the messages queued for this session, formatted in `locale`.
pub(crate) fn take_in(
    session: &mut SessionData,
    localizer: &Localizer,
    locale: &Locale,
) -> Vec<Flash> {
    let flashes: Vec<StoredFlash> = session.get(FLASH_KEY).unwrap_or_default();
    session.remove(FLASH_KEY);
    flashes
        .into_iter()
        .map(|flash| flash.format(localizer, locale))
        .collect()
}

/// Takes the messages queued for this session, for a host app's own pages (oauthclient's
/// pages show them already). The library's messages are formatted in English with the
/// library's catalogs; `Runtime::take_flashes` formats them in the request's locale, with the
/// host's catalogs.
pub fn take_flashes(session: &mut SessionData) -> Vec<Flash> {
    static LIBRARY: OnceLock<Option<Localizer>> = OnceLock::new();
    let library = LIBRARY.get_or_init(|| Localizer::new().ok());
    if let Some(localizer) = library {
        return take_in(session, localizer, localizer.default_locale());
    }
    // The embedded catalogs always build (a unit test says so); ids beat losing messages.
    let flashes: Vec<StoredFlash> = session.get(FLASH_KEY).unwrap_or_default();
    session.remove(FLASH_KEY);
    flashes
        .into_iter()
        .map(|flash| match flash {
            StoredFlash::Text(flash) => flash,
            StoredFlash::Message { category, message } => Flash {
                category,
                message: message.id,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn localizer() -> Localizer {
        Localizer::new().expect("catalogs")
    }

    #[test]
    fn a_message_is_formatted_in_the_locale_of_the_page_that_shows_it() {
        let localizer = localizer();
        let mut session = SessionData::default();
        push_message(
            &mut session,
            "success",
            "flash-linked",
            &[("provider", "GitHub".into())],
        );
        let german = localizer.locale("de").expect("de").clone();
        let flashes = take_in(&mut session, &localizer, &german);
        assert_eq!(
            flashes,
            vec![Flash {
                category: "success".to_owned(),
                message: "Ihr GitHub-Konto ist jetzt verknüpft.".to_owned(),
            }]
        );
        assert!(take_in(&mut session, &localizer, &german).is_empty());
    }

    #[test]
    fn an_old_format_flash_in_a_stored_session_still_shows() {
        let localizer = localizer();
        let mut session = SessionData::default();
        session.insert(
            FLASH_KEY,
            &json!([{"category": "info", "message": "Your GitHub account is now linked."}]),
        );
        let flashes = take_in(&mut session, &localizer, localizer.default_locale());
        assert_eq!(
            flashes,
            vec![Flash {
                category: "info".to_owned(),
                message: "Your GitHub account is now linked.".to_owned(),
            }]
        );
    }

    #[test]
    fn host_text_stays_as_it_is_and_take_flashes_formats_in_english() {
        let mut session = SessionData::default();
        push_flash(&mut session, "info", "hallo");
        push_message(&mut session, "info", "flash-email-changed", &[]);
        let messages: Vec<String> = take_flashes(&mut session)
            .into_iter()
            .map(|flash| flash.message)
            .collect();
        assert_eq!(messages, ["hallo", "Your e-mail address was changed."]);
    }

    #[test]
    fn a_host_message_keeps_its_arguments() {
        let localizer = localizer();
        let mut session = SessionData::default();
        let message = Message::new("flash-confirmation-sent").arg("email", "ada@example.org");
        push_flash_message(&mut session, "info", &message);
        let french = localizer.locale("fr").expect("fr").clone();
        let flashes = take_in(&mut session, &localizer, &french);
        assert!(
            flashes[0].message.contains("ada@example.org"),
            "{flashes:?}"
        );
        assert_ne!(
            flashes[0].message,
            "We sent a confirmation link to ada@example.org."
        );
    }
}
