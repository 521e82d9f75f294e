//! RFC 7009 on disconnect: the provider is told, and its failure never keeps a user linked.

use oauthclient_core::AccountStore;

use crate::suite::{APP, Scenario, TestSite, browser, scenario_list, site, site_with};

/// A user with a password (so the lock-out guard allows the unlink) who linked the fake
/// provider; returns the browser signed in as them and the refresh token stored.
async fn linked_user_with_password(site: &TestSite) -> (reqwest::Client, String) {
    let ada = site.local_user("ada@local.example", true).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    assert_eq!(site.login(&browser, None).await.status(), 302);
    let token = site
        .store
        .token(&ada, site.provider.client_id(), "")
        .await
        .expect("store")
        .expect("token");
    let refresh = token.refresh_token.expect("refresh token");
    (browser, refresh.expose_secret().to_owned())
}

async fn disconnect(site: &TestSite, browser: &reqwest::Client) -> reqwest::Response {
    let (_, _, csrf) = site
        .page_with_csrf(browser, &format!("/oauth/disconnect/{APP}/"))
        .await;
    browser
        .post(site.url(&format!("/oauth/disconnect/{APP}/")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("disconnect")
}

async fn disconnect_revokes_the_grant_at_the_provider() {
    let site = site().await;
    let (browser, refresh) = linked_user_with_password(&site).await;
    assert!(site.provider.revoked_tokens().is_empty());
    let response = disconnect(&site, &browser).await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        site.provider.revoked_tokens(),
        [refresh],
        "the refresh token (the grant) is revoked"
    );
    assert_eq!(site.count("oauthclient_remoteaccount"), 0);
}

async fn a_revocation_failure_does_not_block_the_unlink() {
    let site = site_with(|toml| {
        // Nothing listens on port 1: the revocation cannot be delivered.
        let revoke = toml
            .lines()
            .find(|line| line.starts_with("revoke_url"))
            .expect("revoke_url in the test config")
            .to_owned();
        toml.replace(&revoke, "revoke_url = \"http://127.0.0.1:1/revoke\"")
    })
    .await;
    let (browser, _) = linked_user_with_password(&site).await;
    let response = disconnect(&site, &browser).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.count("oauthclient_remoteaccount"), 0);
    assert_eq!(site.count("oauthclient_remotetoken"), 0);
    assert!(site.provider.revoked_tokens().is_empty());
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        disconnect_revokes_the_grant_at_the_provider,
        a_revocation_failure_does_not_block_the_unlink
    ]
}
