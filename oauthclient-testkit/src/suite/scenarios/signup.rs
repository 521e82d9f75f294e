//! The extra sign-up step: a provider without a usable e-mail.

use oauthclient_core::AccountStore;
use oauthclient_core::account::UserId;

use crate::FakeUser;
use crate::suite::{APP, Scenario, TestSite, browser, location, scenario_list, site};

fn no_email() -> FakeUser {
    FakeUser {
        email: None,
        email_verified: false,
        ..FakeUser::default()
    }
}

async fn post_form(
    site: &TestSite,
    browser: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    browser
        .post(site.url(&format!("/oauth/signup/{APP}/")))
        .form(fields)
        .send()
        .await
        .expect("submit")
}

async fn signup_form_flow() {
    let site = site().await;
    site.provider.set_user(no_email());
    let browser = browser();
    let response = site.login(&browser, Some("/next-page")).await;
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    assert_eq!(site.count("accounts_user"), 0, "nothing before the form");

    let (status, body, csrf) = site
        .page_with_csrf(&browser, &format!("/oauth/signup/{APP}/"))
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("name=\"email\""), "{body}");
    assert!(!csrf.is_empty());

    // A bad address re-renders the form with the error.
    let response = post_form(
        &site,
        &browser,
        &[("csrf_token", &csrf), ("email", "not-an-address")],
    )
    .await;
    assert_eq!(response.status(), 400);
    let body = response.text().await.expect("body");
    assert!(
        body.contains("Please enter a valid e-mail address."),
        "{body}"
    );
    assert!(
        body.contains("value=\"not-an-address\""),
        "keeps what was typed"
    );
    assert_eq!(site.count("accounts_user"), 0);

    // A taken address too.
    site.local_user("taken@example.org", false).await;
    let response = post_form(
        &site,
        &browser,
        &[("csrf_token", &csrf), ("email", "Taken@Example.org")],
    )
    .await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("already registered")
    );

    // A good one creates the user, links the account and signs in.
    let response = post_form(
        &site,
        &browser,
        &[
            ("csrf_token", &csrf),
            ("email", "octo@new.example"),
            ("full_name", "Octo"),
        ],
    )
    .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/next-page");
    let user_id = UserId::new(site.whoami(&browser).await);
    let identity = site
        .store
        .identity(APP, "1001")
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, user_id);
    assert!(
        site.store
            .token(&user_id, site.provider.client_id(), "")
            .await
            .expect("get")
            .is_some()
    );
    assert_eq!(site.count("accounts_user"), 2);

    // The pending sign-up is gone.
    let (status, _, _) = site
        .page_with_csrf(&browser, &format!("/oauth/signup/{APP}/"))
        .await;
    assert_eq!(status, 400);
}

async fn signup_without_csrf_token_is_refused() {
    let site = site().await;
    site.provider.set_user(no_email());
    let browser = browser();
    site.login(&browser, None).await;
    let response = post_form(&site, &browser, &[("email", "octo@new.example")]).await;
    assert_eq!(response.status(), 403);
    let response = post_form(
        &site,
        &browser,
        &[("csrf_token", "forged"), ("email", "octo@new.example")],
    )
    .await;
    assert_eq!(response.status(), 403);
    assert_eq!(site.count("accounts_user"), 0);
}

async fn signup_without_a_pending_flow_is_a_clear_400() {
    let site = site().await;
    let (status, body, _) = site
        .page_with_csrf(&browser(), &format!("/oauth/signup/{APP}/"))
        .await;
    assert_eq!(status, 400);
    assert!(body.contains("No sign-up is in progress"), "{body}");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        signup_form_flow,
        signup_without_csrf_token_is_refused,
        signup_without_a_pending_flow_is_a_clear_400,
    ]
}
