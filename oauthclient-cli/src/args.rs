//! The command line, as clap parses it.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use oauthclient_core::Registry;
use oauthclient_store_diesel::{PURGE_BATCH, ROTATION_BATCH, UsersTable};

/// Operate an oauthclient-rs deployment: database migrations, linked accounts, token keys,
/// configuration checks.
#[derive(Parser)]
#[command(name = "oauthclient", version)]
pub struct Cli {
    /// The oauthclient configuration (TOML): its secret keys decrypt tokens, its apps name
    /// client ids, its `database_url` is the default database.
    #[arg(long, global = true, env = "OAUTHCLIENT_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The database (`sqlite://file.sqlite`, `postgres://...`); overrides the configuration's
    /// `database_url`.
    #[arg(
        long,
        global = true,
        env = "OAUTHCLIENT_DATABASE_URL",
        value_name = "URL"
    )]
    pub database_url: Option<String>,
    /// Whose users table the database's remote accounts belong to: `library` (the library's
    /// own, the default) or `host` (the host app's, `StoreOptions::users_table =
    /// UsersTable::Host`, migrations-host-users). Overrides what the program was built with.
    #[arg(
        long,
        global = true,
        env = "OAUTHCLIENT_USERS_TABLE",
        value_name = "LAYOUT"
    )]
    pub users_table: Option<UsersTableArg>,
    #[command(subcommand)]
    pub command: Command,
}

/// `--users-table`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UsersTableArg {
    /// The library's own `accounts_user`.
    Library,
    /// The host app's own table.
    Host,
}

impl From<UsersTableArg> for UsersTable {
    fn from(arg: UsersTableArg) -> Self {
        match arg {
            UsersTableArg::Library => UsersTable::Library,
            UsersTableArg::Host => UsersTable::Host,
        }
    }
}

/// What the commands work on: where the configuration and database are, which providers the
/// configuration may use, and the database's table layout.
#[derive(Clone)]
pub struct Target {
    pub config: Option<PathBuf>,
    pub database_url: Option<String>,
    pub registry: Arc<Registry>,
    pub users_table: UsersTable,
}

/// A database URL for `Debug`: without its password.
fn shown_url(url: Option<&String>) -> Option<String> {
    url.map(|url| oauthclient_core::redact::redact_url_userinfo(url))
}

impl std::fmt::Debug for Cli {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cli")
            .field("config", &self.config)
            .field("database_url", &shown_url(self.database_url.as_ref()))
            .field("users_table", &self.users_table)
            .field("command", &self.command)
            .finish()
    }
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("config", &self.config)
            .field("database_url", &shown_url(self.database_url.as_ref()))
            .field("users_table", &self.users_table)
            .finish_non_exhaustive()
    }
}

impl Cli {
    /// The target of the commands: this command line's paths with `registry` and
    /// `users_table` (already resolved against `--users-table`).
    pub fn target(&self, registry: Arc<Registry>, users_table: UsersTable) -> Target {
        Target {
            config: self.config.clone(),
            database_url: self.database_url.clone(),
            registry,
            users_table,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Configuration files.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Applies pending database migrations (run it on deploy, before the new version starts).
    Migrate,
    /// Lists the providers this build links, one per line: name, protocol, title.
    Providers,
    /// Linked remote accounts.
    #[command(subcommand)]
    Accounts(Accounts),
    /// Stored tokens.
    #[command(subcommand)]
    Tokens(Tokens),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validates FILE (and the OAUTHCLIENT_* environment) and prints what it resolved, secrets
    /// redacted.
    Check {
        /// The configuration file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum Accounts {
    /// Lists linked accounts (never tokens).
    List {
        /// Only this user's.
        #[arg(long, value_name = "USER_ID")]
        user: Option<String>,
    },
    /// Unlinks a user's account at an app (its tokens and identity go too).
    Unlink {
        /// The local user id.
        #[arg(long, value_name = "USER_ID")]
        user: String,
        /// The remote app's name in the configuration.
        #[arg(long, value_name = "APP")]
        app: String,
    },
    /// Ends unconfirmed e-mail claims older than `email_unconfirmed_expires` (the
    /// configuration's; default 7 days): the address leaves the account, which keeps its other
    /// ways to sign in and is told at its next sign-in. Run it daily.
    PurgeUnconfirmed,
}

#[derive(Debug, Subcommand)]
pub enum Tokens {
    /// Re-encrypts every stored token under the first of the configuration's secret keys, so
    /// the others can be removed afterwards. Each batch commits: interrupted, run it again to
    /// continue.
    RotateKey {
        /// Token rows re-encrypted per transaction.
        #[arg(long, default_value_t = ROTATION_BATCH, value_parser = batch_size, value_name = "ROWS")]
        batch_size: usize,
    },
    /// Deletes tokens that expired and cannot be refreshed; accounts stay linked. Each batch
    /// commits: interrupted, run it again to continue.
    PurgeExpired {
        /// Keep tokens that expired less than this many seconds ago.
        #[arg(long, default_value_t = 0, value_name = "SECONDS")]
        grace: u64,
        /// Accounts whose expired tokens go per transaction (at most 10000).
        #[arg(long, default_value_t = PURGE_BATCH, value_parser = batch_size, value_name = "ACCOUNTS")]
        batch_size: usize,
    },
}

/// `--batch-size`: a whole number from 1 to 10,000 (SQLite binds a purge batch's accounts
/// as parameters, 32,766 at most per statement).
fn batch_size(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(size @ 1..=10_000) => Ok(size),
        _ => Err(format!(
            "`{text}` is not a batch size: a whole number from 1 to 10000"
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use clap::Parser;
    use oauthclient_core::Registry;
    use oauthclient_store_diesel::UsersTable;

    use super::Cli;

    #[test]
    fn debug_hides_the_database_password() {
        let cli = Cli::parse_from([
            "oauthclient",
            "--database-url",
            "postgres://u:s3cret@db.internal/app",
            "migrate",
        ]);
        let target = cli.target(Arc::new(Registry::default()), UsersTable::Library);
        for shown in [format!("{cli:?}"), format!("{target:?}")] {
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("db.internal"), "{shown}");
        }
    }
}

#[cfg(test)]
mod users_table_tests {
    use clap::Parser;

    use super::{Cli, UsersTableArg};

    #[test]
    fn users_table_is_a_global_flag() {
        let cli = Cli::parse_from(["oauthclient", "migrate", "--users-table", "host"]);
        assert_eq!(cli.users_table, Some(UsersTableArg::Host));
        assert!(
            Cli::try_parse_from(["oauthclient", "--users-table", "theirs", "migrate"]).is_err()
        );
    }
}
