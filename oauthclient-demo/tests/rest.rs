//! The real demo binary with a REST app (configured in a file): flows end with
//! `?message=&code=` redirects.

mod common;

use oauthclient_testkit::{Consent, FakeProvider};

use common::{browser, location, start};

fn params(landed: &str) -> std::collections::BTreeMap<String, String> {
    url::Url::parse(&format!("http://placeholder{landed}"))
        .map(|url| url.query_pairs().into_owned().collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn rest_apps_report_outcomes_in_the_redirect() {
    let provider = FakeProvider::start().await.expect("provider");
    let dir = tempfile::tempdir().expect("dir");
    let port = common::free_port();
    let app = provider.remote_app_toml("fake").replace(
        "[remote_apps.fake]\n",
        "[remote_apps.fake]\nrest = { authorized_redirect_url = \"/spa/#done\", error_redirect_url = \"/spa/#error\" }\n",
    );
    let config = format!(
        "listen = \"127.0.0.1:{port}\"\nsite_url = \"http://127.0.0.1:{port}\"\ndatabase_url = \"sqlite://{db}\"\nsecret_key = \"rest-test-secret-rest-test-secret-rest\"\n\n{app}",
        db = dir.path().join("rest.sqlite").display(),
    );
    let path = dir.path().join("rest.toml");
    std::fs::write(&path, config).expect("write");
    let demo = start(&["--config", path.to_str().expect("utf-8")]);

    let flow = |browser: reqwest::Client| {
        let base = demo.base.clone();
        async move {
            let login = browser
                .get(format!("{base}/oauth/login/fake/"))
                .send()
                .await
                .expect("login");
            let authorize = location(&login);
            let callback = location(&browser.get(&authorize).send().await.expect("authorize"));
            location(&browser.get(&callback).send().await.expect("callback"))
        }
    };

    let landed = flow(browser()).await;
    assert!(landed.starts_with("/spa/#done"), "{landed}");
    let query: String = landed
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    let got = params(&query);
    assert_eq!(got["message"], "Successfully authorized.");
    assert_eq!(got["code"], "200");

    provider.set_consent(Consent::Deny);
    let landed = flow(browser()).await;
    assert!(landed.starts_with("/spa/#error"), "{landed}");
    let query: String = landed
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    let got = params(&query);
    assert_eq!(got["message"], "You rejected the authentication request.");
    assert_eq!(got["code"], "400");
}
