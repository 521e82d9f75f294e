//! Starting a flow: a signed state, the flow's secrets kept for the callback, and the
//! provider's URL.

use url::Url;

use super::{AppRuntime, Engine};
use crate::client::ProtocolContext;
use crate::error::OAuthError;
use crate::login_options::{LoginOptionError, LoginOptions};
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
        self.start_login_with_options(app, next, &LoginOptions::default(), signed_in, flows)
            .await
    }

    /// Reads the per-login options among a request's pairs against `app`'s allow-list
    /// ([`LoginOptions::parse`]); a refusal is [`OAuthError::LoginOption`] (400).
    pub fn login_options<'p>(
        &self,
        app: &AppRuntime,
        pairs: impl IntoIterator<Item = (&'p str, &'p str)>,
    ) -> Result<LoginOptions, OAuthError> {
        LoginOptions::parse(pairs, &app.remote.login_options)
            .map_err(|source| login_option_error(&app.remote.name, source))
    }

    /// [`Engine::start_login`] with per-login options (from [`Engine::login_options`]): they
    /// are checked against the app's allow-list once more, signed into the state, and added
    /// to the URL the app's protocol handler returns ([`LoginOptions::apply_to`]), so every
    /// protocol handler, a provider's own too, gets them the same way.
    pub async fn start_login_with_options(
        &self,
        app: &AppRuntime,
        next: Option<&str>,
        options: &LoginOptions,
        signed_in: bool,
        flows: &mut PendingFlows,
    ) -> Result<Url, OAuthError> {
        let name = app.remote.name.as_str();
        if app.remote.link_only && !signed_in {
            return Err(OAuthError::LinkOnly {
                remote: name.to_owned(),
            });
        }
        options
            .check(&app.remote.login_options)
            .map_err(|source| login_option_error(name, source))?;
        let next = next.and_then(|raw| self.safe_next(name, raw));
        let (state, mut flow) = self.codec.issue_with_options(name, next, options.clone())?;
        let redirect_uri = self.config.redirect_uri(name);
        let ctx = ProtocolContext {
            app: &app.remote,
            http: self.http,
            redirect_uri: &redirect_uri,
        };
        let mut provider_url = app.handlers.protocol.start(&ctx, &state, &mut flow).await?;
        options.apply_to(&mut provider_url);
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

/// A refused per-login option of `remote`'s login, logged (the option, never its value).
pub(super) fn login_option_error(remote: &str, source: LoginOptionError) -> OAuthError {
    tracing::info!(remote, option = %source.option(), "refused a per-login option");
    OAuthError::LoginOption {
        remote: remote.to_owned(),
        source,
    }
}
