//! Any OAuth 2.0 provider by configuration against a real plain OAuth 2.0 server: npm
//! `oauth2-mock-server` 8 (`xtask/oauth2-mock-server/server.mjs`, installed under
//! `target/oauth2-mock-server/`; 9.x needs Node 22) behind a small front that serves a nested
//! user-info document and an e-mail list. `oauthclient-providers`'s `generic_live` test signs in
//! through an app that names no provider, only an `[account_info]` mapping.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::npm;
use crate::process::{Server, cargo, free_ports};

/// The server's script and package.json, relative to the workspace root.
const SERVER: &str = "xtask/oauth2-mock-server";
const READY_LIMIT: Duration = Duration::from_secs(60);

/// Installs and starts the server, runs the live test against it, stops it.
pub fn run(root: &Path, target: &Path) -> Result<(), String> {
    let modules = npm::install(
        &root.join(SERVER).join("package.json"),
        &target.join("oauth2-mock-server"),
        "oauth2-mock-server",
    )?;
    let port = free_ports(1)?[0];
    let server = Server::start(
        "oauth2-mock-server",
        Command::new("node")
            .env("NODE_PATH", &modules)
            .arg(root.join(SERVER).join("server.mjs"))
            .args(["--port", &port.to_string()]),
        "Ready on",
        READY_LIMIT,
    )?;
    let suite = cargo(
        &[
            "test",
            "-p",
            "oauthclient-providers",
            "--test",
            "generic_live",
        ],
        &[(
            "OAUTHCLIENT_TEST_OAUTH2_MOCK",
            &format!("http://127.0.0.1:{port}"),
        )],
    );
    server.stop();
    suite
}
