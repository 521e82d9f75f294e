//! [`FakeAccountInfo`]: the account info of the fake provider, and [`Testkit`], the provider
//! `testkit` that brings it to any app pointed at a [`crate::FakeProvider`].

use std::sync::Arc;

use async_trait::async_trait;
use oauthclient_core::config::RemoteAppSettings;
use oauthclient_core::handlers::{AccountInfoHandler, ApiRequest, ProviderContext};
use oauthclient_core::registry::{Provider, ProviderEntry};
use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token};

/// The id [`Testkit`] is linked under: an app with `provider = "testkit"` (as
/// [`crate::FakeProvider::remote_app_toml`] writes) signs users in with [`FakeAccountInfo`].
///
/// ```
/// assert_eq!(oauthclient_testkit::PROVIDER, "testkit");
/// ```
pub const PROVIDER: &str = "testkit";

/// The provider `testkit`: no endpoints of its own (each [`crate::FakeProvider`] listens on
/// its own port, which the app's table names) and [`FakeAccountInfo`]. Linked through
/// `inventory`; make sure the binary links this crate (`use oauthclient_testkit as _;`).
///
/// ```
/// use oauthclient_core::registry::Registry;
/// use oauthclient_testkit as _; // links the provider
///
/// let registry = Registry::from_inventory()?;
/// let testkit = registry.provider("testkit").expect("linked");
/// assert!(testkit.account_info().is_some());
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Testkit;

impl Provider for Testkit {
    fn id(&self) -> &str {
        PROVIDER
    }

    fn defaults(&self) -> RemoteAppSettings {
        RemoteAppSettings {
            title: Some("Fake provider (oauthclient-testkit)".into()),
            description: Some("An in-process fake OAuth 2.0 provider for tests.".into()),
            ..RemoteAppSettings::default()
        }
    }

    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        Some(Arc::new(FakeAccountInfo))
    }
}

oauthclient_core::inventory::submit! {
    ProviderEntry::new(&Testkit).with_origin(module_path!())
}

/// Learns who signed in at a [`crate::FakeProvider`]: `GET user` (relative to the app's
/// `base_url`) with the user's token, mapped to an [`AccountInfo`]:
///
/// | `/api/user` | [`AccountInfo`] |
/// |---|---|
/// | `id` | `external_id` (and `external_method` = the app name) |
/// | `email`, `email_verified` | `email`, `email_verified` |
/// | `login` | `username` |
/// | `name` | `full_name` |
///
/// A non-2xx answer, a body that is not JSON, or a missing or empty `id` is an
/// [`OAuthError::InvalidResponse`].
///
/// [`Testkit`]'s account info: an app with `provider = "testkit"` runs it.
#[derive(Debug, Clone, Copy, Default)]
pub struct FakeAccountInfo;

#[async_trait]
impl AccountInfoHandler for FakeAccountInfo {
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError> {
        let response = ctx
            .api
            .send(ApiRequest::get("user").with_token(token.clone()))
            .await?;
        let user: serde_json::Value = response.json(ctx.app)?;
        account_info_from_json(ctx.app, &user)
    }
}

/// Maps the fake provider's `/api/user` JSON for app `app`.
fn account_info_from_json(app: &str, user: &serde_json::Value) -> Result<AccountInfo, OAuthError> {
    let id = match &user["id"] {
        serde_json::Value::String(id) if !id.is_empty() => id.clone(),
        serde_json::Value::Number(id) => id.to_string(),
        _ => {
            return Err(OAuthError::InvalidResponse {
                remote: app.to_owned(),
                reason: "the user info has no id".into(),
            });
        }
    };
    let mut info = AccountInfo::new(ExternalId::new(id), app);
    if let Some(email) = user["email"].as_str() {
        let verified = user["email_verified"].as_bool().unwrap_or(false);
        info = info.with_email(email, verified);
    }
    if let Some(login) = user["login"].as_str() {
        info = info.with_username(login);
    }
    if let Some(name) = user["name"].as_str() {
        info = info.with_full_name(name);
    }
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FakeUser;

    #[test]
    fn maps_every_field() {
        let info = account_info_from_json("fake", &FakeUser::default().to_json()).expect("maps");
        assert_eq!(info.external_id.as_str(), "1001");
        assert_eq!(info.external_method, "fake");
        assert_eq!(info.trusted_email(), Some("octo@example.org"));
        assert_eq!(info.username.as_deref(), Some("octo"));
        assert_eq!(info.full_name.as_deref(), Some("Octo Cat"));
    }

    #[test]
    fn unverified_or_missing_email() {
        let user = FakeUser {
            email_verified: false,
            ..FakeUser::default()
        };
        let info = account_info_from_json("fake", &user.to_json()).expect("maps");
        assert_eq!(info.email.as_deref(), Some("octo@example.org"));
        assert_eq!(info.trusted_email(), None);
        let user = FakeUser {
            email: None,
            name: None,
            ..FakeUser::default()
        };
        let info = account_info_from_json("fake", &user.to_json()).expect("maps");
        assert!(info.email.is_none() && info.full_name.is_none());
    }

    #[test]
    fn numeric_ids_are_kept_and_missing_ids_refused() {
        let info = account_info_from_json("fake", &serde_json::json!({"id": 583_231}))
            .expect("numeric id");
        assert_eq!(info.external_id.as_str(), "583231");
        for user in [
            serde_json::json!({}),
            serde_json::json!({"id": ""}),
            serde_json::json!({"id": null}),
            serde_json::json!([1]),
        ] {
            assert!(matches!(
                account_info_from_json("fake", &user),
                Err(OAuthError::InvalidResponse { .. })
            ));
        }
    }
}
