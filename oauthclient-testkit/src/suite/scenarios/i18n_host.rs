//! The host's side of the language (issue 26): its hook for a signed-in user's saved
//! preference in the negotiation order, `?lang=` on its own pages, the locale its pages get
//! from the adapter's helper, and `GET /api/oauth/locale` for a single-page app's texts.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use oauthclient_core::account::UserId;
use oauthclient_core::host_policy::HostPolicy;
use serde_json::Value;

use crate::site::SiteOptions;
use crate::suite::{APP, Scenario, TestSite, browser, launch, scenario_list};

const PAGE: &str = "/account/settings/linkedaccounts/";

/// Saved preferences by user, and how often the hook was asked.
#[derive(Default)]
struct Preferences {
    saved: Mutex<BTreeMap<UserId, String>>,
    asked: AtomicUsize,
}

#[async_trait]
impl HostPolicy for Preferences {
    async fn preferred_locale(&self, user: &UserId) -> Option<String> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        self.saved.lock().expect("lock").get(user).cloned()
    }
}

/// A site whose policy knows that one user prefers German and another a language no catalog
/// has, with each signed in in their own browser.
async fn site_with_preferences() -> (TestSite, Arc<Preferences>, reqwest::Client, reqwest::Client) {
    let prefs = Arc::new(Preferences::default());
    let for_builder: Arc<dyn HostPolicy> = prefs.clone();
    let site =
        launch(SiteOptions::new().customize(move |builder| builder.policy(for_builder))).await;
    let german = site.local_user("de@local.example", false).await;
    let klingon = site.local_user("klingon@local.example", false).await;
    {
        let mut saved = prefs.saved.lock().expect("lock");
        saved.insert(german.clone(), "de".to_owned());
        saved.insert(klingon.clone(), "tlh".to_owned());
    }
    let german_browser = browser();
    site.sign_in_as(&german_browser, &german).await;
    let klingon_browser = browser();
    site.sign_in_as(&klingon_browser, &klingon).await;
    (site, prefs, german_browser, klingon_browser)
}

/// `GET path` with `Accept-Language`: `Content-Language`, the language cookies set, body.
async fn get(
    site: &TestSite,
    browser: &reqwest::Client,
    path: &str,
    accept_language: &str,
) -> (Option<String>, Vec<String>, String) {
    let answer = super::i18n::fetch(site, browser, path, Some(accept_language)).await;
    (
        answer.content_language,
        answer.language_cookies,
        answer.body,
    )
}

async fn the_hook_comes_after_lang_and_the_cookie_and_before_accept_language() {
    let (site, prefs, german, klingon) = site_with_preferences().await;
    // The hook beats the browser's header.
    let (language, _, body) = get(&site, &german, PAGE, "fr").await;
    assert_eq!(language.as_deref(), Some("de"), "{body}");
    assert!(body.contains("<h1>Verknüpfte Konten</h1>"), "{body}");
    assert!(prefs.asked.load(Ordering::SeqCst) >= 1);
    // `?lang=` beats the hook, and its cookie beats it on the next page.
    let (language, cookies, _) = get(&site, &german, &format!("{PAGE}?lang=ja"), "fr").await;
    assert_eq!(language.as_deref(), Some("ja"));
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let asked = prefs.asked.load(Ordering::SeqCst);
    let (language, _, _) = get(&site, &german, PAGE, "fr").await;
    assert_eq!(language.as_deref(), Some("ja"));
    assert_eq!(
        prefs.asked.load(Ordering::SeqCst),
        asked,
        "the cookie decided: the hook is not asked"
    );
    // A preference no catalog has falls through to the header.
    let (language, _, _) = get(&site, &klingon, PAGE, "fr").await;
    assert_eq!(language.as_deref(), Some("fr"));
}

async fn the_hook_is_not_asked_for_anonymous_requests() {
    let (site, prefs, _, _) = site_with_preferences().await;
    let asked = prefs.asked.load(Ordering::SeqCst);
    let (language, _, body) = get(&site, &browser(), "/oauth/logout", "es").await;
    assert_eq!(language.as_deref(), Some("es"), "{body}");
    assert_eq!(prefs.asked.load(Ordering::SeqCst), asked);
}

async fn host_pages_get_the_request_locale_with_the_hook() {
    let (site, _, german, _) = site_with_preferences().await;
    let (_, _, body) = get(&site, &browser(), "/test/locale", "ar-EG, en;q=0.5").await;
    assert_eq!(body, "ar rtl");
    let (_, _, body) = get(&site, &german, "/test/locale", "fr").await;
    assert_eq!(body, "de ltr");
}

async fn lang_on_a_host_page_sets_the_cookie_once() {
    let site = launch(SiteOptions::new()).await;
    let browser = browser();
    let (_, cookies, _) = get(&site, &browser, "/test/locale?lang=pt-BR", "en").await;
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert!(
        cookies[0].starts_with("oauthclient_lang=pt-BR;"),
        "{cookies:?}"
    );
    // The host page itself was asked in the new language, and the next one remembers it.
    let (_, _, body) = get(&site, &browser, "/test/locale", "en").await;
    assert_eq!(body, "pt-BR ltr");
    // A library route writes the cookie once, not once more in the session layer.
    let (_, cookies, _) = get(&site, &browser, "/oauth/logout?lang=it", "en").await;
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    // An unknown tag is not remembered.
    let (_, cookies, _) = get(&site, &browser, "/test/locale?lang=xx", "en").await;
    assert!(cookies.is_empty(), "{cookies:?}");
}

/// A site whose host catalogs add `spa-` messages in English and German, exposed to the
/// browser.
async fn spa_site() -> TestSite {
    launch(
        SiteOptions::new()
            .edit(|toml| format!("{toml}\n[locales]\nclient_prefixes = [\"spa-\"]\n"))
            .customize(|builder| {
                builder
                    .locale_source(
                        "en",
                        "locales/en/spa.ftl",
                        "spa-title = Your account\nspa-hello = Hello, { $name }! You have { $count } apps.\n",
                    )
                    .locale_source("de", "locales/de/spa.ftl", "spa-hello = Hallo, { $name }!\n")
            }),
    )
    .await
}

async fn the_locale_endpoint_gives_a_single_page_app_its_texts() {
    let site = spa_site().await;
    let (_, _, body) = get(&site, &browser(), "/api/oauth/locale", "de").await;
    let json: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["lang"], "de");
    assert_eq!(json["dir"], "ltr");
    let available = json["available"].as_array().expect("list");
    assert!(
        available.contains(&serde_json::json!({"tag": "de", "name": "Deutsch"})),
        "{available:?}"
    );
    assert!(
        available.contains(&serde_json::json!({"tag": "ja", "name": "日本語"})),
        "{available:?}"
    );
    let messages = json["messages"].as_object().expect("messages");
    assert_eq!(messages["spa-hello"], "Hallo, { $name }!");
    // Missing from German: English.
    assert_eq!(messages["spa-title"], "Your account");
    assert_eq!(messages.len(), 2, "only the client prefixes: {messages:?}");

    // Right to left: variables stay findable (no isolation marks around them).
    let (_, _, body) = get(&site, &browser(), "/api/oauth/locale", "ar").await;
    let json: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["dir"], "rtl");
    assert_eq!(
        json["messages"]["spa-hello"],
        "Hello, { $name }! You have { $count } apps."
    );
}

async fn the_locale_endpoint_follows_lang_and_writes_no_session() {
    let site = spa_site().await;
    let browser = browser();
    let response = browser
        .get(site.url("/api/oauth/locale?lang=fr"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok().map(str::to_owned))
        .collect();
    assert_eq!(cookies.len(), 1, "only the language cookie: {cookies:?}");
    assert!(
        cookies[0].starts_with("oauthclient_lang=fr;"),
        "{cookies:?}"
    );
    let json: Value = response.json().await.expect("json");
    assert_eq!(json["lang"], "fr");
    assert_eq!(json["messages"]["spa-title"], "Your account");
}

/// A signed-in browser on `site`.
async fn signed_in(site: &TestSite) -> reqwest::Client {
    let ada = site.local_user("ada@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    browser
}

async fn a_host_catalog_overrides_library_messages_and_adds_locales() {
    let site = launch(SiteOptions::new().customize(|builder| {
        builder
            .locale_source(
                "de",
                "locales/de/app.ftl",
                "linked-accounts-title = Ihre Apps\n",
            )
            .locale_source(
                "sv",
                "locales/sv/app.ftl",
                "linked-accounts-title = Länkade konton\n",
            )
    }))
    .await;
    let browser = signed_in(&site).await;
    let (language, _, body) = get(&site, &browser, PAGE, "de").await;
    assert_eq!(language.as_deref(), Some("de"));
    assert!(
        body.contains("<h1>Ihre Apps</h1>"),
        "the host's message wins: {body}"
    );
    assert!(
        body.contains("Verbinden Sie Ihr Konto mit diesen Diensten"),
        "the library's others stay: {body}"
    );
    // A new locale: its own message, English for what it lacks.
    let (language, _, body) = get(&site, &browser, PAGE, "sv-SE").await;
    assert_eq!(language.as_deref(), Some("sv"));
    assert!(body.contains(r#"<html lang="sv" dir="ltr">"#), "{body}");
    assert!(body.contains("<h1>Länkade konton</h1>"), "{body}");
    assert!(
        body.contains("Connect your account with these services"),
        "{body}"
    );
}

/// A configured title is in one language; `app-<name>-title` / `-description` in a catalog
/// win in their locale, on pages and in the JSON API alike.
async fn catalog_app_titles_win_over_the_configured_ones() {
    let german =
        format!("app-{APP}-title = Testanbieter\napp-{APP}-description = Der Anbieter der Tests\n");
    let site = launch(
        SiteOptions::new()
            .customize(move |builder| builder.locale_source("de", "locales/de/apps.ftl", german)),
    )
    .await;
    let browser = signed_in(&site).await;
    let (_, _, page) = get(&site, &browser, PAGE, "de").await;
    assert!(page.contains("Testanbieter"), "{page}");
    assert!(page.contains("Der Anbieter der Tests"), "{page}");
    for path in [
        "/api/oauth/providers",
        "/api/oauth/accounts",
        "/api/oauth/session",
    ] {
        let (_, _, german) = get(&site, &browser, path, "de").await;
        assert!(
            german.contains(r#""title":"Testanbieter""#),
            "{path}: {german}"
        );
        assert!(
            german.contains(r#""description":"Der Anbieter der Tests""#),
            "{path}: {german}"
        );
        let (_, _, english) = get(&site, &browser, path, "en").await;
        assert!(!english.contains("Testanbieter"), "{path}: {english}");
    }
}

async fn the_pseudo_locale_is_offered_only_when_configured() {
    let site =
        launch(SiteOptions::new().edit(|toml| format!("{toml}\n[locales]\npseudo = true\n"))).await;
    let browser = signed_in(&site).await;
    let (language, _, body) = get(&site, &browser, &format!("{PAGE}?lang=en-XA"), "de").await;
    assert_eq!(language.as_deref(), Some("en-XA"));
    assert!(body.contains(r#"<html lang="en-XA" dir="ltr">"#), "{body}");
    assert!(body.contains("<h1>⟦"), "{body}");

    let plain = site_without_pseudo().await;
    let browser = signed_in(&plain).await;
    let (language, _, _) = get(&plain, &browser, &format!("{PAGE}?lang=en-XA"), "de").await;
    assert_eq!(
        language.as_deref(),
        Some("en"),
        "negotiated to plain English"
    );
}

async fn site_without_pseudo() -> TestSite {
    launch(SiteOptions::new()).await
}

pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        the_hook_comes_after_lang_and_the_cookie_and_before_accept_language,
        the_hook_is_not_asked_for_anonymous_requests,
        host_pages_get_the_request_locale_with_the_hook,
        lang_on_a_host_page_sets_the_cookie_once,
        the_locale_endpoint_gives_a_single_page_app_its_texts,
        the_locale_endpoint_follows_lang_and_writes_no_session,
        a_host_catalog_overrides_library_messages_and_adds_locales,
        catalog_app_titles_win_over_the_configured_ones,
        the_pseudo_locale_is_offered_only_when_configured,
    ]
}
