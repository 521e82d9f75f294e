//! The query plans of a returning-user callback's hot queries on a generated database, for
//! docs/benchmarks.md: `EXPLAIN QUERY PLAN` through the `sqlite3` shell on SQLite,
//! `EXPLAIN (ANALYZE, BUFFERS)` through `psql` on PostgreSQL (the `UPDATE` inside a
//! transaction rolled back, so the data stays as generated).
//!
//! The statements are the ones `oauthclient-store-diesel` sends (identities.rs `find`,
//! accounts.rs `find` and `put_token`, users.rs `by_id`), with user `n`'s values in place of
//! the bind parameters; the column lists are the rows' fields.

use std::fmt::Write as _;
use std::process::Command;

use crate::growth::GROWTH_CLIENT_ID;
use crate::growth_provider::GROWTH_APP;

/// The hot queries of a returning callback for generated user `n`: what each is for, and its
/// SQL.
pub fn hot_queries(n: u64) -> Vec<(&'static str, String)> {
    vec![
        (
            "the identity (identities.rs `find`)",
            format!(
                "SELECT id, method, id_user FROM oauthclient_useridentity \
                 WHERE id = 'growth-{n}' AND method = '{GROWTH_APP}' LIMIT 1"
            ),
        ),
        (
            "the user by id (users.rs `by_id`)",
            format!(
                "SELECT id, email, username, full_name, password_hash, active, confirmed_at, \
                 email_changed_at, session_epoch, ended_claim, created FROM accounts_user \
                 WHERE id = {n} LIMIT 1"
            ),
        ),
        (
            "the account by user and client id (accounts.rs `find`)",
            format!(
                "SELECT id, user_id, client_id, extra_data FROM oauthclient_remoteaccount \
                 WHERE user_id = '{n}' AND client_id = '{GROWTH_CLIENT_ID}' LIMIT 1"
            ),
        ),
        (
            "the token by account, stored afresh (accounts.rs `put_token`)",
            format!(
                "UPDATE oauthclient_remotetoken SET access_token = access_token, \
                 updated = updated WHERE id_remote_account = {n} AND token_type = ''"
            ),
        ),
    ]
}

/// Which database the plans are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine of a `database_url`.
    pub fn of(database_url: &str) -> Self {
        if database_url.starts_with("postgres") {
            Engine::Postgres
        } else {
            Engine::Sqlite
        }
    }

    /// How the report names it.
    pub fn label(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

/// A Markdown section: each hot query and its plan on the database of `database_url`, which
/// holds `users` generated users (the plans are for the one in the middle).
pub fn section(database_url: &str, users: u64) -> String {
    let engine = Engine::of(database_url);
    let n = users.div_ceil(2).max(1);
    let mut out = format!("### {} with {users} users (user {n})\n\n", engine.label());
    for (what, sql) in hot_queries(n) {
        let plan = explain(engine, database_url, &sql)
            .unwrap_or_else(|error| format!("(no plan: {error})"));
        let _ = write!(
            out,
            "{what}:\n\n```sql\n{sql};\n```\n\n```text\n{}\n```\n\n",
            plan.trim_end()
        );
    }
    out
}

fn explain(engine: Engine, database_url: &str, sql: &str) -> Result<String, String> {
    let output = match engine {
        Engine::Sqlite => {
            let file = database_url
                .strip_prefix("sqlite://")
                .unwrap_or(database_url);
            Command::new("sqlite3")
                .arg(file)
                .arg(format!("EXPLAIN QUERY PLAN {sql};"))
                .output()
                .map_err(|err| format!("sqlite3 (Debian package `sqlite3`) is needed: {err}"))?
        }
        Engine::Postgres => Command::new("psql")
            .args([database_url, "-qX", "-c", "BEGIN", "-c"])
            .arg(format!("EXPLAIN (ANALYZE, BUFFERS) {sql}"))
            .args(["-c", "ROLLBACK"])
            .output()
            .map_err(|err| format!("psql (postgresql-client) is needed: {err}"))?,
    };
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        // The URL may carry the database password.
        Err(oauthclient_core::redact::redact_url_in(
            &String::from_utf8_lossy(&output.stderr),
            database_url,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queries_name_the_generated_user() {
        let queries = hot_queries(500_000);
        assert_eq!(queries.len(), 4);
        assert!(
            queries[0]
                .1
                .contains("id = 'growth-500000' AND method = 'github'")
        );
        assert!(queries[1].1.contains("WHERE id = 500000"));
        assert!(
            queries[2]
                .1
                .contains("user_id = '500000' AND client_id = 'growth-client'")
        );
        assert!(queries[3].1.contains("id_remote_account = 500000"));
        assert_eq!(Engine::of("postgres://h/g"), Engine::Postgres);
        assert_eq!(Engine::of("sqlite:///tmp/g.sqlite"), Engine::Sqlite);
    }
}
