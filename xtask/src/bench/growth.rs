//! `cargo xtask bench --users N`: the data generator (docs/benchmarks.md, "Growth: the data
//! generator"). Builds `oauthclient-bench` in release mode and runs its `fill` on a SQLite file
//! and, given a URL, a PostgreSQL database; measures nothing.

use std::process::Command;
use std::time::Duration;

use crate::process::{cargo, run_for, target_dir};

/// Which databases to fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backends {
    Sqlite,
    Postgres,
    Both,
}

/// Whether `args` ask for the generator rather than the load benchmark.
pub fn requested(args: &[String]) -> bool {
    args.iter().any(|arg| arg == "--users")
}

/// Splits `--growth`'s arguments: those of the generator (`--users N` and the rest of
/// [`fill`]'s), and those of `oauthclient-bench latency` (`--seconds N`, `--clients N`,
/// `--redis URL`).
pub fn latency_args(args: &[String]) -> (Vec<String>, Vec<String>) {
    let (mut fill, mut latency) = (Vec::new(), Vec::new());
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if matches!(arg.as_str(), "--seconds" | "--clients" | "--redis") {
            latency.push(arg.clone());
            latency.extend(rest.next().cloned());
        } else {
            fill.push(arg.clone());
        }
    }
    (fill, latency)
}

/// Builds the generator and fills the databases `args` name.
pub fn fill(args: &[String]) -> Result<(), String> {
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out).map_err(|err| format!("{}: {err}", out.display()))?;
    let mut fill_args = fill_args(args, &out.join("growth.sqlite").display().to_string())?;
    // The configurations that open the databases (`oauthclient --config ...`).
    fill_args.extend(["--config-dir".to_owned(), out.display().to_string()]);
    cargo(&["build", "--release", "-p", "oauthclient-bench"], &[])?;
    let mut command = Command::new(target_dir().join("release").join("oauthclient-bench"));
    command.args(&fill_args);
    // A million users take minutes; the bound only stops a run that hangs.
    let status = run_for(&mut command, Duration::from_secs(2 * 60 * 60))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the data generator failed ({status})"))
    }
}

/// `oauthclient-bench fill`'s arguments for xtask's: `--users N` (required), `--backend
/// sqlite|postgres|both` (default: SQLite, and PostgreSQL too when `--postgres URL` is given),
/// `--sqlite FILE` (default `sqlite_default`), `--postgres URL` (the database to fill, which
/// must exist), `--reset`, `--batch N`.
fn fill_args(args: &[String], sqlite_default: &str) -> Result<Vec<String>, String> {
    let mut users = None;
    let mut backends = None;
    let mut sqlite = sqlite_default.to_owned();
    let mut postgres = None;
    let mut extra = Vec::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--users" => users = Some(value()?),
            "--backend" => {
                backends = Some(match value()?.as_str() {
                    "sqlite" => Backends::Sqlite,
                    "postgres" => Backends::Postgres,
                    "both" => Backends::Both,
                    other => {
                        return Err(format!("--backend `{other}`: sqlite, postgres or both"));
                    }
                });
            }
            "--sqlite" => sqlite = value()?,
            "--postgres" => postgres = Some(value()?),
            "--batch" => extra.extend(["--batch".to_owned(), value()?]),
            "--reset" => extra.push("--reset".to_owned()),
            other => {
                return Err(format!(
                    "`{other}` does not go with --users (the generator takes --users N \
                     --backend sqlite|postgres|both --sqlite FILE --postgres URL --reset \
                     --batch N)"
                ));
            }
        }
    }
    let users = users.ok_or("--users N is required")?;
    let backends = backends.unwrap_or(if postgres.is_some() {
        Backends::Both
    } else {
        Backends::Sqlite
    });
    let mut fill = vec!["fill".to_owned(), "--users".to_owned(), users];
    if matches!(backends, Backends::Sqlite | Backends::Both) {
        fill.extend(["--sqlite".to_owned(), sqlite]);
    }
    if matches!(backends, Backends::Postgres | Backends::Both) {
        let url = postgres.ok_or(
            "--backend postgres needs --postgres URL: the database to fill (create it first, \
             e.g. `createdb growth`)",
        )?;
        fill.extend(["--postgres".to_owned(), url]);
    }
    fill.extend(extra);
    Ok(fill)
}

#[cfg(test)]
mod tests {
    use super::{fill_args, requested};

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn translated(text: &str) -> Result<String, String> {
        fill_args(&args(text), "target/bench/growth.sqlite").map(|args| args.join(" "))
    }

    #[test]
    fn growth_arguments_go_to_the_generator_or_the_latency_run() {
        let (fill, latency) = super::latency_args(&args(
            "--users 1000 --seconds 5 --postgres postgres://h/g --redis redis://r/ --reset",
        ));
        assert_eq!(fill, args("--users 1000 --postgres postgres://h/g --reset"));
        assert_eq!(latency, args("--seconds 5 --redis redis://r/"));
    }

    #[test]
    fn users_asks_for_the_generator() {
        assert!(requested(&args("--users 1000")));
        assert!(!requested(&args("--seconds 3 --no-micro")));
    }

    #[test]
    fn backends_and_targets() {
        assert_eq!(
            translated("--users 1000").as_deref(),
            Ok("fill --users 1000 --sqlite target/bench/growth.sqlite")
        );
        assert_eq!(
            translated("--users 10 --postgres postgres://h/g --reset").as_deref(),
            Ok(
                "fill --users 10 --sqlite target/bench/growth.sqlite --postgres postgres://h/g --reset"
            )
        );
        assert_eq!(
            translated("--users 10 --backend postgres --postgres postgres://h/g").as_deref(),
            Ok("fill --users 10 --postgres postgres://h/g")
        );
        assert_eq!(
            translated("--users 10 --backend sqlite --sqlite g.sqlite --batch 500").as_deref(),
            Ok("fill --users 10 --sqlite g.sqlite --batch 500")
        );
    }

    #[test]
    fn mistakes_are_named() {
        let postgres_without_url = translated("--users 10 --backend postgres").unwrap_err();
        assert!(
            postgres_without_url.contains("--postgres URL"),
            "{postgres_without_url}"
        );
        assert!(
            translated("--users 10 --backend mysql")
                .unwrap_err()
                .contains("mysql")
        );
        assert!(
            translated("--users 10 --seconds 3")
                .unwrap_err()
                .contains("--seconds")
        );
        assert!(
            translated("--backend sqlite")
                .unwrap_err()
                .contains("--users")
        );
    }
}
