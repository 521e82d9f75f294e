//! `cargo xtask test`: README's test command. Runs `cargo test --workspace --all-features`,
//! then lists the suites that did not run because their service variable was not set (each
//! such suite records itself through `oauthclient_testkit::services`), so a machine without
//! PostgreSQL, Redis or the independent OAuth servers sees what it did not test.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::process::{cargo, target_dir};

/// The variable `oauthclient_testkit::services::NOT_RUN_LOG_ENV` names.
const NOT_RUN_LOG_ENV: &str = "OAUTHCLIENT_NOT_RUN_LOG";

/// The tests, then what did not run and why.
pub fn test() -> Result<(), String> {
    let log = target_dir().join("not-run.log");
    if let Err(err) = std::fs::create_dir_all(target_dir()) {
        return Err(format!("cannot create {}: {err}", target_dir().display()));
    }
    // A fresh log: only this run's suites count.
    let _ = std::fs::remove_file(&log);
    let log_path = log.display().to_string();
    let outcome = cargo(
        &["test", "--workspace", "--all-features"],
        &[(NOT_RUN_LOG_ENV, log_path.as_str())],
    );
    let recorded = std::fs::read_to_string(&log).unwrap_or_default();
    println!("{}", summary(&recorded));
    outcome
}

/// "Not run" lines grouped by suite (a suite records itself once per test that skipped).
fn summary(recorded: &str) -> String {
    let mut suites: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for line in recorded.lines() {
        let Some((suite, reason)) = line.split_once('\t') else {
            continue;
        };
        let reasons = suites.entry(suite).or_default();
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    if suites.is_empty() {
        return "xtask: every suite ran (all service variables were set)".to_owned();
    }
    let mut text = format!(
        "xtask: {} suite(s) did not run (set the variables to run them; `bash .ci/run` sets \
         them all and starts the services):",
        suites.len()
    );
    for (suite, reasons) in suites {
        let _ = write!(text, "\n  - {suite}: {}", reasons.join("; "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn suites_are_listed_once_with_each_reason_once() {
        let recorded = "web: Redis sessions\tOAUTHCLIENT_TEST_REDIS_URL is not set\n\
                        store-diesel on PostgreSQL (SQLite ran)\tOAUTHCLIENT_TEST_POSTGRES_URL is not set\n\
                        web: Redis sessions\tOAUTHCLIENT_TEST_REDIS_URL is not set\n\
                        garbage without a tab\n";
        assert_eq!(
            summary(recorded),
            "xtask: 2 suite(s) did not run (set the variables to run them; `bash .ci/run` sets \
             them all and starts the services):\n  \
             - store-diesel on PostgreSQL (SQLite ran): OAUTHCLIENT_TEST_POSTGRES_URL is not set\n  \
             - web: Redis sessions: OAUTHCLIENT_TEST_REDIS_URL is not set"
        );
    }

    #[test]
    fn nothing_recorded_means_every_suite_ran() {
        assert_eq!(
            summary(""),
            "xtask: every suite ran (all service variables were set)"
        );
    }
}
