//! The web suite's scenarios against an app that brings its own users: a PostgreSQL `users`
//! table keyed by UUID, its own login, oauthclient-rs's tables beside it without a users table
//! of their own. Each test gets a fresh database on the server `OAUTHCLIENT_TEST_POSTGRES_URL`
//! names, and runs only when it is set (then an unreachable server fails the test, it never
//! skips); without it each test prints that it was not run, so `cargo test --workspace` passes
//! on a machine without PostgreSQL.

mod common;

use common::{Site, is_uuid, provider_user};
use oauthclient_core::OAuthClientConfig;
use oauthclient_core::config::NoEnv;
use oauthclient_core::registry::Registry;
// The sample configuration's `[remote_apps.github]` needs the GitHub provider linked.
use oauthclient_github as _;
use oauthclient_testkit::browser_actions::disconnect;
use oauthclient_testkit::html::input_value;
use oauthclient_testkit::site::{browser, location};

#[tokio::test]
async fn sign_up_creates_the_user_in_the_apps_own_table() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.provider
        .set_user(provider_user("101", "ada@example.org"));
    let browser = browser();
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(response.status(), 302, "signed up and in");

    let user = site.whoami(&browser).await;
    assert!(is_uuid(&user), "the app's UUID is the user id: {user}");
    assert_eq!(site.users(), 1);
    assert_eq!(
        site.db.text(&format!(
            "SELECT email AS value FROM users WHERE id = '{user}'"
        )),
        Some("ada@example.org".to_owned())
    );
    assert_eq!(site.identity_owner("101"), Some(user.clone()));
    assert_eq!(
        site.db
            .text("SELECT user_id AS value FROM oauthclient_remoteaccount"),
        Some(user)
    );
    // No users table of the library's: the app's is the only one.
    assert_eq!(
        site.db
            .text("SELECT to_regclass('accounts_user')::text AS value"),
        None
    );
}

#[tokio::test]
async fn a_returning_user_signs_in_as_the_same_app_user() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.provider
        .set_user(provider_user("102", "bob@example.org"));
    let first = browser();
    site.sign_in_with_provider(&first).await;
    let user = site.whoami(&first).await;

    let second = browser();
    let response = site.sign_in_with_provider(&second).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&second).await, user);
    assert_eq!(site.users(), 1, "no second user");
}

#[tokio::test]
async fn a_user_of_the_apps_own_login_links_and_disconnects() {
    let Some(site) = Site::start().await else {
        return;
    };
    let browser = browser();
    let user = site.register(&browser, "carol@example.org").await;
    assert!(is_uuid(&user), "{user}");

    // A provider account under another address: linking goes by who is signed in.
    site.provider
        .set_user(provider_user("103", "carol.at.provider@example.net"));
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(location(&response), "/account/settings/linkedaccounts/");
    assert_eq!(site.identity_owner("103"), Some(user.clone()));
    assert_eq!(site.users(), 1, "linked, not signed up");

    // Carol has a password, so the provider is not her last way in.
    let response = disconnect(&browser, &site.base, "fake").await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.identity_owner("103"), None);
    assert_eq!(
        site.db
            .count("SELECT count(*) AS n FROM oauthclient_remoteaccount"),
        0
    );
    assert_eq!(site.whoami(&browser).await, user, "still signed in");
}

#[tokio::test]
async fn the_last_way_to_sign_in_is_not_disconnected() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.provider
        .set_user(provider_user("104", "dan@example.org"));
    let browser = browser();
    site.sign_in_with_provider(&browser).await;
    let user = site.whoami(&browser).await;

    let response = disconnect(&browser, &site.base, "fake").await;
    assert_eq!(response.status(), 400, "refused");
    let body = response.text().await.expect("body");
    assert!(body.contains("only way to sign in"), "{body}");
    assert_eq!(site.identity_owner("104"), Some(user), "still linked");
    assert_eq!(
        site.db
            .count("SELECT count(*) AS n FROM oauthclient_remotetoken"),
        1,
        "the token stays"
    );
}

const REFUSE_IDENTITIES: &str = "
    CREATE FUNCTION injected_failure() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql;
    CREATE TRIGGER refuse_identities BEFORE INSERT ON oauthclient_useridentity
        FOR EACH ROW EXECUTE FUNCTION injected_failure();
";

#[tokio::test]
async fn a_link_that_fails_after_the_user_was_created_leaves_no_user() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.provider
        .set_user(provider_user("105", "erin@example.org"));
    site.db.execute(REFUSE_IDENTITIES);

    let browser = browser();
    let response = site.sign_in_with_provider(&browser).await;
    assert!(response.status().is_server_error(), "{}", response.status());
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.users(), 0, "the new user was removed again");
    for table in [
        "oauthclient_useridentity",
        "oauthclient_remoteaccount",
        "oauthclient_remotetoken",
    ] {
        assert_eq!(
            site.db.count(&format!("SELECT count(*) AS n FROM {table}")),
            0,
            "{table}: the link is all or nothing"
        );
    }

    // Once the database works again, the same sign-up simply succeeds.
    site.db
        .execute("DROP TRIGGER refuse_identities ON oauthclient_useridentity");
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(response.status(), 302);
    let user = site.whoami(&browser).await;
    assert_eq!(site.identity_owner("105"), Some(user));
    assert_eq!(site.users(), 1);
}

#[tokio::test]
async fn a_user_whose_removal_failed_too_is_linked_by_the_retry() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.provider
        .set_user(provider_user("106", "fay@example.org"));
    site.db.execute(REFUSE_IDENTITIES);
    site.db.execute(
        "CREATE TRIGGER keep_users BEFORE DELETE ON users \
         FOR EACH ROW EXECUTE FUNCTION injected_failure();",
    );

    let browser = browser();
    let response = site.sign_in_with_provider(&browser).await;
    assert!(response.status().is_server_error(), "{}", response.status());
    // The user stays, but without any way to sign in through the provider.
    assert_eq!(site.users(), 1);
    let orphan = site
        .db
        .text("SELECT id::text AS value FROM users")
        .expect("the orphan");
    assert_eq!(site.identity_owner("106"), None);
    assert_eq!(site.whoami(&browser).await, "anonymous");

    site.db.execute(
        "DROP TRIGGER refuse_identities ON oauthclient_useridentity; \
         DROP TRIGGER keep_users ON users;",
    );
    // The retry finds the user by the address the provider verified and links them.
    let response = site.sign_in_with_provider(&browser).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&browser).await, orphan);
    assert_eq!(site.identity_owner("106"), Some(orphan));
    assert_eq!(site.users(), 1);
}

#[tokio::test]
async fn a_disabled_app_user_cannot_sign_in_with_the_provider() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.provider
        .set_user(provider_user("107", "gus@example.org"));
    let first = browser();
    site.sign_in_with_provider(&first).await;
    site.db.execute("UPDATE users SET active = FALSE");

    let second = browser();
    let response = site.sign_in_with_provider(&second).await;
    assert_ne!(response.status(), 200);
    assert_eq!(site.whoami(&second).await, "anonymous");
}

#[tokio::test]
async fn a_typed_address_is_stored_unconfirmed_and_attracts_no_provider_link() {
    let Some(site) = Site::start().await else {
        return;
    };
    // Someone registers the victim's address with the app's own form: nothing proves it is
    // theirs.
    let squatter = browser();
    let squatter_id = site.register(&squatter, "hal@example.org").await;
    assert_eq!(
        site.db.text(&format!(
            "SELECT email_confirmed::text AS value FROM users WHERE id = '{squatter_id}'"
        )),
        Some("false".to_owned()),
        "a typed address is stored unconfirmed"
    );

    // The address's owner signs in with a provider that verified it: never into the
    // squatter's account.
    site.provider
        .set_user(provider_user("108", "hal@example.org"));
    let owner = browser();
    let response = site.sign_in_with_provider(&owner).await;
    // The unconfirmed holder keeps the row (the app's unique index), so the owner is asked
    // for an address on the sign-up form; signed in as the squatter, never.
    assert_eq!(location(&response), "/oauth/signup/fake/");
    assert_ne!(site.whoami(&owner).await, squatter_id);
    assert_ne!(site.identity_owner("108"), Some(squatter_id.clone()));
    assert_eq!(
        site.db.count(&format!(
            "SELECT count(*) AS n FROM oauthclient_remoteaccount WHERE user_id = '{squatter_id}'"
        )),
        0,
        "nothing linked to the squatter"
    );
}

#[tokio::test]
async fn the_home_pages_sign_out_link_is_served_and_signs_out() {
    let Some(site) = Site::start().await else {
        return;
    };
    site.provider
        .set_user(provider_user("109", "ivy@example.org"));
    let browser = browser();
    site.sign_in_with_provider(&browser).await;
    assert_ne!(site.whoami(&browser).await, "anonymous");

    let home = browser.get(site.url("/")).send().await.expect("home");
    let home = home.text().await.expect("the home page");
    let href = home
        .split("<a href=\"")
        .skip(1)
        .filter_map(|link| link.split_once("\">"))
        .find_map(|(href, text)| text.starts_with("Sign out").then(|| href.to_owned()))
        .unwrap_or_else(|| panic!("no sign-out link on the home page: {home}"));
    let page = browser
        .get(site.url(&href))
        .send()
        .await
        .expect("the sign-out link");
    assert_eq!(
        page.status(),
        200,
        "{href} is served (the confirmation page)"
    );
    let page = page.text().await.expect("the confirmation page");
    let csrf = input_value(&page, "csrf_token").expect("the page's CSRF token");
    let response = browser
        .post(site.url(&href))
        .form(&[("csrf_token", csrf)])
        .send()
        .await
        .expect("sign out");
    assert_eq!(response.status(), 302, "signed out");
    assert_eq!(site.whoami(&browser).await, "anonymous");
}

/// `oauthclient.toml` beside the example (what its README runs it with) loads as the binary
/// loads it, with the environment its README sets; its placeholders alone are refused. Needs
/// no database.
#[test]
fn the_sample_configuration_loads() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/oauthclient.toml");
    let toml = std::fs::read_to_string(path).expect("the sample configuration");
    let registry = Registry::from_inventory().expect("registry");
    let err = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry)
        .expect_err("placeholders are refused");
    assert_eq!(err.key, "secret_key", "{err}");
    let env: std::collections::BTreeMap<String, String> = [
        (
            "OAUTHCLIENT_SECRET_KEY",
            "own-users-test-secret-own-users-test-secret",
        ),
        ("GITHUB_APP_CREDENTIALS_CONSUMER_KEY", "unused"),
        ("GITHUB_APP_CREDENTIALS_CONSUMER_SECRET", "unused"),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value.to_owned()))
    .collect();
    let config = OAuthClientConfig::from_toml_str(&toml, &env, &registry)
        .unwrap_or_else(|err| panic!("{path}: {err}"));
    let github = config.remote_app("github").expect("the GitHub app");
    assert_eq!(github.provider.as_deref(), Some("github"));
    assert_eq!(config.site_url.as_str(), "http://127.0.0.1:8000/");
}
