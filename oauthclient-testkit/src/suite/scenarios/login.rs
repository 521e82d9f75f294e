//! `GET /oauth/login/{app}/`: the redirect to the provider, PKCE, `next` handling.

use crate::suite::{APP, Scenario, browser, location, query, scenario_list, site, site_with};

async fn login_redirect_has_every_parameter() {
    let site = site().await;
    let authorize_url = site.start_login(&browser(), None).await;
    assert!(
        authorize_url.starts_with(&site.provider.authorize_url()),
        "{authorize_url}"
    );
    let params = query(&authorize_url);
    assert_eq!(params["response_type"], "code");
    assert_eq!(params["client_id"], site.provider.client_id());
    let redirect_uri = &params["redirect_uri"];
    assert_eq!(
        *redirect_uri,
        site.url(&format!("/oauth/authorized/{APP}/"))
    );
    assert!(!redirect_uri.contains('?'), "redirect_uri has no query");
    assert_eq!(params["scope"], "read:user");
    assert_eq!(params["code_challenge_method"], "S256");
    assert_eq!(params["code_challenge"].len(), 43, "base64url SHA-256");
    assert_eq!(params["state"].split('.').count(), 3, "a compact JWS");
    assert!(
        !params.contains_key("code_verifier"),
        "the verifier never leaves the server"
    );
}

async fn every_login_has_its_own_state_and_challenge() {
    let site = site().await;
    let browser = browser();
    let first = query(&site.start_login(&browser, None).await);
    let second = query(&site.start_login(&browser, None).await);
    assert_ne!(first["state"], second["state"]);
    assert_ne!(first["code_challenge"], second["code_challenge"]);
}

async fn pkce_can_be_switched_off_per_app() {
    let site = site_with(|toml| {
        toml.replace(
            "[remote_apps.fake.params]",
            "[remote_apps.fake.params]\npkce = false",
        )
    })
    .await;
    let params = query(&site.start_login(&browser(), None).await);
    assert!(!params.contains_key("code_challenge"));
    assert!(!params.contains_key("code_challenge_method"));
}

async fn unknown_and_hidden_apps_are_404() {
    let site =
        site_with(|toml| toml.replace("[remote_apps.fake]", "[remote_apps.fake]\nhide = true"))
            .await;
    for app in ["fake", "nope"] {
        let response = browser()
            .get(site.url(&format!("/oauth/login/{app}/")))
            .send()
            .await
            .expect("login");
        assert_eq!(response.status(), 404, "{app}");
        let body = response.text().await.expect("body");
        assert!(body.contains("no such sign-in method"), "{body}");
    }
}

async fn next_is_kept_only_when_safe() {
    let site = site().await;
    let cases = [
        ("/deposit?draft=1", Some("/deposit?draft=1")),
        (
            "https://docs.example.org/guide",
            Some("https://docs.example.org/guide"),
        ),
        ("//evil.example/", None),
        ("https://evil.example/", None),
        ("javascript:alert(1)", None),
        ("/\\evil.example", None),
    ];
    for (next, expected) in cases {
        let browser = browser();
        let response = site.login(&browser, Some(next)).await;
        assert_eq!(response.status(), 302, "{next}");
        // A new user without e-mail would go to the sign-up form; the fake user has a
        // verified e-mail, so the flow ends at `next` (or home when it was dropped).
        let landed = location(&response);
        match expected {
            Some(url) => assert_eq!(landed, url, "{next}"),
            None => assert_eq!(landed, "/", "{next} must be dropped"),
        }
    }
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        login_redirect_has_every_parameter,
        every_login_has_its_own_state_and_challenge,
        pkce_can_be_switched_off_per_app,
        unknown_and_hidden_apps_are_404,
        next_is_kept_only_when_safe,
    ]
}
