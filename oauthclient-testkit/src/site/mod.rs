//! A real site for tests (feature `site`, plus `actix` or `axum` for the framework): an
//! oauthclient adapter on a loopback port with an SQLite store, configured for one remote app,
//! plus test-only routes standing in for the host app's own login (`/test/login/{id}`,
//! `/test/whoami`). Provider crates use it to test their flows end to end against a stand-in;
//! the HTTP conformance suite ([`crate::suite`], feature `http-suite`) runs every scenario on
//! it once per adapter.
//!
//! ```no_run
//! # async fn example() {
//! use oauthclient_testkit::FakeProvider;
//! use oauthclient_testkit::site::{Site, browser};
//!
//! let provider = FakeProvider::start().await.expect("provider");
//! let toml = provider.remote_app_toml("fake");
//! let site = Site::start(provider, "fake", &toml, |toml| toml).await;
//! let browser = browser();
//! let response = site.login(&browser, None).await;
//! assert_eq!(response.status(), 302);
//! # }
//! ```

#[cfg(feature = "actix")]
pub mod actix;
mod adapter;
#[cfg(feature = "axum")]
pub mod axum;
mod browser;
mod data;
mod form_post;
mod options;
mod pages;
pub mod proxy;
pub mod redis_probe;

use std::net::TcpListener;
use std::sync::Arc;

use oauthclient_core::config::NoEnv;
use oauthclient_core::email::MemoryMailbox;
use oauthclient_core::{OAuthClientConfig, Registry};
use oauthclient_frontend::Runtime;
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKeys};

pub use crate::html::input_value;
pub use adapter::{
    Adapter, MAX_COOKIE_BYTES, Running, SESSION_TOKEN_KEY, Sessions, current, with_adapter,
};
pub use browser::{SESSION_COOKIE, browser, location, query, session_set_cookie};
pub use data::confirmation_path_in;
pub use form_post::{PostedForm, cookieless};
pub use options::SiteOptions;

/// The secret every test site signs with.
const SECRET: &str = "site-test-secret-site-test-secret-site";

/// One site and the provider it signs in through; the server stops when dropped.
pub struct Site<P> {
    /// `http://127.0.0.1:PORT` and the mount prefix, if any: the site's `site_url`.
    pub base: String,
    /// The remote app's name.
    pub app: String,
    /// The provider (stand-in) the site signs in through.
    pub provider: P,
    /// The site's store, for assertions and set-up.
    pub store: Arc<DieselStore>,
    /// Mail the site sent (confirmation links), unless it mails over SMTP (`[mail]`).
    pub mailbox: MemoryMailbox,
    /// The front end the site runs: its host-side API (`access_token`, `remote_request`).
    pub runtime: Runtime,
    /// The configuration the site runs with.
    pub toml: String,
    /// The adapter serving it.
    pub adapter: Arc<dyn Adapter>,
    /// The directory of the SQLite database (`site.sqlite`).
    pub db_dir: tempfile::TempDir,
    options: options::Kept,
    _server: Box<dyn Running>,
}

/// Another instance of a site: same configuration and store, its own server.
pub struct Instance {
    /// `http://127.0.0.1:PORT` (the instance's own port).
    pub base: String,
    _server: Box<dyn Running>,
}

impl<P> Site<P> {
    /// Starts a site whose configuration is `app_toml` (a `[remote_apps.<app>]` table and its
    /// credentials) after the top-level keys, changed by `edit`, on the current adapter
    /// ([`current`]). Panics on failure: it is a test helper.
    pub async fn start(
        provider: P,
        app: &str,
        app_toml: &str,
        edit: impl FnOnce(String) -> String,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::start_on(listener, provider, app, app_toml, edit).await
    }

    /// [`Site::start`] on a listener the caller bound: for providers that only redirect to
    /// registered callback URLs, whose port must be known before the provider starts.
    pub async fn start_on(
        listener: TcpListener,
        provider: P,
        app: &str,
        app_toml: &str,
        edit: impl FnOnce(String) -> String,
    ) -> Self {
        // `edit` runs here, so it need not be `Send` like the options' own.
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let toml = edit(site_toml(&base, app_toml));
        let options = SiteOptions::new().listener(listener).configuration(toml);
        Self::launch(provider, app, app_toml, options).await
    }

    /// Starts a site as `options` say.
    pub async fn launch(provider: P, app: &str, app_toml: &str, options: SiteOptions) -> Self {
        let (parts, kept) = options.split();
        let listener = parts
            .listener
            .unwrap_or_else(|| TcpListener::bind("127.0.0.1:0").expect("bind"));
        let origin = format!("http://{}", listener.local_addr().expect("addr"));
        let base = format!("{origin}{}", kept.prefix);
        let toml = match parts.configuration {
            Some(toml) => toml,
            None => (parts.edit)(site_toml(&base, app_toml)),
        };
        let db_dir = tempfile::tempdir().expect("temp dir");
        let url = parts
            .database_url
            .unwrap_or_else(|| format!("sqlite://{}", db_dir.path().join("site.sqlite").display()));
        let config = config(&toml);
        let keys = TokenKeys::from_config(&config.secret_keys).expect("keys");
        let store = Arc::new(
            DieselStore::connect(&url, keys, StoreOptions::default())
                .await
                .expect("store"),
        );
        let mailbox = MemoryMailbox::default();
        let runtime = kept.runtime(config, &store, &mailbox, parts.customize);
        let adapter = current();
        let server = adapter
            .serve(runtime.clone(), listener, &kept.prefix, &kept.sessions)
            .await
            .unwrap_or_else(|err| panic!("{} site: {err}", adapter.name()));
        Site {
            base,
            app: app.to_owned(),
            provider,
            store,
            mailbox,
            runtime,
            toml,
            adapter,
            db_dir,
            options: kept,
            _server: server,
        }
    }

    /// Another instance of this site (same configuration, store and mailbox) on its own port,
    /// with `sessions`: two servers behind one load balancer.
    pub async fn another_instance(&self, sessions: &Sessions) -> Instance {
        self.another_instance_configured(sessions, &self.toml).await
    }

    /// [`Site::another_instance`] running the configuration `toml` (this site's as changed):
    /// a server of the same site whose configuration was changed meanwhile, e.g. one deployed
    /// while a flow was under way.
    pub async fn another_instance_configured(&self, sessions: &Sessions, toml: &str) -> Instance {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let runtime =
            self.options
                .runtime(config(toml), &self.store, &self.mailbox, Box::new(|b| b));
        let server = self
            .adapter
            .serve(runtime, listener, &self.options.prefix, sessions)
            .await
            .unwrap_or_else(|err| panic!("{} instance: {err}", self.adapter.name()));
        Instance {
            base,
            _server: server,
        }
    }
}

/// A site's configuration: the test secret, `site_url = base`, a trusted host for `next`
/// tests, then the app's table.
fn site_toml(base: &str, app_toml: &str) -> String {
    format!(
        "secret_key = \"{SECRET}\"\nsite_url = \"{base}\"\ntrusted_hosts = [\"docs.example.org\"]\n\n{app_toml}"
    )
}

/// The configuration `toml` describes, with every provider linked into the test binary.
fn config(toml: &str) -> OAuthClientConfig {
    let registry = Registry::from_inventory().expect("registry");
    OAuthClientConfig::from_toml_str(toml, &NoEnv, &registry)
        .unwrap_or_else(|err| panic!("test config: {err}\n{toml}"))
}
