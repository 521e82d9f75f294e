//! [`ProviderContext`]: the narrow view a provider's handlers get of one remote app.

use crate::client::RemoteApi;
use crate::config::RemoteApp;

/// What a provider's own handlers ([`super::AccountInfoHandler`],
/// [`super::AccountSetupHandler`], [`super::RevokeHandler`]) may use: the app's name, its
/// remote settings and its API client — and nothing else. No store, no signed-in user, no
/// host policy: provider code learns who someone is at the remote and talks to the remote;
/// linking, signing in and unlinking stay core's (and the host's, through
/// [`super::HandlerContext`]).
///
/// Core builds it (from a [`super::HandlerContext`] with [`super::HandlerContext::provider`]);
/// tests and conformance harnesses build one with [`ProviderContext::new`]:
///
/// ```
/// use oauthclient_core::handlers::{ApiRequest, ProviderContext};
/// use oauthclient_core::{OAuthError, Token};
///
/// /// The remote user's id, from `GET user` of the app's API.
/// async fn remote_id(ctx: &ProviderContext<'_>, token: &Token) -> Result<String, OAuthError> {
///     let user: serde_json::Value = ctx.api.send(ApiRequest::get("user").with_token(token.clone())).await?.json(ctx.app)?;
///     user["id"].as_str().map(str::to_owned).ok_or_else(|| OAuthError::InvalidResponse {
///         remote: ctx.app.to_owned(),
///         reason: format!("{} answered no id", ctx.remote.title),
///     })
/// }
/// ```
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct ProviderContext<'a> {
    /// The remote app name (the URL segment and identity method).
    pub app: &'a str,
    /// The remote app's configuration (endpoints, credentials, scopes, params).
    pub remote: &'a RemoteApp,
    /// The remote app's API, authenticated as the app's configuration says.
    pub api: &'a dyn RemoteApi,
}

impl<'a> ProviderContext<'a> {
    /// The context of the app named `app`, configured as `remote`, reached through `api`.
    pub fn new(app: &'a str, remote: &'a RemoteApp, api: &'a dyn RemoteApi) -> Self {
        Self { app, remote, api }
    }
}

impl std::fmt::Debug for ProviderContext<'_> {
    // Only the name: the remote settings hold the client secret, the API client holds
    // connections.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderContext")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}
