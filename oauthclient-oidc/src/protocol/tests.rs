//! [`OidcProtocol`] against fake issuers on 127.0.0.1 (`fake_issuer`), each with its own
//! Ed25519 key (`src/testdata/`, test only): one value serving two apps at two issuers, the
//! `max_age` check, the claims kept from the ID token, `pkce = false`, and refresh.

use chrono::TimeDelta;
use oauthclient_core::client::{HttpClient, HttpLimits};
use oauthclient_core::config::{Protocol, RemoteApp};
use oauthclient_core::flow::Grant;
use oauthclient_core::handlers::{ProtocolContext, ProtocolHandler};
use oauthclient_core::login_options::LoginOptions;
use oauthclient_core::secret::{AuthorizationCode, RefreshToken};
use oauthclient_core::state::{PendingFlow, random_nonce};
use oauthclient_core::{OAuthError, Token};
use url::Url;

use super::OidcProtocol;

mod fake_issuer;
mod tenants;

use fake_issuer::{config, start};

#[tokio::test]
async fn one_protocol_value_sends_each_app_to_its_own_issuer_with_its_own_credentials() {
    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    // The value both apps share, as a named protocol handler picked by both would be.
    let protocol = OidcProtocol::default();

    // Both flows start before either finishes: app A's discovery is cached when app B's runs.
    let mut started = Vec::new();
    for (name, running) in [("app_a", &a), ("app_b", &b)] {
        let app = config.remote_app(name).expect("configured").clone();
        let redirect_uri =
            Url::parse(&format!("http://127.0.0.1:9/oauth/authorized/{name}/")).expect("url");
        let ctx = ProtocolContext {
            app: &app,
            http: &http,
            redirect_uri: &redirect_uri,
        };
        let mut flow = PendingFlow::new(name, random_nonce(), 0);
        let url = protocol.start(&ctx, "state", &mut flow).await.expect(name);
        started.push((app, redirect_uri, flow, running, url));
    }
    let mut finished = Vec::new();
    for (app, redirect_uri, flow, running, url) in started {
        let ctx = ProtocolContext {
            app: &app,
            http: &http,
            redirect_uri: &redirect_uri,
        };
        let nonce = flow.oidc_nonce.expect("an OpenID Connect flow has a nonce");
        let grant = Grant::AuthorizationCode {
            code: AuthorizationCode::new(nonce.expose_secret().to_owned()),
            pkce_verifier: flow.pkce_verifier,
            // Most providers send no RFC 9207 `iss`, and these do not advertise it: nothing
            // but the cache decides which token endpoint gets the secret.
            iss: None,
            oidc_nonce: Some(nonce),
            login_options: LoginOptions::default(),
            callback_params: std::collections::BTreeMap::new(),
        };
        let token = protocol.finish(&ctx, grant).await;
        finished.push((app.name.clone(), running, url, token));
    }

    // Each issuer saw exactly one token request, from its own client: no secret crossed over.
    assert_eq!(
        a.token_requests(),
        [("client-a".to_owned(), "secret-of-a".to_owned())]
    );
    assert_eq!(
        b.token_requests(),
        [("client-b".to_owned(), "secret-of-b".to_owned())]
    );
    for (name, running, url, token) in finished {
        let issuer = &running.issuer.issuer;
        assert!(
            url.as_str().starts_with(&format!("{issuer}/auth?")),
            "{name} is sent to its own issuer to sign in: {url}"
        );
        let token = token.unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(
            token.extra["id_token_claims"]["iss"],
            issuer.as_str(),
            "{name}"
        );
    }
}

/// A login that asked for `max_age`: the ID token must say when the user authenticated, and
/// not longer ago than that (OpenID Connect Core §3.1.2.1, §3.1.3.7 item 13).
#[tokio::test]
async fn a_requested_max_age_needs_a_recent_enough_auth_time() {
    use oauthclient_core::login_options::{LoginOption, LoginOptionsPolicy};

    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    let protocol = OidcProtocol::default();
    let app = config.remote_app("app_a").expect("configured").clone();
    let redirect_uri = Url::parse("http://127.0.0.1:9/oauth/authorized/app_a/").expect("url");
    let ctx = ProtocolContext {
        app: &app,
        http: &http,
        redirect_uri: &redirect_uri,
    };
    let policy = LoginOptionsPolicy::new([LoginOption::MaxAge], Vec::<String>::new());
    let max_age_60 = LoginOptions::parse([("max_age", "60")], &policy).expect("valid");

    let mut outcomes = Vec::new();
    for (ago, options) in [
        (None, LoginOptions::default()),
        (Some(TimeDelta::minutes(10)), LoginOptions::default()),
        (Some(TimeDelta::seconds(10)), max_age_60.clone()),
        (None, max_age_60.clone()),
        (Some(TimeDelta::minutes(10)), max_age_60.clone()),
    ] {
        *a.issuer.auth_time_ago.lock().expect("lock") = ago;
        let mut flow = PendingFlow::new("app_a", random_nonce(), 0);
        protocol
            .start(&ctx, "state", &mut flow)
            .await
            .expect("starts");
        let nonce = flow.oidc_nonce.expect("nonce");
        let grant = Grant::AuthorizationCode {
            code: AuthorizationCode::new(nonce.expose_secret().to_owned()),
            pkce_verifier: flow.pkce_verifier,
            iss: None,
            oidc_nonce: Some(nonce),
            login_options: options,
            callback_params: std::collections::BTreeMap::new(),
        };
        outcomes.push(protocol.finish(&ctx, grant).await);
    }
    let [no_max_age, stale_no_max_age, recent, missing, stale] =
        <[_; 5]>::try_from(outcomes).expect("five");
    assert!(
        no_max_age.is_ok(),
        "without max_age auth_time is not needed"
    );
    assert!(stale_no_max_age.is_ok(), "nor checked");
    assert!(recent.is_ok(), "{recent:?}");
    for (refused, says) in [(missing, "no auth_time"), (stale, "max_age of 60s")] {
        match refused {
            Err(OAuthError::InvalidResponse { reason, .. }) => {
                assert!(reason.contains(says), "{reason}");
            }
            other => panic!("refused as a bad provider answer, got {other:?}"),
        }
    }
}

/// One sign-in of `app` at its issuer: the authorize URL, the form the token endpoint
/// received, and the outcome.
async fn sign_in(
    app: &RemoteApp,
    running: &fake_issuer::Running,
) -> (
    Url,
    std::collections::HashMap<String, String>,
    Result<Token, OAuthError>,
) {
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    let protocol = OidcProtocol::default();
    let redirect_uri = Url::parse("http://127.0.0.1:9/oauth/authorized/app_a/").expect("url");
    let ctx = ProtocolContext {
        app,
        http: &http,
        redirect_uri: &redirect_uri,
    };
    let mut flow = PendingFlow::new(&app.name, random_nonce(), 0);
    let url = protocol
        .start(&ctx, "state", &mut flow)
        .await
        .expect("starts");
    let nonce = flow.oidc_nonce.expect("an OpenID Connect flow has a nonce");
    let grant = Grant::AuthorizationCode {
        code: AuthorizationCode::new(nonce.expose_secret().to_owned()),
        pkce_verifier: flow.pkce_verifier,
        iss: None,
        oidc_nonce: Some(nonce),
        login_options: LoginOptions::default(),
        callback_params: std::collections::BTreeMap::new(),
    };
    let token = protocol.finish(&ctx, grant).await;
    let form = running
        .issuer
        .token_forms
        .lock()
        .expect("lock")
        .last()
        .cloned()
        .unwrap_or_default();
    (url, form, token)
}

/// Provider-specific claims (`groups`, Keycloak's `realm_access`, Entra's `tid`) reach the
/// token's `extra.id_token_claims` next to the standard ones: account mapping reads them there.
#[tokio::test]
async fn every_claim_of_the_id_token_is_kept() {
    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let extra = serde_json::json!({
        "groups": ["a", "b"],
        "realm_access": {"roles": ["admin", "user"]},
        "tid": "tenant-1",
        "email": "someone@example.org",
    });
    *a.issuer.extra_claims.lock().expect("lock") = extra.as_object().expect("object").clone();
    let app = config.remote_app("app_a").expect("configured");

    let (_url, _form, token) = sign_in(app, &a).await;

    let claims = &token.expect("signed in").extra["id_token_claims"];
    assert_eq!(claims["groups"], serde_json::json!(["a", "b"]));
    assert_eq!(
        claims["realm_access"],
        serde_json::json!({"roles": ["admin", "user"]})
    );
    assert_eq!(claims["tid"], "tenant-1");
    assert_eq!(
        claims["email"], "someone@example.org",
        "standard claims too"
    );
    assert_eq!(claims["sub"], "user-of-client-a");
}

/// Apple sends `email_verified` (and `is_private_email`) as the strings `"true"`/`"false"`:
/// the ID token is accepted and `email_verified` read as the boolean it means.
#[tokio::test]
async fn a_string_boolean_email_verified_is_accepted() {
    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let apple = serde_json::json!({
        "email": "x@privaterelay.appleid.com",
        "email_verified": "true",
        "is_private_email": "true",
    });
    *a.issuer.extra_claims.lock().expect("lock") = apple.as_object().expect("object").clone();
    let app = config.remote_app("app_a").expect("configured");

    let (_url, _form, token) = sign_in(app, &a).await;

    let claims = &token.expect("Apple's ID token is accepted").extra["id_token_claims"];
    assert_eq!(claims["email_verified"], true);
    assert_eq!(claims["is_private_email"], "true", "kept as sent");
}

/// PKCE by default; `pkce = false` sends neither the challenge nor the verifier, and the
/// flow still completes (the nonce binds the code).
#[tokio::test]
async fn pkce_is_sent_unless_the_app_turns_it_off() {
    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let mut app = config.remote_app("app_a").expect("configured").clone();

    let (url, form, token) = sign_in(&app, &a).await;
    token.expect("signed in with PKCE");
    assert!(
        url.query_pairs().any(|(name, _)| name == "code_challenge"),
        "{url}"
    );
    assert!(form.contains_key("code_verifier"), "{form:?}");

    let Protocol::OAuth2(params) = &mut app.protocol else {
        panic!("an OAuth2 app");
    };
    params.pkce = false;
    let (url, form, token) = sign_in(&app, &a).await;
    token.expect("signed in without PKCE");
    assert!(
        !url.query_pairs()
            .any(|(name, _)| name.starts_with("code_challenge")),
        "{url}"
    );
    assert!(!form.contains_key("code_verifier"), "{form:?}");
    assert!(url.query_pairs().any(|(name, _)| name == "nonce"), "{url}");
}

/// An app configured with only `issuer` has the issuer as its `access_token_url`: the refresh
/// grant must go to the discovered `token_endpoint` instead, and a provider that does not
/// rotate refresh tokens leaves the old one in place.
#[tokio::test]
async fn refresh_goes_to_the_discovered_token_endpoint() {
    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let app = config.remote_app("app_a").expect("configured");
    let Protocol::OAuth2(params) = &app.protocol else {
        panic!("an OAuth2 app");
    };
    assert_eq!(
        params.access_token_url.as_str().trim_end_matches('/'),
        a.issuer.issuer,
        "the issuer stands in for the token endpoint"
    );
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    let redirect_uri = Url::parse("http://127.0.0.1:9/oauth/authorized/app_a/").expect("url");
    let ctx = ProtocolContext {
        app,
        http: &http,
        redirect_uri: &redirect_uri,
    };

    let token = OidcProtocol::default()
        .refresh(&ctx, &RefreshToken::new("rt-1"))
        .await
        .expect("refreshed");

    assert_eq!(token.access_token.expose_secret(), "refreshed-with-rt-1");
    assert_eq!(
        token
            .refresh_token
            .as_ref()
            .map(RefreshToken::expose_secret),
        Some("rt-1"),
        "not rotated: kept"
    );
    assert!(token.expires_at.is_some());
    let forms = a.issuer.token_forms.lock().expect("lock").clone();
    assert_eq!(forms.len(), 1, "{forms:?}");
    assert_eq!(
        forms[0].get("grant_type").map(String::as_str),
        Some("refresh_token")
    );
    assert_eq!(
        a.token_requests(),
        [("client-a".to_owned(), "secret-of-a".to_owned())]
    );
}

/// The same through [`RemoteClient::access_token_via`], as the front end asks for a token:
/// an expired token of an issuer-only app is refreshed at the discovered token endpoint and
/// stored.
#[tokio::test]
async fn remote_client_refreshes_through_the_protocol_handler() {
    use std::sync::Arc;

    use oauthclient_core::AccountStore;
    use oauthclient_core::account::UserId;
    use oauthclient_core::client::RemoteClient;
    use oauthclient_core::secret::AccessToken;
    use oauthclient_testkit::MemoryStore;

    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let app = config.remote_app("app_a").expect("configured");
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    let store = Arc::new(MemoryStore::default());
    let user = UserId::new("1");
    let mut expired = Token::bearer(AccessToken::new("old"));
    expired.refresh_token = Some(RefreshToken::new("rt-1"));
    expired.expires_at = Some(1);
    store
        .save_token(&user, &app.credentials.consumer_key, &expired)
        .await
        .expect("saved");
    let tokens = RemoteClient::new(http.clone(), store.clone());
    let redirect_uri = Url::parse("http://127.0.0.1:9/oauth/authorized/app_a/").expect("url");
    let ctx = ProtocolContext {
        app,
        http: &http,
        redirect_uri: &redirect_uri,
    };

    let token = tokens
        .access_token_via(&OidcProtocol::default(), &ctx, &user)
        .await
        .expect("refreshed");

    assert_eq!(token.access_token.expose_secret(), "refreshed-with-rt-1");
    let stored = store
        .token(&user, &app.credentials.consumer_key, "")
        .await
        .expect("read")
        .expect("stored");
    assert_eq!(stored.access_token.expose_secret(), "refreshed-with-rt-1");
}

/// `response_mode = "form_post"` asks the provider for it, and the callback's kept extra
/// parameters (Apple's `user`) reach `extra.callback` beside the ID token's claims.
#[tokio::test]
async fn form_post_is_asked_for_and_callback_params_reach_the_token() {
    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let mut app = config.remote_app("app_a").expect("configured").clone();
    let Protocol::OAuth2(params) = &mut app.protocol else {
        panic!("an OAuth2 app");
    };
    params.response_mode = oauthclient_core::config::ResponseMode::FormPost;
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    let protocol = OidcProtocol::default();
    let redirect_uri = Url::parse("http://127.0.0.1:9/oauth/authorized/app_a/").expect("url");
    let ctx = ProtocolContext {
        app: &app,
        http: &http,
        redirect_uri: &redirect_uri,
    };
    let mut flow = PendingFlow::new(&app.name, random_nonce(), 0);
    let url = protocol
        .start(&ctx, "state", &mut flow)
        .await
        .expect("starts");
    let modes: Vec<_> = url
        .query_pairs()
        .filter(|(name, _)| name == "response_mode")
        .map(|(_, value)| value.into_owned())
        .collect();
    assert_eq!(modes, ["form_post"], "{url}");
    let nonce = flow.oidc_nonce.expect("an OpenID Connect flow has a nonce");
    let grant = Grant::AuthorizationCode {
        code: AuthorizationCode::new(nonce.expose_secret().to_owned()),
        pkce_verifier: flow.pkce_verifier,
        iss: None,
        oidc_nonce: Some(nonce),
        login_options: LoginOptions::default(),
        callback_params: [(
            "user".to_owned(),
            r#"{"name":{"firstName":"Ada"}}"#.to_owned(),
        )]
        .into(),
    };
    let token = protocol.finish(&ctx, grant).await.expect("signed in");
    assert_eq!(token.extra["callback"]["user"]["name"]["firstName"], "Ada");
    assert_eq!(token.extra["id_token_claims"]["sub"], "user-of-client-a");
}
