//! `cargo xtask bench`: release builds, then the load benchmark and the micro-benchmarks, then
//! the charts ([`charts`]); with `--users N`, the data generator instead ([`growth`]); with
//! `--growth`, returning-user latency on the generated data (after filling it, given
//! `--users N`).

mod charts;
mod growth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::{cargo, run_for, target_dir, workspace_root};

/// This task's own flags, never passed on.
#[derive(Debug, Default, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent command-line switches"
)]
struct Flags {
    no_micro: bool,
    growth: bool,
    charts_only: bool,
    charts_into_docs: bool,
}

/// Splits this task's flags from the arguments for `oauthclient-bench`.
fn flags(args: &[String]) -> (Flags, Vec<String>) {
    let mut flags = Flags::default();
    let mut rest = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--no-micro" => flags.no_micro = true,
            "--growth" => flags.growth = true,
            "--charts" => flags.charts_only = true,
            "--charts-into-docs" => flags.charts_into_docs = true,
            _ => rest.push(arg.clone()),
        }
    }
    (flags, rest)
}

/// Builds the demo (with PostgreSQL) and the load generator (which is also the axum site) in
/// release mode, runs `oauthclient-bench run` (extra arguments are passed on), then the
/// criterion benchmarks unless `--no-micro` is given, then draws the charts.
pub fn bench(args: &[String]) -> Result<(), String> {
    let (flags, rest) = flags(args);
    let results = target_dir().join("bench");
    let charts_dir = if flags.charts_into_docs {
        workspace_root().join("docs").join("bench")
    } else {
        results.clone()
    };
    if flags.charts_only {
        return draw(&results, &charts_dir);
    }
    if flags.growth {
        let (fill, latency) = growth::latency_args(&rest);
        if growth::requested(&fill) {
            growth::fill(&fill)?;
        }
        latency_run(&latency, &results)?;
        return draw(&results, &charts_dir);
    }
    if growth::requested(&rest) {
        return growth::fill(&rest);
    }
    // PostgreSQL's client library and tools: the demo links libpq, the bench uses psql; wrk is
    // the second client.
    require("psql", "postgresql-client")?;
    require("wrk", "wrk")?;
    build_release()?;
    let release = target_dir().join("release");
    let mut command = Command::new(release.join("oauthclient-bench"));
    command
        .arg("run")
        .arg("--demo")
        .arg(release.join("oauthclient-demo"))
        .arg("--out")
        .arg(results.join("results.json"))
        .args(&rest);
    let status = run_for(&mut command, Duration::from_secs(45 * 60))?;
    if !status.success() {
        return Err(format!("the load benchmark failed ({status})"));
    }
    if !flags.no_micro {
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
    draw(&results, &charts_dir)
}

fn build_release() -> Result<(), String> {
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
    )
}

/// `oauthclient-bench latency` on every generated database whose configuration exists.
fn latency_run(latency: &[String], results: &Path) -> Result<(), String> {
    let configs: Vec<PathBuf> = ["growth-sqlite.toml", "growth-postgres.toml"]
        .iter()
        .map(|name| results.join(name))
        .filter(|path| path.is_file())
        .collect();
    if configs.is_empty() {
        return Err(format!(
            "no generated database in {}: run `cargo xtask bench --users N` first (or add \
             --users N to --growth)",
            results.display()
        ));
    }
    // The plans: `sqlite3` and `psql` read them.
    require("sqlite3", "sqlite3")?;
    require("psql", "postgresql-client")?;
    build_release()?;
    let release = target_dir().join("release");
    let mut command = Command::new(release.join("oauthclient-bench"));
    command
        .arg("latency")
        .arg("--demo")
        .arg(release.join("oauthclient-demo"))
        .arg("--out")
        .arg(results.join("growth.json"))
        .arg("--plans")
        .arg(results.join("plans.md"));
    for config in &configs {
        command.arg("--config").arg(config);
    }
    command.args(latency);
    let status = run_for(&mut command, Duration::from_secs(30 * 60))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the growth latency run failed ({status})"))
    }
}

fn draw(results: &Path, out: &Path) -> Result<(), String> {
    for chart in charts::draw_all(results, out)? {
        println!("xtask: chart {}", chart.display());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn own_flags_are_not_passed_on() {
        let (flags, rest) = flags(&args("--no-micro --seconds 3 --charts-into-docs --growth"));
        assert_eq!(
            flags,
            Flags {
                no_micro: true,
                growth: true,
                charts_only: false,
                charts_into_docs: true
            }
        );
        assert_eq!(rest, ["--seconds", "3"]);
    }
}
