//! From an app's provider and configured handler names to the handlers it runs.

use std::sync::Arc;

use super::{Handler, HandlerKind, Provider, Registry};
use crate::config::{ConfigError, RemoteApp, provider_not_linked};
use crate::handlers::AppHandlers;

impl Registry {
    /// The handlers `app` runs. For each slot: the handler its configuration names, else its
    /// provider's, else core's built-in (the disconnect is core's or the configured one; the
    /// provider contributes its [`Provider::revoke`], which core's disconnect runs). With no
    /// `authorized_handler`, an app that can learn who signed in (it has account info) gets
    /// `authorized_signup`, others `authorized_default`.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// let registry = Registry::default();
    /// let config = OAuthClientConfig::from_toml_str(r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org"
    ///     [remote_apps.demo.params]
    ///     authorize_url = "https://provider.example/authorize"
    ///     access_token_url = "https://provider.example/token"
    ///     [DEMO_APP_CREDENTIALS]
    ///     consumer_key = "k"
    ///     consumer_secret = "s"
    /// "#, &NoEnv, &registry)?;
    /// let handlers = registry.resolve(config.remote_app("demo").expect("configured"))?;
    /// assert!(handlers.account_info.is_none());
    /// # Ok::<(), oauthclient_core::config::ConfigError>(())
    /// ```
    pub fn resolve(&self, app: &RemoteApp) -> Result<AppHandlers, ConfigError> {
        use crate::client::{OAuth1Protocol, OAuth2Protocol};
        use crate::handlers::defaults::{
            AuthorizedDefault, AuthorizedSignup, DisconnectDefault, SignupDefault,
        };
        let provider = match app.provider.as_deref() {
            None => None,
            Some(id) => Some(self.provider(id).ok_or_else(|| {
                let linked: Vec<&str> = self.provider_names().collect();
                ConfigError::new(
                    format!("remote_apps.{}.provider", app.name),
                    provider_not_linked(id, &linked),
                )
            })?),
        };
        let names = &app.handlers;
        // The handler configuration names under `$kind`'s key, if any, when it has that kind.
        macro_rules! named {
            ($kind:ident, $name:expr) => {
                self.named(
                    app,
                    HandlerKind::$kind,
                    $name.as_deref(),
                    |handler| match handler {
                        Handler::$kind(handler) => Some(handler),
                        _ => None,
                    },
                )?
            };
        }
        let account_info = named!(AccountInfo, names.signup_info)
            .or_else(|| provider.and_then(Provider::account_info));
        let account_setup = named!(AccountSetup, names.signup_setup)
            .or_else(|| provider.and_then(Provider::account_setup));
        let protocol = named!(Protocol, names.protocol)
            .or_else(|| provider.and_then(Provider::protocol))
            .unwrap_or_else(|| {
                if app.is_oauth1() {
                    Arc::new(OAuth1Protocol)
                } else {
                    Arc::new(OAuth2Protocol)
                }
            });
        let disconnect =
            named!(Disconnect, names.disconnect).unwrap_or_else(|| Arc::new(DisconnectDefault));
        let revoke = provider.and_then(Provider::revoke);
        let signup_view =
            named!(SignupView, names.signup_view).unwrap_or_else(|| Arc::new(SignupDefault));
        let authorized = named!(Authorized, names.authorized).unwrap_or_else(|| {
            if account_info.is_some() {
                Arc::new(AuthorizedSignup)
            } else {
                Arc::new(AuthorizedDefault)
            }
        });
        Ok(AppHandlers {
            protocol,
            authorized,
            disconnect,
            account_info,
            account_setup,
            signup_view,
            revoke,
        })
    }

    /// The handler configured under `kind`'s key, if the configuration names one; `pick`
    /// takes it out of [`Handler`] when it has the right kind.
    fn named<T>(
        &self,
        app: &RemoteApp,
        kind: HandlerKind,
        name: Option<&str>,
        pick: fn(Handler) -> Option<T>,
    ) -> Result<Option<T>, ConfigError> {
        let Some(name) = name else { return Ok(None) };
        let key = format!("remote_apps.{}.{}", app.name, kind.config_key());
        let handler = self.handler(name).cloned().ok_or_else(|| {
            ConfigError::new(&key, format!("no handler is registered as `{name}`"))
        })?;
        pick(handler)
            .map(Some)
            .ok_or_else(|| ConfigError::new(&key, format!("`{name}` is not a {kind} handler")))
    }
}
