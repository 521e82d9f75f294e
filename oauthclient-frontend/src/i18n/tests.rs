//! The localizer and the per-request choice, through their crate-level API (plan §13).

mod choosing;
mod host_catalogs;

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::catalog::{ENGLISH, LIBRARY_CATALOGS};
use super::localizer::fluent_args;
use super::{Arg, Locale, Localizer};

fn library() -> Localizer {
    Localizer::new().expect("the library's catalogs build")
}

fn locale(localizer: &Localizer, tag: &str) -> Locale {
    localizer.locale(tag).cloned().expect("enabled locale")
}

// ---- formatting and fallbacks ---------------------------------------------------------------

#[test]
fn formats_with_variables_in_the_locale() {
    let localizer = library();
    let de = locale(&localizer, "de");
    let text = localizer.format(&de, "login-connect-title", &[("provider", "GitHub".into())]);
    assert_eq!(text, "GitHub verbinden");
    assert_eq!(
        localizer.text(&de, "linked-accounts-title"),
        "Verknüpfte Konten"
    );
}

#[test]
fn isolation_marks_only_in_right_to_left_locales() {
    let localizer = library();
    let args = [("provider", Arg::from("GitHub"))];
    let ar = localizer.format(&locale(&localizer, "ar"), "login-connect-title", &args);
    assert!(ar.contains("\u{2068}GitHub\u{2069}"), "{ar:?}");
    let en = localizer.format(&locale(&localizer, "en"), "login-connect-title", &args);
    assert_eq!(en, "Connect GitHub");
}

#[test]
fn plurals_follow_the_locale() {
    let localizer = library();
    let en = locale(&localizer, "en");
    let one = localizer.format(&en, "email-confirm-expiry", &[("hours", 1.into())]);
    let many = localizer.format(&en, "email-confirm-expiry", &[("hours", 48.into())]);
    assert!(one.ends_with("in 1 hour."), "{one}");
    assert!(many.ends_with("in 48 hours."), "{many}");
}

#[test]
fn attributes_are_addressed_with_a_dot() {
    let localizer = library();
    let en = locale(&localizer, "en");
    let (id, attribute) = first_attribute().expect("the catalog has an attribute");
    let dotted = format!("{id}.{attribute}");
    assert!(localizer.has(&en, &dotted));
    assert_ne!(localizer.text(&en, &dotted), dotted);
    assert!(!localizer.has(&en, &format!("{id}.no-such-attribute")));
}

#[test]
fn a_missing_id_shows_english_then_the_id() {
    let localizer = Localizer::builder()
        .source("de", "host/de/app.ftl", "only-german = Nur Deutsch\n")
        .source("en", "host/en/app.ftl", "only-english = English only\n")
        .build()
        .expect("builds");
    let de = locale(&localizer, "de");
    assert_eq!(localizer.text(&de, "only-english"), "English only");
    assert_eq!(localizer.text(&de, "only-german"), "Nur Deutsch");
    assert_eq!(localizer.text(&de, "nowhere-at-all"), "nowhere-at-all");
    assert!(!localizer.has(&de, "nowhere-at-all"));
    // Logged once, and asking again changes nothing.
    assert_eq!(localizer.text(&de, "nowhere-at-all"), "nowhere-at-all");
}

#[test]
fn app_titles_from_a_catalog_win_in_its_locale_only() {
    let localizer = Localizer::builder()
        .source(
            "de",
            "host/de/apps.ftl",
            "app-gitlab-title = GitLab (Firma)\n",
        )
        .build()
        .expect("builds");
    let (de, en) = (locale(&localizer, "de"), locale(&localizer, "en"));
    assert_eq!(
        localizer.app_title(&de, "gitlab", "GitLab"),
        "GitLab (Firma)"
    );
    assert_eq!(localizer.app_title(&en, "gitlab", "GitLab"), "GitLab");
    assert_eq!(
        localizer.app_description(&de, "gitlab", "Source code"),
        "Source code",
        "no description in the catalog: the configured one"
    );
}

#[test]
fn a_missing_variable_falls_back_to_english_and_never_to_nothing() {
    let localizer = library();
    let de = locale(&localizer, "de");
    let text = localizer.text(&de, "login-connect-title");
    assert!(text.starts_with("Connect "), "{text}");
}

#[test]
fn every_shipped_locale_formats_every_english_id_without_error() {
    let localizer = library();
    let english = english_patterns();
    assert!(english.len() > 150, "{} patterns", english.len());
    for (tag, _) in LIBRARY_CATALOGS {
        let locale = locale(&localizer, tag);
        for (id, variables) in &english {
            for number in [0, 1, 2, 3, 11, 100] {
                let args: Vec<(&str, Arg<'_>)> = variables
                    .iter()
                    .map(|name| match name.as_str() {
                        "hours" | "max" | "min" | "seconds" => (name.as_str(), Arg::Number(number)),
                        _ => (name.as_str(), Arg::from("value")),
                    })
                    .collect();
                let text = localizer
                    .format_strict(&locale, id, &fluent_args(&args))
                    .unwrap_or_else(|problem| panic!("{tag} {id}: {problem:?}"));
                assert!(!text.trim().is_empty(), "{tag} {id} is empty");
            }
        }
    }
}

// ---- helpers: the English catalog's patterns and their variables ---------------------------

/// Every message value and attribute of English (`id` / `id.attr`) with the variables it uses.
fn english_patterns() -> BTreeMap<String, BTreeSet<String>> {
    let source = LIBRARY_CATALOGS
        .iter()
        .find(|(tag, _)| *tag == ENGLISH)
        .map(|(_, source)| *source)
        .expect("English");
    let resource = fluent_syntax::parser::parse(source).expect("English parses");
    let mut patterns = BTreeMap::new();
    for entry in &resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name;
        if let Some(value) = &message.value {
            patterns.insert(id.to_owned(), variables(value));
        }
        for attribute in &message.attributes {
            let key = format!("{id}.{}", attribute.id.name);
            patterns.insert(key, variables(&attribute.value));
        }
    }
    patterns
}

fn first_attribute() -> Option<(String, String)> {
    english_patterns().into_keys().find_map(|key| {
        key.split_once('.')
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    })
}

fn variables(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    collect_pattern(pattern, &mut found);
    found
}

fn collect_pattern(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, found);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => collect_inline(inline, found),
        Expression::Select { selector, variants } => {
            collect_inline(selector, found);
            for variant in variants {
                collect_pattern(&variant.value, found);
            }
        }
    }
}

fn collect_inline(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => collect_expression(expression, found),
        _ => {}
    }
}
