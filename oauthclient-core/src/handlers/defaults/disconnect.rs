//! `disconnect`.

use async_trait::async_trait;

use crate::client::revoke_token;
use crate::error::OAuthError;
use crate::handlers::{DisconnectHandler, HandlerContext};

/// The seed's `disconnect_handler`: revokes the token at the provider when the app has a
/// `revoke_url` (RFC 7009; a failure is logged, never blocks), then deletes the remote account
/// (with its tokens) and the user's identity for this app. The web layer refuses beforehand
/// when this would remove the user's last way to sign in.
///
/// ```
/// use oauthclient_core::handlers::defaults::DisconnectDefault;
/// let _handler = DisconnectDefault;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct DisconnectDefault;

#[async_trait]
impl DisconnectHandler for DisconnectDefault {
    async fn disconnect(&self, ctx: &HandlerContext<'_>) -> Result<(), OAuthError> {
        let Some(user_id) = ctx.current_user else {
            return Ok(());
        };
        let client_id = &ctx.remote.credentials.consumer_key;
        // RFC 7009: tell the provider first. A failure is logged and the unlink goes on: the
        // user asked to disconnect, and a provider that is down must not keep them linked.
        if let Some(token) = ctx.accounts.token(user_id, client_id, "").await? {
            match revoke_token(ctx.api, ctx.remote, &token).await {
                Ok(true) => tracing::info!(app = ctx.app, user_id, "token revoked at the provider"),
                Ok(false) => {}
                Err(err) => {
                    tracing::warn!(app = ctx.app, user_id, error = %err, "revocation failed; unlinking anyway");
                }
            }
        }
        if let Some(account) = ctx.accounts.remote_account(user_id, client_id).await? {
            ctx.accounts.delete_remote_account(account.id).await?;
        }
        for identity in ctx.accounts.identities_of(user_id).await? {
            if identity.method == ctx.app {
                ctx.accounts
                    .unlink_identity(&identity.method, identity.id.as_str())
                    .await?;
            }
        }
        Ok(())
    }
}
