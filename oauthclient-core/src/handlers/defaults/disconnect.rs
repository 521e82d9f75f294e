//! `disconnect`.

use async_trait::async_trait;

use crate::error::OAuthError;
use crate::handlers::{DisconnectHandler, HandlerContext};

/// The seed's `disconnect_handler`: deletes the remote account (with its tokens) and the
/// user's identity for this app. The web layer refuses beforehand when this would remove the
/// user's last way to sign in.
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
