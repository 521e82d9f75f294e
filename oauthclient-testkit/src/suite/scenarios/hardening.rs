//! The hardening review's web findings, end to end over real HTTP: no state change by a
//! cross-site GET, sessions purged on sign-out, `__Host-` cookies on https, pages that cannot
//! be framed, callbacks that leak no `Referer`, namespaced session keys, and sign-ups whose
//! tokens stay out of the cookie however large they are.

use crate::FakeUser;
use crate::html::input_value;
use crate::site::{MAX_COOKIE_BYTES, session_set_cookie};
use crate::suite::{APP, Scenario, browser, location, scenario_list, site, site_with};

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// A top-level cross-site GET (a link, a redirect, an image) must not start a flow that ends
/// by linking the attacker's remote account to the signed-in victim: it only gets a page whose
/// button POSTs with the CSRF token.
async fn a_signed_in_get_of_login_only_asks_for_confirmation() {
    let site = site().await;
    let victim = site.local_user("victim@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &victim).await;
    let response = browser
        .get(site.url(&format!("/oauth/login/{APP}/?next=/deposit")))
        .send()
        .await
        .expect("login");
    assert_eq!(
        response.status(),
        200,
        "a page, not a redirect to the provider"
    );
    let page = response.text().await.expect("body");
    assert!(page.contains("Connect"), "{page}");
    assert_eq!(input_value(&page, "next").as_deref(), Some("/deposit"));
    assert!(site.provider.authorize_requests().is_empty());

    // Without the token the POST is refused; with it the flow starts.
    let forged = browser
        .post(site.url(&format!("/oauth/login/{APP}/")))
        .form(&[("next", "/deposit")])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 403);
    let response = site.login(&browser, Some("/deposit")).await;
    assert_eq!(location(&response), "/deposit");
    assert_eq!(
        site.count("oauthclient_remoteaccount"),
        1,
        "linked once confirmed"
    );
}

/// An unsafe `next` never reaches the confirmation page's form.
async fn the_confirmation_page_drops_an_unsafe_next() {
    let site = site().await;
    let user = site.local_user("user@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &user).await;
    let page = browser
        .get(site.url(&format!("/oauth/login/{APP}/?next=https://evil.example/")))
        .send()
        .await
        .expect("login")
        .text()
        .await
        .expect("body");
    assert_eq!(input_value(&page, "next"), None, "{page}");
}

/// `GET /oauth/logout` from another site signs no one out; the POST needs the token, and then
/// purges the whole session (a fresh CSRF token afterwards).
async fn logout_is_a_post_with_the_csrf_token_and_purges_the_session() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await;
    let signed_in = site.whoami(&browser).await;
    assert_ne!(signed_in, "anonymous");

    let page = browser
        .get(site.url("/oauth/logout"))
        .send()
        .await
        .expect("get");
    assert_eq!(page.status(), 200);
    assert_eq!(
        site.whoami(&browser).await,
        signed_in,
        "a GET changes nothing"
    );
    let before = input_value(&page.text().await.expect("body"), "csrf_token").expect("token");

    for token in [None, Some("forged")] {
        let form: Vec<(&str, &str)> = token.map(|t| ("csrf_token", t)).into_iter().collect();
        let response = browser
            .post(site.url("/oauth/logout"))
            .form(&form)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "token {token:?}");
        assert_eq!(site.whoami(&browser).await, signed_in);
    }

    let response = site.logout(&browser).await;
    assert_eq!(response.status(), 302);
    let cookie = session_set_cookie(&response).expect("the session cookie is removed");
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    assert_eq!(site.whoami(&browser).await, "anonymous");
    let page = browser
        .get(site.url("/oauth/logout"))
        .send()
        .await
        .expect("get");
    let after = input_value(&page.text().await.expect("body"), "csrf_token").expect("token");
    assert_ne!(before, after, "nothing of the old session survives");
}

/// On https the session cookie is `__Host-` prefixed: `Secure`, `Path=/`, no `Domain`, so a
/// sibling subdomain cannot toss a cookie of that name at the site.
async fn an_https_site_gets_a_host_prefixed_cookie() {
    let site =
        site_with(|toml| toml.replace("site_url = \"http://", "site_url = \"https://")).await;
    let response = browser()
        .get(site.url(&format!("/oauth/login/{APP}/")))
        .send()
        .await
        .expect("login");
    let cookie = session_set_cookie(&response).expect("a session cookie");
    assert!(
        cookie.starts_with("__Host-oauth_token_session="),
        "{cookie}"
    );
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.to_ascii_lowercase().contains("domain="), "{cookie}");

    let plain = site_with(|toml| toml).await;
    let response = browser()
        .get(plain.url(&format!("/oauth/login/{APP}/")))
        .send()
        .await
        .expect("login");
    let cookie = session_set_cookie(&response).expect("a session cookie");
    assert!(cookie.starts_with("oauth_token_session="), "{cookie}");
}

fn assert_unframeable(response: &reqwest::Response, what: &str) {
    assert_eq!(
        header(response, "content-security-policy"),
        Some("frame-ancestors 'none'"),
        "{what}"
    );
    assert_eq!(header(response, "x-frame-options"), Some("DENY"), "{what}");
}

/// Every page the library renders carries anti-framing headers (clickjacking of Connect,
/// Disconnect, Sign up, Sign out).
async fn library_pages_cannot_be_framed() {
    let site = site().await;
    let user = site.local_user("user@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &user).await;
    for path in [
        "/account/settings/linkedaccounts/".to_owned(),
        format!("/oauth/disconnect/{APP}/"),
        format!("/oauth/login/{APP}/"),
        "/oauth/logout".to_owned(),
        "/oauth/login/nope/".to_owned(),
        "/account/settings/email/".to_owned(),
    ] {
        let response = browser.get(site.url(&path)).send().await.expect("page");
        assert_unframeable(&response, &path);
    }
}

/// The callback URL carries the code and state: its answer, redirect or error page, tells the
/// browser to send no `Referer` onwards.
async fn callback_answers_send_no_referrer() {
    let site = site().await;
    let browser = browser();
    let authorize = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize).await;
    let tampered = callback.replace("state=", "state=x");
    let refused = browser.get(&tampered).send().await.expect("callback");
    assert_eq!(refused.status(), 403);
    assert_eq!(header(&refused, "referrer-policy"), Some("no-referrer"));
    let response = browser.get(&callback).send().await.expect("callback");
    assert_eq!(response.status(), 302);
    assert_eq!(header(&response, "referrer-policy"), Some("no-referrer"));
}

/// Apps may be named like the library's own session keys (`flows`, `signup`,
/// `signed_in_with`): a session token of an app called `flows` used to overwrite the pending
/// flows, so a second tab's sign-in failed.
async fn an_app_named_like_a_session_key_collides_with_nothing() {
    let site = site_with(|toml| {
        toml.replace(
            "[remote_apps.fake]",
            "[remote_apps.flows]\nauthorized_handler = \"authorized_default\"",
        )
        .replace("[remote_apps.fake.", "[remote_apps.flows.")
    })
    .await;
    let browser = browser();
    let start = |browser: &reqwest::Client| {
        let url = site.url("/oauth/login/flows/");
        let browser = browser.clone();
        async move {
            let response = browser.get(url).send().await.expect("login");
            assert_eq!(response.status(), 302);
            location(&response)
        }
    };
    let first = start(&browser).await;
    let second = start(&browser).await;
    let first = site.authorize(&browser, &first).await;
    let second = site.authorize(&browser, &second).await;
    for callback in [first, second] {
        let response = browser.get(&callback).send().await.expect("callback");
        assert_eq!(response.status(), 302, "both tabs complete");
    }
}

/// A provider issuing 6 KB tokens (JWTs with group lists) and no e-mail: the sign-up waits
/// server-side, the cookie stays small, and the sign-up completes.
async fn six_kilobyte_tokens_sign_up_on_cookie_sessions() {
    let site = site().await;
    site.provider.set_token_size(6 * 1024);
    site.provider.set_user(FakeUser {
        id: "4242".into(),
        login: "big".into(),
        email: None,
        ..FakeUser::default()
    });
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    assert_cookie_small(&response);
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    assert_eq!(
        site.count("oauthclient_pendingsignup"),
        1,
        "the sign-up waits in the store"
    );

    let (status, _, csrf) = site
        .page_with_csrf(&browser, &format!("/oauth/signup/{APP}/"))
        .await;
    assert_eq!(status, 200);
    let response = browser
        .post(site.url(&format!("/oauth/signup/{APP}/")))
        .form(&[("csrf_token", csrf.as_str()), ("email", "big@example.org")])
        .send()
        .await
        .expect("sign up");
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    assert_ne!(site.whoami(&browser).await, "anonymous");
    assert_eq!(
        site.count("oauthclient_pendingsignup"),
        0,
        "forgotten once done"
    );
    let token = site.provider.issued_access_tokens();
    assert!(token.iter().all(|token| token.len() >= 6 * 1024));
    assert_eq!(site.count("oauthclient_remotetoken"), 1);
}

fn assert_cookie_small(response: &reqwest::Response) {
    if let Some(cookie) = session_set_cookie(response) {
        assert!(cookie.len() < MAX_COOKIE_BYTES, "{} bytes", cookie.len());
    }
}

/// The session only points at the pending sign-up: another browser holding the same id would
/// need the (encrypted) cookie; an expired sign-up is gone.
async fn an_expired_pending_signup_is_no_signup() {
    let site = site().await;
    site.provider.set_user(FakeUser {
        id: "4243".into(),
        login: "late".into(),
        email: None,
        ..FakeUser::default()
    });
    let browser = browser();
    site.login(&browser, None).await;
    site.execute("UPDATE oauthclient_pendingsignup SET expires = 1");
    let response = browser
        .get(site.url(&format!("/oauth/signup/{APP}/")))
        .send()
        .await
        .expect("form");
    assert_eq!(response.status(), 400, "no sign-up in progress");
    assert_eq!(site.count("accounts_user"), 0);
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_signed_in_get_of_login_only_asks_for_confirmation,
        the_confirmation_page_drops_an_unsafe_next,
        logout_is_a_post_with_the_csrf_token_and_purges_the_session,
        an_https_site_gets_a_host_prefixed_cookie,
        library_pages_cannot_be_framed,
        callback_answers_send_no_referrer,
        an_app_named_like_a_session_key_collides_with_nothing,
        six_kilobyte_tokens_sign_up_on_cookie_sessions,
        an_expired_pending_signup_is_no_signup
    ]
}
