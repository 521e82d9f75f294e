//! [`GitHubDisconnect`]: unlink, then revoke the grant at GitHub.

use async_trait::async_trait;
use oauthclient_core::OAuthError;
use oauthclient_core::Token;
use oauthclient_core::account::UserId;
use oauthclient_core::handlers::defaults::{revoke_at_provider, unlink_guarded};
use oauthclient_core::handlers::{ApiMethod, DisconnectHandler, HandlerContext};

use crate::api::{api_request, path_segment};

/// The seed's `github:disconnect` ([`crate::GitHub`]'s disconnect): unlinks locally like core's
/// [`oauthclient_core::handlers::defaults::DisconnectDefault`] (remote account, tokens,
/// identity; refused when it is the user's last way to sign in), then asks GitHub to forget
/// the authorization (`DELETE applications/{client_id}/grant` with the app's client
/// credentials and `{"access_token": <the token that was stored>}`), so the next sign-in asks
/// for consent again.
///
/// Revocation is best effort: `204` and `404` (already revoked) are fine, any other answer or
/// a network failure is logged and the unlink stands; the user asked to disconnect and GitHub
/// being down must not keep the link.
///
/// ```
/// use oauthclient_core::registry::Provider;
/// use oauthclient_github::GitHubDisconnect;
///
/// assert!(oauthclient_github::GitHub.disconnect().is_some());
/// let _handler = GitHubDisconnect;
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct GitHubDisconnect;

#[async_trait]
impl DisconnectHandler for GitHubDisconnect {
    async fn disconnect(&self, ctx: &HandlerContext<'_>) -> Result<(), OAuthError> {
        let Some(user_id) = ctx.current_user else {
            return Ok(());
        };
        // Unlink first, atomically refusing a lock-out: a refused disconnect must not have
        // revoked the grant the user still signs in with.
        if let Some(token) = unlink_guarded(ctx, user_id).await? {
            revoke_grant(ctx, user_id, &token).await;
            revoke_at_provider(ctx, user_id, &token).await;
        }
        Ok(())
    }
}

/// Revokes the grant of `user_id`'s `token`; never fails, only logs.
async fn revoke_grant(ctx: &HandlerContext<'_>, user_id: &UserId, token: &Token) {
    let client_id = ctx.remote.credentials.consumer_key.as_str();
    let request = api_request(
        ApiMethod::Delete,
        format!("applications/{}/grant", path_segment(client_id)),
    )
    .with_client_credentials()
    .json(serde_json::json!({ "access_token": token.access_token.expose_secret() }));
    match ctx.api.send(request).await {
        Ok(response) if response.is_success() || response.status == 404 => {
            tracing::info!(
                app = ctx.app,
                user_id = %user_id,
                status = response.status,
                "GitHub grant revoked"
            );
        }
        Ok(response) => tracing::warn!(
            app = ctx.app,
            user_id = %user_id,
            status = response.status,
            "GitHub refused to revoke the grant; unlinking anyway"
        ),
        Err(err) => tracing::warn!(
            app = ctx.app,
            user_id = %user_id,
            error = %err,
            "could not reach GitHub to revoke the grant; unlinking anyway"
        ),
    }
}
