//! Linked accounts, disconnect (CSRF, lock-out guard) and logout.

use oauthclient_core::AccountStore;

use crate::suite::{APP, Scenario, browser, location, scenario_list, site, site_with};

async fn linked_accounts_page_needs_a_signed_in_user() {
    let site = site().await;
    let response = browser()
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 401);
    let body = response.text().await.expect("body");
    assert!(body.contains("Please sign in"), "{body}");
}

async fn linked_accounts_page_lists_visible_apps_by_title() {
    let site = site_with(|toml| {
        format!(
            "{toml}\n[remote_apps.hidden]\ntitle = \"Hidden\"\nhide = true\ntoken_only = true\n[remote_apps.hidden.params]\nauthorize_url = \"https://hidden.example/a\"\naccess_token_url = \"https://hidden.example/t\"\napp_key = \"FAKE_APP_CREDENTIALS\"\n"
        )
    })
    .await;
    let ada = site.local_user("ada@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    let (status, body, _) = site
        .page_with_csrf(&browser, "/account/settings/linkedaccounts/")
        .await;
    assert_eq!(status, 200);
    assert!(body.contains(&format!("data-app=\"{APP}\"")), "{body}");
    assert!(
        !body.contains("data-app=\"hidden\""),
        "hidden apps are not listed"
    );
    assert!(
        body.contains("data-action=\"connect\""),
        "not connected yet"
    );

    site.login(&browser, None).await;
    let (_, body, _) = site
        .page_with_csrf(&browser, "/account/settings/linkedaccounts/")
        .await;
    assert!(body.contains("data-action=\"disconnect\""), "{body}");
}

async fn disconnect_needs_the_csrf_token() {
    let site = site().await;
    // A password is another way to sign in, so the lock-out guard lets the unlink through.
    let ada = site.local_user("ada@local.example", true).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    site.login(&browser, None).await;
    assert_eq!(site.count("oauthclient_remoteaccount"), 1);

    let response = browser
        .post(site.url(&format!("/oauth/disconnect/{APP}/")))
        .form(&[("csrf_token", "wrong")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    assert_eq!(
        site.count("oauthclient_remoteaccount"),
        1,
        "nothing removed"
    );

    let (status, body, csrf) = site
        .page_with_csrf(&browser, &format!("/oauth/disconnect/{APP}/"))
        .await;
    assert_eq!(status, 200, "GET shows a confirmation form: {body}");
    let response = browser
        .post(site.url(&format!("/oauth/disconnect/{APP}/")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/account/settings/linkedaccounts/");
    assert_eq!(site.count("oauthclient_remoteaccount"), 0);
    assert_eq!(site.count("oauthclient_remotetoken"), 0);
    assert_eq!(site.store.identity(APP, "1001").await.expect("find"), None);
}

async fn the_last_way_to_sign_in_cannot_be_disconnected() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await; // signs up through the provider: no password
    let (_, _, csrf) = site
        .page_with_csrf(&browser, &format!("/oauth/disconnect/{APP}/"))
        .await;
    let response = browser
        .post(site.url(&format!("/oauth/disconnect/{APP}/")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 400);
    let body = response.text().await.expect("body");
    assert!(body.contains("only way to sign in"), "{body}");
    assert_eq!(site.count("oauthclient_remoteaccount"), 1, "still linked");
}

async fn disconnect_and_settings_redirect_nowhere_for_anonymous_users() {
    let site = site().await;
    let response = browser()
        .post(site.url(&format!("/oauth/disconnect/{APP}/")))
        .form(&[("csrf_token", "x")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 401);
}

async fn logout_clears_the_session() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await;
    assert_ne!(site.whoami(&browser).await, "anonymous");
    let response = site.logout(&browser).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&browser).await, "anonymous");
    // The stored account stays; only this session forgot it.
    assert_eq!(site.count("oauthclient_remoteaccount"), 1);
}

async fn session_tokens_of_anonymous_users_are_cleared_by_logout() {
    let site = site_with(|toml| {
        toml.replace(
            "[remote_apps.fake]",
            "[remote_apps.fake]\nauthorized_handler = \"authorized_default\"",
        )
    })
    .await;
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        site.session_token(&browser).await,
        "present",
        "authorized_default keeps it in the session"
    );
    assert_eq!(
        site.count("oauthclient_remotetoken"),
        0,
        "and not in the database"
    );
    site.logout(&browser).await;
    assert_eq!(site.session_token(&browser).await, "absent");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        linked_accounts_page_needs_a_signed_in_user,
        linked_accounts_page_lists_visible_apps_by_title,
        disconnect_needs_the_csrf_token,
        the_last_way_to_sign_in_cannot_be_disconnected,
        disconnect_and_settings_redirect_nowhere_for_anonymous_users,
        logout_clears_the_session,
        session_tokens_of_anonymous_users_are_cleared_by_logout,
    ]
}
