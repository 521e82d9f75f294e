//! The demo's pages in the reader's language: German for `Accept-Language: de` (the demo's own
//! pages, and the library's in the demo's page shell), right to left for Arabic; the
//! single-page app's texts from the locale endpoint.

mod common;

use common::start;

/// `GET path` with `Accept-Language: accept_language`: status, `Content-Language`, body.
async fn get_in(
    demo: &common::Demo,
    path: &str,
    accept_language: &str,
) -> (reqwest::StatusCode, String, String) {
    let response = common::browser()
        .get(format!("{}{path}", demo.listen))
        .header("Accept-Language", accept_language)
        .send()
        .await
        .unwrap_or_else(|err| panic!("GET {path}: {err}"));
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
async fn pages_speak_german_and_arabic_right_to_left() {
    let demo = start(&[]);
    let (_, language, home) = get_in(&demo, "/", "de-DE, de;q=0.9, en;q=0.5").await;
    assert_eq!(language, "de");
    assert!(home.contains(r#"<html lang="de" dir="ltr">"#), "{home}");
    assert!(
        home.contains("<title>oauthclient-rs-Demo</title>"),
        "{home}"
    );
    assert!(home.contains(">Mit Sandbox anmelden</a>"), "{home}");
    // The link is the template's markup, its text the catalog's.
    assert!(
        home.contains(
            r#"Oder <a href="/login">melden Sie sich mit E-Mail-Adresse und Passwort an</a>."#
        ),
        "{home}"
    );
    assert!(
        home.contains("Sandbox-Modus: Der Anbieter unter <a href="),
        "{home}"
    );

    let (_, _, login) = get_in(&demo, "/login", "de").await;
    assert!(
        login.contains(r#"<label for="password">Passwort</label>"#),
        "{login}"
    );

    let (_, language, home) = get_in(&demo, "/", "ar").await;
    assert_eq!(language, "ar");
    assert!(home.contains(r#"<html lang="ar" dir="rtl">"#), "{home}");
    assert!(home.contains("تسجيل الدخول باستخدام"), "{home}");

    // A language the demo does not have: English.
    let (_, _, home) = get_in(&demo, "/", "tlh").await;
    assert!(home.contains(r#"<html lang="en" dir="ltr">"#), "{home}");
    assert!(home.contains(">Sign in with Sandbox</a>"), "{home}");
}

#[tokio::test]
async fn lang_in_the_query_chooses_french_and_the_cookie_keeps_it() {
    let demo = start(&[]);
    let browser = common::browser();
    let chosen = browser
        .get(format!("{}/?lang=fr", demo.listen))
        .header("Accept-Language", "de")
        .send()
        .await
        .expect("GET /?lang=fr");
    let cookies: Vec<&str> = chosen
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|cookie| cookie.starts_with("oauthclient_lang=fr")),
        "{cookies:?}"
    );
    let page = demo.page(&browser, "/login").await;
    assert!(page.contains(r#"<html lang="fr" dir="ltr">"#), "{page}");
    assert!(page.contains("<h1>Se connecter</h1>"), "{page}");
}

#[tokio::test]
async fn a_wrong_password_and_an_expired_form_are_refused_in_german() {
    let demo = start(&[]);
    let browser = common::browser();
    let login = |csrf: String| {
        browser
            .post(format!("{}/login", demo.listen))
            .header("Accept-Language", "de")
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("email", "nobody@example.org"),
                ("password", "wrong"),
            ])
            .send()
    };
    let page = browser
        .get(format!("{}/login", demo.listen))
        .send()
        .await
        .expect("GET /login")
        .text()
        .await
        .expect("body");
    let csrf = common::input_value(&page, "csrf_token").expect("CSRF token");
    let refused = login(csrf).await.expect("POST /login");
    assert_eq!(refused.status(), 401);
    let page = refused.text().await.expect("body");
    assert!(
        page.contains("E-Mail-Adresse oder Passwort ist falsch."),
        "{page}"
    );
    let expired = login("not-the-token".to_owned())
        .await
        .expect("POST /login");
    assert_eq!(expired.status(), 403);
    assert_eq!(
        expired.text().await.expect("body"),
        "Das Formular ist abgelaufen; bitte laden Sie die Seite neu."
    );
}

#[tokio::test]
async fn the_single_page_app_gets_its_texts_in_german() {
    let demo = start(&[]);
    let (status, _, body) = get_in(&demo, "/api/oauth/locale", "de").await;
    assert_eq!(status, 200, "{body}");
    let locale: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(locale["lang"], "de", "{locale}");
    assert_eq!(
        locale["messages"]["spa-sign-in-with"], "Mit { $provider } anmelden",
        "{locale}"
    );
    let (status, _, body) = get_in(&demo, "/spa/missing.js", "de").await;
    assert_eq!(status, 404);
    assert_eq!(body, "Nicht gefunden.");
}

#[tokio::test]
async fn the_account_created_flash_is_shown_in_the_language_of_the_next_page() {
    let demo = start(&[]);
    let browser = common::browser();
    let registered = demo
        .submit(
            &browser,
            "/register",
            "/register",
            &[
                ("email", "ada@local.example"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(registered.status(), 302);
    // Registered in English; the page that shows the flash asks for German.
    let home = demo.page(&browser, "/?lang=de").await;
    assert!(home.contains("Ihr Konto wurde erstellt."), "{home}");
    assert!(!home.contains("Your account was created"), "{home}");
}
