//! Client assertions are checked the way a provider checks them: the signature with `ring`'s
//! verifiers (or an HMAC verify), then the claims.

use std::collections::BTreeMap;

use base64ct::{Base64, Base64UrlUnpadded, Encoding as _};
use hmac::{Hmac, Mac as _};
use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, Ed25519KeyPair, UnparsedPublicKey};
use sha2::{Digest as _, Sha256};
use url::Url;

use super::{JWT_BEARER_ASSERTION_TYPE, TokenRequestAuth, token_request_auth};
use crate::clock::ManualClock;
use crate::config::{ConfigError, RemoteApp};
use crate::{OAuthClientConfig, Registry};

const RSA_KEY: &str = include_str!("test-rsa-key.pem");
const CERTIFICATE: &str = include_str!("test-cert.pem");
const SEC1_KEY: &str = include_str!("test-sec1.pem");
const TOKEN_ENDPOINT: &str = "https://provider.example/token";
const NOW: u64 = 1_700_000_000;

fn pem(label: &str, der: &[u8]) -> String {
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        Base64::encode_string(der)
    )
}

pub(super) fn p256_pem() -> String {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
        .expect("a P-256 key");
    pem("PRIVATE KEY", pkcs8.as_ref())
}

fn ed25519_pem() -> String {
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("an Ed25519 key");
    pem("PRIVATE KEY", pkcs8.as_ref())
}

/// An app `demo` with `params` (TOML lines) and credentials `credentials`, the private key
/// (if any) from the environment as `DEMO_APP_CREDENTIALS_PRIVATE_KEY`.
fn load(params: &str, credentials: &str, key: Option<&str>) -> Result<RemoteApp, ConfigError> {
    let toml = format!(
        r#"
        secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
        site_url = "https://example.org"
        [remote_apps.demo.params]
        authorize_url = "https://provider.example/authorize"
        access_token_url = "{TOKEN_ENDPOINT}"
        {params}
        [DEMO_APP_CREDENTIALS]
        consumer_key = "client-1"
        {credentials}
        "#
    );
    let env: BTreeMap<String, String> = key
        .map(|pem| {
            (
                "DEMO_APP_CREDENTIALS_PRIVATE_KEY".to_owned(),
                pem.to_owned(),
            )
        })
        .into_iter()
        .collect();
    let config = OAuthClientConfig::from_toml_str(&toml, &env, &Registry::default())?;
    Ok(config.remote_app("demo").expect("configured").clone())
}

fn auth(app: &RemoteApp) -> TokenRequestAuth {
    let endpoint = Url::parse(TOKEN_ENDPOINT).expect("url");
    token_request_auth(app, &endpoint, None, &ManualClock::new(NOW)).expect("auth")
}

fn assertion(auth: &TokenRequestAuth) -> String {
    let extra: Vec<(&str, &str)> = auth.extra_params().collect();
    assert_eq!(extra.len(), 2, "{extra:?}");
    assert_eq!(
        extra[0],
        ("client_assertion_type", JWT_BEARER_ASSERTION_TYPE)
    );
    assert_eq!(extra[1].0, "client_assertion");
    assert!(auth.secret().is_none(), "the secret itself is never sent");
    assert!(!auth.basic());
    extra[1].1.to_owned()
}

/// The header and claims of `jwt`, once `verify(signing_input, signature)` accepted it.
fn verified(
    jwt: &str,
    verify: impl Fn(&[u8], &[u8]) -> bool,
) -> (serde_json::Value, serde_json::Value) {
    let (input, signature) = jwt.rsplit_once('.').expect("three parts");
    let signature = Base64UrlUnpadded::decode_vec(signature).expect("base64url");
    assert!(verify(input.as_bytes(), &signature), "signature refused");
    let (header, claims) = input.split_once('.').expect("three parts");
    let decode = |part: &str| -> serde_json::Value {
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(part).expect("base64url"))
            .expect("json")
    };
    (decode(header), decode(claims))
}

fn ring_verifier(
    algorithm: &'static dyn signature::VerificationAlgorithm,
    app: &RemoteApp,
) -> impl Fn(&[u8], &[u8]) -> bool {
    let public = app
        .credentials
        .signing_key
        .as_ref()
        .expect("a key")
        .public_key()
        .to_vec();
    move |input, sig| {
        UnparsedPublicKey::new(algorithm, &public)
            .verify(input, sig)
            .is_ok()
    }
}

fn assert_rfc7523_claims(claims: &serde_json::Value) {
    assert_eq!(claims["iss"], "client-1");
    assert_eq!(claims["sub"], "client-1");
    assert_eq!(claims["aud"], TOKEN_ENDPOINT);
    assert_eq!(claims["iat"], NOW);
    assert_eq!(claims["exp"], NOW + 60);
    assert!(claims["jti"].as_str().is_some_and(|jti| jti.len() >= 22));
}

#[test]
fn private_key_jwt_es256_verifies_with_the_public_key_and_carries_rfc7523_claims() {
    let app = load(
        "client_auth = \"private_key_jwt\"",
        "key_id = \"kid-1\"",
        Some(&p256_pem()),
    )
    .expect("loads without a consumer_secret");
    let jwt = assertion(&auth(&app));
    let (header, claims) = verified(
        &jwt,
        ring_verifier(&signature::ECDSA_P256_SHA256_FIXED, &app),
    );
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["kid"], "kid-1");
    assert_eq!(header["typ"], "JWT");
    assert_rfc7523_claims(&claims);

    // Every request gets its own assertion: providers refuse a replayed jti.
    let again = assertion(&auth(&app));
    let (_, claims_again) = verified(
        &again,
        ring_verifier(&signature::ECDSA_P256_SHA256_FIXED, &app),
    );
    assert_ne!(claims["jti"], claims_again["jti"]);
}

#[test]
fn client_secret_jwt_is_an_hs256_mac_keyed_by_the_secret() {
    let secret = "a-client-secret-of-at-least-thirty-two-bytes";
    let app = load(
        "client_auth = \"client_secret_jwt\"\nclient_assertion = { lifetime = 120 }",
        &format!("consumer_secret = \"{secret}\""),
        None,
    )
    .expect("loads");
    let endpoint = Url::parse(TOKEN_ENDPOINT).expect("url");
    let auth = token_request_auth(&app, &endpoint, None, &ManualClock::new(NOW)).expect("auth");
    let jwt = assertion(&auth);
    let (header, claims) = verified(&jwt, |input, sig| {
        let mut mac = <Hmac<Sha256> as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes())
            .expect("any key length");
        mac.update(input);
        mac.verify_slice(sig).is_ok()
    });
    assert_eq!(header["alg"], "HS256");
    assert_eq!(claims["exp"], NOW + 120);
    assert_eq!(claims["aud"], TOKEN_ENDPOINT);
    assert!(!format!("{auth:?}").contains(&jwt), "Debug redacts");
}

#[test]
fn apples_signed_secret_is_the_client_secret_with_the_team_as_issuer() {
    let app = load(
        "client_auth = \"signed_secret\"\n\
         client_assertion = { issuer = \"{team_id}\", audience = \"https://appleid.apple.com\", lifetime = 300 }",
        "key_id = \"ABC123DEFG\"\nteam_id = \"TEAM123456\"",
        Some(&p256_pem()),
    )
    .expect("loads");
    let auth = auth(&app);
    assert_eq!(auth.extra_params().count(), 0);
    let jwt = auth
        .secret()
        .expect("the JWT is the secret")
        .expose_secret();
    let (header, claims) = verified(
        jwt,
        ring_verifier(&signature::ECDSA_P256_SHA256_FIXED, &app),
    );
    assert_eq!(header["kid"], "ABC123DEFG");
    assert_eq!(claims["iss"], "TEAM123456");
    assert_eq!(claims["sub"], "client-1");
    // As written: no trailing slash from URL parsing.
    assert_eq!(claims["aud"], "https://appleid.apple.com");
    assert_eq!(claims["exp"], NOW + 300);
    assert!(claims.get("jti").is_none(), "Apple's claim set");
}

#[test]
fn rsa_keys_sign_rs256_and_ps256_and_the_certificate_thumbprint_is_in_the_header() {
    let app = load(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { alg = \"RS256\" }",
        "",
        Some(RSA_KEY),
    )
    .expect("loads");
    let (header, claims) = verified(
        &assertion(&auth(&app)),
        ring_verifier(&signature::RSA_PKCS1_2048_8192_SHA256, &app),
    );
    assert_eq!(header["alg"], "RS256");
    assert_rfc7523_claims(&claims);

    let app = load(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { alg = \"PS256\", x5t_s256 = true }",
        &format!("certificate = '''\n{CERTIFICATE}'''"),
        Some(RSA_KEY),
    )
    .expect("loads");
    let (header, _) = verified(
        &assertion(&auth(&app)),
        ring_verifier(&signature::RSA_PSS_2048_8192_SHA256, &app),
    );
    assert_eq!(header["alg"], "PS256");
    let der = rustls_pki_types::pem::PemObject::from_pem_slice(CERTIFICATE.as_bytes())
        .map(|der: rustls_pki_types::CertificateDer<'_>| Sha256::digest(der.as_ref()))
        .expect("a certificate");
    assert_eq!(
        header["x5t#S256"],
        Base64UrlUnpadded::encode_string(der.as_slice())
    );
}

#[test]
fn ed25519_keys_sign_eddsa() {
    let app = load(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { alg = \"EdDSA\" }",
        "",
        Some(&ed25519_pem()),
    )
    .expect("loads");
    let (header, claims) = verified(
        &assertion(&auth(&app)),
        ring_verifier(&signature::ED25519, &app),
    );
    assert_eq!(header["alg"], "EdDSA");
    assert_rfc7523_claims(&claims);
}

#[test]
fn secrets_and_basic_are_as_before() {
    let app = load(
        "client_auth = \"basic\"",
        "consumer_secret = \"s3cret\"",
        None,
    )
    .expect("loads");
    let auth = auth(&app);
    assert!(auth.basic());
    assert_eq!(
        auth.secret()
            .map(crate::secret::ClientSecret::expose_secret),
        Some("s3cret")
    );
    assert_eq!(auth.extra_params().count(), 0);
}

fn refused(params: &str, credentials: &str, key: Option<&str>) -> ConfigError {
    load(params, credentials, key).expect_err("refused")
}

#[test]
fn bad_jwt_configurations_are_refused_at_load_naming_the_key() {
    let err = refused(
        "client_auth = \"client_secret_jwt\"",
        "consumer_secret = \"short\"",
        None,
    );
    assert_eq!(err.key, "DEMO_APP_CREDENTIALS.consumer_secret");
    assert!(err.message.contains("32 bytes"), "{err}");

    let err = refused("client_auth = \"private_key_jwt\"", "", None);
    assert_eq!(err.key, "DEMO_APP_CREDENTIALS.private_key");
    assert!(
        err.message.contains("DEMO_APP_CREDENTIALS_PRIVATE_KEY"),
        "{err}"
    );

    let err = refused("client_auth = \"private_key_jwt\"", "", Some("not a key"));
    assert_eq!(err.key, "DEMO_APP_CREDENTIALS.private_key");
    assert!(err.message.contains("PEM"), "{err}");

    // A SEC1 EC key: ring reads PKCS#8 only; the message says how to convert.
    let err = refused("client_auth = \"private_key_jwt\"", "", Some(SEC1_KEY));
    assert!(err.message.contains("openssl pkcs8"), "{err}");

    // An RSA key for ES256, a P-256 key for RS256.
    let err = refused("client_auth = \"private_key_jwt\"", "", Some(RSA_KEY));
    assert!(err.message.contains("ES256"), "{err}");
    let err = refused(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { alg = \"RS256\" }",
        "",
        Some(&p256_pem()),
    );
    assert!(err.message.contains("RS256"), "{err}");
    // The message never carries the key material.
    assert!(!err.message.contains("BEGIN"), "{err}");

    let err = refused(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { alg = \"HS256\" }",
        "",
        Some(&p256_pem()),
    );
    assert_eq!(err.key, "remote_apps.demo.params.client_assertion.alg");

    let err = refused(
        "client_assertion = { alg = \"ES256\" }",
        "consumer_secret = \"s\"",
        None,
    );
    assert_eq!(err.key, "remote_apps.demo.params.client_assertion");

    let err = refused("client_auth = \"signed_secret\"", "", Some(&p256_pem()));
    assert_eq!(err.key, "DEMO_APP_CREDENTIALS.key_id");

    let err = refused(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { issuer = \"{team_id}\" }",
        "",
        Some(&p256_pem()),
    );
    assert_eq!(err.key, "DEMO_APP_CREDENTIALS.team_id");

    let err = refused(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { x5t_s256 = true }",
        "",
        Some(&p256_pem()),
    );
    assert_eq!(err.key, "DEMO_APP_CREDENTIALS.certificate");

    let err = refused(
        "client_auth = \"private_key_jwt\"\nclient_assertion = { lifetime = 0 }",
        "",
        Some(&p256_pem()),
    );
    assert_eq!(err.key, "remote_apps.demo.params.client_assertion.lifetime");
}

#[test]
fn the_private_key_never_shows_in_debug() {
    let key = p256_pem();
    let app = load("client_auth = \"private_key_jwt\"", "", Some(&key)).expect("loads");
    let debug = format!("{app:?}");
    let body = key.lines().nth(1).expect("a base64 line");
    assert!(!debug.contains(&body[..20]), "{debug}");
    assert!(debug.contains("[redacted]"));
}

mod wire;
