//! Validating the ID token of a token response (OpenID Connect Core §3.1.3.7): signature
//! against the provider's keys with an algorithm allow-list, `iss`, `aud`, `exp`/`iat` with a
//! small leeway, the flow's `nonce`, and `at_hash` when present.

use chrono::{DateTime, TimeDelta, Utc};
use oauthclient_core::OAuthError;
use oauthclient_core::state::StateError;
use openidconnect::core::{
    CoreGenderClaim, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AccessToken, AccessTokenHash, AdditionalClaims, ClaimsVerificationError, ClientId, IdToken,
    IdTokenClaims, IssuerUrl, Nonce, SignatureVerificationError,
};
use serde::{Deserialize, Serialize};

/// Every claim of an ID token that is not one of the standard ones `openidconnect` names
/// (`groups`, `tid`, `realm_access`, `cern_roles`, ...): kept, so that account mapping can
/// read them, instead of being dropped as `EmptyAdditionalClaims` would.
#[derive(Debug, Default, Deserialize, Serialize)]
pub(crate) struct OtherClaims(pub(crate) serde_json::Map<String, serde_json::Value>);

impl AdditionalClaims for OtherClaims {}

/// An ID token whose validated claims include every claim it carries.
pub(crate) type FullIdToken = IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// The claims of a [`FullIdToken`]: the standard ones typed, the rest in [`OtherClaims`].
pub(crate) type FullIdTokenClaims = IdTokenClaims<OtherClaims, CoreGenderClaim>;

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
/// algorithm allow-list and leeway, and when the login asked for a `max_age`, an `auth_time`
/// no older than that (OpenID Connect Core §3.1.2.1, §3.1.3.7 item 13). Built without the
/// client secret: only asymmetric algorithms are allowed, so the secret is never a
/// verification key. `exact_issuer = false` is for multi-tenant issuers only, whose `iss` the
/// caller then checks against the template and `tid` ([`crate::tenant::check_tenant`]).
pub(crate) fn verifier(
    client_id: ClientId,
    issuer: IssuerUrl,
    keys: CoreJsonWebKeySet,
    max_age: Option<u64>,
    exact_issuer: bool,
) -> CoreIdTokenVerifier<'static> {
    let leeway = TimeDelta::seconds(LEEWAY_SECS);
    let verifier = CoreIdTokenVerifier::new_public_client(client_id, issuer, keys)
        .require_issuer_match(exact_issuer);
    let verifier = match max_age {
        Some(max_age) => verifier.set_auth_time_verifier_fn(move |auth_time| {
            auth_time_within(auth_time, max_age, Utc::now())
        }),
        None => verifier,
    };
    verifier
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

/// With `max_age` asked for, the ID token must say when the user authenticated, and that
/// must be at most `max_age` seconds (plus the leeway) before `now`: a provider that kept an
/// older session did not do what the login asked.
fn auth_time_within(
    auth_time: Option<DateTime<Utc>>,
    max_age: u64,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let auth_time = auth_time.ok_or_else(|| {
        "the login asked for max_age, but the ID token has no auth_time".to_owned()
    })?;
    let allowed = TimeDelta::seconds(i64::try_from(max_age).unwrap_or(i64::MAX))
        + TimeDelta::seconds(LEEWAY_SECS);
    let elapsed = now - auth_time;
    if elapsed > allowed {
        Err(format!(
            "the user last authenticated {}s ago, longer than the max_age of {max_age}s",
            elapsed.num_seconds()
        ))
    } else {
        Ok(())
    }
}

/// The validated claims of `id_token`, which must carry `nonce`.
pub(crate) fn validate<'a>(
    remote: &str,
    id_token: &'a FullIdToken,
    verifier: &CoreIdTokenVerifier<'_>,
    nonce: &Nonce,
    access_token: &AccessToken,
) -> Result<&'a FullIdTokenClaims, Refusal> {
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

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, Utc};

    use super::{LEEWAY_SECS, auth_time_within};

    #[test]
    fn max_age_needs_a_recent_enough_auth_time() {
        let now = Utc::now();
        let ago = |secs| Some(now - TimeDelta::seconds(secs));
        assert!(auth_time_within(ago(30), 60, now).is_ok());
        assert!(
            auth_time_within(ago(60 + LEEWAY_SECS), 60, now).is_ok(),
            "leeway"
        );
        let stale = auth_time_within(ago(61 + LEEWAY_SECS), 60, now).expect_err("stale");
        assert!(stale.contains("max_age of 60s"), "{stale}");
        assert!(
            auth_time_within(ago(0), 0, now).is_ok(),
            "max_age=0: just now"
        );
        let missing = auth_time_within(None, 60, now).expect_err("missing");
        assert!(missing.contains("no auth_time"), "{missing}");
    }
}
