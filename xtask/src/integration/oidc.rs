//! The OpenID Connect suites against a certified OpenID Provider (npm `oidc-provider` 9,
//! `xtask/oidc-provider/server.mjs`, installed under `target/oidc-provider/`):
//! `oauthclient-oidc`'s `live` test over HTTP, then the demo configured with the provider in
//! headless chromium (`oauthclient-demo/browser-tests/oidc.mjs`).

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::{npm, run_browser_script, start_demo};
use crate::process::{Server, cargo, free_ports, remove_dir};

/// The provider's script and package.json, relative to the workspace root.
const PROVIDER: &str = "xtask/oidc-provider";
const READY_LIMIT: Duration = Duration::from_secs(60);
/// The confidential client the provider registers (`server.mjs`).
const CLIENT_ID: &str = "oidc-confidential";
const CLIENT_SECRET: &str = "oidc-confidential-secret-0123456789";
/// The apps of the live test and the demo whose callbacks the provider accepts.
const CALLBACK_APPS: [&str; 3] = ["oidc", "oidc_public", "oidc_userinfo"];

/// Both suites; `playwright` is playwright-core's node_modules, `screenshots` where the
/// browser test's go.
pub fn run(
    root: &Path,
    target: &Path,
    playwright: &Path,
    screenshots: &Path,
) -> Result<(), String> {
    let modules = npm::install(
        &root.join(PROVIDER).join("package.json"),
        &target.join("oidc-provider"),
        "oidc-provider",
    )?;
    live_suite(root, &modules)?;
    browser(root, target, &modules, playwright, screenshots)
}

/// `cargo test -p oauthclient-oidc --test live` against a provider that knows the test site's
/// callback URLs (the port is chosen here and handed to the test).
fn live_suite(root: &Path, modules: &Path) -> Result<(), String> {
    let ports = free_ports(2)?;
    let (provider_port, site_port) = (ports[0], ports[1]);
    let provider = start_provider(
        root,
        modules,
        provider_port,
        &format!("http://127.0.0.1:{site_port}"),
    )?;
    let suite = cargo(
        &["test", "-p", "oauthclient-oidc", "--test", "live"],
        &[
            (
                "OAUTHCLIENT_TEST_OIDC_ISSUER",
                &format!("http://127.0.0.1:{provider_port}"),
            ),
            ("OAUTHCLIENT_TEST_OIDC_SITE_PORT", &site_port.to_string()),
        ],
    );
    provider.stop();
    suite
}

/// The demo with a configuration naming the provider, and oidc.mjs clicking through it.
fn browser(
    root: &Path,
    target: &Path,
    modules: &Path,
    playwright: &Path,
    screenshots: &Path,
) -> Result<(), String> {
    let ports = free_ports(2)?;
    let (provider_port, site_port) = (ports[0], ports[1]);
    let site = format!("http://127.0.0.1:{site_port}");
    let issuer = format!("http://127.0.0.1:{provider_port}");
    let data_dir = target
        .join("browser-tests")
        .join(format!("oidc-data-{}", std::process::id()));
    remove_dir(&data_dir)?;
    remove_dir(screenshots)?;
    std::fs::create_dir_all(&data_dir)
        .map_err(|err| format!("cannot create {}: {err}", data_dir.display()))?;
    let config = data_dir.join("oauthclient.toml");
    std::fs::write(&config, demo_config(&site, &issuer, &data_dir))
        .map_err(|err| format!("cannot write {}: {err}", config.display()))?;

    let provider = start_provider(root, modules, provider_port, &site)?;
    let demo = match start_demo(
        root,
        target,
        &[
            "--config".into(),
            config.into(),
            "--data-dir".into(),
            data_dir.clone().into(),
        ],
    ) {
        Ok(demo) => demo,
        Err(err) => {
            provider.stop();
            return Err(err);
        }
    };
    let flow = run_browser_script(
        root,
        playwright,
        "oidc.mjs",
        &[site.into(), issuer.into(), screenshots.into()],
    );
    demo.stop();
    provider.stop();
    flow.map_err(|err| format!("{err}; the demo's data is in {}", data_dir.display()))
}

/// A demo configuration with one OpenID Connect app on `issuer`.
fn demo_config(site: &str, issuer: &str, data_dir: &Path) -> String {
    let listen = site.trim_start_matches("http://");
    format!(
        r#"listen = "{listen}"
site_url = "{site}"
database_url = "sqlite://{database}"
secret_key = "integration-oidc-secret-integration-oidc-secret"

[remote_apps.oidc]
provider = "oidc"
title = "OpenID Provider"

[remote_apps.oidc.params]
issuer = "{issuer}"
client_auth = "basic"

[OIDC_APP_CREDENTIALS]
consumer_key = "{CLIENT_ID}"
consumer_secret = "{CLIENT_SECRET}"
"#,
        database = data_dir.join("demo.sqlite").display(),
    )
}

/// `oidc-provider` with clients whose callbacks are `{site}/oauth/authorized/{app}/` for the
/// apps `oidc`, `oidc_public` and `oidc_userinfo`, and `{site}/` as the post-logout redirect.
fn start_provider(root: &Path, modules: &Path, port: u16, site: &str) -> Result<Server, String> {
    Server::start(
        "oidc-provider",
        Command::new("node")
            .env("NODE_PATH", modules)
            .arg(root.join(PROVIDER).join("server.mjs"))
            .args(["--port", &port.to_string()])
            .args(CALLBACK_APPS.iter().flat_map(|app| {
                [
                    "--redirect-uri".to_owned(),
                    format!("{site}/oauth/authorized/{app}/"),
                ]
            }))
            .args(["--post-logout-redirect-uri", &format!("{site}/")]),
        "Ready on",
        READY_LIMIT,
    )
}
