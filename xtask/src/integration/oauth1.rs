//! The OAuth 1.0a suite: a real, independent OAuth1 provider (Python `oauthlib`'s RFC 5849
//! endpoints, `xtask/oauth1-provider/server.py`) installed from PyPI into a throwaway venv
//! under `target/`, and `oauthclient-web`'s `oauth1_live` tests driving our endpoints
//! against it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::{Server, cargo, free_ports, output_line, run_ok};

/// The provider's script and requirements, relative to the workspace root.
const PROVIDER: &str = "xtask/oauth1-provider";
/// The consumer the tests use (`oauthclient-web/tests/oauth1_live.rs`).
const CONSUMER_KEY: &str = "oauthclient-rs-consumer";
const CONSUMER_SECRET: &str = "oauthclient-rs-consumer-secret";

const PIP_LIMIT: Duration = Duration::from_secs(5 * 60);
const READY_LIMIT: Duration = Duration::from_secs(30);

/// Installs the provider, starts it on a free port, runs the suite, stops the provider.
pub fn run(root: &Path, target: &Path) -> Result<(), String> {
    let python = ensure_venv(root, &target.join("oauth1-provider"))?;
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

/// A venv in `dir` with the provider's pinned requirements; reused while they are unchanged.
/// Returns its python.
fn ensure_venv(root: &Path, dir: &Path) -> Result<PathBuf, String> {
    let requirements = root.join(PROVIDER).join("requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|err| format!("cannot read {}: {err}", requirements.display()))?;
    let python = dir.join("bin").join("python");
    // Written after a successful install only, so a failed or changed one is redone.
    let stamp = dir.join("installed-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && python.exists() {
        println!("xtask: oauthlib already installed in {}", dir.display());
        return Ok(python);
    }
    let system_python = output_line("python3", &["--version"]).ok_or(
        "`python3` was not found on PATH: install Python 3.9 or newer (apt-get install python3 python3-venv)",
    )?;
    println!(
        "xtask: {system_python}: creating a venv in {}",
        dir.display()
    );
    let _ = std::fs::remove_file(&stamp);
    run_ok(
        Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(dir),
        PIP_LIMIT,
    )?;
    run_ok(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&requirements),
        PIP_LIMIT,
    )?;
    std::fs::write(&stamp, &wanted)
        .map_err(|err| format!("cannot write {}: {err}", stamp.display()))?;
    Ok(python)
}
