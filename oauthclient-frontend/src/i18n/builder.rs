//! [`LocalizerBuilder`]: loads the library's and the host's catalogs, checks the locale
//! settings against them, and builds one bundle per locale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fluent_bundle::FluentResource;
use unic_langid::LanguageIdentifier;

use super::catalog::{
    self, CatalogError, ENGLISH, HostFile, LIBRARY_CATALOGS, library_path, parse_strict,
};
use super::localizer::{Bundle, Catalog, Localizer};
use super::{Dir, Locale, pseudo};

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
    /// A builder with the `[locales]` settings: default, enabled, pseudo-locale, host
    /// directory.
    pub(crate) fn from_settings(settings: &oauthclient_core::config::LocaleSettings) -> Self {
        let mut builder = Self::default()
            .default_locale(&settings.default)
            .pseudo(settings.pseudo);
        if let Some(enabled) = &settings.enabled {
            builder = builder.enabled(enabled.iter().cloned());
        }
        if let Some(dir) = &settings.dir {
            builder = builder.host_dir(dir.clone());
        }
        builder
    }

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
        let mut ids = english_ids.clone();
        for file in &host {
            ids.extend(parse_strict(&file.path, &file.source)?);
        }
        ids.retain(|id| !id.starts_with('-'));
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
            // The pseudo-locale is offered whenever it is switched on, listed or not.
            Some(mut tags) if self.pseudo => {
                tags.push(pseudo::TAG.to_owned());
                tags
            }
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
            ids,
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
            catalog::error_at(
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
            catalog::error_at(&file.path, &file.source, start, "unparsable catalog")
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
