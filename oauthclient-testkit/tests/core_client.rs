//! oauthclient-core's own client against the fake provider: the configuration snippet, the
//! authorization request, the code exchange, and the `testkit` provider's account info.

mod common;

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, RemoteAccount, User, UserId, UserIdentity};
use oauthclient_core::client::{
    HttpApi, HttpClient, HttpLimits, authorization_request, exchange_code,
};
use oauthclient_core::config::NoEnv;
use oauthclient_core::handlers::{EventBus, HandlerContext};
use oauthclient_core::secret::{AccessToken, AuthorizationCode, RefreshToken};
use oauthclient_core::store::{NewLink, StoreError};
use oauthclient_core::{
    AccountInfo, AccountStore, OAuthClientConfig, OAuthError, Registry, Token, UserStore,
};
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
    let ctx = HandlerContext {
        app: "fake",
        remote: app,
        current_user: None,
        accounts: &Unused,
        users: &Unused,
        api: &api,
        handlers: &handlers,
        events: &EventBus::default(),
        policy: &oauthclient_core::host_policy::DefaultPolicy,
    };
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

/// Stores the account_info handler must not touch.
struct Unused;

#[async_trait]
impl AccountStore for Unused {
    async fn remote_account(
        &self,
        _: &UserId,
        _: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn remote_accounts_of(&self, _: &UserId) -> Result<Vec<RemoteAccount>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn create_remote_account(
        &self,
        _: &UserId,
        _: &str,
        _: serde_json::Value,
    ) -> Result<RemoteAccount, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn update_extra_data(&self, _: i64, _: serde_json::Value) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn delete_remote_account(&self, _: i64) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn save_token(
        &self,
        _: &UserId,
        _: &str,
        _: &Token,
    ) -> Result<RemoteAccount, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn token(&self, _: &UserId, _: &str, _: &str) -> Result<Option<Token>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn account_by_token(
        &self,
        _: &str,
        _: &AccessToken,
        _: &str,
    ) -> Result<Option<RemoteAccount>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn replace_refreshed_token(
        &self,
        _: &UserId,
        _: &str,
        _: &RefreshToken,
        _: &Token,
    ) -> Result<bool, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn delete_token(&self, _: &UserId, _: &str, _: &str) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn link_identity(&self, _: &UserId, _: &AccountInfo) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn unlink_identity(&self, _: &str, _: &str) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn identity(&self, _: &str, _: &str) -> Result<Option<UserIdentity>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn identities_of(&self, _: &UserId) -> Result<Vec<UserIdentity>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn link(&self, _: &UserId, _: &NewLink) -> Result<RemoteAccount, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn save_pending_signup(
        &self,
        _: &oauthclient_core::pending_signup::PendingSignupId,
        _: &oauthclient_core::pending_signup::PendingSignup,
        _: u64,
    ) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn pending_signup(
        &self,
        _: &oauthclient_core::pending_signup::PendingSignupId,
        _: u64,
    ) -> Result<Option<oauthclient_core::pending_signup::PendingSignup>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn delete_pending_signup(
        &self,
        _: &oauthclient_core::pending_signup::PendingSignupId,
    ) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn unlink_unless_last(
        &self,
        _: &UserId,
        _: &str,
        _: &str,
        _: bool,
    ) -> Result<bool, StoreError> {
        unreachable!("account_info uses no store")
    }
}

#[async_trait]
impl UserStore for Unused {
    async fn user_by_id(&self, _: &UserId) -> Result<Option<User>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn user_holding_email(&self, _: &str) -> Result<Option<User>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn unconfirmed_claims(&self, _: &str, _: u64) -> Result<Vec<User>, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn create_user(&self, _: &NewUser) -> Result<User, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn register_and_link(&self, _: &NewUser, _: &NewLink) -> Result<User, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn delete_user(&self, _: &UserId) -> Result<(), StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn confirm_email(&self, _: &UserId, _: &str, _: u64) -> Result<bool, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn change_email(&self, _: &UserId, _: &str) -> Result<User, StoreError> {
        unreachable!("account_info uses no store")
    }
    async fn note_confirmation_sent(&self, _: &UserId, _: u64) -> Result<bool, StoreError> {
        unreachable!("account_info uses no store")
    }
}
