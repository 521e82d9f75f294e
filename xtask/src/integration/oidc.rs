//! The OpenID Connect suite: a certified OpenID Provider (npm `oidc-provider` 9,
//! `xtask/oidc-provider/server.mjs`, installed under `target/oidc-provider/`) on a free port,
//! and `oauthclient-oidc`'s `live` test driving our endpoints against it.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::npm;
use crate::process::{Server, cargo, free_ports};

/// The provider's script and package.json, relative to the workspace root.
const PROVIDER: &str = "xtask/oidc-provider";
const READY_LIMIT: Duration = Duration::from_secs(60);

/// Starts the provider with the callback URLs of a site on a port chosen here, runs the
/// suite (which serves that site), stops the provider.
pub fn run(root: &Path, target: &Path) -> Result<(), String> {
    let modules = npm::install(
        &root.join(PROVIDER).join("package.json"),
        &target.join("oidc-provider"),
        "oidc-provider",
    )?;
    let ports = free_ports(2)?;
    let (provider_port, site_port) = (ports[0], ports[1]);
    let site = format!("http://127.0.0.1:{site_port}");
    let provider = start_provider(root, &modules, provider_port, &site)?;
    let issuer = format!("http://127.0.0.1:{provider_port}");
    let suite = cargo(
        &["test", "-p", "oauthclient-oidc", "--test", "live"],
        &[
            ("OAUTHCLIENT_TEST_OIDC_ISSUER", &issuer),
            ("OAUTHCLIENT_TEST_OIDC_SITE_PORT", &site_port.to_string()),
        ],
    );
    provider.stop();
    suite
}

/// `oidc-provider` with clients whose callbacks are `{site}/oauth/authorized/oidc/` and
/// `.../oidc_public/`.
pub fn start_provider(
    root: &Path,
    modules: &Path,
    port: u16,
    site: &str,
) -> Result<Server, String> {
    Server::start(
        "oidc-provider",
        Command::new("node")
            .env("NODE_PATH", modules)
            .arg(root.join(PROVIDER).join("server.mjs"))
            .args(["--port", &port.to_string()])
            .args(["--redirect-uri", &format!("{site}/oauth/authorized/oidc/")])
            .args([
                "--redirect-uri",
                &format!("{site}/oauth/authorized/oidc_public/"),
            ])
            .args(["--post-logout-redirect-uri", &format!("{site}/")]),
        "Ready on",
        READY_LIMIT,
    )
}
