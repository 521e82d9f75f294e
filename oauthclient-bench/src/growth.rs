//! `fill`: the data generator behind `cargo xtask bench --users N` (docs/benchmarks.md,
//! "Growth: the data generator"). Writes N users, each with a remote account, an identity and
//! a sealed token, into a SQLite file and/or a PostgreSQL database, in bulk batches
//! (`oauthclient_store_diesel::__growth`), and for each a configuration that opens it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use oauthclient_core::secret::SecretKey;
use oauthclient_store_diesel::__growth::{GROWTH_BATCH, GrowthPlan, fill, reset, users_in};
use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};

/// The secret the generated tokens are sealed under (key id `default`, as a configuration's
/// `secret_key` names it). Synthetic data only: never a real deployment's.
pub const GROWTH_SECRET: &str = "oauthclient-bench-growth-data-secret-not-for-production";
/// The client id of every generated remote account (the configuration's GitHub app).
pub const GROWTH_CLIENT_ID: &str = "growth-client";

/// What `fill` writes, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FillOptions {
    pub users: u64,
    pub sqlite: Option<PathBuf>,
    pub postgres: Option<String>,
    pub reset: bool,
    pub batch: usize,
    /// Where the configurations that open the databases go (`growth-sqlite.toml`,
    /// `growth-postgres.toml`).
    pub config_dir: PathBuf,
}

impl FillOptions {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Self {
            users: 0,
            sqlite: None,
            postgres: None,
            reset: false,
            batch: GROWTH_BATCH,
            config_dir: PathBuf::from("."),
        };
        let mut rest = args.iter();
        while let Some(flag) = rest.next() {
            let mut value = || {
                rest.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--users" => options.users = positive(flag, &value()?)?,
                "--sqlite" => options.sqlite = Some(PathBuf::from(value()?)),
                "--postgres" => options.postgres = Some(value()?),
                "--batch" => options.batch = positive(flag, &value()?)?,
                "--reset" => options.reset = true,
                "--config-dir" => options.config_dir = PathBuf::from(value()?),
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        if options.users == 0 {
            return Err("--users N (how many users to generate) is required".into());
        }
        if options.sqlite.is_none() && options.postgres.is_none() {
            return Err("--sqlite FILE or --postgres URL (or both) is required".into());
        }
        Ok(options)
    }
}

fn positive<T: std::str::FromStr + PartialOrd + Default>(
    flag: &str,
    value: &str,
) -> Result<T, String> {
    match value.parse::<T>() {
        Ok(number) if number > T::default() => Ok(number),
        _ => Err(format!("{flag}: `{value}` is not a positive number")),
    }
}

/// Fills every target `options` names, one after the other.
pub fn run(options: &FillOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("cannot start: {err}"))?;
    if let Some(file) = &options.sqlite {
        let url = format!("sqlite://{}", file.display());
        let config = options.config_dir.join("growth-sqlite.toml");
        runtime.block_on(fill_one("sqlite", &url, &config, options))?;
    }
    if let Some(url) = &options.postgres {
        let config = options.config_dir.join("growth-postgres.toml");
        runtime.block_on(fill_one("postgres", url, &config, options))?;
    }
    Ok(())
}

async fn fill_one(
    backend: &'static str,
    url: &str,
    config: &Path,
    options: &FillOptions,
) -> Result<(), String> {
    let shown = oauthclient_core::redact::redact_url_userinfo(url);
    let failed = |err: oauthclient_core::StoreError| {
        oauthclient_core::redact::redact_url_in(&format!("{backend} ({shown}): {err}"), url)
    };
    let keys = TokenKeys::new(vec![TokenKey::derive(
        "default",
        &SecretKey::new(GROWTH_SECRET),
    )])
    .ok_or("no key")?;
    let store = DieselStore::connect(url, keys, StoreOptions::default())
        .await
        .map_err(failed)?;
    if options.reset {
        let existing = users_in(&store).await.map_err(failed)?;
        if existing > 0 {
            eprintln!("{backend}: --reset: deleting {existing} user(s) and their rows");
            reset(&store).await.map_err(failed)?;
        }
    }
    let mut plan = GrowthPlan::new(options.users, GROWTH_CLIENT_ID, "github");
    plan.batch = options.batch;
    let started = Instant::now();
    // A line at every tenth: enough to see it move over a million users, quiet in a log.
    let step = (options.users / 10).max(1);
    let batch = u64::try_from(options.batch).unwrap_or(1);
    let written = fill(&store, &plan, move |done, total| {
        if done % step < batch || done == total {
            eprintln!(
                "{backend}: {done}/{total} users ({:.0} users/s)",
                per_second(done, started)
            );
        }
    })
    .await
    .map_err(failed)?;
    std::fs::write(config, config_toml(url))
        .map_err(|err| format!("{}: {err}", config.display()))?;
    println!(
        "{backend}: {written} users, remote accounts, identities and tokens in {:.1} s \
         ({:.0} users/s) into {shown}; configuration: {}",
        started.elapsed().as_secs_f64(),
        per_second(written, started),
        config.display()
    );
    Ok(())
}

fn per_second(count: u64, started: Instant) -> f64 {
    let seconds = started.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss, reason = "a rate for display")]
    let count = count as f64;
    if seconds > 0.0 { count / seconds } else { 0.0 }
}

/// A configuration that opens the generated database as a server (or the `oauthclient` CLI)
/// would: its secret decrypts the tokens, its GitHub app is the accounts' client id.
fn config_toml(database_url: &str) -> String {
    format!(
        "# Written by `cargo xtask bench --users N`: synthetic data, synthetic secrets.\n\
         site_url = \"https://growth.example\"\n\
         database_url = \"{database_url}\"\n\
         secret_key = \"{GROWTH_SECRET}\"\n\n\
         [remote_apps.github]\n\n\
         [GITHUB_APP_CREDENTIALS]\n\
         consumer_key = \"{GROWTH_CLIENT_ID}\"\n\
         consumer_secret = \"growth-client-secret\"\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::test_args as args;

    #[test]
    fn fill_options_and_their_errors() {
        let options = FillOptions::parse(&args(
            "--users 1000 --sqlite g.sqlite --reset --config-dir target/bench",
        ))
        .expect("ok");
        assert_eq!(options.config_dir, PathBuf::from("target/bench"));
        assert_eq!(options.users, 1_000);
        assert_eq!(options.sqlite, Some(PathBuf::from("g.sqlite")));
        assert_eq!((options.postgres, options.reset), (None, true));
        assert_eq!(options.batch, GROWTH_BATCH);
        assert!(
            FillOptions::parse(&args("--sqlite g.sqlite")).is_err(),
            "--users"
        );
        assert!(FillOptions::parse(&args("--users 10")).is_err(), "a target");
        assert!(FillOptions::parse(&args("--users 0 --sqlite g")).is_err());
        assert!(FillOptions::parse(&args("--users ten --sqlite g")).is_err());
        assert!(FillOptions::parse(&args("--users 10 --sqlite g --batch 0")).is_err());
        assert!(FillOptions::parse(&args("--users 10 --fast")).is_err());
    }

    #[test]
    fn the_written_configuration_names_the_database_key_and_client() {
        let text = config_toml("sqlite:///tmp/growth.sqlite");
        let table: toml::Table = toml::from_str(&text).expect("TOML");
        assert_eq!(
            table["database_url"].as_str(),
            Some("sqlite:///tmp/growth.sqlite")
        );
        assert_eq!(table["secret_key"].as_str(), Some(GROWTH_SECRET));
        assert_eq!(
            table["GITHUB_APP_CREDENTIALS"]["consumer_key"].as_str(),
            Some(GROWTH_CLIENT_ID)
        );
    }
}
