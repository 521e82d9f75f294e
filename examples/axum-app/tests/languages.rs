//! The app's page and the single-page app's texts in the reader's language: German for
//! `Accept-Language: de`, right to left for Arabic.

use oauthclient_axum_app::sandbox::Sandbox;
use oauthclient_axum_app::{build, serve};

/// The sandbox app on a free port; its base URL. The sandbox stops when the value is dropped.
async fn start() -> (Sandbox, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let sandbox = Sandbox::start(addr).await.expect("sandbox");
    let app = build(&sandbox.config).await.expect("the app");
    tokio::spawn(serve(listener, app.router, std::future::pending()));
    (sandbox, format!("http://{addr}"))
}

/// `GET url` with `Accept-Language: accept_language`: the `Content-Language` and the body.
async fn get_in(url: &str, accept_language: &str) -> (reqwest::StatusCode, String, String) {
    let response = reqwest::Client::new()
        .get(url)
        .header("Accept-Language", accept_language)
        .send()
        .await
        .expect("GET");
    let status = response.status();
    let language = response
        .headers()
        .get("content-language")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, language, response.text().await.expect("body"))
}

#[tokio::test]
async fn the_home_page_speaks_german_and_arabic_right_to_left() {
    let (_sandbox, base) = start().await;
    let (_, language, home) = get_in(&format!("{base}/"), "de-CH, de;q=0.9, en;q=0.5").await;
    assert_eq!(language, "de");
    assert!(home.contains(r#"<html lang="de" dir="ltr">"#), "{home}");
    assert!(
        home.contains("<title>oauthclient mit axum</title>"),
        "{home}"
    );
    assert!(home.contains("Nicht angemeldet."), "{home}");
    assert!(home.contains(">Mit Sandbox anmelden</a>"), "{home}");

    let (_, language, home) = get_in(&format!("{base}/"), "ar").await;
    assert_eq!(language, "ar");
    assert!(home.contains(r#"<html lang="ar" dir="rtl">"#), "{home}");
    assert!(home.contains("لم يتم تسجيل الدخول."), "{home}");

    let (_, _, home) = get_in(&format!("{base}/"), "tlh, en;q=0.1").await;
    assert!(home.contains(r#"<html lang="en" dir="ltr">"#), "{home}");
    assert!(home.contains(">Sign in with Sandbox</a>"), "{home}");
}

#[tokio::test]
async fn lang_in_the_query_chooses_french_and_the_cookie_keeps_it() {
    let (_sandbox, base) = start().await;
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let home = |url: String| browser.get(url).header("Accept-Language", "de").send();
    let chosen = home(format!("{base}/?lang=fr")).await.expect("GET");
    let cookie = chosen
        .headers()
        .get("set-cookie")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.starts_with("oauthclient_lang=fr"), "{cookie}");
    let page = chosen.text().await.expect("body");
    assert!(page.contains(r#"<html lang="fr" dir="ltr">"#), "{page}");
    let page = home(format!("{base}/"))
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    assert!(page.contains(r#"<html lang="fr" dir="ltr">"#), "{page}");
    assert!(page.contains("<p>Non connecté.</p>"), "{page}");
}

#[tokio::test]
async fn the_single_page_app_gets_its_texts_in_german() {
    let (_sandbox, base) = start().await;
    let (status, _, body) = get_in(&format!("{base}/auth/api/oauth/locale"), "de").await;
    assert_eq!(status, 200, "{body}");
    let locale: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(locale["lang"], "de", "{locale}");
    assert_eq!(locale["dir"], "ltr", "{locale}");
    assert_eq!(
        locale["messages"]["spa-loading"], "Wird geladen …",
        "{locale}"
    );
    // Variables are left for the page's script to fill.
    assert_eq!(
        locale["messages"]["spa-sign-in-with"], "Mit { $provider } anmelden",
        "{locale}"
    );
    // Only the single-page app's messages go to the browser.
    let messages = locale["messages"].as_object().expect("messages");
    assert!(messages.keys().all(|id| id.starts_with("spa-")), "{locale}");
    let languages = locale["available"].as_array().expect("available");
    assert!(
        languages.contains(&serde_json::json!({"tag": "ja", "name": "日本語"})),
        "{locale}"
    );

    let (status, _, body) = get_in(&format!("{base}/spa/missing.js"), "de").await;
    assert_eq!(status, 404);
    assert_eq!(body, "Nicht gefunden.");
}
