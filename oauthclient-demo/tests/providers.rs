//! The real demo binary with `--config` pointing its GitHub and ORCID apps at testkit
//! stand-ins. The configuration names only `provider = "github"` / `"orcid"`, so the demo
//! starts only if the provider crates' registrations made it into the binary; then both
//! sign-ins, linking and disconnecting run end to end over HTTP.

mod common;

use common::{Demo, browser, input_value, location, start};
use oauthclient_testkit::{FakeUser, ProviderShape, StandIn};

const SOFIA: &str = "0000-0001-2345-6789";

struct Setup {
    demo: Demo,
    github: StandIn,
    orcid: StandIn,
    _dir: tempfile::TempDir,
}

async fn demo_with_stand_ins() -> Setup {
    let github = StandIn::start(ProviderShape::GitHub)
        .await
        .expect("GitHub stand-in");
    let orcid = StandIn::start(ProviderShape::Orcid)
        .await
        .expect("ORCID stand-in");
    let dir = tempfile::tempdir().expect("dir");
    let port = common::free_port();
    let text = format!(
        "listen = \"127.0.0.1:{port}\"\n\
         site_url = \"http://127.0.0.1:{port}\"\n\
         database_url = \"sqlite://{db}\"\n\
         secret_key = \"demo-providers-test-secret-0123456789abcdef\"\n\n\
         {github}\n{orcid}",
        db = dir.path().join("demo.sqlite").display(),
        github = github.remote_app_toml("github"),
        orcid = orcid.remote_app_toml("orcid"),
    );
    let path = dir.path().join("demo.toml");
    std::fs::write(&path, text).expect("write");
    let demo = start(&["--config", path.to_str().expect("utf-8 path")]);
    assert!(demo.sandbox.is_none());
    Setup {
        demo,
        github,
        orcid,
        _dir: dir,
    }
}

/// `/oauth/login/{app}/` → the stand-in → back; the callback's response.
async fn sign_in(
    browser: &reqwest::Client,
    demo: &Demo,
    stand_in: &StandIn,
    app: &str,
) -> reqwest::Response {
    let login = demo.start_flow(browser, app).await;
    assert_eq!(login.status(), 302);
    let authorize = location(&login);
    assert!(
        authorize.starts_with(&stand_in.authorize_url()),
        "{authorize}"
    );
    let back = browser.get(&authorize).send().await.expect("authorize");
    assert_eq!(back.status(), 302);
    let callback = location(&back);
    assert!(
        callback.starts_with(&format!("{}/oauth/authorized/{app}/", demo.base)),
        "{callback}"
    );
    browser.get(&callback).send().await.expect("callback")
}

async fn account(browser: &reqwest::Client, demo: &Demo, app: &str) -> serde_json::Value {
    let listed: serde_json::Value = browser
        .get(format!("{}/api/oauth/accounts", demo.base))
        .send()
        .await
        .expect("accounts")
        .json()
        .await
        .expect("json");
    listed["accounts"]
        .as_array()
        .and_then(|apps| apps.iter().find(|entry| entry["app"] == app))
        .cloned()
        .unwrap_or_else(|| panic!("{app} in {listed}"))
}

#[tokio::test]
async fn github_and_orcid_sign_in_through_the_demo_binary() {
    let Setup {
        demo,
        github,
        orcid,
        _dir,
    } = demo_with_stand_ins().await;
    let home = demo.page(&browser(), "/").await;
    assert!(
        home.contains("Sign in with GitHub") && home.contains("Sign in with ORCID"),
        "{home}"
    );

    // GitHub, a new user with a verified e-mail: signed up, linked, signed in.
    let octo = browser();
    let response = sign_in(&octo, &demo, &github, "github").await;
    assert_eq!(response.status(), 302);
    let home = demo.page(&octo, "/").await;
    assert!(
        home.contains("Welcome, Octo Cat") && home.contains("data-testid=\"linked-github\""),
        "{home}"
    );
    let linked = account(&octo, &demo, "github").await;
    assert_eq!(
        (linked["linked"].as_bool(), linked["external_id"].as_str()),
        (Some(true), Some("1001"))
    );
    let paths: Vec<String> = github
        .api_requests()
        .into_iter()
        .map(|call| call.path)
        .collect();
    assert_eq!(paths, ["/api/user", "/api/user/emails"]);

    // ORCID gives no e-mail: the sign-up form asks, the name comes from ORCID.
    let sofia = browser();
    let response = sign_in(&sofia, &demo, &orcid, "orcid").await;
    assert_eq!(location(&response), "/oauth/signup/orcid/");
    let form = demo.page(&sofia, "/oauth/signup/orcid/").await;
    assert_eq!(
        input_value(&form, "full_name").as_deref(),
        Some("Sofia Garcia")
    );
    let done = demo
        .submit(
            &sofia,
            "/oauth/signup/orcid/",
            "/oauth/signup/orcid/",
            &[("email", "sofia@uni.example")],
        )
        .await;
    assert_eq!(done.status(), 302);
    let home = demo.page(&sofia, "/").await;
    assert!(
        home.contains("Welcome, Sofia Garcia") && home.contains("sofia@uni.example"),
        "{home}"
    );
    let linked = account(&sofia, &demo, "orcid").await;
    assert_eq!(
        (linked["linked"].as_bool(), linked["external_id"].as_str()),
        (Some(true), Some(SOFIA))
    );
}

#[tokio::test]
async fn a_password_user_links_github_and_disconnect_revokes_the_grant() {
    let Setup { demo, github, .. } = demo_with_stand_ins().await;
    github.set_user(FakeUser {
        id: "2002".into(),
        login: "grace".into(),
        email: Some("grace@example.org".into()),
        email_verified: true,
        name: Some("Grace Hopper".into()),
    });
    let grace = browser();
    let registered = demo
        .submit(
            &grace,
            "/register",
            "/register",
            &[
                ("email", "grace@local.example"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(registered.status(), 302);
    let linked = sign_in(&grace, &demo, &github, "github").await;
    assert_eq!(location(&linked), "/account/settings/linkedaccounts/");
    assert_eq!(
        account(&grace, &demo, "github").await["external_id"],
        "2002"
    );

    let settings = "/account/settings/linkedaccounts/";
    let disconnected = demo
        .submit(&grace, settings, "/oauth/disconnect/github/", &[])
        .await;
    assert_eq!(disconnected.status(), 302);
    assert_eq!(
        github.revoked_grants().len(),
        1,
        "the grant was revoked at GitHub"
    );
    assert_eq!(github.issued_access_tokens(), github.revoked_grants());
    assert_eq!(account(&grace, &demo, "github").await["linked"], false);
}
