//! Command-line options.

use std::path::PathBuf;

use clap::Parser;

/// The oauthclient-rs demo: "Sign in with ..." on a local site.
///
/// Without --config it starts an offline sandbox provider beside the site, so a whole sign-in
/// can be clicked through with nothing configured.
#[derive(Debug, Parser)]
#[command(name = "oauthclient-demo", version, about)]
pub struct Cli {
    /// A TOML configuration (`listen`, `site_url`, `database_url`, `secret_key`,
    /// `session_store`, `[remote_apps.*]`, credential tables). See
    /// docs/examples/demo-github-orcid.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where the site listens in sandbox mode.
    #[arg(long, default_value = "127.0.0.1:5000", value_name = "ADDR")]
    pub listen: String,

    /// The sandbox provider's port (sandbox mode only).
    #[arg(long, default_value_t = 5001, value_name = "PORT")]
    pub sandbox_port: u16,

    /// Where sandbox mode keeps its SQLite file and secret key.
    #[arg(long, default_value = "oauthclient-demo-data", value_name = "DIR")]
    pub data_dir: PathBuf,
}
