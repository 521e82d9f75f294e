//! schemathesis (PyPI, pinned in `xtask/schemathesis/requirements.txt`, installed into a venv
//! under `target/schemathesis/`) checks docs/openapi.yaml against the running demo in sandbox
//! mode: it generates requests from the document, valid and invalid, and fails on any reply
//! the document does not describe (status, content type, headers, body schema), on a 5xx,
//! on invalid input accepted and on valid input refused, on methods the document does not
//! list that are not refused.
//!
//! Deterministic and bounded: a fixed seed, `--generation-deterministic` (which also keeps
//! no example database), at most [`MAX_EXAMPLES`] cases per operation and phase, one worker.
//!
//! The requests carry an anonymous session (its cookie) and that session's CSRF token
//! (`X-CSRF-Token`), fetched first by `xtask/schemathesis/session.py`: the writes then get
//! past the token check and are answered for what they are (401 signed out, 404 unknown app,
//! 400 bad body), which is what the document describes.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::clear_old_runs;
use super::python::ensure_venv;
use super::sandbox::{self, SandboxApp};
use crate::process::run_for;

/// The tool's pinned requirements and the session helper, relative to the workspace root.
const REQUIREMENTS: &str = "xtask/schemathesis/requirements.txt";
const SESSION_SCRIPT: &str = "xtask/schemathesis/session.py";
/// Its settings file: the session's headers, read from the environment.
const CONFIG: &str = "xtask/schemathesis/schemathesis.toml";
/// The document under test.
const OPENAPI: &str = "docs/openapi.yaml";
/// Test cases per operation and phase: enough to cover every status the routes answer
/// (each operation has a handful), small enough for the run to take about a minute.
const MAX_EXAMPLES: &str = "40";
/// Any fixed seed: the same cases every run.
const SEED: &str = "20250101";
const RUN_LIMIT: Duration = Duration::from_secs(5 * 60);

/// Installs schemathesis, starts the demo (sandbox mode, fresh data) and runs it.
pub fn run(root: &Path, target: &Path) -> Result<(), String> {
    let python = ensure_venv(
        &root.join(REQUIREMENTS),
        &target.join("schemathesis"),
        "schemathesis",
    )?;
    let bin = python
        .parent()
        .ok_or_else(|| format!("{} has no directory", python.display()))?;
    let work = target.join("schemathesis-run");
    clear_old_runs(&work)?;
    let data_dir = work.join(format!("data-{}", std::process::id()));
    let demo = sandbox::start(root, target, SandboxApp::Demo, &data_dir, &[])?;
    let site = demo.site.clone();
    let outcome = session(&python, root, &site).and_then(|(cookie, token)| {
        schemathesis(
            &bin.join("schemathesis"),
            root,
            &work,
            &site,
            &cookie,
            &token,
        )
    });
    demo.stop();
    outcome.map_err(|err| format!("{err}; the demo's data is in {}", data_dir.display()))
}

/// The anonymous session's `Cookie` header and CSRF token.
fn session(python: &Path, root: &Path, site: &str) -> Result<(String, String), String> {
    let output = Command::new(python)
        .current_dir(root)
        .arg(SESSION_SCRIPT)
        .arg(site)
        .output()
        .map_err(|err| format!("cannot run {SESSION_SCRIPT}: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "{SESSION_SCRIPT} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    match (lines.next(), lines.next()) {
        (Some(cookie), Some(token)) if !cookie.is_empty() && !token.is_empty() => {
            Ok((cookie.to_owned(), token.to_owned()))
        }
        _ => Err(format!(
            "{SESSION_SCRIPT} printed no cookie and token: {text}"
        )),
    }
}

/// `schemathesis run` with every check, its report (JUnit) under `work`.
fn schemathesis(
    schemathesis: &Path,
    root: &Path,
    work: &Path,
    site: &str,
    cookie: &str,
    token: &str,
) -> Result<(), String> {
    let started = Instant::now();
    let args: Vec<OsString> = [
        "--config-file",
        CONFIG,
        "run",
        OPENAPI,
        "--url",
        site,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        "--generation-deterministic",
        "--workers",
        "1",
        "--request-timeout",
        "10",
        "--continue-on-failure",
        "--no-color",
        "--report",
        "junit",
    ]
    .into_iter()
    .map(OsString::from)
    .chain(["--report-dir".into(), work.join("report").into()])
    .collect();
    let status = run_for(
        Command::new(schemathesis)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .env("OAUTHCLIENT_ST_COOKIE", cookie)
            .env("OAUTHCLIENT_ST_CSRF_TOKEN", token)
            .args(&args),
        RUN_LIMIT,
    )?;
    println!(
        "xtask: schemathesis finished in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "schemathesis found replies docs/openapi.yaml does not describe ({status}); \
             the JUnit report is in {}",
            work.join("report").display()
        ))
    }
}
