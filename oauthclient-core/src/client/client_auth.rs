//! How one token, refresh or revocation request authenticates the client: a secret (form
//! body or HTTP Basic), nothing (a public client), or a JWT made for this request alone
//! (RFC 7523 §2.2 `client_secret_jwt` / `private_key_jwt`, or Apple's signed `client_secret`).
//!
//! Each request gets a new JWT: a fresh `jti` (providers refuse a replayed one, e.g.
//! oidc-provider's replay detection) and `exp = iat + lifetime` from the clock.

use hmac::{Hmac, Mac as _};
use jose_b64::base64ct::{Base64UrlUnpadded, Encoding as _};
use jose_jws::Protected;
use serde::Serialize;
use sha2::Sha256;
use url::Url;

use crate::clock::Clock;
use crate::config::{
    AssertionAudience, AssertionIssuer, ClientAssertion, ClientAuth, JwsAlgorithm, Protocol,
    RemoteApp,
};
use crate::error::OAuthError;
use crate::secret::ClientSecret;

/// The `client_assertion_type` of RFC 7523 §2.2.
pub const JWT_BEARER_ASSERTION_TYPE: &str =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The client authentication of one request. `Debug` redacts the secret and the assertion.
pub struct TokenRequestAuth {
    basic: bool,
    secret: Option<ClientSecret>,
    extra: Vec<(&'static str, ClientSecret)>,
}

impl std::fmt::Debug for TokenRequestAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRequestAuth")
            .field("basic", &self.basic)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field(
                "extra",
                &self.extra.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl TokenRequestAuth {
    /// Whether the client id and secret go in HTTP Basic (else in the form body).
    pub fn basic(&self) -> bool {
        self.basic
    }

    /// The `client_secret` to send, if any (for `signed_secret`, the JWT).
    pub fn secret(&self) -> Option<&ClientSecret> {
        self.secret.as_ref()
    }

    /// Further form fields: `client_assertion_type` and `client_assertion` for the JWT
    /// methods.
    pub fn extra_params(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.extra
            .iter()
            .map(|(name, value)| (*name, value.expose_secret()))
    }
}

/// The authentication of a request to `endpoint` (the token or revocation endpoint) of
/// `app`, whose issuer (discovered or configured) is `issuer`.
///
/// Fails with [`OAuthError::ClientError`] for an OAuth1 app or a JWT method whose key is
/// missing (the configuration checks both at load).
pub fn token_request_auth(
    app: &RemoteApp,
    endpoint: &Url,
    issuer: Option<&str>,
    clock: &dyn Clock,
) -> Result<TokenRequestAuth, OAuthError> {
    let Protocol::OAuth2(params) = &app.protocol else {
        return Err(client_error(app, "an OAuth1 app has no token endpoint"));
    };
    let secret = || ClientSecret::new(app.credentials.consumer_secret.expose_secret());
    let (basic, secret, extra) = match params.client_auth {
        ClientAuth::RequestBody => (false, Some(secret()), Vec::new()),
        ClientAuth::Basic => (true, Some(secret()), Vec::new()),
        ClientAuth::None => (false, None, Vec::new()),
        method @ (ClientAuth::ClientSecretJwt
        | ClientAuth::PrivateKeyJwt
        | ClientAuth::SignedSecret) => {
            let assertion = params.client_assertion.as_ref().ok_or_else(|| {
                client_error(app, "a JWT client_auth without client_assertion settings")
            })?;
            let jwt = ClientSecret::new(signed_jwt(
                app,
                assertion,
                method,
                endpoint,
                issuer,
                clock.now(),
            )?);
            if method == ClientAuth::SignedSecret {
                (false, Some(jwt), Vec::new())
            } else {
                let kind = ClientSecret::new(JWT_BEARER_ASSERTION_TYPE);
                (
                    false,
                    None,
                    vec![("client_assertion_type", kind), ("client_assertion", jwt)],
                )
            }
        }
    };
    Ok(TokenRequestAuth {
        basic,
        secret,
        extra,
    })
}

/// The claims of a client assertion (RFC 7523 §3); `jti` and `nbf` are left out of Apple's
/// signed secret, whose documented claim set has neither.
#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
}

fn signed_jwt(
    app: &RemoteApp,
    assertion: &ClientAssertion,
    method: ClientAuth,
    endpoint: &Url,
    issuer: Option<&str>,
    now: u64,
) -> Result<String, OAuthError> {
    let credentials = &app.credentials;
    let endpoint = as_written(endpoint);
    let audience = match &assertion.audience {
        AssertionAudience::Issuer => issuer.unwrap_or(endpoint),
        AssertionAudience::TokenEndpoint => endpoint,
        AssertionAudience::Literal(audience) => audience.as_str(),
    };
    let jwt_issuer = match &assertion.issuer {
        AssertionIssuer::ClientId => credentials.consumer_key.as_str(),
        AssertionIssuer::TeamId => credentials
            .team_id
            .as_deref()
            .ok_or_else(|| client_error(app, "issuer = \"{team_id}\" without a team_id"))?,
        AssertionIssuer::Literal(literal) => literal.as_str(),
    };
    let per_request = method != ClientAuth::SignedSecret;
    let claims = Claims {
        iss: jwt_issuer,
        sub: &credentials.consumer_key,
        aud: audience,
        iat: now,
        exp: now.saturating_add(assertion.lifetime),
        nbf: per_request.then_some(now),
        jti: per_request.then(random_jti),
    };

    let mut header = Protected::default();
    header.oth.alg = Some(assertion.algorithm.jws());
    header.oth.kid.clone_from(&credentials.key_id);
    header.oth.typ = Some(assertion.typ.clone());
    if assertion.x5t_s256 {
        header.oth.x5t.s256 = credentials.certificate_sha256.map(Into::into);
    }
    let header = jose_b64::serde::Json::<Protected>::new(header)
        .map_err(|err| client_error(app, &format!("cannot encode the JWT header: {err}")))?;
    let claims = serde_json::to_vec(&claims)
        .map_err(|err| client_error(app, &format!("cannot encode the JWT claims: {err}")))?;
    let signing_input = format!(
        "{}.{}",
        Base64UrlUnpadded::encode_string(header.as_ref()),
        Base64UrlUnpadded::encode_string(&claims)
    );
    let signature = if assertion.algorithm == JwsAlgorithm::Hs256 {
        let mut mac = <Hmac<Sha256> as hmac::digest::KeyInit>::new_from_slice(
            credentials.consumer_secret.expose_secret().as_bytes(),
        )
        .map_err(|_| client_error(app, "client_secret_jwt needs a client secret"))?;
        mac.update(signing_input.as_bytes());
        mac.finalize().into_bytes().to_vec()
    } else {
        let key = credentials
            .signing_key
            .as_ref()
            .ok_or_else(|| client_error(app, "a private-key client_auth without a private key"))?;
        key.sign(signing_input.as_bytes())
            .map_err(|err| client_error(app, &err.to_string()))?
    };
    Ok(format!(
        "{signing_input}.{}",
        Base64UrlUnpadded::encode_string(&signature)
    ))
}

/// 128 random bits, base64url: never repeats in practice, so each assertion is single-use.
fn random_jti() -> String {
    let mut bytes = [0_u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    Base64UrlUnpadded::encode_string(&bytes)
}

/// A URL as providers spell it: `Url` gives a bare origin a trailing `/` that an issuer
/// (`https://appleid.apple.com`) does not have, and `aud` is compared exactly.
pub(crate) fn as_written(url: &Url) -> &str {
    let text = url.as_str();
    if url.path() == "/" && url.query().is_none() && url.fragment().is_none() {
        text.strip_suffix('/').unwrap_or(text)
    } else {
        text
    }
}

fn client_error(app: &RemoteApp, message: &str) -> OAuthError {
    OAuthError::ClientError {
        remote: app.name.clone(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests;
