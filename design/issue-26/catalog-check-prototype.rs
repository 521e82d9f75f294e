// Prototype of the catalog check (plan.md §11), run once against en.ftl and en-hosts.ftl with
// fluent-syntax 0.12, fluent-langneg 0.13 (feature cldr), unic-langid 0.9 in a scratch crate:
// both parse with no error or Junk (169 and 77 messages); the negotiation probe at the end
// printed zh-CN→zh-Hans, zh-TW→en, zh→zh-Hans, pt-PT→pt-BR, pt→pt-BR, de-AT→de, ar-EG→ar (RTL),
// en-GB→en, sr→en; without the cldr feature, zh-TW→zh-Hans. Not part of the workspace.
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};
use fluent_syntax::parser;
use std::collections::BTreeSet;

fn vars_in_pattern<'s>(p: &ast::Pattern<&'s str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el { vars_in_expr(expression, out) }
    }
}
fn vars_in_expr<'s>(e: &Expression<&'s str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => vars_in_inline(i, out),
        Expression::Select { selector, variants } => {
            vars_in_inline(selector, out);
            for v in variants { vars_in_pattern(&v.value, out) }
        }
    }
}
fn vars_in_inline<'s>(i: &InlineExpression<&'s str>, out: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => { out.insert(id.name.to_string()); }
        InlineExpression::Placeable { expression } => vars_in_expr(expression, out),
        _ => {}
    }
}
fn line_of(src: &str, byte: usize) -> usize { src[..byte.min(src.len())].matches('\n').count() + 1 }

fn main() {
    for path in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&path).unwrap();
        let res = match parser::parse(src.as_str()) {
            Ok(r) => r,
            Err((r, errs)) => { for e in &errs { println!("{path}:{}: {:?}", line_of(&src, e.pos.start), e.kind); } r }
        };
        let mut n = 0;
        for entry in &res.body {
            match entry {
                Entry::Message(m) => {
                    n += 1;
                    let mut v = BTreeSet::new();
                    if let Some(p) = &m.value { vars_in_pattern(p, &mut v) }
                    for a in &m.attributes { vars_in_pattern(&a.value, &mut v) }
                    let attrs: Vec<_> = m.attributes.iter().map(|a| a.id.name).collect();
                    println!("{}\t{}\t{}", m.id.name, v.into_iter().collect::<Vec<_>>().join(","), attrs.join(","));
                }
                Entry::Junk { content } => println!("{path}: JUNK {content:?}"),
                _ => {}
            }
        }
        println!("{path}: {n} messages");
    }
    // negotiation probe
    use fluent_langneg::{negotiate_languages, NegotiationStrategy};
    use unic_langid::LanguageIdentifier;
    let avail: Vec<LanguageIdentifier> = ["en","de","fr","es","pt-BR","it","nl","ja","zh-Hans","ar"].iter().map(|s| s.parse().unwrap()).collect();
    let def: LanguageIdentifier = "en".parse().unwrap();
    for req in [["zh-CN"],["zh-TW"],["zh"],["pt-PT"],["pt"],["de-AT"],["ar-EG"],["en-GB"],["sr"]] {
        let r: Vec<LanguageIdentifier> = req.iter().map(|s| s.parse().unwrap()).collect();
        let got = negotiate_languages(&r, &avail, Some(&def), NegotiationStrategy::Lookup);
        let dir = got[0].character_direction();
        println!("{:?} -> {} {:?}", req, got[0], dir);
    }
}
