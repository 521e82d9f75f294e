//! The provider's discovery document (`/.well-known/openid-configuration`), fetched through
//! core's HTTP client, checked (the issuer is exactly the configured one, every endpoint we
//! use is https or loopback http) and cached for a while. Its keys are in [`crate::jwks`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oauthclient_core::OAuthError;
use oauthclient_core::client::HttpClient;
use oauthclient_core::config::parse_endpoint;
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::http::{Method, Request, header};
use openidconnect::{
    AdditionalProviderMetadata, EndSessionUrl, IssuerUrl, ProviderMetadata, TokenUrl, UserInfoUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

/// How long a discovery document (and its JWKS) is trusted before it is fetched again. A
/// provider that rotates its signing key is picked up at once anyway: an ID token signed by a
/// key we do not have makes us fetch the keys again (see [`crate::JWKS_REFETCH_INTERVAL`]).
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

/// How many issuers' documents one [`Discovery`] keeps. One protocol value may serve several
/// apps (a named protocol handler picked by each), normally a handful of issuers; the bound
/// only keeps a misconfiguration from growing the map without end.
const MAX_ISSUERS: usize = 32;

/// Discovery documents, one per issuer, each cached for [`DISCOVERY_TTL`]. Keyed by issuer
/// because one protocol value may serve apps at different issuers: a single slot handed one
/// app the other's document, so its code and client secret went to the other's token
/// endpoint.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    cached: Mutex<HashMap<String, (Instant, Arc<Metadata>)>>,
}

impl Discovery {
    /// The metadata of `issuer`, from the cache while it is fresh. With a multi-tenant
    /// `template` (`…/{tenantid}/…`), a document naming the template as its issuer is also
    /// accepted (Entra's `common` and `organizations` documents do).
    pub(crate) async fn metadata(
        &self,
        remote: &str,
        http: &HttpClient,
        issuer: &Url,
        template: Option<&str>,
    ) -> Result<Arc<Metadata>, OAuthError> {
        let key = issuer_string(issuer);
        if let Some(metadata) = self.fresh(&key, template) {
            return Ok(metadata);
        }
        let metadata = Arc::new(discover(remote, http, issuer, template).await?);
        if let Ok(mut cached) = self.cached.lock() {
            if cached.len() >= MAX_ISSUERS && !cached.contains_key(&key) {
                cached.retain(|_, (fetched, _)| fetched.elapsed() < DISCOVERY_TTL);
            }
            if cached.len() >= MAX_ISSUERS && !cached.contains_key(&key) {
                // Still full of fresh documents: the oldest goes (it is fetched again when
                // next needed).
                let oldest = cached
                    .iter()
                    .min_by_key(|(_, (fetched, _))| *fetched)
                    .map(|(issuer, _)| issuer.clone());
                if let Some(oldest) = oldest {
                    cached.remove(&oldest);
                }
            }
            cached.insert(key, (Instant::now(), metadata.clone()));
        }
        Ok(metadata)
    }

    fn fresh(&self, issuer: &str, template: Option<&str>) -> Option<Arc<Metadata>> {
        let cached = self.cached.lock().ok()?;
        let (fetched, metadata) = cached.get(issuer)?;
        // `discover` checked that the document names this issuer; checked again here so a
        // document can never be served for another issuer's key.
        (fetched.elapsed() < DISCOVERY_TTL && names_issuer(metadata, issuer, template))
            .then(|| metadata.clone())
    }
}

/// Whether the document's `issuer` is `issuer`, or the multi-tenant `template` itself.
fn names_issuer(metadata: &Metadata, issuer: &str, template: Option<&str>) -> bool {
    let named = metadata.issuer().as_str();
    named == issuer || template.is_some_and(|template| named == template)
}

async fn discover(
    remote: &str,
    http: &HttpClient,
    issuer: &Url,
    template: Option<&str>,
) -> Result<Metadata, OAuthError> {
    let failed = |reason: String| OAuthError::InvalidResponse {
        remote: remote.to_owned(),
        reason: format!("OpenID Connect discovery failed: {reason}"),
    };
    let expected = issuer_string(issuer);
    let url = IssuerUrl::new(expected.clone())
        .and_then(|issuer| issuer.join(".well-known/openid-configuration"))
        .map_err(|err| OAuthError::ClientError {
            remote: remote.to_owned(),
            message: format!("bad issuer: {err}"),
        })?;
    let request = Request::builder()
        .method(Method::GET)
        .uri(url.as_str())
        .header(header::ACCEPT, "application/json")
        .body(Vec::new())
        .map_err(|err| failed(err.to_string()))?;
    // Fetched here rather than by `openidconnect`'s `discover_async`, which downloads the
    // `jwks_uri` before we could check that it is https.
    let response = http
        .oauth2_call(request)
        .await
        .map_err(|err| failed(err.to_string()))?;
    if response.status() != 200 {
        return Err(failed(format!(
            "HTTP status {} at {url}",
            response.status()
        )));
    }
    let metadata: Metadata = serde_json::from_slice(response.body())
        .map_err(|err| failed(format!("not a discovery document: {err}")))?;
    check(&expected, template, &metadata).map_err(failed)?;
    Ok(metadata)
}

/// What discovery must satisfy before any of it is used:
/// - `issuer` is exactly the configured issuer (OpenID Connect Discovery §4.3: a document
///   naming another issuer is a mix-up or an impersonation), or for a multi-tenant app the
///   configured template (`…/{tenantid}/…`, which each ID token then fills with its `tid`);
/// - every endpoint we use is https, or http on a loopback host: the same rule as configured
///   endpoints ([`parse_endpoint`]), since a discovered `token_endpoint` receives the client
///   secret and the code, and a `jwks_uri` decides which signatures we trust.
pub(crate) fn check(
    expected_issuer: &str,
    template: Option<&str>,
    metadata: &Metadata,
) -> Result<(), String> {
    let issuer = metadata.issuer().as_str();
    if !names_issuer(metadata, expected_issuer, template) {
        return Err(format!(
            "the document's `issuer` is `{issuer}`, not the configured `{expected_issuer}`"
        ));
    }
    let optional = [
        (
            "token_endpoint",
            metadata.token_endpoint().map(TokenUrl::url),
        ),
        (
            "userinfo_endpoint",
            metadata.userinfo_endpoint().map(UserInfoUrl::url),
        ),
        (
            "end_session_endpoint",
            metadata
                .additional_metadata()
                .end_session_endpoint
                .as_ref()
                .map(EndSessionUrl::url),
        ),
    ];
    let required = [
        (
            "authorization_endpoint",
            metadata.authorization_endpoint().url(),
        ),
        ("jwks_uri", metadata.jwks_uri().url()),
    ];
    let endpoints = required.into_iter().chain(
        optional
            .into_iter()
            .filter_map(|(field, url)| Some((field, url?))),
    );
    for (field, url) in endpoints {
        parse_endpoint(field, url.as_str())
            .map_err(|err| format!("discovered `{field}`: {}", err.message))?;
    }
    Ok(())
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
    use super::{Metadata, check, issuer_string};

    /// A discovery document of `issuer` with `overrides` applied to its fields.
    fn document(issuer: &str, overrides: &[(&str, &str)]) -> Metadata {
        let mut document = serde_json::json!({
            "issuer": issuer,
            "authorization_endpoint": format!("{issuer}/auth"),
            "token_endpoint": format!("{issuer}/token"),
            "userinfo_endpoint": format!("{issuer}/me"),
            "jwks_uri": format!("{issuer}/jwks"),
            "end_session_endpoint": format!("{issuer}/session/end"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        });
        for (field, value) in overrides {
            document[*field] = (*value).into();
        }
        serde_json::from_value(document).expect("a discovery document")
    }

    #[test]
    fn https_endpoints_are_accepted() {
        let issuer = "https://idp.example/realms/staff";
        assert_eq!(check(issuer, None, &document(issuer, &[])), Ok(()));
    }

    #[test]
    fn loopback_http_endpoints_are_accepted() {
        for issuer in [
            "http://127.0.0.1:8080",
            "http://127.3.4.5",
            "http://[::1]:9000",
            "http://localhost:3000/realms/dev",
        ] {
            assert_eq!(
                check(issuer, None, &document(issuer, &[])),
                Ok(()),
                "{issuer}"
            );
        }
    }

    #[test]
    fn a_plain_http_endpoint_off_loopback_is_refused_naming_the_field() {
        let issuer = "https://idp.example";
        for field in [
            "authorization_endpoint",
            "token_endpoint",
            "userinfo_endpoint",
            "jwks_uri",
            "end_session_endpoint",
        ] {
            let evil = document(issuer, &[(field, "http://evil.example/token")]);
            let err = check(issuer, None, &evil).expect_err(field);
            assert!(
                err.starts_with(&format!(
                    "discovered `{field}`: `http://evil.example/token`"
                )),
                "{err}"
            );
            assert!(err.contains("must use https"), "{err}");
        }
        // A loopback issuer does not make other hosts acceptable over http.
        let issuer = "http://127.0.0.1:8080";
        let evil = document(issuer, &[("token_endpoint", "http://evil.example/token")]);
        assert!(check(issuer, None, &evil).is_err());
    }

    #[test]
    fn other_schemes_are_refused() {
        let issuer = "https://idp.example";
        let evil = document(issuer, &[("jwks_uri", "file:///etc/passwd")]);
        let err = check(issuer, None, &evil).expect_err("file scheme");
        assert!(err.starts_with("discovered `jwks_uri`"), "{err}");
    }

    #[test]
    fn the_issuer_must_be_the_configured_one_exactly() {
        let configured = "https://idp.example/realms/staff";
        for other in [
            "https://idp.example/realms/staff/",
            "https://idp.example/realms/other",
            "https://IDP.example/realms/staff",
            "https://evil.example/realms/staff",
        ] {
            let err = check(configured, None, &document(other, &[])).expect_err(other);
            assert!(err.contains("`issuer`"), "{err}");
        }
    }

    #[test]
    fn a_multi_tenant_document_may_name_the_template_and_nothing_else() {
        let configured = "https://login.example/common/v2.0";
        let template = Some("https://login.example/{tenantid}/v2.0");
        // Entra's `common` document names the template, a tenant's document the tenant.
        let named_template = document("https://login.example/{tenantid}/v2.0", &[]);
        assert_eq!(check(configured, template, &named_template), Ok(()));
        assert_eq!(
            check(configured, template, &document(configured, &[])),
            Ok(())
        );
        assert!(check(configured, None, &named_template).is_err());
        for other in [
            "https://login.example/other/v2.0",
            "https://evil.example/{tenantid}/v2.0",
        ] {
            assert!(
                check(configured, template, &document(other, &[])).is_err(),
                "{other}"
            );
        }
    }

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
