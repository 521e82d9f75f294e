//! Rule 6 of the catalog check: the ids the code uses are defined in English, and every English
//! id is used somewhere.
//!
//! "Used" is read from the sources, not from a run: `t("…")` / `tm("…")` calls in templates,
//! `data-i18n="…"` attributes and `t('…')` calls in the single-page app, and string literals in
//! Rust sources that have the shape of a message id (`"error-forbidden-heading"`). An id built
//! at run time (`format!("error-{kind}")`) is invisible to the scan, which is the point: every
//! id stays greppable, so a translator can find where a message is shown.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::ids_in_template;

/// Where one catalog root's ids are used.
pub(crate) struct Usage {
    /// The catalog root, relative to the workspace.
    pub(crate) root: &'static str,
    /// Directories (relative to the workspace) whose templates, scripts and Rust sources use
    /// the root's ids.
    pub(crate) sources: &'static [&'static str],
    /// Other roots whose English ids these sources may also use (a host's templates reuse the
    /// library's `linked-accounts-title`).
    pub(crate) also_defined_by: &'static [&'static str],
    /// Ids that need no use in the code: looked up by convention (`app-<name>-title`) or by
    /// the runtime itself (`locale-name`).
    pub(crate) exempt: &'static [&'static str],
}

/// Every root with the places that use it.
pub(crate) const USAGES: &[Usage] = &[
    Usage {
        root: "oauthclient-frontend/locales",
        sources: &[
            "oauthclient-frontend/templates",
            "oauthclient-frontend/src",
            "oauthclient-core/src",
            "oauthclient-web/src",
            "oauthclient-axum/src",
        ],
        also_defined_by: &[],
        exempt: &["app-", "locale-name"],
    },
    Usage {
        root: "oauthclient-demo/locales",
        sources: &["oauthclient-demo/templates", "oauthclient-demo/src"],
        also_defined_by: &["oauthclient-frontend/locales"],
        exempt: &["app-", "locale-name"],
    },
    Usage {
        root: "examples/axum-app/locales",
        sources: &["examples/axum-app/templates", "examples/axum-app/src"],
        also_defined_by: &["oauthclient-frontend/locales"],
        exempt: &["app-", "locale-name"],
    },
    Usage {
        root: "examples/spa/locales",
        sources: &["examples/spa"],
        also_defined_by: &[],
        exempt: &["locale-name"],
    },
];

/// Rust literals shaped like message ids that are something else.
const NOT_MESSAGES: &[&str] = &[
    // The purpose a confirmation token is signed for (core `email/confirmation.rs`).
    "email-confirmation",
];

/// The ids one file uses, by its kind: calls in templates and scripts, `data-i18n`
/// attributes, id-shaped literals in Rust.
pub(crate) fn ids_in_file(path: &Path, text: &str) -> BTreeSet<String> {
    let extension = path.extension().and_then(|extension| extension.to_str());
    let mut ids = match extension {
        Some("html" | "txt" | "js" | "mjs") => ids_in_template(text),
        Some("rs") => id_literals(text),
        _ => BTreeSet::new(),
    };
    if matches!(extension, Some("html" | "js" | "mjs")) {
        ids.extend(attribute_values(text, "data-i18n=\""));
    }
    ids
}

/// The ids of `found` that count as uses of `defined`, and those that claim to be ids but are
/// not defined. Rust literals claim to be ids when their first word starts an English id
/// (`"error-…"`, `"flash-…"`): `"content-type"` is no message; templates' and scripts' calls
/// always claim.
pub(crate) fn classify(
    found: &BTreeSet<String>,
    rust: bool,
    defined: &BTreeSet<String>,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let base = |id: &str| id.split('.').next().unwrap_or(id).to_owned();
    let first_word = |id: &str| id.split('-').next().unwrap_or(id).to_owned();
    let families: BTreeSet<String> = defined.iter().map(|id| first_word(id)).collect();
    let (used, unknown): (BTreeSet<String>, BTreeSet<String>) = found
        .iter()
        .cloned()
        .partition(|id| defined.contains(&base(id)));
    let unknown = unknown
        .into_iter()
        .filter(|id| !rust || families.contains(&first_word(id)))
        .filter(|id| !(rust && NOT_MESSAGES.contains(&id.as_str())))
        .collect();
    (used, unknown)
}

/// The values of an attribute (`data-i18n="spa-title"` → `spa-title`).
fn attribute_values(text: &str, opening: &str) -> BTreeSet<String> {
    text.match_indices(opening)
        .filter_map(|(at, _)| {
            let rest = &text[at + opening.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .filter(|value| is_id_shaped(value))
        .collect()
}

/// String literals of Rust code that look like message ids: lowercase words joined by `-`, at
/// least two of them (`"error-forbidden"`), optionally with one `.attribute`.
fn id_literals(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        rest = &rest[start + 1..];
        let Some(end) = rest.find('"') else { break };
        let literal = &rest[..end];
        if is_id_shaped(literal) {
            ids.insert(literal.to_owned());
        }
        rest = &rest[end + 1..];
    }
    ids
}

fn is_id_shaped(value: &str) -> bool {
    let (id, attribute) = value.split_once('.').unwrap_or((value, ""));
    let word = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    id.split('-').count() >= 2
        && id.split('-').all(word)
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && (attribute.is_empty() || attribute.split('-').all(word))
}

/// Every file under `dir` (sorted, recursively), skipping `tests` directories and fixtures:
/// test code names ids to assert them, which is not a use.
pub(crate) fn source_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() {
                if name != "tests" && name != "locales" && name != "node_modules" {
                    pending.push(path);
                }
            } else if name != "tests.rs" {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
