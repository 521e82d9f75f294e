//! Token faults, refresh rotation, revocation, and the provider's own lifecycle.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::{Harness, assert_oauth_error, json_of};
use oauthclient_testkit::{FakeProvider, Fault, HUGE_BODY_BYTES};
use reqwest::StatusCode;

/// The raw answer of a code exchange while `fault` is set.
async fn exchange_under(h: &Harness, fault: Fault) -> (StatusCode, String, Vec<u8>) {
    let code = h.pkce_code().await;
    h.provider.set_token_fault(Some(fault));
    let response = h
        .http
        .post(h.provider.token_url())
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", common::CALLBACK),
            ("code_verifier", common::VERIFIER),
            ("client_id", h.provider.client_id()),
            ("client_secret", h.provider.client_secret()),
        ])
        .send()
        .await
        .expect("answers");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().expect("ASCII").to_owned())
        .unwrap_or_default();
    let body = response.bytes().await.expect("a body").to_vec();
    h.provider.set_token_fault(None);
    // The fault did not spend the code: the same code still works afterwards.
    let (status_after, _) = h.exchange(&code).await;
    assert_eq!(status_after, StatusCode::OK);
    (status, content_type, body)
}

#[tokio::test]
async fn fault_server_error() {
    let h = Harness::start().await;
    let (status, content_type, body) = exchange_under(&h, Fault::ServerError).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(content_type, "application/json");
    let body: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(body["error"], "server_error");
}

#[tokio::test]
async fn fault_html() {
    let h = Harness::start().await;
    let (status, content_type, body) = exchange_under(&h, Fault::Html).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(String::from_utf8_lossy(&body).contains("<html>"));
}

#[tokio::test]
async fn fault_garbage_json() {
    let h = Harness::start().await;
    let (status, content_type, body) = exchange_under(&h, Fault::GarbageJson).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    assert_eq!(body, b"{not json");
    assert!(serde_json::from_slice::<serde_json::Value>(&body).is_err());
}

#[tokio::test]
async fn fault_missing_access_token() {
    let h = Harness::start().await;
    let (status, _, body) = exchange_under(&h, Fault::MissingAccessToken).await;
    assert_eq!(status, StatusCode::OK);
    let body: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert!(body.get("access_token").is_none());
    assert_eq!(body["token_type"], "bearer");
}

#[tokio::test]
async fn fault_oauth_error() {
    let h = Harness::start().await;
    let fault = Fault::OAuthError("invalid_grant".into());
    let (status, content_type, body) = exchange_under(&h, fault).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(content_type, "application/json");
    let body: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(body, serde_json::json!({"error": "invalid_grant"}));
}

#[tokio::test]
async fn fault_huge_body() {
    let h = Harness::start().await;
    let (status, _, body) = exchange_under(&h, Fault::HugeBody).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.len(), HUGE_BODY_BYTES);
    let body: serde_json::Value = serde_json::from_slice(&body).expect("valid JSON");
    assert!(body["access_token"].is_string());
}

#[tokio::test]
async fn fault_slow_then_normal() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    h.provider
        .set_token_fault(Some(Fault::Slow(Duration::from_millis(600))));
    let started = Instant::now();
    let (status, token) = h.exchange(&code).await;
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert_eq!(status, StatusCode::OK, "{token}");
    assert!(token["access_token"].is_string());

    // A client with a shorter timeout gives up.
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .expect("a client");
    let err = impatient
        .post(h.provider.token_url())
        .form(&[("grant_type", "refresh_token")])
        .send()
        .await
        .expect_err("times out");
    assert!(err.is_timeout());
}

#[tokio::test]
async fn faults_apply_to_refresh_too() {
    let h = Harness::start().await;
    let tokens = h.tokens().await;
    h.provider.set_token_fault(Some(Fault::ServerError));
    let refresh_token = tokens["refresh_token"].as_str().expect("refresh token");
    let (status, _) = h
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(h.provider.token_requests().len(), 2, "recorded anyway");
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let h = Harness::start().await;
    let first = h.tokens().await;
    let old_refresh = first["refresh_token"].as_str().expect("refresh token");
    let refresh = |token: String| {
        let h = &h;
        async move {
            h.token(&[("grant_type", "refresh_token"), ("refresh_token", &token)])
                .await
        }
    };
    let (status, second) = refresh(old_refresh.to_owned()).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_ne!(second["access_token"], first["access_token"]);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(second["scope"], "read:user");
    assert_eq!(second["token_type"], "bearer");

    let answer = refresh(old_refresh.to_owned()).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");

    let (status, user) = h.userinfo(second["access_token"].as_str()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["id"], "1001");
    assert_eq!(h.provider.issued_access_tokens().len(), 2);

    let new_refresh = second["refresh_token"].as_str().expect("refresh token");
    let (status, _) = refresh(new_refresh.to_owned()).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn revoke_then_userinfo_is_401() {
    let h = Harness::start().await;
    let tokens = h.tokens().await;
    let access_token = tokens["access_token"].as_str().expect("access token");
    assert_eq!(h.userinfo(Some(access_token)).await.0, StatusCode::OK);

    assert_eq!(h.revoke(access_token).await, StatusCode::OK);
    let (status, body) = h.userinfo(Some(access_token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["message"], "Bad credentials");
    assert_eq!(h.provider.revoked_tokens(), [access_token]);

    // Unknown tokens are fine (RFC 7009 §2.2).
    assert_eq!(h.revoke("never-issued").await, StatusCode::OK);
}

#[tokio::test]
async fn revoking_the_refresh_token_ends_the_grant() {
    let h = Harness::start().await;
    let tokens = h.tokens().await;
    let refresh_token = tokens["refresh_token"].as_str().expect("refresh token");
    assert_eq!(h.revoke(refresh_token).await, StatusCode::OK);
    assert_eq!(
        h.userinfo(tokens["access_token"].as_str()).await.0,
        StatusCode::UNAUTHORIZED
    );
    let answer = h
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn revoke_requires_client_authentication() {
    let h = Harness::start().await;
    let tokens = h.tokens().await;
    let access_token = tokens["access_token"].as_str().expect("access token");
    let response = h
        .http
        .post(h.provider.revoke_url())
        .form(&[("token", access_token)])
        .send()
        .await
        .expect("answers");
    let answer = json_of(response).await;
    assert_oauth_error(&answer, StatusCode::UNAUTHORIZED, "invalid_client");
    assert_eq!(h.userinfo(Some(access_token)).await.0, StatusCode::OK);
    assert!(h.provider.revoked_tokens().is_empty());

    let response = h
        .http
        .post(h.provider.revoke_url())
        .basic_auth(h.provider.client_id(), Some(h.provider.client_secret()))
        .form(&[("token", access_token)])
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK, "Basic works too");
}

#[tokio::test]
async fn builder_credentials_are_enforced() {
    let provider = FakeProvider::builder()
        .client_id("mine")
        .client_secret("s3cret")
        .start()
        .await
        .expect("starts");
    let h = Harness::with(provider);
    assert_eq!(h.provider.client_id(), "mine");
    let tokens = h.tokens().await;
    assert!(tokens["access_token"].is_string());
}

#[actix_web::test]
async fn works_inside_actix_web_test() {
    let h = Harness::start().await;
    let tokens = h.tokens().await;
    assert_eq!(
        h.userinfo(tokens["access_token"].as_str()).await.0,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_on_a_multi_thread_runtime() {
    let h = Harness::start().await;
    let tokens = h.tokens().await;
    assert!(tokens["refresh_token"].is_string());
}

#[test]
fn keeps_serving_while_the_starting_thread_blocks() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let provider = runtime.block_on(FakeProvider::start()).expect("starts");
    // The starting runtime is idle (not polled) from here on; the server runs regardless.
    let addr = provider.base_url().replace("http://", "");
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    stream
        .write_all(b"GET /api/user HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("writes");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
}

#[tokio::test]
async fn dropping_the_last_handle_stops_the_server() {
    let provider = FakeProvider::start().await.expect("starts");
    let clone = provider.clone();
    let url = provider.authorize_url();
    drop(provider);
    assert_eq!(
        reqwest::get(&url).await.expect("still serving").status(),
        StatusCode::BAD_REQUEST
    );
    drop(clone);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let client = reqwest::Client::new(); // no pooled connection
        if client.get(&url).send().await.is_err() {
            break;
        }
        assert!(Instant::now() < deadline, "still serving after drop");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
