//! `disconnect`.

use async_trait::async_trait;
use tracing::Instrument;

use crate::account::UserId;
use crate::client::revoke_token;
use crate::error::OAuthError;
use crate::handlers::{DisconnectHandler, HandlerContext, ProviderContext};
use crate::token::Token;

/// The seed's `disconnect_handler`: deletes the remote account (with its tokens) and the
/// user's identity for this app — refused with [`OAuthError::LastLoginMethod`] when that
/// would leave the user no way to sign in, decided atomically by the store
/// ([`crate::AccountStore::unlink_unless_last`]) — then revokes at the provider: the app's
/// [`crate::handlers::RevokeHandler`] (from its provider) when it has one, else RFC 7009 at
/// its `revoke_url` when it has one. A revocation failure is logged, never blocks.
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
        // Unlink first, atomically refusing a lock-out: a refused disconnect must not have
        // revoked the grant the user still signs in with.
        if let Some(token) = unlink_guarded(ctx, user_id).await? {
            let provider = ctx.provider();
            // The provider's handler logs without the user; the span adds who disconnected.
            let span = tracing::info_span!("revoke", app = ctx.app, user_id = user_id.as_str());
            match &ctx.handlers.revoke {
                Some(handler) => handler.revoke(&provider, &token).instrument(span).await,
                None => revoke_at_provider(&provider, &token).instrument(span).await,
            }
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
/// user asked to disconnect, and a provider that is down must not undo that. A
/// [`crate::handlers::RevokeHandler`] that also wants the standard revocation calls it after
/// its own.
pub async fn revoke_at_provider(ctx: &ProviderContext<'_>, token: &Token) {
    match revoke_token(ctx.api, ctx.remote, token).await {
        Ok(true) => tracing::info!(app = ctx.app, "token revoked at the provider"),
        Ok(false) => {}
        Err(err) => {
            tracing::warn!(app = ctx.app, error = %err, "revocation failed; unlinked anyway");
        }
    }
}
