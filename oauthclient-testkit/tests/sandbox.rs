//! Sandbox mode over real HTTP: the login page, the consent page, and what they lead to.

mod common;

use common::sandbox::{Pending, assert_400_page, field, sandbox, tag};
use common::{CALLBACK, Harness, STATE, location, query};
use oauthclient_testkit::{FakeProvider, FakeUser};
use reqwest::StatusCode;

#[tokio::test]
async fn authorize_shows_the_login_form() {
    let h = sandbox().await;
    assert!(h.provider.is_interactive());
    let response = h.authorize(&[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    assert!(
        headers["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    assert_eq!(headers["cache-control"], "no-store");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains("default-src 'none'")
    );
    let html = response.text().await.expect("a page");
    assert!(html.contains("<h1>Sandbox provider</h1>"));
    assert!(html.contains("any password works"));
    assert!(html.contains("action=\"/login\""));
    let username = tag(&html, "sandbox-username");
    assert!(username.contains("value=\"octo\"") && username.contains("autocomplete=\"username\""));
    assert!(tag(&html, "sandbox-password").contains("autocomplete=\"current-password\""));
    assert!(tag(&html, "sandbox-share-email").contains(" checked"));
    assert!(tag(&html, "sandbox-login").contains("type=\"submit\""));
    for id in ["username", "password", "share_email"] {
        assert!(
            html.contains(&format!("<label for=\"{id}\""))
                || html.contains(&format!("for=\"{id}\""))
        );
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external resources"
    );
    assert!(field(&html, "pending").starts_with("sandbox_"));
    assert_eq!(field(&html, "csrf_token").len(), 43);
    assert!(
        !html.contains(STATE) && !html.contains("redirect_uri"),
        "the request stays server-side"
    );
    assert_eq!(h.provider.authorize_requests().len(), 1, "still recorded");
}

#[tokio::test]
async fn login_shows_consent_with_the_scope() {
    let h = Harness::with(
        FakeProvider::builder()
            .interactive(true)
            .client_name("Demo <App>")
            .start()
            .await
            .expect("starts"),
    );
    let (pending, _) = h.login_page().await;
    let response = h.login(&pending, "ada", true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("a page");
    assert!(
        html.contains("<strong>Demo &lt;App&gt;</strong> wants to:"),
        "{html}"
    );
    assert!(html.contains("<code>read:user</code>"));
    assert!(html.contains("<strong>ada</strong> (ada@sandbox.example)"));
    assert!(
        html.contains("http://127.0.0.1:9"),
        "says where the browser goes back to"
    );
    assert!(tag(&html, "sandbox-approve").contains("value=\"approve\""));
    assert!(tag(&html, "sandbox-deny").contains("value=\"deny\""));
    assert_eq!(field(&html, "pending"), pending.id);
    assert_eq!(field(&html, "csrf_token"), pending.csrf);
}

#[tokio::test]
async fn approve_redirects_with_a_code_for_the_sandbox_user() {
    let h = sandbox().await;
    let back = h.approve_as("ada", true).await;
    assert_eq!(back["state"], STATE, "state comes back verbatim");
    assert_eq!(
        back["next"], "/home",
        "the redirect URI's own query is kept"
    );
    assert!(back["code"].starts_with("testkit_code_"));

    let (status, token) = h.exchange(&back["code"]).await;
    assert_eq!(status, StatusCode::OK, "{token}");
    assert_eq!(token["scope"], "read:user");
    let access = token["access_token"].as_str().expect("a token");
    let (_, user) = h.userinfo(Some(access)).await;
    assert_eq!(user, FakeUser::sandbox("ada").to_json());
    assert_eq!(user["login"], "ada");
    assert_eq!(user["email"], "ada@sandbox.example");
    assert_eq!(user["email_verified"], true);
    assert_eq!(user["name"], "Ada");
    let id = user["id"].as_str().expect("a string id");
    assert!(id.starts_with('2') && id.len() == 9, "{id}");

    let (status, _) = h.exchange(&back["code"]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the code is single-use");
}

#[tokio::test]
async fn the_code_needs_the_pkce_verifier() {
    let h = sandbox().await;
    let back = h.approve_as("ada", true).await;
    let answer = h
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &back["code"]),
            ("redirect_uri", CALLBACK),
            ("code_verifier", &"x".repeat(43)),
        ])
        .await;
    assert_eq!(answer.0, StatusCode::BAD_REQUEST);
    assert_eq!(answer.1["error"], "invalid_grant");
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let h = sandbox().await;
    let (pending, _) = h.login_page().await;
    assert_eq!(
        h.login(&pending, "ada", true).await.status(),
        StatusCode::OK
    );
    let response = h.decide(&pending, "deny").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let back = query(&location(&response));
    assert_eq!(back["error"], "access_denied");
    assert_eq!(back["state"], STATE);
    assert!(!back.contains_key("code"));
    assert!(h.provider.issued_access_tokens().is_empty());

    let again = h.decide(&pending, "approve").await;
    assert!(
        assert_400_page(again).await.contains("unknown"),
        "answered once"
    );
}

#[tokio::test]
async fn unticked_share_email_means_no_email() {
    let h = sandbox().await;
    let (pending, _) = h.login_page().await;
    let html = h
        .login(&pending, "ada", false)
        .await
        .text()
        .await
        .expect("a page");
    assert!(html.contains("e-mail address not shared"));
    let user = h.sandbox_user("ada", false).await;
    assert!(user["email"].is_null(), "{user}");
    assert_eq!(
        user["id"],
        FakeUser::sandbox("ada").id,
        "still the same account"
    );
}

#[tokio::test]
async fn two_usernames_are_two_accounts() {
    let h = sandbox().await;
    let ada = h.sandbox_user("ada", true).await;
    let grace = h.sandbox_user("grace", true).await;
    assert_ne!(ada["id"], grace["id"]);
    assert_eq!(grace["login"], "grace");
    assert_eq!(grace["email"], "grace@sandbox.example");
    let ada_again = h.sandbox_user("Ada", true).await;
    assert_eq!(ada_again["id"], ada["id"], "stable and case-insensitive");
}

#[tokio::test]
async fn tampered_pending_id_or_token_is_400() {
    let h = sandbox().await;
    let (pending, _) = h.login_page().await;
    let forged_id = Pending {
        id: format!("{}x", pending.id),
        csrf: pending.csrf.clone(),
    };
    let forged_token = Pending {
        id: pending.id.clone(),
        csrf: "A".repeat(43),
    };
    let no_token = Pending {
        id: pending.id.clone(),
        csrf: String::new(),
    };
    for forged in [&forged_id, &forged_token, &no_token] {
        assert_400_page(h.login(forged, "ada", true).await).await;
    }
    assert_eq!(
        h.login(&pending, "ada", true).await.status(),
        StatusCode::OK
    );
    for forged in [&forged_id, &forged_token, &no_token] {
        assert_400_page(h.decide(forged, "approve").await).await;
    }
    assert!(h.provider.issued_access_tokens().is_empty());
    let response = h.decide(&pending, "approve").await;
    assert_eq!(
        response.status(),
        StatusCode::FOUND,
        "forgeries do not end the real request"
    );
}

#[tokio::test]
async fn malformed_forms_are_400() {
    let h = sandbox().await;
    let (pending, _) = h.login_page().await;
    assert_400_page(h.decide(&pending, "approve").await).await; // not signed in yet
    assert_eq!(
        h.login(&pending, "ada", true).await.status(),
        StatusCode::OK
    );
    assert_400_page(h.decide(&pending, "maybe").await).await;
    let repeated = [
        ("pending", pending.id.as_str()),
        ("pending", pending.id.as_str()),
        ("csrf_token", pending.csrf.as_str()),
        ("decision", "approve"),
    ];
    assert_400_page(h.post("/consent", &repeated).await).await;
    assert_eq!(
        h.decide(&pending, "approve").await.status(),
        StatusCode::FOUND
    );
}

#[tokio::test]
async fn a_bad_username_shows_the_form_again() {
    let h = sandbox().await;
    let (pending, _) = h.login_page().await;
    let response = h.login(&pending, "<b>ada</b>", false).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let html = response.text().await.expect("a page");
    assert!(!html.contains("<b>ada"), "escaped");
    assert!(tag(&html, "sandbox-username").contains("value=\"&lt;b&gt;ada&lt;/b&gt;\""));
    assert!(
        !tag(&html, "sandbox-share-email").contains("checked"),
        "keeps the choice"
    );
    assert!(tag(&html, "sandbox-error").contains("role=\"alert\""));
    assert_eq!(field(&html, "csrf_token"), pending.csrf);
    assert_eq!(
        h.login(&pending, "ada", true).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_scope_is_escaped() {
    let h = sandbox().await;
    let response = h
        .authorize(&[("scope", Some("read:user <script>x</script>"))])
        .await;
    let html = response.text().await.expect("a page");
    let pending = Pending {
        id: field(&html, "pending"),
        csrf: field(&html, "csrf_token"),
    };
    let html = h
        .login(&pending, "ada", true)
        .await
        .text()
        .await
        .expect("a page");
    assert!(!html.contains("<script>"));
    assert!(html.contains("<code>&lt;script&gt;x&lt;/script&gt;</code>"));
}

#[tokio::test]
async fn bad_requests_are_refused_before_any_page() {
    let h = sandbox().await;
    let response = h.authorize(&[("client_id", Some("nobody"))]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.headers()["content-type"], "application/json");
    let back = h
        .authorize_redirect(&[("code_challenge_method", Some("plain"))])
        .await;
    assert_eq!(back["error"], "invalid_request");
    h.provider
        .set_authorize_error(Some("temporarily_unavailable"));
    let back = h.authorize_redirect(&[]).await;
    assert_eq!(back["error"], "temporarily_unavailable");
    assert_eq!(back["state"], STATE);
}

#[tokio::test]
async fn the_automatic_provider_has_no_sandbox_pages() {
    let h = Harness::start().await;
    assert!(!h.provider.is_interactive());
    assert_eq!(
        h.post("/login", &[("pending", "x")]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        h.post("/consent", &[("pending", "x")]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(h.authorize_redirect(&[]).await.contains_key("code"));
}

#[tokio::test]
async fn a_fixed_port_is_used() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let provider = FakeProvider::builder()
        .interactive(true)
        .port(port)
        .start()
        .await
        .expect("starts on the free port");
    assert_eq!(provider.base_url(), format!("http://127.0.0.1:{port}"));
    let taken = FakeProvider::builder().port(port).start().await;
    assert!(taken.is_err(), "a taken port is an error");
    let h = Harness::with(provider);
    let user = h.sandbox_user("octo", true).await;
    assert_eq!(user["login"], "octo");
}
