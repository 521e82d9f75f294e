//! [`Localizer`]: one Fluent bundle per locale, built once, and formatting that never fails.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::catalog::{
    self, CatalogError, ENGLISH, HostFile, LIBRARY_CATALOGS, library_path, parse_strict,
};
use super::negotiate::{accept_language, best_match, negotiate};
use super::{Dir, Locale, pseudo};

type Bundle = FluentBundle<Arc<FluentResource>>;

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
struct Catalog {
    locale: Locale,
    bundle: Bundle,
    /// The pseudo-locale: each formatted message is wrapped in markers.
    pseudo: bool,
}

/// The message catalogs of every locale, and formatting in one of them.
///
/// Formatting never fails and never returns an empty string: a message missing from a
/// locale's catalog, or one that cannot be formatted (a missing variable), is logged once and
/// shown in English; a message missing from English too is shown as its id. Ids name a
/// message (`linked-accounts-title`) or one of its attributes
/// (`confirm-email-sign-in-then-confirm.link`).
pub struct Localizer {
    /// Every built catalog by tag: the enabled locales, and English (the fallback) always.
    catalogs: BTreeMap<String, Catalog>,
    /// The enabled locales, in negotiation order.
    locales: Vec<Locale>,
    available: Vec<LanguageIdentifier>,
    default: Locale,
    reported: Mutex<BTreeSet<(String, String)>>,
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
    /// default.
    pub(crate) fn new() -> Result<Self, CatalogError> {
        Self::builder().build()
    }

    /// Configures the default locale, the enabled ones, the pseudo-locale and host catalogs.
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
fn split_id(id: &str) -> (&str, Option<&str>) {
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

/// The settings of a [`Localizer`]; `build` loads and checks every catalog.
#[derive(Debug)]
pub(crate) struct LocalizerBuilder {
    default: String,
    enabled: Option<Vec<String>>,
    pseudo: bool,
    host_dir: Option<PathBuf>,
    sources: Vec<(String, PathBuf, String)>,
}

impl Default for LocalizerBuilder {
    fn default() -> Self {
        Self {
            default: ENGLISH.to_owned(),
            enabled: None,
            pseudo: false,
            host_dir: None,
            sources: Vec::new(),
        }
    }
}

/// Where configuration problems (a locale setting with no catalog) are reported.
const SETTINGS: &str = "[locales]";

impl LocalizerBuilder {
    /// The locale used when nothing else decides (default `en`).
    pub(crate) fn default_locale(mut self, tag: &str) -> Self {
        tag.clone_into(&mut self.default);
        self
    }

    /// Only these locales are offered (default: every locale with a catalog).
    pub(crate) fn enabled<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.enabled = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// Offers the pseudo-locale `en-XA` (for the walk that finds text outside the catalogs).
    pub(crate) fn pseudo(mut self, enabled: bool) -> Self {
        self.pseudo = enabled;
        self
    }

    /// A host's catalogs: `<dir>/<tag>/*.ftl`, read by `build`.
    pub(crate) fn host_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.host_dir = Some(dir.into());
        self
    }

    /// One host catalog given in memory; `name` is how errors name it.
    pub(crate) fn source(
        mut self,
        tag: &str,
        name: impl Into<PathBuf>,
        text: impl Into<String>,
    ) -> Self {
        self.sources
            .push((tag.to_owned(), name.into(), text.into()));
        self
    }

    /// Loads, checks and bundles every catalog.
    pub(crate) fn build(self) -> Result<Localizer, CatalogError> {
        let host = self.host_files()?;
        if self.pseudo
            && let Some(file) = host.iter().find(|file| file.lang == pseudo::TAG)
        {
            return Err(CatalogError::whole(
                &file.path,
                "en-XA is the pseudo-locale, made from English: it cannot have catalogs",
            ));
        }
        let mut catalogs = BTreeMap::new();
        let mut order = Vec::new();
        for (tag, source) in LIBRARY_CATALOGS {
            let lang = catalog::locale_tag(Path::new(tag), tag)?;
            let library = library_resource(tag, source)?;
            let catalog = bundle(&lang, Some(library), &host, false)?;
            catalogs.insert((*tag).to_owned(), catalog);
            order.push((*tag).to_owned());
        }
        let english_ids = parse_strict(&library_path(ENGLISH), LIBRARY_CATALOGS[0].1)?;
        let mut new_tags: Vec<LanguageIdentifier> = host
            .iter()
            .map(|file| file.lang.clone())
            .filter(|lang| !catalogs.contains_key(&lang.to_string()))
            .collect();
        new_tags.dedup();
        for lang in new_tags {
            warn_missing_ids(&lang, &host, &english_ids);
            catalogs.insert(lang.to_string(), bundle(&lang, None, &host, false)?);
            order.push(lang.to_string());
        }
        if self.pseudo {
            let english = library_resource(ENGLISH, LIBRARY_CATALOGS[0].1)?;
            let lang = catalog::locale_tag(Path::new(pseudo::TAG), pseudo::TAG)?;
            catalogs.insert(
                pseudo::TAG.to_owned(),
                bundle(&lang, Some(english), &host, true)?,
            );
            order.push(pseudo::TAG.to_owned());
        }
        let enabled = match self.enabled {
            Some(tags) => tags,
            None => order,
        };
        let mut locales = Vec::new();
        for tag in &enabled {
            let locale = find_locale(&catalogs, tag, "enabled")?;
            if !locales.contains(&locale) {
                locales.push(locale);
            }
        }
        let default = find_locale(&catalogs, &self.default, "default")?;
        if !locales.contains(&default) {
            return Err(CatalogError::whole(
                Path::new(SETTINGS),
                format!("the default locale `{}` is not enabled", self.default),
            ));
        }
        catalogs.retain(|tag, _| tag == ENGLISH || locales.iter().any(|l| l.tag() == tag));
        Ok(Localizer {
            available: locales.iter().map(|locale| locale.lang().clone()).collect(),
            catalogs,
            locales,
            default,
            reported: Mutex::new(BTreeSet::new()),
        })
    }

    /// The host directory's files, then the in-memory ones; an id defined twice for one locale
    /// (in one file or across files) is refused.
    fn host_files(&self) -> Result<Vec<HostFile>, CatalogError> {
        let mut files = match &self.host_dir {
            Some(dir) => catalog::load_host_dir(dir)?,
            None => Vec::new(),
        };
        for (tag, path, source) in &self.sources {
            let lang = catalog::locale_tag(path, tag)?;
            parse_strict(path, source)?;
            files.push(HostFile {
                lang,
                path: path.clone(),
                source: source.clone(),
            });
        }
        let mut defined: BTreeMap<(String, String), PathBuf> = BTreeMap::new();
        for file in &files {
            for id in parse_strict(&file.path, &file.source)? {
                let key = (file.lang.to_string(), id);
                if let Some(first) = defined.insert(key.clone(), file.path.clone()) {
                    return Err(CatalogError::whole(
                        &file.path,
                        format!("`{}` is already defined in {}", key.1, first.display()),
                    ));
                }
            }
        }
        files.sort_by_key(|file| file.lang.to_string());
        Ok(files)
    }
}

fn find_locale(
    catalogs: &BTreeMap<String, Catalog>,
    tag: &str,
    setting: &str,
) -> Result<Locale, CatalogError> {
    let no_catalog = || {
        CatalogError::whole(
            Path::new(SETTINGS),
            format!("{setting} locale `{tag}` has no catalog"),
        )
    };
    let lang = tag
        .parse::<LanguageIdentifier>()
        .map_err(|_| no_catalog())?;
    catalogs
        .get(&lang.to_string())
        .map(|catalog| catalog.locale.clone())
        .ok_or_else(no_catalog)
}

fn library_resource(tag: &str, source: &str) -> Result<Arc<FluentResource>, CatalogError> {
    FluentResource::try_new(source.to_owned())
        .map(Arc::new)
        .map_err(|(_, errors)| {
            let start = errors.first().map_or(0, |error| error.pos.start);
            CatalogError::at(
                &library_path(tag),
                source,
                start,
                "unparsable library catalog",
            )
        })
}

/// One locale's bundle: the library's messages (if the library has the locale), then the
/// host's files for it, which override library messages of the same id. English's host files
/// also go into the pseudo-locale.
fn bundle(
    lang: &LanguageIdentifier,
    library: Option<Arc<FluentResource>>,
    host: &[HostFile],
    pseudo: bool,
) -> Result<Catalog, CatalogError> {
    let locale = Locale::new(lang.clone());
    let source_lang: LanguageIdentifier = if pseudo {
        ENGLISH
            .parse()
            .map_err(|_| CatalogError::whole(Path::new(ENGLISH), "bad tag"))?
    } else {
        lang.clone()
    };
    let mut locales = vec![lang.clone()];
    if pseudo {
        locales.push(source_lang.clone());
    }
    let mut bundle = Bundle::new_concurrent(locales);
    // Isolation marks (U+2068/U+2069) keep a Latin address from reordering Arabic text; in a
    // left-to-right page they only get in the way of copying and of text assertions.
    bundle.set_use_isolating(locale.dir() == Dir::Rtl);
    if pseudo {
        bundle.set_transform(Some(pseudo::transform));
    }
    if let Some(library) = library
        && let Err(errors) = bundle.add_resource(library)
    {
        let tag = lang.to_string();
        return Err(CatalogError::whole(
            &library_path(&tag),
            format!("{} conflicting definitions", errors.len()),
        ));
    }
    for file in host.iter().filter(|file| file.lang == source_lang) {
        let resource = FluentResource::try_new(file.source.clone()).map_err(|(_, errors)| {
            let start = errors.first().map_or(0, |error| error.pos.start);
            CatalogError::at(&file.path, &file.source, start, "unparsable catalog")
        })?;
        bundle.add_resource_overriding(Arc::new(resource));
    }
    Ok(Catalog {
        locale,
        bundle,
        pseudo,
    })
}

/// A host locale the library does not ship falls back to English id by id: say how many.
fn warn_missing_ids(lang: &LanguageIdentifier, host: &[HostFile], english_ids: &BTreeSet<String>) {
    let mut defined = BTreeSet::new();
    for file in host.iter().filter(|file| file.lang == *lang) {
        if let Ok(ids) = parse_strict(&file.path, &file.source) {
            defined.extend(ids);
        }
    }
    let missing = english_ids.difference(&defined).count();
    if missing > 0 {
        tracing::warn!(
            locale = %lang,
            missing,
            "host locale lacks library messages; they are shown in English"
        );
    }
}
