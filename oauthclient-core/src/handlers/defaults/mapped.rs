//! [`MappedAccountInfo`]: the generic provider. An app with `[remote_apps.<name>.account_info]`
//! learns who signed in from the documents and pointers it configures, with no provider code.

mod apply;
#[cfg(test)]
mod tests;

use async_trait::async_trait;
use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

pub use apply::{Documents, MAX_GROUP_CHARS, MAX_GROUPS, MappingError};

use crate::account::AccountInfo;
use crate::client::{ApiMethod, ApiRequest};
use crate::config::{DocumentRequest, Source};
use crate::error::OAuthError;
use crate::handlers::{AccountInfoHandler, ProviderContext};
use crate::token::Token;

/// The account info of an app with `[remote_apps.<name>.account_info]`
/// ([`crate::config::AccountMapping`]): fetches the `userinfo` and `emails` documents the
/// mapping reads (each once, with the user's token, on `base_url`'s origin), takes the ID
/// token's claims, the token response, a JWT access token's payload and the callback's extra
/// parameters from the token, and applies the mapping.
///
/// A non-2xx `userinfo` (or `emails` other than 403/404, which mean "no address"), a body that
/// is not JSON, or a missing or unusable id is an [`OAuthError::InvalidResponse`] (502).
///
/// Chosen by [`crate::Registry::resolve`] for every app with a mapping and no
/// `signup_handler.info`; it reads the mapping from the app's configuration.
///
/// ```
/// use oauthclient_core::handlers::defaults::MappedAccountInfo;
/// let _handler = MappedAccountInfo;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct MappedAccountInfo;

#[async_trait]
impl AccountInfoHandler for MappedAccountInfo {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        let mapping =
            ctx.remote
                .account_mapping
                .as_ref()
                .ok_or_else(|| OAuthError::ClientError {
                    remote: ctx.app.to_owned(),
                    message: "mapped account info needs [remote_apps.<name>.account_info]".into(),
                })?;
        let fetch = |request: DocumentRequest, optional: bool| async move {
            fetch_document(ctx, token, &request, optional).await
        };
        let userinfo = match &mapping.userinfo {
            Some(request) if mapping.reads(Source::Userinfo) => {
                fetch(request.clone(), false).await?
            }
            _ => None,
        };
        let emails = match &mapping.emails {
            Some(request) if mapping.reads(Source::Emails) => fetch(request.clone(), true).await?,
            _ => None,
        };
        let documents = Documents {
            userinfo,
            emails,
            ..documents_in_token(token)
        };
        let mut info = mapping
            .apply(&documents)
            .map_err(|err| OAuthError::InvalidResponse {
                remote: ctx.app.to_owned(),
                reason: err.to_string(),
            })?;
        ctx.app.clone_into(&mut info.external_method);
        Ok(info)
    }
}

/// One document, asked for with the user's token. `optional` documents (the e-mail list)
/// answering 403 or 404 are absent rather than an error: the provider keeps them for some
/// scopes or account kinds only.
async fn fetch_document(
    ctx: &ProviderContext<'_>,
    token: &Token,
    request: &DocumentRequest,
    optional: bool,
) -> Result<Option<Value>, OAuthError> {
    let method = if request.post {
        ApiMethod::Post
    } else {
        ApiMethod::Get
    };
    let mut api_request = ApiRequest::new(method, request.url.as_str()).with_token(token.clone());
    for (name, value) in &request.headers {
        api_request = api_request.header(name.as_str(), value.as_str());
    }
    let response = ctx.api.send(api_request).await?;
    if optional && matches!(response.status, 403 | 404) {
        return Ok(None);
    }
    response.json(ctx.app).map(Some)
}

/// The documents the token itself carries.
///
/// * `id_token`: `token.extra.id_token_claims`, which only the OpenID Connect protocol writes,
///   after verifying the ID token;
/// * `token`: the token response's other fields, without `callback` (so the browser-supplied
///   parameters cannot be read as `token:` fields) and without the raw `id_token`;
/// * `access_token`: the payload of a JWT access token. The token handed to an account-info
///   handler is the one this callback's token response just brought over TLS from the token
///   endpoint (docs/security.md, "Access-token claims");
/// * `callback`: `token.extra.callback`, the callback's extra parameters.
pub(crate) fn documents_in_token(token: &Token) -> Documents {
    let extra = token.extra.as_object();
    let member = |name: &str| extra.and_then(|extra| extra.get(name)).cloned();
    let token_fields = extra.map(|extra| {
        let mut fields = extra.clone();
        fields.remove("callback");
        fields.remove("id_token");
        Value::Object(fields)
    });
    Documents {
        id_token: member("id_token_claims").filter(Value::is_object),
        token: token_fields,
        access_token: jwt_payload(token.access_token.expose_secret()),
        callback: member("callback"),
        ..Documents::default()
    }
}

/// The payload of a compact JWS (`header.payload.signature`), decoded without checking the
/// signature; `None` for an opaque token.
fn jwt_payload(token: &str) -> Option<Value> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = Base64UrlUnpadded::decode_vec(payload).ok()?;
    serde_json::from_slice::<Value>(&bytes)
        .ok()
        .filter(Value::is_object)
}
