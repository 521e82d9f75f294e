//! Validating the ID token of a token response (OpenID Connect Core §3.1.3.7): signature
//! against the provider's keys with an algorithm allow-list, `iss`, `aud`, `exp`/`iat` with a
//! small leeway, the flow's `nonce`, and `at_hash` when present.

use chrono::{TimeDelta, Utc};
use oauthclient_core::OAuthError;
use oauthclient_core::state::StateError;
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AccessToken, AccessTokenHash, ClaimsVerificationError, ClientId, IssuerUrl, Nonce,
    SignatureVerificationError,
};

/// Signature algorithms an ID token may use: asymmetric only. `HS*` would make the client
/// secret a signing key (anyone who holds it could mint ID tokens), and `none` is never
/// acceptable.
pub const ALLOWED_ALGORITHMS: [CoreJwsSigningAlgorithm; 9] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha384,
    CoreJwsSigningAlgorithm::RsaSsaPssSha512,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
    CoreJwsSigningAlgorithm::EdDsa,
];

/// Clock difference tolerated between us and the provider, in seconds.
pub const LEEWAY_SECS: i64 = 60;

/// Why an ID token was not accepted.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// No key of the set matches the token's `kid` (or, without a `kid`, its algorithm): the
    /// provider may have rotated its keys since they were fetched, so fetching them again can
    /// help (OpenID Connect Core §10.1.1).
    UnknownKey,
    /// Refused for good: fetching the keys again would not change the answer.
    Refused(OAuthError),
}

/// The checks `openidconnect` offers for `client_id` at `issuer`, with `keys`, configured:
/// algorithm allow-list and leeway. Built without the client secret: only asymmetric
/// algorithms are allowed, so the secret is never a verification key.
pub(crate) fn verifier(
    client_id: ClientId,
    issuer: IssuerUrl,
    keys: CoreJsonWebKeySet,
) -> CoreIdTokenVerifier<'static> {
    let leeway = TimeDelta::seconds(LEEWAY_SECS);
    CoreIdTokenVerifier::new_public_client(client_id, issuer, keys)
        .set_allowed_algs(ALLOWED_ALGORITHMS)
        // `exp` is compared with "now"; a clock slightly ahead of the provider's would
        // refuse fresh tokens.
        .set_time_fn(move || Utc::now() - leeway)
        .set_issue_time_verifier_fn(move |issued| {
            if issued > Utc::now() + leeway {
                Err(format!("issued in the future ({issued})"))
            } else {
                Ok(())
            }
        })
}

/// The validated claims of `id_token`, which must carry `nonce`.
pub(crate) fn validate<'a>(
    remote: &str,
    id_token: &'a CoreIdToken,
    verifier: &CoreIdTokenVerifier<'_>,
    nonce: &Nonce,
    access_token: &AccessToken,
) -> Result<&'a CoreIdTokenClaims, Refusal> {
    let invalid = |reason: String| {
        Refusal::Refused(OAuthError::InvalidResponse {
            remote: remote.to_owned(),
            reason: format!("the ID token was refused: {reason}"),
        })
    };
    let claims = id_token.claims(verifier, nonce).map_err(|err| match err {
        // Another flow's ID token (or an injected one): the same class as a foreign state.
        ClaimsVerificationError::InvalidNonce(_) => {
            tracing::warn!(remote, "refused an ID token whose nonce is not this flow's");
            Refusal::Refused(OAuthError::InvalidState(StateError::ForeignResponse))
        }
        ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        ) => Refusal::UnknownKey,
        other => invalid(other.to_string()),
    })?;
    // `openidconnect` leaves `at_hash` to the caller: it binds the access token to the ID
    // token, so a substituted access token is caught.
    if let Some(expected) = claims.access_token_hash() {
        let algorithm = id_token
            .signing_alg()
            .map_err(|err| invalid(err.to_string()))?;
        let key = id_token
            .signing_key(verifier)
            .map_err(|err| invalid(err.to_string()))?;
        let actual = AccessTokenHash::from_token(access_token, algorithm, key)
            .map_err(|err| invalid(err.to_string()))?;
        if actual != *expected {
            return Err(invalid("at_hash does not match the access token".into()));
        }
    }
    Ok(claims)
}
