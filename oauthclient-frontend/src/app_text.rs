//! A remote app's title and description in a locale: a catalog message `app-<name>-title` /
//! `app-<name>-description` (a host's or the library's) wins over the configured text, which
//! is in one language (plan §9).

use crate::i18n::Locale;
use crate::parts::Parts;

/// The app's title: the catalog's `app-<name>-title`, else the configured title, else the name
/// itself (an app that is not configured, as in an error about an unknown app).
pub(crate) fn app_title(parts: &Parts, locale: &Locale, name: &str) -> String {
    let configured = parts.apps.get(name).map_or(name, |app| &app.remote.title);
    parts.localizer.app_title(locale, name, configured)
}

/// The app's description: the catalog's `app-<name>-description`, else the configured one
/// (empty when there is none).
pub(crate) fn app_description(parts: &Parts, locale: &Locale, name: &str) -> String {
    let configured = parts
        .apps
        .get(name)
        .map_or("", |app| &app.remote.description);
    parts.localizer.app_description(locale, name, configured)
}
