//! The app over real HTTP on 127.0.0.1: a whole sign-in through a fake provider under
//! `/auth`, `/whoami` signed in, the linked accounts page, sign-out; and sandbox mode's home.

use oauthclient_axum_app::sandbox::Sandbox;
use oauthclient_axum_app::{build, serve};
use oauthclient_testkit::FakeProvider;
use oauthclient_testkit::browser_actions::sign_out;

/// A browser: keeps cookies, does not follow redirects (each step is checked).
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A free port on 127.0.0.1 and its `http://` base URL.
async fn listen() -> (tokio::net::TcpListener, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    (listener, base)
}

/// Builds the app from `config` and serves it on `listener` until the test ends.
async fn start(listener: tokio::net::TcpListener, config: &str) {
    let app = build(config).await.expect("the app");
    tokio::spawn(serve(listener, app.router, std::future::pending()));
}

async fn get(browser: &reqwest::Client, url: &str) -> reqwest::Response {
    browser.get(url).send().await.expect("GET")
}

fn location(response: &reqwest::Response) -> String {
    assert!(response.status().is_redirection(), "{}", response.status());
    response.headers()["location"]
        .to_str()
        .expect("text")
        .to_owned()
}

async fn text(browser: &reqwest::Client, url: &str) -> String {
    get(browser, url).await.text().await.expect("body")
}

#[tokio::test]
async fn sign_in_under_auth_whoami_linked_accounts_and_sign_out() {
    // Not interactive: the provider signs its default user in and consents at once.
    let provider = FakeProvider::start().await.expect("provider");
    let data = tempfile::tempdir().expect("dir");
    let database = data.path().join("app.sqlite");
    let (listener, base) = listen().await;
    let config = format!(
        "site_url = \"{base}/auth\"\ndatabase_url = \"sqlite://{}\"\n\
         secret_key = \"axum-app-test-secret-axum-app-test-secret\"\n\n{}",
        database.display(),
        provider.remote_app_toml("fake"),
    );
    start(listener, &config).await;
    let browser = browser();
    assert_eq!(text(&browser, &format!("{base}/whoami")).await, "anonymous");
    let home = text(&browser, &format!("{base}/")).await;
    assert!(home.contains("href=\"/auth/oauth/login/fake/\""), "{home}");

    let login = get(&browser, &format!("{base}/auth/oauth/login/fake/")).await;
    let authorize = location(&login);
    assert!(authorize.starts_with(&provider.base_url()), "{authorize}");
    let callback = location(&get(&browser, &authorize).await);
    assert!(
        callback.starts_with(&format!("{base}/auth/oauth/authorized/fake/")),
        "{callback}"
    );
    assert_eq!(location(&get(&browser, &callback).await), "/");

    let user_id = text(&browser, &format!("{base}/whoami")).await;
    assert!(!user_id.is_empty() && user_id != "anonymous", "{user_id}");
    let home = text(&browser, &format!("{base}/")).await;
    assert!(home.contains("octo@example.org"), "{home}");
    let linked = text(
        &browser,
        &format!("{base}/auth/account/settings/linkedaccounts/"),
    )
    .await;
    assert!(linked.contains("data-action=\"disconnect\""), "{linked}");

    let signed_out = sign_out(&browser, &format!("{base}/auth")).await;
    assert_eq!(location(&signed_out), "/");
    assert_eq!(text(&browser, &format!("{base}/whoami")).await, "anonymous");
}

#[tokio::test]
async fn sandbox_mode_offers_the_sandbox_under_auth() {
    let (listener, base) = listen().await;
    let sandbox = Sandbox::start(listener.local_addr().expect("addr"))
        .await
        .unwrap();
    start(listener, &sandbox.config).await;
    let home = text(&browser(), &format!("{base}/")).await;
    assert!(home.contains("Sign in with Sandbox"), "{home}");
    let login = get(&browser(), &format!("{base}/auth/oauth/login/sandbox/")).await;
    assert!(location(&login).starts_with(&sandbox.provider_url()));
}
