//! The host's policy over real HTTP: a veto or a redirect before anything is written, sign-up
//! closed by the host, new users completed by the host, and the events a host acts on.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use oauthclient_core::account::{AccountInfo, NewUser, UserId};
use oauthclient_core::config::RemoteApp;
use oauthclient_core::host_policy::{HostEvent, HostPolicy, PreSignIn, SignInAttempt};

use crate::FakeUser;
use crate::site::SiteOptions;
use crate::suite::{APP, Scenario, TestSite, browser, launch, location, scenario_list};

/// A policy a test scripts: refuses logins named `banned`, redirects `elsewhere` (and
/// `offsite`, to another site), closes sign-up for `latecomer`, names new users after their
/// provider login, and records every event.
#[derive(Default)]
struct Scripted {
    events: Mutex<Vec<HostEvent>>,
}

#[async_trait]
impl HostPolicy for Scripted {
    async fn is_open_for_signup(&self, _app: &RemoteApp, info: &AccountInfo) -> bool {
        info.username.as_deref() != Some("latecomer")
    }

    async fn pre_sign_in(&self, attempt: &SignInAttempt<'_>) -> PreSignIn {
        match attempt.account_info.username.as_deref() {
            Some("banned") => PreSignIn::refuse("Your access to this site was withdrawn."),
            Some("elsewhere") => PreSignIn::redirect("/waiting-list"),
            Some("offsite") => PreSignIn::redirect("https://evil.example/"),
            _ => PreSignIn::Continue,
        }
    }

    async fn populate_user(&self, _app: &RemoteApp, info: &AccountInfo, user: &mut NewUser) {
        user.username = info.username.as_ref().map(|login| format!("gh-{login}"));
        // Not the host's to decide: ignored.
        user.confirmed = false;
        user.email = "hijack@example.org".into();
    }

    async fn on_event(&self, event: &HostEvent) {
        self.events.lock().expect("lock").push(event.clone());
    }
}

/// An event as (kind, app, user): what these scenarios check (the groups and roles events
/// carry are the `roles` scenarios').
pub(super) fn summary(event: &HostEvent) -> (&'static str, String, UserId) {
    let (kind, app, user_id) = match event {
        HostEvent::SignedIn { app, user_id, .. } => ("signed_in", app, user_id),
        HostEvent::SignedUp { app, user_id, .. } => ("signed_up", app, user_id),
        HostEvent::Linked { app, user_id, .. } => ("linked", app, user_id),
        HostEvent::Unlinked { app, user_id } => ("unlinked", app, user_id),
        HostEvent::TokenRefreshed { app, user_id } => ("token_refreshed", app, user_id),
        HostEvent::ReconnectRequired { app, user_id } => ("reconnect_required", app, user_id),
        _ => return ("other", String::new(), UserId::new("")),
    };
    (kind, app.clone(), user_id.clone())
}

async fn scripted_site() -> (TestSite, Arc<Scripted>) {
    let policy = Arc::new(Scripted::default());
    let for_builder: Arc<dyn HostPolicy> = policy.clone();
    let site =
        launch(SiteOptions::new().customize(move |builder| builder.policy(for_builder))).await;
    (site, policy)
}

fn user(login: &str) -> FakeUser {
    FakeUser {
        id: format!("id-{login}"),
        login: login.into(),
        email: Some(format!("{login}@example.org")),
        email_verified: true,
        ..FakeUser::default()
    }
}

async fn the_host_can_refuse_a_sign_in_before_anything_is_written() {
    let (site, policy) = scripted_site().await;
    site.provider.set_user(user("banned"));
    let response = site.login(&browser(), None).await;
    assert_eq!(response.status(), 403);
    let page = response.text().await.expect("body");
    assert!(
        page.contains("Your access to this site was withdrawn."),
        "{page}"
    );
    assert_eq!(site.count("accounts_user"), 0);
    assert_eq!(site.count("oauthclient_remoteaccount"), 0);
    assert!(policy.events.lock().expect("lock").is_empty());
}

async fn the_host_can_send_the_browser_elsewhere_but_only_somewhere_safe() {
    let (site, _) = scripted_site().await;
    site.provider.set_user(user("elsewhere"));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/waiting-list");
    assert_eq!(site.whoami(&browser).await, "anonymous");
    assert_eq!(site.count("accounts_user"), 0);

    site.provider.set_user(user("offsite"));
    let response = site.login(&browser, None).await;
    assert_eq!(
        location(&response),
        "/",
        "an unsafe target becomes the home page"
    );
}

async fn the_host_closes_sign_up_while_existing_users_still_sign_in() {
    let (site, _) = scripted_site().await;
    site.provider.set_user(user("latecomer"));
    let response = site.login(&browser(), None).await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Sign-up is closed")
    );
    assert_eq!(site.count("accounts_user"), 0);
}

async fn new_users_are_completed_by_the_host_and_every_step_is_announced() {
    let (site, policy) = scripted_site().await;
    site.provider.set_user(user("ada"));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    let created = site
        .store
        .user_by_email("ada@example.org")
        .await
        .expect("find")
        .expect("the address stays the provider's");
    assert_eq!(created.username.as_deref(), Some("gh-ada"));
    assert!(
        created.email_confirmed,
        "confirmation stays the library's decision"
    );

    // A returning sign-in is announced too.
    site.logout(&browser).await;
    site.login(&browser, None).await;
    let events: Vec<_> = policy
        .events
        .lock()
        .expect("lock")
        .iter()
        .map(summary)
        .collect();
    let app = APP.to_owned();
    assert_eq!(
        events,
        [
            ("signed_up", app.clone(), created.id.clone()),
            ("signed_in", app.clone(), created.id.clone()),
            ("signed_in", app, created.id.clone()),
        ]
    );
}

async fn links_and_unlinks_are_announced() {
    let (site, policy) = scripted_site().await;
    let local = site.local_user("local@local.example", true).await;
    site.provider.set_user(user("grace"));
    let browser = browser();
    site.sign_in_as(&browser, &local).await;
    site.login(&browser, None).await;
    let (_, _, csrf) = site
        .page_with_csrf(&browser, "/account/settings/linkedaccounts/")
        .await;
    let response = browser
        .post(site.url(&format!("/oauth/disconnect/{APP}/")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("disconnect");
    assert_eq!(response.status(), 302);
    let events: Vec<_> = policy
        .events
        .lock()
        .expect("lock")
        .iter()
        .map(summary)
        .collect();
    assert_eq!(
        events,
        [
            ("linked", APP.to_owned(), local.clone()),
            ("unlinked", APP.to_owned(), local.clone()),
        ]
    );
}

async fn refreshes_and_reconnects_are_announced() {
    let (site, policy) = scripted_site().await;
    site.provider.set_user(user("lin"));
    site.login(&browser(), None).await;
    let user_id = site
        .store
        .user_by_email("lin@example.org")
        .await
        .expect("find")
        .expect("signed up")
        .id;
    site.execute("UPDATE oauthclient_remotetoken SET expires = '2000-01-01 00:00:00'");
    site.runtime
        .access_token(APP, &user_id)
        .await
        .expect("refreshed");
    site.execute(
        "UPDATE oauthclient_remotetoken SET expires = '2000-01-01 00:00:00', refresh_token = NULL",
    );
    site.runtime
        .access_token(APP, &user_id)
        .await
        .expect_err("cannot refresh");
    let events = policy.events.lock().expect("lock").clone();
    let app = APP.to_owned();
    assert_eq!(
        events[2..],
        [
            HostEvent::TokenRefreshed {
                app: app.clone(),
                user_id: user_id.clone()
            },
            HostEvent::ReconnectRequired { app, user_id },
        ]
    );
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        the_host_can_refuse_a_sign_in_before_anything_is_written,
        the_host_can_send_the_browser_elsewhere_but_only_somewhere_safe,
        the_host_closes_sign_up_while_existing_users_still_sign_in,
        new_users_are_completed_by_the_host_and_every_step_is_announced,
        links_and_unlinks_are_announced,
        refreshes_and_reconnects_are_announced
    ]
}
