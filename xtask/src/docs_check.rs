//! The docs check of `cargo xtask ci`: the documentation says what the code does.
//!
//! - every page (docs/, README.md, each crate's README) is listed in `xtask/docs-check`, whose
//!   `cargo test` compiles each page's Rust blocks as doc-tests and loads each TOML
//!   configuration block with the real loader (see that crate's documentation);
//! - every relative link and image of the pages leads to a file ([`crate::docs_links`]);
//! - every test docs/security.md cites in its table's test column exists: `file.rs::name`
//!   names a `fn name` in a file of that path, `module::name` and a bare `name` a `fn name`
//!   anywhere, `file.rs` a file, "fuzz target `x`" a fuzz target, "`x` unit tests" a module.

use std::path::{Path, PathBuf};

use crate::process::cargo;

const DOCS_CHECK: &str = "xtask/docs-check";
const SECURITY: &str = "docs/security.md";

/// Runs the docs check from the workspace `root`.
pub fn check(root: &Path) -> Result<(), String> {
    let listed = read(&root.join(DOCS_CHECK).join("src/lib.rs"))?;
    let pages = pages(root)?;
    let mut problems = unlisted_pages(&pages, &listed);
    for page in &pages {
        problems.extend(crate::docs_links::broken(
            root,
            page,
            &read(&root.join(page))?,
        ));
    }
    let sources = rust_sources(root)?;
    problems.extend(missing_citations(&read(&root.join(SECURITY))?, &sources));
    if !problems.is_empty() {
        return Err(format!(
            "the docs check failed:\n  {}",
            problems.join("\n  ")
        ));
    }
    // Its doc-tests (Rust blocks), unit tests and the TOML blocks of every page.
    cargo(&["test", "-p", "docs-check"], &[])
}

/// Every page whose code must be checked, relative to `root`: README.md, docs/**/*.md, the
/// README of each crate (`*/README.md`, `examples/*/README.md`).
fn pages(root: &Path) -> Result<Vec<String>, String> {
    let mut found = vec!["README.md".to_owned()];
    let mut docs = Vec::new();
    walk(&root.join("docs"), &mut docs)?;
    found.extend(
        docs.iter()
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .filter_map(|path| relative(root, path)),
    );
    for parent in [root.to_path_buf(), root.join("examples")] {
        let entries = std::fs::read_dir(&parent)
            .map_err(|err| format!("cannot list {}: {err}", parent.display()))?;
        for entry in entries.flatten() {
            let readme = entry.path().join("README.md");
            if readme.is_file() {
                found.extend(relative(root, &readme));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The pages `docs-check` does not list (its `lib.rs` names each as `module => "path",`).
fn unlisted_pages(pages: &[String], listed: &str) -> Vec<String> {
    pages
        .iter()
        .filter(|page| !listed.contains(&format!("=> \"{page}\",")))
        .map(|page| {
            format!("{page}: not listed in {DOCS_CHECK}/src/lib.rs, so its code is never checked")
        })
        .collect()
}

/// The citations in the test column of `security_md`'s tables (a table whose header has a
/// `test` column) that resolve to nothing in `sources` (`(path, text)` of every Rust file,
/// paths relative to the root with `/`).
fn missing_citations(security_md: &str, sources: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    // Whether the current table has a test column (its last), and whether its header was seen.
    let mut in_table: Option<bool> = None;
    for line in security_md.lines() {
        if !line.starts_with('|') {
            in_table = None;
            continue;
        }
        let cells: Vec<&str> = line.trim_end().trim_end_matches('|').split('|').collect();
        let Some(last) = cells.last() else { continue };
        match in_table {
            None => {
                in_table = Some(last.trim() == "test");
                continue;
            }
            Some(false) => continue,
            Some(true) if line.starts_with("|---") => continue,
            Some(true) => {}
        }
        for (before, cited, after) in backticked(last) {
            if let Some(problem) = resolve(before, cited, after, sources) {
                problems.push(format!("{SECURITY}: `{cited}`: {problem}"));
            }
        }
    }
    problems
}

/// Each backticked span of `text` with the text before and after it.
fn backticked(text: &str) -> Vec<(&str, &str, &str)> {
    let parts: Vec<&str> = text.split('`').collect();
    (1..parts.len())
        .step_by(2)
        .filter(|&index| index + 1 < parts.len())
        .map(|index| (parts[index - 1], parts[index], parts[index + 1]))
        .collect()
}

/// What is wrong with one citation, if anything.
fn resolve(before: &str, cited: &str, after: &str, sources: &[(String, String)]) -> Option<String> {
    let has_file = |suffix: &str| {
        sources
            .iter()
            .any(|(path, _)| path == suffix || path.ends_with(&format!("/{suffix}")))
    };
    if before.trim_end().ends_with("fuzz target") {
        let target = format!("fuzz/fuzz_targets/{cited}.rs");
        return (!has_file(&target)).then(|| format!("no fuzz target {target}"));
    }
    let segments: Vec<&str> = cited.split("::").collect();
    let last = segments.last().copied().unwrap_or_default();
    let names_a_module = after.trim_start().starts_with("unit tests") || last == "tests";
    if names_a_module {
        let module = if last == "tests" && segments.len() > 1 {
            segments[segments.len() - 2]
        } else {
            last
        };
        let found = has_file(&format!("{module}.rs"))
            || has_file(&format!("{module}/mod.rs"))
            || sources
                .iter()
                .any(|(path, _)| path.contains(&format!("/{module}/")));
        return (!found).then(|| format!("no module `{module}`"));
    }
    if segments.len() == 1 && is_rs(last) {
        return (!has_file(last)).then(|| "no such file".to_owned());
    }
    if !is_test_name(last) {
        return None; // prose in backticks (`wrong-nonce`, `oidc live`): nothing to resolve
    }
    let in_file = segments
        .first()
        .filter(|first| is_rs(first) && segments.len() == 2);
    let module = &segments[..segments.len() - 1];
    let candidates = sources.iter().filter(|(path, _)| match in_file {
        Some(file) => path == file || path.ends_with(&format!("/{file}")),
        None => in_module(path, module),
    });
    let found = candidates.into_iter().any(|(_, text)| defines(text, last));
    let name = last.trim_end_matches('*');
    (!found).then(|| match in_file {
        Some(file) => format!("no `fn {name}` in a file {file}"),
        None if module.is_empty() => format!("no `fn {name}` anywhere"),
        None => format!("no `fn {name}` in a module {}", module.join("::")),
    })
}

/// Whether the file at `path` can hold module `module` (`a::b::tests`): a file or directory
/// `a/b/tests`, `a/b` or `a` (inline modules live in their parent's file). Empty: any file.
fn in_module(path: &str, module: &[&str]) -> bool {
    (1..=module.len())
        .rev()
        .map(|len| module[..len].join("/"))
        .any(|prefix| {
            path.contains(&format!("/{prefix}.rs"))
                || path.contains(&format!("/{prefix}/"))
                || path.starts_with(&format!("{prefix}/"))
        })
        || module.is_empty()
}

fn is_rs(name: &str) -> bool {
    Path::new(name).extension().is_some_and(|ext| ext == "rs")
}

/// A Rust identifier, optionally ending in `*` (every test of that prefix).
fn is_test_name(name: &str) -> bool {
    let name = name.strip_suffix('*').unwrap_or(name);
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `text` defines `fn name` (or, for `prefix*`, a fn whose name starts so).
fn defines(text: &str, name: &str) -> bool {
    match name.strip_suffix('*') {
        Some(prefix) => text.contains(&format!("fn {prefix}")),
        None => text
            .match_indices(&format!("fn {name}"))
            .any(|(at, found)| text[at + found.len()..].starts_with(['(', '<'])),
    }
}

/// Every `.rs` file under `root` (not `target*`, `.git`, `node_modules`): its path relative
/// to `root` with `/`, and its text.
fn rust_sources(root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    walk(root, &mut files)?;
    files
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .filter_map(|path| Some((relative(root, path)?, path)))
        .map(|(relative, path)| Ok((relative, read(path)?)))
        .collect()
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|err| format!("cannot list {}: {err}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !(name.starts_with("target") || name.starts_with('.') || name == "node_modules") {
                walk(&path, found)?;
            }
        } else {
            found.push(path);
        }
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    Some(relative.to_string_lossy().replace('\\', "/"))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Vec<(String, String)> {
        vec![
            (
                "oauthclient-web/tests/security.rs".to_owned(),
                "#[actix_web::test]\nasync fn state_attacks_are_refused() {}\nfn helper() {}"
                    .to_owned(),
            ),
            (
                "oauthclient-core/src/email/mailbox.rs".to_owned(),
                "mod tests { fn keys_match() {} }".to_owned(),
            ),
            ("fuzz/fuzz_targets/state_token.rs".to_owned(), String::new()),
        ]
    }

    fn table(tests: &str) -> String {
        format!("| threat | defense | test |\n|---|---|---|\n| a | b | {tests} |\n")
    }

    #[test]
    fn cited_tests_that_exist_pass() {
        let cited = table(
            "`oauthclient-web/tests/security.rs`, `security.rs::state_attacks_are_refused`, \
             `keys_match`, `security.rs::state_*`, `email::mailbox` unit tests, \
             fuzz target `state_token`, `oidc live` (`wrong-nonce` → 403)",
        );
        assert_eq!(missing_citations(&cited, &sources()), Vec::<String>::new());
    }

    #[test]
    fn a_missing_test_fails() {
        let problems = missing_citations(&table("`security.rs::no_such_test`"), &sources());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("no `fn no_such_test` in a file security.rs"));
    }

    #[test]
    fn a_test_cited_in_the_wrong_file_fails() {
        let problems =
            missing_citations(&table("`login.rs::state_attacks_are_refused`"), &sources());
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn a_module_path_must_lead_to_the_test() {
        let right = table("`email::mailbox::tests::keys_match`, `mailbox::keys_match`");
        assert_eq!(missing_citations(&right, &sources()), Vec::<String>::new());
        let wrong = missing_citations(&table("`handlers::api::tests::keys_match`"), &sources());
        assert_eq!(wrong.len(), 1, "{wrong:?}");
        assert!(
            wrong[0].contains("in a module handlers::api::tests"),
            "{wrong:?}"
        );
    }

    #[test]
    fn a_bare_name_a_prefix_a_module_a_file_and_a_fuzz_target_must_exist() {
        let cited = table(
            "`no_such_test`, `security.rs::nothing_*`, `no_such_module` unit tests, \
             `gone.rs`, fuzz target `gone`",
        );
        assert_eq!(missing_citations(&cited, &sources()).len(), 5);
    }

    #[test]
    fn tables_without_a_test_column_are_not_read() {
        let text = format!(
            "| event | when |\n|---|---|\n| a | `no_such_fn` |\n\n{}",
            table("`keys_match`")
        );
        assert_eq!(missing_citations(&text, &sources()), Vec::<String>::new());
    }

    #[test]
    fn the_header_and_other_columns_are_not_citations() {
        let text = "| `not_a_test` | `nor_this` | test |\n|---|---|---|\n| `x_y` | `z_w` | `keys_match` |\n";
        assert_eq!(missing_citations(text, &sources()), Vec::<String>::new());
    }

    /// The Rust half of the check is rustdoc's: a page's ```rust block is a doc-test, so a
    /// block that does not compile fails it, and ```rust,ignore is skipped.
    #[test]
    fn a_broken_rust_block_fails_its_doc_test() {
        let rustdoc = |block: &str| {
            let dir = std::env::temp_dir().join(format!(
                "xtask-docs-check-{}-{}",
                std::process::id(),
                block.len()
            ));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let page = dir.join("page.md");
            std::fs::write(&page, format!("# Page\n\n{block}\n")).expect("write the page");
            let status = std::process::Command::new(
                std::env::var("RUSTDOC").unwrap_or_else(|_| "rustdoc".to_owned()),
            )
            .args(["--test", "--edition", "2024"])
            .arg(&page)
            .current_dir(&dir)
            .output()
            .expect("run rustdoc")
            .status;
            let _ = std::fs::remove_dir_all(&dir);
            status.success()
        };
        assert!(rustdoc("```rust\nlet n: u32 = 1;\nassert_eq!(n, 1);\n```"));
        assert!(
            !rustdoc("```rust\nlet n: u32 = \"one\";\n```"),
            "a broken block fails"
        );
        assert!(rustdoc(
            "```rust,ignore\nlet n: u32 = \"one\"; // partial\n```"
        ));
    }

    #[test]
    fn a_page_docs_check_does_not_list_fails() {
        let pages = ["README.md".to_owned(), "docs/new.md".to_owned()];
        let problems = unlisted_pages(&pages, "readme => \"README.md\",\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("docs/new.md"));
    }
}
