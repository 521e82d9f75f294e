//! The generic provider over real HTTP: an app with only `[account_info]` (no provider crate)
//! signs people in through the fake provider's user info, its groups become roles the host's
//! policy sees, `require_any` refuses outsiders, and every sign-in refreshes the groups kept
//! in the remote account's `extra_data`.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use oauthclient_core::AccountStore as _;
use oauthclient_core::host_policy::{HostEvent, HostPolicy, PreSignIn, SignInAttempt};

use crate::FakeUser;
use crate::site::SiteOptions;
use crate::suite::{APP, Scenario, TestSite, browser, launch, scenario_list};

/// An event's kind, groups and roles.
type Seen = (&'static str, Vec<String>, BTreeSet<String>);

/// Records the roles each sign-in attempt showed and every event's groups and roles.
#[derive(Default)]
struct Recording {
    attempts: Mutex<Vec<BTreeSet<String>>>,
    events: Mutex<Vec<Seen>>,
}

#[async_trait]
impl HostPolicy for Recording {
    async fn pre_sign_in(&self, attempt: &SignInAttempt<'_>) -> PreSignIn {
        self.attempts
            .lock()
            .expect("lock")
            .push(attempt.roles.clone());
        PreSignIn::Continue
    }

    async fn on_event(&self, event: &HostEvent) {
        let recorded = match event {
            HostEvent::SignedIn { groups, roles, .. } => ("signed_in", groups, roles),
            HostEvent::SignedUp { groups, roles, .. } => ("signed_up", groups, roles),
            HostEvent::Linked { groups, roles, .. } => ("linked", groups, roles),
            _ => return,
        };
        self.events.lock().expect("lock").push((
            recorded.0,
            recorded.1.clone(),
            recorded.2.clone(),
        ));
    }
}

/// The fake app with its `provider = "testkit"` line replaced by a mapping of the fake
/// provider's `GET /api/user`, and roles.
#[allow(clippy::needless_pass_by_value, reason = "the shape `edit` takes")]
fn mapped_by_configuration(toml: String) -> String {
    let params = format!("[remote_apps.{APP}.params]");
    assert!(
        toml.contains("provider = \"testkit\"\n") && toml.contains(&params),
        "{toml}"
    );
    toml.replace("provider = \"testkit\"\n", "").replace(
        &params,
        &format!(
            "[remote_apps.{APP}.account_info]\n\
             userinfo = \"user\"\n\
             id = \"/id\"\n\
             username = \"/login\"\n\
             name = \"/name\"\n\
             groups = [\"/groups\", {{ pointer = \"/groups\", prefix = \"{{client_id}}:\" }}]\n\
             [remote_apps.{APP}.account_info.email]\n\
             rule = \"flag\"\n\
             address = \"/email\"\n\
             verified = \"/email_verified\"\n\
             [remote_apps.{APP}.roles]\n\
             require_any = [\"staff\", \"it-*\"]\n\
             map = {{ \"staff\" = [\"editor\"], \"it-*\" = [\"admin\"] }}\n\
             [remote_apps.{APP}.params]"
        ),
    )
}

async fn mapped_site() -> (TestSite, Arc<Recording>) {
    let policy = Arc::new(Recording::default());
    let for_builder: Arc<dyn HostPolicy> = policy.clone();
    let site = launch(
        SiteOptions::new()
            .edit(mapped_by_configuration)
            .customize(move |builder| builder.policy(for_builder)),
    )
    .await;
    (site, policy)
}

/// Ada, whom the provider puts in `groups`.
fn member(site: &TestSite, groups: &[&str]) -> FakeUser {
    site.provider.set_groups(groups.iter().copied());
    FakeUser {
        id: "4242".into(),
        login: "ada".into(),
        email: Some("ada@example.org".into()),
        email_verified: true,
        name: Some("Ada Lovelace".into()),
    }
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// The `extra_data` of the user's account for the fake app.
async fn extra_data(site: &TestSite, email: &str) -> serde_json::Value {
    let user = site
        .store
        .user_by_email(email)
        .await
        .expect("find")
        .expect("signed up");
    site.store
        .remote_account(&user.id, site.provider.client_id())
        .await
        .expect("read")
        .expect("linked")
        .extra_data
}

async fn an_app_with_only_a_mapping_signs_in_and_refreshes_groups_and_roles() {
    let (site, policy) = mapped_site().await;
    site.provider.set_user(member(&site, &["staff", "it-ops"]));
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    let client = site.provider.client_id().to_owned();
    let first_groups = {
        let mut groups = strings(&["it-ops", "staff"]);
        groups.extend([format!("{client}:it-ops"), format!("{client}:staff")]);
        groups.sort();
        groups
    };
    let extra = extra_data(&site, "ada@example.org").await;
    assert_eq!(extra["groups"], serde_json::json!(first_groups));
    assert_eq!(extra["roles"], serde_json::json!(["admin", "editor"]));
    assert!(
        extra["groups_at"].as_u64().is_some_and(|at| at > 0),
        "{extra}"
    );

    // The provider changed its mind: the next sign-in brings the new groups.
    site.logout(&browser).await;
    site.provider.set_user(member(&site, &["staff"]));
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_ne!(site.whoami(&browser).await, "anonymous");
    let extra = extra_data(&site, "ada@example.org").await;
    assert_eq!(
        extra["groups"],
        serde_json::json!(["staff".to_owned(), format!("{client}:staff")])
    );
    assert_eq!(extra["roles"], serde_json::json!(["editor"]));

    let attempts = policy.attempts.lock().expect("lock").clone();
    assert_eq!(attempts, [set(&["admin", "editor"]), set(&["editor"])]);
    let events = policy.events.lock().expect("lock").clone();
    assert_eq!(
        events,
        [
            ("signed_up", first_groups.clone(), set(&["admin", "editor"])),
            ("signed_in", first_groups, set(&["admin", "editor"])),
            (
                "signed_in",
                vec!["staff".to_owned(), format!("{client}:staff")],
                set(&["editor"])
            ),
        ]
    );
}

async fn someone_in_no_required_group_is_refused_before_anything_is_written() {
    let (site, policy) = mapped_site().await;
    site.provider.set_user(member(&site, &["visitor"]));
    let response = site.login(&browser(), None).await;
    assert_eq!(response.status(), 403);
    let page = response.text().await.expect("body");
    assert!(
        page.contains("Your account is not in a group allowed here."),
        "{page}"
    );
    assert_eq!(site.count("accounts_user"), 0);
    assert_eq!(site.count("oauthclient_remoteaccount"), 0);
    assert!(
        policy.attempts.lock().expect("lock").is_empty(),
        "refused before the host is asked"
    );
    assert!(policy.events.lock().expect("lock").is_empty());
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        an_app_with_only_a_mapping_signs_in_and_refreshes_groups_and_roles,
        someone_in_no_required_group_is_refused_before_anything_is_written
    ]
}
