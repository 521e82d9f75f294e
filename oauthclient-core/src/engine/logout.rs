//! Ending the provider's session at sign-out, where the app's protocol can (OpenID Connect
//! RP-initiated logout).

use url::Url;

use super::{AppRuntime, Engine};
use crate::account::{User, UserId};
use crate::audit::{self, AuditEvent};
use crate::error::OAuthError;
use crate::handlers::ProtocolContext;

impl Engine<'_> {
    /// Ends every session of `user_id`, this one included ([`crate::UserStore::end_sessions`]:
    /// the user's session epoch moves on, so every session signed in before is signed out at
    /// its next request). Audited (`signed_out_everywhere`). Returns the user as changed; the
    /// caller still purges the current session like a normal sign-out.
    pub async fn sign_out_everywhere(&self, user_id: &UserId) -> Result<User, OAuthError> {
        let user = self.users.end_sessions(user_id).await?;
        audit::record(AuditEvent::SignedOutEverywhere, "", Some(user_id), "");
        Ok(user)
    }

    /// Where `app`'s protocol ends the provider's session of `user_id` and sends the browser
    /// back to `return_to`, if it does. A failure (discovery unreachable, say) is logged and
    /// gives `None`: the local sign-out stands either way.
    pub async fn provider_logout_url(
        &self,
        app: &AppRuntime,
        user_id: &UserId,
        return_to: &Url,
    ) -> Option<Url> {
        let name = app.remote.name.as_str();
        let token = self
            .accounts
            .token(user_id, &app.remote.credentials.consumer_key, "")
            .await
            .ok()
            .flatten();
        let redirect_uri = self.config.redirect_uri(name);
        let ctx = ProtocolContext {
            app: &app.remote,
            http: self.http,
            redirect_uri: &redirect_uri,
        };
        match app
            .handlers
            .protocol
            .logout_url(&ctx, token.as_ref(), return_to)
            .await
        {
            Ok(url) => url,
            Err(err) => {
                tracing::warn!(app = name, error = %err, "could not end the provider's session");
                None
            }
        }
    }
}
