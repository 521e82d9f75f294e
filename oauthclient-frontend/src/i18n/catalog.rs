//! Catalog sources: the library's embedded catalogs and a host's catalog directory, parsed
//! strictly (any syntax error, unparsable entry or id defined twice is an error naming
//! file:line:column), unlike `FluentResource::try_new`, which skips what it cannot read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;
use unic_langid::LanguageIdentifier;

/// The library's catalogs, embedded so a host needs no files: (tag, Fluent source). English
/// first: it is the reference and every other locale's fallback.
pub(crate) const LIBRARY_CATALOGS: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en/oauthclient.ftl")),
    ("de", include_str!("../../locales/de/oauthclient.ftl")),
    ("fr", include_str!("../../locales/fr/oauthclient.ftl")),
    ("es", include_str!("../../locales/es/oauthclient.ftl")),
    ("pt-BR", include_str!("../../locales/pt-BR/oauthclient.ftl")),
    ("it", include_str!("../../locales/it/oauthclient.ftl")),
    ("nl", include_str!("../../locales/nl/oauthclient.ftl")),
    ("ja", include_str!("../../locales/ja/oauthclient.ftl")),
    (
        "zh-Hans",
        include_str!("../../locales/zh-Hans/oauthclient.ftl"),
    ),
    ("ar", include_str!("../../locales/ar/oauthclient.ftl")),
];

/// The reference locale.
pub(crate) const ENGLISH: &str = "en";

/// The path a library catalog is reported under (it is embedded, but this is where it lives in
/// the repository).
pub(crate) fn library_path(tag: &str) -> PathBuf {
    PathBuf::from(format!(
        "oauthclient-frontend/locales/{tag}/oauthclient.ftl"
    ))
}

pub use oauthclient_core::error::CatalogError;

/// A problem at byte offset `byte` of `source`, the text of `path`.
pub(crate) fn error_at(
    path: &Path,
    source: &str,
    byte: usize,
    message: impl Into<String>,
) -> CatalogError {
    let (line, column) = line_and_column(source, byte);
    CatalogError::at(path, line, column, message)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(source: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(source.len());
    while !source.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &source[..byte];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// One host catalog file, read and strictly parsed.
#[derive(Debug, Clone)]
pub(crate) struct HostFile {
    /// The locale: the name of the file's directory.
    pub(crate) lang: LanguageIdentifier,
    pub(crate) path: PathBuf,
    pub(crate) source: String,
}

/// The message and term ids a catalog defines (terms with their leading `-`), after a strict
/// parse: a syntax error, an unparsable entry or an id defined twice is an error.
pub(crate) fn parse_strict(path: &Path, source: &str) -> Result<BTreeSet<String>, CatalogError> {
    let resource = match parser::parse(source) {
        Ok(resource) => resource,
        Err((_, errors)) => {
            let first = errors.iter().min_by_key(|error| error.pos.start);
            return Err(first.map_or_else(
                || CatalogError::whole(path, "unreadable Fluent syntax"),
                |error| error_at(path, source, error.pos.start, error.kind.to_string()),
            ));
        }
    };
    let mut ids = BTreeSet::new();
    for entry in &resource.body {
        let id = match entry {
            Entry::Message(message) => message.id.name.to_owned(),
            Entry::Term(term) => format!("-{}", term.id.name),
            Entry::Junk { content } => {
                // The parser reports Junk with an error; this is the belt to those braces. The
                // slice points into `source`, so its address gives its offset.
                let offset = (content.as_ptr() as usize).saturating_sub(source.as_ptr() as usize);
                return Err(error_at(path, source, offset, "unparsable entry"));
            }
            _ => continue,
        };
        if ids.contains(&id) {
            let offset = second_definition(source, &id).unwrap_or(0);
            return Err(error_at(
                path,
                source,
                offset,
                format!("`{id}` is defined twice"),
            ));
        }
        ids.insert(id);
    }
    Ok(ids)
}

/// The byte offset of the second line that defines `id` (`id =` at the start of a line).
fn second_definition(source: &str, id: &str) -> Option<usize> {
    let mut offset = 0;
    let mut seen = 0;
    for line in source.split_inclusive('\n') {
        let defines = line
            .strip_prefix(id)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if defines {
            seen += 1;
            if seen == 2 {
                return Some(offset);
            }
        }
        offset += line.len();
    }
    None
}

/// Reads `<dir>/<tag>/*.ftl`: tags in name order, files in name order within a tag, each
/// strictly parsed. A directory name must be a BCP 47 tag written as the tag prints
/// (`pt-BR`, not `pt_br`); a `.ftl` file directly in `dir` is an error (it has no locale);
/// other files are ignored.
pub(crate) fn load_host_dir(dir: &Path) -> Result<Vec<HostFile>, CatalogError> {
    let mut files = Vec::new();
    for locale_dir in sorted_entries(dir)? {
        let name = locale_dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !locale_dir.is_dir() {
            if is_ftl(&locale_dir) {
                return Err(CatalogError::whole(
                    &locale_dir,
                    "catalog files go in a directory named after their locale: <dir>/<tag>/*.ftl",
                ));
            }
            continue;
        }
        let lang = locale_tag(&locale_dir, &name)?;
        for path in sorted_entries(&locale_dir)?
            .into_iter()
            .filter(|path| is_ftl(path))
        {
            let source = std::fs::read_to_string(&path)
                .map_err(|err| CatalogError::unreadable(&path, "cannot read the catalog", err))?;
            parse_strict(&path, &source)?;
            files.push(HostFile {
                lang: lang.clone(),
                path,
                source,
            });
        }
    }
    Ok(files)
}

/// A locale directory's name as a tag: it must parse and print back the same.
pub(crate) fn locale_tag(path: &Path, name: &str) -> Result<LanguageIdentifier, CatalogError> {
    match name.parse::<LanguageIdentifier>() {
        // Compares the tag as it prints (canonical case and separators) with the name.
        Ok(lang) if lang == name => Ok(lang),
        Ok(lang) => Err(CatalogError::whole(
            path,
            format!("`{name}` must be written `{lang}` (the directory name is the locale's tag)"),
        )),
        Err(_) => Err(CatalogError::whole(
            path,
            format!("`{name}` is not a BCP 47 language tag (the directory name is the locale)"),
        )),
    }
}

fn is_ftl(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "ftl")
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, CatalogError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|err| CatalogError::unreadable(dir, "cannot read the catalog directory", err))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| {
            CatalogError::unreadable(dir, "cannot read the catalog directory", err)
        })?;
        paths.push(entry.path());
    }
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_catalog_parses_strictly_with_the_english_ids() {
        let english = parse_strict(&library_path(ENGLISH), LIBRARY_CATALOGS[0].1);
        let english = english.expect("English parses");
        assert!(english.len() > 100);
        for (tag, source) in LIBRARY_CATALOGS {
            let ids = parse_strict(&library_path(tag), source).expect("parses");
            assert_eq!(ids, english, "{tag} defines other ids than English");
        }
    }

    #[test]
    fn library_tags_are_their_canonical_form() {
        for (tag, _) in LIBRARY_CATALOGS {
            assert!(locale_tag(Path::new(tag), tag).is_ok(), "{tag}");
        }
    }

    #[test]
    fn a_syntax_error_names_line_and_column() {
        let source = "ok = fine\nsecond = also\nbroken { $x }\n";
        let err = parse_strict(Path::new("de/app.ftl"), source).expect_err("must fail");
        assert_eq!((err.line, err.column), (3, 8));
        assert!(err.to_string().starts_with("de/app.ftl:3:8: "), "{err}");
    }

    #[test]
    fn an_id_defined_twice_is_refused_at_its_second_definition() {
        let source = "a = one\nb = two\na = three\n";
        let err = parse_strict(Path::new("x.ftl"), source).expect_err("must fail");
        assert_eq!(err.to_string(), "x.ftl:3:1: `a` is defined twice");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_and_column("ü = x\néé y", 11), (2, 3));
    }

    #[test]
    fn directory_names_must_be_canonical_tags() {
        assert!(locale_tag(Path::new("pt_br"), "pt_br").is_err());
        assert!(locale_tag(Path::new("pt-br"), "pt-br").is_err());
        assert!(locale_tag(Path::new("de.old"), "de.old").is_err());
        assert!(locale_tag(Path::new("sv"), "sv").is_ok());
    }
}
