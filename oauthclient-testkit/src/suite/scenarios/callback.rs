//! `GET /oauth/authorized/{app}/`: sign-in and sign-up, linking, and every way it can fail.

use std::time::Duration;

use oauthclient_core::AccountStore;
use oauthclient_core::account::UserId;

use crate::site::session_set_cookie;
use crate::suite::{APP, Scenario, browser, location, scenario_list, site, site_with};
use crate::{Consent, FakeUser, Fault};

async fn a_new_user_is_registered_linked_and_signed_in() {
    let site = site().await;
    let browser = browser();
    let response = site.login(&browser, Some("/welcome")).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/welcome");
    let user_id = UserId::new(site.whoami(&browser).await);
    assert_eq!(site.count("accounts_user"), 1);
    assert_eq!(site.count("oauthclient_remoteaccount"), 1);
    assert_eq!(site.count("oauthclient_remotetoken"), 1);
    assert_eq!(site.count("oauthclient_useridentity"), 1);
    let identity = site
        .store
        .identity(APP, "1001")
        .await
        .expect("find")
        .expect("linked");
    assert_eq!(identity.user_id, user_id);
    let token = site
        .store
        .token(&user_id, site.provider.client_id(), "")
        .await
        .expect("get")
        .expect("stored");
    assert!(
        site.provider
            .issued_access_tokens()
            .contains(&token.access_token.expose_secret().to_owned())
    );
}

async fn a_returning_user_signs_in_to_the_same_account() {
    let site = site().await;
    let first = browser();
    site.login(&first, None).await;
    let user_id = site.whoami(&first).await;
    let second = browser();
    let response = site.login(&second, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&second).await, user_id);
    assert_eq!(site.count("accounts_user"), 1);
    assert_eq!(site.count("oauthclient_useridentity"), 1);
}

async fn a_signed_in_user_links_the_remote_account() {
    let site = site().await;
    let ada = site.local_user("ada@local.example", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/account/settings/linkedaccounts/");
    assert_eq!(site.whoami(&browser).await, ada.to_string());
    assert_eq!(
        site.store
            .identity(APP, "1001")
            .await
            .expect("find")
            .map(|i| i.user_id),
        Some(ada)
    );
    assert_eq!(site.count("accounts_user"), 1, "no new user");
}

async fn an_identity_linked_to_someone_else_is_refused() {
    let site = site().await;
    let owner = browser();
    site.login(&owner, None).await;
    let bob = site.local_user("bob@local.example", false).await;
    let intruder = browser();
    site.sign_in_as(&intruder, &bob).await;
    let response = site.login(&intruder, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/account/settings/linkedaccounts/");
    let page = intruder
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("settings")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("External service is already linked to another account."),
        "{page}"
    );
    assert!(
        site.store
            .remote_accounts_of(&bob)
            .await
            .expect("list")
            .is_empty()
    );
}

async fn a_verified_email_of_an_existing_user_signs_them_in() {
    let site = site().await;
    let octo = site.local_user("octo@example.org", false).await;
    let browser = browser();
    site.login(&browser, None).await;
    assert_eq!(site.whoami(&browser).await, octo.to_string());
    assert_eq!(site.count("accounts_user"), 1);
}

async fn an_unverified_email_never_signs_anyone_in() {
    let site = site().await;
    site.local_user("octo@example.org", false).await;
    site.provider.set_user(FakeUser {
        email_verified: false,
        ..FakeUser::default()
    });
    let browser = browser();
    let response = site.login(&browser, None).await;
    // The address belongs to a confirmed account: sign in to it first, then connect.
    assert_eq!(response.status(), 409);
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.count("accounts_user"), 1, "no duplicate account");
}

async fn access_denied_flashes_and_redirects() {
    let site = site().await;
    site.provider.set_consent(Consent::Deny);
    let browser = browser();
    let response = site.login(&browser, Some("/after")).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/after");
    // The flash shows on the next page oauthclient renders.
    let page = browser
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("You rejected the authentication request."),
        "{page}"
    );
    assert_eq!(site.count("accounts_user"), 0);
}

async fn a_provider_error_flashes_and_redirects() {
    let site = site().await;
    site.provider
        .set_authorize_error(Some("temporarily_unavailable"));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/");
    assert_eq!(site.count("accounts_user"), 0);
}

async fn token_endpoint_failures_are_502_and_write_nothing() {
    let faults = [
        Fault::ServerError,
        Fault::Html,
        Fault::GarbageJson,
        Fault::MissingAccessToken,
        Fault::HugeBody,
        Fault::Slow(Duration::from_secs(5)),
    ];
    for fault in faults {
        let label = format!("{fault:?}");
        let site = site().await;
        site.provider.set_token_fault(Some(fault));
        let browser = browser();
        let response = site.login(&browser, None).await;
        assert_eq!(response.status(), 502, "{label}");
        let body = response.text().await.expect("body");
        assert!(
            body.contains("did not answer as expected"),
            "{label}: {body}"
        );
        assert!(
            !body.contains("panicked") && !body.contains("backtrace"),
            "{label}"
        );
        for table in [
            "accounts_user",
            "oauthclient_remoteaccount",
            "oauthclient_remotetoken",
            "oauthclient_useridentity",
        ] {
            assert_eq!(site.count(table), 0, "{label}: {table}");
        }
        assert_eq!(site.whoami(&browser).await, "anonymous", "{label}");
    }
}

async fn a_token_endpoint_refusing_our_client_is_a_configuration_error() {
    let site = site().await;
    site.provider
        .set_token_fault(Some(Fault::OAuthError("invalid_client".into())));
    let response = site.login(&browser(), None).await;
    assert_eq!(response.status(), 500);
    let body = response.text().await.expect("body");
    assert!(body.contains("not configured correctly"), "{body}");
}

/// Two flows started side by side: the first to finish signs in, and signing in drops every
/// other pending flow of the session (a flow started before sign-in must not complete as a
/// link in the signed-in session: login CSRF), so the other tab is refused and starts again.
async fn two_tabs_the_second_is_refused_after_sign_in() {
    let site = site().await;
    let browser = browser();
    let first = site.start_login(&browser, Some("/one")).await;
    let second = site.start_login(&browser, Some("/two")).await;
    let second_callback = site.authorize(&browser, &second).await;
    let first_callback = site.authorize(&browser, &first).await;
    let response = browser.get(second_callback).send().await.expect("callback");
    assert_eq!(location(&response), "/two");
    let response = browser.get(first_callback).send().await.expect("callback");
    assert_eq!(response.status(), 403);
    let again = site.login(&browser, Some("/one")).await;
    assert_eq!(location(&again), "/one");
}

async fn link_only_apps_do_not_sign_anonymous_users_in() {
    let site = site_with(|toml| {
        toml.replace("[remote_apps.fake]", "[remote_apps.fake]\nlink_only = true")
    })
    .await;
    let response = browser()
        .get(site.url(&format!("/oauth/login/{APP}/")))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("can only be linked")
    );
}

/// The session cookie a response sets, as a browser sends it back (`name=value`).
fn session_cookie(response: &reqwest::Response) -> Option<String> {
    session_set_cookie(response).and_then(|value| value.split(';').next().map(str::to_owned))
}

async fn the_session_changes_on_sign_in_and_the_old_cookie_signs_no_one_in() {
    let site = site().await;
    let browser = browser();
    let login = browser
        .get(site.url(&format!("/oauth/login/{APP}/")))
        .send()
        .await
        .expect("login");
    let before = session_cookie(&login).expect("login sets the session cookie");
    let callback = site.authorize(&browser, &location(&login)).await;
    let response = browser.get(callback).send().await.expect("callback");
    let after = session_cookie(&response).expect("sign-in sets a new session cookie");
    assert_ne!(before, after);
    assert_ne!(site.whoami(&browser).await, "anonymous");
    // Someone holding the pre-login cookie (a planted session) is not signed in by it.
    let planted = reqwest::Client::new()
        .get(site.url("/test/whoami"))
        .header(reqwest::header::COOKIE, before)
        .send()
        .await
        .expect("whoami")
        .text()
        .await
        .expect("body");
    assert_eq!(planted, "anonymous");
}

async fn an_app_that_does_not_trust_emails_never_matches_by_email() {
    let site = site_with(|toml| {
        toml.replace(
            "[remote_apps.fake]",
            "[remote_apps.fake]\ntrust_email = false",
        )
    })
    .await;
    site.local_user("octo@example.org", false).await;
    let browser = browser();
    let response = site.login(&browser, None).await;
    // The verified e-mail is taken but not trusted: refuse (sign in first), do not sign the
    // owner in and do not create a second account.
    assert_eq!(response.status(), 409);
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.count("accounts_user"), 1);
}

async fn an_unverified_free_email_asks_instead_of_registering() {
    let site = site().await;
    site.provider.set_user(FakeUser {
        email: Some("claimed@example.org".into()),
        email_verified: false,
        ..FakeUser::default()
    });
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    assert_eq!(
        site.count("accounts_user"),
        0,
        "no account from an unverified address"
    );
    let (_, form, _) = site
        .page_with_csrf(&browser, &format!("/oauth/signup/{APP}/"))
        .await;
    assert!(
        form.contains("value=\"claimed@example.org\""),
        "pre-filled: {form}"
    );
}

async fn a_deactivated_user_cannot_sign_in_through_the_provider() {
    let site = site().await;
    let first = browser();
    site.login(&first, None).await;
    let user_id = site.whoami(&first).await;
    site.execute(&format!(
        "UPDATE accounts_user SET active = 0 WHERE id = {user_id}"
    ));
    let second = browser();
    let response = site.login(&second, None).await;
    assert_eq!(response.status(), 400);
    let body = response.text().await.expect("body");
    assert!(body.contains("This account is disabled."), "{body}");
    assert_eq!(site.whoami(&second).await, "anonymous");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_new_user_is_registered_linked_and_signed_in,
        a_returning_user_signs_in_to_the_same_account,
        a_signed_in_user_links_the_remote_account,
        an_identity_linked_to_someone_else_is_refused,
        a_verified_email_of_an_existing_user_signs_them_in,
        an_unverified_email_never_signs_anyone_in,
        access_denied_flashes_and_redirects,
        a_provider_error_flashes_and_redirects,
        token_endpoint_failures_are_502_and_write_nothing,
        a_token_endpoint_refusing_our_client_is_a_configuration_error,
        two_tabs_the_second_is_refused_after_sign_in,
        link_only_apps_do_not_sign_anonymous_users_in,
        the_session_changes_on_sign_in_and_the_old_cookie_signs_no_one_in,
        an_app_that_does_not_trust_emails_never_matches_by_email,
        an_unverified_free_email_asks_instead_of_registering,
        a_deactivated_user_cannot_sign_in_through_the_provider
    ]
}
