//! [`RuntimeBuilder`]: one configuration, one store, the host's parts; checked once in
//! [`RuntimeBuilder::build`]. Each adapter names it after its own front door
//! (`oauthclient_web::OAuthClientBuilder`, `oauthclient_axum::OAuthRouterBuilder`): `build`
//! returns whatever the adapter wraps around the [`Runtime`].

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oauthclient_core::client::{
    DEFAULT_EXPIRY_LEEWAY_SECS, HttpApi, HttpClient, HttpLimits, RemoteClient,
};
use oauthclient_core::clock::{Clock, SystemClock};
use oauthclient_core::config::{ConfigError, ProcessEnv};
use oauthclient_core::email::{ConfirmationCodec, EmailVerification, Mailer};
use oauthclient_core::error::BuildError;
use oauthclient_core::handlers::{EventBus, EventListener};
use oauthclient_core::host_policy::{DefaultPolicy, HostPolicy};
use oauthclient_core::registry::Registry;
use oauthclient_core::user_directory::{HostUsers, UserDirectory};
use oauthclient_core::{AccountStore, OAuthClientConfig, UserStore};

use crate::current_user::{CurrentUser, SessionCurrentUser};
use crate::frame_ancestors::FrameAncestors;
use crate::parts::{AppRuntime, Parts};
use crate::rate_limit::RateLimiter;
use crate::routes::Paths;
use crate::runtime::Runtime;
use crate::templates::Templates;

/// Builds a [`Runtime`], and from it `T`: the adapter's type (`Runtime` itself by default).
pub struct RuntimeBuilder<T = Runtime> {
    config: OAuthClientConfig,
    registry: Registry,
    accounts: Option<Arc<dyn AccountStore>>,
    users: Option<Arc<dyn UserStore>>,
    directory: Option<Arc<dyn UserDirectory>>,
    current_user: Arc<dyn CurrentUser>,
    templates: Vec<(String, String)>,
    events: EventBus,
    limits: HttpLimits,
    leeway_secs: u64,
    home: String,
    mailer: Option<Arc<dyn Mailer>>,
    frame_ancestors: FrameAncestors,
    policy: Arc<dyn HostPolicy>,
    clock: Arc<dyn Clock>,
    locales_dir: Option<PathBuf>,
    locale_sources: Vec<(String, String, String)>,
    output: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for RuntimeBuilder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuntimeBuilder")
            .field("apps", &self.config.remote_apps.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl<T: From<Runtime>> RuntimeBuilder<T> {
    /// Starts building from a loaded configuration and the registry it was checked against.
    pub fn new(config: OAuthClientConfig, registry: Registry) -> Self {
        Self {
            config,
            registry,
            accounts: None,
            users: None,
            directory: None,
            current_user: Arc::new(SessionCurrentUser::default()),
            templates: Vec::new(),
            events: EventBus::default(),
            limits: HttpLimits::default(),
            leeway_secs: DEFAULT_EXPIRY_LEEWAY_SECS,
            home: "/".into(),
            mailer: None,
            frame_ancestors: FrameAncestors::default(),
            policy: Arc::new(DefaultPolicy),
            clock: Arc::new(SystemClock),
            locales_dir: None,
            locale_sources: Vec::new(),
            output: PhantomData,
        }
    }

    /// Starts building from `path` (TOML), with `OAUTHCLIENT_*` environment overrides
    /// ([`ProcessEnv`]) and every provider linked into the binary
    /// ([`Registry::from_inventory`]): the one-call setup. [`RuntimeBuilder::config`]
    /// then gives what the store needs (its keys), so nothing is passed twice.
    ///
    /// Fails with the configuration key at fault, or the providers registered twice.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, BuildError> {
        let registry = Registry::from_inventory()
            .map_err(|err| BuildError::part("the provider registry", err))?;
        let config = OAuthClientConfig::from_file(path.as_ref(), &ProcessEnv, &registry)?;
        Ok(Self::new(config, registry))
    }

    /// The configuration being built on: e.g. for the store's token keys
    /// (`DieselStore::open(builder.config(), url)`).
    pub fn config(&self) -> &OAuthClientConfig {
        &self.config
    }

    /// One store for everything (remote accounts, tokens, identities, pending sign-ups and
    /// users), e.g. a `DieselStore`: the same as `.accounts(store.clone()).users(store)`.
    #[must_use]
    pub fn store<S: AccountStore + UserStore + 'static>(self, store: Arc<S>) -> Self {
        self.accounts(store.clone()).users(store)
    }

    /// The store for remote accounts, tokens and identities (required, or [`Self::store`]).
    #[must_use]
    pub fn accounts(mut self, store: Arc<dyn AccountStore>) -> Self {
        self.accounts = Some(store);
        self
    }

    /// The store for local users (required, or [`Self::store`]).
    #[must_use]
    pub fn users(mut self, store: Arc<dyn UserStore>) -> Self {
        self.users = Some(store);
        self
    }

    /// Bring your own users: the host's users table behind a [`UserDirectory`], with the
    /// remote accounts in the [`Self::accounts`] store (a `DieselStore` opened with
    /// `UsersTable::Host`). Instead of [`Self::users`]. See
    /// [`oauthclient_core::user_directory`] for what "create user + link" guarantees; the
    /// host confirms addresses itself, so `email_verification = "mandatory"` and a mailer are
    /// refused with a directory.
    #[must_use]
    pub fn user_directory(mut self, directory: Arc<dyn UserDirectory>) -> Self {
        self.directory = Some(directory);
        self
    }

    /// The host app's sign-in glue (default: [`SessionCurrentUser`]).
    #[must_use]
    pub fn current_user(mut self, glue: Arc<dyn CurrentUser>) -> Self {
        self.current_user = glue;
        self
    }

    /// Replaces (or adds) a template, e.g. `"oauthclient/signup.html"`.
    #[must_use]
    pub fn template(mut self, name: impl Into<String>, source: impl Into<String>) -> Self {
        self.templates.push((name.into(), source.into()));
        self
    }

    /// Subscribes to sign-up and link events.
    #[must_use]
    pub fn listen(mut self, listener: Arc<dyn EventListener>) -> Self {
        self.events.subscribe(listener);
        self
    }

    /// Timeouts and size caps for calls to providers.
    #[must_use]
    pub fn http_limits(mut self, limits: HttpLimits) -> Self {
        self.limits = limits;
        self
    }

    /// How long before its expiry a token is refreshed, in seconds (default 10, Invenio's
    /// `OAUTHCLIENT_TOKEN_EXPIRES_LEEWAY`).
    #[must_use]
    pub fn token_expiry_leeway(mut self, seconds: u64) -> Self {
        self.leeway_secs = seconds;
        self
    }

    /// Sends confirmation mail (default: an `SmtpMailer` from `[mail]` with the `smtp`
    /// feature; required when `email_verification` sends mail and `[mail]` is absent).
    #[must_use]
    pub fn mailer(mut self, mailer: Arc<dyn Mailer>) -> Self {
        self.mailer = Some(mailer);
        self
    }

    /// Where people land after signing in without a `next` (default `/`).
    #[must_use]
    pub fn home_url(mut self, url: impl Into<String>) -> Self {
        self.home = url.into();
        self
    }

    /// The host's policy: whether apps may create users, a veto or redirect before sign-in,
    /// new-user fields, and events to act on (default: [`DefaultPolicy`], the library's
    /// behaviour).
    #[must_use]
    pub fn policy(mut self, policy: Arc<dyn HostPolicy>) -> Self {
        self.policy = policy;
        self
    }

    /// Who may show the library's pages in a frame (default: no one,
    /// [`FrameAncestors::None`]).
    #[must_use]
    pub fn frame_ancestors(mut self, policy: FrameAncestors) -> Self {
        self.frame_ancestors = policy;
        self
    }

    /// The clock session lifetimes are judged by (default: the system clock); tests give a
    /// `ManualClock` to move time without waiting.
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The host's message catalogs, `<dir>/<tag>/*.ftl`, instead of `[locales] dir`: a file
    /// for a locale the library ships overrides its messages of the same id; a file for
    /// another tag adds a locale (its missing messages are shown in English).
    #[must_use]
    pub fn locales_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.locales_dir = Some(dir.into());
        self
    }

    /// One host catalog given as text, for locale `tag` (e.g. embedded with `include_str!`);
    /// `name` is how errors name it (`"locales/de/app.ftl"`). Loaded after
    /// [`Self::locales_dir`]'s files, with the same rules; an id it defines twice, or that
    /// another host file of the same locale defines, fails [`Self::build`].
    #[must_use]
    pub fn locale_source(mut self, tag: &str, name: &str, text: impl Into<String>) -> Self {
        self.locale_sources
            .push((tag.to_owned(), name.to_owned(), text.into()));
        self
    }

    /// Resolves every app's handlers, loads the message catalogs, makes the mailer and
    /// compiles the templates. Fails with a [`BuildError`] naming the missing part, the
    /// configuration key at fault, the catalog problem ([`BuildError::Catalog`]:
    /// `file:line:column: what`), or the part that could not be made (its cause as the
    /// error's source).
    pub fn build(self) -> Result<T, BuildError> {
        // First: a catalog mistake is the host's to fix whatever else is missing.
        let localizer = Arc::new(crate::i18n::localizer(
            &self.config.locales,
            self.locales_dir,
            self.locale_sources,
        )?);
        let missing = |what: &str| BuildError::Missing(what.to_owned());
        let accounts = self
            .accounts
            .ok_or_else(|| missing("an account store (`.store(store)` or `.accounts(store)`)"))?;
        let users: Arc<dyn UserStore> = match (self.users, self.directory) {
            (Some(_), Some(_)) => {
                return Err(missing(
                    "either a user store (`.users`) or the host's user directory \
                     (`.user_directory`), not both",
                ));
            }
            (Some(users), None) => users,
            (None, Some(directory)) => {
                refuse_mail_with_directory(&self.config, self.mailer.is_some())?;
                Arc::new(HostUsers::new(directory, accounts.clone()))
            }
            (None, None) => {
                return Err(missing(
                    "a user store (`.store(store)`, `.users(store)` or `.user_directory(directory)`)",
                ));
            }
        };
        let http = HttpClient::new(self.limits)?;
        let mut apps = BTreeMap::new();
        for (name, remote) in &self.config.remote_apps {
            let handlers = self.registry.resolve(remote)?;
            let api = HttpApi::new(http.clone(), remote.clone());
            apps.insert(
                name.clone(),
                AppRuntime {
                    remote: remote.clone(),
                    handlers,
                    api,
                },
            );
        }
        let mailer = match self.mailer {
            Some(mailer) => Some(mailer),
            None => configured_mailer(&self.config)?,
        };
        let tokens = RemoteClient::new(http.clone(), accounts.clone())
            .with_leeway(self.leeway_secs)
            .with_policy(self.policy.clone());
        let confirmations = ConfirmationCodec::new(
            &self.config.secret_keys,
            self.config.accounts.confirmation_expires,
        );
        let paths = Paths::new(self.config.site_url.path(), self.home);
        let parts = Parts {
            rate_limiter: self.config.rate_limit.clone().map(RateLimiter::new),
            tokens,
            codec: self.config.state_codec(),
            config: self.config,
            apps,
            http,
            accounts,
            users,
            current_user: self.current_user,
            templates: Templates::new(self.templates, localizer.clone())?,
            localizer,
            events: self.events,
            paths,
            mailer,
            confirmations,
            frame_ancestors: self.frame_ancestors,
            policy: self.policy,
            mail_queue: crate::mail_queue::MailQueue::default(),
            clock: self.clock,
        };
        Ok(T::from(Runtime {
            parts: Arc::new(parts),
        }))
    }
}

/// The host's directory confirms addresses itself: confirmation mail of ours would mark
/// addresses confirmed in a table the host owns, so it is refused rather than ignored.
/// Each `email_verification` in force with the key that set it: the global one, then each
/// app's.
fn verification_policies(config: &OAuthClientConfig) -> Vec<(String, EmailVerification)> {
    std::iter::once((
        "email_verification".to_owned(),
        config.accounts.email_verification,
    ))
    .chain(config.remote_apps.values().map(|app| {
        (
            format!("remote_apps.{}.email_verification", app.name),
            app.email_verification,
        )
    }))
    .collect()
}

fn refuse_mail_with_directory(
    config: &OAuthClientConfig,
    has_mailer: bool,
) -> Result<(), ConfigError> {
    const WHY: &str = "with the host's user directory the host confirms addresses";
    let mandatory = verification_policies(config)
        .into_iter()
        .find(|(_, policy)| *policy == EmailVerification::Mandatory);
    if let Some((key, _)) = mandatory {
        return Err(ConfigError::new(
            key,
            format!("{WHY}: use \"optional\" or \"none\""),
        ));
    }
    if has_mailer || config.mail.is_some() {
        return Err(ConfigError::new(
            "mail",
            format!("{WHY}: remove [mail] and the builder's mailer"),
        ));
    }
    Ok(())
}

/// The mailer `[mail]` describes; `None` without `[mail]`, unless some verification setting
/// sends mail — then building fails, since confirmation links could not go out.
fn configured_mailer(config: &OAuthClientConfig) -> Result<Option<Arc<dyn Mailer>>, BuildError> {
    if let Some(settings) = &config.mail {
        #[cfg(feature = "smtp")]
        {
            let mailer = oauthclient_core::email::SmtpMailer::new(settings)
                .map_err(|err| BuildError::part("the [mail] mailer", err))?;
            return Ok(Some(Arc::new(mailer)));
        }
        #[cfg(not(feature = "smtp"))]
        {
            let _ = settings;
            return Err(ConfigError::new(
                "mail",
                "[mail] is configured, but oauthclient-frontend was built without its `smtp` feature",
            )
            .into());
        }
    }
    let policies = verification_policies(config);
    // Mandatory verification without mail would lock every new typed address out; optional
    // verification without mail only leaves typed addresses unconfirmed (they never link by
    // e-mail), which is safe, so a first app works before mail is set up.
    if let Some((key, _)) = policies
        .iter()
        .find(|(_, policy)| *policy == EmailVerification::Mandatory)
    {
        return Err(ConfigError::new(
            key,
            "\"mandatory\" needs confirmation mail: configure [mail] (SMTP, feature `smtp`), give \
             the builder a mailer (`.mailer(...)`), or choose \"optional\" or \"none\"",
        )
        .into());
    }
    if policies
        .iter()
        .any(|(_, policy)| *policy == EmailVerification::Optional)
    {
        tracing::warn!(
            "email_verification = \"optional\" without a mailer: addresses typed into the \
             sign-up form stay unconfirmed (so they never link accounts by e-mail) until [mail] \
             is configured"
        );
    }
    Ok(None)
}

#[cfg(test)]
mod tests;
