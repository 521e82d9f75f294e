//! The adapter over HTTP with cookie sessions: routes under a prefix, the session cookie's
//! attributes, CSRF, a session kept across requests and ended at sign-out, the body limit.

mod common;

use common::{browser, csrf, set_cookies, site};
use oauthclient_axum::OAuthRouter;

#[tokio::test]
async fn login_redirects_to_the_provider_with_a_state_and_sets_a_safe_cookie() {
    let site = site(OAuthRouter::session_layer).await;
    let response = browser()
        .get(site.url("/auth/oauth/login/github/?next=/somewhere"))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().expect("text");
    assert!(
        location.starts_with("https://github.com/login/oauth/authorize?")
            && location.contains("state="),
        "{location}"
    );
    let cookies = set_cookies(&response);
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let cookie = &cookies[0];
    assert!(cookie.contains("_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    // http: no `Secure`, no `__Host-` (browsers would refuse both).
    assert!(
        !cookie.contains("Secure") && !cookie.starts_with("__Host-"),
        "{cookie}"
    );
}

#[tokio::test]
async fn the_routes_live_under_the_prefix_only() {
    let site = site(OAuthRouter::session_layer).await;
    let client = browser();
    let nested = client
        .get(site.url("/auth/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("nested");
    // `next` is the path the client asked for: the front end saw the prefix too.
    assert_eq!(
        nested.headers()["location"],
        "/login?next=%2Fauth%2Faccount%2Fsettings%2Flinkedaccounts%2F"
    );
    let root = client
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("root");
    assert_eq!(root.status(), 404);
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let site = site(OAuthRouter::session_layer).await;
    let response = browser()
        .post(site.url("/auth/oauth/logout"))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn the_session_survives_between_requests_and_sign_out_ends_it() {
    let site = site(OAuthRouter::session_layer).await;
    let client = browser();
    let token = csrf(&client, &site).await;
    assert_eq!(csrf(&client, &site).await, token, "the same session");
    let response = client
        .post(site.url("/auth/oauth/logout"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(response.status(), 302, "the token was accepted");
    let cookies = set_cookies(&response);
    assert!(
        cookies.iter().any(|cookie| cookie.contains("Max-Age=0")),
        "the cookie is removed: {cookies:?}"
    );
    assert_ne!(csrf(&client, &site).await, token, "a new session");
}

#[tokio::test]
async fn host_routes_share_the_session() {
    let site = site(OAuthRouter::session_layer).await;
    let client = browser();
    for _ in 0..2 {
        client
            .get(site.url("/host/flash"))
            .send()
            .await
            .expect("push");
    }
    let taken = client
        .get(site.url("/host/flashes"))
        .send()
        .await
        .expect("take");
    assert_eq!(taken.text().await.expect("body"), "hello,hello");
    let again = client
        .get(site.url("/host/flashes"))
        .send()
        .await
        .expect("take");
    assert_eq!(again.text().await.expect("body"), "", "taken once");
}

#[tokio::test]
async fn an_oversized_body_is_413_and_a_forged_cookie_is_no_session() {
    let site = site(OAuthRouter::session_layer).await;
    let client = browser();
    let response = client
        .post(site.url("/auth/oauth/logout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; oauthclient_axum::BODY_LIMIT + 1])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 413);
    let forged = client
        .get(site.url("/auth/api/oauth/csrf"))
        .header("cookie", "oauthclient_session=not-sealed-by-us")
        .send()
        .await
        .expect("csrf");
    assert_eq!(forged.status(), 200);
}

#[tokio::test]
async fn signing_in_gives_the_session_a_new_identity() {
    let site = site(OAuthRouter::session_layer).await;
    let client = browser();
    let token = csrf(&client, &site).await;
    let response = client
        .get(site.url("/host/sign-in"))
        .send()
        .await
        .expect("sign in");
    assert_eq!(response.status(), 200);
    assert_eq!(set_cookies(&response).len(), 1, "a new cookie");
    let whoami = client
        .get(site.url("/host/whoami"))
        .send()
        .await
        .expect("whoami");
    assert_eq!(whoami.text().await.expect("body"), "ada@example.org");
    // Sign-in rotates the CSRF token: one learned before is useless after.
    assert_ne!(csrf(&client, &site).await, token);
}
