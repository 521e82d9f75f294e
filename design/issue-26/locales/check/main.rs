//! Throwaway: compares locale catalogs with the English reference (plan.md §11 rules 1-5, 7).
//! Usage: ftlcheck-locales <en.ftl> <tag> <locale.ftl>...
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};
use fluent_syntax::parser;
use intl_pluralrules::{PluralRuleType, PluralRules};
use std::collections::{BTreeMap, BTreeSet};
use unic_langid::LanguageIdentifier;

#[derive(Default, Debug, PartialEq)]
struct Shape { value: bool, value_vars: BTreeSet<String>, attrs: BTreeMap<String, BTreeSet<String>>, selectors: Vec<(String, Vec<String>, String)> }

fn vp(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>, sel: &mut Vec<(String, Vec<String>, String)>, texts: &mut Vec<String>) {
    for el in &p.elements {
        match el {
            PatternElement::Placeable { expression } => ve(expression, out, sel, texts),
            PatternElement::TextElement { value } => texts.push(value.to_string()),
        }
    }
}
fn ve(e: &Expression<&str>, out: &mut BTreeSet<String>, sel: &mut Vec<(String, Vec<String>, String)>, texts: &mut Vec<String>) {
    match e {
        Expression::Inline(i) => vi(i, out, sel, texts),
        Expression::Select { selector, variants } => {
            let name = match selector { InlineExpression::VariableReference { id } => id.name.to_string(), _ => "?".into() };
            vi(selector, out, sel, texts);
            let keys = variants.iter().map(|v| match &v.key { ast::VariantKey::Identifier { name } => name.to_string(), ast::VariantKey::NumberLiteral { value } => value.to_string() }).collect();
            let def = variants.iter().find(|v| v.default).map(|v| match &v.key { ast::VariantKey::Identifier { name } => name.to_string(), ast::VariantKey::NumberLiteral { value } => value.to_string() }).unwrap_or_default();
            sel.push((name, keys, def));
            for v in variants { vp(&v.value, out, sel, texts) }
        }
    }
}
fn vi(i: &InlineExpression<&str>, out: &mut BTreeSet<String>, sel: &mut Vec<(String, Vec<String>, String)>, texts: &mut Vec<String>) {
    match i {
        InlineExpression::VariableReference { id } => { out.insert(id.name.to_string()); }
        InlineExpression::Placeable { expression } => ve(expression, out, sel, texts),
        InlineExpression::MessageReference { id, .. } => { out.insert(format!("msgref:{}", id.name)); }
        InlineExpression::TermReference { id, .. } => { out.insert(format!("termref:{}", id.name)); }
        _ => {}
    }
}
fn line_of(src: &str, byte: usize) -> usize { src[..byte.min(src.len())].matches('\n').count() + 1 }

fn load(path: &str, problems: &mut Vec<String>) -> (String, BTreeMap<String, (Shape, Vec<String>)>) {
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let res = match parser::parse(src.as_str()) {
        Ok(r) => r,
        Err((r, errs)) => { for e in &errs { problems.push(format!("{path}:{}: {:?}", line_of(&src, e.pos.start), e.kind)); } r }
    };
    let mut map = BTreeMap::new();
    for entry in &res.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_string(), &m.value, &m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), &Some(t.value.clone()), &t.attributes),
            Entry::Junk { content } => { problems.push(format!("{path}: JUNK {content:?}")); continue }
            _ => continue,
        };
        let mut s = Shape::default();
        let mut texts = vec![];
        if let Some(p) = value { s.value = true; vp(p, &mut s.value_vars, &mut s.selectors, &mut texts) }
        for a in attributes.iter() { let mut v = BTreeSet::new(); vp(&a.value, &mut v, &mut s.selectors, &mut texts); s.attrs.insert(a.id.name.to_string(), v); }
        if map.insert(id.clone(), (s, texts)).is_some() { problems.push(format!("{path}: duplicate {id}")); }
    }
    (src, map)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let en_path = &args[0];
    let tag = &args[1];
    let mut problems = vec![];
    let (_, en) = load(en_path, &mut problems);
    let lang: LanguageIdentifier = tag.parse().expect("tag");
    // 7.0.2 has no category listing: collect the categories its rules give over a range of numbers.
    let rules = PluralRules::create(lang.clone(), PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(LanguageIdentifier::from_parts(lang.language, None, None, &[]), PluralRuleType::CARDINAL))
        .expect("plural rules");
    let mut cats: BTreeSet<String> = BTreeSet::new();
    for n in (0..1200).chain([1_000_000, 2_000_000, 1_000_001]) { if let Ok(c) = rules.select(n) { cats.insert(format!("{c:?}").to_lowercase()); } }
    for f in ["0.5", "1.5", "2.5", "1.0"] { if let Ok(c) = rules.select(f) { cats.insert(format!("{c:?}").to_lowercase()); } }
    for path in &args[2..] {
        let (src, loc) = load(path, &mut problems);
        for id in en.keys() { if !loc.contains_key(id) { problems.push(format!("{path}: missing {id}")); } }
        for (id, (s, texts)) in &loc {
            let Some((e, _)) = en.get(id) else { problems.push(format!("{path}: extra {id}")); continue };
            if s.value != e.value { problems.push(format!("{path}: {id}: value presence differs")); }
            if s.value_vars != e.value_vars { problems.push(format!("{path}: {id}: vars {:?} != en {:?}", s.value_vars, e.value_vars)); }
            if s.attrs != e.attrs { problems.push(format!("{path}: {id}: attrs/vars {:?} != en {:?}", s.attrs, e.attrs)); }
            for (var, keys, def) in &s.selectors {
                if !e.value_vars.contains(var) && !e.attrs.values().any(|a| a.contains(var)) { problems.push(format!("{path}: {id}: selector on unknown ${var}")); }
                if def.is_empty() { problems.push(format!("{path}: {id}: no default variant")); }
                if id.starts_with("spa-") { problems.push(format!("{path}: {id}: selector in client message")); }
                let en_selects = e.selectors.iter().any(|(v, _, _)| v == var);
                if en_selects { for k in keys { if !cats.contains(k) { problems.push(format!("{path}: {id}: plural key {k} not in {tag} {cats:?}")); } } }
            }
            for t in texts { if t.contains('<') || t.contains('>') { problems.push(format!("{path}: {id}: markup char in {t:?}")); } }
        }
        // format every message with dummy arguments through fluent-bundle in this locale
        let res = match FluentResource::try_new(src) { Ok(r) => r, Err((r, _)) => r };
        let mut b = FluentBundle::new(vec![lang.clone()]);
        b.set_use_isolating(false);
        if let Err(e) = b.add_resource(res) { problems.push(format!("{path}: bundle: {e:?}")); }
        let mut samples = 0;
        for (id, (s, _)) in &loc {
            if id.starts_with('-') { continue }
            let Some(m) = b.get_message(id) else { continue };
            let nums: &[i64] = if s.selectors.is_empty() { &[1] } else { &[0, 1, 2, 3, 11, 100] };
            for n in nums {
                let mut fa = FluentArgs::new();
                for v in s.value_vars.iter().chain(s.attrs.values().flatten()) {
                    if ["hours", "seconds", "max", "min", "status"].contains(&v.as_str()) { fa.set(v.clone(), *n); } else { fa.set(v.clone(), format!("«{v}»")); }
                }
                let mut errs = vec![];
                if let Some(p) = m.value() { let out = b.format_pattern(p, Some(&fa), &mut errs); if id == "demo-login-rate-limited" || id == "email-confirm-expiry" { println!("  {id} n={n}: {out}"); } samples += 1; }
                for a in m.attributes() { b.format_pattern(a.value(), Some(&fa), &mut errs); }
                if !errs.is_empty() { problems.push(format!("{path}: {id}: format errors {errs:?}")); }
            }
        }
        println!("{path}: {} messages, {} formatted, plural categories of {tag}: {:?}", loc.len(), samples, cats);
    }
    for p in &problems { println!("PROBLEM {p}"); }
    println!("{tag}: {} problems", problems.len());
    if !problems.is_empty() { std::process::exit(1) }
}
