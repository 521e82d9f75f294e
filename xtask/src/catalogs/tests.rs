//! The catalog check's rules, on small catalogs and on the repository's own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::shape::{Definition, read_file};
use super::*;

fn parse(path: &str, source: &str) -> (BTreeMap<String, Definition>, Vec<Problem>) {
    let mut definitions = BTreeMap::new();
    let mut problems = Vec::new();
    read_file(Path::new(path), source, &mut definitions, &mut problems);
    (definitions, problems)
}

/// The problems of `locale` (tag `tag`) against `english`, as text.
fn against_english(tag: &str, english: &str, locale: &str) -> Vec<String> {
    let (english, english_problems) = parse("en/a.ftl", english);
    assert!(english_problems.is_empty(), "{english_problems:?}");
    let (locale, mut problems) = parse(&format!("{tag}/a.ftl"), locale);
    problems.extend(check_locale(tag, Path::new(tag), &locale, &english));
    problems.iter().map(ToString::to_string).collect()
}

fn has(problems: &[String], needle: &str) -> bool {
    problems.iter().any(|problem| problem.contains(needle))
}

#[test]
fn the_repository_catalogs_pass() {
    for root in ROOTS {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(root);
        let (locales, problems) = check_root(&root);
        assert!(locales >= 10, "{}: {locales} locales", root.display());
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn a_syntax_error_names_path_line_and_column() {
    let (_, problems) = parse("de/a.ftl", "ok = gut\nbroken { $x }\n");
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|p| p.starts_with("de/a.ftl:2:8: ")),
        "{text:?}"
    );
}

#[test]
fn an_id_defined_twice_is_a_problem() {
    let (_, problems) = parse("de/a.ftl", "a = eins\na = zwei\n");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("already defined"),
        "{problems:?}"
    );
}

#[test]
fn missing_and_extra_ids_and_attributes() {
    let english = "a = A\nb = B\n    .title = T\n-brand = X\n";
    let problems = against_english("de", english, "a = A\nb = B\nc = C\n-brand = X\n");
    assert!(has(&problems, "`c` is not in English"), "{problems:?}");
    assert!(has(&problems, "`b.title` is missing"), "{problems:?}");
    let problems = against_english("de", english, "b = B\n    .title = T\n    .x = Y\n");
    assert!(has(&problems, "missing `a`"), "{problems:?}");
    assert!(has(&problems, "missing `-brand`"), "{problems:?}");
    assert!(has(&problems, "`b.x` is not in English"), "{problems:?}");
}

#[test]
fn variables_must_match_per_value_and_attribute() {
    let english = "a = Hi { $name }\n    .title = For { $email }\n";
    let fine = against_english(
        "de",
        english,
        "a = Hallo { $name }\n    .title = Für { $email }\n",
    );
    assert!(fine.is_empty(), "{fine:?}");
    let problems = against_english(
        "de",
        english,
        "a = Hallo { $nom }\n    .title = Für { $name }\n",
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn a_selector_only_on_a_variable_english_has() {
    let english = "a = Hi { $name }\n";
    let problems = against_english(
        "de",
        english,
        "a = { $gender ->\n    [f] Hallo { $name }\n   *[other] Hallo { $name }\n}\n",
    );
    assert!(has(&problems, "selects on `$gender`"), "{problems:?}");
}

#[test]
fn plural_keys_are_the_locale_categories() {
    let english = "a = { $n ->\n    [one] { $n } hour\n   *[other] { $n } hours\n}\n";
    let japanese = "a = { $n ->\n    [one] { $n } 時間\n   *[other] { $n } 時間\n}\n";
    assert!(has(
        &against_english("ja", english, japanese),
        "`[one]` is not a plural category"
    ));
    let arabic = "a = { $n ->\n    [zero] a{ $n }\n    [one] b\n    [two] c\n    [few] d{ $n }\n    [many] e{ $n }\n   *[other] f{ $n }\n}\n";
    assert!(against_english("ar", english, arabic).is_empty());
    let exact = "a = { $n ->\n    [0] none{ $n }\n   *[other] { $n } Stunden\n}\n";
    assert!(against_english("de", english, exact).is_empty());
}

#[test]
fn plural_categories_of_the_shipped_locales() {
    let of = |tag: &str| plural_categories(tag).expect("known locale");
    assert_eq!(of("ja"), BTreeSet::from(["other"]));
    assert_eq!(of("zh-Hans"), BTreeSet::from(["other"]));
    assert_eq!(
        of("ar"),
        BTreeSet::from(["zero", "one", "two", "few", "many", "other"])
    );
    assert!(of("de").is_superset(&BTreeSet::from(["one", "other"])));
}

#[test]
fn markup_empty_values_and_edge_spaces_are_problems() {
    let english = "a = A\nb = B\nc = C\ncommon-list-separator = {\", \"}\n";
    let locale = "a = <b>A</b>\nb = { \"\" }\nc = {\" \"}C\ncommon-list-separator = {\"、\"}\n";
    let problems = against_english("ja", english, locale);
    assert!(has(&problems, "`a`: markup character"), "{problems:?}");
    assert!(has(&problems, "`b` is empty"), "{problems:?}");
    assert!(has(&problems, "`c`: spaces at its edges"), "{problems:?}");
    assert!(!has(&problems, "common-list-separator"), "{problems:?}");
}

#[test]
fn client_messages_cannot_select() {
    let english = "spa-a = { $n ->\n    [one] one\n   *[other] { $n }\n}\n";
    let problems = against_english("en", english, english);
    assert!(
        has(&problems, "client-side message cannot select"),
        "{problems:?}"
    );
}

#[test]
fn a_root_with_a_bad_directory_or_a_stray_file() {
    let root = tempfile::tempdir().expect("tempdir");
    for (path, text) in [
        ("en/a.ftl", "a = A\n"),
        ("de/a.ftl", "a = B\n"),
        ("german/a.ftl", "a = C\n"),
        ("de.old/a.ftl", "a = C\n"),
        ("stray.ftl", "a = D\n"),
    ] {
        let path = root.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let (locales, problems) = check_root(root.path());
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(locales, 3, "{text:?}");
    assert!(has(&text, "de.old: not a canonical BCP 47 tag"), "{text:?}");
    assert!(has(&text, "stray.ftl: catalogs go in"), "{text:?}");
    assert_eq!(text.len(), 2, "{text:?}");
}

#[test]
fn usage_compares_ids_used_and_defined() {
    let defined: BTreeSet<String> = ["a", "b", "app-x-title", "-term"].map(String::from).into();
    let used: BTreeSet<String> = ["a.title", "zz"].map(String::from).into();
    let problems = usage_problems(&defined, &used, &["app-"]);
    assert_eq!(
        problems,
        [
            "`zz` is used but not defined in English",
            "`b` is defined but never used"
        ]
    );
}

#[test]
fn template_ids_are_found_in_t_and_tm_calls() {
    let template =
        r#"<h1>{{ t("title") }}</h1>{{ tm('intro', email=e) }}{{ format("x") }}{{ at("no") }}"#;
    assert_eq!(
        ids_in_template(template),
        BTreeSet::from(["intro".to_owned(), "title".to_owned()])
    );
}

#[test]
fn usage_scan_reads_each_kind_of_file() {
    let ids = |name: &str, text: &str| usage::ids_in_file(Path::new(name), text);
    assert_eq!(
        ids(
            "page.html",
            r#"<p data-i18n="spa-title">{{ t("page-title") }}</p>"#
        ),
        BTreeSet::from(["page-title".to_owned(), "spa-title".to_owned()])
    );
    assert_eq!(
        ids("app.js", r"el.textContent = t('spa-sign-in', {provider});"),
        BTreeSet::from(["spa-sign-in".to_owned()])
    );
    let rust =
        r#"let m = Message::new("error-rejected"); let h = "content-type"; let x = "Hello";"#;
    assert_eq!(
        ids("errors.rs", rust),
        BTreeSet::from(["content-type".to_owned(), "error-rejected".to_owned()])
    );
}

#[test]
fn rust_literals_claim_to_be_ids_only_in_a_catalog_family() {
    let defined: BTreeSet<String> = ["error-rejected", "flash-linked"].map(String::from).into();
    let found: BTreeSet<String> = [
        "error-rejected",
        "error-rejectd",
        "content-type",
        "email-confirmation",
    ]
    .map(String::from)
    .into();
    let (used, unknown) = usage::classify(&found, true, &defined);
    assert_eq!(used, BTreeSet::from(["error-rejected".to_owned()]));
    assert_eq!(unknown, BTreeSet::from(["error-rejectd".to_owned()]));
    let (_, unknown) = usage::classify(&found, false, &defined);
    assert_eq!(
        unknown.len(),
        3,
        "a template's call always claims: {unknown:?}"
    );
}
