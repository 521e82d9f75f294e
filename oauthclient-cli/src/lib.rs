//! The operator CLI of oauthclient-rs (`oauthclient`), as a library: a host whose
//! configuration uses providers of its own, or whose users live in its own table
//! ([`UsersTable::Host`]), builds its operator CLI from [`OperatorCli`] in a few lines, so
//! `config check`, `migrate`, `accounts` and `tokens` see what its server sees.
//!
//! ```no_run
//! use std::process::ExitCode;
//! use std::sync::Arc;
//!
//! use oauthclient_cli::{OperatorCli, UsersTable};
//! use oauthclient_core::Registry;
//! use oauthclient_core::registry::RegistryError;
//!
//! fn main() -> Result<ExitCode, RegistryError> {
//!     // The provider crates this binary links, and an instance of the host's own provider.
//!     let registry = Registry::from_inventory()?.with_provider(Arc::new(oauthclient_testkit::Testkit))?;
//!     Ok(OperatorCli::new().registry(registry).users_table(UsersTable::Host).run())
//! }
//! ```
//!
//! Exit codes fit scripts: `0` done, `1` failed, `2` bad usage or invalid configuration,
//! `3` nothing to act on.

mod args;
mod config_check;
mod failure;
mod progress;
mod providers;
mod store_commands;

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use oauthclient_core::Registry;
use oauthclient_core::account::UserId;
// Provider crates register with `inventory`; naming them keeps their registrations linked, so
// a configuration that uses them checks as it will run, in the shipped binary and in a host's.
use oauthclient_github as _;
use oauthclient_oidc as _;
use oauthclient_orcid as _;
use oauthclient_providers as _;
/// Which users table the store commands work with ([`OperatorCli::users_table`]).
pub use oauthclient_store_diesel::UsersTable;

use crate::args::{Accounts, Cli, Command, ConfigCommand, Target, Tokens};
use crate::failure::Failure;

/// The operator CLI: parses the command line and runs the command against this registry and
/// table layout. [`OperatorCli::new`] is the shipped `oauthclient` binary: every provider
/// linked into the program ([`Registry::from_inventory`]) and the library's users table.
///
/// ```
/// use std::process::ExitCode;
/// use oauthclient_cli::OperatorCli;
///
/// // `--help` prints the usage and succeeds.
/// assert_eq!(OperatorCli::new().run_from(["oauthclient", "--help"]), ExitCode::SUCCESS);
/// ```
#[derive(Debug, Default)]
pub struct OperatorCli {
    registry: Option<Registry>,
    users_table: Option<UsersTable>,
}

impl OperatorCli {
    /// The shipped CLI: the linked providers, the library's users table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks and opens configurations with `registry` (the host's providers and named
    /// handlers, as its server builds them) instead of [`Registry::from_inventory`].
    #[must_use]
    pub fn registry(mut self, registry: Registry) -> Self {
        self.registry = Some(registry);
        self
    }

    /// Works on databases of this table layout (the host's `StoreOptions::users_table`);
    /// `--users-table` on the command line still wins.
    #[must_use]
    pub fn users_table(mut self, users_table: UsersTable) -> Self {
        self.users_table = Some(users_table);
        self
    }

    /// Runs the command of the process's arguments; prints errors to stderr.
    pub fn run(self) -> ExitCode {
        self.run_from(std::env::args_os())
    }

    /// Runs the command of `args` (the program name first, as in `std::env::args_os`).
    pub fn run_from<I, T>(self, args: I) -> ExitCode
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let cli = match Cli::try_parse_from(args) {
            Ok(cli) => cli,
            Err(err) => {
                // `--help` and `--version` are "errors" that succeed.
                let _ = err.print();
                return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
            }
        };
        match self.execute(&cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => {
                eprintln!("oauthclient: {}", failure.message());
                ExitCode::from(failure.exit_code())
            }
        }
    }

    fn execute(self, cli: &Cli) -> Result<(), Failure> {
        let registry = match self.registry {
            Some(registry) => registry,
            None => Registry::from_inventory().map_err(|err| {
                Failure::Failed(format!("provider registrations conflict: {err}"))
            })?,
        };
        let users_table = cli
            .users_table
            .map(UsersTable::from)
            .or(self.users_table)
            .unwrap_or_default();
        let target = cli.target(Arc::new(registry), users_table);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|err| Failure::Failed(format!("cannot start: {err}")))?;
        runtime.block_on(dispatch(&cli.command, &target))
    }
}

async fn dispatch(command: &Command, target: &Target) -> Result<(), Failure> {
    match command {
        Command::Config(ConfigCommand::Check { file }) => config_check::check(file, target),
        Command::Migrate => store_commands::migrate(target).await,
        Command::Providers => {
            providers::list(target);
            Ok(())
        }
        Command::Accounts(Accounts::List { user }) => {
            store_commands::list_accounts(target, user.clone().map(UserId::new)).await
        }
        Command::Accounts(Accounts::Unlink { user, app }) => {
            store_commands::unlink(target, UserId::new(user.clone()), app).await
        }
        Command::Accounts(Accounts::PurgeUnconfirmed) => {
            store_commands::purge_unconfirmed(target).await
        }
        Command::Tokens(Tokens::RotateKey { batch_size }) => {
            store_commands::rotate_key(target, *batch_size).await
        }
        Command::Tokens(Tokens::PurgeExpired { grace, batch_size }) => {
            store_commands::purge_expired(target, *grace, *batch_size).await
        }
    }
}
