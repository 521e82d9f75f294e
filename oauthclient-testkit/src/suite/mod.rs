//! The HTTP conformance suite for front ends (feature `http-suite`): every scenario of the
//! library's web behaviour — sign-up, sign-in, linking, disconnect and the lock-out guard,
//! state attacks, open redirects, faults, database and session-store outages, Redis sessions,
//! two instances, e-mail confirmation — written once, run against each adapter.
//!
//! An adapter crate runs it from a test target with `harness = false`:
//!
//! ```no_run
//! # #[cfg(feature = "actix")]
//! fn main() -> std::process::ExitCode {
//!     oauthclient_testkit::suite::run(std::sync::Arc::new(oauthclient_testkit::site::actix::Actix))
//! }
//! # #[cfg(not(feature = "actix"))] fn main() {}
//! ```
//!
//! Each scenario starts its own sites (on the adapter [`run`] was given), its own fake
//! provider, and a fresh SQLite file; services (PostgreSQL, Redis, SMTP) are used when their
//! variable is set, as in the rest of the workspace.

mod scenarios;

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;

use crate::FakeProvider;
use crate::site::{Adapter, Sessions, Site, SiteOptions, with_adapter};

pub use crate::site::{browser, location, query};

/// The name of the fake provider's app on every suite site.
pub const APP: &str = "fake";

/// A suite site: the fake provider as app [`APP`].
pub type TestSite = Site<FakeProvider>;

/// One scenario: its name (`module::function`) and how to run it.
#[derive(Clone, Copy)]
pub struct Scenario {
    /// `module::function`.
    pub name: &'static str,
    /// Runs it (on the adapter of the surrounding [`with_adapter`]).
    pub run: fn() -> Pin<Box<dyn Future<Output = ()> + Send>>,
}

impl std::fmt::Debug for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Lists the scenario functions (`async fn name()`) of the current module as [`Scenario`]s.
macro_rules! scenario_list {
    ($($name:ident),* $(,)?) => {
        vec![$($crate::suite::Scenario {
            name: concat!(
                module_path!(), "::", stringify!($name)
            ),
            run: || Box::pin($name()),
        }),*]
    };
}
pub(crate) use scenario_list;

/// Every scenario of the suite.
pub fn all() -> Vec<Scenario> {
    scenarios::all()
}

/// Runs every scenario against `adapter` as a test binary (libtest's command line: filters,
/// `--list`, `--test-threads`): each in its own runtime.
#[allow(
    clippy::needless_pass_by_value,
    reason = "a test binary's `main` hands its adapter over: `run(Arc::new(Actix))`"
)]
pub fn run(adapter: Arc<dyn Adapter>) -> ExitCode {
    let arguments = libtest_mimic::Arguments::from_args();
    let prefix = concat!(module_path!(), "::scenarios::");
    let trials = all()
        .into_iter()
        .map(|scenario| {
            let adapter = adapter.clone();
            let name = scenario.name.trim_start_matches(prefix);
            libtest_mimic::Trial::test(name, move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|err| format!("runtime: {err}"))?;
                runtime.block_on(with_adapter(adapter, (scenario.run)()));
                Ok(())
            })
        })
        .collect();
    libtest_mimic::run(&arguments, trials).exit_code()
}

/// A site with the defaults and the fake provider as [`APP`].
pub async fn site() -> TestSite {
    launch(SiteOptions::new()).await
}

/// A site whose configuration `edit` changes.
pub async fn site_with(edit: impl FnOnce(String) -> String + Send + 'static) -> TestSite {
    launch(SiteOptions::new().edit(edit)).await
}

/// A site with `sessions`.
pub async fn site_with_sessions(
    edit: impl FnOnce(String) -> String + Send + 'static,
    sessions: Sessions,
) -> TestSite {
    launch(SiteOptions::new().edit(edit).sessions(sessions)).await
}

/// A site as `options` say, signing in through a fresh fake provider.
pub async fn launch(options: SiteOptions) -> TestSite {
    let provider = FakeProvider::start().await.expect("fake provider starts");
    let toml = provider.remote_app_toml(APP);
    Site::launch(provider, APP, &toml, options).await
}

/// The configuration with the test app's `trust_email` off: its verified addresses prove
/// nothing (an ORCID-like provider).
#[allow(clippy::needless_pass_by_value, reason = "the shape `edit` takes")]
pub fn untrusted(toml: String) -> String {
    toml.replace(
        &format!("[remote_apps.{APP}]"),
        &format!("[remote_apps.{APP}]\ntrust_email = false"),
    )
}
