//! Two demo instances behind an (imaginary) load balancer, sharing PostgreSQL and Redis
//! sessions: a flow started on instance A completes on instance B, and a disconnect done on B
//! is seen on A. Runs when `OAUTHCLIENT_TEST_POSTGRES_URL` and `OAUTHCLIENT_TEST_REDIS_URL`
//! are set (CI sets both; the demo must be built with its `postgres` feature, as
//! `cargo test --workspace --all-features` does).

mod common;

use common::{Demo, browser, location, start_at};
use oauthclient_testkit::services::service_url;
use oauthclient_testkit::{FakeUser, ProviderShape, StandIn};

fn service_urls() -> Option<(String, String)> {
    let suite = "demo: scale-out (PostgreSQL + Redis)";
    let postgres = service_url("OAUTHCLIENT_TEST_POSTGRES_URL", suite)?;
    let redis = service_url("OAUTHCLIENT_TEST_REDIS_URL", suite)?;
    Some((postgres, redis))
}

/// Starts one instance listening on `port`; every instance has the same configuration
/// otherwise, and the same public `site_url` (the load balancer's address, here A's).
fn instance(dir: &tempfile::TempDir, name: &str, port: u16, shared: &str) -> Demo {
    let path = dir.path().join(format!("{name}.toml"));
    // With --config, the file says where to listen.
    std::fs::write(&path, format!("listen = \"127.0.0.1:{port}\"\n{shared}")).expect("write");
    let data = tempfile::tempdir().expect("data dir");
    let mut demo = start_at(
        port,
        data,
        &["--config", path.to_str().expect("utf-8 path")],
    );
    demo.listen = format!("http://127.0.0.1:{port}");
    demo
}

async fn account_linked(browser: &reqwest::Client, demo: &Demo) -> bool {
    let listed: serde_json::Value = browser
        .get(format!("{}/api/oauth/accounts", demo.listen))
        .send()
        .await
        .expect("accounts")
        .json()
        .await
        .expect("json");
    listed["accounts"]
        .as_array()
        .and_then(|apps| apps.iter().find(|entry| entry["app"] == "github"))
        .and_then(|entry| entry["linked"].as_bool())
        .unwrap_or_else(|| panic!("github in {listed}"))
}

#[tokio::test]
async fn a_flow_crosses_instances_and_a_disconnect_on_one_is_seen_on_the_other() {
    let Some((postgres, redis)) = service_urls() else {
        return;
    };
    let github = StandIn::start(ProviderShape::GitHub)
        .await
        .expect("GitHub stand-in");
    // GitHub ids are numeric; one per run, the database is shared with other suites.
    let numeric_id = (u64::from(std::process::id()) + 900_000_000).to_string();
    let unique = format!("scale-{numeric_id}");
    github.set_user(FakeUser {
        id: numeric_id,
        login: unique.clone(),
        email: Some(format!("{unique}@example.org")),
        email_verified: true,
        name: None,
    });
    let dir = tempfile::tempdir().expect("dir");
    let (port_a, port_b) = (common::free_port(), common::free_port());
    let shared = format!(
        "site_url = \"http://127.0.0.1:{port_a}\"\n\
         database_url = \"{postgres}\"\n\
         session_store = \"{redis}\"\n\
         secret_key = \"scale-out-test-secret-0123456789abcdef-0123\"\n\n\
         {github}",
        github = github.remote_app_toml("github"),
    );
    let a = instance(&dir, "a", port_a, &shared);
    let b = instance(&dir, "b", port_b, &shared);

    // Register on A (a password: disconnecting later is allowed).
    let browser = browser();
    let email = format!("{unique}@local.example");
    let registered = a
        .submit(
            &browser,
            "/register",
            "/register",
            &[
                ("email", email.as_str()),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(registered.status(), 302);

    // Start the GitHub flow on A; the provider sends the browser back to the site, and the
    // load balancer hands the callback to B.
    let login = a.start_flow(&browser, "github").await;
    assert_eq!(login.status(), 302);
    let back = browser
        .get(location(&login))
        .send()
        .await
        .expect("authorize");
    let callback = location(&back);
    let on_b = callback.replacen(&a.listen, &b.listen, 1);
    assert_ne!(on_b, callback, "{callback}");
    let completed = browser.get(&on_b).send().await.expect("callback on B");
    assert_eq!(completed.status(), 302, "{:?}", completed.text().await);
    assert!(
        account_linked(&browser, &a).await,
        "A sees the link made on B"
    );

    // Disconnect on B; A sees it.
    let settings = "/account/settings/linkedaccounts/";
    let disconnected = b
        .submit(&browser, settings, "/oauth/disconnect/github/", &[])
        .await;
    assert_eq!(disconnected.status(), 302);
    assert!(
        !account_linked(&browser, &a).await,
        "A sees the disconnect done on B"
    );
}
