//! The testkit's site harness (`oauthclient_testkit::site`) with a stand-in of the provider.

#![allow(
    dead_code,
    unused_imports,
    reason = "each test binary uses a different part of this module"
)]

use oauthclient_testkit::{ProviderShape, StandIn};

pub use oauthclient_testkit::site::{browser, input_value, location, query};

/// A site signing in through a [`StandIn`].
pub type Site = oauthclient_testkit::site::Site<StandIn>;

/// A site with the app `app` configured by `stand_in.remote_app_toml(app)`, changed by `edit`.
pub async fn site(shape: ProviderShape, app: &str, edit: impl FnOnce(String) -> String) -> Site {
    let stand_in = StandIn::start(shape).await.expect("the stand-in starts");
    let toml = stand_in.remote_app_toml(app);
    Site::start(stand_in, app, &toml, edit).await
}
