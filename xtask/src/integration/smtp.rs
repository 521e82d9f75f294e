//! The SMTP suite: oauthclient-core's `SmtpMailer` against a real SMTP server, Python's
//! `aiosmtpd` (`oauthclient-testkit/smtp-sink/`, started by the testkit's `SmtpSink`),
//! installed from PyPI into a throwaway venv under `target/`. `oauthclient-core`'s `smtp`
//! tests (`oauthclient-core/tests/smtp.rs`) get its python in `OAUTHCLIENT_TEST_SMTP_PYTHON`.

use std::path::Path;

use super::python::ensure_venv;
use crate::process::{apt_install, cargo, output_line};

/// The sink's pinned requirements, relative to the workspace root.
const REQUIREMENTS: &str = "oauthclient-testkit/smtp-sink/requirements.txt";

/// Installs aiosmtpd and runs the suite (each test starts and stops its own server).
pub fn run(root: &Path, target: &Path) -> Result<(), String> {
    ensure_openssl()?;
    let python = ensure_venv(
        &root.join(REQUIREMENTS),
        &target.join("smtp-sink"),
        "aiosmtpd",
    )?;
    let python = python
        .to_str()
        .ok_or_else(|| format!("{} is not UTF-8", python.display()))?;
    cargo(
        &[
            "test",
            "-p",
            "oauthclient-core",
            "--features",
            "smtp",
            "--test",
            "smtp",
        ],
        &[("OAUTHCLIENT_TEST_SMTP_PYTHON", python)],
    )?;
    // The web flow, on each adapter (the HTTP suite's SMTP scenario): a typed address gets a
    // real message, whose link confirms it.
    for adapter in ["oauthclient-web", "oauthclient-axum"] {
        cargo(
            &[
                "test",
                "-p",
                adapter,
                "--test",
                "http_suite",
                "--",
                "smtp_confirmation::",
            ],
            &[("OAUTHCLIENT_TEST_SMTP_PYTHON", python)],
        )?;
    }
    Ok(())
}

/// The sink's STARTTLS test makes its certificate with the `openssl` command: Debian's
/// `openssl` is installed when it is missing.
fn ensure_openssl() -> Result<(), String> {
    if output_line("openssl", &["version"]).is_some() {
        return Ok(());
    }
    println!("xtask: `openssl` is missing: installing Debian's openssl");
    apt_install(&["openssl"])?;
    output_line("openssl", &["version"])
        .map(drop)
        .ok_or_else(|| "apt-get installed openssl but `openssl version` still fails".to_owned())
}
