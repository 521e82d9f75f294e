//! [`IssuerTemplate`]: a multi-tenant issuer such as Entra's
//! `https://login.microsoftonline.com/{tenantid}/v2.0`, whose ID tokens each name the user's
//! tenant in `iss` and `tid`.

use url::Url;

use super::ConfigError;
use super::endpoint::endpoint;

/// The one placeholder an issuer may hold.
pub const TENANT_PLACEHOLDER: &str = "{tenantid}";

/// A multi-tenant issuer: the template as written, the tenant whose discovery document is
/// read, and the tenants allowed to sign in.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, Protocol}};
/// let toml = r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [remote_apps.entra]
///     protocol_handler = "oauth2"
///     [remote_apps.entra.params]
///     issuer = "https://login.example/{tenantid}/v2.0"
///     authorize_url = "https://login.example/common/authorize"
///     access_token_url = "https://login.example/common/token"
///     [ENTRA_APP_CREDENTIALS]
///     consumer_key = "client-id"
///     consumer_secret = "client-secret"
/// "#;
/// let config = OAuthClientConfig::from_toml_str(toml, &NoEnv, &Registry::default())?;
/// let Protocol::OAuth2(params) = &config.remote_app("entra").expect("configured").protocol else {
///     panic!("OAuth2");
/// };
/// let template = params.issuer_template.as_ref().expect("a template");
/// assert_eq!(params.issuer.as_ref().map(|url| url.as_str()), Some("https://login.example/common/v2.0"));
/// assert_eq!(template.for_tenant("t1"), "https://login.example/t1/v2.0");
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IssuerTemplate {
    /// The issuer as written, with `{tenantid}`.
    pub template: String,
    /// The tenant discovery starts at (`common` unless configured).
    pub tenant: String,
    /// The tenants (`tid`) allowed to sign in; empty: all.
    pub allowed_tenants: Vec<String>,
}

impl IssuerTemplate {
    /// The issuer of `tenant`'s tokens.
    pub fn for_tenant(&self, tenant: &str) -> String {
        self.template.replace(TENANT_PLACEHOLDER, tenant)
    }

    /// Whether `tenant` may sign in.
    pub fn allows(&self, tenant: &str) -> bool {
        self.allowed_tenants.is_empty() || self.allowed_tenants.iter().any(|t| t == tenant)
    }
}

/// The issuer URL (the template with the tenant) and the template, when `raw` has one.
pub(super) fn issuer(
    prefix: &str,
    raw: &str,
    tenant: Option<&String>,
    allowed_tenants: Option<&Vec<String>>,
) -> Result<(Url, Option<IssuerTemplate>), ConfigError> {
    let key = |name: &str| format!("{prefix}.{name}");
    if !raw.contains(TENANT_PLACEHOLDER) {
        if raw.contains(['{', '}']) {
            return Err(ConfigError::new(
                key("issuer"),
                "{tenantid} is the only placeholder an issuer may hold",
            ));
        }
        if tenant.is_some() || allowed_tenants.is_some() {
            let name = if tenant.is_some() {
                "tenant"
            } else {
                "allowed_tenants"
            };
            return Err(ConfigError::new(
                key(name),
                "applies only to an issuer with {tenantid}",
            ));
        }
        return Ok((endpoint(&key("issuer"), raw)?, None));
    }
    let tenant = tenant.cloned().unwrap_or_else(|| "common".to_owned());
    if tenant.is_empty()
        || !tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    {
        return Err(ConfigError::new(
            key("tenant"),
            "must be common, organizations, consumers or a tenant id",
        ));
    }
    let with_tenant = raw.replace(TENANT_PLACEHOLDER, &tenant);
    let url = endpoint(&key("issuer"), &with_tenant)?;
    // Only in the path: a placeholder in the host would let any token name any host.
    let host_end = raw
        .find("://")
        .map(|scheme| scheme + 3)
        .and_then(|start| raw[start..].find('/').map(|slash| start + slash));
    let in_path = host_end.is_some_and(|end| raw.find(TENANT_PLACEHOLDER) > Some(end));
    if !in_path || raw.matches(TENANT_PLACEHOLDER).count() != 1 || with_tenant.contains('{') {
        return Err(ConfigError::new(
            key("issuer"),
            "{tenantid} may appear once, in the path, and is the only placeholder",
        ));
    }
    Ok((
        url,
        Some(IssuerTemplate {
            template: raw.to_owned(),
            tenant,
            allowed_tenants: allowed_tenants.cloned().unwrap_or_default(),
        }),
    ))
}
