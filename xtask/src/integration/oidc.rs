//! The OpenID Connect suites against a certified OpenID Provider (npm `oidc-provider` 9,
//! `xtask/oidc-provider/server.mjs`, installed under `target/oidc-provider/`):
//! `oauthclient-oidc`'s `live` test over HTTP, then in headless chromium the demo configured
//! with the provider (`oauthclient-demo/browser-tests/oidc.mjs`) and the axum example app,
//! its oauthclient pages under `/auth` (`examples/axum-app`, `browser-tests/axum.mjs`).

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::{npm, run_browser_script, start_app};
use crate::process::{Server, cargo, free_ports, remove_dir};

/// The provider's script and package.json, relative to the workspace root.
const PROVIDER: &str = "xtask/oidc-provider";
const READY_LIMIT: Duration = Duration::from_secs(60);
/// The host sites and the provider listen on.
pub(super) const LOOPBACK: &str = "127.0.0.1";
/// The confidential client the provider registers (`server.mjs`).
const CLIENT_ID: &str = "oidc-confidential";
const CLIENT_SECRET: &str = "oidc-confidential-secret-0123456789";
/// The apps of the live test and the demo whose callbacks the provider accepts.
const CALLBACK_APPS: [&str; 7] = [
    "oidc",
    "oidc_public",
    "oidc_userinfo",
    "oidc_csjwt",
    "oidc_pkjwt",
    "oidc_wrong_key",
    "oidc_form_post",
];

/// An app of the workspace clicked through in chromium against the provider.
pub(super) struct BrowserApp {
    /// The package and its binary (built by the caller).
    pub binary: &'static str,
    /// The path of `site_url` (where the app mounts the oauthclient endpoints), or "".
    pub prefix: &'static str,
}

/// The demo (actix), the library at the root.
pub(super) const DEMO: BrowserApp = BrowserApp {
    binary: "oauthclient-demo",
    prefix: "",
};

/// The axum example app, the library under `/auth`.
pub(super) const AXUM_APP: BrowserApp = BrowserApp {
    binary: "oauthclient-axum-app",
    prefix: "/auth",
};

/// One browser test: an app configured with the provider's `oidc` app, and a script of
/// `oauthclient-demo/browser-tests/` run as `node SCRIPT SITE_URL ISSUER [EXTRA...] SHOTS`.
pub(super) struct BrowserRun<'a> {
    pub app: &'a BrowserApp,
    pub script: &'static str,
    /// The host of the site's URL: `127.0.0.1` (the provider's host: same site), or
    /// `localhost` to make the provider's pages cross-site to it (the app still listens on
    /// 127.0.0.1; the browser maps `localhost` there).
    pub site_host: &'static str,
    /// What the run adds, given the issuer and a spare free port of its own.
    pub extras: fn(issuer: &str, spare_port: u16) -> Extras,
}

/// A run's additions to the configuration and the script's arguments.
#[derive(Default)]
pub(super) struct Extras {
    /// Top-level keys (`cors_origins = [...]`), written before the tables.
    pub keys: String,
    /// Tables (more `[remote_apps.*]`), written after the `oidc` app's.
    pub tables: String,
    /// The script's arguments between ISSUER and SHOTS.
    pub args: Vec<OsString>,
}

/// Nothing added (the OpenID Connect flows of `oidc.mjs` and `axum.mjs`).
fn no_extras(_issuer: &str, _spare_port: u16) -> Extras {
    Extras::default()
}

/// The live suite, then the demo and the axum app in the browser; `playwright` is
/// playwright-core's node_modules, the screenshots go to `screenshots/oidc` and
/// `screenshots/axum`.
pub fn run(
    root: &Path,
    target: &Path,
    playwright: &Path,
    screenshots: &Path,
) -> Result<(), String> {
    let modules = install_provider(root, target)?;
    live_suite(root, target, &modules)?;
    let demo = BrowserRun {
        app: &DEMO,
        script: "oidc.mjs",
        site_host: LOOPBACK,
        extras: no_extras,
    };
    browser(
        root,
        target,
        &modules,
        playwright,
        &demo,
        &screenshots.join("oidc"),
    )?;
    let axum = BrowserRun {
        app: &AXUM_APP,
        script: "axum.mjs",
        site_host: LOOPBACK,
        extras: no_extras,
    };
    browser(
        root,
        target,
        &modules,
        playwright,
        &axum,
        &screenshots.join("axum"),
    )
}

/// Installs oidc-provider (pinned) under `target/oidc-provider/`; returns its node_modules.
pub(super) fn install_provider(root: &Path, target: &Path) -> Result<std::path::PathBuf, String> {
    npm::install(
        &root.join(PROVIDER).join("package.json"),
        &target.join("oidc-provider"),
        "oidc-provider",
    )
}

/// `cargo test -p oauthclient-oidc --test live` against a provider that knows the test site's
/// callback URLs (the port is chosen here and handed to the test). Two fresh P-256 keys:
/// the provider gets the first's public half for its `private_key_jwt` client, the test both
/// private keys (the second, unregistered, for the refusal).
fn live_suite(root: &Path, target: &Path, modules: &Path) -> Result<(), String> {
    let keys = target.join(format!("oidc-client-keys-{}", std::process::id()));
    remove_dir(&keys)?;
    std::fs::create_dir_all(&keys)
        .map_err(|err| format!("cannot create {}: {err}", keys.display()))?;
    let client_key = p256_key(&keys, "client")?;
    let wrong_key = p256_key(&keys, "wrong")?;
    let public_key = keys.join("client-public.pem");
    run_openssl(&[
        "pkey".as_ref(),
        "-in".as_ref(),
        keys.join("client.pem").as_os_str(),
        "-pubout".as_ref(),
        "-out".as_ref(),
        public_key.as_os_str(),
    ])?;
    let ports = free_ports(2)?;
    let (provider_port, site_port) = (ports[0], ports[1]);
    let provider = start_provider(
        root,
        modules,
        provider_port,
        &format!("http://127.0.0.1:{site_port}"),
        Some(&public_key),
    );
    let provider = match provider {
        Ok(provider) => provider,
        Err(err) => {
            let _ = remove_dir(&keys);
            return Err(err);
        }
    };
    let suite = cargo(
        &["test", "-p", "oauthclient-oidc", "--test", "live"],
        &[
            (
                "OAUTHCLIENT_TEST_OIDC_ISSUER",
                &format!("http://127.0.0.1:{provider_port}"),
            ),
            ("OAUTHCLIENT_TEST_OIDC_SITE_PORT", &site_port.to_string()),
            ("OAUTHCLIENT_TEST_OIDC_CLIENT_KEY", &client_key),
            ("OAUTHCLIENT_TEST_OIDC_WRONG_KEY", &wrong_key),
        ],
    );
    provider.stop();
    let _ = remove_dir(&keys);
    suite
}

/// A fresh P-256 private key (PKCS#8 PEM) written to `dir/name.pem`; returns the PEM.
fn p256_key(dir: &Path, name: &str) -> Result<String, String> {
    let path = dir.join(format!("{name}.pem"));
    run_openssl(&[
        "genpkey".as_ref(),
        "-algorithm".as_ref(),
        "EC".as_ref(),
        "-pkeyopt".as_ref(),
        "ec_paramgen_curve:P-256".as_ref(),
        "-out".as_ref(),
        path.as_os_str(),
    ])?;
    std::fs::read_to_string(&path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

fn run_openssl(args: &[&std::ffi::OsStr]) -> Result<(), String> {
    let status = Command::new("openssl")
        .args(args)
        .status()
        .map_err(|err| format!("cannot run openssl: {err}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("openssl {args:?} failed: {status}"))
    }
}

/// `run.app` with a configuration naming the provider, and its script clicking through it.
pub(super) fn browser(
    root: &Path,
    target: &Path,
    modules: &Path,
    playwright: &Path,
    run: &BrowserRun<'_>,
    screenshots: &Path,
) -> Result<(), String> {
    let app = run.app;
    let ports = free_ports(3)?;
    let (provider_port, site_port, spare_port) = (ports[0], ports[1], ports[2]);
    let listen = format!("{LOOPBACK}:{site_port}");
    // The provider registers callbacks under the site URL, prefix included.
    let site = format!("http://{}:{site_port}{}", run.site_host, app.prefix);
    let issuer = format!("http://127.0.0.1:{provider_port}");
    let extras = (run.extras)(&issuer, spare_port);
    let data_dir = target.join("browser-tests").join(format!(
        "{}-data-{}-{}",
        run.script.trim_end_matches(".mjs"),
        app.binary,
        std::process::id()
    ));
    remove_dir(&data_dir)?;
    remove_dir(screenshots)?;
    std::fs::create_dir_all(&data_dir)
        .map_err(|err| format!("cannot create {}: {err}", data_dir.display()))?;
    let config = data_dir.join("oauthclient.toml");
    std::fs::write(
        &config,
        app_config(&listen, &site, &issuer, &data_dir, &extras),
    )
    .map_err(|err| format!("cannot write {}: {err}", config.display()))?;

    let provider = start_provider(root, modules, provider_port, &site, None)?;
    let server = match start_app(
        root,
        target,
        app.binary,
        &["--config".into(), config.into()],
        &[],
    ) {
        Ok(server) => server,
        Err(err) => {
            provider.stop();
            return Err(err);
        }
    };
    let mut args: Vec<OsString> = vec![site.into(), issuer.into()];
    args.extend(extras.args);
    args.push(screenshots.into());
    let flow = run_browser_script(root, playwright, run.script, &args);
    server.stop();
    provider.stop();
    flow.map_err(|err| format!("{err}; {}'s data is in {}", app.binary, data_dir.display()))
}

/// A configuration with one OpenID Connect app on `issuer` (and the run's extras), for the
/// demo and the axum app alike (the keys beside the library's are the same).
fn app_config(listen: &str, site: &str, issuer: &str, data_dir: &Path, extras: &Extras) -> String {
    let Extras { keys, tables, .. } = extras;
    format!(
        r#"listen = "{listen}"
site_url = "{site}"
database_url = "sqlite://{database}"
secret_key = "integration-oidc-secret-integration-oidc-secret"
{keys}

[remote_apps.oidc]
provider = "oidc"
title = "OpenID Provider"

[remote_apps.oidc.params]
issuer = "{issuer}"
client_auth = "basic"

[OIDC_APP_CREDENTIALS]
consumer_key = "{CLIENT_ID}"
consumer_secret = "{CLIENT_SECRET}"
{tables}"#,
        database = data_dir.join("app.sqlite").display(),
    )
}

/// `oidc-provider` with clients whose callbacks are `{site}/oauth/authorized/{app}/` for the
/// apps of [`CALLBACK_APPS`], and `{site}/` as the post-logout redirect; with
/// `client_public_key`, also the `private_key_jwt` client holding that key.
fn start_provider(
    root: &Path,
    modules: &Path,
    port: u16,
    site: &str,
    client_public_key: Option<&Path>,
) -> Result<Server, String> {
    let mut command = Command::new("node");
    command
        .env("NODE_PATH", modules)
        .arg(root.join(PROVIDER).join("server.mjs"))
        .args(["--port", &port.to_string()])
        .args(CALLBACK_APPS.iter().flat_map(|app| {
            [
                "--redirect-uri".to_owned(),
                format!("{site}/oauth/authorized/{app}/"),
            ]
        }))
        .args(["--post-logout-redirect-uri", &format!("{site}/")]);
    if let Some(key) = client_public_key {
        command.arg("--client-public-key").arg(key);
    }
    Server::start("oidc-provider", &mut command, "Ready on", READY_LIMIT)
}
