//! `cargo xtask bench`: release builds, then the load benchmark and the micro-benchmarks;
//! with `--users N`, the data generator instead ([`growth`]).

mod growth;

use std::process::Command;
use std::time::Duration;

use crate::process::{cargo, run_for, target_dir};

/// Builds the demo (with PostgreSQL) and the load generator (which is also the axum site) in
/// release mode, runs `oauthclient-bench run` (extra arguments are passed on), then the
/// criterion benchmarks unless `--no-micro` is given.
pub fn bench(args: &[String]) -> Result<(), String> {
    if growth::requested(args) {
        return growth::fill(args);
    }
    let micro = !args.iter().any(|arg| arg == "--no-micro");
    let passed: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|arg| *arg != "--no-micro")
        .collect();
    // PostgreSQL's client library and tools: the demo links libpq, the bench uses psql.
    require("psql", "postgresql-client")?;
    cargo(
        &[
            "build",
            "--release",
            "-p",
            "oauthclient-demo",
            "--features",
            "postgres",
            "-p",
            "oauthclient-bench",
        ],
        &[],
    )?;
    let release = target_dir().join("release");
    let out = target_dir().join("bench").join("results.json");
    let mut command = Command::new(release.join("oauthclient-bench"));
    command
        .arg("run")
        .arg("--demo")
        .arg(release.join("oauthclient-demo"))
        .arg("--out")
        .arg(&out)
        .args(&passed);
    let status = run_for(&mut command, Duration::from_secs(30 * 60))?;
    if !status.success() {
        return Err(format!("the load benchmark failed ({status})"));
    }
    if micro {
        // Criterion prints each benchmark's time; short runs keep the whole task in minutes.
        let quick = ["--", "--warm-up-time", "1", "--measurement-time", "3"];
        for (package, bench) in [
            ("oauthclient-core", "state_token"),
            ("oauthclient-core", "next_url"),
            ("oauthclient-store-diesel", "token_crypto"),
        ] {
            let mut args = vec!["bench", "-p", package, "--bench", bench];
            args.extend_from_slice(&quick);
            cargo(&args, &[])?;
        }
    }
    Ok(())
}

/// Installs a Debian package when its command is missing.
fn require(command: &str, package: &str) -> Result<(), String> {
    if Command::new("sh")
        .args(["-c", &format!("command -v {command}")])
        .output()
        .is_ok_and(|output| output.status.success())
    {
        return Ok(());
    }
    crate::process::apt_install(&[package])
}
