//! Any OAuth 2.0 provider by configuration, against a real plain OAuth 2.0 server: npm
//! `oauth2-mock-server` (not in OpenID Connect mode; `xtask/oauth2-mock-server/server.mjs`),
//! started by `cargo xtask integration generic`, which sets `OAUTHCLIENT_TEST_OAUTH2_MOCK` to its
//! URL. When it is set the server must answer; when it is not, the test says so and does nothing.
//!
//! The app names no provider: its `[account_info]` mapping reads a nested user-info document
//! and an e-mail list with the user's token (the list rule), and its `[roles]` table maps the
//! user's teams to roles. The server signs in whoever the authorization request's `login_hint`
//! names, so the test also proves a per-login option reaches the provider.

use oauthclient_core::AccountStore;
use oauthclient_testkit::site::{Site, browser, location};

const APP: &str = "mock";
const CLIENT_ID: &str = "mock-client";

struct MockServer {
    url: String,
}

fn app(url: &str) -> String {
    format!(
        r#"
[remote_apps.{APP}]
title = "Mock OAuth 2.0"

[remote_apps.{APP}.params]
authorize_url = "{url}/authorize"
access_token_url = "{url}/token"
base_url = "{url}/"
scopes = ["profile"]
app_key = "MOCK_APP_CREDENTIALS"

[remote_apps.{APP}.login_options]
allow = ["login_hint"]

[remote_apps.{APP}.account_info]
userinfo = "userinfo"
emails = "api/emails"
id = "/data/user_id"
username = "/data/login"
name = "/data/profile/display_name"
groups = "/data/teams"

[remote_apps.{APP}.account_info.email]
rule = "list"
list = "emails:/items"
address = "/address"
verified = "/confirmed"
primary = "/primary"

[remote_apps.{APP}.roles]
map = {{ "staff" = ["admin"], "research" = ["curator"] }}

[MOCK_APP_CREDENTIALS]
consumer_key = "{CLIENT_ID}"
consumer_secret = "mock-secret"
"#
    )
}

#[tokio::test]
async fn a_provider_by_configuration_against_oauth2_mock_server() {
    let Some(url) = oauthclient_testkit::services::service_url(
        "OAUTHCLIENT_TEST_OAUTH2_MOCK",
        "generic provider: live against npm oauth2-mock-server",
    ) else {
        return;
    };
    let url = url.trim_end_matches('/').to_owned();
    let answer = reqwest::get(format!("{url}/.well-known/openid-configuration")).await;
    assert!(
        answer.is_ok_and(|response| response.status() == 200),
        "OAUTHCLIENT_TEST_OAUTH2_MOCK={url} is set but the server does not answer"
    );
    let toml = app(&url);
    let site = Site::start(MockServer { url }, APP, &toml, |toml| toml).await;

    signs_up_with_the_verified_primary_address_and_maps_teams(&site).await;
    a_second_sign_in_refreshes_the_groups(&site).await;
    an_unconfirmed_address_needs_the_signup_form(&site).await;
}

async fn set_teams(site: &Site<MockServer>, login: &str, teams: &[&str]) {
    let response = reqwest::Client::new()
        .post(format!("{}/_test/teams", site.provider.url))
        .json(&serde_json::json!({ "login": login, "teams": teams }))
        .send()
        .await
        .expect("the mock server's test endpoint");
    assert_eq!(response.status(), 200, "set teams of {login}");
}

async fn signs_up_with_the_verified_primary_address_and_maps_teams(site: &Site<MockServer>) {
    let browser = browser();
    let response = site.login_with(&browser, &[("login_hint", "alice")]).await;
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    assert_eq!(location(&response), "/");
    let user_id = site.user_id(&browser).await;
    let user = site
        .store
        .user_by_email("alice@example.org")
        .await
        .expect("store")
        .expect("signed up with the primary, confirmed address (not the older one)");
    assert_eq!(user.id, user_id);
    let identity = site
        .store
        .identity(APP, "1001")
        .await
        .expect("store")
        .expect("the integer id, written in decimal, is the identity");
    assert_eq!(identity.user_id, user_id);
    assert_groups_and_roles(
        site,
        &user_id,
        &["research", "staff"],
        &["admin", "curator"],
    )
    .await;
}

/// The linked account's `extra_data` holds these groups and the roles they map to.
async fn assert_groups_and_roles(
    site: &Site<MockServer>,
    user_id: &oauthclient_core::account::UserId,
    groups: &[&str],
    roles: &[&str],
) {
    let account = site
        .store
        .remote_account(user_id, CLIENT_ID)
        .await
        .expect("store")
        .expect("linked");
    assert_eq!(account.extra_data["groups"], serde_json::json!(groups));
    assert_eq!(account.extra_data["roles"], serde_json::json!(roles));
}

async fn a_second_sign_in_refreshes_the_groups(site: &Site<MockServer>) {
    set_teams(site, "alice", &["research"]).await;
    let browser = browser();
    let response = site.login_with(&browser, &[("login_hint", "alice")]).await;
    assert_eq!(response.status(), 302, "{:?}", response.text().await);
    let user_id = site.user_id(&browser).await;
    assert_groups_and_roles(site, &user_id, &["research"], &["curator"]).await;
}

async fn an_unconfirmed_address_needs_the_signup_form(site: &Site<MockServer>) {
    let browser = browser();
    let response = site.login_with(&browser, &[("login_hint", "bob")]).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    assert_eq!(site.whoami(&browser).await, "anonymous");
    let user = site
        .store
        .user_by_email("bob@example.org")
        .await
        .expect("store");
    assert!(user.is_none(), "an unconfirmed address creates no account");
}
