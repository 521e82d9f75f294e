//! Localization: the library's Fluent catalogs, a host's own catalogs, and the choice of a
//! request's locale (issue 26).
//!
//! The runtime builds one [`Localizer`] and picks each request's locale; every page, flash,
//! error, JSON message and mail is formatted in it. [`Localizer`] holds one
//! Fluent bundle per locale and formats messages with a fallback chain that never fails
//! (the locale, then English, then the id); `negotiate` and `choice` pick the locale of a
//! request from `?lang=`, the language cookie, the host's hook, `Accept-Language` and the
//! default, in that order.

mod builder;
mod catalog;
pub(crate) mod choice;
mod client;
mod localizer;
pub(crate) mod markup;
mod negotiate;
mod pseudo;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeStruct;
use unic_langid::{CharacterDirection, LanguageIdentifier};

pub use catalog::CatalogError;
pub use localizer::{Arg, Localizer};

/// The language cookie: the tag `?lang=` chose, read back on later requests.
pub const LANGUAGE_COOKIE: &str = "oauthclient_lang";

/// The localizer `[locales]` and the builder's host catalogs describe: `dir` (the builder's
/// `.locales_dir`) replaces `[locales] dir`; `sources` are `(tag, name, text)`.
pub(crate) fn localizer(
    settings: &oauthclient_core::config::LocaleSettings,
    dir: Option<std::path::PathBuf>,
    sources: Vec<(String, String, String)>,
) -> Result<Localizer, CatalogError> {
    let mut builder = builder::LocalizerBuilder::from_settings(settings);
    if let Some(dir) = dir {
        builder = builder.host_dir(dir);
    }
    for (tag, name, text) in sources {
        builder = builder.source(&tag, name, text);
    }
    builder.build()
}

/// The writing direction of a locale, for the page's `dir` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Dir {
    /// Left to right (English, German, Japanese, …).
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, …).
    Rtl,
}

impl Dir {
    /// The value of an HTML `dir` attribute: `"ltr"` or `"rtl"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }

    /// The direction of a language's script (top-to-bottom scripts are laid out left to right:
    /// HTML has no vertical `dir`).
    fn of(lang: &LanguageIdentifier) -> Self {
        match lang.character_direction() {
            CharacterDirection::RTL => Dir::Rtl,
            _ => Dir::Ltr,
        }
    }
}

impl fmt::Display for Dir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A locale the [`Localizer`] has a catalog for: its BCP 47 tag and writing direction.
///
/// Serializes as `{"lang": "de", "dir": "ltr"}`, what a template needs for
/// `<html lang="…" dir="…">`. Obtained from the localizer (a host cannot make one for a
/// locale without a catalog).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    lang: LanguageIdentifier,
    tag: String,
    dir: Dir,
}

impl Locale {
    /// A locale for a tag that has a catalog; the direction comes from the tag's script
    /// (CLDR likely subtags: `ar` is right to left).
    pub(crate) fn new(lang: LanguageIdentifier) -> Self {
        let dir = Dir::of(&lang);
        Self::with_dir(lang, dir)
    }

    /// A locale with a given direction (the pseudo-locale is `en`-based but has its own tag).
    pub(crate) fn with_dir(lang: LanguageIdentifier, dir: Dir) -> Self {
        Self {
            tag: lang.to_string(),
            lang,
            dir,
        }
    }

    /// The BCP 47 tag, as in the catalog's directory name: `"de"`, `"pt-BR"`, `"zh-Hans"`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The writing direction.
    pub fn dir(&self) -> Dir {
        self.dir
    }

    pub(crate) fn lang(&self) -> &LanguageIdentifier {
        &self.lang
    }
}

impl Default for Locale {
    /// English, left to right: the locale of a host page that has no runtime at hand (the
    /// adapters' helpers outside their session layer).
    fn default() -> Self {
        Self::new(catalog::ENGLISH.parse().unwrap_or_default())
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

impl Serialize for Locale {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Locale", 2)?;
        state.serialize_field("lang", &self.tag)?;
        state.serialize_field("dir", &self.dir)?;
        state.end()
    }
}
