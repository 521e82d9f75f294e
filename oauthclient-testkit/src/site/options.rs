//! [`SiteOptions`]: how a test site differs from the default one.

use std::net::TcpListener;
use std::sync::Arc;

use oauthclient_core::email::MemoryMailbox;
use oauthclient_core::{OAuthClientConfig, Registry};
use oauthclient_frontend::{Runtime, RuntimeBuilder};
use oauthclient_store_diesel::DieselStore;

use super::Sessions;

type Edit = Box<dyn FnOnce(String) -> String + Send>;
/// Adjusts the front end's builder (a host policy, frame ancestors, templates...).
pub(crate) type Customize = Box<dyn FnOnce(RuntimeBuilder) -> RuntimeBuilder + Send>;

/// How a test site differs from the default one: cookie sessions, a fresh SQLite file, mail
/// into the site's [`MemoryMailbox`], mounted at the root.
pub struct SiteOptions {
    edit: Edit,
    configuration: Option<String>,
    customize: Customize,
    listener: Option<TcpListener>,
    database_url: Option<String>,
    kept: Kept,
}

/// What a site keeps of its options, to start more instances the same way.
#[derive(Clone)]
pub(crate) struct Kept {
    pub sessions: Sessions,
    pub prefix: String,
    pub mailer: bool,
}

/// The options consumed when the site starts.
pub(crate) struct Parts {
    pub edit: Edit,
    pub configuration: Option<String>,
    pub customize: Customize,
    pub listener: Option<TcpListener>,
    pub database_url: Option<String>,
}

impl Default for SiteOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl SiteOptions {
    /// The defaults.
    pub fn new() -> Self {
        Self {
            edit: Box::new(|toml| toml),
            configuration: None,
            customize: Box::new(|builder| builder),
            listener: None,
            database_url: None,
            kept: Kept {
                sessions: Sessions::Cookie,
                prefix: String::new(),
                mailer: true,
            },
        }
    }

    /// Changes the generated configuration (more apps, flags).
    #[must_use]
    pub fn edit(mut self, edit: impl FnOnce(String) -> String + Send + 'static) -> Self {
        self.edit = Box::new(edit);
        self
    }

    /// The whole configuration, as written (instead of the generated one and `edit`): its
    /// `site_url` must be the listener's address.
    #[must_use]
    pub fn configuration(mut self, toml: String) -> Self {
        self.configuration = Some(toml);
        self
    }

    /// Adjusts the front end's builder (a host policy, frame ancestors, templates...).
    #[must_use]
    pub fn customize(
        mut self,
        customize: impl FnOnce(RuntimeBuilder) -> RuntimeBuilder + Send + 'static,
    ) -> Self {
        self.customize = Box::new(customize);
        self
    }

    /// The session store.
    #[must_use]
    pub fn sessions(mut self, sessions: Sessions) -> Self {
        self.kept.sessions = sessions;
        self
    }

    /// Another database than a fresh SQLite file (PostgreSQL, a proxy in front of it).
    #[must_use]
    pub fn database_url(mut self, url: impl Into<String>) -> Self {
        self.database_url = Some(url.into());
        self
    }

    /// No mailer at all (`email_verification = "optional"` allows it).
    #[must_use]
    pub fn without_mailer(mut self) -> Self {
        self.kept.mailer = false;
        self
    }

    /// Mounts the site under `prefix` (`/auth`): `site_url` gets it, the adapter nests there.
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        prefix
            .into()
            .trim_end_matches('/')
            .clone_into(&mut self.kept.prefix);
        self
    }

    /// Serves on a listener the caller bound.
    #[must_use]
    pub fn listener(mut self, listener: TcpListener) -> Self {
        self.listener = Some(listener);
        self
    }

    pub(crate) fn split(self) -> (Parts, Kept) {
        (
            Parts {
                edit: self.edit,
                configuration: self.configuration,
                customize: self.customize,
                listener: self.listener,
                database_url: self.database_url,
            },
            self.kept,
        )
    }
}

impl Kept {
    /// The front end over `store`, mailing into `mailbox` (unless `[mail]` names an SMTP
    /// server, or the site has no mailer).
    pub(crate) fn runtime(
        &self,
        config: OAuthClientConfig,
        store: &Arc<DieselStore>,
        mailbox: &MemoryMailbox,
        customize: Customize,
    ) -> Runtime {
        let with_smtp = config.mail.is_some();
        let registry = Registry::from_inventory().expect("registry");
        let builder = RuntimeBuilder::<Runtime>::new(config, registry);
        let builder = if self.mailer && !with_smtp {
            builder.mailer(Arc::new(mailbox.clone()))
        } else {
            builder
        };
        customize(builder)
            .store(store.clone())
            // Short enough that the slow-provider tests do not wait long.
            .http_limits(oauthclient_core::client::HttpLimits {
                timeout: std::time::Duration::from_secs(2),
                ..oauthclient_core::client::HttpLimits::default()
            })
            .build()
            .expect("oauth front end")
    }
}
