//! Ready-made providers for oauthclient-rs, written as configuration.
//!
//! Each provider here is a *template*: one `[remote_apps.<id>]` table (endpoints, scopes,
//! client authentication and the `[account_info]` mapping from the provider's documented
//! responses to an account), shipped in `templates/<id>.toml` and registered under its id. An
//! app uses one by name, like any provider, and overrides any key in its own table:
//!
//! ```toml
//! [remote_apps.discord]            # the provider of the same name
//!
//! [remote_apps.staff]
//! provider = "keycloak"
//! [remote_apps.staff.params]
//! issuer = "https://sso.example.org/realms/staff"
//! [remote_apps.staff.roles]
//! map = { "admin" = ["admin"] }
//! ```
//!
//! Link the crate once (`use oauthclient_providers as _;`) and every template is registered
//! through `inventory`, as the provider crates are. The list, with what each provider
//! verifies and how it is tested, is `docs/providers/index.md`; the table a template holds is
//! [`Template::toml`], and `oauthclient providers` prints what a build links.
//!
//! ```
//! use oauthclient_core::Registry;
//! use oauthclient_providers as _;
//!
//! let registry = Registry::from_inventory()?;
//! let discord = registry.provider("discord").expect("linked");
//! assert_eq!(discord.defaults().title.as_deref(), Some("Discord"));
//! assert_eq!(discord.protocol_name(), "oauth2");
//! assert_eq!(registry.provider("google").expect("linked").protocol_name(), "openid-connect");
//! # Ok::<(), oauthclient_core::registry::RegistryError>(())
//! ```

use std::sync::Arc;

use oauthclient_core::config::RemoteAppSettings;
use oauthclient_core::handlers::{AccountInfoHandler, ProtocolHandler};
use oauthclient_core::inventory;
use oauthclient_core::registry::{Provider, ProviderEntry};
use oauthclient_oidc::OidcProtocol;

/// The protocol a template speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Protocol {
    /// OAuth 2.0 with the endpoints the template names.
    OAuth2,
    /// OpenID Connect: discovery from the issuer, a validated ID token. Declared rather than
    /// read off `issuer`, because Keycloak, Okta and Auth0 leave the issuer to the host.
    OpenIdConnect,
}

/// A provider written as configuration: an id, a protocol and a `[remote_apps.<id>]` table.
#[derive(Debug)]
pub struct Template {
    id: &'static str,
    protocol: Protocol,
    toml: &'static str,
}

impl Template {
    /// The provider id (`[remote_apps.<id>]`, `provider = "<id>"`).
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The protocol it speaks.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// The template as shipped: the body of a `[remote_apps.<id>]` table, comments included.
    pub fn toml(&self) -> &'static str {
        self.toml
    }

    /// The template parsed. Every shipped template parses (this crate's tests load each one);
    /// the error is for a template edited by hand.
    ///
    /// # Errors
    ///
    /// The TOML parser's error when the text is not a valid `[remote_apps.<id>]` table.
    pub fn settings(&self) -> Result<RemoteAppSettings, toml::de::Error> {
        toml::from_str(self.toml)
    }
}

impl Provider for Template {
    fn id(&self) -> &str {
        self.id
    }

    fn defaults(&self) -> RemoteAppSettings {
        // Never reached with a shipped template (tests parse each); an empty table makes
        // configuration loading report the missing endpoints rather than panic at start.
        self.settings().unwrap_or_else(|err| {
            tracing::error!(template = self.id, %err, "a provider template does not parse");
            RemoteAppSettings::default()
        })
    }

    /// None: the template's `[account_info]` mapping is the account info.
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        None
    }

    fn protocol(&self) -> Option<Arc<dyn ProtocolHandler>> {
        match self.protocol {
            Protocol::OAuth2 => None,
            Protocol::OpenIdConnect => Some(Arc::new(OidcProtocol::default())),
        }
    }

    fn protocol_name(&self) -> &'static str {
        match self.protocol {
            Protocol::OAuth2 => "oauth2",
            Protocol::OpenIdConnect => "openid-connect",
        }
    }
}

/// Declares each template as a `static` and registers it.
macro_rules! templates {
    ($($name:ident = $id:literal $protocol:ident),* $(,)?) => {
        $(
            #[doc = concat!("The `", $id, "` provider (`templates/", $id, ".toml`).")]
            pub static $name: Template = Template {
                id: $id,
                protocol: Protocol::$protocol,
                toml: include_str!(concat!("../templates/", $id, ".toml")),
            };
            inventory::submit! { ProviderEntry::new(&$name).with_origin(module_path!()) }
        )*

        /// Every template this crate ships, by id.
        pub static TEMPLATES: &[&Template] = &[$(&$name),*];
    };
}

templates! {
    APPLE = "apple" OpenIdConnect,
    AUTH0 = "auth0" OpenIdConnect,
    BITBUCKET = "bitbucket" OAuth2,
    CERN = "cern" OpenIdConnect,
    DISCORD = "discord" OAuth2,
    DROPBOX = "dropbox" OAuth2,
    EOSC_AAI = "eosc_aai" OAuth2,
    FACEBOOK = "facebook" OAuth2,
    GITLAB = "gitlab" OpenIdConnect,
    GLOBUS = "globus" OAuth2,
    GOOGLE = "google" OpenIdConnect,
    KEYCLOAK = "keycloak" OpenIdConnect,
    LINKEDIN = "linkedin" OpenIdConnect,
    MICROSOFT = "microsoft" OpenIdConnect,
    OKTA = "okta" OpenIdConnect,
    OPENAIRE_AAI = "openaire_aai" OAuth2,
    REDDIT = "reddit" OAuth2,
    SLACK = "slack" OpenIdConnect,
    TWITCH = "twitch" OpenIdConnect,
    X = "x" OAuth2,
    ZENODO = "zenodo" OAuth2,
}
