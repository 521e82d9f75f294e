//! [`GitHubRevoke`]: after core's disconnect unlinked, revoke the grant at GitHub.

use async_trait::async_trait;
use oauthclient_core::Token;
use oauthclient_core::handlers::defaults::revoke_at_provider;
use oauthclient_core::handlers::{ApiMethod, ProviderContext, RevokeHandler};

use crate::api::{api_request, path_segment};

/// The seed's `github:disconnect` ([`crate::GitHub`]'s revocation): once core's disconnect
/// has unlinked locally (remote account, tokens, identity; refused when it is the user's last
/// way to sign in, and then nothing is revoked), asks GitHub to forget the authorization
/// (`DELETE applications/{client_id}/grant` with the app's client credentials and
/// `{"access_token": <the token that was stored>}`), so the next sign-in asks for consent
/// again; then, when the app configures a `revoke_url`, core's RFC 7009 revocation too.
///
/// Revocation is best effort: `204` and `404` (already revoked) are fine, any other answer or
/// a network failure is logged and the unlink stands; the user asked to disconnect and GitHub
/// being down must not keep the link.
///
/// ```
/// use oauthclient_core::registry::Provider;
/// use oauthclient_github::GitHubRevoke;
///
/// assert!(oauthclient_github::GitHub.revoke().is_some());
/// let _handler = GitHubRevoke;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct GitHubRevoke;

#[async_trait]
impl RevokeHandler for GitHubRevoke {
    async fn revoke(&self, ctx: &ProviderContext<'_>, token: &Token) {
        revoke_grant(ctx, token).await;
        revoke_at_provider(ctx, token).await;
    }
}

/// Revokes the grant of `token`; never fails, only logs. Core runs it inside a span naming
/// the app and the user who disconnected.
async fn revoke_grant(ctx: &ProviderContext<'_>, token: &Token) {
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
                status = response.status,
                "GitHub grant revoked"
            );
        }
        Ok(response) => tracing::warn!(
            app = ctx.app,
            status = response.status,
            "GitHub refused to revoke the grant; unlinking anyway"
        ),
        Err(err) => tracing::warn!(
            app = ctx.app,
            error = %err,
            "could not reach GitHub to revoke the grant; unlinking anyway"
        ),
    }
}
