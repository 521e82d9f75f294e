//! The lines of one reachable item: its declaration, its members (fields, variants, trait
//! items), its public inherent items and the traits it implements.

use std::collections::BTreeMap;

use serde_json::Value;

use super::listing::{Counted, Crate, Entry, ids, kind};
use super::render::{Renderer, id_key, shape};

/// Trait impls that say nothing the other lines do not (the compiler adds them with a derive).
const SKIPPED_TRAITS: &[&str] = &["StructuralPartialEq"];

/// Renders items; `canonical` maps each reachable item's id to the path it is detailed at.
pub struct Items<'k, 'a> {
    pub krate: &'k Crate<'a>,
    pub render: Renderer<'a>,
    pub canonical: &'k BTreeMap<String, Vec<String>>,
}

/// Collects the lines of one item, in the groups they sort by.
struct Lines<'o> {
    owner: &'o [String],
    path: String,
    out: &'o mut Vec<Entry>,
}

impl Lines<'_> {
    fn push(&mut self, group: u8, name: String, text: String, counts_as: Counted) {
        self.out.push(Entry {
            owner: self.owner.to_vec(),
            group,
            name,
            text,
            counts_as,
        });
    }

    fn declaration(&mut self, text: String) {
        self.push(0, String::new(), text, Counted::Item);
    }

    /// A field or a variant: part of its type's declaration, not an item of its own.
    fn member(&mut self, text: String) {
        let name = member_name(&text, &self.path);
        self.push(1, name, text, Counted::Nothing);
    }

    fn trait_item(&mut self, text: String) {
        let name = member_name(&text, &self.path);
        self.push(1, name, text, Counted::Member);
    }

    fn inherent(&mut self, text: String) {
        let name = member_name(&text, &self.path);
        self.push(2, name, text, Counted::Member);
    }

    fn implementation(&mut self, trait_name: String, text: String) {
        self.push(3, trait_name, text, Counted::Nothing);
    }
}

/// `name` of a member line `pub ... owner::name...`, which members sort by.
fn member_name(text: &str, owner: &str) -> String {
    text.split_once(&format!("{owner}::"))
        .map(|(_, rest)| {
            rest.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .unwrap_or_default()
}

fn flag<'t>(value: &Value, text: &'t str) -> &'t str {
    if *value == true { text } else { "" }
}

/// ` #[non_exhaustive]` (the only attribute that changes what users may write), or nothing.
fn non_exhaustive(item: &Value) -> &'static str {
    let marked = ids(&item["attrs"]).iter().any(|attr| {
        attr == "non_exhaustive"
            || attr
                .as_str()
                .is_some_and(|text| text.contains("non_exhaustive"))
    });
    if marked { " #[non_exhaustive]" } else { "" }
}

impl Items<'_, '_> {
    /// Appends the lines of `item`, detailed at its canonical path `home`.
    pub fn entries(
        &self,
        item: &Value,
        home: &[String],
        out: &mut Vec<Entry>,
    ) -> Result<(), String> {
        let (kind, inner) = kind(item)?;
        let path = home.join("::");
        let r = &self.render;
        let mut lines = Lines {
            owner: home,
            path: path.clone(),
            out,
        };
        let generics = &inner["generics"];
        let declared = |keyword: &str| {
            format!(
                "pub {keyword} {path}{}{}{}",
                r.generic_params(generics),
                r.where_clause(generics),
                non_exhaustive(item)
            )
        };
        match kind {
            "module" => lines.declaration(format!("pub mod {path}")),
            "function" => lines.declaration(r.function(&path, inner)),
            "constant" => {
                let value = &inner["const"];
                let literal = match value["expr"].as_str() {
                    Some(expr) if value["is_literal"] == true => format!(" = {expr}"),
                    _ => String::new(),
                };
                let ty = r.ty(&inner["type"]);
                lines.declaration(format!("pub const {path}: {ty}{literal}"));
            }
            "static" => {
                let mutable = flag(&inner["is_mutable"], "mut ");
                let ty = r.ty(&inner["type"]);
                lines.declaration(format!("pub static {mutable}{path}: {ty}"));
            }
            "type_alias" => {
                let ty = r.ty(&inner["type"]);
                lines.declaration(format!("{} = {ty}", declared("type")));
            }
            "macro" | "proc_macro" => lines.declaration(format!("pub macro {path}!")),
            "struct" | "union" => {
                let mut private_fields = false;
                for field in self.fields(&path, &inner["kind"])? {
                    match field {
                        Some(text) => lines.member(text),
                        None => private_fields = true,
                    }
                }
                let note = if private_fields {
                    " (has private fields)"
                } else {
                    ""
                };
                lines.declaration(format!("{}{note}", declared(kind)));
                self.impls(item, &inner["impls"], &mut lines)?;
            }
            "enum" => {
                let hidden = flag(&inner["has_stripped_variants"], " (has hidden variants)");
                lines.declaration(format!("{}{hidden}", declared("enum")));
                for variant in ids(&inner["variants"]) {
                    if let Some(variant) = self.krate.local(variant) {
                        lines.member(self.variant(&path, variant)?);
                    }
                }
                self.impls(item, &inner["impls"], &mut lines)?;
            }
            "trait" => self.trait_entries(inner, &mut lines)?,
            other => lines.declaration(format!("pub {other} {path}")),
        }
        Ok(())
    }

    fn trait_entries(&self, inner: &Value, lines: &mut Lines<'_>) -> Result<(), String> {
        let r = &self.render;
        let path = lines.path.clone();
        let unsafety = flag(&inner["is_unsafe"], "unsafe ");
        let bounds = if ids(&inner["bounds"]).is_empty() {
            String::new()
        } else {
            format!(": {}", r.bounds(&inner["bounds"]))
        };
        // Absent (older formats) counts as compatible: only a `false` is news.
        let dyn_note = if inner["is_dyn_compatible"] == false {
            " (not dyn-compatible)"
        } else {
            ""
        };
        lines.declaration(format!(
            "pub {unsafety}trait {path}{}{bounds}{}{dyn_note}",
            r.generic_params(&inner["generics"]),
            r.where_clause(&inner["generics"])
        ));
        for member in ids(&inner["items"]) {
            if let Some(member) = self.krate.local(member) {
                lines.trait_item(self.associated(&path, member, true)?);
            }
        }
        for imp in ids(&inner["implementations"]) {
            let Some(imp) = id_key(imp).and_then(|id| self.krate.index.get(&id)) else {
                continue;
            };
            // Impls for our own types are listed with the type.
            let target = &imp["inner"]["impl"]["for"]["resolved_path"]["id"];
            let own_type = id_key(target).is_some_and(|t| self.canonical.contains_key(&t));
            if own_type {
                continue;
            }
            if let Some((name, line)) = self.trait_impl(imp, None)? {
                lines.implementation(name, line);
            }
        }
        Ok(())
    }

    /// A struct kind's fields: the line of each public one, `None` for each private one.
    fn fields(&self, path: &str, kind: &Value) -> Result<Vec<Option<String>>, String> {
        let mut fields = Vec::new();
        match shape(kind) {
            Some(("plain", plain)) => {
                for id in ids(&plain["fields"]) {
                    fields.push(self.field(path, id, None)?);
                }
                if plain["has_stripped_fields"] == true {
                    fields.push(None);
                }
            }
            Some(("tuple", tuple)) => {
                for (position, id) in ids(tuple).iter().enumerate() {
                    fields.push(match id {
                        Value::Null => None,
                        id => self.field(path, id, Some(position))?,
                    });
                }
            }
            _ => {}
        }
        Ok(fields)
    }

    fn field(
        &self,
        path: &str,
        id: &Value,
        position: Option<usize>,
    ) -> Result<Option<String>, String> {
        let Some(field) = self.krate.local(id) else {
            return Ok(None);
        };
        let name = match position {
            Some(position) => position.to_string(),
            None => field["name"].as_str().unwrap_or("?").to_owned(),
        };
        let (_, ty) = kind(field)?;
        Ok(Some(format!("pub {path}::{name}: {}", self.render.ty(ty))))
    }

    fn variant(&self, path: &str, variant: &Value) -> Result<String, String> {
        let (_, inner) = kind(variant)?;
        let name = variant["name"].as_str().unwrap_or("?");
        let field_type = |id: &Value| {
            self.krate
                .local(id)
                .and_then(|f| kind(f).ok())
                .map_or_else(|| "_".to_owned(), |(_, ty)| self.render.ty(ty))
        };
        let fields = match shape(&inner["kind"]) {
            Some(("tuple", fields)) => {
                let types: Vec<String> = ids(fields).iter().map(field_type).collect();
                format!("({})", types.join(", "))
            }
            Some(("struct", s)) => {
                let mut named: Vec<String> = ids(&s["fields"])
                    .iter()
                    .filter_map(|id| {
                        let field = self.krate.local(id)?;
                        Some(format!("{}: {}", field["name"].as_str()?, field_type(id)))
                    })
                    .collect();
                if s["has_stripped_fields"] == true {
                    named.push("..".to_owned());
                }
                format!(" {{ {} }}", named.join(", "))
            }
            _ => String::new(),
        };
        let discriminant = inner["discriminant"]["expr"]
            .as_str()
            .map(|expr| format!(" = {expr}"))
            .unwrap_or_default();
        Ok(format!(
            "pub {path}::{name}{fields}{discriminant}{}",
            non_exhaustive(variant)
        ))
    }

    /// A trait's or an inherent impl's function, constant or type.
    fn associated(&self, owner: &str, member: &Value, in_trait: bool) -> Result<String, String> {
        let (kind, inner) = kind(member)?;
        let path = format!("{owner}::{}", member["name"].as_str().unwrap_or("?"));
        let r = &self.render;
        let provided = |has_default: bool| {
            if in_trait && has_default {
                " (provided)"
            } else {
                ""
            }
        };
        Ok(match kind {
            "function" => format!(
                "{}{}",
                r.function(&path, inner),
                provided(inner["has_body"] == true)
            ),
            "assoc_const" => format!(
                "pub const {path}: {}{}",
                r.ty(&inner["type"]),
                provided(!inner["value"].is_null())
            ),
            "assoc_type" => {
                let bounds = if ids(&inner["bounds"]).is_empty() {
                    String::new()
                } else {
                    format!(": {}", r.bounds(&inner["bounds"]))
                };
                let default = inner
                    .get("type")
                    .filter(|t| !t.is_null())
                    .map(|t| format!(" = {}", r.ty(t)))
                    .unwrap_or_default();
                let generics = r.generic_params(&inner["generics"]);
                format!("pub type {path}{generics}{bounds}{default}")
            }
            other => format!("pub {other} {path}"),
        })
    }

    /// Inherent items and trait impls of a struct, union or enum.
    fn impls(&self, item: &Value, impls: &Value, lines: &mut Lines<'_>) -> Result<(), String> {
        let path = lines.path.clone();
        for imp in ids(impls) {
            let Some(imp) = id_key(imp).and_then(|id| self.krate.index.get(&id)) else {
                continue;
            };
            let (_, inner) = kind(imp)?;
            if inner["trait"].is_null() {
                for member in ids(&inner["items"]) {
                    let Some(member) = self.krate.local(member) else {
                        continue;
                    };
                    if member["visibility"] == "public" {
                        lines.inherent(self.associated(&path, member, false)?);
                    }
                }
            } else if let Some((name, line)) = self.trait_impl(imp, Some((item, &path)))? {
                lines.implementation(name, line);
            }
        }
        Ok(())
    }

    /// The trait's name and `impl<T> Trait<A> for Type<T> where ...`, or nothing for the impls
    /// a listing leaves out. `owner`: the item the impl is listed with, and its canonical path.
    fn trait_impl(
        &self,
        imp: &Value,
        owner: Option<(&Value, &str)>,
    ) -> Result<Option<(String, String)>, String> {
        let (_, inner) = kind(imp)?;
        let r = &self.render;
        let trait_path = &inner["trait"];
        let skipped = trait_path.is_null()
            || inner["is_synthetic"] == true
            || !inner["blanket_impl"].is_null()
            || SKIPPED_TRAITS.contains(&r.short_name(trait_path).as_str());
        if skipped {
            return Ok(None);
        }
        let for_type = &inner["for"];
        let for_text = match (owner, for_type.get("resolved_path")) {
            (Some((item, path)), Some(target)) if target["id"] == item["id"] => {
                format!("{path}{}", r.generic_args(&target["args"]))
            }
            // Listed with its own type (rustdoc also lists `impl From<A> for B` with `A`).
            (Some(_), Some(target))
                if id_key(&target["id"]).is_some_and(|id| self.canonical.contains_key(&id)) =>
            {
                return Ok(None);
            }
            _ => r.ty(for_type),
        };
        let line = format!(
            "{}impl{} {}{} for {for_text}{}",
            flag(&inner["is_unsafe"], "unsafe "),
            r.generic_params(&inner["generics"]),
            flag(&inner["is_negative"], "!"),
            r.path(trait_path),
            r.where_clause(&inner["generics"]),
        );
        Ok(Some((r.short_name(trait_path), line)))
    }
}
