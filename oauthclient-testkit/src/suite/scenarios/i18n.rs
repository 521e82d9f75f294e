//! The language of the pages (issue 26): `?lang=`, the language cookie, `Accept-Language`,
//! English by default, on the linked-accounts page.

use crate::suite::{Scenario, TestSite, browser, scenario_list, site};

const PAGE: &str = "/account/settings/linkedaccounts/";

/// A signed-in browser on a fresh site.
async fn signed_in() -> (TestSite, reqwest::Client) {
    let site = site().await;
    let ada = site.local_user("ada@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    (site, browser)
}

/// `GET path` with an optional `Accept-Language`: status, `Content-Language`, `Vary`s, body.
async fn page(
    site: &TestSite,
    browser: &reqwest::Client,
    path: &str,
    accept_language: Option<&str>,
) -> (u16, Option<String>, Vec<String>, String) {
    let mut request = browser.get(site.url(path));
    if let Some(languages) = accept_language {
        request = request.header("accept-language", languages);
    }
    let response = request.send().await.expect("page");
    let status = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let content_language = header("content-language").into_iter().next();
    let vary = header("vary");
    let body = response.text().await.expect("body");
    (status, content_language, vary, body)
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

pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        accept_language_de_gives_the_german_page,
        accept_language_ar_gives_a_right_to_left_page,
        lang_parameter_is_remembered_in_a_cookie,
        unknown_lang_parameter_falls_back_to_english,
        no_accept_language_gives_the_english_page,
    ]
}
