//! Who the user is, from the validated ID token claims ([`OidcAccountInfo`], the provider's
//! default) or also from the userinfo endpoint ([`OidcUserInfo`], named `oidc:userinfo`).

use async_trait::async_trait;
use oauthclient_core::account::ExternalId;
use oauthclient_core::handlers::{AccountInfoHandler, ApiRequest, ProviderContext};
use oauthclient_core::{AccountInfo, OAuthError, Token};
use serde_json::Value;

/// Which claims fill which [`AccountInfo`] field. The defaults are the standard claims;
/// a provider that names them differently gets its own mapping in a handler instance the
/// host registers under a name of its own (and names in `signup_handler.info`):
///
/// ```
/// use std::sync::Arc;
/// use oauthclient_core::registry::{Handler, Registry};
/// use oauthclient_oidc::{ClaimMapping, OidcAccountInfo};
///
/// let staff_directory = OidcAccountInfo::with_mapping(ClaimMapping { username: "uid".into(), ..ClaimMapping::default() });
/// let mut registry = Registry::from_inventory()?;
/// registry.add_handler("myapp:staff_account_info", Handler::AccountInfo(Arc::new(staff_directory)))?;
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimMapping {
    /// The stable subject identifier (`sub`); compared byte for byte.
    pub external_id: String,
    /// The e-mail address (`email`).
    pub email: String,
    /// Whether the provider verified it (`email_verified`); an e-mail without `true` here is
    /// never used to link to an existing account.
    pub email_verified: String,
    /// The username (`preferred_username`).
    pub username: String,
    /// The display name (`name`).
    pub full_name: String,
}

impl Default for ClaimMapping {
    /// The OpenID Connect standard claims.
    ///
    /// ```
    /// assert_eq!(oauthclient_oidc::ClaimMapping::default().external_id, "sub");
    /// ```
    fn default() -> Self {
        Self {
            external_id: "sub".into(),
            email: "email".into(),
            email_verified: "email_verified".into(),
            username: "preferred_username".into(),
            full_name: "name".into(),
        }
    }
}

impl ClaimMapping {
    /// The account of `app` these claims describe.
    ///
    /// ```
    /// use oauthclient_oidc::ClaimMapping;
    /// let claims = serde_json::json!({"sub": "248289761001", "email": "jane@example.org", "email_verified": false});
    /// let info = ClaimMapping::default().account_info("keycloak", &claims)?;
    /// assert_eq!(info.external_id.as_str(), "248289761001");
    /// assert_eq!(info.email.as_deref(), Some("jane@example.org"));
    /// assert!(!info.email_verified); // unverified: never links to an existing account by e-mail
    /// # Ok::<(), oauthclient_core::OAuthError>(())
    /// ```
    pub fn account_info(&self, app: &str, claims: &Value) -> Result<AccountInfo, OAuthError> {
        let text = |claim: &str| {
            claims
                .get(claim)
                .and_then(Value::as_str)
                .filter(|value| !value.is_empty())
        };
        let subject = text(&self.external_id).ok_or_else(|| OAuthError::InvalidResponse {
            remote: app.to_owned(),
            reason: format!("the claims have no `{}`", self.external_id),
        })?;
        let mut info = AccountInfo::new(ExternalId::new(subject), app);
        if let Some(email) = text(&self.email) {
            // Only a JSON `true` counts (some providers send the string "true"; OIDC Core
            // §5.1 says boolean).
            let verified = claims.get(&self.email_verified) == Some(&Value::Bool(true));
            info = info.with_email(email, verified);
        }
        if let Some(username) = text(&self.username) {
            info = info.with_username(username);
        }
        if let Some(name) = text(&self.full_name) {
            info = info.with_full_name(name);
        }
        Ok(info)
    }
}

/// [`crate::Oidc`]'s account info: the account from the ID token's validated claims (no
/// extra request).
///
/// ```
/// use oauthclient_core::registry::Provider;
/// assert!(oauthclient_oidc::Oidc.account_info().is_some());
/// ```
#[derive(Debug, Clone, Default)]
pub struct OidcAccountInfo {
    mapping: ClaimMapping,
}

impl OidcAccountInfo {
    /// With another claim mapping.
    ///
    /// ```
    /// use oauthclient_oidc::{ClaimMapping, OidcAccountInfo};
    /// let _handler = OidcAccountInfo::with_mapping(ClaimMapping { full_name: "displayName".into(), ..ClaimMapping::default() });
    /// ```
    pub fn with_mapping(mapping: ClaimMapping) -> Self {
        Self { mapping }
    }
}

#[async_trait]
impl AccountInfoHandler for OidcAccountInfo {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        self.mapping
            .account_info(ctx.app, id_token_claims(ctx.app, token)?)
    }
}

/// Named `oidc:userinfo` ([`crate::USERINFO`]): the ID token's claims completed by the
/// userinfo endpoint (for providers
/// that keep e-mail or name out of the ID token). The userinfo `sub` must be the ID token's
/// (OIDC Core §5.3.2), else the answer is refused.
///
/// ```
/// use oauthclient_core::{Registry, registry::HandlerKind};
/// use oauthclient_oidc as _;
/// let registry = Registry::from_inventory()?;
/// assert!(registry.has_handler(HandlerKind::AccountInfo, "oidc:userinfo"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct OidcUserInfo {
    mapping: ClaimMapping,
}

#[async_trait]
impl AccountInfoHandler for OidcUserInfo {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        let mut claims = id_token_claims(ctx.app, token)?.clone();
        let Some(endpoint) = token.extra.get("userinfo_endpoint").and_then(Value::as_str) else {
            return self.mapping.account_info(ctx.app, &claims);
        };
        let response = ctx
            .api
            .send(ApiRequest::get(endpoint).with_token(token.clone()))
            .await?;
        let userinfo: Value = response.json(ctx.app)?;
        if userinfo.get("sub") != claims.get("sub") {
            return Err(OAuthError::InvalidResponse {
                remote: ctx.app.to_owned(),
                reason: "the userinfo `sub` is not the ID token's".into(),
            });
        }
        if let (Some(target), Some(source)) = (claims.as_object_mut(), userinfo.as_object()) {
            for (name, value) in source {
                target.insert(name.clone(), value.clone());
            }
        }
        self.mapping.account_info(ctx.app, &claims)
    }
}

fn id_token_claims<'a>(app: &str, token: &'a Token) -> Result<&'a Value, OAuthError> {
    token
        .extra
        .get("id_token_claims")
        .ok_or_else(|| OAuthError::ClientError {
            remote: app.to_owned(),
            message:
                "no validated ID token claims: the app must use `provider = \"oidc\"` (its protocol)"
                    .into(),
        })
}
