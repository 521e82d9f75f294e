//! Multi-tenant issuers (Entra's `https://login.microsoftonline.com/{tenantid}/v2.0`): each
//! ID token names the user's tenant in `tid`, and its `iss` must be the template with that
//! tenant filled in. Microsoft: "use the issuer value or the tid claim" rather than the
//! metadata's issuer. `openidconnect`'s exact issuer match is turned off for these apps
//! only, and this check takes its place after signature, `aud`, `exp` and `nonce` passed.

use oauthclient_core::OAuthError;
use oauthclient_core::config::{IssuerTemplate, TENANT_PLACEHOLDER};
use oauthclient_core::secret::constant_time_eq;
use oauthclient_core::state::StateError;

use crate::id_token::FullIdTokenClaims;

/// Whether `value` is a GUID (`8-4-4-4-12` hex digits): what Entra's `tid` is. Anything else
/// (a `/`, a `..`) could make the filled-in issuer point elsewhere.
pub(crate) fn is_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The ID token's `iss` and `tid` against the template: `tid` present and a GUID, `iss` equal
/// to the template with `tid` (constant time), and `tid` among `allowed_tenants` when that
/// list is set.
pub(crate) fn check_tenant(
    remote: &str,
    template: &IssuerTemplate,
    iss: &str,
    tid: Option<&serde_json::Value>,
) -> Result<(), OAuthError> {
    let refused = |reason: &str| OAuthError::InvalidResponse {
        remote: remote.to_owned(),
        reason: format!("the ID token was refused: {reason}"),
    };
    let tid = tid
        .and_then(serde_json::Value::as_str)
        .filter(|tid| is_guid(tid))
        .ok_or_else(|| refused("a multi-tenant issuer's ID token needs a tid (a GUID)"))?;
    let expected = template.for_tenant(tid);
    if !constant_time_eq(expected.as_bytes(), iss.as_bytes()) {
        return Err(refused("the ID token's iss does not match its tid"));
    }
    if !template.allows(tid) {
        tracing::warn!(
            remote,
            "refused a sign-in from a tenant not in allowed_tenants"
        );
        return Err(refused("the user's tenant is not in allowed_tenants"));
    }
    Ok(())
}

/// [`check_tenant`] on validated ID token claims, then RFC 9207: a callback `iss` (which
/// named some tenant's issuer) must be this token's.
pub(crate) fn check_token(
    remote: &str,
    template: &IssuerTemplate,
    claims: &FullIdTokenClaims,
    callback_iss: Option<&str>,
) -> Result<(), OAuthError> {
    let token_iss = claims.issuer().as_str();
    check_tenant(
        remote,
        template,
        token_iss,
        claims.additional_claims().0.get("tid"),
    )?;
    if callback_iss.is_some_and(|iss| !constant_time_eq(iss.as_bytes(), token_iss.as_bytes())) {
        tracing::warn!(remote, "refused a callback whose iss is not the ID token's");
        return Err(StateError::ForeignResponse.into());
    }
    Ok(())
}

/// RFC 9207 for a multi-tenant issuer: a callback's `iss` must be the template with some
/// GUID (which tenant is known only from the ID token, checked after it).
pub(crate) fn iss_fits_template(template: &IssuerTemplate, iss: &str) -> bool {
    let Some((prefix, suffix)) = template.template.split_once(TENANT_PLACEHOLDER) else {
        return false;
    };
    iss.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(is_guid)
}

#[cfg(test)]
mod tests {
    use super::{is_guid, iss_fits_template};
    use oauthclient_core::config::IssuerTemplate;

    #[test]
    fn only_guids_are_tenant_ids() {
        assert!(is_guid("9188040d-6c67-4c5b-b112-36a304b66dad"));
        for not in [
            "",
            "common",
            "9188040d-6c67-4c5b-b112-36a304b66da",
            "9188040d-6c67-4c5b-b112/36a304b66dad",
            "../../evil.example",
            "9188040g-6c67-4c5b-b112-36a304b66dad",
        ] {
            assert!(!is_guid(not), "{not}");
        }
    }

    #[test]
    fn a_callback_iss_must_fill_the_template_with_a_guid() {
        let template = template();
        assert!(iss_fits_template(
            &template,
            "https://login.example/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"
        ));
        for not in [
            "https://login.example/common/v2.0",
            "https://login.example/{tenantid}/v2.0",
            "https://evil.example/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
            "https://login.example/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0/x",
        ] {
            assert!(!iss_fits_template(&template, not), "{not}");
        }
    }

    pub(super) fn template() -> IssuerTemplate {
        let toml = r#"
            secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
            site_url = "https://example.org"
            [remote_apps.entra]
            provider = "oidc"
            [remote_apps.entra.params]
            issuer = "https://login.example/{tenantid}/v2.0"
            [ENTRA_APP_CREDENTIALS]
            consumer_key = "client-id"
            consumer_secret = "client-secret"
        "#;
        let registry = oauthclient_core::Registry::from_inventory().expect("registry");
        let config = oauthclient_core::OAuthClientConfig::from_toml_str(
            toml,
            &oauthclient_core::config::NoEnv,
            &registry,
        )
        .expect("config");
        let oauthclient_core::config::Protocol::OAuth2(params) =
            &config.remote_app("entra").expect("configured").protocol
        else {
            panic!("OAuth2");
        };
        params
            .issuer_template
            .as_deref()
            .cloned()
            .expect("a template")
    }
}
