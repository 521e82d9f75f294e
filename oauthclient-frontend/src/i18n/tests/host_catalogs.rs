//! Host catalogs (overrides, new locales, startup errors) and the pseudo-locale.

use std::path::Path;

use super::super::{Dir, Locale, Localizer};
use super::{library, locale};

/// A fresh directory under the system's temporary directory, removed when dropped (not the
/// `tempfile` crate: it would add a second `getrandom` to this crate's tree).
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempdir() -> TempDir {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("oauthclient-i18n-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    TempDir(dir)
}

fn write(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn a_host_override_wins() {
    let dir = tempdir();
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
    let dir = tempdir();
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
    let dir = tempdir();
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
    let dir = tempdir();
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
    let dir = tempdir();
    write(dir.path(), "de.old/app.ftl", "a = b\n");
    let err = Localizer::builder()
        .host_dir(dir.path())
        .build()
        .expect_err("must fail");
    assert_eq!(err.path, dir.path().join("de.old"));
    let dir = tempdir();
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
    let listed = Localizer::builder()
        .enabled(["en", "de"])
        .pseudo(true)
        .build()
        .expect("builds");
    let tags: Vec<&str> = listed.available().iter().map(Locale::tag).collect();
    assert_eq!(tags, ["en", "de", "en-XA"]);
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

#[test]
fn client_messages_keep_every_variable_as_a_placeholder() {
    let localizer = Localizer::builder()
        .source(
            "en",
            "en/spa.ftl",
            "spa-count = { $n ->\n    [one] one app\n   *[other] { $n } apps\n} for { $who }\nspa-plain = Hi\nother-id = not sent\n",
        )
        .source("sv", "sv/spa.ftl", "spa-plain = Hej\n")
        .build()
        .expect("builds");
    let prefixes = ["spa-".to_owned()];
    let en = locale(&localizer, "en");
    let messages = localizer.client_messages(&en, &prefixes);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages["spa-count"], "{ $n } apps for { $who }");
    let sv = locale(&localizer, "sv");
    let messages = localizer.client_messages(&sv, &prefixes);
    assert_eq!(messages["spa-plain"], "Hej");
    assert_eq!(
        messages["spa-count"], "{ $n } apps for { $who }",
        "English fallback"
    );
    assert!(localizer.client_messages(&en, &[]).is_empty());
    // A host locale without `locale-name` is named by its tag; the library's by their own.
    assert_eq!(localizer.locale_name(&sv), "sv");
    assert_eq!(localizer.locale_name(&locale(&localizer, "de")), "Deutsch");
}
