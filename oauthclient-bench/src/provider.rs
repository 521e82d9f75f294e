//! The provider stand-in process: the testkit's fake provider on a fixed port.

use oauthclient_testkit::FakeProvider;

use crate::options::ProviderOptions;

/// The remote app's name in the demo's configuration.
pub const APP: &str = "bench";

/// Starts the provider, writes the demo's `[remote_apps.bench]` table, serves until killed.
pub fn serve(options: &ProviderOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|err| format!("runtime: {err}"))?;
    let provider = runtime
        .block_on(FakeProvider::builder().port(options.port).start())
        .map_err(|err| format!("provider on port {}: {err}", options.port))?;
    std::fs::write(&options.app_toml, provider.remote_app_toml(APP))
        .map_err(|err| format!("{}: {err}", options.app_toml.display()))?;
    // The provider serves on its own thread; this one only keeps it alive.
    loop {
        std::thread::park();
    }
}
