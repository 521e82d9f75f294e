//! Unlinking a remote account, never the user's last way to sign in.

use super::{AppRuntime, Engine};
use crate::account::UserId;
use crate::audit::{self, AuditEvent};
use crate::error::OAuthError;
use crate::host_policy::HostEvent;
use crate::store::leaves_no_login_method;

impl Engine<'_> {
    /// Runs `app`'s disconnect handler for `user_id`, refusing ([`OAuthError::LastLoginMethod`])
    /// when it would leave the user no way to sign in. This check is a fast path with a clear
    /// message; the default handlers also unlink atomically
    /// ([`crate::AccountStore::unlink_unless_last`]), so two concurrent disconnects cannot both
    /// pass it.
    pub async fn disconnect(&self, app: &AppRuntime, user_id: &UserId) -> Result<(), OAuthError> {
        let has_password = self
            .users
            .user_by_id(user_id)
            .await?
            .is_some_and(|user| user.has_password);
        let identities = self.accounts.identities_of(user_id).await?;
        if leaves_no_login_method(has_password, &identities, &app.remote.name) {
            return Err(OAuthError::LastLoginMethod {
                remote: app.remote.title.clone(),
            });
        }
        let ctx = self.handler_context(app, Some(user_id));
        app.handlers.disconnect.disconnect(&ctx).await?;
        audit::record(AuditEvent::Unlink, &app.remote.name, Some(user_id), "");
        self.policy
            .on_event(&HostEvent::Unlinked {
                app: app.remote.name.clone(),
                user_id: user_id.clone(),
            })
            .await;
        Ok(())
    }
}
