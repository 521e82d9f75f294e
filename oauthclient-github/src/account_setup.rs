//! [`GitHubAccountSetup`]: what to keep on a newly linked GitHub account.

use async_trait::async_trait;
use oauthclient_core::handlers::{AccountSetupHandler, ProviderContext};
use oauthclient_core::{AccountInfo, OAuthError, Token};

/// The seed's `github:account_setup` ([`crate::GitHub`]'s account setup): stores `{"login": <login>, "id": <numeric id>}` as the
/// remote account's `extra_data`, from what [`crate::GitHubAccountInfo`] already learned (no
/// second API call). Core links the identity (`github`, id) in the same step.
///
/// ```
/// # use oauthclient_core::handlers::{AccountSetupHandler, ProviderContext};
/// # use oauthclient_core::{AccountInfo, ExternalId, Token, secret::AccessToken};
/// # async fn example(ctx: &ProviderContext<'_>) -> Result<(), oauthclient_core::OAuthError> {
/// use oauthclient_github::GitHubAccountSetup;
///
/// let info = AccountInfo::new(ExternalId::new("583231"), "github").with_username("octocat");
/// let token = Token::bearer(AccessToken::new("gho_example"));
/// let extra = GitHubAccountSetup.account_setup(ctx, &token, &info).await?;
/// assert_eq!(extra, serde_json::json!({"login": "octocat", "id": 583231}));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct GitHubAccountSetup;

#[async_trait]
impl AccountSetupHandler for GitHubAccountSetup {
    async fn account_setup(
        &self,
        _ctx: &ProviderContext<'_>,
        _token: &Token,
        info: &AccountInfo,
    ) -> Result<serde_json::Value, OAuthError> {
        Ok(extra_data(info))
    }
}

/// `{"login", "id"}`; the id as the number GitHub uses (as a string if it somehow is not one).
fn extra_data(info: &AccountInfo) -> serde_json::Value {
    let id = info.external_id.as_str().parse::<u64>().map_or_else(
        |_| serde_json::json!(info.external_id),
        serde_json::Value::from,
    );
    serde_json::json!({"login": info.username, "id": id})
}

#[cfg(test)]
mod tests {
    use super::*;
    use oauthclient_core::ExternalId;

    #[test]
    fn login_and_numeric_id() {
        let info = AccountInfo::new(ExternalId::new("583231"), "github").with_username("octocat");
        assert_eq!(
            extra_data(&info),
            serde_json::json!({"login": "octocat", "id": 583_231})
        );
        let odd = AccountInfo::new(ExternalId::new("x1"), "github");
        assert_eq!(
            extra_data(&odd),
            serde_json::json!({"login": null, "id": "x1"})
        );
    }
}
