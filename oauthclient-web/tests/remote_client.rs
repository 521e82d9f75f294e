//! The seed's Client: calling the provider's API as a user, with the stored token.

mod common;

use oauthclient_core::OAuthError;
use oauthclient_core::handlers::ApiRequest;

use common::{APP, browser, site};

#[tokio::test]
async fn remote_requests_use_the_stored_token() {
    let site = site().await;
    let browser = browser();
    site.login(&browser, None).await;
    let user_id: i64 = site.whoami(&browser).await.parse().expect("signed in");
    let response = site
        .client
        .remote_request(APP, user_id, ApiRequest::get("user"))
        .await
        .expect("api call");
    assert_eq!(response.status, 200);
    let user: serde_json::Value = response.json(APP).expect("json");
    assert_eq!(user["login"], "octo");
}

#[tokio::test]
async fn remote_requests_without_a_link_are_refused() {
    let site = site().await;
    let ada = site.local_user("ada@local.example").await;
    let err = site
        .client
        .remote_request(APP, ada, ApiRequest::get("user"))
        .await
        .expect_err("not linked");
    assert!(matches!(err, OAuthError::NotLinked { .. }), "{err:?}");
    let err = site
        .client
        .remote_request("nope", ada, ApiRequest::get("user"))
        .await
        .expect_err("unknown");
    assert!(matches!(err, OAuthError::UnknownRemote(_)), "{err:?}");
}
