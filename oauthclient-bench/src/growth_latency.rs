//! `latency`: returning-user callback latency on a generated database (`cargo xtask bench
//! --growth`). For each configuration the generator wrote (`growth-sqlite.toml`,
//! `growth-postgres.toml`), it starts the release demo on that database (SQLite with cookie
//! sessions, PostgreSQL with Redis sessions) and the growth provider stand-in
//! ([`crate::growth_provider`]), runs returning-user flows as generated users picked at
//! random for a phase, and records flows/s and the callback's p50/p99 by backend and data
//! size into a JSON file that keeps the other sizes' entries; then writes the hot queries'
//! plans ([`crate::plans`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use oauthclient_core::redact::redact_url_in;
use oauthclient_core::secret::SecretKey;
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};
use serde_json::{Value, json};
use tokio::runtime::Runtime;

use crate::flows::{self, Site, Users};
use crate::growth_provider::GROWTH_APP;
use crate::options::BENCH_REDIS;
use crate::plans::{self, Engine};
use crate::procs::{CpuMark, Server, free_port};
use crate::report::round;
use crate::servers::{Adapter, Backend, Binaries, start_site, wait_for_file};

/// What `latency` measures, and where it writes.
#[derive(Debug, Clone)]
pub struct LatencyOptions {
    pub demo: PathBuf,
    /// The generator's configurations (`database_url`, `secret_key`).
    pub configs: Vec<PathBuf>,
    pub phase: Duration,
    pub clients: usize,
    pub redis: String,
    /// The growth results, kept across runs (one entry per backend and size).
    pub out: PathBuf,
    /// The plans, as Markdown.
    pub plans: PathBuf,
}

impl LatencyOptions {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Self {
            demo: PathBuf::new(),
            configs: Vec::new(),
            phase: Duration::from_secs(10),
            clients: 4,
            redis: BENCH_REDIS.into(),
            out: PathBuf::from("target/bench/growth.json"),
            plans: PathBuf::from("target/bench/plans.md"),
        };
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            let mut value = || {
                rest.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--demo" => options.demo = PathBuf::from(value()?),
                "--config" => options.configs.push(PathBuf::from(value()?)),
                "--seconds" => options.phase = Duration::from_secs(number(flag, &value()?)?),
                "--clients" => options.clients = number(flag, &value()?)?,
                "--redis" => options.redis = value()?,
                "--out" => options.out = PathBuf::from(value()?),
                "--plans" => options.plans = PathBuf::from(value()?),
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        if options.demo.as_os_str().is_empty() || options.configs.is_empty() {
            return Err("--demo PATH and at least one --config FILE are required".into());
        }
        Ok(options)
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: `{value}` is not a positive number"))
}

pub fn run(options: &LatencyOptions) -> Result<(), String> {
    let dir = options
        .out
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| format!("runtime: {err}"))?;
    let client = flows::client(options.clients)?;
    let binaries = Binaries {
        demo: options.demo.clone(),
        bench: std::env::current_exe().map_err(|err| format!("own path: {err}"))?,
    };
    let (provider, app_table, authorize_url) = start_provider(&binaries, &dir)?;
    let mut entries = previous_entries(&options.out);
    let mut plans_md = String::from(
        "## Query plans of a returning-user callback on generated data\n\n\
         Written by `oauthclient-bench latency` (`cargo xtask bench --growth`).\n\n",
    );
    let stand_in = StandIn {
        provider: &provider,
        app_table: &app_table,
        authorize_url: &authorize_url,
    };
    for config in &options.configs {
        let (database_url, secret) = read_config(config)?;
        let users = runtime.block_on(count_users(&database_url, &secret))?;
        let mut entry = measure(
            options,
            (&runtime, &client, &binaries, &dir),
            &stand_in,
            (&database_url, &secret, users),
        )?;
        // A sign-in that missed the generated identity would sign a new user up and still
        // land on the next URL: the count shows it.
        let after = runtime.block_on(count_users(&database_url, &secret))?;
        verify(&mut entry, users, after);
        println!("   {}", line(&entry));
        entries.retain(|old| !(old["engine"] == entry["engine"] && old["users"] == entry["users"]));
        entries.push(entry);
        plans_md.push_str(&plans::section(&database_url, users));
    }
    drop(provider);
    entries.sort_by_key(|entry| {
        (
            entry["engine"].as_str().unwrap_or_default().to_owned(),
            entry["users"].as_u64().unwrap_or(0),
        )
    });
    let document = json!({ "machine": crate::machine::describe(), "runs": entries });
    let text = serde_json::to_string_pretty(&document).unwrap_or_default();
    std::fs::write(&options.out, text)
        .map_err(|err| format!("{}: {err}", options.out.display()))?;
    std::fs::write(&options.plans, plans_md)
        .map_err(|err| format!("{}: {err}", options.plans.display()))?;
    println!("\n{}", table(&entries));
    println!(
        "Growth results in {} (kept across sizes), plans in {}",
        options.out.display(),
        options.plans.display()
    );
    let failed = entries
        .iter()
        .any(|entry| entry["errors"].as_u64() != Some(0));
    if failed {
        Err("some growth flows failed their checks (see the table)".into())
    } else {
        Ok(())
    }
}

/// The provider stand-in the sites sign in at.
struct StandIn<'a> {
    provider: &'a Server,
    app_table: &'a str,
    authorize_url: &'a str,
}

/// Returning-user flows as random generated users on one database; its growth entry.
fn measure(
    options: &LatencyOptions,
    (runtime, client, binaries, dir): (&Runtime, &reqwest::Client, &Binaries, &Path),
    stand_in: &StandIn<'_>,
    (database_url, secret, users): (&str, &str, u64),
) -> Result<Value, String> {
    let engine = Engine::of(database_url);
    let backend = Backend {
        label: match engine {
            Engine::Sqlite => "SQLite + cookie sessions",
            Engine::Postgres => "PostgreSQL + Redis sessions",
        },
        slug: format!("growth-{}", engine.label().to_lowercase()),
        database_url: database_url.to_owned(),
        session_store: match engine {
            Engine::Sqlite => "cookie".into(),
            Engine::Postgres => options.redis.clone(),
        },
    };
    println!(
        "== demo (actix-web) on {} with {users} generated users",
        backend.label
    );
    let port = free_port()?;
    let server = start_site(
        Adapter::Actix,
        binaries,
        dir,
        &backend,
        (port, secret, stand_in.app_table),
    )?;
    let site = Site {
        demo: format!("http://127.0.0.1:{port}"),
        authorize_url: stand_in.authorize_url.to_owned(),
        app: GROWTH_APP,
    };
    let generated = Users::Generated(users);
    let flows_for = |duration| {
        flows::flows(
            client,
            &site,
            &generated,
            options.clients,
            duration,
            usize::MAX,
        )
    };
    // Warm-up, not measured: pools fill, the first pages of the tables are read.
    let warm = runtime.block_on(flows_for(Duration::from_secs(1)));
    if warm.ok == 0 {
        return Err(format!(
            "no returning flow passed on {} ({} failed): {}",
            backend.label,
            warm.errors,
            warm.first_error.unwrap_or_default()
        ));
    }
    let before = CpuMark::read(&server, Some(stand_in.provider));
    let mut outcome = runtime.block_on(flows_for(options.phase));
    let cpu = CpuMark::read(&server, Some(stand_in.provider)).since(before);
    #[allow(clippy::cast_precision_loss, reason = "a count far below 2^52")]
    let server_us = cpu.server * 1e6 / outcome.ok.max(1) as f64;
    Ok(json!({
        "engine": engine.label(),
        "backend": backend.label,
        "adapter": Adapter::Actix.label(),
        "users": users,
        "flows_per_second": round(outcome.rate(), 1),
        "ok": outcome.ok,
        "errors": outcome.errors,
        "first_error": outcome.first_error.take(),
        "flow_p50_ms": round(outcome.latency.percentile_ms(50.0), 3),
        "flow_p99_ms": round(outcome.latency.percentile_ms(99.0), 3),
        "callback_p50_ms": round(outcome.callback.percentile_ms(50.0), 3),
        "callback_p99_ms": round(outcome.callback.percentile_ms(99.0), 3),
        "server_cpu_us_per_flow": round(server_us, 1),
        "seconds": options.phase.as_secs(),
        "clients": options.clients,
    }))
}

/// Records whether the database still holds exactly the generated users; a difference is
/// that many errors.
fn verify(entry: &mut Value, before: u64, after: u64) {
    if after == before {
        entry["verified"] = json!(format!(
            "still {before} users: every flow signed a generated user in"
        ));
        return;
    }
    let errors = entry["errors"].as_u64().unwrap_or(0) + after.abs_diff(before);
    entry["errors"] = json!(errors);
    entry["first_error"] = json!(format!(
        "the database held {before} users before the flows and {after} after: flows signed \
         users up instead of in"
    ));
}

/// The growth provider stand-in: the process, the sites' app table, its authorization URL.
fn start_provider(binaries: &Binaries, dir: &Path) -> Result<(Server, String, String), String> {
    let port = free_port()?;
    let app_toml = dir.join("growth-provider-app.toml");
    let _ = std::fs::remove_file(&app_toml);
    let mut command = std::process::Command::new(&binaries.bench);
    command
        .args(["growth-provider", "--port", &port.to_string(), "--app-toml"])
        .arg(&app_toml);
    let server = Server::start(
        "growth provider",
        command,
        &dir.join("growth-provider.log"),
        port,
    )?;
    let table = wait_for_file(&app_toml)?;
    Ok((server, table, format!("http://127.0.0.1:{port}/authorize")))
}

/// `database_url` and `secret_key` of a generator's configuration.
fn read_config(path: &Path) -> Result<(String, String), String> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        format!(
            "{}: {err} (run `cargo xtask bench --users N` first)",
            path.display()
        )
    })?;
    let table: toml::Table = text
        .parse()
        .map_err(|err| format!("{}: {err}", path.display()))?;
    let field = |key: &str| {
        table
            .get(key)
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("{}: no `{key}`", path.display()))
    };
    Ok((field("database_url")?, field("secret_key")?))
}

async fn count_users(database_url: &str, secret: &str) -> Result<u64, String> {
    let keys = TokenKeys::new(vec![TokenKey::derive("default", &SecretKey::new(secret))])
        .ok_or("no token key")?;
    let failed = |err: oauthclient_core::StoreError| {
        redact_url_in(&format!("{database_url}: {err}"), database_url)
    };
    let store = DieselStore::connect(database_url, keys, StoreOptions::default())
        .await
        .map_err(failed)?;
    let users = oauthclient_store_diesel::__growth::users_in(&store)
        .await
        .map_err(failed)?;
    if users == 0 {
        return Err(redact_url_in(
            &format!("{database_url} holds no users: run `cargo xtask bench --users N` first"),
            database_url,
        ));
    }
    Ok(users)
}

fn previous_entries(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|document| document["runs"].as_array().cloned())
        .unwrap_or_default()
}

fn line(entry: &Value) -> String {
    format!(
        "{} users on {}: {} flows/s, callback p50 {} ms / p99 {} ms, {} errors",
        entry["users"],
        entry["backend"].as_str().unwrap_or("?"),
        entry["flows_per_second"],
        entry["callback_p50_ms"],
        entry["callback_p99_ms"],
        entry["errors"]
    )
}

/// The growth table (Markdown): one row per backend and size.
pub fn table(entries: &[Value]) -> String {
    let mut out = String::from(
        "| backend | users | returning flows/s | flow p50 / p99 ms | callback p50 / p99 ms | errors | server CPU µs/flow |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    for entry in entries {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} / {} | {} / {} | {} | {} |",
            entry["backend"].as_str().unwrap_or("?"),
            entry["users"],
            entry["flows_per_second"],
            entry["flow_p50_ms"],
            entry["flow_p99_ms"],
            entry["callback_p50_ms"],
            entry["callback_p99_ms"],
            entry["errors"],
            entry["server_cpu_us_per_flow"],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::test_args as args;

    #[test]
    fn options_and_their_errors() {
        let options = LatencyOptions::parse(&args(
            "--demo d --config a.toml --config b.toml --seconds 2",
        ))
        .expect("ok");
        assert_eq!(options.configs.len(), 2);
        assert_eq!(options.phase, Duration::from_secs(2));
        assert!(
            LatencyOptions::parse(&args("--demo d")).is_err(),
            "a config"
        );
        assert!(
            LatencyOptions::parse(&args("--config a")).is_err(),
            "the demo"
        );
        assert!(LatencyOptions::parse(&args("--demo d --config a --fast")).is_err());
    }

    #[test]
    fn a_changed_user_count_is_an_error() {
        let mut entry = json!({"errors": 0});
        verify(&mut entry, 1000, 1000);
        assert_eq!(entry["errors"], 0);
        assert!(
            entry["verified"]
                .as_str()
                .is_some_and(|text| text.contains("1000"))
        );
        verify(&mut entry, 1000, 1004);
        assert_eq!(entry["errors"], 4);
        assert!(
            entry["first_error"]
                .as_str()
                .is_some_and(|text| text.contains("1004"))
        );
    }

    #[test]
    fn the_table_has_a_row_per_entry() {
        let entries = vec![json!({"backend": "SQLite + cookie sessions", "users": 1000,
            "flows_per_second": 900.5, "flow_p50_ms": 2.0, "flow_p99_ms": 9.0,
            "callback_p50_ms": 1.5, "callback_p99_ms": 8.0, "errors": 0,
            "server_cpu_us_per_flow": 700.0})];
        let table = table(&entries);
        assert!(
            table.contains(
                "| SQLite + cookie sessions | 1000 | 900.5 | 2.0 / 9.0 | 1.5 / 8.0 | 0 | 700.0 |"
            ),
            "{table}"
        );
    }
}
