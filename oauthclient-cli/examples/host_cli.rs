//! A host's operator CLI: the `oauthclient` commands, with the host's own provider (here the
//! testkit's, standing in for yours) and its own users table. docs/operator-cli.md shows this
//! file; tests/host_cli.rs runs it.

use std::process::ExitCode;
use std::sync::Arc;

use oauthclient_cli::{OperatorCli, UsersTable};
use oauthclient_core::Registry;
use oauthclient_core::registry::RegistryError;

/// Runs the command line against the host's registry and table layout.
pub fn main() -> Result<ExitCode, RegistryError> {
    // The provider crates linked into this binary, plus the host's own provider instance.
    let registry =
        Registry::from_inventory()?.with_provider(Arc::new(oauthclient_testkit::Testkit))?;
    Ok(OperatorCli::new()
        .registry(registry)
        .users_table(UsersTable::Host)
        .run())
}
