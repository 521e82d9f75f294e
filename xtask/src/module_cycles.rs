//! Part of `cargo xtask deps`: the modules of `oauthclient-core` should form layers, each
//! using only those below it. Today several import each other in a circle; this check names
//! every cycle and fails when one grows or a new one appears (a ratchet), so the layering can
//! only get better until `KNOWN_CYCLE` is empty.
//!
//! A module uses another when its non-test code (comments and `#[cfg(test)]` items left out)
//! names `crate::<other>`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules still in one strongly connected component (measured when the check was added).
/// Remove a module here once the cycles through it are broken; never add one.
const KNOWN_CYCLE: &[&str] = &[
    "client",
    "config",
    "email",
    "error",
    "flow",
    "handlers",
    "host_policy",
    "registry",
    "store",
];

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Checks `src` (the core crate's `src/`); the lines to print, or what broke the ratchet.
pub fn check(src: &Path) -> Result<Vec<String>, String> {
    let graph = module_graph(src)?;
    let cycles: Vec<BTreeSet<String>> = strongly_connected(&graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .collect();
    let known: BTreeSet<&str> = KNOWN_CYCLE.iter().copied().collect();
    let mut report = Vec::new();
    let mut problems = Vec::new();
    for cycle in &cycles {
        report.push(format!(
            "oauthclient-core modules in a cycle ({}): {}",
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
                    "module `{module}` joined an import cycle in oauthclient-core: make it use \
                     only modules below it"
                ));
            }
        }
    }
    if cycles.len() > 1 {
        problems.push(format!(
            "{} separate import cycles in oauthclient-core; at most the known one may remain",
            cycles.len()
        ));
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
    let mut graph = Graph::new();
    for (module, files) in &modules {
        let mut used = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(file)
                .map_err(|err| format!("{}: {err}", file.display()))?;
            for other in crate_paths(&text) {
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

/// The first segment after each `crate::` in code (not comments), up to the first
/// `#[cfg(test)]` (test modules sit at the end of a file by convention here).
fn crate_paths(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or_default();
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
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
}
