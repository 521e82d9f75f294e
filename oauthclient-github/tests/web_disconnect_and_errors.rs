//! Disconnecting GitHub, and GitHub's token errors, end to end: oauthclient-web on a loopback
//! port, a SQLite store, and the testkit's GitHub stand-in.

mod common;

use oauthclient_core::AccountStore;
use oauthclient_github as _;
use oauthclient_testkit::ProviderShape;

use common::{Site, browser, location, query, site};

async fn github() -> Site {
    site(ProviderShape::GitHub, "github", |toml| toml).await
}

#[tokio::test]
async fn disconnect_revokes_the_grant_at_github_and_removes_the_rows() {
    let site = github().await;
    let ada = site.local_user("ada@local.example", true).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    site.login(&browser, None).await;
    let client_id = site.provider.client_id().to_owned();
    let token = site
        .store
        .token(&ada, &client_id, "")
        .await
        .expect("get")
        .expect("stored");

    let settings = "/account/settings/linkedaccounts/";
    let response = site
        .submit(&browser, settings, "/oauth/disconnect/github/", &[])
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), settings);

    assert_eq!(
        site.provider.revoked_grants(),
        [token.access_token.expose_secret()]
    );
    let revoke = site
        .provider
        .api_requests()
        .into_iter()
        .find(|call| call.method == "DELETE")
        .expect("a DELETE");
    assert_eq!(revoke.path, format!("/api/applications/{client_id}/grant"));
    assert_eq!(revoke.headers["authorization"], "Basic");
    assert!(
        site.store
            .remote_account(&ada, &client_id)
            .await
            .expect("find")
            .is_none()
    );
    assert!(
        site.store
            .token(&ada, &client_id, "")
            .await
            .expect("get")
            .is_none()
    );
    assert!(
        site.store
            .identity("github", "1001")
            .await
            .expect("find")
            .is_none()
    );
    assert_eq!(
        site.user_id(&browser).await,
        ada,
        "still signed in with the password"
    );
}

#[tokio::test]
async fn the_only_way_to_sign_in_is_neither_revoked_nor_unlinked() {
    let site = github().await;
    let browser = browser();
    site.login(&browser, None).await; // signed up through GitHub: no password
    let user_id = site.user_id(&browser).await;
    let response = site
        .submit(
            &browser,
            "/account/settings/linkedaccounts/",
            "/oauth/disconnect/github/",
            &[],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("only way to sign in")
    );
    assert!(
        site.provider.revoked_grants().is_empty(),
        "nothing revoked at GitHub"
    );
    assert!(
        site.store
            .identity("github", "1001")
            .await
            .expect("find")
            .is_some()
    );
    assert!(
        site.store
            .remote_account(&user_id, site.provider.client_id())
            .await
            .expect("find")
            .is_some()
    );
}

#[tokio::test]
async fn bad_verification_code_tells_the_user_to_start_again() {
    let site = github().await;
    let browser = browser();
    let authorize = site.start_login(&browser, Some("/after")).await;
    let callback = site.authorize(&browser, &authorize).await;
    // A code GitHub does not know (expired, or already used): GitHub answers 200 with
    // `{"error": "bad_verification_code"}`.
    let code = query(&callback)["code"].clone();
    let tampered = callback.replace(&code, "expired-code");
    let response = browser.get(tampered).send().await.expect("callback");
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/after");
    let page = site
        .page(&browser, "/account/settings/linkedaccounts/")
        .await;
    assert!(page.contains("bad_verification_code"), "{page}");
    assert!(page.contains("Please try again"), "{page}");
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert!(
        site.store
            .identity("github", "1001")
            .await
            .expect("find")
            .is_none()
    );
    assert!(site.provider.issued_access_tokens().is_empty());
}

#[tokio::test]
async fn incorrect_client_credentials_are_a_configuration_error() {
    let site = site(ProviderShape::GitHub, "github", |toml| {
        toml.replace(
            "consumer_secret = \"testkit-secret\"",
            "consumer_secret = \"not-the-secret\"",
        )
    })
    .await;
    let response = site.login(&browser(), None).await;
    assert_eq!(response.status(), 500);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("not configured correctly")
    );
}
