//! The conformance suite on two providers registered here: `acme`, written right, and
//! `acme_broken`, written wrong in the ways the suite exists to catch.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};
use oauthclient_core::handlers::{
    AccountInfoHandler, AccountSetupHandler, ApiMethod, ApiRequest, ProviderContext, RevokeHandler,
};
use oauthclient_core::registry::{Provider, ProviderEntry};
use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token, inventory};
use oauthclient_testkit::conformance::{self, ConformanceError, ProviderUnderTest};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/acme");

fn template(pkce: Option<bool>) -> RemoteAppSettings {
    RemoteAppSettings {
        title: Some("ACME".into()),
        params: RemoteAppParams {
            authorize_url: Some("https://acme.example/oauth/authorize".into()),
            access_token_url: Some("https://acme.example/oauth/token".into()),
            base_url: Some("https://api.acme.example/v1/".into()),
            request_token_params: BTreeMap::from([("scope".to_owned(), "profile".to_owned())]),
            app_key: Some("ACME_APP_CREDENTIALS".into()),
            pkce,
            ..RemoteAppParams::default()
        },
        ..RemoteAppSettings::default()
    }
}

/// How an ACME provider is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    /// Right.
    Right,
    /// Wrong in the ways the suite exists to catch.
    Broken,
    /// Calls its API outside `base_url`.
    Outside,
}

/// The providers under test: `acme`, `acme_broken` and `acme_outside`.
struct Acme {
    id: &'static str,
    flavour: Flavour,
}

impl Provider for Acme {
    fn id(&self) -> &str {
        self.id
    }
    fn defaults(&self) -> RemoteAppSettings {
        template((self.flavour == Flavour::Broken).then_some(false))
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        Some(match self.flavour {
            Flavour::Right => Arc::new(Info { broken: false }),
            Flavour::Broken => Arc::new(Info { broken: true }),
            Flavour::Outside => Arc::new(Outside),
        })
    }
    fn account_setup(&self) -> Option<Arc<dyn AccountSetupHandler>> {
        // All three keep extra data with the same (right) setup.
        Some(Arc::new(Setup))
    }
    fn revoke(&self) -> Option<Arc<dyn RevokeHandler>> {
        Some(Arc::new(Revoke {
            broken: self.flavour == Flavour::Broken,
        }))
    }
}

inventory::submit! { ProviderEntry::new(&Acme { id: "acme", flavour: Flavour::Right }) }
inventory::submit! { ProviderEntry::new(&Acme { id: "acme_broken", flavour: Flavour::Broken }) }
inventory::submit! { ProviderEntry::new(&Acme { id: "acme_outside", flavour: Flavour::Outside }) }

/// `GET me` → `{"sub", "email", "email_verified", "name"}`.
struct Info {
    broken: bool,
}

#[async_trait]
impl AccountInfoHandler for Info {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        let response = ctx
            .api
            .send(ApiRequest::get("me").with_token(token.clone()))
            .await?;
        let me: serde_json::Value = if self.broken {
            // Wrong: ignores the status, so a 401 body becomes a user.
            serde_json::from_slice(&response.body).unwrap_or_default()
        } else {
            response.json(ctx.app)?
        };
        let invalid = || OAuthError::InvalidResponse {
            remote: ctx.app.to_owned(),
            reason: "no sub".into(),
        };
        let sub = if self.broken {
            me["sub"].as_str().unwrap_or("anonymous")
        } else {
            me["sub"].as_str().ok_or_else(invalid)?
        };
        let mut info = AccountInfo::new(ExternalId::new(sub), ctx.app);
        if let Some(email) = me["email"].as_str() {
            info = info.with_email(email, me["email_verified"] == true);
        }
        if let Some(name) = me["name"].as_str() {
            // Wrong in the broken one: the display name is not a username.
            info = if self.broken {
                info.with_username(name)
            } else {
                info.with_full_name(name)
            };
        }
        Ok(info)
    }
}

struct Setup;

#[async_trait]
impl AccountSetupHandler for Setup {
    async fn account_setup(
        &self,
        _: &ProviderContext<'_>,
        _: &Token,
        info: &AccountInfo,
    ) -> Result<serde_json::Value, OAuthError> {
        Ok(serde_json::json!({"sub": info.external_id}))
    }
}

/// Revokes the token (`DELETE tokens/current`) once core's disconnect has unlinked.
struct Revoke {
    broken: bool,
}

#[async_trait]
impl RevokeHandler for Revoke {
    async fn revoke(&self, ctx: &ProviderContext<'_>, token: &Token) {
        let revoke = ApiRequest::new(ApiMethod::Delete, "tokens/current").with_token(token.clone());
        let response = ctx.api.send(revoke).await;
        if self.broken {
            // Wrong: an undeclared call. (A revocation cannot keep the user linked on a
            // provider outage any more: it runs after the unlink and cannot fail.)
            if response.is_ok_and(|response| response.is_success()) {
                let _ = ctx
                    .api
                    .send(ApiRequest::get("me").with_token(token.clone()))
                    .await;
            }
        } else if let Err(err) = response {
            eprintln!("{}: revocation failed, unlinked anyway: {err}", ctx.app);
        }
    }
}

/// Calls its real API by absolute URL instead of through `base_url`.
struct Outside;

#[async_trait]
impl AccountInfoHandler for Outside {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        let request = ApiRequest::get("https://api.acme.example/v1/me").with_token(token.clone());
        let me: serde_json::Value = ctx.api.send(request).await?.json(ctx.app)?;
        let sub = me["sub"].as_str().unwrap_or_default();
        Ok(AccountInfo::new(ExternalId::new(sub), ctx.app))
    }
}

#[tokio::test]
async fn a_provider_calling_other_hosts_is_stopped_and_reported() {
    let err = conformance::run(ProviderUnderTest::new("acme_outside", FIXTURES))
        .await
        .expect_err("acme_outside does not conform");
    let ConformanceError::Failed(report) = err else {
        panic!("the suite ran: {err}")
    };
    assert!(!report.passed_check("account_info"), "{report}");
    let outside = report
        .checks
        .iter()
        .find(|check| check.name == "loopback_only");
    let problem = outside
        .and_then(|check| check.outcome.clone().err())
        .unwrap_or_default();
    assert!(
        problem.contains("https://api.acme.example/v1/me"),
        "{report}"
    );
}

#[tokio::test]
async fn a_conforming_provider_passes_every_check() {
    let report = conformance::run(ProviderUnderTest::new("acme", FIXTURES))
        .await
        .expect("acme conforms");
    let names: Vec<&str> = report
        .checks
        .iter()
        .map(|check| check.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "registered",
            "handlers",
            "login_url",
            "account_info",
            "account_setup",
            "disconnect",
            "disconnect_when_the_api_fails",
            "api_401_is_invalid_response",
            "case: an unverified e-mail",
            "case: no subject",
        ]
    );
    assert!(report.passed());
}

#[tokio::test]
async fn a_broken_provider_fails_where_it_is_broken() {
    let err = conformance::run(ProviderUnderTest::new("acme_broken", FIXTURES))
        .await
        .expect_err("acme_broken does not conform");
    let ConformanceError::Failed(report) = err else {
        panic!("the suite ran: {err}")
    };
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| c.outcome.is_err())
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        failed,
        [
            "login_url",
            "account_info",
            "disconnect",
            "api_401_is_invalid_response",
            "case: no subject",
        ],
        "{report}"
    );
    let text = report.to_string();
    assert!(text.contains("no PKCE code_challenge"), "{text}");
    assert!(
        text.contains("`username`: expected null, got \"Ada Lovelace\""),
        "{text}"
    );
    assert!(text.contains("undeclared call GET me"), "{text}");
}

#[tokio::test]
async fn setup_problems_are_reported_as_such() {
    let err = conformance::run(ProviderUnderTest::new("acme", "/nonexistent/fixtures"))
        .await
        .expect_err("no fixtures");
    assert!(
        matches!(&err, ConformanceError::Setup(problem) if problem.contains("conformance.json")),
        "{err}"
    );

    let err = conformance::run(ProviderUnderTest::new("nobody", FIXTURES))
        .await
        .expect_err("not registered");
    let ConformanceError::Failed(report) = err else {
        panic!("{err}")
    };
    assert_eq!(report.checks.len(), 1);
    assert!(
        report
            .to_string()
            .contains("no provider `nobody` is registered"),
        "{report}"
    );
}
