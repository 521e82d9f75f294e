//! What `build()` says about the message catalogs and `[locales]`: each problem is a
//! [`BuildError::Catalog`] naming the file (and line and column, when it is one place).

use oauthclient_core::OAuthClientConfig;
use oauthclient_core::config::NoEnv;
use oauthclient_core::error::BuildError;
use oauthclient_core::registry::Registry;

use super::RuntimeBuilder;
use crate::runtime::Runtime;

fn builder(locales: &str) -> RuntimeBuilder<Runtime> {
    let toml = format!(
        "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
         site_url = \"https://example.org\"\n{locales}"
    );
    let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &Registry::default())
        .expect("configuration");
    RuntimeBuilder::new(config, Registry::default())
}

/// The catalog problem `build()` reports, as displayed.
fn catalog_error(builder: RuntimeBuilder<Runtime>) -> String {
    match builder.build() {
        Err(BuildError::Catalog(err)) => err.to_string(),
        Err(other) => panic!("not a catalog error: {other}"),
        Ok(_) => panic!("built"),
    }
}

/// Catalogs that load leave `build()` to complain about the next thing: the missing store.
fn catalogs_load(builder: RuntimeBuilder<Runtime>) {
    match builder.build() {
        Err(BuildError::Missing(what)) => assert!(what.contains("store"), "{what}"),
        Err(other) => panic!("the catalogs should load: {other}"),
        Ok(_) => panic!("built without a store"),
    }
}

#[test]
fn a_malformed_host_file_names_its_file_line_and_column() {
    let message = catalog_error(builder("").locale_source(
        "de",
        "locales/de/app.ftl",
        "app-title = Meine App\napp-broken { $x }\n",
    ));
    assert!(
        message.starts_with("locales/de/app.ftl:2:12: "),
        "{message}"
    );
}

#[test]
fn a_malformed_file_in_the_locales_dir_names_its_path() {
    let dir = std::env::temp_dir().join(format!("oauthclient-builder-{}", std::process::id()));
    let file = dir.join("fr").join("app.ftl");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(&file, "ok = bien\n\n= sans id\n").expect("write");
    let message = catalog_error(builder("").locales_dir(&dir));
    let _ = std::fs::remove_dir_all(&dir);
    let expected = format!("{}:3:", file.display());
    assert!(message.starts_with(&expected), "{message}");
}

#[test]
fn an_id_defined_twice_by_the_host_is_refused() {
    let message = catalog_error(
        builder("")
            .locale_source("de", "a.ftl", "app-title = Eins\n")
            .locale_source("de", "b.ftl", "app-title = Zwei\n"),
    );
    assert!(
        message.starts_with("b.ftl: `app-title` is already defined in a.ftl"),
        "{message}"
    );
    let message = catalog_error(builder("").locale_source("de", "c.ftl", "x = 1\nx = 2\n"));
    assert_eq!(message, "c.ftl:2:1: `x` is defined twice");
}

#[test]
fn a_bad_locale_tag_is_refused() {
    let message = catalog_error(builder("").locale_source("pt_BR", "app.ftl", "x = y\n"));
    assert_eq!(
        message,
        "app.ftl: `pt_BR` must be written `pt-BR` (the directory name is the locale's tag)"
    );
    let message = catalog_error(builder("").locale_source("de DE", "app.ftl", "x = y\n"));
    assert!(
        message.contains("`de DE` is not a BCP 47 language tag"),
        "{message}"
    );
}

#[test]
fn default_and_enabled_locales_need_a_catalog() {
    let message = catalog_error(builder("[locales]\ndefault = \"sv\"\n"));
    assert_eq!(message, "[locales]: default locale `sv` has no catalog");
    let message = catalog_error(builder("[locales]\nenabled = [\"en\", \"tlh\"]\n"));
    assert_eq!(message, "[locales]: enabled locale `tlh` has no catalog");
    // A host catalog gives the locale its catalog.
    catalogs_load(
        builder("[locales]\ndefault = \"sv\"\n").locale_source("sv", "sv.ftl", "x = y\n"),
    );
}

#[test]
fn the_pseudo_locale_is_offered_only_when_asked() {
    let built = |locales: &str| {
        let localizer = crate::i18n::localizer(&builder(locales).config.locales, None, Vec::new())
            .expect("catalogs");
        localizer
            .locale("en-XA")
            .map(|locale| localizer.text(locale, "linked-accounts-title"))
    };
    assert_eq!(built(""), None);
    let text = built("[locales]\npseudo = true\n").expect("en-XA enabled");
    assert!(text.starts_with('⟦') && text.ends_with('⟧'), "{text}");
    assert_ne!(text, "⟦Linked accounts⟧", "accented");
}
