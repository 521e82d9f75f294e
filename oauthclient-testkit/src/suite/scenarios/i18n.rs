//! The language of the pages (issue 26): `?lang=`, the language cookie, `Accept-Language`,
//! English by default; error pages, JSON messages, REST `?message=`, flashes and the
//! confirmation mail in the request's language.

use crate::suite::{
    APP, Scenario, TestSite, browser, location, query, scenario_list, site, site_with,
};
use crate::{Consent, FakeUser};

const PAGE: &str = "/account/settings/linkedaccounts/";

/// A signed-in browser on a fresh site.
async fn signed_in() -> (TestSite, reqwest::Client) {
    let site = site().await;
    let ada = site.local_user("ada@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    (site, browser)
}

/// What the language scenarios read of an answer.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_language: Option<String>,
    pub(super) vary: Vec<String>,
    /// The `Set-Cookie`s of the language cookie.
    pub(super) language_cookies: Vec<String>,
    pub(super) body: String,
}

/// `GET path` with an optional `Accept-Language`.
pub(super) async fn fetch(
    site: &TestSite,
    browser: &reqwest::Client,
    path: &str,
    accept_language: Option<&str>,
) -> Answer {
    let mut request = browser.get(site.url(path));
    if let Some(languages) = accept_language {
        request = request.header("accept-language", languages);
    }
    let response = request.send().await.expect("page");
    let header = |name: &str| {
        response
            .headers()
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let language_cookies = header("set-cookie")
        .into_iter()
        .filter(|cookie| cookie.starts_with("oauthclient_lang="))
        .collect();
    Answer {
        status: response.status().as_u16(),
        content_language: header("content-language").into_iter().next(),
        vary: header("vary"),
        language_cookies,
        body: response.text().await.expect("body"),
    }
}

/// [`fetch`]: status, `Content-Language`, `Vary`s, body.
async fn page(
    site: &TestSite,
    browser: &reqwest::Client,
    path: &str,
    accept_language: Option<&str>,
) -> (u16, Option<String>, Vec<String>, String) {
    let answer = fetch(site, browser, path, accept_language).await;
    (
        answer.status,
        answer.content_language,
        answer.vary,
        answer.body,
    )
}

async fn accept_language_de_gives_the_german_page() {
    let (site, browser) = signed_in().await;
    let (status, content_language, vary, body) =
        page(&site, &browser, PAGE, Some("de-DE,de;q=0.9,en;q=0.5")).await;
    assert_eq!(status, 200);
    assert!(body.contains(r#"<html lang="de" dir="ltr">"#), "{body}");
    assert!(body.contains("<h1>Verknüpfte Konten</h1>"), "{body}");
    assert!(
        body.contains("Verbinden Sie Ihr Konto mit diesen Diensten"),
        "{body}"
    );
    assert_eq!(content_language.as_deref(), Some("de"));
    assert!(
        vary.iter().any(|value| value.contains("Accept-Language")),
        "{vary:?}"
    );
}

async fn accept_language_ar_gives_a_right_to_left_page() {
    let (site, browser) = signed_in().await;
    let (status, content_language, _, body) = page(&site, &browser, PAGE, Some("ar")).await;
    assert_eq!(status, 200);
    assert!(body.contains(r#"<html lang="ar" dir="rtl">"#), "{body}");
    assert!(body.contains("الحسابات المرتبطة"), "{body}");
    assert_eq!(content_language.as_deref(), Some("ar"));
}

async fn lang_parameter_is_remembered_in_a_cookie() {
    let (site, browser) = signed_in().await;
    let response = browser
        .get(site.url(&format!("{PAGE}?lang=fr")))
        .send()
        .await
        .expect("page");
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok().map(str::to_owned))
        .collect();
    assert!(
        cookies
            .iter()
            .any(|cookie| cookie.starts_with("oauthclient_lang=fr;")),
        "{cookies:?}"
    );
    let body = response.text().await.expect("body");
    assert!(body.contains("<h1>Comptes liés</h1>"), "{body}");

    // The next page, without `?lang=` and with an English browser, stays French.
    let (_, content_language, _, body) = page(&site, &browser, PAGE, Some("en")).await;
    assert_eq!(content_language.as_deref(), Some("fr"));
    assert!(body.contains(r#"<html lang="fr" dir="ltr">"#), "{body}");
    assert!(body.contains("<h1>Comptes liés</h1>"), "{body}");

    // `?lang=` empty forgets the choice.
    let response = browser
        .get(site.url(&format!("{PAGE}?lang=")))
        .header("accept-language", "de")
        .send()
        .await
        .expect("page");
    let cleared = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|cookie| cookie.starts_with("oauthclient_lang=;") && cookie.contains("Max-Age=0"));
    assert!(cleared, "{:?}", response.headers());
    let body = response.text().await.expect("body");
    assert!(body.contains("<h1>Verknüpfte Konten</h1>"), "{body}");
}

async fn unknown_lang_parameter_falls_back_to_english() {
    let (site, browser) = signed_in().await;
    let response = browser
        .get(site.url(&format!("{PAGE}?lang=xx")))
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 200);
    assert!(
        response
            .headers()
            .get("set-cookie")
            .is_none_or(|cookie| !cookie
                .to_str()
                .unwrap_or_default()
                .starts_with("oauthclient_lang=")),
        "an unknown tag is not remembered"
    );
    let body = response.text().await.expect("body");
    assert!(body.contains("<h1>Linked accounts</h1>"), "{body}");
}

async fn no_accept_language_gives_the_english_page() {
    let (site, browser) = signed_in().await;
    let (status, content_language, _, body) = page(&site, &browser, PAGE, None).await;
    assert_eq!(status, 200);
    assert_eq!(content_language.as_deref(), Some("en"));
    assert!(body.contains(r#"<html lang="en" dir="ltr">"#), "{body}");
    for english in [
        "<title>Linked accounts</title>",
        "<h1>Linked accounts</h1>",
        "<p>Connect your account with these services to sign in with them.</p>",
        r#"data-action="connect">Connect</button>"#,
        r#"title="End every session of your account, on every device, this one included">Sign out everywhere</button>"#,
    ] {
        assert!(body.contains(english), "{english} missing from {body}");
    }
}

/// A browser whose every request says `Accept-Language: languages`.
fn browser_speaking(languages: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT_LANGUAGE,
        reqwest::header::HeaderValue::from_str(languages).expect("header"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("client")
}

async fn an_error_page_is_in_the_request_language() {
    let site = site().await;
    let (status, content_language, _, body) =
        page(&site, &browser(), "/oauth/login/nobody/", Some("de")).await;
    assert_eq!(status, 404);
    assert_eq!(content_language.as_deref(), Some("de"));
    assert!(body.contains(r#"<html lang="de" dir="ltr">"#), "{body}");
    assert!(body.contains("<h1>Nicht gefunden</h1>"), "{body}");
    assert!(
        body.contains("Diese Anmeldemethode gibt es nicht."),
        "{body}"
    );
    assert!(body.contains(">Zurück</a>"), "{body}");
}

async fn a_json_message_is_translated_and_its_code_is_not() {
    let site = site().await;
    let response = browser_speaking("fr-CA,fr;q=0.9")
        .get(site.url("/api/oauth/accounts"))
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 401);
    assert_eq!(
        response
            .headers()
            .get("content-language")
            .and_then(|value| value.to_str().ok()),
        Some("fr")
    );
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "sign_in_required");
    assert_eq!(body["status"], 401);
    assert_eq!(body["message"], "Connexion requise.");
}

async fn a_rest_message_is_in_the_request_language() {
    let site = site_with(|toml| {
        toml.replace(
            "[remote_apps.fake]",
            "[remote_apps.fake]\nrest = { authorized_redirect_url = \"/spa/done\", signup_redirect_url = \"/spa/signup\", error_redirect_url = \"/spa/error\" }",
        )
    })
    .await;
    let browser = browser_speaking("es");
    let landed = location(&site.login(&browser, None).await);
    assert!(landed.starts_with("/spa/done?"), "{landed}");
    let params = query(&format!("http://x{landed}"));
    assert_eq!(params["message"], "Autorización correcta.");
    assert_eq!(params["code"], "200");
}

async fn the_confirmation_mail_is_in_the_sign_up_language() {
    let site = site_with(|toml| format!("email_verification = \"optional\"\n{toml}")).await;
    site.provider.set_user(FakeUser {
        email: None,
        email_verified: false,
        ..FakeUser::default()
    });
    let browser = browser_speaking("ja");
    let response = site.login(&browser, None).await;
    let form = format!("/oauth/signup/{APP}/");
    assert_eq!(location(&response), form);
    let (_, body, csrf) = site.page_with_csrf(&browser, &form).await;
    assert!(body.contains(r#"<html lang="ja" dir="ltr">"#), "{body}");
    let response = browser
        .post(site.url(&form))
        .form(&[("csrf_token", csrf.as_str()), ("email", "ada@example.org")])
        .send()
        .await
        .expect("submit");
    assert_eq!(response.status(), 302);
    let messages = site.mailbox.messages();
    assert_eq!(messages.len(), 1);
    let mail = &messages[0];
    assert_eq!(mail.subject, "メールアドレスの確認");
    assert_eq!(mail.language.as_deref(), Some("ja"));
    assert!(mail.text.starts_with("こんにちは。"), "{}", mail.text);
    assert!(
        mail.html
            .contains("自分のアカウントのメールアドレスを確認する"),
        "{}",
        mail.html
    );
    assert!(
        mail.html.contains(r#"<html lang="ja" dir="ltr">"#),
        "{}",
        mail.html
    );
    // The link is still found where it always was.
    assert!(
        site.confirmation_path("ada@example.org")
            .contains("confirm-email")
    );
}

async fn a_flash_is_shown_in_the_language_of_the_page_that_shows_it() {
    let (site, browser) = signed_in().await;
    // Linking answers an English request with a redirect and a flash...
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    // ...shown on a German page, in German.
    let (_, _, _, body) = page(&site, &browser, PAGE, Some("de")).await;
    assert!(body.contains("-Konto ist jetzt verknüpft."), "{body}");
    assert!(!body.contains("is now linked"), "{body}");
}

async fn the_chosen_language_outlives_signing_out() {
    let (site, browser) = signed_in().await;
    let (_, content_language, _, _) = page(&site, &browser, &format!("{PAGE}?lang=de"), None).await;
    assert_eq!(content_language.as_deref(), Some("de"));
    let response = site.logout(&browser).await;
    assert_eq!(site.whoami(&browser).await, "anonymous", "{response:?}");
    let (status, content_language, _, body) =
        page(&site, &browser, "/oauth/login/nobody/", Some("en")).await;
    assert_eq!(status, 404);
    assert_eq!(content_language.as_deref(), Some("de"));
    assert!(body.contains("<h1>Nicht gefunden</h1>"), "{body}");
}

async fn a_body_over_the_limit_is_refused_in_the_request_language() {
    let site = site().await;
    let response = browser()
        .post(site.url("/oauth/logout"))
        .header("accept-language", "de")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf_token={}", "x".repeat(300 * 1024)))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 413);
    assert_eq!(
        response
            .headers()
            .get("content-language")
            .and_then(|value| value.to_str().ok()),
        Some("de")
    );
    assert_eq!(
        response.text().await.expect("body"),
        "Die Anfrage ist zu groß."
    );
}

async fn markup_around_a_variable_stays_the_template_s() {
    let (site, browser) = signed_in().await;
    let (status, _, _, body) = page(&site, &browser, "/account/settings/email/", Some("de")).await;
    assert_eq!(status, 200);
    assert!(body.contains("<h1>E-Mail-Adresse</h1>"), "{body}");
    assert!(
        body.contains("<p>Ihre Adresse: <strong data-email>ada@local.example</strong>"),
        "{body}"
    );
}

async fn a_refused_sign_in_reaches_a_rest_app_in_the_request_language() {
    let site = site_with(|toml| {
        toml.replace(
            "[remote_apps.fake]",
            "[remote_apps.fake]\nrest = { authorized_redirect_url = \"/spa/done\", signup_redirect_url = \"/spa/signup\", error_redirect_url = \"/spa/error\" }",
        )
    })
    .await;
    site.provider.set_consent(Consent::Deny);
    let landed = location(&site.login(&browser_speaking("es"), None).await);
    assert!(landed.starts_with("/spa/error?"), "{landed}");
    let params = query(&format!("http://x{landed}"));
    assert_eq!(
        params["message"],
        "Has rechazado la solicitud de autenticación."
    );
    assert_eq!(params["code"], "400");
}

async fn a_sign_up_field_error_is_in_the_page_language() {
    let site = site().await;
    site.provider.set_user(FakeUser {
        email: None,
        email_verified: false,
        ..FakeUser::default()
    });
    let browser = browser_speaking("de");
    let form = format!("/oauth/signup/{APP}/");
    assert_eq!(location(&site.login(&browser, None).await), form);
    let (_, _, csrf) = site.page_with_csrf(&browser, &form).await;
    let response = browser
        .post(site.url(&form))
        .form(&[("csrf_token", csrf.as_str()), ("email", "not an address")])
        .send()
        .await
        .expect("submit");
    assert_eq!(response.status(), 400);
    let body = response.text().await.expect("body");
    assert!(
        body.contains(r#"data-field="email">Bitte geben Sie eine gültige E-Mail-Adresse ein.</p>"#),
        "{body}"
    );
}

pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        accept_language_de_gives_the_german_page,
        accept_language_ar_gives_a_right_to_left_page,
        lang_parameter_is_remembered_in_a_cookie,
        unknown_lang_parameter_falls_back_to_english,
        no_accept_language_gives_the_english_page,
        an_error_page_is_in_the_request_language,
        a_json_message_is_translated_and_its_code_is_not,
        a_rest_message_is_in_the_request_language,
        the_confirmation_mail_is_in_the_sign_up_language,
        a_flash_is_shown_in_the_language_of_the_page_that_shows_it,
        the_chosen_language_outlives_signing_out,
        a_body_over_the_limit_is_refused_in_the_request_language,
        markup_around_a_variable_stays_the_template_s,
        a_refused_sign_in_reaches_a_rest_app_in_the_request_language,
        a_sign_up_field_error_is_in_the_page_language,
    ]
}
