//! Command-line options of `run`, the floors, `provider` and `axum-site`.

use std::path::PathBuf;
use std::time::Duration;

/// The Redis sessions go to by default: database 1, so that the benchmark's sessions (they
/// live a week) do not pile up in database 0, where the tests look at session keys.
pub const BENCH_REDIS: &str = "redis://127.0.0.1:6379/1";

/// What `run` measures and against what.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The release `oauthclient-demo` binary (built with its `postgres` feature).
    pub demo: PathBuf,
    /// Where the JSON results go.
    pub out: PathBuf,
    /// How long each phase loads its server.
    pub phase: Duration,
    /// Concurrent clients in the flow phases.
    pub clients: usize,
    /// Concurrent connections in the redirect phases.
    pub connections: usize,
    /// A PostgreSQL URL whose server the benchmark may create a throwaway database on.
    pub postgres: String,
    /// The Redis sessions go to.
    pub redis: String,
}

impl RunOptions {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut options = Self {
            demo: PathBuf::new(),
            out: PathBuf::from("target/bench/results.json"),
            phase: Duration::from_secs(10),
            clients: 4,
            connections: 64,
            postgres: "postgres://postgres@127.0.0.1:5432/test".into(),
            redis: BENCH_REDIS.into(),
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
                "--out" => options.out = PathBuf::from(value()?),
                "--seconds" => options.phase = Duration::from_secs(number(flag, &value()?)?),
                "--clients" => options.clients = number(flag, &value()?)?,
                "--connections" => options.connections = number(flag, &value()?)?,
                "--postgres" => options.postgres = value()?,
                "--redis" => options.redis = value()?,
                other => return Err(format!("unknown option `{other}`")),
            }
        }
        if options.demo.as_os_str().is_empty() {
            return Err("--demo PATH (the release oauthclient-demo binary) is required".into());
        }
        Ok(options)
    }
}

/// What `provider` serves.
#[derive(Debug, Clone)]
pub struct ProviderOptions {
    pub port: u16,
    pub app_toml: PathBuf,
}

impl ProviderOptions {
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let port = port(args)?;
        let app_toml = args
            .iter()
            .position(|arg| arg == "--app-toml")
            .and_then(|at| args.get(at + 1))
            .ok_or("--app-toml FILE is required")?;
        Ok(Self {
            port,
            app_toml: PathBuf::from(app_toml),
        })
    }
}

/// The `--config` of `axum-site`.
pub fn config(args: &[String]) -> Result<PathBuf, String> {
    args.iter()
        .position(|arg| arg == "--config")
        .and_then(|at| args.get(at + 1))
        .map(PathBuf::from)
        .ok_or_else(|| "--config FILE is required".to_owned())
}

/// The `--port` of `floor`, `axum-floor` and `provider`.
pub fn port(args: &[String]) -> Result<u16, String> {
    let value = args
        .iter()
        .position(|arg| arg == "--port")
        .and_then(|at| args.get(at + 1))
        .ok_or("--port PORT is required")?;
    number("--port", value)
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: `{value}` is not a positive number"))
}

/// A command line from words, for the option parsers' tests.
#[cfg(test)]
pub(crate) fn test_args(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::test_args as args;

    #[test]
    fn run_options_and_their_errors() {
        let options = RunOptions::parse(&args("--demo d --seconds 3 --clients 8")).expect("ok");
        assert_eq!(options.demo, PathBuf::from("d"));
        assert_eq!(options.phase, Duration::from_secs(3));
        assert_eq!((options.clients, options.connections), (8, 64));
        assert!(
            RunOptions::parse(&args("--seconds 3")).is_err(),
            "--demo is required"
        );
        assert!(RunOptions::parse(&args("--demo d --clients many")).is_err());
        assert!(RunOptions::parse(&args("--demo d --clients")).is_err());
        assert!(RunOptions::parse(&args("--demo d --fast")).is_err());
    }

    #[test]
    fn ports() {
        assert_eq!(port(&args("--port 8080")), Ok(8080));
        assert!(port(&args("--port 70000")).is_err());
        assert!(port(&args("")).is_err());
    }
}
