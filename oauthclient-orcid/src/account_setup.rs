//! [`OrcidAccountSetup`]: what to keep on a newly linked ORCID account.

use async_trait::async_trait;
use oauthclient_core::handlers::{AccountSetupHandler, ProviderContext};
use oauthclient_core::{AccountInfo, OAuthError, Token};

/// The seed's `orcid:account_setup` ([`crate::Orcid`]'s account setup): stores `{"orcid": <iD>, "full_name": <name or null>}` as
/// the remote account's `extra_data`. Core links the identity (method = the app name, id = the
/// iD) in the same step.
///
/// ```
/// # use oauthclient_core::handlers::{AccountSetupHandler, ProviderContext};
/// # use oauthclient_core::{AccountInfo, ExternalId, Token, secret::AccessToken};
/// # async fn example(ctx: &ProviderContext<'_>) -> Result<(), oauthclient_core::OAuthError> {
/// use oauthclient_orcid::OrcidAccountSetup;
///
/// let info = AccountInfo::new(ExternalId::new("0000-0001-2345-6789"), "orcid").with_full_name("Sofia Garcia");
/// let token = Token::bearer(AccessToken::new("orcid-access-token"));
/// let extra = OrcidAccountSetup.account_setup(ctx, &token, &info).await?;
/// assert_eq!(extra, serde_json::json!({"orcid": "0000-0001-2345-6789", "full_name": "Sofia Garcia"}));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct OrcidAccountSetup;

#[async_trait]
impl AccountSetupHandler for OrcidAccountSetup {
    async fn account_setup(
        &self,
        _ctx: &ProviderContext<'_>,
        _token: &Token,
        info: &AccountInfo,
    ) -> Result<serde_json::Value, OAuthError> {
        Ok(serde_json::json!({
            "orcid": info.external_id,
            "full_name": info.full_name,
        }))
    }
}
