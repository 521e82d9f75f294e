//! oauthclient-core's own client against the fake provider: the configuration snippet, the
//! authorization request, the code exchange, and the `testkit` provider's account info.

mod common;

use oauthclient_core::client::{
    HttpApi, HttpClient, HttpLimits, authorization_request, exchange_code,
};
use oauthclient_core::config::NoEnv;
use oauthclient_core::handlers::ProviderContext;
use oauthclient_core::secret::{AccessToken, AuthorizationCode};
use oauthclient_core::{AccountInfo, OAuthClientConfig, OAuthError, Registry, Token};
use oauthclient_testkit::{FakeProvider, FakeUser, PROVIDER};

const TOP: &str = "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
                   site_url = \"http://127.0.0.1:9\"\n\n";

fn config(provider: &FakeProvider) -> OAuthClientConfig {
    let registry = Registry::from_inventory().expect("no duplicate registrations");
    assert!(
        registry
            .provider(PROVIDER)
            .and_then(oauthclient_core::registry::Provider::account_info)
            .is_some()
    );
    let toml = format!("{TOP}{}", provider.remote_app_toml("fake"));
    OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry).expect("the snippet loads")
}

#[tokio::test]
async fn remote_app_toml_loads() {
    let provider = FakeProvider::start().await.expect("starts");
    let config = config(&provider);
    let app = config.remote_app("fake").expect("configured");
    assert_eq!(app.credentials.consumer_key, provider.client_id());
    assert_eq!(
        app.credentials.consumer_secret.expose_secret(),
        provider.client_secret()
    );
    assert_eq!(app.provider.as_deref(), Some(PROVIDER));
    let oauthclient_core::config::Protocol::OAuth2(params) = &app.protocol else {
        panic!("an OAuth2 app");
    };
    assert_eq!(params.authorize_url.as_str(), provider.authorize_url());
    assert_eq!(params.access_token_url.as_str(), provider.token_url());
    assert_eq!(
        params.base_url.as_ref().map(url::Url::as_str),
        Some(provider.api_base_url().as_str())
    );
    assert_eq!(
        params.revoke_url.as_ref().map(url::Url::as_str),
        Some(provider.revoke_url().as_str())
    );
    assert_eq!(params.scopes, ["read:user"]);
}

/// Runs login → provider → callback → exchange with core's client; returns the token.
async fn core_flow(provider: &FakeProvider, config: &OAuthClientConfig) -> Token {
    let app = config.remote_app("fake").expect("configured");
    let redirect_uri = config.redirect_uri("fake");
    let request = authorization_request(app, &redirect_uri, "core-state").expect("a request");
    let h = common::Harness::with(provider.clone());
    let response = h
        .http
        .get(request.url.clone())
        .send()
        .await
        .expect("answers");
    let back = common::query(&common::location(&response));
    assert_eq!(back["state"], "core-state");
    let http = HttpClient::new(HttpLimits::default()).expect("a client");
    exchange_code(
        &http,
        app,
        &redirect_uri,
        &AuthorizationCode::new(back["code"].clone()),
        request.pkce_verifier.as_ref(),
    )
    .await
    .expect("the exchange succeeds")
}

async fn account_info(
    config: &OAuthClientConfig,
    token: &Token,
) -> Result<AccountInfo, OAuthError> {
    let app = config.remote_app("fake").expect("configured");
    let registry = Registry::from_inventory().expect("registry");
    let handlers = registry.resolve(app).expect("handlers resolve");
    let api = HttpApi::new(
        HttpClient::new(HttpLimits::default()).expect("http"),
        app.clone(),
    );
    // No store at all: a provider's account info cannot reach one.
    let ctx = ProviderContext::new("fake", app, &api);
    let handler = handlers
        .account_info
        .as_ref()
        .expect("the testkit provider's account info");
    handler.account_info(&ctx, token).await
}

#[tokio::test]
async fn core_client_flow_and_account_info() {
    let provider = FakeProvider::start().await.expect("starts");
    let config = config(&provider);
    let token = core_flow(&provider, &config).await;
    assert!(token.refresh_token.is_some());
    assert_eq!(token.scopes, ["read:user"]);
    let recorded = &provider.token_requests()[0];
    assert!(recorded.contains_key("code_verifier"), "core sends PKCE");

    let info = account_info(&config, &token).await.expect("account info");
    assert_eq!(info.external_id.as_str(), "1001");
    assert_eq!(info.external_method, "fake");
    assert_eq!(info.trusted_email(), Some("octo@example.org"));
    assert_eq!(info.username.as_deref(), Some("octo"));
    assert_eq!(info.full_name.as_deref(), Some("Octo Cat"));
}

#[tokio::test]
async fn account_info_refuses_bad_answers() {
    let provider = FakeProvider::start().await.expect("starts");
    let config = config(&provider);

    let revoked = core_flow(&provider, &config).await;
    let h = common::Harness::with(provider.clone());
    h.revoke(revoked.access_token.expose_secret()).await;
    let err = account_info(&config, &revoked).await.expect_err("401");
    assert!(matches!(err, OAuthError::InvalidResponse { .. }), "{err:?}");

    let unknown = Token::bearer(AccessToken::new("never-issued"));
    let err = account_info(&config, &unknown).await.expect_err("401");
    assert!(matches!(err, OAuthError::InvalidResponse { .. }), "{err:?}");

    provider.set_user(FakeUser {
        id: String::new(),
        ..FakeUser::default()
    });
    let no_id = core_flow(&provider, &config).await;
    let err = account_info(&config, &no_id).await.expect_err("no id");
    assert!(matches!(err, OAuthError::InvalidResponse { .. }), "{err:?}");
}
