//! One [`OidcProtocol`] value serving two apps at two issuers (a named protocol handler picked
//! by both): each app's flow must use its own issuer's discovery document, so its code and
//! client secret go to its own token endpoint. Two fake issuers on 127.0.0.1, each with its
//! own Ed25519 key (`src/testdata/`, test only).

use std::collections::HashMap;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex};

use actix_web::dev::ServerHandle;
use actix_web::{HttpRequest, HttpResponse, HttpServer, web};
use base64ct::{Base64, Encoding};
use chrono::{TimeDelta, Utc};
use oauthclient_core::client::{HttpClient, HttpLimits};
use oauthclient_core::config::NoEnv;
use oauthclient_core::flow::Grant;
use oauthclient_core::handlers::{ProtocolContext, ProtocolHandler};
use oauthclient_core::login_options::LoginOptions;
use oauthclient_core::secret::AuthorizationCode;
use oauthclient_core::state::{PendingFlow, random_nonce};
use oauthclient_core::{OAuthClientConfig, Registry};
use openidconnect::core::{
    CoreEdDsaPrivateSigningKey, CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet,
    CoreJwsSigningAlgorithm,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey,
    StandardClaims, SubjectIdentifier,
};
use url::Url;

use super::OidcProtocol;

/// A fake OpenID Provider: discovery, its key set, and a token endpoint that records the
/// client credentials it receives (HTTP Basic) and answers only its own client.
struct FakeIssuer {
    issuer: String,
    client_id: String,
    client_secret: String,
    key: CoreEdDsaPrivateSigningKey,
    /// `(client_id, client_secret)` of every token request that reached this issuer.
    token_requests: Mutex<Vec<(String, String)>>,
    /// How long ago the user authenticated, as the ID tokens' `auth_time` says (none: no
    /// `auth_time` claim).
    auth_time_ago: Mutex<Option<TimeDelta>>,
}

/// A running [`FakeIssuer`]; dropping it stops the server.
struct Running {
    issuer: Arc<FakeIssuer>,
    handle: ServerHandle,
}

impl Drop for Running {
    fn drop(&mut self) {
        // `stop` sends the command at once; the server thread carries it out.
        drop(self.handle.stop(false));
    }
}

impl Running {
    fn token_requests(&self) -> Vec<(String, String)> {
        self.issuer.token_requests.lock().expect("lock").clone()
    }
}

fn key(name: &str) -> CoreEdDsaPrivateSigningKey {
    let pem = match name {
        "a" => include_str!("../testdata/ed25519-a.pem"),
        _ => include_str!("../testdata/ed25519-b.pem"),
    };
    CoreEdDsaPrivateSigningKey::from_ed25519_pem(pem, Some(JsonWebKeyId::new(name.into())))
        .expect("test key")
}

/// Starts an issuer at `http://127.0.0.1:<port>/realms/<realm>` on its own thread (its own
/// actix system, so it serves whatever runtime the test uses).
async fn start(realm: &str, client_id: &str, client_secret: &str) -> Running {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("address").port();
    let issuer = Arc::new(FakeIssuer {
        issuer: format!("http://127.0.0.1:{port}/realms/{realm}"),
        client_id: client_id.into(),
        client_secret: client_secret.into(),
        key: key(realm),
        token_requests: Mutex::default(),
        auth_time_ago: Mutex::default(),
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
    HttpResponse::Ok().json(serde_json::json!({
        "issuer": base,
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
    if credentials != (issuer.client_id.clone(), issuer.client_secret.clone()) {
        return HttpResponse::Unauthorized().json(serde_json::json!({"error": "invalid_client"}));
    }
    let now = Utc::now();
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(issuer.issuer.clone()).expect("issuer"),
        vec![Audience::new(issuer.client_id.clone())],
        now + TimeDelta::minutes(5),
        now,
        StandardClaims::new(SubjectIdentifier::new(format!(
            "user-of-{}",
            issuer.client_id
        ))),
        EmptyAdditionalClaims {},
    )
    .set_nonce(form.get("code").map(|code| Nonce::new(code.clone())))
    .set_auth_time(
        issuer
            .auth_time_ago
            .lock()
            .expect("lock")
            .map(|ago| now - ago),
    );
    let id_token = CoreIdToken::new(
        claims,
        &issuer.key,
        CoreJwsSigningAlgorithm::EdDsa,
        None,
        None,
    )
    .expect("signed");
    HttpResponse::Ok().json(serde_json::json!({
        "access_token": format!("at-{}", issuer.client_id),
        "token_type": "Bearer",
        "id_token": id_token.to_string(),
    }))
}

fn config(a: &FakeIssuer, b: &FakeIssuer) -> OAuthClientConfig {
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

#[tokio::test]
async fn one_protocol_value_sends_each_app_to_its_own_issuer_with_its_own_credentials() {
    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    // The value both apps share, as a named protocol handler picked by both would be.
    let protocol = OidcProtocol::default();

    // Both flows start before either finishes: app A's discovery is cached when app B's runs.
    let mut started = Vec::new();
    for (name, running) in [("app_a", &a), ("app_b", &b)] {
        let app = config.remote_app(name).expect("configured").clone();
        let redirect_uri =
            Url::parse(&format!("http://127.0.0.1:9/oauth/authorized/{name}/")).expect("url");
        let ctx = ProtocolContext {
            app: &app,
            http: &http,
            redirect_uri: &redirect_uri,
        };
        let mut flow = PendingFlow::new(name, random_nonce(), 0);
        let url = protocol.start(&ctx, "state", &mut flow).await.expect(name);
        started.push((app, redirect_uri, flow, running, url));
    }
    let mut finished = Vec::new();
    for (app, redirect_uri, flow, running, url) in started {
        let ctx = ProtocolContext {
            app: &app,
            http: &http,
            redirect_uri: &redirect_uri,
        };
        let nonce = flow.oidc_nonce.expect("an OpenID Connect flow has a nonce");
        let grant = Grant::AuthorizationCode {
            code: AuthorizationCode::new(nonce.expose_secret().to_owned()),
            pkce_verifier: flow.pkce_verifier,
            // Most providers send no RFC 9207 `iss`, and these do not advertise it: nothing
            // but the cache decides which token endpoint gets the secret.
            iss: None,
            oidc_nonce: Some(nonce),
            login_options: LoginOptions::default(),
        };
        let token = protocol.finish(&ctx, grant).await;
        finished.push((app.name.clone(), running, url, token));
    }

    // Each issuer saw exactly one token request, from its own client: no secret crossed over.
    assert_eq!(
        a.token_requests(),
        [("client-a".to_owned(), "secret-of-a".to_owned())]
    );
    assert_eq!(
        b.token_requests(),
        [("client-b".to_owned(), "secret-of-b".to_owned())]
    );
    for (name, running, url, token) in finished {
        let issuer = &running.issuer.issuer;
        assert!(
            url.as_str().starts_with(&format!("{issuer}/auth?")),
            "{name} is sent to its own issuer to sign in: {url}"
        );
        let token = token.unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(
            token.extra["id_token_claims"]["iss"],
            issuer.as_str(),
            "{name}"
        );
    }
}

/// A login that asked for `max_age`: the ID token must say when the user authenticated, and
/// not longer ago than that (OpenID Connect Core §3.1.2.1, §3.1.3.7 item 13).
#[tokio::test]
async fn a_requested_max_age_needs_a_recent_enough_auth_time() {
    use oauthclient_core::OAuthError;
    use oauthclient_core::login_options::{LoginOption, LoginOptionsPolicy};

    let a = start("a", "client-a", "secret-of-a").await;
    let b = start("b", "client-b", "secret-of-b").await;
    let config = config(&a.issuer, &b.issuer);
    let http = HttpClient::new(HttpLimits::default()).expect("HTTP client");
    let protocol = OidcProtocol::default();
    let app = config.remote_app("app_a").expect("configured").clone();
    let redirect_uri = Url::parse("http://127.0.0.1:9/oauth/authorized/app_a/").expect("url");
    let ctx = ProtocolContext {
        app: &app,
        http: &http,
        redirect_uri: &redirect_uri,
    };
    let policy = LoginOptionsPolicy::new([LoginOption::MaxAge], Vec::<String>::new());
    let max_age_60 = LoginOptions::parse([("max_age", "60")], &policy).expect("valid");

    let mut outcomes = Vec::new();
    for (ago, options) in [
        (None, LoginOptions::default()),
        (Some(TimeDelta::minutes(10)), LoginOptions::default()),
        (Some(TimeDelta::seconds(10)), max_age_60.clone()),
        (None, max_age_60.clone()),
        (Some(TimeDelta::minutes(10)), max_age_60.clone()),
    ] {
        *a.issuer.auth_time_ago.lock().expect("lock") = ago;
        let mut flow = PendingFlow::new("app_a", random_nonce(), 0);
        protocol
            .start(&ctx, "state", &mut flow)
            .await
            .expect("starts");
        let nonce = flow.oidc_nonce.expect("nonce");
        let grant = Grant::AuthorizationCode {
            code: AuthorizationCode::new(nonce.expose_secret().to_owned()),
            pkce_verifier: flow.pkce_verifier,
            iss: None,
            oidc_nonce: Some(nonce),
            login_options: options,
        };
        outcomes.push(protocol.finish(&ctx, grant).await);
    }
    let [no_max_age, stale_no_max_age, recent, missing, stale] =
        <[_; 5]>::try_from(outcomes).expect("five");
    assert!(
        no_max_age.is_ok(),
        "without max_age auth_time is not needed"
    );
    assert!(stale_no_max_age.is_ok(), "nor checked");
    assert!(recent.is_ok(), "{recent:?}");
    for (refused, says) in [(missing, "no auth_time"), (stale, "max_age of 60s")] {
        match refused {
            Err(OAuthError::InvalidResponse { reason, .. }) => {
                assert!(reason.contains(says), "{reason}");
            }
            other => panic!("refused as a bad provider answer, got {other:?}"),
        }
    }
}
