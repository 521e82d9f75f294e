//! A remote app's title and description in a locale: a catalog message `app-<name>-title` /
//! `app-<name>-description` (a host's or the library's) wins over the configured text, which
//! is in one language (plan §9).

use crate::i18n::Locale;
use crate::parts::Parts;

/// The app's title: the catalog's `app-<name>-title`, else the configured title, else the name
/// itself (an app that is not configured, as in an error about an unknown app).
pub(crate) fn app_title(parts: &Parts, locale: &Locale, name: &str) -> String {
    let id = format!("app-{name}-title");
    if parts.localizer.has(locale, &id) {
        return parts.localizer.text(locale, &id);
    }
    parts
        .apps
        .get(name)
        .map_or_else(|| name.to_owned(), |app| app.remote.title.clone())
}

/// The app's description: the catalog's `app-<name>-description`, else the configured one
/// (empty when there is none).
pub(crate) fn app_description(parts: &Parts, locale: &Locale, name: &str) -> String {
    let id = format!("app-{name}-description");
    if parts.localizer.has(locale, &id) {
        return parts.localizer.text(locale, &id);
    }
    parts
        .apps
        .get(name)
        .map(|app| app.remote.description.clone())
        .unwrap_or_default()
}
