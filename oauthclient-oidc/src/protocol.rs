//! [`OidcProtocol`]: the authorization code flow with PKCE S256 and a `nonce`, the RFC 9207
//! `iss` check, ID token validation, and RP-initiated logout.

use async_trait::async_trait;
use oauthclient_core::client::{TokenRequestAuth, token_from_response, token_request_auth};
use oauthclient_core::clock::SystemClock;
use oauthclient_core::config::{IssuerTemplate, OAuth2Params, Protocol, RemoteApp, ResponseMode};
use oauthclient_core::flow::Grant;
use oauthclient_core::handlers::{ProtocolContext, ProtocolHandler};
use oauthclient_core::secret::{FlowNonce, PkceVerifier, RefreshToken, constant_time_eq};
use oauthclient_core::state::{PendingFlow, StateError};
use oauthclient_core::{OAuthError, Token};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreErrorResponseType, CoreTokenResponse,
};
use openidconnect::{
    AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RequestTokenError, Scope, StandardErrorResponse, TokenResponse,
};
use url::Url;

use crate::discovery::{Discovery, Metadata};
use crate::id_token::{self, FullIdToken};
use crate::jwks::{self, Jwks};
use crate::tenant;

/// A client built from discovery: token and userinfo endpoints may be absent from it.
type DiscoveredClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// OpenID Connect ([`crate::Oidc`]'s protocol): endpoints and keys from the issuer's
/// discovery document (cached per issuer, so one value may serve apps at several issuers; the
/// issuer must match exactly and every endpoint be https or loopback http; the keys are
/// fetched again when a token is signed by a new one), the code flow with PKCE S256 (unless
/// the app sets `pkce = false`) and a per-flow `nonce`, RFC 9207 `iss` checked before the code
/// is exchanged, and the ID token validated (signature by an allowed asymmetric algorithm,
/// `iss`, `aud`, `exp`/`iat` with a minute of leeway, `nonce`, `at_hash`, and `auth_time`
/// within `max_age` when the login asked for one).
///
/// The token it returns carries every claim of the validated ID token in
/// `extra.id_token_claims` (standard and provider-specific ones such as `groups`; what
/// [`crate::OidcAccountInfo`] reads), the raw `extra.id_token`, and
/// `extra.userinfo_endpoint` when the provider has one.
///
/// ```
/// use oauthclient_core::registry::Provider;
/// assert!(oauthclient_oidc::Oidc.protocol().is_some());
/// ```
#[derive(Debug, Default)]
pub struct OidcProtocol {
    discovery: Discovery,
    /// The provider's signing keys; re-fetched when a token names a key we do not have.
    jwks: Jwks,
}

#[async_trait]
impl ProtocolHandler for OidcProtocol {
    async fn start(
        &self,
        ctx: &ProtocolContext<'_>,
        state: &str,
        flow: &mut PendingFlow,
    ) -> Result<Url, OAuthError> {
        let (params, metadata) = self.metadata(ctx).await?;
        // The authorization request carries no client authentication.
        let client = client(ctx.app, ctx.redirect_uri, &metadata, None);
        let state = state.to_owned();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || CsrfToken::new(state),
            Nonce::new_random,
        );
        // `openid` is always sent; the rest are the configured scopes.
        for scope in params.scopes.iter().filter(|scope| *scope != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        for (name, value) in &params.authorize_params {
            request = request.add_extra_param(name.clone(), value.clone());
        }
        if params.response_mode != ResponseMode::Query {
            request = request.add_extra_param("response_mode", params.response_mode.as_str());
        }
        // `pkce = false` is for providers (or tenants) that refuse the extra parameters; the
        // nonce in the ID token still binds the code to this flow.
        if params.pkce {
            let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
            request = request.set_pkce_challenge(challenge);
            flow.pkce_verifier = Some(PkceVerifier::new(verifier.into_secret()));
        }
        let (url, _state, nonce) = request.url();
        flow.oidc_nonce = Some(FlowNonce::new(nonce.secret().clone()));
        Ok(url)
    }

    async fn finish(&self, ctx: &ProtocolContext<'_>, grant: Grant) -> Result<Token, OAuthError> {
        let remote = ctx.app.name.as_str();
        let Grant::AuthorizationCode {
            code,
            pkce_verifier,
            iss,
            oidc_nonce,
            login_options,
            callback_params,
        } = grant
        else {
            return Err(OAuthError::ClientError {
                remote: remote.to_owned(),
                message: "an OAuth1 verifier reached an OpenID Connect app".into(),
            });
        };
        let (params, metadata) = self.metadata(ctx).await?;
        let template = params.issuer_template.as_deref();
        check_iss(remote, &metadata, template, iss.as_deref())?;
        let Some(nonce) = oidc_nonce else {
            // A flow started by another protocol handler (the app was reconfigured meanwhile).
            return Err(StateError::ForeignResponse.into());
        };
        if params.pkce && pkce_verifier.is_none() {
            // Started before PKCE was turned on, or by another protocol handler.
            return Err(StateError::ForeignResponse.into());
        }
        let auth = endpoint_auth(ctx.app, params, &metadata)?;
        let client = client(ctx.app, ctx.redirect_uri, &metadata, Some(&auth));
        // Core's client with the app's User-Agent; the future owns its clones.
        let (http, agent) = (ctx.http.clone(), params.user_agent.clone());
        let call = move |request| {
            let (http, agent) = (http.clone(), agent.clone());
            async move { http.oauth2_call_as(request, agent.as_deref()).await }
        };
        let mut exchange = client
            .exchange_code(AuthorizationCode::new(code.expose_secret().to_owned()))
            .map_err(|err| configuration(remote, &err))?;
        for (name, value) in auth.extra_params() {
            exchange = exchange.add_extra_param(name, value.to_owned());
        }
        // A flow started with a challenge sends its verifier, even if PKCE was turned off since.
        if let Some(verifier) = pkce_verifier {
            exchange = exchange
                .set_pkce_verifier(PkceCodeVerifier::new(verifier.expose_secret().to_owned()));
        }
        let response = exchange
            .request_async(&call)
            .await
            .map_err(|err| token_error(remote, err))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| OAuthError::InvalidResponse {
                remote: remote.to_owned(),
                reason: "the token response has no id_token".into(),
            })?;
        // Read again with every claim kept: the token response type only knows the standard
        // ones, and `groups`, `tid`, `realm_access`, ... are what account mapping needs.
        let id_token = id_token.to_string().parse::<FullIdToken>().map_err(|err| {
            OAuthError::InvalidResponse {
                remote: remote.to_owned(),
                reason: format!("unusable ID token: {err}"),
            }
        })?;
        let nonce = Nonce::new(nonce.expose_secret().to_owned());
        let jwks_uri = metadata.jwks_uri();
        let claims = self
            .jwks
            .verify(
                remote,
                jwks_uri.as_str(),
                || jwks::fetch(remote, ctx.http, jwks_uri),
                |keys| {
                    let verifier = id_token::verifier(
                        client.client_id().clone(),
                        metadata.issuer().clone(),
                        keys.clone(),
                        login_options.max_age,
                        template.is_none(),
                    );
                    id_token::validate(
                        remote,
                        &id_token,
                        &verifier,
                        &nonce,
                        response.access_token(),
                    )
                },
            )
            .await?;
        if let Some(template) = template {
            tenant::check_token(remote, template, claims, iss.as_deref())?;
        }
        let claims = serde_json::to_value(claims).map_err(|err| OAuthError::InvalidResponse {
            remote: remote.to_owned(),
            reason: format!("unusable ID token claims: {err}"),
        })?;
        let mut extra = userinfo_extra(&metadata);
        extra.insert("id_token".into(), id_token.to_string().into());
        extra.insert("id_token_claims".into(), claims);
        let mut token = token_of(&response, params, extra);
        oauthclient_core::flow::attach_callback_params(&mut token, &callback_params);
        Ok(token)
    }

    /// The refresh grant at the discovered `token_endpoint`: with only `params.issuer`
    /// configured, the app's `access_token_url` is the issuer itself. An ID token in the
    /// answer is not kept (it would need validating without a nonce); the claims of the
    /// sign-in are what account info reads.
    async fn refresh(
        &self,
        ctx: &ProtocolContext<'_>,
        refresh_token: &RefreshToken,
    ) -> Result<Token, OAuthError> {
        let remote = ctx.app.name.as_str();
        let (params, metadata) = self.metadata(ctx).await?;
        let auth = endpoint_auth(ctx.app, params, &metadata)?;
        let client = client(ctx.app, ctx.redirect_uri, &metadata, Some(&auth));
        // Core's client with the app's User-Agent; the future owns its clones.
        let (http, agent) = (ctx.http.clone(), params.user_agent.clone());
        let call = move |request| {
            let (http, agent) = (http.clone(), agent.clone());
            async move { http.oauth2_call_as(request, agent.as_deref()).await }
        };
        let secret = openidconnect::RefreshToken::new(refresh_token.expose_secret().to_owned());
        let mut request = client
            .exchange_refresh_token(&secret)
            .map_err(|err| configuration(remote, &err))?;
        for (name, value) in auth.extra_params() {
            request = request.add_extra_param(name, value.to_owned());
        }
        let response = request
            .request_async(&call)
            .await
            .map_err(|err| token_error(remote, err))?;
        let mut token = token_of(&response, params, userinfo_extra(&metadata));
        // A provider that does not rotate refresh tokens answers without one.
        if token.refresh_token.is_none() {
            token.refresh_token = Some(refresh_token.clone());
        }
        Ok(token)
    }

    /// RP-Initiated Logout 1.0, when the provider advertises an `end_session_endpoint`:
    /// `client_id` and `post_logout_redirect_uri` only. The ID token is not sent as
    /// `id_token_hint`: tokens never go into URLs.
    async fn logout_url(
        &self,
        ctx: &ProtocolContext<'_>,
        _token: Option<&Token>,
        return_to: &Url,
    ) -> Result<Option<Url>, OAuthError> {
        let (_params, metadata) = self.metadata(ctx).await?;
        let Some(end_session) = &metadata.additional_metadata().end_session_endpoint else {
            return Ok(None);
        };
        let mut url = end_session.url().clone();
        url.query_pairs_mut()
            .append_pair("client_id", &ctx.app.credentials.consumer_key)
            .append_pair("post_logout_redirect_uri", return_to.as_str());
        Ok(Some(url))
    }
}

impl OidcProtocol {
    async fn metadata<'a>(
        &self,
        ctx: &ProtocolContext<'a>,
    ) -> Result<(&'a OAuth2Params, std::sync::Arc<Metadata>), OAuthError> {
        let params = oidc_params(ctx.app)?;
        let issuer = params
            .issuer
            .as_ref()
            .ok_or_else(|| OAuthError::ClientError {
                remote: ctx.app.name.clone(),
                message: "an OpenID Connect app needs params.issuer".into(),
            })?;
        let template = params
            .issuer_template
            .as_ref()
            .map(|template| template.template.as_str());
        let metadata = self
            .discovery
            .metadata(&ctx.app.name, ctx.http, issuer, template)
            .await?;
        Ok((params, metadata))
    }
}

fn oidc_params(app: &RemoteApp) -> Result<&OAuth2Params, OAuthError> {
    match &app.protocol {
        Protocol::OAuth2(params) => Ok(params),
        Protocol::OAuth1(_) => Err(OAuthError::ClientError {
            remote: app.name.clone(),
            message: "an OpenID Connect app cannot have a request_token_url".into(),
        }),
    }
}

/// The client authentication of one request to the discovered token endpoint (a fresh
/// assertion for the JWT methods), addressed with the discovered issuer.
fn endpoint_auth(
    app: &RemoteApp,
    params: &OAuth2Params,
    metadata: &Metadata,
) -> Result<TokenRequestAuth, OAuthError> {
    let endpoint = metadata
        .token_endpoint()
        .map_or(&params.access_token_url, |endpoint| endpoint.url());
    token_request_auth(
        app,
        endpoint,
        Some(metadata.issuer().as_str()),
        &SystemClock,
    )
}

/// The client of the discovered endpoints, authenticating as `auth` says (none: only the
/// authorization URL is wanted).
fn client(
    app: &RemoteApp,
    redirect_uri: &Url,
    metadata: &Metadata,
    auth: Option<&TokenRequestAuth>,
) -> DiscoveredClient {
    let secret = auth
        .and_then(TokenRequestAuth::secret)
        .map(|secret| ClientSecret::new(secret.expose_secret().to_owned()));
    CoreClient::from_provider_metadata(
        metadata.clone(),
        ClientId::new(app.credentials.consumer_key.clone()),
        secret,
    )
    .set_redirect_uri(RedirectUrl::from_url(redirect_uri.clone()))
    .set_auth_type(if auth.is_some_and(TokenRequestAuth::basic) {
        AuthType::BasicAuth
    } else {
        AuthType::RequestBody
    })
}

/// `extra` of a token: `userinfo_endpoint` when the provider has one.
fn userinfo_extra(metadata: &Metadata) -> serde_json::Map<String, serde_json::Value> {
    let mut extra = serde_json::Map::new();
    if let Some(userinfo) = metadata.userinfo_endpoint() {
        extra.insert("userinfo_endpoint".into(), userinfo.url().as_str().into());
    }
    extra
}

/// Our [`Token`] of a token response (core's conversion), `extra` as built here.
fn token_of(
    response: &CoreTokenResponse,
    params: &OAuth2Params,
    extra: serde_json::Map<String, serde_json::Value>,
) -> Token {
    token_from_response(response, params, serde_json::Value::Object(extra))
}

/// RFC 9207 §2.4: an `iss` must be the issuer (exactly); a provider that advertises
/// `authorization_response_iss_parameter_supported` must send one. Checked before the code is
/// exchanged: a mixed-up code is still redeemable at the honest provider. With a multi-tenant
/// template, `iss` must be the template filled with a GUID here, and the ID token's `iss`
/// after validation.
fn check_iss(
    remote: &str,
    metadata: &Metadata,
    template: Option<&IssuerTemplate>,
    iss: Option<&str>,
) -> Result<(), OAuthError> {
    let expected = metadata.issuer().as_str();
    let ok = match (iss, template) {
        (Some(iss), Some(template)) => tenant::iss_fits_template(template, iss),
        (Some(iss), None) => constant_time_eq(expected.as_bytes(), iss.as_bytes()),
        (None, _) => {
            !metadata
                .additional_metadata()
                .authorization_response_iss_parameter_supported
        }
    };
    if ok {
        Ok(())
    } else {
        tracing::warn!(
            remote,
            "refused a callback whose iss is not the issuer (RFC 9207)"
        );
        Err(StateError::ForeignResponse.into())
    }
}

fn configuration(remote: &str, err: &impl std::fmt::Display) -> OAuthError {
    OAuthError::ClientError {
        remote: remote.to_owned(),
        message: format!("the provider's metadata lacks an endpoint: {err}"),
    }
}

fn token_error(
    remote: &str,
    err: RequestTokenError<
        oauthclient_core::client::HttpError,
        StandardErrorResponse<CoreErrorResponseType>,
    >,
) -> OAuthError {
    match err {
        RequestTokenError::ServerResponse(response) => {
            let code = response.error().to_string();
            let description = response
                .error_description()
                .map(|text| text.chars().filter(|c| !c.is_control()).take(200).collect());
            if matches!(response.error(), CoreErrorResponseType::InvalidClient) {
                OAuthError::ClientError {
                    remote: remote.to_owned(),
                    message: format!("the provider refused our client credentials ({code})"),
                }
            } else {
                OAuthError::ProviderError {
                    remote: remote.to_owned(),
                    code,
                    description,
                }
            }
        }
        RequestTokenError::Request(err) => err.for_remote(remote),
        RequestTokenError::Parse(err, _body) => OAuthError::InvalidResponse {
            remote: remote.to_owned(),
            reason: format!("not a token response: {err}"),
        },
        RequestTokenError::Other(message) => OAuthError::InvalidResponse {
            remote: remote.to_owned(),
            reason: message,
        },
    }
}

#[cfg(test)]
mod tests;
