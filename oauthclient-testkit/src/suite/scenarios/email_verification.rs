//! E-mail verification: the confirmation link (single use, expiring, bound to its address),
//! resend with a cooldown, changing the address, and `email_verification` in every mode.

use std::sync::Arc;

use oauthclient_core::config::NoEnv;
use oauthclient_core::{OAuthClientConfig, Registry};
use oauthclient_frontend::{Runtime, RuntimeBuilder};

use crate::site::SiteOptions;
use crate::suite::{APP, Scenario, TestSite, browser, launch, location, scenario_list, site_with};
use crate::{FakeProvider, FakeUser, MemoryDirectory, MemoryStore};

const ADDRESS: &str = "ada@example.org";

fn no_email() -> FakeUser {
    FakeUser {
        email: None,
        email_verified: false,
        ..FakeUser::default()
    }
}

fn verification(mode: &'static str) -> impl FnOnce(String) -> String + Send + 'static {
    move |toml| format!("email_verification = \"{mode}\"\n{toml}")
}

/// Signs up through the form with a typed address; returns the form's response.
async fn sign_up(site: &TestSite, browser: &reqwest::Client, email: &str) -> reqwest::Response {
    site.provider.set_user(no_email());
    let response = site.login(browser, None).await;
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    let (_, _, csrf) = site
        .page_with_csrf(browser, &format!("/oauth/signup/{APP}/"))
        .await;
    browser
        .post(site.url(&format!("/oauth/signup/{APP}/")))
        .form(&[("csrf_token", csrf.as_str()), ("email", email)])
        .send()
        .await
        .expect("submit")
}

async fn confirmed(site: &TestSite) -> bool {
    site.store
        .user_by_email(ADDRESS)
        .await
        .expect("read")
        .expect("exists")
        .email_confirmed
}

async fn optional_signs_in_and_the_link_confirms_once() {
    let site = site_with(verification("optional")).await;
    let browser = browser();
    let response = sign_up(&site, &browser, ADDRESS).await;
    assert_eq!(response.status(), 302);
    assert_ne!(site.whoami(&browser).await, "anonymous", "signed in");
    assert!(!confirmed(&site).await);

    let messages = site.mailbox.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ADDRESS);
    assert!(
        messages[0].html.contains("confirm-email"),
        "HTML part links too"
    );
    let link = site.confirmation_path(ADDRESS);
    // A GET alone (a mail scanner) confirms nothing.
    let page = browser.get(site.url(&link)).send().await.expect("page");
    assert_eq!(page.status(), 200);
    assert_eq!(
        page.headers()
            .get("referrer-policy")
            .map(reqwest::header::HeaderValue::as_bytes),
        Some(&b"no-referrer"[..])
    );
    assert!(!confirmed(&site).await);
    let response = site.confirm(&browser, &link).await;
    assert_eq!(response.status(), 302);
    assert!(confirmed(&site).await);

    // Reused: refused.
    let response = site.confirm(&browser, &link).await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("already used")
    );
}

async fn tampered_other_address_and_expired_links_are_refused() {
    let site = site_with(|toml| {
        format!("email_confirmation_expires = 2\nemail_resend_cooldown = 0\n{toml}")
    })
    .await;
    let browser = browser();
    sign_up(&site, &browser, ADDRESS).await;
    let link = site.confirmation_path(ADDRESS);

    let mut tampered = link.clone();
    tampered.insert(tampered.len() - 3, 'x');
    let response = site.confirm(&browser, &tampered).await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.expect("body").contains("not valid"));

    // Changing the address voids the link sent to the old one.
    let (_, _, csrf) = site
        .page_with_csrf(&browser, "/account/settings/email/")
        .await;
    let response = browser
        .post(site.url("/account/settings/email/"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", "other@example.org"),
        ])
        .send()
        .await
        .expect("change");
    assert_eq!(response.status(), 302);
    let response = site.confirm(&browser, &link).await;
    assert_eq!(response.status(), 400);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("another address")
    );
    assert_eq!(
        site.mailbox.messages().len(),
        2,
        "the new address got its link"
    );

    // Expired.
    let fresh = site.confirmation_path("other@example.org");
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    let response = site.confirm(&browser, &fresh).await;
    assert_eq!(response.status(), 400);
    assert!(response.text().await.expect("body").contains("expired"));
    let user = site
        .store
        .user_by_email("other@example.org")
        .await
        .expect("read")
        .expect("exists");
    assert!(!user.email_confirmed);
}

async fn resend_waits_for_the_cooldown() {
    let site = site_with(|toml| format!("email_resend_cooldown = 3600\n{toml}")).await;
    let browser = browser();
    sign_up(&site, &browser, ADDRESS).await;
    assert_eq!(site.mailbox.messages().len(), 1);
    let (_, _, csrf) = site
        .page_with_csrf(&browser, "/account/settings/email/")
        .await;
    let response = browser
        .post(site.url("/oauth/confirm-email/resend"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("resend");
    assert_eq!(response.status(), 302);
    assert_eq!(
        site.mailbox.messages().len(),
        1,
        "cooling down: nothing sent"
    );
}

async fn mandatory_signs_in_only_after_confirmation() {
    let site = site_with(verification("mandatory")).await;
    let browser = browser();
    let response = sign_up(&site, &browser, ADDRESS).await;
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Check your inbox")
    );
    assert_eq!(site.whoami(&browser).await, "anonymous", "not signed in");

    // Signing in through the provider is refused until the address is confirmed.
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("confirm your e-mail")
    );
    assert_eq!(site.whoami(&browser).await, "anonymous");

    let link = site.confirmation_path(ADDRESS);
    assert_eq!(site.confirm(&browser, &link).await.status(), 302);
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_ne!(site.whoami(&browser).await, "anonymous");
}

async fn none_sends_nothing_and_the_address_stays_unconfirmed() {
    let site = site_with(verification("none")).await;
    let browser = browser();
    let response = sign_up(&site, &browser, ADDRESS).await;
    assert_eq!(response.status(), 302);
    assert_ne!(site.whoami(&browser).await, "anonymous");
    assert!(site.mailbox.messages().is_empty());
    assert!(
        !confirmed(&site).await,
        "never a target of linking by e-mail"
    );
}

async fn a_per_app_override_beats_the_site_setting() {
    let site = site_with(|toml| {
        format!(
            "email_verification = \"none\"\n{}",
            toml.replace(
                &format!("[remote_apps.{APP}]"),
                &format!("[remote_apps.{APP}]\nemail_verification = \"mandatory\""),
            )
        )
    })
    .await;
    let browser = browser();
    let response = sign_up(&site, &browser, ADDRESS).await;
    assert_eq!(response.status(), 200, "mandatory for this app");
    assert_eq!(site.mailbox.messages().len(), 1);
}

/// The front end's builder for a site whose `email_verification` is `policy`. Both adapters'
/// builders (`OAuthClientBuilder`, `OAuthRouterBuilder`) are this one with another output
/// type, so its checks at build time are theirs.
fn runtime_builder(provider: &FakeProvider, policy: &str) -> RuntimeBuilder<Runtime> {
    let toml = format!(
        "secret_key = \"web-test-secret-web-test-secret-web-test\"\nsite_url = \"http://127.0.0.1:9\"\nemail_verification = \"{policy}\"\n{}",
        provider.remote_app_toml(APP)
    );
    let registry = Registry::from_inventory().expect("registry");
    let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry).expect("config");
    RuntimeBuilder::new(config, registry)
}

/// A first app without mail: `optional` verification builds (typed addresses just stay
/// unconfirmed), `mandatory` refuses to build with a message saying what to do.
async fn without_a_mailer_optional_builds_and_mandatory_is_refused() {
    let provider = FakeProvider::start().await.expect("provider");
    let build = |policy: &str| {
        runtime_builder(&provider, policy)
            .store(Arc::new(MemoryStore::default()))
            .build()
    };
    assert!(build("optional").is_ok());
    assert!(build("none").is_ok());
    let refused = build("mandatory").expect_err("mandatory needs mail");
    assert!(refused.to_string().contains("[mail]"), "{refused}");
}

/// With the host's own users the host confirms addresses: our confirmation mail (mandatory
/// verification, a mailer) is refused at build time, as is a user store given twice.
async fn a_host_user_directory_refuses_confirmation_mail_and_a_second_user_store() {
    let provider = FakeProvider::start().await.expect("provider");
    let builder = |policy: &str| {
        runtime_builder(&provider, policy)
            .accounts(Arc::new(MemoryStore::default()))
            .user_directory(Arc::new(MemoryDirectory::default()))
    };
    assert!(builder("optional").build().is_ok());
    assert!(builder("none").build().is_ok());
    let mandatory = builder("mandatory").build().expect_err("the host confirms");
    assert!(
        mandatory.to_string().contains("host confirms addresses"),
        "{mandatory}"
    );
    let mailer = builder("none")
        .mailer(Arc::new(oauthclient_core::email::MemoryMailbox::default()))
        .build()
        .expect_err("no mail of ours");
    assert!(mailer.to_string().contains("mailer"), "{mailer}");
    let twice = builder("none")
        .users(Arc::new(MemoryStore::default()))
        .build()
        .expect_err("one user store");
    assert!(twice.to_string().contains("not both"), "{twice}");
}

/// A mail service that is down, with a message that must never reach a page.
struct DownMailer;

#[async_trait::async_trait]
impl oauthclient_core::email::Mailer for DownMailer {
    async fn send(
        &self,
        _message: &oauthclient_core::email::EmailMessage,
    ) -> Result<(), oauthclient_core::email::MailError> {
        Err(oauthclient_core::email::MailError::Transport {
            message: "relay.internal:25 refused AUTH for user mailer".into(),
            source: None,
        })
    }
}

async fn a_failed_mail_on_address_change_flashes_no_backend_text() {
    let site =
        launch(SiteOptions::new().customize(|builder| builder.mailer(Arc::new(DownMailer)))).await;
    let user = site.local_user("ada@example.org", false).await;
    let browser = browser();
    site.sign_in_as(&browser, &user).await;
    let (_, _, csrf) = site
        .page_with_csrf(&browser, "/account/settings/email/")
        .await;
    let response = browser
        .post(site.url("/account/settings/email/"))
        .form(&[("csrf_token", csrf.as_str()), ("email", "ada@new.example")])
        .send()
        .await
        .expect("change");
    assert_eq!(response.status(), 302);
    let page = site.page(&browser, "/account/settings/email/").await;
    assert!(page.contains("could not be sent right now"), "{page}");
    assert!(!page.contains("relay.internal"), "{page}");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        optional_signs_in_and_the_link_confirms_once,
        tampered_other_address_and_expired_links_are_refused,
        resend_waits_for_the_cooldown,
        mandatory_signs_in_only_after_confirmation,
        none_sends_nothing_and_the_address_stays_unconfirmed,
        a_per_app_override_beats_the_site_setting,
        without_a_mailer_optional_builds_and_mandatory_is_refused,
        a_host_user_directory_refuses_confirmation_mail_and_a_second_user_store,
        a_failed_mail_on_address_change_flashes_no_backend_text,
    ]
}
