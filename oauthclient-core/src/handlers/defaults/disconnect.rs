//! `disconnect`.

use async_trait::async_trait;

use crate::account::UserId;
use crate::client::revoke_token;
use crate::error::OAuthError;
use crate::handlers::{DisconnectHandler, HandlerContext};
use crate::token::Token;

/// The seed's `disconnect_handler`: deletes the remote account (with its tokens) and the
/// user's identity for this app — refused with [`OAuthError::LastLoginMethod`] when that
/// would leave the user no way to sign in, decided atomically by the store
/// ([`crate::AccountStore::unlink_unless_last`]) — then revokes the token at the provider
/// when the app has a `revoke_url` (RFC 7009; a failure is logged, never blocks).
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
        if let Some(token) = unlink_guarded(ctx, user_id).await? {
            revoke_at_provider(ctx, user_id, &token).await;
        }
        Ok(())
    }
}

/// Unlinks `ctx.app` from `user_id` unless it is their last way to sign in
/// ([`OAuthError::LastLoginMethod`] then, and nothing changes). Returns the token that was
/// stored, for the caller to revoke at the provider: only the request that actually unlinked
/// gets it, so of two concurrent disconnects the refused one revokes nothing.
pub async fn unlink_guarded(
    ctx: &HandlerContext<'_>,
    user_id: &UserId,
) -> Result<Option<Token>, OAuthError> {
    let client_id = &ctx.remote.credentials.consumer_key;
    // Read before the unlink deletes it; revoked only after the unlink succeeded.
    let token = ctx.accounts.token(user_id, client_id, "").await?;
    let has_password = ctx
        .users
        .user_by_id(user_id)
        .await?
        .is_some_and(|user| user.has_password);
    if ctx
        .accounts
        .unlink_unless_last(user_id, client_id, ctx.app, has_password)
        .await?
    {
        Ok(token)
    } else {
        Err(OAuthError::LastLoginMethod {
            remote: ctx.remote.title.clone(),
        })
    }
}

/// RFC 7009 at the app's `revoke_url`, if it has one. A failure is logged and ignored: the
/// user asked to disconnect, and a provider that is down must not undo that.
pub async fn revoke_at_provider(ctx: &HandlerContext<'_>, user_id: &UserId, token: &Token) {
    match revoke_token(ctx.api, ctx.remote, token).await {
        Ok(true) => tracing::info!(
            app = ctx.app,
            user_id = user_id.as_str(),
            "token revoked at the provider"
        ),
        Ok(false) => {}
        Err(err) => {
            tracing::warn!(app = ctx.app, user_id = user_id.as_str(), error = %err, "revocation failed; unlinked anyway");
        }
    }
}
