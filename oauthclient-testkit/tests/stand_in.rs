//! The GitHub and ORCID stand-ins answer in their providers' shapes.

mod common;

use oauthclient_testkit::{Fault, GitHubEmail, ProviderShape, StandIn};
use reqwest::StatusCode;

use common::{CALLBACK, Harness, VERIFIER, json_of};

async fn harness(shape: ProviderShape) -> (StandIn, Harness) {
    let stand_in = StandIn::start(shape).await.expect("starts");
    let harness = Harness::with(stand_in.provider().clone());
    (stand_in, harness)
}

#[tokio::test]
async fn github_tokens_have_no_refresh_token_and_errors_come_as_200() {
    let (_github, h) = harness(ProviderShape::GitHub).await;
    let token = h.tokens().await;
    assert!(token["access_token"].is_string(), "{token}");
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["scope"], "read:user");
    assert!(
        token.get("refresh_token").is_none() && token.get("expires_in").is_none(),
        "{token}"
    );

    // A spent code, a wrong secret, another redirect_uri: 200 and GitHub's error codes.
    let code = h.pkce_code().await;
    assert_eq!(h.exchange(&code).await.0, StatusCode::OK);
    let (status, body) = h.exchange(&code).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["error"], "bad_verification_code", "{body}");
    assert_eq!(
        body["error_description"],
        "The code passed is incorrect or expired."
    );
    assert!(
        body["error_uri"]
            .as_str()
            .is_some_and(|uri| uri.ends_with("#bad-verification-code"))
    );

    let code = h.pkce_code().await;
    let (status, body) = h
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9/elsewhere"),
            ("code_verifier", VERIFIER),
        ])
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::OK, Some("redirect_uri_mismatch"))
    );

    let response = h
        .http
        .post(h.provider.token_url())
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", "x"),
            ("redirect_uri", CALLBACK),
            ("client_id", h.provider.client_id()),
            ("client_secret", "wrong"),
        ])
        .send()
        .await
        .expect("answers");
    let (status, body) = json_of(response).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::OK, Some("incorrect_client_credentials"))
    );
}

#[tokio::test]
async fn github_token_faults_keep_their_shape() {
    let (github, h) = harness(ProviderShape::GitHub).await;
    github.set_token_fault(Some(Fault::OAuthError("bad_verification_code".into())));
    let code = h.pkce_code().await;
    let (status, body) = h.exchange(&code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::OK, Some("bad_verification_code"))
    );
    github.set_token_fault(Some(Fault::ServerError));
    assert_eq!(
        h.exchange(&code).await.0,
        StatusCode::INTERNAL_SERVER_ERROR,
        "a 500 stays a 500"
    );
}

#[tokio::test]
async fn github_api_user_and_emails() {
    let (github, h) = harness(ProviderShape::GitHub).await;
    let token = h.tokens().await;
    let access = token["access_token"].as_str().expect("a token").to_owned();
    let (status, user) = h.userinfo(Some(&access)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["id"], 1001, "a number, as GitHub sends it");
    assert_eq!(
        (user["login"].as_str(), user["name"].as_str()),
        (Some("octo"), Some("Octo Cat"))
    );
    assert_eq!(user["type"], "User");

    let emails = |token: Option<String>| {
        let mut request = h.http.get(format!("{}user/emails", github.api_base_url()));
        if let Some(token) = token {
            request = request.header("Authorization", format!("token {token}"));
        }
        async move { json_of(request.send().await.expect("answers")).await }
    };
    let (status, list) = emails(Some(access.clone())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        list,
        serde_json::json!([{"email": "octo@example.org", "primary": true, "verified": true, "visibility": "public"}])
    );
    github.set_emails(Some(vec![
        GitHubEmail::new("a@b.example", true, false),
        GitHubEmail::new("c@d.example", false, true),
    ]));
    let (_, list) = emails(Some(access.clone())).await;
    assert_eq!(list[0]["verified"], false);
    assert_eq!(list[1]["primary"], false);
    assert_eq!(list[1]["visibility"], serde_json::Value::Null);

    let (status, body) = emails(None).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("Bad credentials"))
    );
    let paths: Vec<String> = github
        .api_requests()
        .into_iter()
        .map(|call| call.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/user",
            "/api/user/emails",
            "/api/user/emails",
            "/api/user/emails"
        ]
    );
}

#[tokio::test]
async fn github_grant_revocation() {
    let (github, h) = harness(ProviderShape::GitHub).await;
    let token = h.tokens().await;
    let access = token["access_token"].as_str().expect("a token").to_owned();
    let url = format!(
        "{}applications/{}/grant",
        github.api_base_url(),
        github.client_id()
    );
    let delete = |basic: Option<(&str, &str)>, body: serde_json::Value| {
        let mut request = h.http.delete(&url).json(&body);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        async move { request.send().await.expect("answers").status() }
    };
    let credentials = Some((github.client_id(), github.client_secret()));
    let body = serde_json::json!({"access_token": access});
    assert_eq!(delete(None, body.clone()).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        delete(Some((github.client_id(), "wrong")), body.clone()).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        delete(credentials, serde_json::json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(github.revoked_grants().is_empty());

    assert_eq!(
        delete(credentials, body.clone()).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(github.revoked_grants(), std::slice::from_ref(&access));
    assert_eq!(
        h.userinfo(Some(&access)).await.0,
        StatusCode::UNAUTHORIZED,
        "the token is dead"
    );
    assert_eq!(
        delete(credentials, body).await,
        StatusCode::NOT_FOUND,
        "already revoked"
    );

    let last = github.api_requests().pop().expect("recorded");
    assert_eq!(last.method, "DELETE");
    assert_eq!(last.headers["authorization"], "Basic");
    assert_eq!(last.json, Some(serde_json::json!({"access_token": access})));
}

#[tokio::test]
async fn orcid_tokens_name_the_researcher() {
    let (orcid, h) = harness(ProviderShape::Orcid).await;
    let token = h.tokens().await;
    assert_eq!(token["orcid"], "0000-0001-2345-6789", "{token}");
    assert_eq!(token["name"], "Sofia Garcia");
    assert!(token["refresh_token"].is_string());
    orcid.set_user(oauthclient_testkit::FakeUser {
        name: None,
        ..oauthclient_testkit::FakeUser::orcid()
    });
    assert_eq!(h.tokens().await["name"], serde_json::Value::Null);

    // Refusals stay RFC 6749.
    let code = h.pkce_code().await;
    h.exchange(&code).await;
    let (status, body) = h.exchange(&code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert_eq!(
        h.userinfo(None).await.0,
        StatusCode::NOT_FOUND,
        "ORCID has no /api/user"
    );
}

#[tokio::test]
async fn remote_app_toml_points_everything_at_the_stand_in() {
    let orcid = StandIn::builder(ProviderShape::Orcid)
        .client_id("APP-STANDIN")
        .start()
        .await
        .expect("starts");
    let toml = orcid.remote_app_toml("orcid_sandbox");
    for expected in [
        "[remote_apps.orcid_sandbox]\nprovider = \"orcid\"\n".to_owned(),
        format!("authorize_url = \"{}\"", orcid.authorize_url()),
        format!("access_token_url = \"{}\"", orcid.token_url()),
        format!("base_url = \"{}\"", orcid.api_base_url()),
        "app_key = \"ORCID_SANDBOX_APP_CREDENTIALS\"".to_owned(),
        "[ORCID_SANDBOX_APP_CREDENTIALS]\nconsumer_key = \"APP-STANDIN\"".to_owned(),
    ] {
        assert!(toml.contains(&expected), "{expected} in\n{toml}");
    }
}
