//! [`ProtocolHandler`]: how a flow starts (where the browser goes) and how a verified callback
//! becomes a [`Token`]. Core's built-ins speak OAuth2 and OAuth1; `oauthclient-oidc` adds
//! OpenID Connect (discovery, nonce, ID token validation) through the same trait.

use async_trait::async_trait;
use url::Url;

use super::HttpClient;
use crate::config::RemoteApp;
use crate::error::OAuthError;
use crate::flow::Grant;
use crate::secret::RefreshToken;
use crate::state::PendingFlow;
use crate::token::Token;

/// What a protocol handler works with: the app, the shared HTTP client, our callback URL.
#[derive(Debug, Clone, Copy)]
pub struct ProtocolContext<'a> {
    /// The remote app.
    pub app: &'a RemoteApp,
    /// The outbound client (timeouts, body cap, no redirects).
    pub http: &'a HttpClient,
    /// Our callback URL for this app, `{site_url}/oauth/authorized/{app}/`.
    pub redirect_uri: &'a Url,
}

/// A protocol: the first leg of a flow and the last.
///
/// Brought by a provider (`Provider::protocol`, e.g. OpenID Connect) or registered under a
/// name (`Handler::Protocol`) and chosen per app with `protocol_handler` (the built-ins
/// `oauth2` and `oauth1` when neither). One instance serves its apps for the server's
/// lifetime, so it may cache (a discovery document, keys).
///
/// ```
/// use async_trait::async_trait;
/// use oauthclient_core::flow::Grant;
/// use oauthclient_core::client::{ProtocolContext, ProtocolHandler};
/// use oauthclient_core::state::PendingFlow;
/// use oauthclient_core::{OAuthError, Token};
/// use url::Url;
///
/// /// OAuth2 with an extra `prompt=consent` on every authorization request.
/// struct AlwaysConsent;
///
/// #[async_trait]
/// impl ProtocolHandler for AlwaysConsent {
///     async fn start(&self, ctx: &ProtocolContext<'_>, state: &str, flow: &mut PendingFlow) -> Result<Url, OAuthError> {
///         let mut url = oauthclient_core::client::OAuth2Protocol.start(ctx, state, flow).await?;
///         url.query_pairs_mut().append_pair("prompt", "consent");
///         Ok(url)
///     }
///     async fn finish(&self, ctx: &ProtocolContext<'_>, grant: Grant) -> Result<Token, OAuthError> {
///         oauthclient_core::client::OAuth2Protocol.finish(ctx, grant).await
///     }
/// }
/// ```
#[async_trait]
pub trait ProtocolHandler: Send + Sync {
    /// Starts a flow whose signed state is `state`: returns the URL to send the browser to,
    /// and keeps the secrets the callback will need (PKCE verifier, OAuth1 request token,
    /// OIDC nonce) in `flow`, which stays server-side in the session.
    async fn start(
        &self,
        ctx: &ProtocolContext<'_>,
        state: &str,
        flow: &mut PendingFlow,
    ) -> Result<Url, OAuthError>;

    /// Turns the grant of a callback whose state was verified into a token, checking
    /// whatever the protocol checks (OIDC: `iss`, the ID token).
    async fn finish(&self, ctx: &ProtocolContext<'_>, grant: Grant) -> Result<Token, OAuthError>;

    /// Where to send the browser after a local logout, to end the session at the provider
    /// too (OpenID Connect RP-initiated logout); `None` (the default) to stay here.
    /// `token` is the user's stored token for this app, `return_to` where the provider should
    /// send the browser back.
    async fn logout_url(
        &self,
        ctx: &ProtocolContext<'_>,
        token: Option<&Token>,
        return_to: &Url,
    ) -> Result<Option<Url>, OAuthError> {
        let _ = (ctx, token, return_to);
        Ok(None)
    }

    /// Trades a stored `refresh_token` for a fresh token (RFC 6749 §6), when
    /// [`super::RemoteClient`] finds the token expired. The default posts the refresh grant
    /// to the app's `access_token_url`; a protocol that learns its
    /// token endpoint otherwise (OpenID Connect discovery) overrides it. A provider that does
    /// not rotate refresh tokens answers without one: keep `refresh_token` in the result.
    async fn refresh(
        &self,
        ctx: &ProtocolContext<'_>,
        refresh_token: &RefreshToken,
    ) -> Result<Token, OAuthError> {
        super::refresh::refresh_token(ctx.http, ctx.app, refresh_token).await
    }
}
