//! `oauthclient`: the operator CLI of oauthclient-rs, with the built-in providers (GitHub,
//! ORCID, OpenID Connect) and the library's users table unless `--users-table host` says
//! otherwise. A host with providers of its own builds the same CLI with them:
//! [`oauthclient_cli::OperatorCli`] (docs/operator-cli.md).

use std::process::ExitCode;

fn main() -> ExitCode {
    oauthclient_cli::OperatorCli::new().run()
}
