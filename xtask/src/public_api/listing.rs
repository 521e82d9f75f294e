//! One crate's rustdoc JSON as a listing: a line per public item reachable from the crate root,
//! in a stable order.
//!
//! Every item is detailed once, at its canonical path (the longest way it is reachable: its
//! home module rather than a convenience re-export at the root); the other paths are
//! `pub use ALIAS -> CANONICAL` lines. What each item's lines say is [`super::items`]'s part.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::items::Items;
use super::render::{Renderer, id_key, shape};

/// The listing of one crate.
#[derive(Debug)]
pub struct Listing {
    pub lines: Vec<String>,
    /// Items with a path of their own: modules, types, traits, functions, constants, statics,
    /// macros, re-exports.
    pub items: usize,
    /// Methods, associated constants and types, trait items.
    pub members: usize,
}

/// A line and where it sorts: its item's path, then declaration < members < inherent items <
/// trait impls, then by the member's (or implemented trait's) name, then the text.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub owner: Vec<String>,
    pub group: u8,
    pub name: String,
    pub text: String,
    pub counts_as: Counted,
}

/// What a line counts as in [`Listing`]'s totals.
#[derive(PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
pub enum Counted {
    Item,
    Member,
    /// Fields, variants and impls: details of an item.
    Nothing,
}

/// The crate's JSON, with the lookups the walk needs.
pub struct Crate<'a> {
    pub index: &'a Map<String, Value>,
    pub paths: &'a Map<String, Value>,
}

impl<'a> Crate<'a> {
    /// A local item by id (items of other crates have no entry, or a `crate_id` other than 0).
    pub fn local(&self, id: &Value) -> Option<&'a Value> {
        let item = self.index.get(&id_key(id)?)?;
        (item["crate_id"] == 0).then_some(item)
    }
}

/// The kind of an item (`"struct"`, `"function"`, ...) and its kind-specific fields.
pub fn kind(item: &Value) -> Result<(&str, &Value), String> {
    shape(&item["inner"]).ok_or_else(|| {
        format!(
            "rustdoc JSON: item {} has no `inner` kind (a new format?)",
            item["id"]
        )
    })
}

/// The elements of a JSON list (of ids, bounds, ...); none when absent.
pub fn ids(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// Builds the listing of the crate whose rustdoc JSON is `doc`.
pub fn listing(doc: &Value) -> Result<Listing, String> {
    let field = |key: &str| {
        doc.get(key)
            .ok_or_else(|| format!("rustdoc JSON: no `{key}` (is this rustdoc's JSON output?)"))
    };
    let index = field("index")?
        .as_object()
        .ok_or("rustdoc JSON: `index` is not an object")?;
    let paths = field("paths")?
        .as_object()
        .ok_or("rustdoc JSON: `paths` is not an object")?;
    let krate = Crate { index, paths };
    let root = krate
        .local(field("root")?)
        .ok_or("rustdoc JSON: the `root` item is missing from `index`")?;
    let root_name = root["name"]
        .as_str()
        .ok_or("rustdoc JSON: the root module has no name")?;

    let mut walk = Walk {
        krate: &krate,
        reachable: BTreeMap::new(),
        expanded: BTreeSet::new(),
        globbing: Vec::new(),
        entries: Vec::new(),
    };
    let root_key = id_key(&root["id"]).ok_or("rustdoc JSON: the root item has no id")?;
    walk.expanded.insert(root_key.clone());
    walk.reach(root_key, vec![root_name.to_owned()]);
    walk.module(root, &[root_name.to_owned()])?;

    let canonical: BTreeMap<String, Vec<String>> = walk
        .reachable
        .iter()
        .map(|(id, paths)| (id.clone(), canonical_path(&krate, id, paths)))
        .collect();
    let mut entries = std::mem::take(&mut walk.entries);
    let items = Items {
        krate: &krate,
        render: Renderer::new(paths),
        canonical: &canonical,
    };
    for (id, paths) in &walk.reachable {
        let Some(home) = canonical.get(id) else {
            continue;
        };
        for alias in paths.iter().filter(|path| *path != home) {
            entries.push(Entry {
                owner: alias.clone(),
                group: 0,
                name: String::new(),
                text: format!("pub use {} -> {}", alias.join("::"), home.join("::")),
                counts_as: Counted::Item,
            });
        }
        if let Some(item) = index.get(id) {
            items.entries(item, home, &mut entries)?;
        }
    }
    entries.sort();
    entries.dedup_by(|a, b| a.text == b.text);
    Ok(Listing {
        items: entries
            .iter()
            .filter(|e| e.counts_as == Counted::Item)
            .count(),
        members: entries
            .iter()
            .filter(|e| e.counts_as == Counted::Member)
            .count(),
        lines: entries.into_iter().map(|e| e.text).collect(),
    })
}

/// Modules are detailed where the walk first expanded them; other items at rustdoc's own path
/// for them when it is public, else at their longest public path.
fn canonical_path(krate: &Crate<'_>, id: &str, paths: &[Vec<String>]) -> Vec<String> {
    let is_module = krate
        .index
        .get(id)
        .is_some_and(|item| item["inner"].get("module").is_some());
    let rustdoc_path: Option<Vec<String>> = krate.paths.get(id).and_then(|summary| {
        summary["path"].as_array().map(|segments| {
            segments
                .iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
    });
    if is_module {
        return paths.first().cloned().unwrap_or_default();
    }
    if let Some(path) = rustdoc_path.filter(|p| paths.contains(p)) {
        return path;
    }
    let longest = paths.iter().map(Vec::len).max().unwrap_or(0);
    paths
        .iter()
        .filter(|path| path.len() == longest)
        .min()
        .cloned()
        .unwrap_or_default()
}

/// Finds every path at which each public item is reachable.
struct Walk<'k, 'a> {
    krate: &'k Crate<'a>,
    /// Item id to its paths, in the order found.
    reachable: BTreeMap<String, Vec<Vec<String>>>,
    expanded: BTreeSet<String>,
    /// Modules whose glob re-export is being expanded (a guard against cycles).
    globbing: Vec<String>,
    /// Re-exports of other crates' items, which have no item of their own to detail.
    entries: Vec<Entry>,
}

impl Walk<'_, '_> {
    fn reach(&mut self, id: String, path: Vec<String>) {
        let paths = self.reachable.entry(id).or_default();
        if !paths.contains(&path) {
            paths.push(path);
        }
    }

    /// Items are visited before `use` re-exports, so an item defined in a public module is
    /// first found there.
    fn module(&mut self, module: &Value, path: &[String]) -> Result<(), String> {
        let (_, inner) = kind(module)?;
        let children: Vec<&Value> = ids(&inner["items"])
            .iter()
            .filter_map(|id| self.krate.local(id))
            .collect();
        for child in &children {
            let (kind, _) = kind(child)?;
            if kind == "use" || child["visibility"] != "public" {
                continue;
            }
            let name = child["name"]
                .as_str()
                .ok_or_else(|| format!("rustdoc JSON: item {} has no name", child["id"]))?;
            self.item(child, &[path, &[name.to_owned()]].concat())?;
        }
        for child in &children {
            if let ("use", import) = kind(child)?
                && child["visibility"] == "public"
            {
                self.import(import, path)?;
            }
        }
        Ok(())
    }

    fn item(&mut self, item: &Value, path: &[String]) -> Result<(), String> {
        let id = id_key(&item["id"]).ok_or("rustdoc JSON: an item has no id")?;
        self.reach(id.clone(), path.to_vec());
        if kind(item)?.0 == "module" && self.expanded.insert(id) {
            self.module(item, path)?;
        }
        Ok(())
    }

    /// A `pub use`: a local item gets one more path; another crate's item is a line of its own.
    fn import(&mut self, import: &Value, path: &[String]) -> Result<(), String> {
        let source = import["source"].as_str().unwrap_or("?");
        let target = self.krate.local(&import["id"]);
        if import["is_glob"] == true {
            if let Some(module) = target.filter(|t| t["inner"].get("module").is_some()) {
                let key = id_key(&module["id"]).unwrap_or_default();
                if !self.globbing.contains(&key) {
                    self.globbing.push(key);
                    self.module(module, path)?;
                    self.globbing.pop();
                }
                return Ok(());
            }
            self.external(path.to_vec(), "*", &format!("{source}::*"));
            return Ok(());
        }
        let name = import["name"].as_str().unwrap_or("?");
        let alias = [path, &[name.to_owned()]].concat();
        if let Some(item) = target {
            return self.item(item, &alias);
        }
        // Another crate's item: named by its full path when rustdoc knows it.
        let summary = id_key(&import["id"]).and_then(|id| self.krate.paths.get(&id));
        let full = summary.and_then(|s| s["path"].as_array()).map_or_else(
            || source.to_owned(),
            |segments| {
                let names: Vec<&str> = segments.iter().filter_map(Value::as_str).collect();
                names.join("::")
            },
        );
        self.external(path.to_vec(), name, &full);
        Ok(())
    }

    fn external(&mut self, module: Vec<String>, name: &str, target: &str) {
        let alias = format!("{}::{name}", module.join("::"));
        let owner = [module, vec![name.to_owned()]].concat();
        self.entries.push(Entry {
            owner,
            group: 0,
            name: String::new(),
            text: format!("pub use {alias} -> {target}"),
            counts_as: Counted::Item,
        });
    }
}
