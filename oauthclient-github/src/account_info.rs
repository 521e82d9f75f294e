//! [`GitHubAccountInfo`]: who signed in, from `GET /user` and `GET /user/emails`.

use async_trait::async_trait;
use oauthclient_core::handlers::{AccountInfoHandler, ApiMethod, ProviderContext};
use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token};

use crate::api::api_request;
use crate::email::{self, EmailEntry};

/// The seed's `github:account_info` ([`crate::GitHub`]'s account info): asks GitHub who the token belongs to.
///
/// | GitHub | [`AccountInfo`] |
/// |---|---|
/// | `GET user` → `id` (a number) | `external_id` (as a string: `"583231"`) |
/// | `GET user` → `login` | `username` |
/// | `GET user` → `name` | `full_name` |
/// | `GET user/emails` → the `primary` address, if `verified` | `email`, `email_verified = true` |
///
/// Only the primary address counts, and only if GitHub verified it: then it may sign in (or
/// link) the local user who owns it. An unverified primary address is never used, nor the
/// public profile `email`, nor secondary addresses: the user has no e-mail and the sign-up form
/// asks for one. The same when the token may not read the addresses (`403`/`404`, e.g. the
/// `user:email` scope was not granted).
///
/// Failures are [`OAuthError::InvalidResponse`]: `GET user` answering anything but `2xx`
/// (`401 Bad credentials` for a revoked token), a body that is not JSON, a missing or
/// non-numeric `id`, or `GET user/emails` failing otherwise.
///
/// ```
/// use oauthclient_core::registry::Provider;
/// use oauthclient_github::GitHubAccountInfo;
///
/// assert!(oauthclient_github::GitHub.account_info().is_some());
/// let _handler = GitHubAccountInfo;
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct GitHubAccountInfo;

#[async_trait]
impl AccountInfoHandler for GitHubAccountInfo {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        let user: serde_json::Value = ctx
            .api
            .send(api_request(ApiMethod::Get, "user").with_token(token.clone()))
            .await?
            .json(ctx.app)?;
        let emails = emails(ctx, token).await?;
        from_api(ctx.app, &user, &emails)
    }
}

/// `GET user/emails`; no addresses when the token may not read them.
async fn emails(ctx: &ProviderContext<'_>, token: &Token) -> Result<Vec<EmailEntry>, OAuthError> {
    let response = ctx
        .api
        .send(api_request(ApiMethod::Get, "user/emails").with_token(token.clone()))
        .await?;
    if matches!(response.status, 403 | 404) {
        tracing::info!(
            app = ctx.app,
            status = response.status,
            "the token cannot read the user's e-mail addresses; the sign-up form will ask"
        );
        return Ok(Vec::new());
    }
    response.json(ctx.app)
}

/// Maps the two answers.
fn from_api(
    app: &str,
    user: &serde_json::Value,
    emails: &[EmailEntry],
) -> Result<AccountInfo, OAuthError> {
    let id = user["id"]
        .as_u64()
        .ok_or_else(|| OAuthError::InvalidResponse {
            remote: app.to_owned(),
            reason: "GET user answered without a numeric id".into(),
        })?;
    let mut info = AccountInfo::new(ExternalId::new(id.to_string()), app);
    if let Some(login) = non_empty(&user["login"]) {
        info = info.with_username(login);
    }
    if let Some(name) = non_empty(&user["name"]) {
        info = info.with_full_name(name);
    }
    if let Some(address) = email::primary_verified(emails) {
        info = info.with_email(address, true);
    }
    Ok(info)
}

fn non_empty(value: &serde_json::Value) -> Option<&str> {
    value.as_str().filter(|text| !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn emails(value: serde_json::Value) -> Vec<EmailEntry> {
        serde_json::from_value(value).expect("entries")
    }

    #[test]
    fn maps_the_documented_shapes() {
        let user = json!({"login": "octocat", "id": 1, "name": "monalisa octocat", "email": "public@example.org"});
        let list =
            emails(json!([{"email": "octocat@github.com", "primary": true, "verified": true}]));
        let info = from_api("github", &user, &list).expect("maps");
        assert_eq!(info.external_id.as_str(), "1");
        assert_eq!(info.external_method, "github");
        assert_eq!(info.username.as_deref(), Some("octocat"));
        assert_eq!(info.full_name.as_deref(), Some("monalisa octocat"));
        assert_eq!(
            info.trusted_email(),
            Some("octocat@github.com"),
            "the public profile e-mail is not used"
        );
    }

    #[test]
    fn a_null_name_and_no_addresses() {
        let user = json!({"login": "octocat", "id": 583_231, "name": null});
        let info = from_api("github", &user, &[]).expect("maps");
        assert_eq!(info.external_id.as_str(), "583231");
        assert!(info.full_name.is_none() && info.email.is_none());
    }

    #[test]
    fn the_id_must_be_a_number() {
        for user in [
            json!({"login": "octocat"}),
            json!({"login": "octocat", "id": "1"}),
            json!({"login": "octocat", "id": -1}),
            json!([]),
        ] {
            let err = from_api("github", &user, &[]).expect_err("refused");
            assert!(matches!(err, OAuthError::InvalidResponse { .. }), "{err:?}");
        }
    }
}
