//! The provider's discovery document (`/.well-known/openid-configuration`) and its keys,
//! fetched through core's HTTP client and cached for a while.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oauthclient_core::OAuthError;
use oauthclient_core::client::HttpClient;
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{AdditionalProviderMetadata, EndSessionUrl, IssuerUrl, ProviderMetadata};
use serde::{Deserialize, Serialize};
use url::Url;

/// How long a discovery document (and its JWKS) is trusted before it is fetched again; a
/// provider that rotates its signing key is picked up within this time.
pub const DISCOVERY_TTL: Duration = Duration::from_secs(10 * 60);

/// Discovery fields `openidconnect`'s core metadata does not model.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExtraMetadata {
    /// RP-Initiated Logout 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_session_endpoint: Option<EndSessionUrl>,
    /// RFC 9207: the provider puts `iss` in every authorization response.
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
}

impl AdditionalProviderMetadata for ExtraMetadata {}

/// A provider's metadata, as discovered.
pub type Metadata = ProviderMetadata<
    ExtraMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// One issuer's discovery document, cached for [`DISCOVERY_TTL`].
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    cached: Mutex<Option<(Instant, Arc<Metadata>)>>,
}

impl Discovery {
    /// The metadata of `issuer`, from the cache while it is fresh.
    pub(crate) async fn metadata(
        &self,
        remote: &str,
        http: &HttpClient,
        issuer: &Url,
    ) -> Result<Arc<Metadata>, OAuthError> {
        if let Some(metadata) = self.fresh() {
            return Ok(metadata);
        }
        let metadata = Arc::new(discover(remote, http, issuer).await?);
        if let Ok(mut cached) = self.cached.lock() {
            *cached = Some((Instant::now(), metadata.clone()));
        }
        Ok(metadata)
    }

    fn fresh(&self) -> Option<Arc<Metadata>> {
        let cached = self.cached.lock().ok()?;
        let (fetched, metadata) = cached.as_ref()?;
        (fetched.elapsed() < DISCOVERY_TTL).then(|| metadata.clone())
    }
}

async fn discover(remote: &str, http: &HttpClient, issuer: &Url) -> Result<Metadata, OAuthError> {
    let issuer = IssuerUrl::new(issuer_string(issuer)).map_err(|err| OAuthError::ClientError {
        remote: remote.to_owned(),
        message: format!("bad issuer: {err}"),
    })?;
    let http = http.clone();
    let call = move |request| {
        let http = http.clone();
        async move { http.oauth2_call(request).await }
    };
    Metadata::discover_async(issuer, &call)
        .await
        .map_err(|err| OAuthError::InvalidResponse {
            remote: remote.to_owned(),
            reason: format!("OpenID Connect discovery failed: {err}"),
        })
}

/// The issuer as the provider spells it: `Url` writes a bare origin with a trailing `/`,
/// which issuers (`https://accounts.google.com`) do not have; discovery compares exactly.
pub(crate) fn issuer_string(issuer: &Url) -> String {
    let text = issuer.as_str();
    if issuer.path() == "/" && issuer.query().is_none() {
        text.trim_end_matches('/').to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::issuer_string;

    #[test]
    fn issuers_keep_their_spelling() {
        let parse = |raw: &str| url::Url::parse(raw).expect("url");
        assert_eq!(
            issuer_string(&parse("https://accounts.google.com")),
            "https://accounts.google.com"
        );
        assert_eq!(
            issuer_string(&parse("https://kc.example/realms/demo")),
            "https://kc.example/realms/demo"
        );
        assert_eq!(
            issuer_string(&parse("https://gitlab.example/")),
            "https://gitlab.example"
        );
    }
}
