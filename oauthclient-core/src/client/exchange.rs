//! Step 2 of the code flow: trading the authorization code (and PKCE verifier) for a token.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use oauth2::basic::{BasicErrorResponseType, BasicTokenType};
use oauth2::{
    AuthType, ClientId, ClientSecret, PkceCodeVerifier, RedirectUrl, RequestTokenError,
    StandardErrorResponse, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::client_auth::{TokenRequestAuth, token_request_auth};
use super::http::{HttpClient, HttpError};
use crate::clock::SystemClock;
use crate::config::{OAuth2Params, Protocol, RemoteApp, TokenMethod};
use crate::error::OAuthError;
use crate::secret::{AccessToken, AuthorizationCode, PkceVerifier, RefreshToken};
use crate::token::Token;

/// Every non-standard field of a token response (ORCID's `orcid` and `name`, OIDC's
/// `id_token`...), kept as JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct ExtraFields {
    #[serde(flatten)]
    fields: BTreeMap<String, serde_json::Value>,
}

impl oauth2::ExtraTokenFields for ExtraFields {}

pub(super) type TokenResponseWithExtras = StandardTokenResponse<ExtraFields, BasicTokenType>;

/// Exchanges an authorization code for a [`Token`] at the app's token endpoint.
///
/// Failures: the endpoint unreachable, slow, non-2xx, not JSON, too large or without an
/// `access_token` → [`OAuthError::InvalidResponse`]; `invalid_client` /
/// `unauthorized_client` / `redirect_uri_mismatch` → [`OAuthError::ClientError`] (our
/// configuration is wrong).
pub async fn exchange_code(
    http: &HttpClient,
    app: &RemoteApp,
    redirect_uri: &Url,
    code: &AuthorizationCode,
    pkce_verifier: Option<&PkceVerifier>,
) -> Result<Token, OAuthError> {
    let params = oauth2_params(app)?;
    let auth = endpoint_auth(app, params)?;
    let client = token_client(app, params, &auth)?
        .set_redirect_uri(RedirectUrl::from_url(redirect_uri.clone()));
    let mut request = client.exchange_code(oauth2::AuthorizationCode::new(
        code.expose_secret().to_owned(),
    ));
    for (name, value) in auth.extra_params() {
        request = request.add_extra_param(name, value.to_owned());
    }
    if let Some(verifier) = pkce_verifier {
        request =
            request.set_pkce_verifier(PkceCodeVerifier::new(verifier.expose_secret().to_owned()));
    }
    // The future owns its client (a cheap `Arc` clone): a closure borrowing `http` makes the
    // future `Send` only for one lifetime, which `async_trait` handlers cannot use.
    let agent = params.user_agent.clone();
    let call = |request| {
        let (http, agent) = (http.clone(), agent.clone());
        async move { http.oauth2_call_as(request, agent.as_deref()).await }
    };
    let response = request
        .request_async(&call)
        .await
        .map_err(|err| token_error(&app.name, err))?;
    Ok(into_token(&response, params))
}

/// The `oauth2` client that talks to the app's token endpoint.
pub(super) type TokenClient = oauth2::Client<
    StandardErrorResponse<BasicErrorResponseType>,
    TokenResponseWithExtras,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

/// The authentication of one request to the app's configured token endpoint (a fresh
/// assertion for the JWT methods).
pub(super) fn endpoint_auth(
    app: &RemoteApp,
    params: &OAuth2Params,
) -> Result<TokenRequestAuth, OAuthError> {
    let issuer = params.issuer.as_ref().map(super::client_auth::as_written);
    token_request_auth(app, &params.access_token_url, issuer, &SystemClock)
}

/// The client for the app's token endpoint, authenticating as `auth` says (its extra
/// parameters are the caller's to add to the request).
pub(super) fn token_client(
    app: &RemoteApp,
    params: &OAuth2Params,
    auth: &TokenRequestAuth,
) -> Result<TokenClient, OAuthError> {
    if params.access_token_method == TokenMethod::Get {
        return Err(OAuthError::ClientError {
            remote: app.name.clone(),
            message: "OAuth2 token requests are sent with POST (RFC 6749 §3.2); \
                      access_token_method = \"GET\" is only supported for OAuth1 apps"
                .into(),
        });
    }
    let client = oauth2::Client::new(ClientId::new(app.credentials.consumer_key.clone()))
        .set_token_uri(TokenUrl::from_url(params.access_token_url.clone()))
        .set_auth_type(if auth.basic() {
            AuthType::BasicAuth
        } else {
            AuthType::RequestBody
        });
    // A public client, and the assertion methods, send no secret: oauth2 then puts
    // `client_id` in the body (RFC 7523 §3 allows it).
    Ok(match auth.secret() {
        None => client,
        Some(secret) => {
            client.set_client_secret(ClientSecret::new(secret.expose_secret().to_owned()))
        }
    })
}

pub(crate) fn oauth2_params(app: &RemoteApp) -> Result<&OAuth2Params, OAuthError> {
    match &app.protocol {
        Protocol::OAuth2(params) => Ok(params),
        Protocol::OAuth1(_) => Err(OAuthError::ClientError {
            remote: app.name.clone(),
            message: "this is an OAuth1 app; it has no authorization code".into(),
        }),
    }
}

pub(super) fn into_token(response: &TokenResponseWithExtras, params: &OAuth2Params) -> Token {
    let extra = response.extra_fields().fields.clone();
    token_from_response(
        response,
        params,
        if extra.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::Value::Object(extra.into_iter().collect())
        },
    )
}

/// Our [`Token`] of any OAuth 2.0 token response (core's, or an OpenID Connect one): the
/// expiry from `expires_in`, the granted scopes split on commas and spaces or, without a
/// `scope` in the response, the requested ones; `extra` as the caller built it.
pub fn token_from_response<R: TokenResponse>(
    response: &R,
    params: &OAuth2Params,
    extra: serde_json::Value,
) -> Token {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    Token {
        access_token: AccessToken::new(response.access_token().secret().clone()),
        secret: None,
        refresh_token: response
            .refresh_token()
            .map(|refresh| RefreshToken::new(refresh.secret().clone())),
        expires_at: response
            .expires_in()
            .map(|lifetime| now.saturating_add(lifetime.as_secs())),
        token_type: String::new(),
        scopes: response.scopes().map_or_else(
            || params.scopes.clone(),
            |granted| crate::token::granted_scopes(granted.iter().map(|scope| scope.as_str())),
        ),
        extra,
    }
}

pub(super) fn token_error(
    remote: &str,
    err: RequestTokenError<HttpError, StandardErrorResponse<BasicErrorResponseType>>,
) -> OAuthError {
    let invalid = |reason: String| OAuthError::InvalidResponse {
        remote: remote.to_owned(),
        reason,
    };
    match err {
        RequestTokenError::ServerResponse(response) => {
            let code = response.error().as_ref().to_owned();
            let described = match response.error_description() {
                Some(description) => format!("{code}: {}", sanitize(description)),
                None => code.clone(),
            };
            match code.as_str() {
                "invalid_client"
                | "unauthorized_client"
                | "redirect_uri_mismatch"
                | "incorrect_client_credentials" => OAuthError::ClientError {
                    remote: remote.to_owned(),
                    message: format!("the token endpoint refused our client: {described}"),
                },
                // The code expired or was used: the user starts again (flash + redirect).
                "invalid_grant" | "bad_verification_code" => OAuthError::ProviderError {
                    remote: remote.to_owned(),
                    code,
                    description: Some(
                        "the sign-in took too long or was already used; please try again".into(),
                    ),
                },
                _ => invalid(format!("the token endpoint answered {described}")),
            }
        }
        RequestTokenError::Request(err) => err.for_remote(remote),
        RequestTokenError::Parse(err, _body) => invalid(format!(
            "the token endpoint answered something that is not a token response ({})",
            err.inner()
        )),
        RequestTokenError::Other(message) => invalid(format!("token request failed: {message}")),
    }
}

/// Provider text goes into logs and pages: no control characters, bounded length.
fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ClientAuth;

    fn server_error(code: &str, description: Option<&str>) -> OAuthError {
        let response = StandardErrorResponse::new(
            serde_json::from_value::<BasicErrorResponseType>(serde_json::json!(code))
                .expect("any string is an error type"),
            description.map(str::to_owned),
            None,
        );
        token_error("github", RequestTokenError::ServerResponse(response))
    }

    #[test]
    fn client_credential_problems_are_configuration_errors() {
        for code in [
            "invalid_client",
            "unauthorized_client",
            "redirect_uri_mismatch",
            "incorrect_client_credentials",
        ] {
            let err = server_error(code, None);
            assert!(
                matches!(err, OAuthError::ClientError { .. }),
                "{code}: {err:?}"
            );
            assert!(err.to_string().contains(code), "{err}");
        }
    }

    #[test]
    fn a_spent_or_expired_code_asks_the_user_to_start_again() {
        for code in ["invalid_grant", "bad_verification_code"] {
            let err = server_error(code, None);
            assert!(
                matches!(&err, OAuthError::ProviderError { code: got, .. } if got == code),
                "{err:?}"
            );
            assert!(err.to_string().contains("please try again"), "{err}");
        }
    }

    #[test]
    fn other_token_errors_are_invalid_responses() {
        let err = server_error("unsupported_grant_type", Some("code\u{0} expired\nagain"));
        let OAuthError::InvalidResponse { remote, reason } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(remote, "github");
        assert!(
            reason.contains("unsupported_grant_type: code expiredagain"),
            "{reason}"
        );
    }

    #[test]
    fn transport_failures_are_invalid_responses() {
        let err = token_error("orcid", RequestTokenError::Request(HttpError::Timeout));
        assert_eq!(
            err.to_string(),
            "`orcid` gave an invalid response: timed out"
        );
        let err = token_error("orcid", RequestTokenError::Request(HttpError::TooLarge(10)));
        assert!(err.to_string().contains("larger than 10 bytes"), "{err}");
        let err = token_error("orcid", RequestTokenError::Other("empty".into()));
        assert!(matches!(err, OAuthError::InvalidResponse { .. }));
    }

    #[test]
    fn extra_fields_survive_into_the_token() {
        let json = r#"{"access_token":"a","token_type":"bearer","expires_in":60,"orcid":"0000-0002-1825-0097","name":"Josiah"}"#;
        let response: TokenResponseWithExtras = serde_json::from_str(json).expect("parses");
        let params = OAuth2Params {
            issuer: None,
            authorize_url: Url::parse("https://a.example/").expect("url"),
            access_token_url: Url::parse("https://a.example/t").expect("url"),
            access_token_method: TokenMethod::Post,
            base_url: None,
            scopes: vec!["/authenticate".into()],
            authorize_params: BTreeMap::new(),
            pkce: true,
            revoke_url: None,
            client_auth: ClientAuth::RequestBody,
            client_assertion: None,
            issuer_template: None,
            user_agent: None,
            response_mode: crate::config::ResponseMode::Query,
            callback_params: Vec::new(),
        };
        let token = into_token(&response, &params);
        assert_eq!(token.access_token.expose_secret(), "a");
        assert_eq!(token.extra["orcid"], "0000-0002-1825-0097");
        assert_eq!(
            token.scopes,
            ["/authenticate"],
            "requested scopes when none are echoed"
        );
        assert!(token.expires_at.is_some());

        // GitHub's granted scopes are comma-separated: one item each.
        let json = r#"{"access_token":"a","token_type":"bearer","scope":"repo,gist"}"#;
        let response: TokenResponseWithExtras = serde_json::from_str(json).expect("parses");
        assert_eq!(into_token(&response, &params).scopes, ["repo", "gist"]);
    }
}
