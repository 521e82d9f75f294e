//! The localizer and the per-request choice, through their crate-level API (plan §13).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::catalog::{ENGLISH, LIBRARY_CATALOGS};
use super::choice::{self, CookieChange, Inputs};
use super::localizer::fluent_args;
use super::{Arg, Dir, Locale, Localizer};

fn library() -> Localizer {
    Localizer::new().expect("the library's catalogs build")
}

fn locale(localizer: &Localizer, tag: &str) -> Locale {
    localizer.locale(tag).cloned().expect("enabled locale")
}

fn chosen(localizer: &Localizer, inputs: &Inputs<'_>) -> (String, CookieChange) {
    let choice = choice::resolve(localizer, inputs);
    (choice.locale.tag().to_owned(), choice.cookie)
}

// ---- choice: order of the steps -------------------------------------------------------------

#[test]
fn query_beats_cookie_hook_header_and_sets_the_cookie() {
    let inputs = Inputs {
        query: Some("de"),
        cookie: Some("fr"),
        hook: Some("es"),
        accept_language: Some("it"),
    };
    assert_eq!(
        chosen(&library(), &inputs),
        ("de".into(), CookieChange::Set("de".into()))
    );
}

#[test]
fn cookie_beats_hook_and_header() {
    let inputs = Inputs {
        cookie: Some("fr"),
        hook: Some("es"),
        accept_language: Some("it"),
        ..Inputs::default()
    };
    assert_eq!(
        chosen(&library(), &inputs),
        ("fr".into(), CookieChange::Keep)
    );
}

#[test]
fn hook_beats_header() {
    let inputs = Inputs {
        hook: Some("es-MX"),
        accept_language: Some("it"),
        ..Inputs::default()
    };
    assert_eq!(chosen(&library(), &inputs).0, "es");
}

#[test]
fn header_beats_default() {
    let localizer = Localizer::builder()
        .default_locale("nl")
        .build()
        .expect("builds");
    let inputs = Inputs {
        accept_language: Some("en;q=0.5, ja"),
        ..Inputs::default()
    };
    assert_eq!(chosen(&localizer, &inputs).0, "ja");
}

#[test]
fn nothing_said_gives_the_default() {
    let localizer = Localizer::builder()
        .default_locale("nl")
        .build()
        .expect("builds");
    assert_eq!(chosen(&localizer, &Inputs::default()).0, "nl");
    assert_eq!(chosen(&library(), &Inputs::default()).0, "en");
}

#[test]
fn the_hook_is_not_needed_once_query_or_cookie_decided() {
    let localizer = library();
    let by_cookie = Inputs {
        cookie: Some("ja"),
        ..Inputs::default()
    };
    assert!(choice::explicit(&localizer, &by_cookie).0.is_some());
    let header_only = Inputs {
        accept_language: Some("ja"),
        ..Inputs::default()
    };
    assert!(choice::explicit(&localizer, &header_only).0.is_none());
}

#[test]
fn lang_query_then_cookie_then_clearing() {
    let localizer = library();
    let first = choice::resolve(
        &localizer,
        &Inputs {
            query: Some("de"),
            ..Inputs::default()
        },
    );
    let CookieChange::Set(stored) = &first.cookie else {
        panic!("?lang=de must set the cookie: {first:?}");
    };
    let next = Inputs {
        cookie: Some(stored),
        accept_language: Some("fr"),
        ..Inputs::default()
    };
    assert_eq!(chosen(&localizer, &next), ("de".into(), CookieChange::Keep));
    for clear in ["", "auto"] {
        let cleared = Inputs {
            query: Some(clear),
            ..next
        };
        assert_eq!(
            chosen(&localizer, &cleared),
            ("fr".into(), CookieChange::Clear)
        );
    }
}

#[test]
fn a_regional_query_stores_the_shipped_tag() {
    let inputs = Inputs {
        query: Some("pt-PT"),
        ..Inputs::default()
    };
    assert_eq!(
        chosen(&library(), &inputs),
        ("pt-BR".into(), CookieChange::Set("pt-BR".into()))
    );
}

#[test]
fn unknown_locales_fall_through_without_error() {
    let localizer = library();
    let inputs = Inputs {
        query: Some("xx"),
        cookie: Some("xx"),
        hook: Some("klingon"),
        accept_language: Some("xx, tlh;q=0.9"),
    };
    assert_eq!(
        chosen(&localizer, &inputs),
        ("en".into(), CookieChange::Keep)
    );
    let garbage = Inputs {
        query: Some("<script>"),
        cookie: Some("\u{0}"),
        hook: Some(""),
        accept_language: Some(";;;q=,"),
    };
    assert_eq!(chosen(&localizer, &garbage).0, "en");
}

#[test]
fn a_stale_cookie_is_ignored() {
    let localizer = Localizer::builder()
        .enabled(["en", "de"])
        .build()
        .expect("builds");
    let inputs = Inputs {
        cookie: Some("fr"),
        accept_language: Some("de"),
        ..Inputs::default()
    };
    assert_eq!(chosen(&localizer, &inputs).0, "de");
}

#[test]
fn traditional_chinese_does_not_get_simplified() {
    let inputs = Inputs {
        accept_language: Some("zh-TW"),
        ..Inputs::default()
    };
    assert_eq!(chosen(&library(), &inputs).0, "en");
    let query = Inputs {
        query: Some("zh-TW"),
        ..Inputs::default()
    };
    assert_eq!(
        chosen(&library(), &query),
        ("en".into(), CookieChange::Keep)
    );
    let simplified = Inputs {
        accept_language: Some("zh-CN"),
        ..Inputs::default()
    };
    assert_eq!(chosen(&library(), &simplified).0, "zh-Hans");
}

#[test]
fn portuguese_from_portugal_gets_brazilian() {
    let inputs = Inputs {
        accept_language: Some("pt-PT"),
        ..Inputs::default()
    };
    assert_eq!(chosen(&library(), &inputs).0, "pt-BR");
}

#[test]
fn arabic_is_right_to_left_and_the_others_left_to_right() {
    let localizer = library();
    let arabic = localizer.negotiate("ar-EG");
    assert_eq!((arabic.tag(), arabic.dir()), ("ar", Dir::Rtl));
    for other in localizer.available().iter().filter(|l| l.tag() != "ar") {
        assert_eq!(other.dir(), Dir::Ltr, "{other}");
    }
    let json = serde_json::to_value(arabic).expect("serializes");
    assert_eq!(json, serde_json::json!({"lang": "ar", "dir": "rtl"}));
}

#[test]
fn cookie_header_attributes() {
    assert_eq!(choice::set_cookie("l", &CookieChange::Keep, true), None);
    assert_eq!(
        choice::set_cookie("l", &CookieChange::Set("pt-BR".into()), true).as_deref(),
        Some("l=pt-BR; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly; Secure")
    );
    assert_eq!(
        choice::set_cookie("l", &CookieChange::Clear, false).as_deref(),
        Some("l=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly")
    );
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

// ---- host catalogs --------------------------------------------------------------------------

fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn a_host_override_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "de/app.ftl",
        "linked-accounts-title = Ihre Konten\n",
    );
    write(
        dir.path(),
        "en/app.ftl",
        "linked-accounts-title = Your accounts\n",
    );
    let localizer = Localizer::builder()
        .host_dir(dir.path())
        .build()
        .expect("builds");
    let de = locale(&localizer, "de");
    assert_eq!(localizer.text(&de, "linked-accounts-title"), "Ihre Konten");
    assert_eq!(localizer.text(&de, "linked-accounts-connect"), "Verbinden");
    let en = locale(&localizer, "en");
    assert_eq!(
        localizer.text(&en, "linked-accounts-title"),
        "Your accounts"
    );
}

#[test]
fn a_host_file_adds_a_locale_with_english_for_what_it_lacks() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "sv/app.ftl",
        "linked-accounts-title = Länkade konton\n",
    );
    write(dir.path(), "sv/README.txt", "not a catalog");
    let localizer = Localizer::builder()
        .host_dir(dir.path())
        .build()
        .expect("builds");
    let sv = localizer.negotiate("sv-SE, en;q=0.5").clone();
    assert_eq!(sv.tag(), "sv");
    assert_eq!(
        localizer.text(&sv, "linked-accounts-title"),
        "Länkade konton"
    );
    assert_eq!(localizer.text(&sv, "linked-accounts-connect"), "Connect");
}

#[test]
fn a_malformed_host_file_names_path_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "de/app.ftl", "fine = Gut\n\nbroken { $x }\n");
    let err = Localizer::builder()
        .host_dir(dir.path())
        .build()
        .expect_err("must fail");
    let path = dir.path().join("de").join("app.ftl");
    assert_eq!((err.path.as_path(), err.line), (path.as_path(), 3));
    assert!(err.column > 0);
    let prefix = format!("{}:3:{}: ", path.display(), err.column);
    assert!(err.to_string().starts_with(&prefix), "{err}");
}

#[test]
fn a_duplicate_id_in_a_host_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "de/app.ftl", "a = eins\nb = zwei\na = drei\n");
    let err = Localizer::builder()
        .host_dir(dir.path())
        .build()
        .expect_err("must fail");
    assert_eq!(err.line, 3);
    assert!(err.message.contains("`a` is defined twice"), "{err}");
}

#[test]
fn the_same_id_in_two_host_files_of_a_locale_is_refused() {
    let err = Localizer::builder()
        .source("de", "one.ftl", "a = eins\n")
        .source("de", "two.ftl", "a = zwei\n")
        .build()
        .expect_err("must fail");
    assert_eq!(err.path, Path::new("two.ftl"));
}

#[test]
fn a_directory_that_is_not_a_tag_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "de.old/app.ftl", "a = b\n");
    let err = Localizer::builder()
        .host_dir(dir.path())
        .build()
        .expect_err("must fail");
    assert_eq!(err.path, dir.path().join("de.old"));
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "app.ftl", "a = b\n");
    assert!(Localizer::builder().host_dir(dir.path()).build().is_err());
}

#[test]
fn a_missing_host_directory_is_an_error() {
    let err = Localizer::builder()
        .host_dir("/nonexistent/oauthclient-locales")
        .build()
        .expect_err("must fail");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn default_and_enabled_locales_need_catalogs() {
    assert!(Localizer::builder().default_locale("sv").build().is_err());
    assert!(Localizer::builder().enabled(["en", "xx"]).build().is_err());
    let err = Localizer::builder()
        .enabled(["de"])
        .build()
        .expect_err("en is not enabled");
    assert!(
        err.to_string()
            .contains("default locale `en` is not enabled"),
        "{err}"
    );
    let german = Localizer::builder()
        .enabled(["de"])
        .default_locale("de")
        .build()
        .expect("builds");
    assert_eq!(german.available().len(), 1);
    assert_eq!(german.negotiate("fr").tag(), "de");
}

// ---- pseudo-locale --------------------------------------------------------------------------

#[test]
fn pseudo_locale_only_when_enabled() {
    assert!(library().locale("en-XA").is_none());
    let localizer = Localizer::builder().pseudo(true).build().expect("builds");
    assert!(localizer.locale("en-XA").is_some());
    // An English reader still gets English.
    assert_eq!(localizer.negotiate("en-US").tag(), "en");
}

#[test]
fn pseudo_output_is_wrapped_and_accented_but_variables_are_not() {
    let localizer = Localizer::builder().pseudo(true).build().expect("builds");
    let pseudo = locale(&localizer, "en-XA");
    assert_eq!(pseudo.dir(), Dir::Ltr);
    let text = localizer.format(
        &pseudo,
        "login-connect-title",
        &[("provider", "GitHub".into())],
    );
    assert!(text.starts_with('⟦') && text.ends_with('⟧'), "{text}");
    assert!(text.contains("GitHub"), "{text}");
    assert!(!text.contains("Connect"), "{text}");
    assert!(
        text.chars().count() > "⟦Connect GitHub⟧".chars().count(),
        "{text}"
    );
}

#[test]
fn a_host_cannot_supply_the_pseudo_locale() {
    let err = Localizer::builder()
        .pseudo(true)
        .source("en-XA", "x.ftl", "a = b\n")
        .build()
        .expect_err("must fail");
    assert_eq!(err.path, Path::new("x.ftl"));
}

#[test]
fn the_localizer_is_shared_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Localizer>();
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
