//! Types, generics and signatures of rustdoc's JSON as short Rust-like text.
//!
//! Written against the JSON's shapes by name, not a typed model, so a toolchain update that
//! adds a shape degrades one rendering (`{shape}`) instead of failing the whole check. Paths
//! are shortened to their last segment (`Option<String>`, not `core::option::Option<...>`):
//! a listing is read by people, and an import moving must not change it.

use serde_json::{Map, Value};

/// Renders types in the context of one crate's `paths` table.
pub struct Renderer<'a> {
    paths: &'a Map<String, Value>,
    /// Inside an `#[async_trait]` method: its `'life0`... and `'async_trait` lifetimes are
    /// noise the macro added, and are left out.
    async_trait: bool,
}

/// The id of an item as the JSON's `index` and `paths` keys spell it (a number since format
/// version 40, a string before).
pub fn id_key(id: &Value) -> Option<String> {
    match id {
        Value::Number(number) => Some(number.to_string()),
        Value::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// The only key of a `{"kind": {...}}` object, or the string of a unit shape (`"infer"`).
pub fn shape(value: &Value) -> Option<(&str, &Value)> {
    match value {
        Value::Object(map) if map.len() == 1 => map.iter().next().map(|(k, v)| (k.as_str(), v)),
        Value::String(name) => Some((name.as_str(), &Value::Null)),
        _ => None,
    }
}

fn str_of<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn list(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

fn is_async_trait_lifetime(name: &str) -> bool {
    name == "'async_trait"
        || name
            .strip_prefix("'life")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

impl<'a> Renderer<'a> {
    pub fn new(paths: &'a Map<String, Value>) -> Self {
        Renderer {
            paths,
            async_trait: false,
        }
    }

    /// The last segment of a path's canonical name, falling back on the path as written.
    pub fn short_name(&self, path: &Value) -> String {
        let canonical = path
            .get("id")
            .and_then(id_key)
            .and_then(|id| self.paths.get(&id))
            .and_then(|summary| summary.get("path"))
            .and_then(Value::as_array)
            .and_then(|segments| segments.last())
            .and_then(Value::as_str);
        let written = path
            .get("path")
            .or_else(|| path.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("?");
        canonical
            .unwrap_or_else(|| written.rsplit("::").next().unwrap_or(written))
            .to_owned()
    }

    /// A path with its generic arguments: `Result<Token, OAuthError>`.
    pub fn path(&self, path: &Value) -> String {
        let args = path.get("args").map(|a| self.generic_args(a));
        format!("{}{}", self.short_name(path), args.unwrap_or_default())
    }

    pub fn ty(&self, ty: &Value) -> String {
        let Some((kind, inner)) = shape(ty) else {
            return "{?}".to_owned();
        };
        match kind {
            "resolved_path" => self.path(inner),
            "generic" | "primitive" => inner.as_str().unwrap_or("?").to_owned(),
            "infer" => "_".to_owned(),
            "tuple" if list(inner).len() == 1 => format!("({},)", self.ty(&list(inner)[0])),
            "tuple" => format!("({})", self.types(list(inner))),
            "slice" => format!("[{}]", self.ty(inner)),
            "array" => format!("[{}; {}]", self.ty(&inner["type"]), str_of(inner, "len")),
            "pat" => self.ty(&inner["type"]),
            "impl_trait" => format!("impl {}", self.bounds(inner)),
            "dyn_trait" => self.dyn_trait(inner),
            "raw_pointer" => {
                let mutability = if inner["is_mutable"] == true {
                    "mut"
                } else {
                    "const"
                };
                format!("*{mutability} {}", self.ty(&inner["type"]))
            }
            "borrowed_ref" => {
                let mut text = "&".to_owned();
                if let Some(lifetime) = inner["lifetime"].as_str()
                    && !(self.async_trait && is_async_trait_lifetime(lifetime))
                {
                    text.push_str(lifetime);
                    text.push(' ');
                }
                if inner["is_mutable"] == true {
                    text.push_str("mut ");
                }
                text + &self.ty(&inner["type"])
            }
            "qualified_path" => {
                let self_type = self.ty(&inner["self_type"]);
                let name = str_of(inner, "name");
                let args = self.generic_args(&inner["args"]);
                match inner.get("trait").filter(|t| !t.is_null()) {
                    Some(tr) => format!("<{self_type} as {}>::{name}{args}", self.path(tr)),
                    None => format!("{self_type}::{name}{args}"),
                }
            }
            "function_pointer" => {
                let hrtb = self.for_lifetimes(&inner["generic_params"]);
                format!("{hrtb}fn{}", self.sig_types(&inner["sig"]))
            }
            other => format!("{{{other}}}"),
        }
    }

    fn types(&self, types: &[Value]) -> String {
        types
            .iter()
            .map(|t| self.ty(t))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn dyn_trait(&self, inner: &Value) -> String {
        let mut parts: Vec<String> = list(&inner["traits"])
            .iter()
            .map(|poly| {
                let hrtb = self.for_lifetimes(&poly["generic_params"]);
                format!("{hrtb}{}", self.path(&poly["trait"]))
            })
            .collect();
        if let Some(lifetime) = inner["lifetime"].as_str()
            && !(self.async_trait && is_async_trait_lifetime(lifetime))
        {
            parts.push(lifetime.to_owned());
        }
        format!("dyn {}", parts.join(" + "))
    }

    /// `for<'a> ` of a higher-ranked bound, or nothing.
    fn for_lifetimes(&self, params: &Value) -> String {
        let params = self.params(params);
        if params.is_empty() {
            String::new()
        } else {
            format!("for<{params}> ")
        }
    }

    pub fn generic_args(&self, args: &Value) -> String {
        let Some((kind, inner)) = shape(args) else {
            return String::new();
        };
        match kind {
            "angle_bracketed" => {
                let mut parts: Vec<String> = list(&inner["args"])
                    .iter()
                    .map(|arg| match shape(arg) {
                        Some(("lifetime", l)) => match l.as_str() {
                            Some(l) if self.async_trait && is_async_trait_lifetime(l) => {
                                "'_".to_owned()
                            }
                            l => l.unwrap_or("'?").to_owned(),
                        },
                        Some(("type", t)) => self.ty(t),
                        Some(("const", c)) => str_of(c, "expr").to_owned(),
                        _ => "_".to_owned(),
                    })
                    .collect();
                parts.extend(
                    list(&inner["constraints"])
                        .iter()
                        .map(|c| self.constraint(c)),
                );
                if parts.is_empty() {
                    String::new()
                } else {
                    format!("<{}>", parts.join(", "))
                }
            }
            "parenthesized" => {
                let output = inner.get("output").filter(|o| !o.is_null());
                let arrow = output.map(|o| format!(" -> {}", self.ty(o)));
                format!(
                    "({}){}",
                    self.types(list(&inner["inputs"])),
                    arrow.unwrap_or_default()
                )
            }
            _ => "(..)".to_owned(),
        }
    }

    /// `Output = T` or `Item: Bound` inside generic arguments.
    fn constraint(&self, constraint: &Value) -> String {
        let name = format!(
            "{}{}",
            str_of(constraint, "name"),
            self.generic_args(&constraint["args"])
        );
        match shape(&constraint["binding"]) {
            Some(("equality", term)) => format!("{name} = {}", self.term(term)),
            Some(("constraint", bounds)) => format!("{name}: {}", self.bounds(bounds)),
            _ => name,
        }
    }

    fn term(&self, term: &Value) -> String {
        match shape(term) {
            Some(("type", t)) => self.ty(t),
            Some(("constant", c)) => str_of(c, "expr").to_owned(),
            _ => "?".to_owned(),
        }
    }

    pub fn bounds(&self, bounds: &Value) -> String {
        list(bounds)
            .iter()
            .map(|bound| match shape(bound) {
                Some(("trait_bound", tb)) => {
                    let modifier = match str_of(tb, "modifier") {
                        "maybe" => "?",
                        "maybe_const" => "~const ",
                        _ => "",
                    };
                    let hrtb = self.for_lifetimes(&tb["generic_params"]);
                    format!("{hrtb}{modifier}{}", self.path(&tb["trait"]))
                }
                Some(("outlives", lifetime)) => lifetime.as_str().unwrap_or("'?").to_owned(),
                Some(("use", captured)) => {
                    let names: Vec<&str> = list(captured)
                        .iter()
                        .filter_map(|arg| match shape(arg) {
                            Some((_, name)) => name.as_str(),
                            None => arg.as_str(),
                        })
                        .collect();
                    format!("use<{}>", names.join(", "))
                }
                _ => "{?}".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// The parameters of a `generics.params` list, without the synthetic ones (`impl Trait`
    /// arguments) and the lifetimes `#[async_trait]` added.
    fn params(&self, params: &Value) -> String {
        list(params)
            .iter()
            .filter_map(|param| {
                let name = str_of(param, "name");
                match shape(&param["kind"]) {
                    Some(("lifetime", kind)) => {
                        if self.async_trait && is_async_trait_lifetime(name) {
                            return None;
                        }
                        let outlives: Vec<&str> = list(&kind["outlives"])
                            .iter()
                            .filter_map(Value::as_str)
                            .collect();
                        Some(if outlives.is_empty() {
                            name.to_owned()
                        } else {
                            format!("{name}: {}", outlives.join(" + "))
                        })
                    }
                    Some(("type", kind)) => {
                        if kind["is_synthetic"] == true {
                            return None;
                        }
                        let mut text = name.to_owned();
                        if !list(&kind["bounds"]).is_empty() {
                            text = format!("{text}: {}", self.bounds(&kind["bounds"]));
                        }
                        if let Some(default) = kind.get("default").filter(|d| !d.is_null()) {
                            text = format!("{text} = {}", self.ty(default));
                        }
                        Some(text)
                    }
                    Some(("const", kind)) => {
                        Some(format!("const {name}: {}", self.ty(&kind["type"])))
                    }
                    _ => Some(name.to_owned()),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `<T: Bound>` of an item's `generics`, or nothing.
    pub fn generic_params(&self, generics: &Value) -> String {
        let params = self.params(&generics["params"]);
        if params.is_empty() {
            String::new()
        } else {
            format!("<{params}>")
        }
    }

    /// ` where T: Bound` of an item's `generics`, or nothing.
    pub fn where_clause(&self, generics: &Value) -> String {
        let predicates: Vec<String> = list(&generics["where_predicates"])
            .iter()
            .map(|predicate| match shape(predicate) {
                Some(("bound_predicate", p)) => {
                    let hrtb = self.for_lifetimes(&p["generic_params"]);
                    format!(
                        "{hrtb}{}: {}",
                        self.ty(&p["type"]),
                        self.bounds(&p["bounds"])
                    )
                }
                Some(("lifetime_predicate", p)) => {
                    let outlives: Vec<&str> = list(&p["outlives"])
                        .iter()
                        .filter_map(Value::as_str)
                        .collect();
                    format!("{}: {}", str_of(p, "lifetime"), outlives.join(" + "))
                }
                Some(("eq_predicate", p)) => {
                    format!("{} = {}", self.ty(&p["lhs"]), self.term(&p["rhs"]))
                }
                _ => "{?}".to_owned(),
            })
            .filter(|text| !(self.async_trait && text.contains("'async_trait")))
            .collect();
        if predicates.is_empty() {
            String::new()
        } else {
            format!(" where {}", predicates.join(", "))
        }
    }

    /// `(A, B) -> R` of a function pointer's signature.
    fn sig_types(&self, sig: &Value) -> String {
        let inputs: Vec<String> = list(&sig["inputs"])
            .iter()
            .map(|input| self.ty(&input[1]))
            .collect();
        format!("({}){}", inputs.join(", "), self.output(&sig["output"]))
    }

    fn output(&self, output: &Value) -> String {
        if output.is_null() {
            String::new()
        } else {
            format!(" -> {}", self.ty(output))
        }
    }

    /// A function or method: `pub fn path<T>(&self, x: T) -> R where ...`, with `#[async_trait]`
    /// methods shown as the `async fn` their author wrote.
    pub fn function(&self, path: &str, function: &Value) -> String {
        let generics = &function["generics"];
        let async_trait = list(&generics["params"])
            .iter()
            .any(|param| param["name"] == "'async_trait");
        let sugar = Renderer {
            paths: self.paths,
            async_trait,
        };
        let header = &function["header"];
        let sig = &function["sig"];
        let mut qualifiers = String::new();
        if header["is_const"] == true {
            qualifiers.push_str("const ");
        }
        let future = if async_trait {
            sugar.async_trait_output(&sig["output"])
        } else {
            None
        };
        if header["is_async"] == true || future.is_some() {
            qualifiers.push_str("async ");
        }
        if header["is_unsafe"] == true {
            qualifiers.push_str("unsafe ");
        }
        if let Some((abi, _)) = shape(&header["abi"]).filter(|(abi, _)| *abi != "Rust") {
            qualifiers = format!("{qualifiers}extern \"{abi}\" ");
        }
        let mut inputs: Vec<String> = list(&sig["inputs"])
            .iter()
            .map(|input| sugar.argument(input))
            .collect();
        if sig["is_c_variadic"] == true {
            inputs.push("...".to_owned());
        }
        let (output, tag) = match future {
            Some((output, true)) => (output, " #[async_trait]"),
            Some((output, false)) => (output, " #[async_trait(?Send)]"),
            None => (sugar.output(&sig["output"]), ""),
        };
        format!(
            "pub {qualifiers}fn {path}{}({}){output}{}{tag}",
            sugar.generic_params(generics),
            inputs.join(", "),
            sugar.where_clause(generics),
        )
    }

    /// One `[name, type]` input; `self` in its short forms.
    fn argument(&self, input: &Value) -> String {
        let name = input[0].as_str().unwrap_or("_");
        let ty = self.ty(&input[1]);
        if name != "self" {
            return format!("{name}: {ty}");
        }
        match ty.strip_suffix("Self") {
            Some(reference) if reference.is_empty() || reference.starts_with('&') => {
                format!("{reference}self")
            }
            _ => format!("self: {ty}"),
        }
    }

    /// ` -> T` of `Pin<Box<dyn Future<Output = T> + Send + 'async_trait>>` (empty for `()`),
    /// and whether the future is `Send`.
    fn async_trait_output(&self, output: &Value) -> Option<(String, bool)> {
        let first_arg = |path: &Value| -> Option<Value> {
            let args = path.get("args")?.get("angle_bracketed")?.get("args")?;
            args.get(0)?.get("type").cloned()
        };
        let pin = output.get("resolved_path")?;
        if self.short_name(pin) != "Pin" {
            return None;
        }
        let boxed = first_arg(pin)?;
        let boxed = boxed.get("resolved_path")?;
        let dyn_future = first_arg(boxed)?;
        let traits = list(dyn_future.get("dyn_trait")?.get("traits")?);
        let future = traits
            .iter()
            .map(|poly| &poly["trait"])
            .find(|tr| self.short_name(tr) == "Future")?;
        let constraints = future
            .get("args")?
            .get("angle_bracketed")?
            .get("constraints")?;
        let output = list(constraints)
            .iter()
            .find(|c| c["name"] == "Output")?
            .get("binding")?
            .get("equality")?;
        let send = traits
            .iter()
            .any(|p| self.short_name(&p["trait"]) == "Send");
        let rendered = self.term(output);
        let arrow = if rendered == "()" {
            String::new()
        } else {
            format!(" -> {rendered}")
        };
        Some((arrow, send))
    }
}
