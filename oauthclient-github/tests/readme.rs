//! The README's "Add it to your actix app" snippet, word for word (`readme/app.rs`; the first
//! test keeps the two identical): compiled here, run against the testkit's GitHub stand-in,
//! and it signs a visitor in.

use std::net::TcpListener;

use oauthclient_testkit::browser_actions::start_flow;
use oauthclient_testkit::site::{browser, location};
use oauthclient_testkit::{ProviderShape, StandIn};

mod readme_app {
    include!("readme/app.rs");
}

const SNIPPET: &str = include_str!("readme/app.rs");
const README: &str = include_str!("../../README.md");

#[test]
fn the_readme_shows_exactly_this_code() {
    let section = README
        .split("## Add it to your actix app")
        .nth(1)
        .expect("README has the section");
    let block = section
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```rust block");
    assert_eq!(
        block, SNIPPET,
        "README.md and oauthclient-github/tests/readme/app.rs differ: keep them identical"
    );
}

#[tokio::test]
async fn the_readme_app_signs_a_visitor_in_with_github() {
    let github = StandIn::start(ProviderShape::GitHub)
        .await
        .expect("stand-in");
    let dir = tempfile::tempdir().expect("temp dir");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let config_file = dir.path().join("oauthclient.toml");
    std::fs::write(
        &config_file,
        format!(
            "secret_key = \"readme-test-secret-readme-test-secret-readme\"\n\
             site_url = \"{base}\"\n\n{}",
            github.remote_app_toml("github")
        ),
    )
    .expect("write the configuration");
    let database_url = format!("sqlite://{}", dir.path().join("oauth.sqlite").display());
    let config_file = config_file.display().to_string();
    // actix-web's server is not `Send`: it runs on its own thread and runtime, as in a binary.
    let server = std::thread::spawn(move || {
        actix_web::rt::System::new()
            .block_on(readme_app::serve(&config_file, &database_url, listener))
            .map_err(|err| err.to_string())
    });

    let browser = browser();
    let started = start_flow(&browser, &format!("{base}/oauth/login/github/")).await;
    assert_eq!(started.status(), 302, "to GitHub");
    let authorized = browser
        .get(location(&started))
        .send()
        .await
        .expect("authorize");
    let callback = browser
        .get(location(&authorized))
        .send()
        .await
        .expect("callback");
    assert_eq!(callback.status(), 302, "signed in");
    let linked = browser
        .get(format!("{base}/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("linked accounts");
    assert_eq!(linked.status(), 200, "the signed-in user's page");
    assert!(!server.is_finished(), "the app still serves");
}
