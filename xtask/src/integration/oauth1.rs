//! The OAuth 1.0a suite: a real, independent OAuth1 provider (Python `oauthlib`'s RFC 5849
//! endpoints, `xtask/oauth1-provider/server.py`) installed from PyPI into a throwaway venv
//! under `target/`, and `oauthclient-web`'s `oauth1_live` tests driving our endpoints
//! against it.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::python::ensure_venv;
use crate::process::{Server, cargo, free_ports};

/// The provider's script and requirements, relative to the workspace root.
const PROVIDER: &str = "xtask/oauth1-provider";
/// The consumer the tests use (`oauthclient-web/tests/oauth1_live.rs`).
const CONSUMER_KEY: &str = "oauthclient-rs-consumer";
const CONSUMER_SECRET: &str = "oauthclient-rs-consumer-secret";

const READY_LIMIT: Duration = Duration::from_secs(30);

/// Installs the provider, starts it on a free port, runs the suite, stops the provider.
pub fn run(root: &Path, target: &Path) -> Result<(), String> {
    let python = ensure_venv(
        &root.join(PROVIDER).join("requirements.txt"),
        &target.join("oauth1-provider"),
        "oauthlib",
    )?;
    let port = free_ports(1)?[0];
    let provider = Server::start(
        "oauth1-provider",
        Command::new(&python)
            .arg(root.join(PROVIDER).join("server.py"))
            .args(["--port", &port.to_string()])
            .args(["--consumer-key", CONSUMER_KEY])
            .args(["--consumer-secret", CONSUMER_SECRET]),
        "Ready on",
        READY_LIMIT,
    )?;
    let url = format!("http://127.0.0.1:{port}");
    let suite = cargo(
        &["test", "-p", "oauthclient-web", "--test", "oauth1_live"],
        &[("OAUTHCLIENT_TEST_OAUTH1_URL", &url)],
    );
    provider.stop();
    suite
}
