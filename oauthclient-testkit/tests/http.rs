//! HTTP details the servers keep from their actix-web days: which method reaches an endpoint,
//! how a form is recognised, the body limit, and how a stopped server lets go of a slow answer.

mod common;

use std::time::{Duration, Instant};

use common::{Harness, assert_oauth_error, json_of};
use oauthclient_testkit::{Fault, ProviderShape, StandIn};
use reqwest::StatusCode;

#[tokio::test]
async fn another_method_is_an_unknown_path() {
    let h = Harness::start().await;
    let response = h
        .http
        .post(h.provider.authorize_url())
        .send()
        .await
        .expect("answers");
    assert!(response.headers().get("allow").is_none());
    let (status, body) = json_of(response).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["message"], "Not Found");

    // HEAD is not GET: it neither reaches `/authorize` nor issues a code.
    let head = h
        .http
        .head(format!("{}?client_id=x", h.provider.authorize_url()))
        .send()
        .await
        .expect("answers");
    assert_eq!(head.status(), StatusCode::NOT_FOUND);
    assert!(h.provider.authorize_requests().is_empty());
}

#[tokio::test]
async fn stand_ins_record_api_calls_with_another_method() {
    let github = StandIn::start(ProviderShape::GitHub).await.expect("starts");
    let response = reqwest::Client::new()
        .post(format!("{}user", github.api_base_url()))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let calls = github.api_requests();
    assert_eq!(
        (calls[0].method.as_str(), calls[0].path.as_str()),
        ("POST", "/api/user")
    );
}

#[tokio::test]
async fn a_form_may_name_its_charset() {
    let h = Harness::start().await;
    let response = h
        .http
        .post(h.provider.token_url())
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=UTF-8",
        )
        .basic_auth(h.provider.client_id(), Some(h.provider.client_secret()))
        .body("grant_type=refresh_token&refresh_token=unknown")
        .send()
        .await
        .expect("answers");
    // Refused for the token, not for the body: the form was read.
    assert_oauth_error(
        &json_of(response).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    );
}

#[tokio::test]
async fn bodies_over_256_kib_are_refused() {
    let h = Harness::start().await;
    let padding = "x".repeat(256 * 1024);
    let response = h
        .http
        .post(h.provider.token_url())
        .form(&[("grant_type", "refresh_token"), ("padding", &padding)])
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(h.provider.token_requests().is_empty());
}

#[tokio::test]
async fn a_stopped_server_drops_a_slow_answer() {
    let h = Harness::start().await;
    h.provider
        .set_token_fault(Some(Fault::Slow(Duration::from_secs(60))));
    let slow = tokio::spawn(
        h.http
            .post(h.provider.token_url())
            .form(&[("a", "b")])
            .send(),
    );
    // Wait until the server holds the request, then drop the only handle.
    let deadline = Instant::now() + Duration::from_secs(10);
    while h.provider.token_requests().is_empty() {
        assert!(Instant::now() < deadline, "the request never arrived");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let started = Instant::now();
    drop(h);
    let answer = slow.await.expect("the task ran");
    assert!(answer.is_err(), "the slow answer was sent: {answer:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
}
