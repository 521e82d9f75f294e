//! Multi-tenant issuers (`{tenantid}`, Entra) over real HTTP on 127.0.0.1: the fake issuer's
//! discovery document names the template, its ID tokens name a tenant in `iss` and `tid`.

use oauthclient_core::client::{HttpClient, HttpLimits};
use oauthclient_core::config::NoEnv;
use oauthclient_core::flow::Grant;
use oauthclient_core::handlers::{ProtocolContext, ProtocolHandler};
use oauthclient_core::login_options::LoginOptions;
use oauthclient_core::secret::AuthorizationCode;
use oauthclient_core::state::{PendingFlow, random_nonce};
use oauthclient_core::{OAuthClientConfig, OAuthError, Registry, Token};
use url::Url;

use super::OidcProtocol;
use super::fake_issuer::{Running, start};

const TENANT_A: &str = "11111111-2222-3333-4444-555555555555";
const TENANT_B: &str = "99999999-8888-7777-6666-555555555555";

/// The fake issuer as a multi-tenant one: its document names the template, its tokens
/// carry `iss` and (if given) `tid`. Returns the template.
fn multi_tenant(running: &Running, iss_tenant: &str, tid: Option<&str>) -> String {
    let issuer = &running.issuer;
    let template = issuer.issuer.replace("/realms/a", "/realms/{tenantid}");
    *issuer.document_issuer.lock().expect("lock") = Some(template.clone());
    *issuer.token_iss.lock().expect("lock") = Some(template.replace("{tenantid}", iss_tenant));
    let mut claims = serde_json::Map::new();
    if let Some(tid) = tid {
        claims.insert("tid".into(), tid.into());
    }
    *issuer.extra_claims.lock().expect("lock") = claims;
    template
}

/// Signs in at `template` (with `allowed_tenants` when not empty) and a callback `iss`.
async fn sign_in(
    template: &str,
    allowed: &[&str],
    iss: Option<String>,
) -> Result<Token, OAuthError> {
    let allowed_line = if allowed.is_empty() {
        String::new()
    } else {
        format!("allowed_tenants = {allowed:?}")
    };
    let toml = format!(
        r#"
secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
site_url = "http://127.0.0.1:9"
[remote_apps.entra]
provider = "oidc"
[remote_apps.entra.params]
issuer = "{template}"
client_auth = "basic"
{allowed_line}
[ENTRA_APP_CREDENTIALS]
consumer_key = "client-a"
consumer_secret = "secret-of-a"
"#
    );
    let registry = Registry::from_inventory().expect("registry");
    let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry).expect("config");
    let app = config.remote_app("entra").expect("configured");
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    let protocol = OidcProtocol::default();
    let redirect_uri = Url::parse("http://127.0.0.1:9/oauth/authorized/entra/").expect("url");
    let ctx = ProtocolContext {
        app,
        http: &http,
        redirect_uri: &redirect_uri,
    };
    let mut flow = PendingFlow::new("entra", random_nonce(), 0);
    let url = protocol
        .start(&ctx, "state", &mut flow)
        .await
        .expect("discovery of the `common` tenant accepts the template");
    assert!(url.as_str().contains("/realms/a/auth?"), "{url}");
    let nonce = flow.oidc_nonce.expect("nonce");
    let grant = Grant::AuthorizationCode {
        code: AuthorizationCode::new(nonce.expose_secret().to_owned()),
        pkce_verifier: flow.pkce_verifier,
        iss,
        oidc_nonce: Some(nonce),
        login_options: LoginOptions::default(),
        callback_params: std::collections::BTreeMap::new(),
    };
    protocol.finish(&ctx, grant).await
}

fn refused_because(result: Result<Token, OAuthError>, fragment: &str) {
    match result {
        Err(OAuthError::InvalidResponse { reason, .. }) => {
            assert!(reason.contains(fragment), "{reason}");
        }
        other => panic!("expected a refusal ({fragment}), got {other:?}"),
    }
}

#[tokio::test]
async fn tenant_issuer_a_token_of_its_own_tenant_is_accepted() {
    let a = start("a", "client-a", "secret-of-a").await;
    let template = multi_tenant(&a, TENANT_A, Some(TENANT_A));
    let token = sign_in(&template, &[], None).await.expect("accepted");
    assert_eq!(token.extra["id_token_claims"]["tid"], TENANT_A);
    assert_eq!(
        token.extra["id_token_claims"]["iss"],
        template.replace("{tenantid}", TENANT_A)
    );
    // On the allow-list, and with the RFC 9207 `iss` of that tenant.
    let iss = Some(template.replace("{tenantid}", TENANT_A));
    sign_in(&template, &[TENANT_A], iss)
        .await
        .expect("allowed tenant");
}

#[tokio::test]
async fn tenant_issuer_an_iss_not_matching_the_tid_is_refused() {
    let a = start("a", "client-a", "secret-of-a").await;
    let template = multi_tenant(&a, TENANT_B, Some(TENANT_A));
    refused_because(
        sign_in(&template, &[], None).await,
        "iss does not match its tid",
    );
}

#[tokio::test]
async fn tenant_issuer_a_tenant_not_allowed_is_refused() {
    let a = start("a", "client-a", "secret-of-a").await;
    let template = multi_tenant(&a, TENANT_A, Some(TENANT_A));
    refused_because(
        sign_in(&template, &[TENANT_B], None).await,
        "allowed_tenants",
    );
}

#[tokio::test]
async fn tenant_issuer_a_token_without_tid_is_refused() {
    let a = start("a", "client-a", "secret-of-a").await;
    let template = multi_tenant(&a, TENANT_A, None);
    refused_because(sign_in(&template, &[], None).await, "needs a tid");
    // Nor is a tid that is not a GUID (it would be pasted into the issuer).
    let template = multi_tenant(&a, "common", Some("common"));
    refused_because(sign_in(&template, &[], None).await, "needs a tid");
}

#[tokio::test]
async fn tenant_issuer_a_callback_iss_of_another_tenant_is_refused() {
    let a = start("a", "client-a", "secret-of-a").await;
    let template = multi_tenant(&a, TENANT_A, Some(TENANT_A));
    // Fits the template, but names tenant B while the token is tenant A's.
    let iss = Some(template.replace("{tenantid}", TENANT_B));
    let result = sign_in(&template, &[], iss).await;
    assert!(
        matches!(result, Err(OAuthError::InvalidState(_))),
        "{result:?}"
    );
    // Not the template at all: refused before the code is exchanged.
    let before = a.token_requests().len();
    let result = sign_in(&template, &[], Some("http://evil.example/x".into())).await;
    assert!(
        matches!(result, Err(OAuthError::InvalidState(_))),
        "{result:?}"
    );
    assert_eq!(a.token_requests().len(), before, "no code was redeemed");
}
