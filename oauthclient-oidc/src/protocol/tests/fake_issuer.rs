//! A fake OpenID Provider on 127.0.0.1 for the protocol's tests: discovery, its key set, and a
//! token endpoint that records what it receives.

use std::collections::HashMap;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex};

use actix_web::dev::ServerHandle;
use actix_web::{HttpRequest, HttpResponse, HttpServer, web};
use base64ct::{Base64, Encoding};
use chrono::{TimeDelta, Utc};
use oauthclient_core::config::NoEnv;
use oauthclient_core::{OAuthClientConfig, Registry};
use openidconnect::core::{CoreEdDsaPrivateSigningKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm};
use openidconnect::{
    Audience, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims, SubjectIdentifier,
};

use crate::id_token::{FullIdToken, FullIdTokenClaims, OtherClaims};

/// A fake OpenID Provider: discovery, its key set, and a token endpoint that records the
/// client credentials it receives (HTTP Basic) and answers only its own client.
pub(super) struct FakeIssuer {
    pub(super) issuer: String,
    client_id: String,
    client_secret: String,
    key: CoreEdDsaPrivateSigningKey,
    /// `(client_id, client_secret)` of every token request that reached this issuer.
    token_requests: Mutex<Vec<(String, String)>>,
    /// The form of every token request that reached this issuer.
    pub(super) token_forms: Mutex<Vec<HashMap<String, String>>>,
    /// Claims the ID tokens carry beyond `iss`, `sub`, `aud`, `exp`, `iat`, `nonce`.
    pub(super) extra_claims: Mutex<serde_json::Map<String, serde_json::Value>>,
    /// How long ago the user authenticated, as the ID tokens' `auth_time` says (none: no
    /// `auth_time` claim).
    pub(super) auth_time_ago: Mutex<Option<TimeDelta>>,
    /// The `issuer` the discovery document names instead of its own (a multi-tenant
    /// template).
    pub(super) document_issuer: Mutex<Option<String>>,
    /// The `iss` the ID tokens carry instead of the issuer (a tenant's issuer).
    pub(super) token_iss: Mutex<Option<String>>,
}

/// A running [`FakeIssuer`]; dropping it stops the server.
pub(super) struct Running {
    pub(super) issuer: Arc<FakeIssuer>,
    handle: ServerHandle,
}

impl Drop for Running {
    fn drop(&mut self) {
        // `stop` sends the command at once; the server thread carries it out.
        drop(self.handle.stop(false));
    }
}

impl Running {
    pub(super) fn token_requests(&self) -> Vec<(String, String)> {
        self.issuer.token_requests.lock().expect("lock").clone()
    }
}

fn key(name: &str) -> CoreEdDsaPrivateSigningKey {
    let pem = match name {
        "a" => include_str!("../../testdata/ed25519-a.pem"),
        _ => include_str!("../../testdata/ed25519-b.pem"),
    };
    CoreEdDsaPrivateSigningKey::from_ed25519_pem(pem, Some(JsonWebKeyId::new(name.into())))
        .expect("test key")
}

/// Starts an issuer at `http://127.0.0.1:<port>/realms/<realm>` on its own thread (its own
/// actix system, so it serves whatever runtime the test uses).
pub(super) async fn start(realm: &str, client_id: &str, client_secret: &str) -> Running {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("address").port();
    let issuer = Arc::new(FakeIssuer {
        issuer: format!("http://127.0.0.1:{port}/realms/{realm}"),
        client_id: client_id.into(),
        client_secret: client_secret.into(),
        key: key(realm),
        token_requests: Mutex::default(),
        token_forms: Mutex::default(),
        extra_claims: Mutex::default(),
        auth_time_ago: Mutex::default(),
        document_issuer: Mutex::default(),
        token_iss: Mutex::default(),
    });
    let data = web::Data::from(issuer.clone());
    let (started_tx, started_rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                actix_web::App::new()
                    .app_data(data.clone())
                    .service(web::scope("/realms/{realm}").configure(routes))
            })
            .workers(1)
            .disable_signals()
            .shutdown_timeout(1)
            .listen(listener)
            .expect("listen")
            .run();
            let _ = started_tx.send(server.handle());
            let _ = server.await;
        });
    });
    let handle = started_rx.await.expect("the issuer's server started");
    Running { issuer, handle }
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/.well-known/openid-configuration",
        web::get().to(discovery),
    )
    .route("/jwks", web::get().to(jwks))
    .route("/token", web::post().to(token));
}

async fn discovery(issuer: web::Data<FakeIssuer>) -> HttpResponse {
    let base = &issuer.issuer;
    let named = issuer.document_issuer.lock().expect("lock").clone();
    HttpResponse::Ok().json(serde_json::json!({
        "issuer": named.as_ref().unwrap_or(base),
        "authorization_endpoint": format!("{base}/auth"),
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["EdDSA"],
    }))
}

async fn jwks(issuer: web::Data<FakeIssuer>) -> HttpResponse {
    HttpResponse::Ok().json(CoreJsonWebKeySet::new(vec![
        issuer.key.as_verification_key(),
    ]))
}

/// The client from HTTP Basic (RFC 6749 §2.3.1: form-encoded, then base64).
fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let header = req.headers().get("authorization")?.to_str().ok()?;
    let decoded = Base64::decode_vec(header.strip_prefix("Basic ")?).ok()?;
    let (id, secret) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// Records the credentials; answers its own client with an ID token whose `nonce` is the code
/// (the test passes the flow's nonce as the code, so the fake needs no authorize leg).
async fn token(
    req: HttpRequest,
    form: web::Form<HashMap<String, String>>,
    issuer: web::Data<FakeIssuer>,
) -> HttpResponse {
    let credentials = basic_credentials(&req).unwrap_or_default();
    issuer
        .token_requests
        .lock()
        .expect("lock")
        .push(credentials.clone());
    issuer
        .token_forms
        .lock()
        .expect("lock")
        .push(form.0.clone());
    if credentials != (issuer.client_id.clone(), issuer.client_secret.clone()) {
        return HttpResponse::Unauthorized().json(serde_json::json!({"error": "invalid_client"}));
    }
    if let Some(refresh_token) = form.get("refresh_token").filter(|_| {
        form.get("grant_type")
            .is_some_and(|grant| grant == "refresh_token")
    }) {
        // No rotation: the answer has no new refresh token.
        return HttpResponse::Ok().json(serde_json::json!({
            "access_token": format!("refreshed-with-{refresh_token}"),
            "token_type": "Bearer",
            "expires_in": 3600,
        }));
    }
    let now = Utc::now();
    let iss = issuer.token_iss.lock().expect("lock").clone();
    let claims = FullIdTokenClaims::new(
        IssuerUrl::new(iss.unwrap_or_else(|| issuer.issuer.clone())).expect("issuer"),
        vec![Audience::new(issuer.client_id.clone())],
        now + TimeDelta::minutes(5),
        now,
        StandardClaims::new(SubjectIdentifier::new(format!(
            "user-of-{}",
            issuer.client_id
        ))),
        OtherClaims(issuer.extra_claims.lock().expect("lock").clone()),
    )
    .set_nonce(form.get("code").map(|code| Nonce::new(code.clone())))
    .set_auth_time(
        issuer
            .auth_time_ago
            .lock()
            .expect("lock")
            .map(|ago| now - ago),
    );
    let id_token = FullIdToken::new(
        claims,
        &issuer.key,
        CoreJwsSigningAlgorithm::EdDsa,
        None,
        None,
    )
    .expect("signed");
    HttpResponse::Ok().json(serde_json::json!({
        "access_token": format!("at-{}", issuer.client_id),
        "refresh_token": format!("rt-{}", issuer.client_id),
        "token_type": "Bearer",
        "id_token": id_token.to_string(),
    }))
}

pub(super) fn config(a: &FakeIssuer, b: &FakeIssuer) -> OAuthClientConfig {
    let toml = format!(
        r#"
secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
site_url = "http://127.0.0.1:9"

[remote_apps.app_a]
provider = "oidc"
[remote_apps.app_a.params]
issuer = "{}"
client_auth = "basic"
[APP_A_APP_CREDENTIALS]
consumer_key = "{}"
consumer_secret = "{}"

[remote_apps.app_b]
provider = "oidc"
[remote_apps.app_b.params]
issuer = "{}"
client_auth = "basic"
[APP_B_APP_CREDENTIALS]
consumer_key = "{}"
consumer_secret = "{}"
"#,
        a.issuer, a.client_id, a.client_secret, b.issuer, b.client_id, b.client_secret
    );
    let registry = Registry::from_inventory().expect("registry");
    OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry).expect("config")
}
