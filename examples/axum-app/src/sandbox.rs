//! Sandbox mode (no `--config`): a local stand-in provider where any username and password
//! work, so a whole sign-in can be clicked through offline with nothing configured.

use std::fmt::Write as _;
use std::net::SocketAddr;

use oauthclient_testkit::FakeProvider;
use rand::RngCore as _;

/// A running sandbox provider and the configuration that names it. It forgets everything
/// when dropped: the provider stops, the database (in a temporary directory) is deleted.
pub struct Sandbox {
    /// The configuration text to [`crate::build`] the app from.
    pub config: String,
    provider: FakeProvider,
    _data: tempfile::TempDir,
}

impl Sandbox {
    /// Starts the provider on a free port and writes a configuration for a site listening
    /// on `listen`, with the library under [`crate::PREFIX`].
    pub async fn start(listen: SocketAddr) -> std::io::Result<Self> {
        let provider = FakeProvider::builder()
            .interactive(true)
            .client_name("oauthclient axum example")
            .start()
            .await?;
        let data = tempfile::tempdir()?;
        let database = data.path().join("sandbox.sqlite");
        let app = provider
            .remote_app_toml("sandbox")
            .replace("Fake provider (oauthclient-testkit)", "Sandbox");
        let config = format!(
            "listen = \"{listen}\"\n\
             site_url = \"http://{listen}{prefix}\"\n\
             database_url = \"sqlite://{database}\"\n\
             secret_key = \"{secret}\"\n\n{app}",
            prefix = crate::PREFIX,
            database = database.display(),
            secret = random_secret(),
        );
        Ok(Self {
            config,
            provider,
            _data: data,
        })
    }

    /// The provider's address, for the start-up banner.
    pub fn provider_url(&self) -> String {
        self.provider.base_url()
    }
}

/// 32 random bytes as hex: a fresh key per run is enough, since nothing outlives the run.
fn random_secret() -> String {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().fold(String::new(), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}
