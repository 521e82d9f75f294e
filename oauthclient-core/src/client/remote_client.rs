//! [`RemoteClient`]: a valid access token for (user, app), refreshed when it expired: the
//! seed's "Client" with its token getter, made safe for concurrent requests.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use super::http::HttpClient;
use super::protocol_handler::{ProtocolContext, ProtocolHandler};
use super::refresh::refresh_token;
use crate::account::UserId;
use crate::audit::{self, AuditEvent};
use crate::config::RemoteApp;
use crate::error::OAuthError;
use crate::host_policy::{DefaultPolicy, HostEvent, HostPolicy};
use crate::store::AccountStore;
use crate::token::Token;

/// How long before its expiry a token already counts as expired, in seconds (Invenio's
/// `OAUTHCLIENT_TOKEN_EXPIRES_LEEWAY`): a token that would expire on its way to the API is
/// refreshed first.
pub const DEFAULT_EXPIRY_LEEWAY_SECS: u64 = 10;

/// Held while a token is refreshed: one refresh per (user, client) at a time.
type Gate = Arc<tokio::sync::Mutex<()>>;

/// Beyond this many idle refresh gates, unused ones are dropped.
const MAX_IDLE_GATES: usize = 1024;

/// Stored tokens, kept fresh.
///
/// [`RemoteClient::access_token`] returns the user's token for an app, refreshing it with the
/// refresh token when it is expired (or within the leeway). Refreshes are **single-flight**:
/// concurrent requests for the same (user, app) in this process wait for one refresh instead
/// of each spending the refresh token; across processes the store's compare-and-swap
/// ([`AccountStore::replace_refreshed_token`]) keeps exactly one result, and the loser reads
/// the winner's token. When the provider refuses the refresh token (`invalid_grant`), the
/// dead token is deleted and [`OAuthError::ReconnectRequired`] returned: the linked accounts
/// page then offers "Reconnect" instead of failing.
///
/// ```
/// use std::sync::Arc;
/// use oauthclient_core::client::{HttpClient, HttpLimits, RemoteClient};
/// # fn accounts() -> Arc<dyn oauthclient_core::AccountStore> { unimplemented!() }
/// # fn run() -> Result<(), oauthclient_core::error::BuildError> {
/// let client = RemoteClient::new(HttpClient::new(HttpLimits::default())?, accounts())
///     .with_leeway(30);
/// // let token = client.access_token(app, user_id).await?;
/// # Ok(()) }
/// ```
pub struct RemoteClient {
    http: HttpClient,
    accounts: Arc<dyn AccountStore>,
    leeway_secs: u64,
    gates: Mutex<HashMap<(UserId, String), Gate>>,
    policy: Arc<dyn HostPolicy>,
}

impl std::fmt::Debug for RemoteClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteClient")
            .field("leeway_secs", &self.leeway_secs)
            .finish_non_exhaustive()
    }
}

impl RemoteClient {
    /// Tokens from `accounts`, refreshed over `http`, with the default leeway.
    pub fn new(http: HttpClient, accounts: Arc<dyn AccountStore>) -> Self {
        Self {
            http,
            accounts,
            leeway_secs: DEFAULT_EXPIRY_LEEWAY_SECS,
            gates: Mutex::new(HashMap::new()),
            policy: Arc::new(DefaultPolicy),
        }
    }

    /// Tells `policy` of refreshed tokens and of reconnects required.
    #[must_use]
    pub fn with_policy(mut self, policy: Arc<dyn HostPolicy>) -> Self {
        self.policy = policy;
        self
    }

    async fn announce(&self, event: HostEvent) {
        self.policy.on_event(&event).await;
    }

    /// Another expiry leeway, in seconds.
    #[must_use]
    pub fn with_leeway(mut self, leeway_secs: u64) -> Self {
        self.leeway_secs = leeway_secs;
        self
    }

    /// The user's token for `app`, fresh. [`OAuthError::NotLinked`] when there is none;
    /// [`OAuthError::ReconnectRequired`] when it expired and cannot be refreshed.
    ///
    /// Refreshes at the app's `access_token_url`; [`RemoteClient::access_token_via`] lets the
    /// app's protocol handler refresh (OpenID Connect: at the discovered token endpoint).
    pub async fn access_token(
        &self,
        app: &RemoteApp,
        user_id: &UserId,
    ) -> Result<Token, OAuthError> {
        self.fresh(app, user_id, None).await
    }

    /// As [`RemoteClient::access_token`] for `ctx.app`, refreshing through `protocol` — the
    /// app's protocol handler ([`ProtocolHandler::refresh`]) — which knows where its token
    /// endpoint is.
    pub async fn access_token_via(
        &self,
        protocol: &dyn ProtocolHandler,
        ctx: &ProtocolContext<'_>,
        user_id: &UserId,
    ) -> Result<Token, OAuthError> {
        self.fresh(ctx.app, user_id, Some((protocol, ctx))).await
    }

    async fn fresh(
        &self,
        app: &RemoteApp,
        user_id: &UserId,
        via: Option<(&dyn ProtocolHandler, &ProtocolContext<'_>)>,
    ) -> Result<Token, OAuthError> {
        let token = self.stored(app, user_id).await?;
        if !self.expired(&token) {
            return Ok(token);
        }
        let gate = self.gate(user_id, &app.credentials.consumer_key);
        let _refreshing = gate.lock().await;
        // Whoever held the gate before us may have refreshed it already.
        let token = self.stored(app, user_id).await?;
        if !self.expired(&token) {
            return Ok(token);
        }
        self.refresh(app, user_id, token, via).await
    }

    async fn refresh(
        &self,
        app: &RemoteApp,
        user_id: &UserId,
        token: Token,
        via: Option<(&dyn ProtocolHandler, &ProtocolContext<'_>)>,
    ) -> Result<Token, OAuthError> {
        let client_id = app.credentials.consumer_key.as_str();
        let Some(refresh) = token.refresh_token.clone() else {
            audit::record(
                AuditEvent::ReconnectRequired,
                &app.name,
                Some(user_id),
                "expired without a refresh token",
            );
            self.announce(HostEvent::ReconnectRequired {
                app: app.name.clone(),
                user_id: user_id.clone(),
            })
            .await;
            return Err(OAuthError::ReconnectRequired {
                remote: app.name.clone(),
            });
        };
        let refreshed = match via {
            Some((protocol, ctx)) => protocol.refresh(ctx, &refresh).await,
            None => refresh_token(&self.http, app, &refresh).await,
        };
        match refreshed {
            Ok(mut fresh) => {
                fresh.token_type.clone_from(&token.token_type);
                if self
                    .accounts
                    .replace_refreshed_token(user_id, client_id, &refresh, &fresh)
                    .await?
                {
                    audit::record(AuditEvent::TokenRefreshed, &app.name, Some(user_id), "");
                    self.announce(HostEvent::TokenRefreshed {
                        app: app.name.clone(),
                        user_id: user_id.clone(),
                    })
                    .await;
                    Ok(fresh)
                } else {
                    // Another process refreshed first; its token is the one that counts.
                    self.stored(app, user_id).await
                }
            }
            Err(OAuthError::ProviderError { code, .. }) if code == "invalid_grant" => {
                // Refused: unless another process rotated it meanwhile, the grant is dead.
                let current = self.stored(app, user_id).await?;
                if current.refresh_token.as_ref() != Some(&refresh) {
                    return Ok(current);
                }
                self.accounts
                    .delete_token(user_id, client_id, &token.token_type)
                    .await?;
                audit::record(
                    AuditEvent::ReconnectRequired,
                    &app.name,
                    Some(user_id),
                    "refresh token refused",
                );
                self.announce(HostEvent::ReconnectRequired {
                    app: app.name.clone(),
                    user_id: user_id.clone(),
                })
                .await;
                Err(OAuthError::ReconnectRequired {
                    remote: app.name.clone(),
                })
            }
            Err(err) => Err(err),
        }
    }

    async fn stored(&self, app: &RemoteApp, user_id: &UserId) -> Result<Token, OAuthError> {
        self.accounts
            .token(user_id, &app.credentials.consumer_key, "")
            .await?
            .ok_or_else(|| OAuthError::NotLinked {
                remote: app.name.clone(),
            })
    }

    fn expired(&self, token: &Token) -> bool {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        token.is_expired(now, self.leeway_secs)
    }

    /// The refresh gate of (user, client): one refresh at a time per token.
    fn gate(&self, user_id: &UserId, client_id: &str) -> Gate {
        let mut gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        if gates.len() > MAX_IDLE_GATES {
            gates.retain(|_, gate| Arc::strong_count(gate) > 1);
        }
        gates
            .entry((user_id.clone(), client_id.to_owned()))
            .or_default()
            .clone()
    }
}
