//! Starting a flow: a signed state, the flow's secrets kept for the callback, and the
//! provider's URL.

use url::Url;

use super::{AppRuntime, Engine};
use crate::client::ProtocolContext;
use crate::error::OAuthError;
use crate::next_url::safe_next_url;
use crate::state::PendingFlows;

impl Engine<'_> {
    /// Starts a flow for `app`, returning where the browser goes. The flow (nonce; PKCE
    /// verifier, OAuth1 request token, OIDC nonce) is added to `flows`, which the front end
    /// keeps in the session; flows older than a state's lifetime are pruned. An unsafe `next`
    /// is dropped (and logged). A `link_only` app refuses anyone not signed in.
    pub async fn start_login(
        &self,
        app: &AppRuntime,
        next: Option<&str>,
        signed_in: bool,
        flows: &mut PendingFlows,
    ) -> Result<Url, OAuthError> {
        let name = app.remote.name.as_str();
        if app.remote.link_only && !signed_in {
            return Err(OAuthError::LinkOnly {
                remote: name.to_owned(),
            });
        }
        let next = next.and_then(|raw| self.safe_next(name, raw));
        let (state, mut flow) = self.codec.issue(name, next)?;
        let redirect_uri = self.config.redirect_uri(name);
        let ctx = ProtocolContext {
            app: &app.remote,
            http: self.http,
            redirect_uri: &redirect_uri,
        };
        let provider_url = app.handlers.protocol.start(&ctx, &state, &mut flow).await?;
        flows.prune_older_than(flow.issued_at.saturating_sub(self.codec.lifetime_secs()));
        flows.insert(flow);
        Ok(provider_url)
    }

    /// `next` if it stays on this site (or a trusted host); an unsafe one is dropped and
    /// logged.
    pub fn safe_next(&self, app: &str, raw: &str) -> Option<String> {
        match safe_next_url(raw, &self.config.trusted_hosts) {
            Ok(safe) => Some(safe),
            Err(reason) => {
                tracing::info!(app, %reason, "dropped an unsafe next URL");
                None
            }
        }
    }
}
