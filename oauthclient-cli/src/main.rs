//! `oauthclient`: the operator CLI of oauthclient-rs.
//!
//! Exit codes fit scripts: `0` done, `1` failed, `2` bad usage or invalid configuration,
//! `3` nothing to act on.

mod args;
mod config_check;
mod store_commands;

use std::process::ExitCode;

use clap::Parser;
use oauthclient_core::account::UserId;
// Provider crates register with `inventory`; naming them keeps their registrations linked, so
// a configuration that uses them checks as it will run.
use oauthclient_github as _;
use oauthclient_oidc as _;
use oauthclient_orcid as _;

use crate::args::{Accounts, Cli, Command, ConfigCommand, Tokens};

/// Why a command stopped; each maps to an exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage or an invalid configuration (exit 2).
    Invalid(String),
    /// The operation failed (exit 1).
    Failed(String),
    /// Nothing to act on (exit 3).
    NothingToDo(String),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Failed(_) => 1,
            Failure::Invalid(_) => 2,
            Failure::NothingToDo(_) => 3,
        }
    }

    fn message(&self) -> &str {
        match self {
            Failure::Invalid(message)
            | Failure::Failed(message)
            | Failure::NothingToDo(message) => message,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("oauthclient: cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(run(&cli));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("oauthclient: {}", failure.message());
            ExitCode::from(failure.exit_code())
        }
    }
}

async fn run(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Config(ConfigCommand::Check { file }) => config_check::check(file),
        Command::Migrate => store_commands::migrate(&cli.target()).await,
        Command::Accounts(Accounts::List { user }) => {
            store_commands::list_accounts(&cli.target(), user.clone().map(UserId::new)).await
        }
        Command::Accounts(Accounts::Unlink { user, app }) => {
            store_commands::unlink(&cli.target(), UserId::new(user.clone()), app).await
        }
        Command::Accounts(Accounts::PurgeUnconfirmed) => {
            store_commands::purge_unconfirmed(&cli.target()).await
        }
        Command::Tokens(Tokens::RotateKey) => store_commands::rotate_key(&cli.target()).await,
        Command::Tokens(Tokens::PurgeExpired { grace }) => {
            store_commands::purge_expired(&cli.target(), *grace).await
        }
    }
}
