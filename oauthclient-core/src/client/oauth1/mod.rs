//! OAuth 1.0a (RFC 5849), the three legs: temporary credentials (the request token), the
//! resource owner's authorization redirect, and the token credentials (the access token);
//! plus the signature of API calls made with the stored token and secret.
//!
//! Signing is done by `oauth1-request` 0.6 (not `reqwest-oauth1`, which pins an old
//! `oauth1-request` and ignores HTTP status); requests go through the shared [`HttpClient`], so
//! they obey its timeouts, body cap and no-redirect policy.

mod signing;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use url::Url;

use super::http::HttpClient;
use crate::config::{OAuth1Params, Protocol, RemoteApp, TokenMethod};
use crate::error::OAuthError;
use crate::secret::{AccessToken, OAuthVerifier, TokenSecret};
use crate::token::Token;

use signing::{ReservedParameter, SignedRequest, authorization_header};

/// Temporary credentials from the provider (RFC 5849 §2.1): the request token goes to the
/// browser in the authorize URL; its secret stays server-side in the session, bound to the
/// flow, until the callback signs the access token request with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestToken {
    /// `oauth_token` (public: it travels through the browser).
    pub token: String,
    /// `oauth_token_secret`.
    pub secret: TokenSecret,
}

/// Leg 1: asks the provider for a request token, announcing `callback` (our callback URL with
/// the signed `state` in its query) as `oauth_callback`.
///
/// The provider must confirm the callback with `oauth_callback_confirmed=true` (any case: some
/// send `True`), as OAuth 1.0a requires; a provider that does not is speaking OAuth 1.0, whose
/// session fixation flaw 1.0a fixed, and is refused. Extra `request_token_params` of the app
/// are sent as a signed form body.
///
/// Failures: a 401 (the provider does not accept our consumer key or signature) →
/// [`OAuthError::ClientError`]; unreachable, slow, other non-2xx, or an answer without a token
/// → [`OAuthError::InvalidResponse`].
pub async fn request_token(
    http: &HttpClient,
    app: &RemoteApp,
    callback: &Url,
) -> Result<RequestToken, OAuthError> {
    let params = oauth1_params(app)?;
    let form: Vec<(String, String)> = params
        .request_token_params
        .iter()
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let protocol = signing::Protocol {
        callback: Some(callback.as_str()),
        ..signing::Protocol::default()
    };
    let mut fields = call(
        http,
        app,
        TokenMethod::Post,
        &params.request_token_url,
        &form,
        None,
        protocol,
    )
    .await
    .map_err(|err| match err {
        // Our consumer key, secret or signature is not accepted: our configuration is wrong.
        CallError::Refused(message) => OAuthError::ClientError {
            remote: app.name.clone(),
            message,
        },
        CallError::Failed(err) => err,
    })?;
    let confirmed = fields
        .get("oauth_callback_confirmed")
        .is_some_and(|value| value.eq_ignore_ascii_case("true"));
    if !confirmed {
        return Err(invalid(
            app,
            "the request token answer lacks oauth_callback_confirmed=true (OAuth 1.0a)",
        ));
    }
    Ok(RequestToken {
        token: take(&mut fields, app, "oauth_token")?,
        secret: TokenSecret::new(take(&mut fields, app, "oauth_token_secret")?),
    })
}

/// Leg 2: the provider's authorize URL for `request_token` (RFC 5849 §2.2), where the
/// browser goes next.
pub fn oauth1_authorization_url(app: &RemoteApp, request_token: &str) -> Result<Url, OAuthError> {
    let mut url = oauth1_params(app)?.authorize_url.clone();
    url.query_pairs_mut()
        .append_pair("oauth_token", request_token);
    Ok(url)
}

/// Leg 3: trades the authorized request token and the callback's `oauth_verifier` for the
/// access token and its secret (RFC 5849 §2.3). Any other fields of the answer
/// (`user_id`, `screen_name`, ...) are kept in [`Token::extra`].
///
/// Failures: a 400/401 (the verifier or request token was refused, e.g. already used) →
/// [`OAuthError::ProviderError`] with code `invalid_verifier`; otherwise as
/// [`request_token`].
pub async fn exchange_verifier(
    http: &HttpClient,
    app: &RemoteApp,
    request_token: &RequestToken,
    verifier: &OAuthVerifier,
) -> Result<Token, OAuthError> {
    let params = oauth1_params(app)?;
    let protocol = signing::Protocol {
        verifier: Some(verifier.expose_secret()),
        ..signing::Protocol::default()
    };
    let token = Some((
        request_token.token.as_str(),
        request_token.secret.expose_secret(),
    ));
    let mut fields = call(
        http,
        app,
        params.access_token_method,
        &params.access_token_url,
        &[],
        token,
        protocol,
    )
    .await
    .map_err(|err| match err {
        // A used, expired or forged verifier: the provider's word, shown to the user.
        CallError::Refused(message) => OAuthError::ProviderError {
            remote: app.name.clone(),
            code: "invalid_verifier".into(),
            description: Some(message),
        },
        CallError::Failed(err) => err,
    })?;
    let access_token = AccessToken::new(take(&mut fields, app, "oauth_token")?);
    let secret = TokenSecret::new(take(&mut fields, app, "oauth_token_secret")?);
    let extra: serde_json::Map<String, serde_json::Value> = fields
        .into_iter()
        .map(|(name, value)| (name, serde_json::Value::String(value)))
        .collect();
    Ok(Token {
        extra: if extra.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::Value::Object(extra)
        },
        ..Token::oauth1(access_token, secret)
    })
}

/// The `Authorization` header of an API call made with a stored OAuth1 token (the seed's
/// token getter returned `(token, secret)` for exactly this); a form body is signed too.
pub(crate) fn api_authorization(
    app: &RemoteApp,
    token: &Token,
    method: &str,
    url: &Url,
    form: &[(String, String)],
) -> Result<String, OAuthError> {
    let Some(secret) = &token.secret else {
        return Err(OAuthError::ClientError {
            remote: app.name.clone(),
            message: "the stored OAuth1 token has no secret".into(),
        });
    };
    authorization_header(
        &app.credentials,
        Some((token.access_token.expose_secret(), secret.expose_secret())),
        signing::Protocol::default(),
        SignedRequest { method, url, form },
    )
    .map_err(|reserved| reserved_parameter(app, &reserved))
}

fn reserved_parameter(app: &RemoteApp, ReservedParameter(name): &ReservedParameter) -> OAuthError {
    OAuthError::ClientError {
        remote: app.name.clone(),
        message: format!("`{name}`: the oauth_ prefix is reserved for OAuth1 protocol parameters"),
    }
}

fn oauth1_params(app: &RemoteApp) -> Result<&OAuth1Params, OAuthError> {
    match &app.protocol {
        Protocol::OAuth1(params) => Ok(params),
        Protocol::OAuth2(_) => Err(OAuthError::ClientError {
            remote: app.name.clone(),
            message: "this is an OAuth2 app; it has no request token".into(),
        }),
    }
}

/// Why a token request failed.
enum CallError {
    /// The provider answered 400 or 401: it refused what we signed or sent.
    Refused(String),
    /// Anything else (unreachable, 5xx, unparsable): [`OAuthError::InvalidResponse`].
    Failed(OAuthError),
}

/// Sends one signed token request and parses its form-encoded answer.
async fn call(
    http: &HttpClient,
    app: &RemoteApp,
    method: TokenMethod,
    url: &Url,
    form: &[(String, String)],
    token: Option<(&str, &str)>,
    protocol: signing::Protocol<'_>,
) -> Result<BTreeMap<String, String>, CallError> {
    let (verb, mut target) = match method {
        TokenMethod::Post => ("POST", url.clone()),
        TokenMethod::Get => ("GET", url.clone()),
    };
    if method == TokenMethod::Get && !form.is_empty() {
        target.query_pairs_mut().extend_pairs(form);
    }
    let header = authorization_header(
        &app.credentials,
        token,
        protocol,
        SignedRequest {
            method: verb,
            url: &target,
            form: if method == TokenMethod::Post {
                form
            } else {
                &[]
            },
        },
    )
    .map_err(|reserved| CallError::Failed(reserved_parameter(app, &reserved)))?;
    let mut builder = match method {
        TokenMethod::Post => {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish();
            http.reqwest()
                .post(target)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body)
        }
        TokenMethod::Get => http.reqwest().get(target),
    };
    builder = builder.header(reqwest::header::AUTHORIZATION, header);
    let (status, _headers, body) = http
        .send(builder)
        .await
        .map_err(|err| CallError::Failed(err.for_remote(&app.name)))?;
    match status {
        200..=299 => parse_form(app, &body).map_err(CallError::Failed),
        400 | 401 => Err(CallError::Refused(format!(
            "{url} refused the signed request with HTTP {status}: {}",
            excerpt(&body)
        ))),
        _ => Err(CallError::Failed(invalid(
            app,
            &format!("{url} answered HTTP {status}: {}", excerpt(&body)),
        ))),
    }
}

/// An `application/x-www-form-urlencoded` answer; a repeated field is refused (which value
/// would be the token?).
fn parse_form(app: &RemoteApp, body: &[u8]) -> Result<BTreeMap<String, String>, OAuthError> {
    let mut fields = BTreeMap::new();
    for (name, value) in url::form_urlencoded::parse(body) {
        if fields
            .insert(name.to_string(), value.into_owned())
            .is_some()
        {
            return Err(invalid(
                app,
                &format!("the answer repeats the `{name}` field"),
            ));
        }
    }
    Ok(fields)
}

fn take(
    fields: &mut BTreeMap<String, String>,
    app: &RemoteApp,
    name: &str,
) -> Result<String, OAuthError> {
    fields
        .remove(name)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| invalid(app, &format!("the answer has no `{name}`")))
}

fn invalid(app: &RemoteApp, reason: &str) -> OAuthError {
    OAuthError::InvalidResponse {
        remote: app.name.clone(),
        reason: reason.to_owned(),
    }
}

/// The start of a provider's error body, printable and short, for the log and error message
/// (never a token: these are failed requests).
fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect()
}
