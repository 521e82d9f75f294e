//! Putting the demo together: configuration (sandbox or file), store, sessions, routes.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use actix_web::{App, HttpServer, web};
use minijinja::Environment;
use oauthclient_core::config::{ConfigError, ProcessEnv, RateLimit};
use oauthclient_core::email::{LogMailer, MemoryMailbox};

use crate::local_accounts::DemoPolicy;
use oauthclient_core::error::BuildError;
use oauthclient_core::rate_limit::RateLimiter;
use oauthclient_core::redact::redact_url_in;
use oauthclient_core::{OAuthClientConfig, OAuthError, Registry};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKeys};
use oauthclient_testkit::FakeProvider;
use oauthclient_web::frontend::Localizer;
use oauthclient_web::{OAuthClient, SessionBackend, SessionCurrentUser};

use crate::cli::Cli;
use crate::settings::{DemoSettings, SessionStoreSetting, sandbox_secret};
use crate::{i18n, local_accounts, pages, spa};

/// What the demo's own pages share.
pub struct DemoState {
    pub templates: Environment<'static>,
    /// The library's localizer, with the demo's catalogs: the demo's pages and texts too.
    pub localizer: Arc<Localizer>,
    pub store: Arc<DieselStore>,
    /// Every visible app, sorted by title.
    pub apps: Vec<AppButton>,
    pub sandbox_url: Option<String>,
    pub trusted_hosts: Vec<String>,
    /// The oauthclient endpoints' state: signed-in checks, confirmation mail, policy.
    pub oauth: OAuthClient,
    /// The sandbox mailbox, when no `[mail]` SMTP server is configured.
    pub mailbox: Option<MemoryMailbox>,
    /// Limits password attempts (`POST /login`) per client: `[rate_limit]` when configured,
    /// else [`DEFAULT_LOGIN_LIMIT`].
    pub login_limiter: RateLimiter,
}

/// The password form's limit when there is no `[rate_limit]` table: 5 attempts at once, then
/// one every 10 seconds per client (IPv4 address / IPv6 /64), `X-Forwarded-For` ignored.
/// Argon2 makes each guess slow already; this caps guesses at 8,640 a day and keeps a
/// flood of posts from eating the CPU.
pub const DEFAULT_LOGIN_LIMIT: (u32, u32) = (6, 5);

/// The limit of the password form: the configured one, else [`DEFAULT_LOGIN_LIMIT`].
fn login_limit(config: &OAuthClientConfig) -> RateLimit {
    config.rate_limit.clone().unwrap_or_else(|| {
        let (per_minute, burst) = DEFAULT_LOGIN_LIMIT;
        RateLimit {
            per_minute,
            burst,
            trusted_proxies: Vec::new(),
        }
    })
}

/// A "Sign in with ..." button.
pub struct AppButton {
    /// The app name (URL segment).
    pub name: String,
    /// Its configured title (a catalog's `app-<name>-title` wins over it).
    pub title: String,
    /// Its consumer key, to tell whether the signed-in user linked it.
    pub client_id: String,
}

/// Why the demo could not start; decides the exit code.
#[derive(Debug)]
pub enum StartError {
    /// Bad configuration: exit code 2, one line naming the key.
    Config(ConfigError),
    /// Anything else (port taken, database unreachable): exit code 1.
    Other(String),
}

impl From<ConfigError> for StartError {
    fn from(err: ConfigError) -> Self {
        StartError::Config(err)
    }
}

impl From<OAuthError> for StartError {
    fn from(err: OAuthError) -> Self {
        match err {
            OAuthError::Configuration(err) => StartError::Config(err),
            other => StartError::Other(other.to_string()),
        }
    }
}

impl From<BuildError> for StartError {
    fn from(err: BuildError) -> Self {
        match err {
            BuildError::Config(err) => StartError::Config(err),
            other => StartError::Other(other.with_causes()),
        }
    }
}

/// A demo ready to serve.
pub struct Demo {
    /// Where mail goes (for the start-up banner).
    pub mail: MailSetting,
    pub settings: DemoSettings,
    pub site_url: String,
    /// The path of `site_url` ("" at the root): where the single-page app finds the API.
    api_prefix: String,
    oauth: OAuthClient,
    state: web::Data<DemoState>,
    sessions: SessionBackend,
    /// Kept alive while the demo runs (the sandbox stops when dropped).
    pub sandbox: Option<FakeProvider>,
}

/// The configuration text: the given file, or a generated sandbox configuration.
async fn configuration(cli: &Cli) -> Result<(String, Option<FakeProvider>), StartError> {
    if let Some(path) = &cli.config {
        let text = std::fs::read_to_string(path).map_err(|err| {
            StartError::Config(ConfigError::new(
                path.display().to_string(),
                format!("cannot read: {err}"),
            ))
        })?;
        return Ok((text, None));
    }
    let provider = FakeProvider::builder()
        .interactive(true)
        .port(cli.sandbox_port)
        .client_name("oauthclient-rs demo")
        .start()
        .await
        .map_err(|err| {
            StartError::Other(format!(
                "cannot start the sandbox provider on 127.0.0.1:{}: {err}",
                cli.sandbox_port
            ))
        })?;
    let secret = sandbox_secret(&cli.data_dir).map_err(|err| {
        StartError::Other(format!("cannot use {}: {err}", cli.data_dir.display()))
    })?;
    let database = sqlite_url(&cli.data_dir.join("demo.sqlite"));
    let app = provider
        .remote_app_toml("sandbox")
        .replace("Fake provider (oauthclient-testkit)", "Sandbox")
        .replace(
            "An in-process fake OAuth 2.0 provider for tests.",
            "A local stand-in provider: any username and password work.",
        );
    let text = format!(
        "listen = \"{listen}\"\nsite_url = \"http://{listen}\"\ndatabase_url = \"{database}\"\nsecret_key = \"{secret}\"\n\n{app}",
        listen = cli.listen,
    );
    Ok((text, Some(provider)))
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Loads everything; nothing is listening yet.
pub async fn prepare(cli: &Cli) -> Result<Demo, StartError> {
    let (text, sandbox) = configuration(cli).await?;
    let settings = DemoSettings::from_toml(&text)?;
    let registry = Registry::from_inventory()
        .map_err(|err| StartError::Other(format!("handler registry: {err}")))?;
    let mut config = OAuthClientConfig::from_toml_str(&text, &ProcessEnv, &registry)?;
    i18n::serve_spa_texts(&mut config);
    let site_url = config.site_url.as_str().trim_end_matches('/').to_owned();
    let api_prefix = config.site_url.path().trim_end_matches('/').to_owned();
    let keys = TokenKeys::from_config(&config.secret_keys)
        .ok_or_else(|| ConfigError::new("secret_key", "missing"))?;
    let store = Arc::new(
        DieselStore::connect(&settings.database_url, keys, StoreOptions::default())
            .await
            .map_err(|err| {
                // The URL may carry the database password.
                let url = &settings.database_url;
                StartError::Other(redact_url_in(&format!("database {url}: {err}"), url))
            })?,
    );
    let sessions = match &settings.session_store {
        SessionStoreSetting::Cookie => SessionBackend::cookie(),
        SessionStoreSetting::Redis(url) => SessionBackend::Redis(
            oauthclient_web::connect_redis_store(url, Duration::from_secs(3)).await?,
        ),
    };
    let mut apps: Vec<AppButton> = config
        .remote_apps
        .values()
        .filter(|app| !app.hide)
        .map(|app| AppButton {
            name: app.name.clone(),
            title: app.title.clone(),
            client_id: app.credentials.consumer_key.clone(),
        })
        .collect();
    apps.sort_by(|a, b| a.title.cmp(&b.title));
    let trusted_hosts = config.trusted_hosts.clone();
    // Its own buckets: password attempts do not use up a client's OAuth logins.
    let login_limiter = RateLimiter::new(login_limit(&config));
    // Without an SMTP server: in the offline sandbox, the mail goes to a page of the demo's
    // own (`/mailbox`); with real providers (a configuration file), to the server's log, never
    // to a page: anyone could read another person's confirmation link there.
    let mail = MailSetting::choose(config.mail.is_some(), sandbox.is_some());
    let mailbox = (mail == MailSetting::SandboxMailbox).then(MemoryMailbox::default);
    let mut builder = OAuthClient::builder(config, registry);
    match (&mailbox, mail) {
        (Some(mailbox), _) => builder = builder.mailer(Arc::new(mailbox.clone())),
        (None, MailSetting::ServerLog) => builder = builder.mailer(Arc::new(LogMailer)),
        (None, _) => {}
    }
    // The demo's pages, the sandbox app's title and description, and the single-page app's
    // texts, in every shipped language.
    let oauth = i18n::with_catalogs(builder)
        .accounts(store.clone())
        .users(store.clone())
        .current_user(Arc::new(
            SessionCurrentUser::default().with_login_url("/login"),
        ))
        .policy(Arc::new(DemoPolicy {
            store: store.clone(),
        }))
        // oauthclient's pages (sign-up, linked accounts, errors) in the demo's own page shell.
        .template(
            "oauthclient/base.html",
            include_str!("../templates/oauthclient_base.html"),
        )
        .template("base.html", pages::base_template(mailbox.is_some()))
        .build()?;
    let localizer = Arc::clone(oauth.runtime().localizer());
    let templates = pages::templates(mailbox.is_some(), &localizer)
        .map_err(|err| StartError::Other(format!("templates: {err}")))?;
    let state = web::Data::new(DemoState {
        templates,
        localizer,
        store,
        apps,
        sandbox_url: sandbox.as_ref().map(FakeProvider::base_url),
        trusted_hosts,
        oauth: oauth.clone(),
        mailbox,
        login_limiter,
    });
    Ok(Demo {
        mail,
        settings,
        site_url,
        api_prefix,
        oauth,
        state,
        sessions,
        sandbox,
    })
}

/// Binds the listening socket; the returned server runs until Ctrl-C (actix stops gracefully
/// on SIGINT / SIGTERM) when awaited.
pub fn bind(demo: Demo) -> Result<actix_web::dev::Server, StartError> {
    let Demo {
        settings,
        api_prefix,
        oauth,
        state,
        sessions,
        sandbox,
        ..
    } = demo;
    // The sandbox provider runs on its own thread until its last handle is dropped: keep one
    // alive in every worker's app data for as long as the server lives.
    let sandbox = web::Data::new(sandbox);
    let has_mailbox = state.mailbox.is_some();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(sandbox.clone())
            // A session store that is down (Redis) answers 503, not 500: built in.
            .wrap(oauth.session_middleware_with(sessions.clone()))
            .configure(oauth.configure())
            .route("/", web::get().to(pages::home))
            .route("/login", web::get().to(local_accounts::login_form))
            .route("/login", web::post().to(local_accounts::login))
            .route("/register", web::get().to(local_accounts::register_form))
            .route("/register", web::post().to(local_accounts::register))
            .configure(|cfg| spa::configure(cfg, &api_prefix))
            .configure(|cfg| {
                // Only the offline sandbox has a mailbox page: with real providers it would
                // publish every confirmation link.
                if has_mailbox {
                    cfg.route("/mailbox", web::get().to(pages::mailbox));
                }
            })
    })
    .workers(2)
    .bind(&settings.listen)
    .map_err(|err| StartError::Other(format!("cannot listen on {}: {err}", settings.listen)))?
    .run();
    Ok(server)
}

/// Where the demo's mail goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailSetting {
    /// The `[mail]` SMTP server.
    Smtp,
    /// The offline sandbox's `/mailbox` page.
    SandboxMailbox,
    /// The server's log (a configuration file without `[mail]`).
    ServerLog,
}

impl MailSetting {
    /// SMTP when configured; else the mailbox page in sandbox mode only, the log otherwise.
    pub fn choose(smtp_configured: bool, sandbox: bool) -> Self {
        match (smtp_configured, sandbox) {
            (true, _) => Self::Smtp,
            (false, true) => Self::SandboxMailbox,
            (false, false) => Self::ServerLog,
        }
    }

    /// The start-up banner's line about mail.
    pub fn banner(self, site_url: &str) -> String {
        match self {
            Self::Smtp => "Mail: sent through the [mail] SMTP server.".to_owned(),
            Self::SandboxMailbox => format!(
                "Mail: kept in the sandbox mailbox at {site_url}/mailbox (sandbox mode only)."
            ),
            Self::ServerLog => {
                "Mail: no [mail] configured, so confirmation mails (links included) are \
                 written to this server's log (target oauthclient::mail), not sent."
                    .to_owned()
            }
        }
    }
}
