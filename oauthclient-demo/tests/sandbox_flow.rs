//! The real demo binary in sandbox mode, driven over HTTP: sign-up through the sandbox
//! provider, the linked accounts page and JSON API, local accounts, disconnect, sign-in again.

mod common;

use common::{Demo, browser, input_value, location, start};

/// Clicks through the sandbox provider: login page → consent → approve. Returns the callback
/// URL the provider redirects to.
async fn through_sandbox(
    browser: &reqwest::Client,
    demo: &Demo,
    username: &str,
    share_email: bool,
) -> String {
    let login = demo.start_flow(browser, "sandbox").await;
    assert_eq!(login.status(), 302);
    let authorize = location(&login);
    let sandbox = demo.sandbox.clone().expect("sandbox mode");
    assert!(authorize.starts_with(&sandbox), "{authorize}");
    let page = browser
        .get(&authorize)
        .send()
        .await
        .expect("authorize")
        .text()
        .await
        .expect("page");
    assert!(page.contains("data-testid=\"sandbox-username\""), "{page}");
    let mut form = vec![
        ("pending", input_value(&page, "pending").expect("pending")),
        (
            "csrf_token",
            input_value(&page, "csrf_token").expect("csrf"),
        ),
        ("username", username.to_owned()),
        ("password", "anything".to_owned()),
    ];
    if share_email {
        form.push(("share_email", "yes".to_owned()));
    }
    let consent = browser
        .post(format!("{sandbox}/login"))
        .form(&form)
        .send()
        .await
        .expect("sandbox login")
        .text()
        .await
        .expect("consent page");
    assert!(
        consent.contains("data-testid=\"sandbox-approve\""),
        "{consent}"
    );
    let approved = browser
        .post(format!("{sandbox}/consent"))
        .form(&[
            (
                "pending",
                input_value(&consent, "pending").expect("pending"),
            ),
            (
                "csrf_token",
                input_value(&consent, "csrf_token").expect("csrf"),
            ),
            ("decision", "approve".to_owned()),
        ])
        .send()
        .await
        .expect("consent");
    assert_eq!(approved.status(), 302);
    location(&approved)
}

async fn accounts(browser: &reqwest::Client, demo: &Demo) -> serde_json::Value {
    browser
        .get(format!("{}/api/oauth/accounts", demo.base))
        .send()
        .await
        .expect("accounts")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn sign_up_through_the_provider_and_the_lock_out_guard() {
    let demo = start(&[]);
    let browser = browser();
    let home = browser
        .get(&demo.base)
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("body");
    assert!(home.contains("Sign in with Sandbox"), "{home}");

    // Sign-up through the provider, without sharing an e-mail: the sign-up form asks for one.
    let callback = through_sandbox(&browser, &demo, "ada", false).await;
    let response = browser.get(&callback).send().await.expect("callback");
    assert_eq!(location(&response), "/oauth/signup/sandbox/");
    let form = browser
        .get(format!("{}/oauth/signup/sandbox/", demo.base))
        .send()
        .await
        .expect("signup")
        .text()
        .await
        .expect("page");
    let csrf = input_value(&form, "csrf_token").expect("csrf");
    let done = browser
        .post(format!("{}/oauth/signup/sandbox/", demo.base))
        .form(&[("csrf_token", csrf.as_str()), ("email", "ada@demo.example")])
        .send()
        .await
        .expect("submit");
    assert_eq!(done.status(), 302);
    let home = demo.page(&browser, "/").await;
    assert!(home.contains("ada@demo.example"), "signed in: {home}");

    // Linked, with the sandbox user's id.
    let listed = accounts(&browser, &demo).await;
    assert_eq!(listed["accounts"][0]["linked"], true, "{listed}");
    assert!(
        listed["accounts"][0]["external_id"]
            .as_str()
            .is_some_and(|id| id.starts_with('2'))
    );

    // No password yet: disconnecting the only way to sign in is refused.
    let csrf: serde_json::Value = browser
        .get(format!("{}/api/oauth/csrf", demo.base))
        .send()
        .await
        .expect("csrf")
        .json()
        .await
        .expect("json");
    let csrf = csrf["csrf_token"].as_str().expect("token").to_owned();
    let refused = browser
        .post(format!("{}/api/oauth/disconnect/sandbox", demo.base))
        .header("X-CSRF-Token", &csrf)
        .send()
        .await
        .expect("disconnect");
    assert_eq!(refused.status(), 400);
}

/// A user who registered with a password links the sandbox, disconnects it, and signs in
/// again with the password.
#[tokio::test]
async fn link_disconnect_and_sign_in_with_a_password() {
    let demo = start(&[]);
    let bob = browser();
    let password = "correct horse battery";
    let registered = demo
        .submit(
            &bob,
            "/register",
            "/register",
            &[("email", "bob@demo.example"), ("password", password)],
        )
        .await;
    assert_eq!(registered.status(), 302);
    let callback = through_sandbox(&bob, &demo, "bob", true).await;
    let linked = bob.get(&callback).send().await.expect("callback");
    assert_eq!(location(&linked), "/account/settings/linkedaccounts/");
    let settings = demo.page(&bob, "/account/settings/linkedaccounts/").await;
    assert!(
        settings.contains("data-action=\"disconnect\""),
        "{settings}"
    );
    let settings_path = "/account/settings/linkedaccounts/";
    let disconnected = demo
        .submit(&bob, settings_path, "/oauth/disconnect/sandbox/", &[])
        .await;
    assert_eq!(disconnected.status(), 302);
    assert_eq!(accounts(&bob, &demo).await["accounts"][0]["linked"], false);

    // Signed out, bob signs in with his password again.
    demo.submit(&bob, "/", "/oauth/logout", &[]).await;
    for (attempt, expected) in [("wrong password", 401), (password, 302)] {
        let fields = [("email", "bob@demo.example"), ("password", attempt)];
        let response = demo.submit(&bob, "/login", "/login", &fields).await;
        assert_eq!(response.status(), expected, "{attempt}");
    }
    let home = demo.page(&bob, "/").await;
    assert!(home.contains("bob@demo.example"), "{home}");
}

#[tokio::test]
async fn accounts_and_sessions_survive_a_restart() {
    let first = start(&[]);
    let browser = browser();
    let callback = through_sandbox(&browser, &first, "carol", true).await;
    browser.get(&callback).send().await.expect("callback");
    let before = accounts(&browser, &first).await;
    assert_eq!(before["accounts"][0]["linked"], true, "{before}");
    let data_dir = first.stop();
    assert!(data_dir.path().join("demo.sqlite").exists());
    assert!(data_dir.path().join("secret_key").exists());

    let second = common::start_in(data_dir, &[]);
    // The same secret key: the session cookie from before the restart still works, and the
    // encrypted token rows are still readable.
    let after = accounts(&browser, &second).await;
    assert_eq!(after, before);
    let home = browser
        .get(&second.base)
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("page");
    assert!(home.contains("carol@sandbox.example"), "{home}");
}
