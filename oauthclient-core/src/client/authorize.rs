//! Step 1 of the code flow: the authorization request the user's browser is redirected to.

use oauth2::{AuthUrl, ClientId, CsrfToken, PkceCodeChallenge, RedirectUrl, Scope};
use url::Url;

use crate::config::{Protocol, RemoteApp, ResponseMode};
use crate::error::OAuthError;
use crate::secret::PkceVerifier;

/// Where to send the browser, and the PKCE verifier to keep server-side until the callback.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuthorizationRequest {
    /// The provider's authorize URL with `response_type=code`, `client_id`, `redirect_uri`,
    /// `scope`, `state`, the PKCE challenge, `response_mode` when it is not the default and the
    /// app's extra parameters.
    pub url: Url,
    /// The PKCE verifier (when PKCE is on), for the token request.
    pub pkce_verifier: Option<PkceVerifier>,
}

/// Builds the OAuth2 authorization request for `app`.
///
/// ```
/// use oauthclient_core::{client::authorization_request, OAuthClientConfig, Registry, config::NoEnv};
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [remote_apps.demo.params]
///     authorize_url = "https://provider.example/authorize"
///     access_token_url = "https://provider.example/token"
///     scopes = ["read:user"]
///     [DEMO_APP_CREDENTIALS]
///     consumer_key = "client-1"
///     consumer_secret = "s"
/// "#, &NoEnv, &Registry::default())?;
/// let app = config.remote_app("demo").expect("configured");
/// let request = authorization_request(app, &config.redirect_uri("demo"), "STATE")?;
/// let query: std::collections::HashMap<_, _> = request.url.query_pairs().into_owned().collect();
/// assert_eq!(query["response_type"], "code");
/// assert_eq!(query["client_id"], "client-1");
/// assert_eq!(query["state"], "STATE");
/// assert_eq!(query["code_challenge_method"], "S256");
/// assert!(request.pkce_verifier.is_some());
/// assert!(!query.contains_key("response_mode"), "query is the default");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn authorization_request(
    app: &RemoteApp,
    redirect_uri: &Url,
    state: &str,
) -> Result<AuthorizationRequest, OAuthError> {
    let Protocol::OAuth2(params) = &app.protocol else {
        return Err(OAuthError::ClientError {
            remote: app.name.clone(),
            message: "OAuth1 apps start with a request token, not an authorization request".into(),
        });
    };
    let client =
        oauth2::basic::BasicClient::new(ClientId::new(app.credentials.consumer_key.clone()))
            .set_auth_uri(AuthUrl::from_url(params.authorize_url.clone()))
            .set_redirect_uri(RedirectUrl::from_url(redirect_uri.clone()));
    let state = state.to_owned();
    let mut request = client
        .authorize_url(move || CsrfToken::new(state))
        .add_scopes(params.scopes.iter().cloned().map(Scope::new));
    for (name, value) in &params.authorize_params {
        request = request.add_extra_param(name.clone(), value.clone());
    }
    if params.response_mode != ResponseMode::Query {
        request = request.add_extra_param("response_mode", params.response_mode.as_str());
    }
    let mut pkce_verifier = None;
    if params.pkce {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        request = request.set_pkce_challenge(challenge);
        pkce_verifier = Some(PkceVerifier::new(verifier.into_secret()));
    }
    let (url, _state) = request.url();
    Ok(AuthorizationRequest { url, pkce_verifier })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::NoEnv;
    use crate::{OAuthClientConfig, Registry};

    fn app_with(params: &str) -> (OAuthClientConfig, Url) {
        let config = OAuthClientConfig::from_toml_str(
            &format!(
                r#"
                secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
                site_url = "https://example.org"
                [remote_apps.demo.params]
                authorize_url = "https://provider.example/authorize"
                access_token_url = "https://provider.example/token"
                {params}
                [DEMO_APP_CREDENTIALS]
                consumer_key = "client-1"
                consumer_secret = "s"
                "#
            ),
            &NoEnv,
            &Registry::default(),
        )
        .expect("config");
        let redirect = config.redirect_uri("demo");
        (config, redirect)
    }

    #[test]
    fn form_post_apps_ask_for_response_mode_form_post() {
        let (config, redirect) = app_with(r#"response_mode = "form_post""#);
        let app = config.remote_app("demo").expect("configured");
        let request = authorization_request(app, &redirect, "S").expect("request");
        let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let modes: Vec<_> = pairs.iter().filter(|(k, _)| k == "response_mode").collect();
        assert_eq!(modes.len(), 1, "{pairs:?}");
        assert_eq!(modes[0].1, "form_post");
    }

    #[test]
    fn oauth1_apps_refuse_response_modes_and_callback_params() {
        for key in [
            r#"response_mode = "form_post""#,
            r#"callback_params = ["user"]"#,
        ] {
            let err = OAuthClientConfig::from_toml_str(
                &format!(
                    r#"
                    secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
                    site_url = "https://example.org"
                    [remote_apps.legacy.params]
                    request_token_url = "https://legacy.example/request_token"
                    authorize_url = "https://legacy.example/authorize"
                    access_token_url = "https://legacy.example/access_token"
                    {key}
                    [LEGACY_APP_CREDENTIALS]
                    consumer_key = "k"
                    consumer_secret = "s"
                    "#
                ),
                &NoEnv,
                &Registry::default(),
            )
            .expect_err("OAuth2 only");
            assert!(err.to_string().contains("OAuth2 only"), "{err}");
        }
    }

    #[test]
    fn response_mode_cannot_be_smuggled_in_request_token_params() {
        let err = OAuthClientConfig::from_toml_str(
            r#"
            secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
            site_url = "https://example.org"
            [remote_apps.demo.params]
            authorize_url = "https://provider.example/authorize"
            access_token_url = "https://provider.example/token"
            request_token_params = { response_mode = "fragment" }
            [DEMO_APP_CREDENTIALS]
            consumer_key = "client-1"
            consumer_secret = "s"
            "#,
            &NoEnv,
            &Registry::default(),
        )
        .expect_err("reserved");
        assert!(err.to_string().contains("response_mode"), "{err}");
    }
}
