//! The seed's `app_key` table → [`Credentials`]: client id, secret and, for JWT client
//! authentication, the private key (parsed here, so a bad key stops the start), key id, team
//! id and certificate thumbprint. Every field can come from `<APP_KEY>_<FIELD>` in the
//! environment instead of the file.

use std::sync::Arc;

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject as _;
use sha2::{Digest as _, Sha256};
use toml::Table;

use super::placeholder::{Expected, refuse_placeholder};
use super::settings::CredentialSettings;
use super::{
    AssertionIssuer, ClientAuth, ConfigError, Credentials, EnvSource, Protocol, SigningKey,
};
use crate::secret::ClientSecret;

type Result<T> = std::result::Result<T, ConfigError>;

/// HMAC-SHA-256 needs a key of at least its output size (RFC 7518 §3.2).
const MIN_HS256_SECRET_BYTES: usize = 32;

/// Resolves the seed's `app_key`: the `[APP_KEY]` table, overridden by
/// `APP_KEY_CONSUMER_KEY` / `APP_KEY_CONSUMER_SECRET` / `APP_KEY_PRIVATE_KEY` / … in the
/// environment.
pub(super) fn credentials(
    app_key: &str,
    doc: &Table,
    env: &dyn EnvSource,
    protocol: &Protocol,
    title: &str,
) -> Result<Credentials> {
    let (client_auth, assertion) = match protocol {
        Protocol::OAuth2(params) => (params.client_auth, params.client_assertion.as_deref()),
        Protocol::OAuth1(_) => (ClientAuth::RequestBody, None),
    };
    let from_file: CredentialSettings = match doc.get(app_key) {
        None => CredentialSettings::default(),
        Some(value) => value
            .clone()
            .try_into()
            .map_err(|err: toml::de::Error| ConfigError::new(app_key, err.message()))?,
    };
    let env_name = |field: &str| format!("{app_key}_{}", field.to_ascii_uppercase());
    let key = |field: &str| format!("{app_key}.{field}");
    // The environment wins over the file; empty counts as unset.
    let lookup = |field: &str, file_value: Option<String>| -> Option<String> {
        env.var(&env_name(field))
            .or(file_value)
            .filter(|value| !value.is_empty())
    };
    let missing = |field: &str| {
        ConfigError::new(
            key(field),
            format!(
                "missing: set it in the [{app_key}] table or the {} environment variable",
                env_name(field)
            ),
        )
    };
    let resolve = |field: &str, file_value: Option<String>| -> Result<String> {
        let value = lookup(field, file_value).ok_or_else(|| missing(field))?;
        let expected = if field == "consumer_key" {
            Expected::ClientId { provider: title }
        } else {
            Expected::ClientSecret { provider: title }
        };
        refuse_placeholder(&key(field), &value, expected, &env_name(field))?;
        Ok(value)
    };

    let consumer_key = resolve("consumer_key", from_file.consumer_key)?;
    // Public clients and private-key methods need no secret; client_secret_jwt keys its MAC
    // with it.
    let secret_required = !matches!(
        client_auth,
        ClientAuth::None | ClientAuth::PrivateKeyJwt | ClientAuth::SignedSecret
    );
    let consumer_secret = if secret_required {
        resolve("consumer_secret", from_file.consumer_secret)?
    } else {
        resolve("consumer_secret", from_file.consumer_secret).unwrap_or_default()
    };
    if client_auth == ClientAuth::ClientSecretJwt && consumer_secret.len() < MIN_HS256_SECRET_BYTES
    {
        return Err(ConfigError::new(
            key("consumer_secret"),
            format!(
                "client_secret_jwt signs with HS256, whose key must be at least \
                 {MIN_HS256_SECRET_BYTES} bytes (RFC 7518 §3.2)"
            ),
        ));
    }
    let mut credentials = Credentials::new(consumer_key, ClientSecret::new(consumer_secret));
    let Some(assertion) = assertion else {
        return Ok(credentials);
    };

    if client_auth != ClientAuth::ClientSecretJwt {
        let pem = lookup("private_key", from_file.private_key);
        credentials.signing_key = Some(Arc::new(signing_key(
            app_key,
            title,
            client_auth,
            assertion,
            pem,
            from_file.private_key_file,
        )?));
    }
    credentials.key_id = lookup("key_id", from_file.key_id);
    if client_auth == ClientAuth::SignedSecret && credentials.key_id.is_none() {
        return Err(ConfigError::new(
            key("key_id"),
            "missing: a signed client secret names its key (Apple's Key ID)",
        ));
    }
    credentials.team_id = lookup("team_id", from_file.team_id);
    if assertion.issuer == AssertionIssuer::TeamId && credentials.team_id.is_none() {
        return Err(missing("team_id"));
    }
    if assertion.x5t_s256 {
        let pem =
            lookup("certificate", from_file.certificate).ok_or_else(|| missing("certificate"))?;
        let der = CertificateDer::from_pem_slice(pem.as_bytes()).map_err(|_| {
            ConfigError::new(
                key("certificate"),
                "not a PEM certificate (expected -----BEGIN CERTIFICATE-----)",
            )
        })?;
        credentials.certificate_sha256 = Some(Sha256::digest(der.as_ref()).into());
    }
    Ok(credentials)
}

/// The private key of `private_key_jwt` / `signed_secret`: the PEM (`private_key`, from the
/// file or the environment) or the file `private_key_file` names, parsed for the configured
/// algorithm. Errors name the key, never the key material.
fn signing_key(
    app_key: &str,
    title: &str,
    client_auth: ClientAuth,
    assertion: &super::ClientAssertion,
    pem: Option<String>,
    file: Option<String>,
) -> Result<SigningKey> {
    let key = |field: &str| format!("{app_key}.{field}");
    let env_name = format!("{app_key}_PRIVATE_KEY");
    let pem = match (pem, file) {
        (Some(pem), _) => pem,
        (None, Some(path)) => std::fs::read_to_string(&path).map_err(|err| {
            ConfigError::new(
                key("private_key_file"),
                format!("cannot read `{path}`: {err}"),
            )
        })?,
        (None, None) => {
            return Err(ConfigError::new(
                key("private_key"),
                format!(
                    "missing: {} needs a private key: set private_key or private_key_file \
                     in the [{app_key}] table, or the {} environment variable",
                    match client_auth {
                        ClientAuth::SignedSecret => "signed_secret",
                        _ => "private_key_jwt",
                    },
                    env_name
                ),
            ));
        }
    };
    refuse_placeholder(
        &key("private_key"),
        &pem,
        Expected::ClientSecret { provider: title },
        &env_name,
    )?;
    SigningKey::from_pem(&pem, assertion.algorithm)
        .map_err(|err| ConfigError::new(key("private_key"), err.to_string()))
}
