//! From an app's provider and configured handler names to the handlers it runs.

use std::sync::Arc;

use super::{Handler, HandlerKind, Provider, Registry};
use crate::config::{ConfigError, RemoteApp, provider_not_linked};
use crate::handlers::AppHandlers;

impl Registry {
    /// The handlers `app` runs. For each slot: the handler its configuration names, else its
    /// provider's, else core's built-in (the disconnect is core's or the configured one; the
    /// provider contributes its [`Provider::revoke`], which core's disconnect runs). Account
    /// info: the named `signup_handler.info`, else the app's `[account_info]` mapping
    /// ([`MappedAccountInfo`](crate::handlers::defaults::MappedAccountInfo)), else its
    /// provider's. With no `authorized_handler`, an app that can learn who signed in (it has
    /// account info) gets `authorized_signup`, others `authorized_default`.
    ///
    /// An app that could sign nobody in (no account info, no `authorized_handler`) is refused
    /// unless it says so (`token_only = true`) or is `link_only`: a sign-in would keep the
    /// token in the session and sign nobody in, which is never what a forgotten `provider`
    /// meant.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// let registry = Registry::default();
    /// let config = OAuthClientConfig::from_toml_str(r#"
    ///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
    ///     site_url = "https://example.org"
    ///     [remote_apps.demo]
    ///     token_only = true
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
            AuthorizedDefault, AuthorizedSignup, DisconnectDefault, MappedAccountInfo,
            SignupDefault,
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
            .or_else(|| {
                app.account_mapping.as_ref().map(|_| {
                    let mapped: Arc<dyn crate::handlers::AccountInfoHandler> =
                        Arc::new(MappedAccountInfo);
                    mapped
                })
            })
            .or_else(|| provider.and_then(Provider::account_info));
        if account_info.is_none() && names.authorized.is_none() && !app.link_only && !app.token_only
        {
            return Err(self.token_only_refusal(app));
        }
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

    /// Why an app that would silently keep tokens and sign nobody in is refused.
    fn token_only_refusal(&self, app: &RemoteApp) -> ConfigError {
        let name = &app.name;
        let linked: Vec<&str> = self
            .provider_names()
            .filter(|id| {
                self.provider(id)
                    .is_some_and(|p| p.account_info().is_some())
            })
            .collect();
        let example = linked.first().copied().unwrap_or("github");
        let others = if linked.is_empty() {
            "no provider crate that signs users in is linked".to_owned()
        } else {
            format!("linked: {}", linked.join(", "))
        };
        let what = match &app.provider {
            None => "this app names no provider and maps no account info".to_owned(),
            Some(id) => format!("provider `{id}` brings no account info and this app maps none"),
        };
        ConfigError::new(
            format!("remote_apps.{name}"),
            format!(
                "{what}, so a sign-in would keep \
                 the token in the session and sign nobody in. Set `provider = \"{example}\"` \
                 (or another provider: {others}), add a `[remote_apps.{name}.account_info]` \
                 mapping, or set `token_only = true` if that is what you want."
            ),
        )
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
