//! The refresh token grant (RFC 6749 §6): a new access token for a stored refresh token.

use oauth2::TokenResponse as _;

use super::exchange::{endpoint_auth, into_token, oauth2_params, token_client, token_error};
use super::http::HttpClient;
use crate::config::RemoteApp;
use crate::error::OAuthError;
use crate::secret::RefreshToken;
use crate::token::Token;

/// Trades `refresh_token` for a fresh token at the app's token endpoint. A provider that does
/// not rotate refresh tokens answers without one: the old one is kept in the result.
///
/// Failures as for the code exchange; a refused refresh token is
/// [`OAuthError::ProviderError`] with code `invalid_grant` (the grant was revoked or the token
/// already rotated).
pub async fn refresh_token(
    http: &HttpClient,
    app: &RemoteApp,
    refresh_token: &RefreshToken,
) -> Result<Token, OAuthError> {
    let params = oauth2_params(app)?;
    let auth = endpoint_auth(app, params)?;
    let client = token_client(app, params, &auth)?;
    let secret = oauth2::RefreshToken::new(refresh_token.expose_secret().to_owned());
    let agent = params.user_agent.clone();
    let call = |request| {
        let (http, agent) = (http.clone(), agent.clone());
        async move { http.oauth2_call_as(request, agent.as_deref()).await }
    };
    let mut request = client.exchange_refresh_token(&secret);
    for (name, value) in auth.extra_params() {
        request = request.add_extra_param(name, value.to_owned());
    }
    let response = request
        .request_async(&call)
        .await
        .map_err(|err| token_error(&app.name, err))?;
    let mut token = into_token(&response, params);
    if response.refresh_token().is_none() {
        token.refresh_token = Some(refresh_token.clone());
    }
    Ok(token)
}
