//! Tests for loading the configuration; shared helpers live here.

mod debug;
mod invalid;
mod load;
mod secret_keys;

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;

use super::*;
use crate::OAuthError;
use crate::account::{AccountInfo, RemoteAccount};
use crate::handlers::{
    AccountInfoHandler, AccountSetupHandler, AuthorizedHandler, AuthorizedOutcome,
    DisconnectHandler, HandlerContext, SignupDecision, SignupForm, SignupViewHandler,
};
use crate::registry::{Handler, Registry};
use crate::token::Token;

const EXAMPLE: &str = include_str!("../../../../docs/examples/oauthclient.toml");

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
        _: &HandlerContext<'_>,
        _: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        Err(OAuthError::UnknownRemote("dummy".into()))
    }
}
#[async_trait]
impl AccountSetupHandler for Dummy {
    async fn account_setup(
        &self,
        _: &HandlerContext<'_>,
        _: &Token,
        _: &RemoteAccount,
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
