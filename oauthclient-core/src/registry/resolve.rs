//! From configured handler names to the handlers an app runs.

use super::{HandlerFactory, Registry};
use crate::config::{ConfigError, RemoteApp};
use crate::handlers::AppHandlers;

impl Registry {
    /// The handlers `app` runs. With no `authorized_handler` configured, an app with a
    /// `signup_handler.info` gets `authorized_signup`, others `authorized_default`.
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
        use crate::handlers::defaults::{
            AUTHORIZED_DEFAULT, AUTHORIZED_SIGNUP, DISCONNECT, OAUTH1, OAUTH2, SIGNUP,
        };
        let names = &app.handlers;
        let lookup = |key: &str, name: &str| {
            self.handler(name).ok_or_else(|| {
                ConfigError::new(
                    format!("remote_apps.{}.{key}", app.name),
                    format!("no handler is registered as `{name}`"),
                )
            })
        };
        let wrong_kind = |key: &str, name: &str| {
            ConfigError::new(
                format!("remote_apps.{}.{key}", app.name),
                format!("`{name}` is not a {key} handler"),
            )
        };
        let authorized_name =
            names
                .authorized
                .as_deref()
                .unwrap_or(if names.signup_info.is_some() {
                    AUTHORIZED_SIGNUP
                } else {
                    AUTHORIZED_DEFAULT
                });
        let HandlerFactory::Authorized(authorized) = lookup("authorized_handler", authorized_name)?
        else {
            return Err(wrong_kind("authorized_handler", authorized_name));
        };
        let protocol_name =
            names
                .protocol
                .as_deref()
                .unwrap_or(if app.is_oauth1() { OAUTH1 } else { OAUTH2 });
        let HandlerFactory::Protocol(protocol) = lookup("protocol_handler", protocol_name)? else {
            return Err(wrong_kind("protocol_handler", protocol_name));
        };
        let disconnect_name = names.disconnect.as_deref().unwrap_or(DISCONNECT);
        let HandlerFactory::Disconnect(disconnect) = lookup("disconnect_handler", disconnect_name)?
        else {
            return Err(wrong_kind("disconnect_handler", disconnect_name));
        };
        let view_name = names.signup_view.as_deref().unwrap_or(SIGNUP);
        let HandlerFactory::SignupView(signup_view) = lookup("signup_handler.view", view_name)?
        else {
            return Err(wrong_kind("signup_handler.view", view_name));
        };
        let account_info = match names.signup_info.as_deref() {
            None => None,
            Some(name) => match lookup("signup_handler.info", name)? {
                HandlerFactory::AccountInfo(factory) => Some(factory()),
                _ => return Err(wrong_kind("signup_handler.info", name)),
            },
        };
        let account_setup = match names.signup_setup.as_deref() {
            None => None,
            Some(name) => match lookup("signup_handler.setup", name)? {
                HandlerFactory::AccountSetup(factory) => Some(factory()),
                _ => return Err(wrong_kind("signup_handler.setup", name)),
            },
        };
        Ok(AppHandlers {
            protocol: protocol(),
            authorized: authorized(),
            disconnect: disconnect(),
            account_info,
            account_setup,
            signup_view: signup_view(),
        })
    }
}
