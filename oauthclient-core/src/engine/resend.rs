//! "Send me a new link" from someone who cannot sign in before confirming: which accounts get
//! one.

use super::Engine;
use crate::account::User;
use crate::clock::{Clock, SystemClock};
use crate::error::OAuthError;

impl Engine<'_> {
    /// The accounts claiming `email` unconfirmed within `email_unconfirmed_expires`: each gets
    /// a new link ([`Engine::confirmation_mail`] still applies the cooldown). The front end
    /// answers the visitor the same way whatever this finds, and runs it off the request path.
    pub async fn accounts_awaiting_confirmation(
        &self,
        email: &str,
    ) -> Result<Vec<User>, OAuthError> {
        let since = SystemClock
            .now()
            .saturating_sub(self.config.accounts.unconfirmed_expires);
        Ok(self.users.unconfirmed_claims(email, since).await?)
    }
}
