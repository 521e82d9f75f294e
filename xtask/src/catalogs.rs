//! `cargo xtask catalogs`: every locale's Fluent catalogs against English (plan 26 §11).
//!
//! For each catalog root (`<root>/<tag>/*.ftl`, English in `<root>/en/`):
//! 1. every file parses strictly (no syntax error, no Junk), ids are defined once per locale;
//! 2. a locale defines exactly English's messages, terms and attributes;
//! 3. each value and attribute uses the same variables and references as English, and selects
//!    only on variables English's pattern has;
//! 4. a selector on a variable English selects on (a plural) uses only the CLDR cardinal
//!    categories of the locale (or exact numbers) and has a default variant;
//! 5. no `<` or `>` in text (markup belongs to templates), no empty value, no leading or
//!    trailing space that English lacks or has (`common-list-separator` excepted);
//! 6. every id the code uses is defined in English, and every English id is used ([`usage`]);
//! 7. messages the single-page app formats itself (`spa-*`) have no selectors.
//!
//! Problems are printed all at once, `path:line[:column]: what`.

mod shape;
#[cfg(test)]
mod tests;
mod usage;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use shape::{Definition, PatternShape, read_file};

/// The catalog roots, relative to the workspace: the library's, then the host catalogs of the
/// apps that ship in the repository (the demo's pages, the axum example app's page, the
/// single-page app's texts). Each must exist.
pub(crate) const ROOTS: &[&str] = &[
    "oauthclient-frontend/locales",
    "oauthclient-demo/locales",
    "examples/axum-app/locales",
    "examples/spa/locales",
];

/// The reference locale of every root.
const ENGLISH: &str = "en";

/// Messages whose spaces at the edges are the point (a list separator).
const SPACING_EXEMPT: &[&str] = &["common-list-separator"];

/// Prefix of the messages a client formats itself (no selectors there).
const CLIENT_PREFIX: &str = "spa-";

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub(crate) line: usize,
    /// 1-based; 0 when unknown.
    pub(crate) column: usize,
    pub(crate) message: String,
}

impl Problem {
    pub(crate) fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// The task: every root of the workspace.
pub fn catalogs() -> Result<(), String> {
    let workspace = crate::process::workspace_root();
    let mut problems = Vec::new();
    let mut locales = 0;
    for root in ROOTS {
        let dir = workspace.join(root);
        if !dir.is_dir() {
            problems.push(Problem::at(&dir, 0, 0, "the catalogs are missing"));
            continue;
        }
        let (checked, found) = check_root(&dir);
        locales += checked;
        problems.extend(found);
    }
    problems.extend(check_usage(&workspace));
    report(&problems, locales)
}

fn report(problems: &[Problem], locales: usize) -> Result<(), String> {
    if problems.is_empty() {
        println!("catalogs: {locales} locales checked against English, no problem");
        return Ok(());
    }
    for problem in problems {
        eprintln!("{problem}");
    }
    let files: BTreeSet<&Path> = problems.iter().map(|p| p.path.as_path()).collect();
    Err(format!(
        "catalogs: {} problems in {} files",
        problems.len(),
        files.len()
    ))
}

/// Rule 6 over every root that exists: see [`usage`].
fn check_usage(workspace: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    for usage in usage::USAGES {
        let root = workspace.join(usage.root);
        if !root.is_dir() {
            continue;
        }
        let own = english_ids(&root);
        let mut defined = own.clone();
        for other in usage.also_defined_by {
            defined.extend(english_ids(&workspace.join(other)));
        }
        let mut used = BTreeSet::new();
        for dir in usage.sources {
            for file in usage::source_files(&workspace.join(dir)) {
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let rust = file.extension().is_some_and(|extension| extension == "rs");
                let (known, unknown) =
                    usage::classify(&usage::ids_in_file(&file, &text), rust, &defined);
                used.extend(known);
                for id in unknown {
                    let message = format!("`{id}` is used but not defined in English");
                    problems.push(Problem::at(&file, 0, 0, message));
                }
            }
        }
        let used_here: BTreeSet<String> = used
            .into_iter()
            .filter(|id| own.contains(id.split('.').next().unwrap_or(id)))
            .collect();
        for message in usage_problems(&own, &used_here, usage.exempt) {
            problems.push(Problem::at(&root.join(ENGLISH), 0, 0, message));
        }
    }
    problems
}

/// The message ids (not terms, not attributes) of a root's English catalog.
fn english_ids(root: &Path) -> BTreeSet<String> {
    let mut problems = Vec::new();
    let mut definitions = BTreeMap::new();
    let dir = root.join(ENGLISH);
    for file in sorted(&dir, &mut problems) {
        if let Ok(source) = std::fs::read_to_string(&file) {
            read_file(&file, &source, &mut definitions, &mut problems);
        }
    }
    definitions
        .into_keys()
        .filter(|id| !id.starts_with('-'))
        .collect()
}

/// Checks one root; returns the number of locales read and the problems.
pub(crate) fn check_root(root: &Path) -> (usize, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut locales: BTreeMap<String, BTreeMap<String, Definition>> = BTreeMap::new();
    for dir in sorted(root, &mut problems) {
        let name = dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !dir.is_dir() {
            if dir.extension().is_some_and(|extension| extension == "ftl") {
                problems.push(Problem::at(&dir, 0, 0, "catalogs go in <root>/<tag>/*.ftl"));
            }
            continue;
        }
        match name.parse::<LanguageIdentifier>() {
            Ok(lang) if lang == name.as_str() => {}
            _ => {
                problems.push(Problem::at(&dir, 0, 0, "not a canonical BCP 47 tag"));
                continue;
            }
        }
        let definitions = locales.entry(name).or_default();
        for file in sorted(&dir, &mut problems) {
            if file.extension().is_none_or(|extension| extension != "ftl") {
                continue;
            }
            match std::fs::read_to_string(&file) {
                Ok(source) => read_file(&file, &source, definitions, &mut problems),
                Err(err) => problems.push(Problem::at(&file, 0, 0, format!("unreadable: {err}"))),
            }
        }
    }
    let Some(english) = locales.get(ENGLISH) else {
        problems.push(Problem::at(&root.join(ENGLISH), 0, 0, "no English catalog"));
        return (locales.len(), problems);
    };
    let english_dir = root.join(ENGLISH);
    problems.extend(check_locale(ENGLISH, &english_dir, english, english));
    for (tag, definitions) in &locales {
        if tag != ENGLISH {
            problems.extend(check_locale(tag, &root.join(tag), definitions, english));
        }
    }
    (locales.len(), problems)
}

fn sorted(dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|entry| entry.path()).collect(),
        Err(err) => {
            problems.push(Problem::at(dir, 0, 0, format!("unreadable: {err}")));
            Vec::new()
        }
    };
    paths.sort();
    paths
}

/// Rules 2 to 5 and 7 for one locale (English against itself checks 4, 5 and 7).
pub(crate) fn check_locale(
    tag: &str,
    dir: &Path,
    locale: &BTreeMap<String, Definition>,
    english: &BTreeMap<String, Definition>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (id, reference) in english {
        if !locale.contains_key(id) {
            let message = format!(
                "missing `{id}` (English: {}:{})",
                reference.path.display(),
                reference.line
            );
            problems.push(Problem::at(dir, 0, 0, message));
        }
    }
    let categories = plural_categories(tag);
    for (id, definition) in locale {
        let at = |message: String| Problem::at(&definition.path, definition.line, 0, message);
        let Some(reference) = english.get(id) else {
            problems.push(at(format!("`{id}` is not in English")));
            continue;
        };
        for (key, pattern) in &definition.patterns {
            let name = key
                .as_ref()
                .map_or_else(|| id.clone(), |attribute| format!("{id}.{attribute}"));
            let Some(english_pattern) = reference.patterns.get(key) else {
                problems.push(at(format!("`{name}` is not in English")));
                continue;
            };
            for problem in compare(&name, pattern, english_pattern, categories.as_ref()) {
                problems.push(at(problem));
            }
        }
        for key in reference
            .patterns
            .keys()
            .filter(|key| !definition.patterns.contains_key(*key))
        {
            let name = key
                .as_ref()
                .map_or_else(|| format!("{id} (value)"), |a| format!("{id}.{a}"));
            problems.push(at(format!("`{name}` is missing")));
        }
    }
    problems
}

/// The problems of one pattern against English's.
fn compare(
    name: &str,
    pattern: &PatternShape,
    english: &PatternShape,
    categories: Option<&BTreeSet<&'static str>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    if pattern.references != english.references {
        problems.push(format!(
            "`{name}` uses {:?}, English {:?}",
            pattern.references, english.references
        ));
    }
    let english_variables: BTreeSet<&str> = english.variables().collect();
    let english_selects: BTreeSet<&str> = english
        .selectors
        .iter()
        .filter_map(|selector| selector.variable.as_deref())
        .collect();
    for selector in &pattern.selectors {
        let variable = selector.variable.as_deref().unwrap_or("?");
        if !english_variables.contains(variable) {
            problems.push(format!(
                "`{name}` selects on `${variable}`, which English does not use"
            ));
        }
        if !selector.has_default {
            problems.push(format!("`{name}`: the selector has no default variant"));
        }
        if name.starts_with(CLIENT_PREFIX) {
            problems.push(format!("`{name}`: a client-side message cannot select"));
        }
        if english_selects.contains(variable)
            && let Some(categories) = categories
        {
            for key in &selector.keys {
                let exact_number = key.parse::<f64>().is_ok();
                if !exact_number && !categories.contains(key.as_str()) {
                    problems.push(format!(
                        "`{name}`: `[{key}]` is not a plural category of this locale {categories:?}"
                    ));
                }
            }
        }
    }
    for text in &pattern.texts {
        if text.contains(['<', '>']) {
            problems.push(format!(
                "`{name}`: markup character in {text:?} (markup belongs to templates)"
            ));
        }
    }
    if pattern.is_empty() {
        problems.push(format!("`{name}` is empty"));
    }
    let base = name.split('.').next().unwrap_or(name);
    if !SPACING_EXEMPT.contains(&base)
        && (pattern.leading_space, pattern.trailing_space)
            != (english.leading_space, english.trailing_space)
    {
        problems.push(format!("`{name}`: spaces at its edges differ from English"));
    }
    problems
}

/// The CLDR cardinal categories of a locale (`None` when the rules do not know it: then plural
/// keys are not checked). intl_pluralrules 7 has no listing: the categories are those its
/// rules give over a range of numbers.
pub(crate) fn plural_categories(tag: &str) -> Option<BTreeSet<&'static str>> {
    let lang = tag.parse::<LanguageIdentifier>().ok()?;
    let language_only = LanguageIdentifier::from_parts(lang.language, None, None, &[]);
    let rules = PluralRules::create(lang, PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(language_only, PluralRuleType::CARDINAL))
        .ok()?;
    let mut categories = BTreeSet::new();
    let integers = (0..1200_u64).chain([1_000_000, 1_000_001, 2_000_000]);
    for category in integers.filter_map(|n| rules.select(n).ok()) {
        categories.insert(category_name(&category));
    }
    for fraction in ["0.5", "1.5", "2.5", "1.0"] {
        if let Ok(category) = rules.select(fraction) {
            categories.insert(category_name(&category));
        }
    }
    Some(categories)
}

fn category_name(category: &PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// Rule 6: ids used in templates (`t("…")`, `tm("…")`) and code must be defined in English,
/// and every English id must be used (ids starting with an `exempt` prefix excepted: per-app
/// titles, `locale-name`).
pub(crate) fn usage_problems(
    defined: &BTreeSet<String>,
    used: &BTreeSet<String>,
    exempt: &[&str],
) -> Vec<String> {
    let base = |id: &str| id.split('.').next().unwrap_or(id).to_owned();
    let used_bases: BTreeSet<String> = used.iter().map(|id| base(id)).collect();
    let mut problems: Vec<String> = used
        .iter()
        .filter(|id| !defined.contains(&base(id)))
        .map(|id| format!("`{id}` is used but not defined in English"))
        .collect();
    problems.extend(
        defined
            .iter()
            .filter(|id| !id.starts_with('-') && !used_bases.contains(*id))
            .filter(|id| !exempt.iter().any(|prefix| id.starts_with(prefix)))
            .map(|id| format!("`{id}` is defined but never used")),
    );
    problems
}

/// The ids a template uses: the first argument of each `t("…")` / `tm("…")` call (either
/// quote).
pub(crate) fn ids_in_template(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for call in ["t(", "tm("] {
        let mut rest = text;
        while let Some(start) = rest.find(call) {
            let boundary = rest[..start]
                .chars()
                .next_back()
                .is_none_or(|before| !(before.is_alphanumeric() || before == '_'));
            rest = &rest[start + call.len()..];
            let trimmed = rest.trim_start();
            let Some(quote) = trimmed.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = trimmed[1..].find(quote)
                && boundary
            {
                ids.insert(trimmed[1..=end].to_owned());
            }
        }
    }
    ids
}
