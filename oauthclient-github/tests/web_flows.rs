//! "Sign in with GitHub" end to end: oauthclient-web on a loopback port, a SQLite store, and
//! the testkit's GitHub stand-in answering like github.com and api.github.com.

mod common;

use oauthclient_core::AccountStore;
use oauthclient_github as _;
use oauthclient_testkit::{FakeUser, GitHubEmail, ProviderShape};

use common::{Site, browser, location, site};

async fn github() -> Site {
    site(ProviderShape::GitHub, "github", |toml| toml).await
}

fn unverified() -> FakeUser {
    FakeUser {
        email_verified: false,
        ..FakeUser::default()
    }
}

#[tokio::test]
async fn a_new_user_with_a_verified_email_is_signed_up_and_linked() {
    let site = github().await;
    let browser = browser();
    let response = site.login(&browser, Some("/welcome")).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/welcome");
    let user_id = site.user_id(&browser).await;

    let user = site
        .store
        .user_by_email("octo@example.org")
        .await
        .expect("find")
        .expect("registered");
    assert_eq!(user.id, user_id);
    assert_eq!(user.full_name.as_deref(), Some("Octo Cat"));
    let identity = site
        .store
        .identity("github", "1001")
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, user_id);
    let client_id = site.provider.client_id();
    let account = site
        .store
        .remote_account(&user_id, client_id)
        .await
        .expect("find")
        .expect("account");
    assert_eq!(
        account.extra_data,
        serde_json::json!({"login": "octo", "id": 1001})
    );
    let token = site
        .store
        .token(&user_id, client_id, "")
        .await
        .expect("get")
        .expect("stored");
    assert_eq!(
        site.provider.issued_access_tokens(),
        [token.access_token.expose_secret()]
    );
    assert!(
        token.refresh_token.is_none(),
        "GitHub OAuth apps issue no refresh token"
    );

    // PKCE went to GitHub, and the API calls carried GitHub's headers.
    assert!(site.provider.authorize_requests()[0].contains_key("code_challenge"));
    assert!(site.provider.token_requests()[0].contains_key("code_verifier"));
    let calls = site.provider.api_requests();
    let paths: Vec<&str> = calls.iter().map(|call| call.path.as_str()).collect();
    assert_eq!(paths, ["/api/user", "/api/user/emails"]);
    for call in &calls {
        assert_eq!(call.headers["x-github-api-version"], "2022-11-28");
        assert!(
            call.headers["accept"].contains("application/vnd.github+json"),
            "{call:?}"
        );
        assert_eq!(call.headers["authorization"], "Bearer");
    }
}

#[tokio::test]
async fn an_unverified_email_only_gets_the_signup_form() {
    let site = github().await;
    site.provider.set_user(unverified());
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), "/oauth/signup/github/");
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert!(
        site.store
            .user_by_email("octo@example.org")
            .await
            .expect("find")
            .is_none()
    );
    let form = site.page(&browser, "/oauth/signup/github/").await;
    assert_eq!(
        common::input_value(&form, "email").as_deref(),
        Some(""),
        "an unverified address is not even offered"
    );

    // The user types an address: only then is the account created.
    let done = site
        .submit(
            &browser,
            "/oauth/signup/github/",
            "/oauth/signup/github/",
            &[("email", "octo@example.org")],
        )
        .await;
    assert_eq!(done.status(), 302);
    let user_id = site.user_id(&browser).await;
    let identity = site
        .store
        .identity("github", "1001")
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, user_id);
}

#[tokio::test]
async fn a_verified_secondary_address_does_not_make_an_unverified_primary_trusted() {
    let site = github().await;
    site.provider.set_emails(Some(vec![
        GitHubEmail::new("octo@example.org", true, false),
        GitHubEmail::new("octo@work.example", false, true),
    ]));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), "/oauth/signup/github/");
    assert!(
        site.store
            .user_by_email("octo@work.example")
            .await
            .expect("find")
            .is_none()
    );
}

#[tokio::test]
async fn an_existing_users_unverified_email_is_never_linked_silently() {
    let site = github().await;
    let owner = site.local_user("octo@example.org", true).await;
    site.provider.set_user(unverified());
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(
        location(&response),
        "/oauth/signup/github/",
        "asks instead of linking"
    );
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert!(
        site.store
            .identity("github", "1001")
            .await
            .expect("find")
            .is_none()
    );
    assert!(
        site.store
            .remote_accounts_of(&owner)
            .await
            .expect("list")
            .is_empty()
    );

    // Claiming the address in the form does not work either.
    let refused = site
        .submit(
            &browser,
            "/oauth/signup/github/",
            "/oauth/signup/github/",
            &[("email", "octo@example.org")],
        )
        .await;
    assert_eq!(refused.status(), 400);
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("already registered")
    );
    assert!(
        site.store
            .identity("github", "1001")
            .await
            .expect("find")
            .is_none()
    );
}

#[tokio::test]
async fn an_existing_users_verified_primary_email_signs_them_in_and_links() {
    let site = github().await;
    let owner = site.local_user("octo@example.org", false).await;
    let browser = browser();
    site.login(&browser, None).await;
    assert_eq!(site.user_id(&browser).await, owner);
    let identity = site
        .store
        .identity("github", "1001")
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, owner);
}

#[tokio::test]
async fn a_returning_user_signs_in_to_the_same_account() {
    let site = github().await;
    let first = browser();
    site.login(&first, None).await;
    let user_id = site.user_id(&first).await;
    let second = browser();
    let response = site.login(&second, Some("/again")).await;
    assert_eq!(location(&response), "/again");
    assert_eq!(site.user_id(&second).await, user_id);
    // The fresh token replaced the old one.
    let stored = site
        .store
        .token(&user_id, site.provider.client_id(), "")
        .await
        .expect("get")
        .expect("stored");
    assert_eq!(
        site.provider
            .issued_access_tokens()
            .last()
            .map(String::as_str),
        Some(stored.access_token.expose_secret())
    );
}

#[tokio::test]
async fn a_signed_in_user_links_github() {
    let site = github().await;
    let ada = site.local_user("ada@local.example", true).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), "/account/settings/linkedaccounts/");
    assert_eq!(site.user_id(&browser).await, ada);
    let identity = site
        .store
        .identity("github", "1001")
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, ada);
    let account = site
        .store
        .remote_account(&ada, site.provider.client_id())
        .await
        .expect("find")
        .expect("account");
    assert_eq!(account.extra_data["login"], "octo");
    assert!(
        site.store
            .user_by_email("octo@example.org")
            .await
            .expect("find")
            .is_none(),
        "no second user"
    );
    let settings = site
        .page(&browser, "/account/settings/linkedaccounts/")
        .await;
    assert!(
        settings.contains("data-action=\"disconnect\""),
        "{settings}"
    );
}
