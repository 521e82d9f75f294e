//! Tests for loading the configuration; shared helpers live here.

mod debug;
mod invalid;
mod load;
mod login_options;
mod mapping;
mod placeholders;
mod provider_scopes;
mod secret_keys;
mod tenants_and_agents;

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use async_trait::async_trait;

use super::*;
use crate::OAuthError;
use crate::account::AccountInfo;
use crate::handlers::{
    AccountInfoHandler, AccountSetupHandler, AuthorizedHandler, AuthorizedOutcome,
    DisconnectHandler, HandlerContext, ProviderContext, SignupDecision, SignupForm,
    SignupViewHandler,
};
use crate::registry::{Handler, Registry};
use crate::token::Token;

/// docs/examples/oauthclient.toml as shipped: its credentials and secret key are placeholders,
/// which the loader refuses (`invalid::the_shipped_placeholders_are_refused`).
const SHIPPED_EXAMPLE: &str = include_str!("../../../../docs/examples/oauthclient.toml");
/// The shipped example's `secret_key` line.
const SHIPPED_SECRET_KEY: &str =
    "secret_key = \"change-me-to-a-random-string-of-at-least-32-bytes\"";
/// What the tests put in its place.
const TEST_SECRET_KEY: &str = "secret_key = \"example-test-secret-example-test-secret-example\"";
/// [`TEST_SECRET_KEY`]'s value.
const TEST_SECRET_KEY_VALUE: &str = "example-test-secret-example-test-secret-example";

/// The shipped example with the values an operator puts in place of its placeholders.
static EXAMPLE: LazyLock<String> = LazyLock::new(|| {
    assert!(
        SHIPPED_EXAMPLE.contains(SHIPPED_SECRET_KEY),
        "the example's secret_key moved"
    );
    SHIPPED_EXAMPLE
        .replace(SHIPPED_SECRET_KEY, TEST_SECRET_KEY)
        .replace(
            "consumer_key = \"changeme\"",
            "consumer_key = \"example-client-id\"",
        )
        .replace(
            "consumer_secret = \"changeme\"",
            "consumer_secret = \"example-client-secret\"",
        )
});

struct Dummy;

#[async_trait]
impl AuthorizedHandler for Dummy {
    async fn authorized(
        &self,
        _: &HandlerContext<'_>,
        _: Token,
    ) -> Result<AuthorizedOutcome, OAuthError> {
        Ok(AuthorizedOutcome::StoredInSession)
    }
}
#[async_trait]
impl DisconnectHandler for Dummy {
    async fn disconnect(&self, _: &HandlerContext<'_>) -> Result<(), OAuthError> {
        Ok(())
    }
}
#[async_trait]
impl AccountInfoHandler for Dummy {
    async fn account_info(
        &self,
        _: &ProviderContext<'_>,
        _: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        Err(OAuthError::UnknownRemote("dummy".into()))
    }
}
#[async_trait]
impl AccountSetupHandler for Dummy {
    async fn account_setup(
        &self,
        _: &ProviderContext<'_>,
        _: &Token,
        _: &AccountInfo,
    ) -> Result<serde_json::Value, OAuthError> {
        Ok(serde_json::Value::Null)
    }
}
#[async_trait]
impl SignupViewHandler for Dummy {
    async fn signup(
        &self,
        _: &HandlerContext<'_>,
        _: &AccountInfo,
        _: &SignupForm,
    ) -> Result<SignupDecision, OAuthError> {
        Ok(SignupDecision::Invalid { errors: Vec::new() })
    }
}

/// Stands in for `oidc:protocol` (which lives in another crate).
#[async_trait]
impl crate::handlers::ProtocolHandler for Dummy {
    async fn start(
        &self,
        _ctx: &crate::handlers::ProtocolContext<'_>,
        _state: &str,
        _flow: &mut crate::state::PendingFlow,
    ) -> Result<Url, OAuthError> {
        Err(OAuthError::UnknownRemote("dummy".into()))
    }
    async fn finish(
        &self,
        _ctx: &crate::handlers::ProtocolContext<'_>,
        _grant: crate::flow::Grant,
    ) -> Result<Token, OAuthError> {
        Err(OAuthError::UnknownRemote("dummy".into()))
    }
}

fn registry() -> Registry {
    let mut registry = Registry::default();
    let dummy = Arc::new(Dummy);
    let handlers = [
        ("test:authorized_signup", Handler::Authorized(dummy.clone())),
        ("test:disconnect", Handler::Disconnect(dummy.clone())),
        ("test:account_info", Handler::AccountInfo(dummy.clone())),
        ("test:account_setup", Handler::AccountSetup(dummy.clone())),
        ("test:signup", Handler::SignupView(dummy.clone())),
        ("test:protocol", Handler::Protocol(dummy)),
    ];
    for (name, handler) in handlers {
        registry.add_handler(name, handler).expect("unique");
    }
    registry
}

fn load(toml: &str) -> Result<OAuthClientConfig, ConfigError> {
    OAuthClientConfig::from_toml_str(toml, &NoEnv, &registry())
}

fn load_with_env(toml: &str, env: &[(&str, &str)]) -> Result<OAuthClientConfig, ConfigError> {
    let env: BTreeMap<String, String> = env
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    OAuthClientConfig::from_toml_str(toml, &env, &registry())
}

/// The example with `line` replaced by `replacement` (or removed when empty).
fn example_with(line: &str, replacement: &str) -> String {
    assert!(EXAMPLE.contains(line), "example has no line {line:?}");
    EXAMPLE.replacen(line, replacement, 1)
}

fn oauth2(app: &RemoteApp) -> &OAuth2Params {
    match &app.protocol {
        Protocol::OAuth2(params) => params,
        Protocol::OAuth1(_) => panic!("{} is OAuth1", app.name),
    }
}
