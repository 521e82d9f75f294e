//! Which external service a test suite needs, and a record of the suites that did not run.
//!
//! A test that needs a service (PostgreSQL, Redis, an independent OAuth server, an SMTP
//! server) runs when the service's URL variable is set, and must then fail loudly if the
//! service is missing; without the variable it says it was not run. A plain `cargo test`
//! would hide those lines (libtest captures a passing test's output), so each one is also
//! appended to the file named by [`NOT_RUN_LOG_ENV`] when that is set: `cargo xtask test`
//! sets it and lists the suites that did not run, and why, at the end.

use std::io::Write as _;

/// Names the file where suites that did not run are recorded (one `suite<TAB>reason` line
/// each); set by `cargo xtask test`.
pub const NOT_RUN_LOG_ENV: &str = "OAUTHCLIENT_NOT_RUN_LOG";

/// The value of the service variable `var`, or `None` after recording that `suite` was not
/// run because `var` is not set (or empty).
pub fn service_url(var: &str, suite: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            not_run(suite, &format!("{var} is not set"));
            None
        }
    }
}

/// Records that `suite` did not run, and why: on stderr, and in the [`NOT_RUN_LOG_ENV`] file.
pub fn not_run(suite: &str, reason: &str) {
    eprintln!("not run: {suite}: {reason}");
    if let Some(path) = std::env::var_os(NOT_RUN_LOG_ENV)
        && let Err(err) = append(std::path::Path::new(&path), suite, reason)
    {
        eprintln!(
            "cannot record a suite that did not run in {}: {err}",
            path.display()
        );
    }
}

/// Appends one `suite<TAB>reason` line to `log`. One short append per line: test processes
/// running in parallel do not interleave.
fn append(log: &std::path::Path, suite: &str, reason: &str) -> std::io::Result<()> {
    let line = format!("{suite}\t{reason}\n");
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)?
        .write_all(line.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_suite_that_did_not_run_is_one_line_of_the_log() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("not-run.log");
        append(
            &log,
            "store (PostgreSQL)",
            "OAUTHCLIENT_TEST_POSTGRES_URL is not set",
        )
        .expect("append");
        append(
            &log,
            "web (Redis sessions)",
            "OAUTHCLIENT_TEST_REDIS_URL is not set",
        )
        .expect("append");
        assert_eq!(
            std::fs::read_to_string(&log).expect("read"),
            "store (PostgreSQL)\tOAUTHCLIENT_TEST_POSTGRES_URL is not set\n\
             web (Redis sessions)\tOAUTHCLIENT_TEST_REDIS_URL is not set\n"
        );
    }
}
