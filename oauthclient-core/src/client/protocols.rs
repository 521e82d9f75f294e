//! The built-in [`ProtocolHandler`]s: OAuth 2.0 and OAuth 1.0a.

use async_trait::async_trait;
use url::Url;

use super::oauth1::{RequestToken, exchange_verifier, oauth1_authorization_url, request_token};
use super::{ProtocolContext, ProtocolHandler, authorization_request, exchange_code};
use crate::config::Protocol;
use crate::error::OAuthError;
use crate::flow::Grant;
use crate::secret::constant_time_eq;
use crate::state::{PendingFlow, StateError};
use crate::token::Token;

/// OAuth 2.0 authorization code grant with PKCE S256 (registered as `oauth2`).
///
/// When the app configures an `issuer`, a callback's RFC 9207 `iss` must equal it.
#[derive(Debug, Clone, Copy, Default)]
pub struct OAuth2Protocol;

#[async_trait]
impl ProtocolHandler for OAuth2Protocol {
    async fn start(
        &self,
        ctx: &ProtocolContext<'_>,
        state: &str,
        flow: &mut PendingFlow,
    ) -> Result<Url, OAuthError> {
        let request = authorization_request(ctx.app, ctx.redirect_uri, state)?;
        flow.pkce_verifier = request.pkce_verifier;
        Ok(request.url)
    }

    async fn finish(&self, ctx: &ProtocolContext<'_>, grant: Grant) -> Result<Token, OAuthError> {
        let Grant::AuthorizationCode {
            code,
            pkce_verifier,
            iss,
            callback_params,
            ..
        } = grant
        else {
            return Err(wrong_grant(ctx, "an OAuth1 verifier reached an OAuth2 app"));
        };
        if let Protocol::OAuth2(params) = &ctx.app.protocol {
            check_issuer(&ctx.app.name, params.issuer.as_ref(), iss.as_deref())?;
        }
        let mut token = exchange_code(
            ctx.http,
            ctx.app,
            ctx.redirect_uri,
            &code,
            pkce_verifier.as_ref(),
        )
        .await?;
        crate::flow::attach_callback_params(&mut token, &callback_params);
        Ok(token)
    }
}

/// OAuth 1.0a (RFC 5849) three-legged flow (registered as `oauth1`).
#[derive(Debug, Clone, Copy, Default)]
pub struct OAuth1Protocol;

#[async_trait]
impl ProtocolHandler for OAuth1Protocol {
    /// Fetches a request token announcing our callback with the state in its query; keeps the
    /// token and its secret in the flow (server-side, used once).
    async fn start(
        &self,
        ctx: &ProtocolContext<'_>,
        state: &str,
        flow: &mut PendingFlow,
    ) -> Result<Url, OAuthError> {
        let mut callback = ctx.redirect_uri.clone();
        callback.query_pairs_mut().append_pair("state", state);
        let temporary = request_token(ctx.http, ctx.app, &callback).await?;
        let url = oauth1_authorization_url(ctx.app, &temporary.token)?;
        flow.request_token = Some(temporary.token);
        flow.request_token_secret = Some(temporary.secret);
        Ok(url)
    }

    async fn finish(&self, ctx: &ProtocolContext<'_>, grant: Grant) -> Result<Token, OAuthError> {
        let Grant::OAuth1Verifier {
            request_token,
            request_token_secret,
            verifier,
        } = grant
        else {
            return Err(wrong_grant(
                ctx,
                "an authorization code reached an OAuth1 app",
            ));
        };
        let request_token = RequestToken {
            token: request_token,
            secret: request_token_secret,
        };
        exchange_verifier(ctx.http, ctx.app, &request_token, &verifier).await
    }
}

/// RFC 9207: with a known issuer, an `iss` in the callback must be it (a mix-up attack sends
/// another authorization server's response to this app's callback). An absent `iss` passes:
/// only providers that send it can be checked.
pub fn check_issuer(
    remote: &str,
    issuer: Option<&Url>,
    iss: Option<&str>,
) -> Result<(), OAuthError> {
    let (Some(issuer), Some(iss)) = (issuer, iss) else {
        return Ok(());
    };
    // Issuers compare as exact strings (RFC 9207 §2.4); `Url` adds a `/` to a bare origin,
    // so an issuer configured without a path matches either spelling.
    let expected = issuer.as_str();
    let matches = constant_time_eq(expected.as_bytes(), iss.as_bytes())
        || (issuer.path() == "/"
            && constant_time_eq(expected.trim_end_matches('/').as_bytes(), iss.as_bytes()));
    if matches {
        Ok(())
    } else {
        tracing::warn!(
            remote,
            "refused a callback whose iss names another issuer (RFC 9207)"
        );
        Err(StateError::ForeignResponse.into())
    }
}

fn wrong_grant(ctx: &ProtocolContext<'_>, message: &str) -> OAuthError {
    OAuthError::ClientError {
        remote: ctx.app.name.clone(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::check_issuer;
    use crate::registry::{HandlerKind, Registry};

    #[test]
    fn both_protocols_are_registered_by_default() {
        let registry = Registry::default();
        assert!(registry.has_handler(HandlerKind::Protocol, "oauth2"));
        assert!(registry.has_handler(HandlerKind::Protocol, "oauth1"));
    }

    #[test]
    fn a_callback_from_another_issuer_is_refused() {
        let issuer = url::Url::parse("https://idp.example/").expect("url");
        assert!(check_issuer("idp", Some(&issuer), Some("https://idp.example/")).is_ok());
        assert!(check_issuer("idp", Some(&issuer), Some("https://idp.example")).is_ok());
        assert!(
            check_issuer("idp", Some(&issuer), None).is_ok(),
            "absent iss passes"
        );
        assert!(check_issuer("idp", Some(&issuer), Some("https://evil.example/")).is_err());
    }
}
