//! The testkit's provider conformance suite on every template: one test per directory in
//! `tests/fixtures/`, each holding a `conformance.json` and fixtures shaped like that
//! provider's documented responses, error shapes included.

use std::path::Path;
use std::process::ExitCode;

use oauthclient_providers as _;
use oauthclient_testkit::conformance::{self, ProviderUnderTest};

fn main() -> ExitCode {
    let arguments = libtest_mimic::Arguments::from_args();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut ids: Vec<String> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures is readable")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    let trials = ids
        .into_iter()
        .map(|id| {
            let dir = fixtures.join(&id);
            libtest_mimic::Trial::test(format!("{id}_conforms"), move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .enable_all()
                    .build()
                    .map_err(|err| err.to_string())?;
                let report = runtime
                    .block_on(conformance::run(ProviderUnderTest::new(&id, dir)))
                    .map_err(|err| err.to_string())?;
                println!("{report}");
                Ok(())
            })
        })
        .collect();
    libtest_mimic::run(&arguments, trials).exit_code()
}
