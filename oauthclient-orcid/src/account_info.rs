//! [`OrcidAccountInfo`]: the ORCID iD and name from the token response.

use async_trait::async_trait;
use oauthclient_core::handlers::{AccountInfoHandler, ProviderContext};
use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token};

use crate::orcid_id::is_orcid_id;

/// The seed's `orcid:account_info` ([`crate::Orcid`]'s account info). ORCID answers the token request with the user's iD and
/// name beside the token (`{"access_token": ..., "orcid": "0000-0001-2345-6789", "name":
/// "Sofia Garcia", ...}`), so no API call is needed:
///
/// | token response | [`AccountInfo`] |
/// |---|---|
/// | `orcid` | `external_id` |
/// | `name` (may be `null` or empty when private) | `full_name` |
/// | (none) | `email`: ORCID gives none, so a new user always sees the sign-up form |
///
/// A token response without a well-formed `orcid` ([`crate::is_orcid_id`]) is an
/// [`OAuthError::InvalidResponse`].
///
/// ```
/// # use oauthclient_core::handlers::{AccountInfoHandler, ProviderContext};
/// # use oauthclient_core::{Token, secret::AccessToken};
/// # async fn example(ctx: &ProviderContext<'_>) -> Result<(), oauthclient_core::OAuthError> {
/// use oauthclient_orcid::OrcidAccountInfo;
///
/// let token = Token {
///     extra: serde_json::json!({"orcid": "0000-0001-2345-6789", "name": "Sofia Garcia"}),
///     ..Token::bearer(AccessToken::new("orcid-access-token"))
/// };
/// let info = OrcidAccountInfo.account_info(ctx, &token).await?;
/// assert_eq!(info.external_id.as_str(), "0000-0001-2345-6789");
/// assert_eq!(info.full_name.as_deref(), Some("Sofia Garcia"));
/// assert!(info.email.is_none());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct OrcidAccountInfo;

#[async_trait]
impl AccountInfoHandler for OrcidAccountInfo {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        from_token(ctx.app, token)
    }
}

/// Maps the token response's extra fields.
fn from_token(app: &str, token: &Token) -> Result<AccountInfo, OAuthError> {
    let orcid = token.extra["orcid"]
        .as_str()
        .filter(|orcid| is_orcid_id(orcid))
        .ok_or_else(|| OAuthError::InvalidResponse {
            remote: app.to_owned(),
            reason: "the token response has no valid `orcid` iD".into(),
        })?;
    let mut info = AccountInfo::new(ExternalId::new(orcid), app);
    if let Some(name) = token.extra["name"]
        .as_str()
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        info = info.with_full_name(name);
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oauthclient_core::secret::AccessToken;

    fn token(extra: serde_json::Value) -> Token {
        Token {
            extra,
            ..Token::bearer(AccessToken::new("t"))
        }
    }

    #[test]
    fn maps_the_token_response() {
        let info = from_token(
            "orcid",
            &token(serde_json::json!({"orcid": "0000-0001-2345-6789", "name": " Sofia Garcia "})),
        )
        .expect("maps");
        assert_eq!(info.external_id.as_str(), "0000-0001-2345-6789");
        assert_eq!(info.external_method, "orcid");
        assert_eq!(info.full_name.as_deref(), Some("Sofia Garcia"));
        assert!(info.email.is_none() && info.username.is_none());
    }

    #[test]
    fn a_private_name_is_no_name() {
        for name in [
            serde_json::Value::Null,
            serde_json::json!(""),
            serde_json::json!(7),
        ] {
            let info = from_token(
                "orcid",
                &token(serde_json::json!({"orcid": "0000-0002-1825-0097", "name": name})),
            )
            .expect("maps");
            assert!(info.full_name.is_none());
        }
    }

    #[test]
    fn no_valid_orcid_is_an_invalid_response() {
        for extra in [
            serde_json::Value::Null,
            serde_json::json!({"name": "Sofia Garcia"}),
            serde_json::json!({"orcid": ""}),
            serde_json::json!({"orcid": 1}),
            serde_json::json!({"orcid": "0000-0001-2345-6788"}),
        ] {
            let err = from_token("orcid", &token(extra)).expect_err("refused");
            assert!(matches!(err, OAuthError::InvalidResponse { .. }), "{err:?}");
        }
    }
}
