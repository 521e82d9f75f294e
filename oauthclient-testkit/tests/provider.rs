//! The code flow over real HTTP on 127.0.0.1, and every check the provider makes.

mod common;

use common::{
    CALLBACK, Harness, STATE, VERIFIER, assert_oauth_error, challenge, json_of, location, query,
};
use oauthclient_testkit::{Consent, FakeUser};
use reqwest::StatusCode;
use url::Url;

#[tokio::test]
async fn full_code_flow_with_pkce() {
    let h = Harness::start().await;
    let challenge = challenge(VERIFIER);
    let back = h
        .authorize_redirect(&[
            ("code_challenge", Some(&challenge)),
            ("code_challenge_method", Some("S256")),
        ])
        .await;
    assert_eq!(back["state"], STATE, "state comes back verbatim");
    assert_eq!(
        back["next"], "/home",
        "the redirect URI's own query is kept"
    );
    let code = &back["code"];

    let (status, token) = h.exchange(code).await;
    assert_eq!(status, StatusCode::OK, "{token}");
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["expires_in"], 3600);
    assert_eq!(token["scope"], "read:user");
    let access_token = token["access_token"].as_str().expect("an access token");
    assert!(token["refresh_token"].is_string());
    assert_eq!(h.provider.issued_access_tokens(), [access_token]);

    let (status, user) = h.userinfo(Some(access_token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["login"], "octo");

    let authorize = &h.provider.authorize_requests()[0];
    assert_eq!(authorize["code_challenge"], challenge);
    assert_eq!(authorize["redirect_uri"], CALLBACK);
    let token_request = &h.provider.token_requests()[0];
    assert_eq!(token_request["code_verifier"], VERIFIER);
    assert!(!token_request.contains_key("authorization"));
}

#[tokio::test]
async fn token_response_headers_forbid_caching() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    let response = h
        .http
        .post(h.provider.token_url())
        .basic_auth(h.provider.client_id(), Some(h.provider.client_secret()))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", CALLBACK),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["content-type"], "application/json");
}

#[tokio::test]
async fn wrong_verifier_is_invalid_grant() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    let other = "x".repeat(43);
    let answer = h
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", CALLBACK),
            ("code_verifier", &other),
        ])
        .await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");
    assert!(h.provider.issued_access_tokens().is_empty());
}

#[tokio::test]
async fn missing_verifier_is_invalid_grant() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    let answer = h
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", CALLBACK),
        ])
        .await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn verifier_without_challenge_is_invalid_grant() {
    let h = Harness::start().await;
    let code = h.authorize_redirect(&[]).await["code"].clone();
    let answer = h.exchange(&code).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn flow_without_pkce_works() {
    let h = Harness::start().await;
    let code = h.authorize_redirect(&[("scope", None)]).await["code"].clone();
    let (status, token) = h
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", CALLBACK),
        ])
        .await;
    assert_eq!(status, StatusCode::OK, "{token}");
    assert!(token.get("scope").is_none(), "no scope asked, none granted");
}

#[tokio::test]
async fn plain_pkce_is_refused_by_redirect() {
    let h = Harness::start().await;
    for method in [Some("plain"), None] {
        let back = h
            .authorize_redirect(&[
                ("code_challenge", Some(&"a".repeat(43))),
                ("code_challenge_method", method),
            ])
            .await;
        assert_eq!(back["error"], "invalid_request");
        assert_eq!(back["state"], STATE);
        assert!(!back.contains_key("code"));
    }
}

#[tokio::test]
async fn code_reuse_is_invalid_grant_and_revokes_the_first_tokens() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    let (status, token) = h.exchange(&code).await;
    assert_eq!(status, StatusCode::OK);
    let answer = h.exchange(&code).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");
    let (status, _) = h.userinfo(token["access_token"].as_str()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unknown_code_is_invalid_grant() {
    let h = Harness::start().await;
    let answer = h.exchange("no-such-code").await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn wrong_redirect_uri_is_invalid_grant() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    let answer = h
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9/oauth/authorized/fake/"),
            ("code_verifier", VERIFIER),
        ])
        .await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_grant");
}

#[tokio::test]
async fn bad_client_secret_is_invalid_client() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    let response = h
        .http
        .post(h.provider.token_url())
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", CALLBACK),
            ("code_verifier", VERIFIER),
            ("client_id", h.provider.client_id()),
            ("client_secret", "wrong"),
        ])
        .send()
        .await
        .expect("answers");
    assert!(response.headers().contains_key("www-authenticate"));
    let answer = json_of(response).await;
    assert_oauth_error(&answer, StatusCode::UNAUTHORIZED, "invalid_client");

    // Nor does a wrong Basic password, or no authentication at all.
    let response = h
        .http
        .post(h.provider.token_url())
        .basic_auth(h.provider.client_id(), Some("wrong"))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", "r")])
        .send()
        .await
        .expect("answers");
    let answer = json_of(response).await;
    assert_oauth_error(&answer, StatusCode::UNAUTHORIZED, "invalid_client");
    let response = h
        .http
        .post(h.provider.token_url())
        .form(&[("grant_type", "refresh_token"), ("refresh_token", "r")])
        .send()
        .await
        .expect("answers");
    let answer = json_of(response).await;
    assert_oauth_error(&answer, StatusCode::UNAUTHORIZED, "invalid_client");
}

#[tokio::test]
async fn basic_auth_is_accepted() {
    let h = Harness::start().await;
    let code = h.pkce_code().await;
    let response = h
        .http
        .post(h.provider.token_url())
        .basic_auth(h.provider.client_id(), Some(h.provider.client_secret()))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", CALLBACK),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .expect("answers");
    let (status, token) = json_of(response).await;
    assert_eq!(status, StatusCode::OK, "{token}");
    let recorded = &h.provider.token_requests()[0];
    assert!(recorded["authorization"].starts_with("Basic "));
    assert!(!recorded.contains_key("client_secret"));
}

#[tokio::test]
async fn basic_auth_and_form_secret_together_are_refused() {
    let h = Harness::start().await;
    let response = h
        .http
        .post(h.provider.token_url())
        .basic_auth(h.provider.client_id(), Some(h.provider.client_secret()))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "r"),
            ("client_secret", h.provider.client_secret()),
        ])
        .send()
        .await
        .expect("answers");
    let answer = json_of(response).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let h = Harness::start().await;
    h.provider.set_consent(Consent::Deny);
    let back = h.authorize_redirect(&[]).await;
    assert_eq!(back["error"], "access_denied");
    assert_eq!(back["state"], STATE);
    assert!(!back.contains_key("code"));
    h.provider.set_consent(Consent::Approve);
    assert!(h.authorize_redirect(&[]).await.contains_key("code"));
}

#[tokio::test]
async fn authorize_error_redirects_with_that_error() {
    let h = Harness::start().await;
    h.provider
        .set_authorize_error(Some("temporarily_unavailable"));
    let back = h.authorize_redirect(&[]).await;
    assert_eq!(back["error"], "temporarily_unavailable");
    assert!(back.contains_key("error_description"));
    assert_eq!(back["state"], STATE);
    h.provider.set_authorize_error(None);
    assert!(h.authorize_redirect(&[]).await.contains_key("code"));
}

#[tokio::test]
async fn bad_client_or_redirect_uri_is_shown_not_redirected() {
    let h = Harness::start().await;
    for overrides in [
        [("client_id", Some("someone-else"))],
        [("client_id", None)],
        [("redirect_uri", None)],
        [("redirect_uri", Some("not a url"))],
        [("redirect_uri", Some("http://127.0.0.1:9/cb#fragment"))],
    ] {
        let response = h.authorize(&overrides).await;
        assert!(response.headers().get("location").is_none());
        let (status, body) = json_of(response).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{overrides:?}");
        assert!(body["error"].is_string(), "{overrides:?}");
    }
    assert_eq!(h.provider.authorize_requests().len(), 5, "all recorded");
}

#[tokio::test]
async fn other_authorize_errors_are_redirected() {
    let h = Harness::start().await;
    let back = h
        .authorize_redirect(&[("response_type", Some("token"))])
        .await;
    assert_eq!(back["error"], "unsupported_response_type");
    assert_eq!(back["state"], STATE);
    let back = h.authorize_redirect(&[("state", None)]).await;
    assert_eq!(back["error"], "invalid_request");
    assert!(!back.contains_key("state"));
    let back = h.authorize_redirect(&[("response_type", None)]).await;
    assert_eq!(back["error"], "invalid_request");
}

#[tokio::test]
async fn repeated_parameters_are_refused() {
    let h = Harness::start().await;
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&state=a&state=b",
        h.provider.authorize_url(),
        h.provider.client_id()
    );
    let response = h.http.get(url).send().await.expect("answers");
    let back = query(&location(&response));
    assert_eq!(back["error"], "invalid_request");

    // A repeated redirect_uri is never redirected to.
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fa&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fb&state=s",
        h.provider.authorize_url(),
        h.provider.client_id()
    );
    let response = h.http.get(url).send().await.expect("answers");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn token_endpoint_wants_a_form_and_a_known_grant() {
    let h = Harness::start().await;
    let response = h
        .http
        .post(h.provider.token_url())
        .json(&serde_json::json!({"grant_type": "authorization_code"}))
        .send()
        .await
        .expect("answers");
    let answer = json_of(response).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_request");
    let answer = h.token(&[("grant_type", "password")]).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "unsupported_grant_type");
    let answer = h.token(&[]).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_request");
    let answer = h.token(&[("grant_type", "authorization_code")]).await;
    assert_oauth_error(&answer, StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test]
async fn userinfo_shape_and_bad_credentials() {
    let h = Harness::start().await;
    let first = h.tokens().await;
    h.provider.set_user(FakeUser {
        id: "2002".into(),
        login: "ada".into(),
        email: None,
        email_verified: false,
        name: None,
    });
    let second = h.tokens().await;

    let (status, user) = h.userinfo(first["access_token"].as_str()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        user,
        serde_json::json!({
            "id": "1001",
            "login": "octo",
            "email": "octo@example.org",
            "email_verified": true,
            "name": "Octo Cat",
        })
    );
    let (_, user) = h.userinfo(second["access_token"].as_str()).await;
    assert_eq!(
        user,
        serde_json::json!({"id": "2002", "login": "ada", "email": null, "email_verified": false, "name": null})
    );

    for token in [None, Some("testkit_at_unknown")] {
        let (status, body) = h.userinfo(token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body, serde_json::json!({"message": "Bad credentials"}));
    }
    let (status, _) = h.userinfo(first["refresh_token"].as_str()).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a refresh token is no access token"
    );
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let h = Harness::start().await;
    let response = h
        .http
        .get(format!("{}/nope", h.provider.base_url()))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_signed_in_cookie_picks_the_user_per_request() {
    let h = Harness::start().await;
    let challenge = challenge(VERIFIER);
    let url = Url::parse_with_params(
        &h.provider.authorize_url(),
        [
            ("response_type", "code"),
            ("client_id", h.provider.client_id()),
            ("redirect_uri", CALLBACK),
            ("state", STATE),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    )
    .expect("url");
    let mut users = Vec::new();
    for cookie in [Some("ada"), Some("grace"), None] {
        let mut request = h.http.get(url.clone());
        if let Some(name) = cookie {
            request = request.header(
                "cookie",
                format!("{}={name}", oauthclient_testkit::SIGNED_IN_COOKIE),
            );
        }
        let response = request.send().await.expect("authorize answers");
        assert_eq!(response.status(), StatusCode::FOUND);
        let code = query(&location(&response))["code"].clone();
        let (status, token) = h.exchange(&code).await;
        assert_eq!(status, StatusCode::OK, "{token}");
        let (_, user) = h
            .userinfo(Some(token["access_token"].as_str().expect("token")))
            .await;
        users.push(user);
    }
    assert_eq!(users[0]["login"], "ada");
    assert_eq!(users[0]["id"], FakeUser::sandbox("ada").id);
    assert_eq!(users[1]["login"], "grace");
    assert_eq!(users[2]["login"], "octo", "no cookie: the provider's user");
}
