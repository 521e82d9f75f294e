//! CORS for the JSON API (`cors_origins`): an allowed origin may read the replies with
//! credentials and preflight its writes; every other origin gets no CORS header; writes from
//! an allowed origin still need the session's CSRF token.

use serde_json::{Value, json};

use crate::suite::{APP, Scenario, TestSite, browser, scenario_list, site, site_with};

/// The single-page app's origin on the allow-list.
const SPA: &str = "https://app.example.org";
/// An origin that is not on it.
const EVIL: &str = "https://evil.example";

/// A site allowing [`SPA`].
async fn cors_site() -> TestSite {
    site_with(|toml| format!("cors_origins = [\"{SPA}\"]\n{toml}")).await
}

fn header<'r>(response: &'r reqwest::Response, name: &str) -> Option<&'r str> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
}

fn varies_on_origin(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("origin"))
}

/// Asserts `response` carries the CORS headers for [`SPA`].
fn assert_allowed(response: &reqwest::Response) {
    assert_eq!(header(response, "access-control-allow-origin"), Some(SPA));
    assert_eq!(
        header(response, "access-control-allow-credentials"),
        Some("true")
    );
    assert!(varies_on_origin(response), "Vary: Origin");
}

/// Asserts `response` carries no CORS allow header.
fn assert_no_cors(response: &reqwest::Response) {
    for name in [
        "access-control-allow-origin",
        "access-control-allow-credentials",
        "access-control-allow-methods",
        "access-control-allow-headers",
        "access-control-max-age",
    ] {
        assert!(response.headers().get(name).is_none(), "{name}");
    }
}

/// `GET path` sent from the page of `origin`.
async fn get_from(
    site: &TestSite,
    browser: &reqwest::Client,
    path: &str,
    origin: &str,
) -> reqwest::Response {
    browser
        .get(site.url(path))
        .header("Origin", origin)
        .send()
        .await
        .expect("get")
}

/// `OPTIONS path` as a browser's preflight of a JSON POST from `origin`.
async fn preflight(site: &TestSite, path: &str, origin: &str) -> reqwest::Response {
    browser()
        .request(reqwest::Method::OPTIONS, site.url(path))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "content-type, x-csrf-token",
        )
        .send()
        .await
        .expect("options")
}

/// `POST /api/oauth/login/{APP}` from `origin`, with `token` as `X-CSRF-Token` if given.
async fn begin_from(
    site: &TestSite,
    browser: &reqwest::Client,
    origin: &str,
    token: Option<&str>,
) -> reqwest::Response {
    let mut request = browser
        .post(site.url(&format!("/api/oauth/login/{APP}")))
        .header("Origin", origin)
        .json(&json!({}));
    if let Some(token) = token {
        request = request.header("X-CSRF-Token", token);
    }
    request.send().await.expect("post")
}

async fn an_allowed_origin_reads_replies_and_errors_with_credentials() {
    let site = cors_site().await;
    let browser = browser();
    let providers = get_from(&site, &browser, "/api/oauth/providers", SPA).await;
    assert_eq!(providers.status(), 200);
    assert_allowed(&providers);

    // An error reply of the API carries them too, so the app can read the message.
    let anonymous = get_from(&site, &browser, "/api/oauth/accounts", SPA).await;
    assert_eq!(anonymous.status(), 401);
    assert_allowed(&anonymous);
    let body: Value = anonymous.json().await.expect("json");
    assert_eq!(body["code"], "sign_in_required");
}

async fn a_foreign_origin_gets_no_cors_headers_and_cannot_write() {
    let site = cors_site().await;
    let browser = browser();
    let providers = get_from(&site, &browser, "/api/oauth/providers", EVIL).await;
    assert_eq!(providers.status(), 200);
    assert_no_cors(&providers);
    assert!(varies_on_origin(&providers), "Vary: Origin on every reply");

    // Even with the session's token: only listed origins may write cross-origin.
    let token = site.csrf(&browser).await;
    let write = begin_from(&site, &browser, EVIL, Some(&token)).await;
    assert_eq!(write.status(), 403);
    assert_no_cors(&write);
    let body: Value = write.json().await.expect("json");
    assert_eq!(body["code"], "origin_not_allowed", "{body}");
}

async fn preflight_answers_allowed_origins_only() {
    let site = cors_site().await;
    for path in [
        format!("/api/oauth/login/{APP}"),
        "/api/oauth/providers".to_owned(),
        format!("/api/oauth/disconnect/{APP}"),
    ] {
        let allowed = preflight(&site, &path, SPA).await;
        assert_eq!(allowed.status(), 204, "{path}");
        assert_allowed(&allowed);
        assert_eq!(
            header(&allowed, "access-control-allow-methods"),
            Some("GET, POST")
        );
        assert_eq!(
            header(&allowed, "access-control-allow-headers"),
            Some("Content-Type, X-CSRF-Token")
        );
        assert_eq!(header(&allowed, "access-control-max-age"), Some("600"));

        let refused = preflight(&site, &path, EVIL).await;
        assert_eq!(refused.status(), 403, "{path}");
        assert_no_cors(&refused);
        let body: Value = refused.json().await.expect("json");
        assert_eq!(body["code"], "origin_not_allowed", "{path}: {body}");
    }
}

async fn an_allowed_cross_origin_write_needs_the_csrf_token() {
    let site = cors_site().await;
    let browser = browser();
    let tokenless = begin_from(&site, &browser, SPA, None).await;
    assert_eq!(tokenless.status(), 403);
    assert_allowed(&tokenless);
    let body: Value = tokenless.json().await.expect("json");
    assert_eq!(body["code"], "csrf_failed", "{body}");

    // The app first reads its token, with credentials, then sends it.
    let csrf = get_from(&site, &browser, "/api/oauth/csrf", SPA).await;
    assert_allowed(&csrf);
    let body: Value = csrf.json().await.expect("json");
    let token = body["csrf_token"].as_str().expect("token");
    let wrong = begin_from(&site, &browser, SPA, Some("not-the-token")).await;
    assert_eq!(wrong.status(), 403);
    let begun = begin_from(&site, &browser, SPA, Some(token)).await;
    assert_eq!(begun.status(), 200);
    assert_allowed(&begun);
    let body: Value = begun.json().await.expect("json");
    assert!(
        body["authorization_url"]
            .as_str()
            .is_some_and(|url| url.starts_with(&site.provider.authorize_url())),
        "{body}"
    );
}

async fn without_cors_origins_no_cors_header_ever_appears() {
    let site = site().await;
    let browser = browser();
    let providers = get_from(&site, &browser, "/api/oauth/providers", SPA).await;
    assert_eq!(providers.status(), 200);
    assert_no_cors(&providers);
    assert!(!varies_on_origin(&providers), "no Vary either");
    let anonymous = get_from(&site, &browser, "/api/oauth/accounts", SPA).await;
    assert_no_cors(&anonymous);
    let refused = preflight(&site, "/api/oauth/providers", SPA).await;
    assert_eq!(refused.status(), 403);
    assert_no_cors(&refused);
    let token = site.csrf(&browser).await;
    let write = begin_from(&site, &browser, SPA, Some(&token)).await;
    assert_eq!(write.status(), 403, "a cross origin is refused as before");
    assert_no_cors(&write);
}

pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        an_allowed_origin_reads_replies_and_errors_with_credentials,
        a_foreign_origin_gets_no_cors_headers_and_cannot_write,
        preflight_answers_allowed_origins_only,
        an_allowed_cross_origin_write_needs_the_csrf_token,
        without_cors_origins_no_cors_header_ever_appears,
    ]
}
