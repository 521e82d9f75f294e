//! The provider under test, configured twice: as shipped (its own URLs, for the static checks)
//! and pointed at the fixture server (for the behaviour checks).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};

use async_trait::async_trait;
use oauthclient_core::account::UserId;
use oauthclient_core::client::{HttpApi, HttpClient, HttpLimits, exchange_code};
use oauthclient_core::config::{NoEnv, RemoteAppSettings};
use oauthclient_core::handlers::{
    ApiRequest, ApiResponse, EventBus, HandlerContext, ProviderContext, RemoteApi,
};
use oauthclient_core::registry::AppHandlers;
use oauthclient_core::secret::AuthorizationCode;
use oauthclient_core::{OAuthClientConfig, OAuthError, Registry, RemoteApp, Token};

use super::fixture_server::FixtureServer;
use super::manifest::Host;
use super::memory_store::MemoryStore;
use crate::stand_in::{toml_key, toml_string};

/// The client id the checks configure.
pub(crate) const CLIENT_ID: &str = "conformance-client";
/// Its secret.
pub(crate) const CLIENT_SECRET: &str = "conformance-secret";

/// The provider's credentials table name.
fn app_key(provider: &str, template: &RemoteAppSettings) -> String {
    template
        .params
        .app_key
        .clone()
        .unwrap_or_else(|| format!("{}_APP_CREDENTIALS", provider.to_ascii_uppercase()))
}

/// A throwaway P-256 key (PKCS#8 PEM) for providers that sign client assertions; it is in the
/// testkit's sources, so it signs nothing but tests.
pub(crate) const TEST_P256_KEY: &str = include_str!("../../testdata/p256-test-key.pem");

/// `key = "value"` lines, with `{test_p256_key}` replaced by [`TEST_P256_KEY`].
fn toml_lines(values: &BTreeMap<String, String>) -> String {
    let mut lines = String::new();
    for (key, value) in values {
        let value = value.replace("{test_p256_key}", TEST_P256_KEY);
        let _ = writeln!(lines, "{} = {}", toml_key(key), toml_string(&value));
    }
    lines
}

/// `[remote_apps.<provider>]` naming only the provider, its credentials, `params`, and what
/// the manifest says a host adds.
fn config_toml(provider: &str, template: &RemoteAppSettings, params: &str, host: &Host) -> String {
    let app = toml_key(provider);
    let host_params = toml_lines(&host.params);
    let host_credentials = toml_lines(&host.credentials);
    format!(
        "secret_key = \"conformance-secret-key-conformance-secret-key\"\n\
         site_url = \"https://app.example.org\"\n\
         \n\
         [remote_apps.{app}]\n\
         provider = {provider}\n\
         \n\
         [remote_apps.{app}.params]\n\
         {params}\n\
         {host_params}\n\
         [{key}]\n\
         consumer_key = \"{CLIENT_ID}\"\n\
         consumer_secret = \"{CLIENT_SECRET}\"\n\
         {host_credentials}",
        provider = toml_string(provider),
        key = toml_key(&app_key(provider, template)),
    )
}

/// The provider as a host would configure it: nothing but credentials.
pub(crate) fn shipped(
    registry: &Registry,
    provider: &str,
    template: &RemoteAppSettings,
    host: &Host,
) -> Result<OAuthClientConfig, String> {
    let toml = config_toml(provider, template, "", host);
    OAuthClientConfig::from_toml_str(&toml, &NoEnv, registry).map_err(|err| err.to_string())
}

/// Everything the behaviour checks run with.
pub(crate) struct Harness {
    pub provider: String,
    pub config: OAuthClientConfig,
    pub handlers: AppHandlers,
    pub api: LoopbackApi,
    pub server: FixtureServer,
    http: HttpClient,
    events: EventBus,
}

impl Harness {
    /// Starts the fixture server and points the provider's URLs at it.
    pub async fn start(
        registry: &Registry,
        provider: &str,
        template: &RemoteAppSettings,
        host: &Host,
    ) -> Result<Self, String> {
        if template.params.request_token_url.is_some() {
            return Err("OAuth1 providers are not supported by the conformance suite yet".into());
        }
        let server = FixtureServer::start()
            .await
            .map_err(|err| format!("cannot start the fixture server: {err}"))?;
        let base = &server.base;
        let revoke = if template.params.revoke_url.is_some() {
            format!("revoke_url = \"{base}/revoke\"\n")
        } else {
            String::new()
        };
        let params = format!(
            "authorize_url = \"{base}/authorize\"\n\
             access_token_url = \"{base}/token\"\n\
             base_url = \"{base}/api/\"\n\
             {revoke}"
        );
        let toml = config_toml(provider, template, &params, host);
        let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, registry)
            .map_err(|err| format!("the provider's defaults do not load: {err}"))?;
        let app = config
            .remote_app(provider)
            .ok_or("the configured app vanished")?;
        let handlers = registry.resolve(app).map_err(|err| err.to_string())?;
        let http = HttpClient::new(HttpLimits::default()).map_err(|err| err.to_string())?;
        let api = LoopbackApi {
            app: provider.to_owned(),
            inner: HttpApi::new(http.clone(), app.clone()),
            outside: Mutex::new(Vec::new()),
        };
        Ok(Self {
            provider: provider.to_owned(),
            config,
            handlers,
            api,
            server,
            http,
            events: EventBus::default(),
        })
    }

    /// The configured app.
    pub fn app(&self) -> Result<&RemoteApp, String> {
        self.config
            .remote_app(&self.provider)
            .ok_or_else(|| "the configured app vanished".to_owned())
    }

    /// The narrow context the provider's own handlers get: no store, no user.
    pub fn provider_ctx<'a>(&'a self, app: &'a RemoteApp) -> ProviderContext<'a> {
        ProviderContext::new(&self.provider, app, &self.api)
    }

    /// A handler context over `store`.
    pub fn ctx<'a>(
        &'a self,
        app: &'a RemoteApp,
        store: &'a MemoryStore,
        current_user: Option<&'a UserId>,
    ) -> HandlerContext<'a> {
        HandlerContext {
            app: &self.provider,
            remote: app,
            current_user,
            accounts: store,
            users: store,
            api: &self.api,
            handlers: &self.handlers,
            events: &self.events,
            policy: &oauthclient_core::host_policy::DefaultPolicy,
        }
    }

    /// Core's code exchange against the fixture server's token response.
    pub async fn token(&self) -> Result<Token, OAuthError> {
        let app = self
            .config
            .remote_app(&self.provider)
            .ok_or_else(|| OAuthError::UnknownRemote(self.provider.clone()))?;
        exchange_code(
            &self.http,
            app,
            &self.config.redirect_uri(&self.provider),
            &AuthorizationCode::new("conformance-code"),
            None,
        )
        .await
    }
}

/// The app's API over HTTP, refusing anything but the loopback fixture server: a provider
/// that calls absolute URLs outside its `base_url` is reported, never let out.
pub(crate) struct LoopbackApi {
    app: String,
    inner: HttpApi,
    outside: Mutex<Vec<String>>,
}

impl LoopbackApi {
    /// URLs the provider tried to reach outside the fixture server.
    pub fn outside(&self) -> Vec<String> {
        self.outside
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

#[async_trait]
impl RemoteApi for LoopbackApi {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, OAuthError> {
        let url = self.inner.resolve(&request.url)?;
        if url.host_str() != Some("127.0.0.1") {
            self.outside
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(url.to_string());
            return Err(OAuthError::InvalidResponse {
                remote: self.app.clone(),
                reason: format!(
                    "the conformance suite refused {url}: it is not the fixture server"
                ),
            });
        }
        self.inner.send(request).await
    }
}
