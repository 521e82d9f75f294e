//! The testkit's HTTP conformance suite on axum: every scenario, one test each.

use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    oauthclient_testkit::suite::run(Arc::new(oauthclient_testkit::site::axum::Axum))
}
