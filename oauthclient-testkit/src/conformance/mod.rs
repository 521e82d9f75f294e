//! The provider conformance suite: does a provider crate (`oauthclient-<name>`) do what
//! oauthclient-rs expects, on recorded answers of its real API?
//!
//! A provider crate keeps JSON fixtures in `tests/fixtures/`, shaped like its provider's
//! documented responses, and a `conformance.json` saying which fixture answers which request
//! and what the provider must make of it. [`run`] then checks, over real HTTP on
//! `127.0.0.1` only:
//!
//! | check | what |
//! |---|---|
//! | `registered` | `Registry::from_inventory()` knows the provider |
//! | `handlers` | every handler its defaults name is registered, with the right kind, and the app has account info (a provider crate's or an `[account_info]` mapping) — or, with `"link_only": true`, is link-only and has none |
//! | `login_url` | core's `authorization_request` from the defaults: the authorize URL (unless `"discovered"`), `response_type`, `client_id`, `redirect_uri`, `state`, PKCE, and `login.params` |
//! | `account_info` | the `signup_handler.info` on the token and API fixtures gives the expected fields, `external_method` = the app name |
//! | `account_setup` | `signup_handler.setup` returns `extra_data` |
//! | `disconnect` | a linked user is unlinked (account and identity gone) with exactly the declared API calls |
//! | `disconnect_when_the_api_fails` | the unlink happens even when every API call answers `500` |
//! | `api_401_is_invalid_response` | (if account info calls the API) a `401` makes it an `InvalidResponse` |
//! | `case: <name>` | each extra case: other fixtures, other fields or an error kind |
//!
//! `conformance.json` (paths relative to the app's `base_url`; `{client_id}` and
//! `{access_token}` are placeholders):
//!
//! ```json
//! {
//!   "token": "token.json",
//!   "api": {
//!     "GET user": "user.json",
//!     "DELETE applications/{client_id}/grant": {"status": 204}
//!   },
//!   "login": {"authorize_url": "https://github.com/login/oauth/authorize", "params": {"scope": "user:email"}},
//!   "account_info": {"external_id": "1", "username": "octocat", "email": "octocat@github.com", "email_verified": true},
//!   "extra_data": {"login": "octocat", "id": 1},
//!   "disconnect": {"calls": [{"method": "DELETE", "path": "applications/{client_id}/grant", "auth": "basic",
//!                             "json": {"access_token": "{access_token}"}}]},
//!   "cases": [{"name": "revoked token", "api": {"GET user": {"status": 401, "body": {"message": "Bad credentials"}}},
//!              "error": "invalid_response"}]
//! }
//! ```
//!
//! A route is a fixture file answered with `200`, or `{"status", "file" | "body"}`. `token`
//! defaults to a bare bearer token; `login.pkce` to `true`. A case's `token_status` answers its
//! token fixture with that status (a provider's token-endpoint error shape). A token fixture
//! may carry what a protocol adds to the token: `id_token_claims` (the validated claims
//! OpenID Connect hands on) and `callback` (extra callback parameters, Apple's `user`).
//! `"host": {"params": {...}, "credentials": {...}}` adds what a host must configure (a
//! Keycloak realm's `issuer`; `{test_p256_key}` is a throwaway signing key). A link-only
//! provider (`"link_only": true`) is checked for registration, handlers and login only.

mod behaviour;
mod checks;
mod fixture_server;
mod harness;
mod manifest;
pub(crate) mod memory_store;

use std::path::PathBuf;

use oauthclient_core::Registry;

/// Which provider to check, and where its fixtures are.
#[derive(Debug, Clone)]
pub struct ProviderUnderTest {
    /// The registered provider name (`github`, `orcid_sandbox`).
    pub provider: String,
    /// The directory holding `conformance.json` and the fixtures it names.
    pub fixtures_dir: PathBuf,
}

impl ProviderUnderTest {
    /// A provider and its fixtures directory.
    pub fn new(provider: impl Into<String>, fixtures_dir: impl Into<PathBuf>) -> Self {
        Self {
            provider: provider.into(),
            fixtures_dir: fixtures_dir.into(),
        }
    }
}

/// One check's name and result: what it saw, or what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The check (`account_info`, `case: no e-mail`, ...).
    pub name: String,
    /// `Ok(what was seen)` or `Err(what is wrong)`.
    pub outcome: Result<String, String>,
}

/// Every check of one run.
///
/// ```
/// use oauthclient_testkit::conformance::{Check, Report};
/// let report = Report {
///     provider: "github".into(),
///     checks: vec![Check { name: "registered".into(), outcome: Err("not registered".into()) }],
/// };
/// assert!(!report.passed());
/// assert!(report.to_string().contains("FAIL  registered: not registered"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The provider checked.
    pub provider: String,
    /// The checks, in the order they ran.
    pub checks: Vec<Check>,
}

impl Report {
    fn record(&mut self, name: &str, outcome: Result<String, String>) {
        self.checks.push(Check {
            name: name.to_owned(),
            outcome,
        });
    }

    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|check| check.outcome.is_ok())
    }

    /// Whether a check of this name ran and passed.
    ///
    /// ```
    /// use oauthclient_testkit::conformance::{Check, Report};
    /// let report = Report { provider: "x".into(), checks: vec![Check { name: "disconnect".into(), outcome: Ok(String::new()) }] };
    /// assert!(report.passed_check("disconnect"));
    /// assert!(!report.passed_check("account_info"));
    /// ```
    pub fn passed_check(&self, name: &str) -> bool {
        self.checks
            .iter()
            .any(|check| check.name == name && check.outcome.is_ok())
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let failed = self.checks.iter().filter(|c| c.outcome.is_err()).count();
        writeln!(
            f,
            "conformance of provider `{}`: {} checks, {failed} failed",
            self.provider,
            self.checks.len()
        )?;
        for check in &self.checks {
            match &check.outcome {
                Ok(seen) => writeln!(f, "  ok    {}: {seen}", check.name)?,
                Err(problem) => writeln!(f, "  FAIL  {}: {problem}", check.name)?,
            }
        }
        Ok(())
    }
}

/// Why [`run`] did not pass.
#[derive(Clone, PartialEq, Eq)]
pub enum ConformanceError {
    /// The suite could not run: unreadable fixtures, a bad manifest, duplicate registrations.
    Setup(String),
    /// Some checks failed; the report lists them all.
    Failed(Report),
}

impl std::fmt::Display for ConformanceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConformanceError::Setup(problem) => {
                write!(f, "the conformance suite cannot run: {problem}")
            }
            ConformanceError::Failed(report) => write!(f, "{report}"),
        }
    }
}

/// Shown by `.expect()` in a test: the whole report, readable.
impl std::fmt::Debug for ConformanceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for ConformanceError {}

/// Runs every check on `provider` and its fixtures; `Ok` only if all pass. The test binary
/// must link the provider crate (`use oauthclient_github as _;`).
///
/// ```no_run
/// use oauthclient_testkit::conformance::{self, ProviderUnderTest};
/// # async fn github_conforms() {
/// // In a `#[tokio::test]` of the provider crate (here oauthclient-github, linked with
/// // `use oauthclient_github as _;`):
/// let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
/// let report = conformance::run(ProviderUnderTest::new("github", fixtures)).await.expect("conforms");
/// assert!(report.passed_check("disconnect"));
/// # }
/// ```
pub async fn run(provider: ProviderUnderTest) -> Result<Report, ConformanceError> {
    let fixtures =
        manifest::Fixtures::load(&provider.fixtures_dir).map_err(ConformanceError::Setup)?;
    let registry =
        Registry::from_inventory().map_err(|err| ConformanceError::Setup(err.to_string()))?;
    let name = provider.provider.as_str();
    let mut report = Report {
        provider: name.to_owned(),
        checks: Vec::new(),
    };
    let Some(template) = registry
        .provider(name)
        .map(oauthclient_core::registry::Provider::defaults)
    else {
        let known: Vec<&str> = registry.provider_names().collect();
        report.record(
            "registered",
            Err(format!(
                "no provider `{name}` is registered (registered: {}); does the test link the crate (`use <crate> as _;`)?",
                known.join(", ")
            )),
        );
        return Err(ConformanceError::Failed(report));
    };
    report.record("registered", Ok(format!("provider `{name}`")));
    let manifest = &fixtures.manifest;
    match harness::shipped(&registry, name, &template, &manifest.host) {
        Ok(config) => {
            report.record(
                "handlers",
                checks::handlers(&registry, &config, name, manifest.link_only),
            );
            report.record(
                "login_url",
                checks::login_url(&config, name, &fixtures.manifest.login),
            );
        }
        Err(err) => report.record(
            "handlers",
            Err(format!("the provider's defaults do not load: {err}")),
        ),
    }
    if !manifest.link_only {
        let harness = harness::Harness::start(&registry, name, &template, &manifest.host)
            .await
            .map_err(ConformanceError::Setup)?;
        behaviour::run_all(&harness, &fixtures, &mut report).await;
    }
    if report.passed() {
        Ok(report)
    } else {
        Err(ConformanceError::Failed(report))
    }
}

#[cfg(test)]
mod tests {
    use super::{Check, Report};

    #[test]
    fn a_report_passes_only_when_every_check_did() {
        let mut report = Report {
            provider: "x".into(),
            checks: Vec::new(),
        };
        assert!(report.passed(), "no check, nothing failed");
        report.checks.push(Check {
            name: "disconnect".into(),
            outcome: Ok(String::new()),
        });
        assert!(report.passed());
        report.checks.push(Check {
            name: "account_info".into(),
            outcome: Err("no id".into()),
        });
        assert!(!report.passed());
    }
}
