//! The seed's Client: calling the provider's API as a user, with the stored token.

use oauthclient_core::OAuthError;
use oauthclient_core::account::UserId;
use oauthclient_core::handlers::ApiRequest;

use crate::suite::{APP, Scenario, browser, scenario_list, site};

async fn remote_requests_use_the_stored_token() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await;
    let user_id = UserId::new(site.whoami(&browser).await);
    let response = site
        .runtime
        .remote_request(APP, &user_id, ApiRequest::get("user"))
        .await
        .expect("api call");
    assert_eq!(response.status, 200);
    let user: serde_json::Value = response.json(APP).expect("json");
    assert_eq!(user["login"], "octo");
}

async fn remote_requests_without_a_link_are_refused() {
    let site = site().await;
    let ada = site.local_user("ada@local.example", false).await;
    let err = site
        .runtime
        .remote_request(APP, &ada, ApiRequest::get("user"))
        .await
        .expect_err("not linked");
    assert!(matches!(err, OAuthError::NotLinked { .. }), "{err:?}");
    let err = site
        .runtime
        .remote_request("nope", &ada, ApiRequest::get("user"))
        .await
        .expect_err("unknown");
    assert!(matches!(err, OAuthError::UnknownRemote(_)), "{err:?}");
}

/// The user's token goes only to the origin of the app's `base_url`: any other URL is refused
/// before a connection is made.
async fn remote_requests_never_carry_the_token_to_another_origin() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await;
    let user_id = UserId::new(site.whoami(&browser).await);
    // Stands in for another server: nothing may connect to it.
    let evil = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    evil.set_nonblocking(true).expect("non-blocking");
    let evil_port = evil.local_addr().expect("addr").port();
    let api_base = site.provider.api_base_url();
    let api = url::Url::parse(&api_base).expect("base url");
    let (host, port) = (
        api.host_str().expect("host"),
        api.port_or_known_default().expect("port"),
    );
    for url in [
        format!("http://127.0.0.1:{evil_port}/x"),
        format!("//127.0.0.1:{evil_port}/x"),
        format!("http://{host}:{port}@127.0.0.1:{evil_port}/"),
        format!("https://{host}:{port}/api/user"),
        format!("http://{host}:{evil_port}/api/user"),
        "https://evil.example/x".to_owned(),
    ] {
        let err = site
            .runtime
            .remote_request(APP, &user_id, ApiRequest::get(url.clone()))
            .await
            .expect_err(&url);
        assert!(
            matches!(err, OAuthError::ForeignApiOrigin { .. }),
            "{url}: {err:?}"
        );
    }
    assert!(
        evil.accept().is_err(),
        "no connection reached the other server"
    );
    // Relative and same-origin absolute URLs go out.
    for url in ["user".to_owned(), format!("{api_base}user")] {
        let response = site
            .runtime
            .remote_request(APP, &user_id, ApiRequest::get(url.clone()))
            .await
            .expect(&url);
        assert_eq!(response.status, 200, "{url}");
    }
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        remote_requests_use_the_stored_token,
        remote_requests_without_a_link_are_refused,
        remote_requests_never_carry_the_token_to_another_origin
    ]
}
