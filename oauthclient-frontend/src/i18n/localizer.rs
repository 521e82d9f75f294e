//! [`Localizer`]: one Fluent bundle per locale, built once, and formatting that never fails.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::builder::LocalizerBuilder;
use super::catalog::ENGLISH;
use super::negotiate::{accept_language, best_match, negotiate};
use super::{Locale, pseudo};

pub(super) type Bundle = FluentBundle<Arc<FluentResource>>;

/// At most this many (locale, id) problems are remembered to log each once; past it, they are
/// no longer logged (ids come from code and templates, so the set stays far below this).
const MAX_REPORTED: usize = 4096;

/// The value of a message's variable (`{ $provider }`, `{ $hours }`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Arg<'a> {
    /// A number: selects plural variants (`one`, `few`, `other`, …).
    Number(i64),
    /// A text, shown as it is (never translated).
    Text(Cow<'a, str>),
}

impl From<i64> for Arg<'_> {
    fn from(number: i64) -> Self {
        Arg::Number(number)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(Cow::Owned(text))
    }
}

/// A locale's catalog: its bundle (library and host messages together).
pub(super) struct Catalog {
    pub(super) locale: Locale,
    pub(super) bundle: Bundle,
    /// The pseudo-locale: each formatted message is wrapped in markers.
    pub(super) pseudo: bool,
}

/// The message catalogs of every locale, and formatting in one of them.
///
/// Formatting never fails and never returns an empty string: a message missing from a
/// locale's catalog, or one that cannot be formatted (a missing variable), is logged once and
/// shown in English; a message missing from English too is shown as its id. Ids name a
/// message (`linked-accounts-title`) or one of its attributes
/// (`confirm-email-sign-in-then-confirm.link`).
///
/// Built once at start-up from the library's embedded catalogs and the host's catalog
/// directory; the runtime builds one (`RuntimeBuilder::build`) with the shipped catalogs.
pub struct Localizer {
    /// Every built catalog by tag: the enabled locales, and English (the fallback) always.
    pub(super) catalogs: BTreeMap<String, Catalog>,
    /// The enabled locales, in negotiation order.
    pub(super) locales: Vec<Locale>,
    pub(super) available: Vec<LanguageIdentifier>,
    pub(super) default: Locale,
    /// Every message id the library's English catalog and the host's files define.
    pub(super) ids: BTreeSet<String>,
    pub(super) reported: Mutex<BTreeSet<(String, String)>>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("available", &self.locales)
            .field("default", &self.default)
            .finish_non_exhaustive()
    }
}

/// Why a message could not be formatted in a locale (logged, never shown).
#[derive(Debug)]
pub(crate) enum Problem {
    Missing,
    Errors(String),
}

impl Localizer {
    /// A localizer with the library's catalogs only, every shipped locale enabled, English by
    /// default (also what the free `take_flashes` formats with).
    pub(crate) fn new() -> Result<Self, super::CatalogError> {
        LocalizerBuilder::default().build()
    }

    /// Configures the default locale, the enabled ones, the pseudo-locale and host catalogs.
    #[cfg(test)]
    pub(crate) fn builder() -> LocalizerBuilder {
        LocalizerBuilder::default()
    }

    /// The message `id` in `locale`, with its variables; see the type's fallbacks.
    pub fn format(&self, locale: &Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let args = fluent_args(args);
        match self.format_strict(locale, id, &args) {
            Ok(text) => return text,
            Err(problem) => self.report_once(locale.tag(), id, &problem),
        }
        if locale.tag() != ENGLISH
            && let Some(english) = self.catalogs.get(ENGLISH)
        {
            match format_in(english, id, &args) {
                Ok(text) => return text,
                Err(problem) => self.report_once(ENGLISH, id, &problem),
            }
        }
        self.catalogs
            .get(ENGLISH)
            .and_then(|english| format_lenient(english, id, &args))
            .unwrap_or_else(|| id.to_owned())
    }

    /// The message `id` in `locale`, for a message without variables.
    pub fn text(&self, locale: &Locale, id: &str) -> String {
        self.format(locale, id, &[])
    }

    /// Whether `id` comes from a catalog in `locale` (its own or the English fallback) rather
    /// than being shown as the bare id.
    pub fn has(&self, locale: &Locale, id: &str) -> bool {
        [locale.tag(), ENGLISH].iter().any(|tag| {
            self.catalogs
                .get(*tag)
                .is_some_and(|catalog| pattern_exists(&catalog.bundle, id))
        })
    }

    /// A remote app's title in `locale`: the catalog's `app-<name>-title` (yours or the
    /// library's) when one has it, else the `configured` title, which is in one language.
    pub fn app_title(&self, locale: &Locale, name: &str, configured: &str) -> String {
        self.app_text(locale, &format!("app-{name}-title"), configured)
    }

    /// A remote app's description in `locale`: the catalog's `app-<name>-description` when one
    /// has it, else the `configured` description.
    pub fn app_description(&self, locale: &Locale, name: &str, configured: &str) -> String {
        self.app_text(locale, &format!("app-{name}-description"), configured)
    }

    fn app_text(&self, locale: &Locale, id: &str, configured: &str) -> String {
        if self.has(locale, id) {
            self.text(locale, id)
        } else {
            configured.to_owned()
        }
    }

    /// The enabled locales, in negotiation order.
    pub fn available(&self) -> &[Locale] {
        &self.locales
    }

    /// The locale used when nothing else decides.
    pub fn default_locale(&self) -> &Locale {
        &self.default
    }

    /// The enabled locale with exactly this tag (`"pt-BR"`; case-insensitive).
    pub fn locale(&self, tag: &str) -> Option<&Locale> {
        let lang = tag.parse::<LanguageIdentifier>().ok()?;
        self.locales.iter().find(|locale| *locale.lang() == lang)
    }

    /// The best enabled locale for an `Accept-Language` header, else the default.
    pub fn negotiate(&self, accept_language_header: &str) -> &Locale {
        let requested = accept_language(accept_language_header);
        let chosen = negotiate(&requested, &self.available, self.default.lang());
        self.locale_of(chosen).unwrap_or(&self.default)
    }

    /// The best enabled locale for languages in preference order, if any matches.
    pub(crate) fn best_match(&self, requested: &[LanguageIdentifier]) -> Option<&Locale> {
        best_match(requested, &self.available).and_then(|lang| self.locale_of(lang))
    }

    fn locale_of(&self, lang: &LanguageIdentifier) -> Option<&Locale> {
        self.locales.iter().find(|locale| locale.lang() == lang)
    }

    /// The message in exactly this locale, or why not (no fallback).
    pub(crate) fn format_strict(
        &self,
        locale: &Locale,
        id: &str,
        args: &FluentArgs<'_>,
    ) -> Result<String, Problem> {
        let catalog = self.catalogs.get(locale.tag()).ok_or(Problem::Missing)?;
        format_in(catalog, id, args)
    }

    fn report_once(&self, tag: &str, id: &str, problem: &Problem) {
        let mut reported = self.reported.lock().unwrap_or_else(PoisonError::into_inner);
        if reported.len() >= MAX_REPORTED || !reported.insert((tag.to_owned(), id.to_owned())) {
            return;
        }
        match problem {
            Problem::Missing => {
                tracing::warn!(locale = tag, id, "message missing from the catalog");
            }
            Problem::Errors(errors) => {
                tracing::warn!(locale = tag, id, errors, "message could not be formatted");
            }
        }
    }
}

pub(crate) fn fluent_args<'a>(args: &'a [(&'a str, Arg<'a>)]) -> FluentArgs<'a> {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Number(number) => fluent.set(*name, FluentValue::from(*number)),
            Arg::Text(text) => fluent.set(*name, FluentValue::from(text.as_ref())),
        }
    }
    fluent
}

/// `id` or `id.attribute`.
pub(super) fn split_id(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((message, attribute)) => (message, Some(attribute)),
        None => (id, None),
    }
}

fn pattern_exists(bundle: &Bundle, id: &str) -> bool {
    let (message, attribute) = split_id(id);
    bundle
        .get_message(message)
        .is_some_and(|message| match attribute {
            Some(attribute) => message.get_attribute(attribute).is_some(),
            None => message.value().is_some(),
        })
}

fn format_in(catalog: &Catalog, id: &str, args: &FluentArgs<'_>) -> Result<String, Problem> {
    let (message, attribute) = split_id(id);
    let message = catalog
        .bundle
        .get_message(message)
        .ok_or(Problem::Missing)?;
    let pattern = match attribute {
        Some(attribute) => message.get_attribute(attribute).map(|a| a.value()),
        None => message.value(),
    }
    .ok_or(Problem::Missing)?;
    let mut errors = Vec::new();
    let text = catalog
        .bundle
        .format_pattern(pattern, Some(args), &mut errors);
    if !errors.is_empty() {
        let errors = errors.iter().map(ToString::to_string).collect::<Vec<_>>();
        return Err(Problem::Errors(errors.join("; ")));
    }
    if catalog.pseudo {
        Ok(pseudo::wrap(&text))
    } else {
        Ok(text.into_owned())
    }
}

/// English with errors ignored (a missing variable shows as `{$name}`): better than the id.
fn format_lenient(english: &Catalog, id: &str, args: &FluentArgs<'_>) -> Option<String> {
    let (message, attribute) = split_id(id);
    let message = english.bundle.get_message(message)?;
    let pattern = match attribute {
        Some(attribute) => message.get_attribute(attribute).map(|a| a.value()),
        None => message.value(),
    }?;
    let text = english
        .bundle
        .format_pattern(pattern, Some(args), &mut Vec::new());
    (!text.trim().is_empty()).then(|| text.into_owned())
}
