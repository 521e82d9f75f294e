//! The order of the steps that choose a request's locale, and the language cookie.

use super::super::Dir;
use super::super::Localizer;
use super::super::choice::{self, CookieChange, Inputs};
use super::library;

fn chosen(localizer: &Localizer, inputs: &Inputs<'_>) -> (String, CookieChange) {
    let choice = choice::resolve(localizer, inputs);
    (choice.locale.tag().to_owned(), choice.cookie)
}

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
