//! "Sign in with ORCID" end to end: oauthclient-web on a loopback port, a SQLite store, and
//! the testkit's ORCID stand-in answering like orcid.org.

mod common;

use oauthclient_core::account::UserId;
use oauthclient_core::{AccountStore, UserStore};
use oauthclient_orcid as _;
use oauthclient_testkit::{FakeUser, ProviderShape};

use common::{Site, browser, location, query, site};

const SOFIA: &str = "0000-0001-2345-6789";

async fn orcid() -> Site {
    site(ProviderShape::Orcid, "orcid", |toml| toml).await
}

/// Signs in with ORCID and completes the sign-up form with `email`; the new user's id.
async fn sign_up(site: &Site, browser: &reqwest::Client, email: &str) -> UserId {
    let response = site.login(browser, Some("/welcome")).await;
    assert_eq!(
        location(&response),
        "/oauth/signup/orcid/",
        "ORCID gives no e-mail: the form asks"
    );
    let done = site
        .submit(
            browser,
            "/oauth/signup/orcid/",
            "/oauth/signup/orcid/",
            &[("email", email)],
        )
        .await;
    assert_eq!(done.status(), 302);
    assert_eq!(location(&done), "/welcome");
    site.user_id(browser).await
}

#[tokio::test]
async fn sign_in_then_the_signup_form_then_a_user_with_the_orcid_name() {
    let site = orcid().await;
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), "/oauth/signup/orcid/");
    assert_eq!(site.whoami(&browser).await, "anonymous");
    let form = site.page(&browser, "/oauth/signup/orcid/").await;
    assert_eq!(common::input_value(&form, "email").as_deref(), Some(""));
    assert_eq!(
        common::input_value(&form, "full_name").as_deref(),
        Some("Sofia Garcia")
    );

    // Only the e-mail is typed; the name comes from ORCID.
    let done = site
        .submit(
            &browser,
            "/oauth/signup/orcid/",
            "/oauth/signup/orcid/",
            &[("email", "sofia@uni.example")],
        )
        .await;
    assert_eq!(done.status(), 302);
    let user_id = site.user_id(&browser).await;
    let user = site
        .store
        .user_by_id(&user_id)
        .await
        .expect("find")
        .expect("created");
    assert_eq!(user.email, "sofia@uni.example");
    assert_eq!(user.full_name.as_deref(), Some("Sofia Garcia"));
    let identity = site
        .store
        .identity("orcid", SOFIA)
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, user_id);
    let account = site
        .store
        .remote_account(&user_id, site.provider.client_id())
        .await
        .expect("find")
        .expect("account");
    assert_eq!(
        account.extra_data,
        serde_json::json!({"orcid": SOFIA, "full_name": "Sofia Garcia"})
    );
    assert!(
        site.store
            .token(&user_id, site.provider.client_id(), "")
            .await
            .expect("get")
            .is_some()
    );
    // The authorization request asked for /authenticate and the sign-in form.
    let asked = &site.provider.authorize_requests()[0];
    assert_eq!(asked["scope"], "/authenticate");
    assert_eq!(asked["show_login"], "true");
}

#[tokio::test]
async fn a_returning_researcher_signs_in_directly() {
    let site = orcid().await;
    let first = browser();
    let user_id = sign_up(&site, &first, "sofia@uni.example").await;
    let second = browser();
    let response = site.login(&second, Some("/again")).await;
    assert_eq!(location(&response), "/again");
    assert_eq!(site.user_id(&second).await, user_id);
}

#[tokio::test]
async fn a_researcher_without_a_public_name() {
    let site = orcid().await;
    site.provider.set_user(FakeUser {
        id: "0000-0002-1825-0097".into(),
        name: None,
        ..FakeUser::orcid()
    });
    let browser = browser();
    let user_id = sign_up(&site, &browser, "josiah@uni.example").await;
    let user = site
        .store
        .user_by_id(&user_id)
        .await
        .expect("find")
        .expect("created");
    assert_eq!(user.full_name, None);
    let identity = site
        .store
        .identity("orcid", "0000-0002-1825-0097")
        .await
        .expect("find");
    assert_eq!(identity.map(|identity| identity.user_id), Some(user_id));
}

#[tokio::test]
async fn a_signed_in_user_links_their_orcid() {
    let site = orcid().await;
    let ada = site.local_user("ada@local.example", true).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), "/account/settings/linkedaccounts/");
    let identity = site
        .store
        .identity("orcid", SOFIA)
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, ada);

    // And unlinks it again (ada has a password, so the lock-out guard agrees).
    let settings = "/account/settings/linkedaccounts/";
    let response = site
        .submit(&browser, settings, "/oauth/disconnect/orcid/", &[])
        .await;
    assert_eq!(response.status(), 302);
    assert!(
        site.store
            .identity("orcid", SOFIA)
            .await
            .expect("find")
            .is_none()
    );
    assert!(
        site.store
            .remote_account(&ada, site.provider.client_id())
            .await
            .expect("find")
            .is_none()
    );
}

#[tokio::test]
async fn the_sandbox_app_sends_users_to_the_orcid_sandbox() {
    let site = site(ProviderShape::Orcid, "orcid", |toml| {
        // Beside the stand-in app, the sandbox provider as shipped (same credentials table).
        format!("{toml}\n[remote_apps.orcid_sandbox]\n")
    })
    .await;
    let response = browser()
        .get(site.url("/oauth/login/orcid_sandbox/"))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 302);
    let authorize = location(&response);
    assert!(
        authorize.starts_with("https://sandbox.orcid.org/oauth/authorize?"),
        "{authorize}"
    );
    let params = query(&authorize);
    assert_eq!(params["client_id"], site.provider.client_id());
    assert_eq!(params["scope"], "/authenticate");
    assert_eq!(params["show_login"], "true");
    assert_eq!(
        params["redirect_uri"],
        site.url("/oauth/authorized/orcid_sandbox/")
    );
    assert_eq!(params["response_type"], "code");
}

#[tokio::test]
async fn an_expired_code_asks_the_user_to_start_again() {
    let site = orcid().await;
    let browser = browser();
    let authorize = site.start_login(&browser, None).await;
    let callback = site.authorize(&browser, &authorize).await;
    let code = query(&callback)["code"].clone();
    let response = browser
        .get(callback.replace(&code, "expired-code"))
        .send()
        .await
        .expect("callback");
    assert_eq!(response.status(), 302);
    let page = site
        .page(&browser, "/account/settings/linkedaccounts/")
        .await;
    assert!(
        page.contains("invalid_grant") && page.contains("Please try again"),
        "{page}"
    );
    assert!(
        site.store
            .identity("orcid", SOFIA)
            .await
            .expect("find")
            .is_none()
    );
}
