//! Part of `cargo xtask deps`: the top-level modules of every library crate of the workspace
//! ([`LIBRARY_CRATES`]) form layers, each using only those below it (in `oauthclient-core`,
//! lowest first: leaf types, stores, configuration, e-mail and host policy, errors, the flow,
//! clients, handlers, the registry, the engine; `lib.rs` lists them). Any module cycle fails
//! the check; `KNOWN_CYCLE` stays as the ratchet's mechanism, empty.
//!
//! A module uses another when its non-test code (comments and `#[cfg(test)]` items left out)
//! names `crate::<other>`, `crate::{<other>::..}`, or an item the crate root re-exports from
//! `<other>` (`crate::OAuthError` is `error`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules allowed in a cycle while one is being broken: none. Never add one; a new cycle is
/// a layering mistake to fix where it appears.
const KNOWN_CYCLE: &[&str] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every library crate of the workspace (a directory with `src/lib.rs`), checked alike.
pub const LIBRARY_CRATES: &[&str] = &[
    "oauthclient-core",
    "oauthclient-frontend",
    "oauthclient-web",
    "oauthclient-axum",
    "oauthclient-store-diesel",
    "oauthclient-github",
    "oauthclient-orcid",
    "oauthclient-oidc",
    "oauthclient-providers",
    "oauthclient-testkit",
    "oauthclient-cli",
    "examples/own-users",
    "examples/axum-app",
];

/// Checks `src` (the `src/` of `krate`); the lines to print, or what broke the ratchet.
pub fn check(krate: &str, src: &Path) -> Result<Vec<String>, String> {
    judge(krate, &module_graph(src)?, KNOWN_CYCLE)
}

/// The report on `graph`'s cycles, or what is wrong with them given the `known` cycle.
fn judge(krate: &str, graph: &Graph, known: &[&str]) -> Result<Vec<String>, String> {
    let cycles: Vec<BTreeSet<String>> = strongly_connected(graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .collect();
    let known: BTreeSet<&str> = known.iter().copied().collect();
    let mut report = Vec::new();
    let mut problems = Vec::new();
    if cycles.is_empty() {
        report.push(format!(
            "{krate}: {} modules form layers, no import cycle",
            graph.len()
        ));
    }
    for cycle in &cycles {
        report.push(format!(
            "{krate} modules in a cycle ({}): {}",
            cycle.len(),
            cycle.iter().cloned().collect::<Vec<_>>().join(", ")
        ));
        for module in cycle {
            let inside: Vec<&str> = graph[module]
                .iter()
                .filter(|used| cycle.contains(*used))
                .map(String::as_str)
                .collect();
            report.push(format!("    {module} -> {}", inside.join(", ")));
            if !known.contains(module.as_str()) {
                problems.push(format!(
                    "module `{module}` joined an import cycle in {krate}: make it use only \
                     modules below it"
                ));
            }
        }
    }
    if cycles.len() > 1 {
        problems.push(format!(
            "{} separate import cycles in {krate}; at most the known one may remain",
            cycles.len()
        ));
    }
    for module in known {
        if !cycles.iter().any(|cycle| cycle.contains(module)) {
            problems.push(format!(
                "module `{module}` is in no import cycle any more: strike it off KNOWN_CYCLE \
                 in xtask/src/module_cycles.rs"
            ));
        }
    }
    if problems.is_empty() {
        Ok(report)
    } else {
        Err(format!(
            "{}\n  {}",
            report.join("\n"),
            problems.join("\n  ")
        ))
    }
}

/// Top-level module → the top-level modules its non-test code names.
fn module_graph(src: &Path) -> Result<Graph, String> {
    let entries = std::fs::read_dir(src).map_err(|err| format!("{}: {err}", src.display()))?;
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in entries {
        let path = entry.map_err(|err| err.to_string())?.path();
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        } else {
            continue;
        }
        modules.insert(name, files);
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let lib = src.join("lib.rs");
    let lib = std::fs::read_to_string(&lib).map_err(|err| format!("{}: {err}", lib.display()))?;
    let reexports = root_reexports(&lib, &names);
    let mut graph = Graph::new();
    for (module, files) in &modules {
        let mut used = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(file)
                .map_err(|err| format!("{}: {err}", file.display()))?;
            for name in crate_paths(&text) {
                let other = reexports.get(&name).cloned().unwrap_or(name);
                if other != *module && names.contains(&other) {
                    used.insert(other);
                }
            }
        }
        graph.insert(module.clone(), used);
    }
    Ok(graph)
}

/// Every `.rs` file below `dir`, test files and directories left out.
fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|err| format!("{}: {err}", dir.display()))? {
        let path = entry.map_err(|err| err.to_string())?.path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem == "tests" {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    Ok(())
}

/// The items the crate root re-exports from one of `modules` (`pub use error::OAuthError;`),
/// by the name they have at the root.
fn root_reexports(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let code = without_comments(lib);
    let mut found = BTreeMap::new();
    for statement in code.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, rest)) = path.split_once("::") else {
            continue;
        };
        if !modules.contains(module.trim()) {
            continue;
        }
        let items = rest.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let name = match item.split_once(" as ") {
                Some((_, alias)) => alias,
                None => item.rsplit("::").next().unwrap_or_default(),
            };
            let name = name.trim();
            if !name.is_empty() && name != "self" {
                found.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    found
}

/// The first segment of every path that starts at `crate::` in code (not comments, not
/// `#[cfg(test)]` items); each member of a group (`crate::{a::X, b}`) counts.
fn crate_paths(text: &str) -> Vec<String> {
    let code = without_test_items(&without_comments(text));
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = closing(group, '{', '}').unwrap_or(group.len());
            for member in split_top_level(&group[..end]) {
                found.extend(first_segment(member.trim()));
            }
        } else {
            found.extend(first_segment(rest));
        }
    }
    found
}

fn first_segment(path: &str) -> Option<String> {
    let name: String = path
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// `text` without `//` comments (doc comments included: their paths are links, not uses).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `code` without the items marked `#[cfg(test)]`: a declaration up to its `;`
/// (`mod tests;`), or an item up to the end of its braces (`mod tests { .. }`).
fn without_test_items(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut kept = String::new();
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        kept.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        rest = match item_end(item) {
            Some(end) => &item[end..],
            None => "",
        };
    }
    kept.push_str(rest);
    kept
}

/// Where the item starting `text` ends: after its `;` or its closing brace, whichever
/// comes first outside brackets (`fn f(x: [u8; 2]) { .. }` ends at the brace).
fn item_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => return Some(index + 1),
            '{' if depth == 0 => {
                let body = &text[index + 1..];
                return closing(body, '{', '}').map(|end| index + 1 + end + 1);
            }
            _ => {}
        }
    }
    None
}

/// The index in `text` of the `close` matching an `open` just before `text`.
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 1usize;
    for (index, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(index);
            }
        }
    }
    None
}

/// `text` split at the commas outside braces (`a::{B, C}, d` → `a::{B, C}`, ` d`).
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Tarjan's strongly connected components (iterative, so no recursion limit to think about).
fn strongly_connected(graph: &Graph) -> Vec<BTreeSet<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<BTreeSet<String>>,
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for start in graph.keys() {
        if walk.index.contains_key(start.as_str()) {
            continue;
        }
        // (node, next neighbour to look at)
        let mut frames: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        while let Some(&mut (node, ref mut next)) = frames.last_mut() {
            if *next == 0 && !walk.index.contains_key(node) {
                let n = walk.index.len();
                walk.index.insert(node, n);
                walk.low.insert(node, n);
                walk.stack.push(node);
                walk.on_stack.insert(node);
            }
            let neighbours: Vec<&str> = walk
                .graph
                .get(node)
                .map(|used| used.iter().map(String::as_str).collect())
                .unwrap_or_default();
            if let Some(&neighbour) = neighbours.get(*next) {
                *next += 1;
                if !walk.index.contains_key(neighbour) {
                    frames.push((neighbour, 0));
                } else if walk.on_stack.contains(neighbour) {
                    let low = walk.low[node].min(walk.index[neighbour]);
                    walk.low.insert(node, low);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                let low = walk.low[parent].min(walk.low[node]);
                walk.low.insert(parent, low);
            }
            if walk.low[node] == walk.index[node] {
                let mut component = BTreeSet::new();
                while let Some(member) = walk.stack.pop() {
                    walk.on_stack.remove(member);
                    component.insert(member.to_owned());
                    if member == node {
                        break;
                    }
                }
                walk.components.push(component);
            }
        }
    }
    walk.components
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &[&str])]) -> Graph {
        edges
            .iter()
            .map(|(from, to)| {
                (
                    (*from).to_owned(),
                    to.iter().map(|t| (*t).to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn every_library_crate_is_checked() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut found = BTreeSet::new();
        for dir in ["", "examples"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("workspace") {
                let path = entry.expect("entry").path();
                if path.join("src/lib.rs").is_file() && path.join("Cargo.toml").is_file() {
                    let name = path
                        .file_name()
                        .expect("name")
                        .to_string_lossy()
                        .into_owned();
                    found.insert(if dir.is_empty() {
                        name
                    } else {
                        format!("{dir}/{name}")
                    });
                }
            }
        }
        // The fuzz crate is a harness for `cargo fuzz`, not a library anyone links.
        found.remove("fuzz");
        let listed: BTreeSet<String> = LIBRARY_CRATES
            .iter()
            .map(|name| (*name).to_owned())
            .collect();
        assert_eq!(found, listed, "LIBRARY_CRATES lists every library crate");
    }

    #[test]
    fn cycles_are_found_and_layers_are_not() {
        let g = graph(&[
            ("a", &["b"]),
            ("b", &["c"]),
            ("c", &["a", "d"]),
            ("d", &[]),
            ("e", &["d"]),
        ]);
        let cycles: Vec<_> = strongly_connected(&g)
            .into_iter()
            .filter(|c| c.len() > 1)
            .collect();
        assert_eq!(cycles.len(), 1);
        assert_eq!(
            cycles[0].iter().map(String::as_str).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
    }

    #[test]
    fn only_code_counts() {
        let text = "use crate::config::X;\n/// see [`crate::store`]\nlet y = crate::flow::f(); // crate::email\n#[cfg(test)]\nmod tests { use crate::audit; }";
        assert_eq!(crate_paths(text), ["config", "flow"]);
    }

    #[test]
    fn a_test_module_declared_first_hides_nothing_after_it() {
        let text = "#[cfg(test)]\nmod tests;\n\nuse crate::error::OAuthError;\n#[cfg(test)]\nfn helper(x: [u8; 2]) { crate::audit::f() }\nuse crate::token::Token;";
        assert_eq!(crate_paths(text), ["error", "token"]);
    }

    #[test]
    fn every_member_of_a_group_counts() {
        let text = "use crate::{\n    config::{A, B},\n    OAuthError,\n    email,\n};";
        assert_eq!(crate_paths(text), ["config", "OAuthError", "email"]);
    }

    #[test]
    fn root_reexports_name_their_module() {
        let modules: BTreeSet<String> = ["error", "config", "account"].map(str::to_owned).into();
        let lib = "pub mod error;\npub use account::{AccountInfo, ExternalId};\npub use error::OAuthError;\npub use config::Config as Settings;\n/// Re-exported.\npub use inventory;";
        let found = root_reexports(lib, &modules);
        assert_eq!(found["OAuthError"], "error");
        assert_eq!(found["ExternalId"], "account");
        assert_eq!(found["Settings"], "config");
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn a_new_cycle_fails_and_a_struck_off_module_must_go() {
        let layered = graph(&[("a", &["b"]), ("b", &[]), ("c", &["a"])]);
        assert!(judge("k", &layered, &[]).is_ok());
        let cyclic = graph(&[("a", &["b"]), ("b", &["a"]), ("c", &["a"])]);
        let err = judge("k", &cyclic, &[]).unwrap_err();
        assert!(err.contains("module `a` joined an import cycle"), "{err}");
        assert!(judge("k", &cyclic, &["a", "b"]).is_ok());
        let err = judge("k", &layered, &["a", "b"]).unwrap_err();
        assert!(
            err.contains("module `a` is in no import cycle any more"),
            "{err}"
        );
    }
}
