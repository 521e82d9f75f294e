//! Handler traits: the seed's customisation points, as async traits.
//!
//! | seed config key | trait | called |
//! |---|---|---|
//! | `authorized_handler` | [`AuthorizedHandler`] | after the token exchange |
//! | `disconnect_handler` | [`DisconnectHandler`] | on `POST /oauth/disconnect/{app}/` |
//! | `signup_handler.info` | [`AccountInfoHandler`] | to learn who the user is at the remote |
//! | `signup_handler.setup` | [`AccountSetupHandler`] | once, when an account is first linked |
//! | `signup_handler.view` | [`SignupViewHandler`] | to validate the extra sign-up form |
//! | (provider only) | [`RevokeHandler`] | after core's disconnect unlinked, to revoke the grant at the remote |
//!
//! A provider brings its handlers ([`crate::registry::Provider`]): an app using the provider
//! runs them wherever its configuration names none. A host's own handler instances are
//! registered by name on the [`crate::registry::Registry`] and referenced by that name in
//! configuration (`authorized_handler = "authorized_signup"`), like the seed's import paths.
//! Host-level handlers (authorized, disconnect, sign-up view) get everything they need through
//! a [`HandlerContext`] and return values; the web layer performs the session and HTTP
//! effects. A provider's handlers (account info, account setup, revoke) get only a
//! [`ProviderContext`]: the app, its remote settings and its API client — no store.
//!
//! The protocol a flow speaks ([`ProtocolHandler`]) and the remote API handlers call
//! ([`RemoteApi`]) belong to [`crate::client`], one layer down, which implements both; they are
//! re-exported here so every trait a provider crate may implement is in one place.
//!
//! ```
//! use async_trait::async_trait;
//! use oauthclient_core::handlers::{AccountInfoHandler, ApiRequest, ProviderContext};
//! use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token};
//!
//! /// account_info for a provider whose API answers `GET /me` with `{"id": ..., "email": ...}`.
//! struct MeEndpoint;
//!
//! #[async_trait]
//! impl AccountInfoHandler for MeEndpoint {
//!     async fn account_info(&self, ctx: &ProviderContext<'_>, token: &Token) -> Result<AccountInfo, OAuthError> {
//!         let me: serde_json::Value = ctx.api.send(ApiRequest::get("me").with_token(token.clone())).await?.json(ctx.app)?;
//!         let id = me["id"].as_str().ok_or_else(|| OAuthError::InvalidResponse {
//!             remote: ctx.app.to_owned(),
//!             reason: "no id".into(),
//!         })?;
//!         Ok(AccountInfo::new(ExternalId::new(id), ctx.app))
//!     }
//! }
//! ```

mod app_handlers;
pub mod defaults;
mod events;
mod provider_context;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

// Defined with the flow it ends; re-exported beside the handler trait that returns it.
pub use crate::flow::AuthorizedOutcome;
// The protocol is the client's; re-exported here with the other traits a provider implements.
pub use crate::client::{ProtocolContext, ProtocolHandler};
// The API interface handlers call is the client's too.
pub use crate::client::{ApiAuth, ApiMethod, ApiRequest, ApiResponse, RemoteApi};
pub use app_handlers::AppHandlers;
pub use events::{EventBus, EventListener, OAuthEvent};
pub use provider_context::ProviderContext;

use crate::account::{AccountInfo, NewUser, UserId};
use crate::config::RemoteApp;
use crate::error::OAuthError;
use crate::message::Message;
use crate::store::{AccountStore, UserStore};
use crate::token::Token;

/// Everything a handler may use for one request.
///
/// The web layer builds it; handlers read from it:
///
/// ```
/// use oauthclient_core::handlers::HandlerContext;
/// use oauthclient_core::{account::RemoteAccount, OAuthError};
///
/// /// The signed-in user's link to this context's remote app, if any.
/// async fn current_link(ctx: &HandlerContext<'_>) -> Result<Option<RemoteAccount>, OAuthError> {
///     let Some(user_id) = ctx.current_user else { return Ok(None) };
///     Ok(ctx.accounts.remote_account(user_id, &ctx.remote.credentials.consumer_key).await?)
/// }
/// ```
#[derive(Clone, Copy)]
pub struct HandlerContext<'a> {
    /// The remote app name (the URL segment and identity method).
    pub app: &'a str,
    /// The remote app's configuration.
    pub remote: &'a RemoteApp,
    /// The signed-in local user, if any.
    pub current_user: Option<&'a UserId>,
    /// Remote accounts, tokens and identities.
    pub accounts: &'a dyn AccountStore,
    /// Local users.
    pub users: &'a dyn UserStore,
    /// The remote app's API.
    pub api: &'a dyn RemoteApi,
    /// The app's other handlers (an authorized handler calls the sign-up ones).
    pub handlers: &'a AppHandlers,
    /// Event listeners.
    pub events: &'a EventBus,
    /// The host's policy (sign-up open?, pre-sign-in, new-user fields, events).
    pub policy: &'a dyn crate::host_policy::HostPolicy,
}

impl HandlerContext<'_> {
    /// The narrow view of this context a provider's handlers get: the app, its remote
    /// settings and its API client.
    ///
    /// ```
    /// use oauthclient_core::handlers::{HandlerContext, ProviderContext};
    ///
    /// fn for_the_provider<'a>(ctx: &'a HandlerContext<'_>) -> ProviderContext<'a> {
    ///     let provider = ctx.provider();
    ///     assert_eq!(provider.app, ctx.app);
    ///     provider
    /// }
    /// ```
    pub fn provider(&self) -> ProviderContext<'_> {
        ProviderContext::new(self.app, self.remote, self.api)
    }
}

impl std::fmt::Debug for HandlerContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HandlerContext")
            .field("app", &self.app)
            .field("current_user", &self.current_user)
            .finish_non_exhaustive()
    }
}

/// The seed's `authorized_handler`: decides what a fresh token means for the user.
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::handlers::{AuthorizedHandler, AuthorizedOutcome, HandlerContext};
/// use oauthclient_core::registry::{Handler, HandlerKind, Registry};
/// use oauthclient_core::{OAuthError, Token};
///
/// /// Like the seed's `authorized_default`: keep the token in the session, link nothing.
/// struct SessionOnly;
///
/// #[async_trait]
/// impl AuthorizedHandler for SessionOnly {
///     async fn authorized(&self, _ctx: &HandlerContext<'_>, _token: Token) -> Result<AuthorizedOutcome, OAuthError> {
///         Ok(AuthorizedOutcome::StoredInSession)
///     }
/// }
///
/// let mut registry = Registry::default();
/// registry.add_handler("mine:authorized", Handler::Authorized(Arc::new(SessionOnly)))?;
/// assert!(registry.has_handler(HandlerKind::Authorized, "mine:authorized"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[async_trait]
pub trait AuthorizedHandler: Send + Sync {
    /// Handles the token obtained in a completed callback.
    async fn authorized(
        &self,
        ctx: &HandlerContext<'_>,
        token: Token,
    ) -> Result<AuthorizedOutcome, OAuthError>;
}

/// The seed's `disconnect_handler`: unlinks the remote account (and may clean up remotely).
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::handlers::{DisconnectHandler, HandlerContext};
/// use oauthclient_core::registry::{Handler, HandlerKind, Registry};
/// use oauthclient_core::OAuthError;
///
/// /// Deletes the signed-in user's remote account for this app.
/// struct DeleteAccount;
///
/// #[async_trait]
/// impl DisconnectHandler for DeleteAccount {
///     async fn disconnect(&self, ctx: &HandlerContext<'_>) -> Result<(), OAuthError> {
///         let Some(user_id) = ctx.current_user else { return Ok(()) };
///         let client_id = &ctx.remote.credentials.consumer_key;
///         if let Some(account) = ctx.accounts.remote_account(user_id, client_id).await? {
///             ctx.accounts.delete_remote_account(account.id).await?;
///         }
///         Ok(())
///     }
/// }
///
/// let mut registry = Registry::default();
/// registry.add_handler("mine:disconnect", Handler::Disconnect(Arc::new(DeleteAccount)))?;
/// assert_eq!(registry.handler_kind("mine:disconnect"), Some(HandlerKind::Disconnect));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[async_trait]
pub trait DisconnectHandler: Send + Sync {
    /// Unlinks `ctx.app` from `ctx.current_user`.
    async fn disconnect(&self, ctx: &HandlerContext<'_>) -> Result<(), OAuthError>;
}

/// The seed's `signup_handler.info`: who is the user at the remote?
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::handlers::{AccountInfoHandler, ProviderContext};
/// use oauthclient_core::registry::{Handler, HandlerKind, Registry};
/// use oauthclient_core::{AccountInfo, ExternalId, OAuthError, Token};
///
/// /// ORCID returns the iD in the token response itself: no API call needed.
/// struct OrcidFromToken;
///
/// #[async_trait]
/// impl AccountInfoHandler for OrcidFromToken {
///     async fn account_info(&self, ctx: &ProviderContext<'_>, token: &Token) -> Result<AccountInfo, OAuthError> {
///         let orcid = token.extra["orcid"].as_str().ok_or_else(|| OAuthError::InvalidResponse {
///             remote: ctx.app.to_owned(),
///             reason: "no orcid in the token response".into(),
///         })?;
///         Ok(AccountInfo::new(ExternalId::new(orcid), ctx.app))
///     }
/// }
///
/// let mut registry = Registry::default();
/// registry.add_handler("mine:orcid_from_token", Handler::AccountInfo(Arc::new(OrcidFromToken)))?;
/// assert!(registry.has_handler(HandlerKind::AccountInfo, "mine:orcid_from_token"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[async_trait]
pub trait AccountInfoHandler: Send + Sync {
    /// Fetches or derives the account info from the token (and the remote API).
    async fn account_info(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
    ) -> Result<AccountInfo, OAuthError>;
}

/// The seed's `signup_handler.setup`: runs once when a remote account is first linked.
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::handlers::{AccountSetupHandler, ProviderContext};
/// use oauthclient_core::registry::{Handler, HandlerKind, Registry};
/// use oauthclient_core::{AccountInfo, OAuthError, Token};
///
/// /// Keeps the remote login and id on the account, like the seed's GitHub setup.
/// struct KeepLogin;
///
/// #[async_trait]
/// impl AccountSetupHandler for KeepLogin {
///     async fn account_setup(
///         &self,
///         _ctx: &ProviderContext<'_>,
///         _token: &Token,
///         info: &AccountInfo,
///     ) -> Result<serde_json::Value, OAuthError> {
///         Ok(serde_json::json!({"login": info.username, "id": info.external_id}))
///     }
/// }
///
/// let mut registry = Registry::default();
/// registry.add_handler("mine:setup", Handler::AccountSetup(Arc::new(KeepLogin)))?;
/// assert!(registry.has_handler(HandlerKind::AccountSetup, "mine:setup"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[async_trait]
pub trait AccountSetupHandler: Send + Sync {
    /// Returns the `extra_data` to store on the remote account (e.g. GitHub `{login, id}`).
    async fn account_setup(
        &self,
        ctx: &ProviderContext<'_>,
        token: &Token,
        info: &AccountInfo,
    ) -> Result<serde_json::Value, OAuthError>;
}

/// A provider's revocation: tells the remote, after core's disconnect unlinked the account,
/// that the grant behind `token` (the token that was stored) is no longer wanted — e.g.
/// GitHub's `DELETE applications/{client_id}/grant`, so the next sign-in asks for consent
/// again. Brought by [`crate::registry::Provider::revoke`]; an app with none gets core's RFC
/// 7009 revocation at its `revoke_url` instead.
///
/// It cannot fail the disconnect: the user asked to disconnect and a remote that is down must
/// not undo that, so an implementation logs its failures (never the token) and returns.
///
/// ```
/// use async_trait::async_trait;
/// use oauthclient_core::handlers::{ApiMethod, ApiRequest, ProviderContext, RevokeHandler};
/// use oauthclient_core::Token;
///
/// /// Forgets the grant with `DELETE grants/{client_id}` (client credentials).
/// struct DeleteGrant;
///
/// #[async_trait]
/// impl RevokeHandler for DeleteGrant {
///     async fn revoke(&self, ctx: &ProviderContext<'_>, _token: &Token) {
///         let path = format!("grants/{}", ctx.remote.credentials.consumer_key);
///         let request = ApiRequest::new(ApiMethod::Delete, path).with_client_credentials();
///         match ctx.api.send(request).await {
///             Ok(response) if response.is_success() => tracing::info!(app = ctx.app, "grant revoked"),
///             Ok(response) => tracing::warn!(app = ctx.app, status = response.status, "grant not revoked"),
///             Err(err) => tracing::warn!(app = ctx.app, error = %err, "grant not revoked"),
///         }
///     }
/// }
/// ```
#[async_trait]
pub trait RevokeHandler: Send + Sync {
    /// Revokes `token`'s grant at the remote; logs, never fails.
    async fn revoke(&self, ctx: &ProviderContext<'_>, token: &Token);
}

/// The fields of the extra sign-up form.
///
/// ```
/// use oauthclient_core::handlers::SignupForm;
/// let form: SignupForm = serde_json::from_str(r#"{"email": "ada@example.org"}"#)?;
/// assert_eq!(form, SignupForm { email: "ada@example.org".into(), ..SignupForm::default() });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupForm {
    /// The e-mail the user typed.
    pub email: String,
    /// A username, if the form asks for one.
    #[serde(default)]
    pub username: Option<String>,
    /// A display name, if the form asks for one.
    #[serde(default)]
    pub full_name: Option<String>,
}

/// One validation problem of the sign-up form.
///
/// ```
/// use oauthclient_core::handlers::FieldError;
/// let error = FieldError::new("email", "This e-mail is already registered.");
/// assert_eq!(serde_json::to_value(&error)?["field"], "email");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FieldError {
    /// The form field (`email`, `username`).
    pub field: String,
    /// What is wrong, in English (or the host's words): shown as it is when there is no
    /// `message_id`, and logged.
    pub message: String,
    /// The catalog message a front end shows instead of `message`, in the reader's language
    /// (the library's own errors have one; a host's [`FieldError::new`] has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<Message>,
}

impl FieldError {
    /// `message` about `field`, shown as it is.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            message_id: None,
        }
    }

    /// The catalog message `message` about `field`, with its English text `english`.
    ///
    /// ```
    /// use oauthclient_core::Message;
    /// use oauthclient_core::handlers::FieldError;
    ///
    /// let error = FieldError::localized("email", Message::new("signup-error-email-missing"), "Please enter your e-mail address.");
    /// assert_eq!(error.message_id.as_ref().map(Message::id), Some("signup-error-email-missing"));
    /// assert_eq!(error.message, "Please enter your e-mail address.");
    /// ```
    pub fn localized(
        field: impl Into<String>,
        message: Message,
        english: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            message: english.into(),
            message_id: Some(message),
        }
    }
}

/// The result of validating the sign-up form.
///
/// ```
/// use oauthclient_core::handlers::{FieldError, SignupDecision};
/// let decision = SignupDecision::Invalid {
///     errors: vec![FieldError::new("email", "required")],
/// };
/// let json = serde_json::to_value(&decision)?;
/// assert_eq!(json["result"], "invalid");
/// assert_eq!(json["errors"][0]["field"], "email");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum SignupDecision {
    /// Re-render the form with these errors.
    Invalid {
        /// Problems per field.
        errors: Vec<FieldError>,
    },
    /// Create this user and link the remote account to them.
    Register {
        /// The user to create.
        user: NewUser,
    },
}

/// The seed's `signup_handler.view`: validates the extra sign-up step.
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use oauthclient_core::account::NewUser;
/// use oauthclient_core::handlers::{FieldError, HandlerContext, SignupDecision, SignupForm, SignupViewHandler};
/// use oauthclient_core::registry::{Handler, HandlerKind, Registry};
/// use oauthclient_core::{AccountInfo, OAuthError};
///
/// /// Requires an e-mail; trusts it only if it is the one the provider verified.
/// struct EmailOnly;
///
/// #[async_trait]
/// impl SignupViewHandler for EmailOnly {
///     async fn signup(&self, _ctx: &HandlerContext<'_>, info: &AccountInfo, form: &SignupForm) -> Result<SignupDecision, OAuthError> {
///         if !form.email.contains('@') {
///             let errors = vec![FieldError::new("email", "Enter an e-mail address.")];
///             return Ok(SignupDecision::Invalid { errors });
///         }
///         let confirmed = info.trusted_email() == Some(form.email.as_str());
///         let user = NewUser { email: form.email.clone(), username: form.username.clone(), full_name: form.full_name.clone(), confirmed };
///         Ok(SignupDecision::Register { user })
///     }
/// }
///
/// let mut registry = Registry::default();
/// registry.add_handler("mine:signup", Handler::SignupView(Arc::new(EmailOnly)))?;
/// assert!(registry.has_handler(HandlerKind::SignupView, "mine:signup"));
/// # Ok::<(), oauthclient_core::registry::RegistryError>(())
/// ```
#[async_trait]
pub trait SignupViewHandler: Send + Sync {
    /// Validates `form` for the pending `info`.
    async fn signup(
        &self,
        ctx: &HandlerContext<'_>,
        info: &AccountInfo,
        form: &SignupForm,
    ) -> Result<SignupDecision, OAuthError>;
}
