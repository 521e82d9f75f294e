//! Token revocation (RFC 7009): telling the provider a token is no longer wanted.

use super::client_auth::{as_written, token_request_auth};
use super::{ApiMethod, ApiRequest, RemoteApi};
use crate::clock::SystemClock;
use crate::config::{Protocol, RemoteApp};
use crate::error::OAuthError;
use crate::token::Token;

/// Revokes `token` at the app's `revoke_url`, when it has one (`Ok(false)` when not).
///
/// The refresh token is revoked when there is one (RFC 7009 §2.1: the provider then also
/// invalidates the access tokens of the grant), else the access token. The client
/// authenticates as for the token endpoint (`client_auth`). Any 2xx is success (§2.2: even
/// an unknown token is answered 200); anything else is an [`OAuthError::InvalidResponse`].
pub async fn revoke_token(
    api: &dyn RemoteApi,
    app: &RemoteApp,
    token: &Token,
) -> Result<bool, OAuthError> {
    let Protocol::OAuth2(params) = &app.protocol else {
        return Ok(false);
    };
    let Some(revoke_url) = &params.revoke_url else {
        return Ok(false);
    };
    let (value, hint) = match &token.refresh_token {
        Some(refresh) => (refresh.expose_secret(), "refresh_token"),
        None => (token.access_token.expose_secret(), "access_token"),
    };
    let mut form = vec![("token", value), ("token_type_hint", hint)];
    let client_id = app.credentials.consumer_key.as_str();
    let mut request = ApiRequest::new(ApiMethod::Post, revoke_url.as_str());
    // A fresh assertion, addressed as for the token endpoint (the `aud` the provider knows).
    let issuer = params.issuer.as_ref().map(as_written);
    let auth = token_request_auth(app, &params.access_token_url, issuer, &SystemClock)?;
    if auth.basic() {
        request = request.with_client_credentials();
    } else {
        form.push(("client_id", client_id));
        if let Some(secret) = auth.secret() {
            form.push(("client_secret", secret.expose_secret()));
        }
        form.extend(auth.extra_params());
    }
    let response = api.send(request.with_form(form)).await?;
    if response.is_success() {
        Ok(true)
    } else {
        Err(OAuthError::InvalidResponse {
            remote: app.name.clone(),
            reason: format!("the revocation endpoint answered HTTP {}", response.status),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::revoke_token;
    use crate::client::{HttpApi, HttpClient, HttpLimits};
    use crate::secret::AccessToken;
    use crate::{OAuthClientConfig, Registry, Token, config::NoEnv};

    #[tokio::test]
    async fn without_a_revoke_url_nothing_is_sent() {
        let config = OAuthClientConfig::from_toml_str(
            r#"
            secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
            site_url = "https://example.org"
            [remote_apps.demo.params]
            authorize_url = "https://provider.example/authorize"
            access_token_url = "https://provider.example/token"
            [DEMO_APP_CREDENTIALS]
            consumer_key = "k"
            consumer_secret = "s"
            "#,
            &NoEnv,
            &Registry::default(),
        )
        .expect("config");
        let app = config.remote_app("demo").expect("configured");
        let api = HttpApi::new(
            HttpClient::new(HttpLimits::default()).expect("http"),
            app.clone(),
        );
        let sent = revoke_token(&api, app, &Token::bearer(AccessToken::new("t")))
            .await
            .expect("no error");
        assert!(!sent);
    }
}
