//! Core's disconnect and a provider's `RevokeHandler`: the handler runs after the unlink, with
//! the token that was stored, instead of core's RFC 7009 revocation; its failure at the
//! provider does not fail the disconnect; a refused unlink revokes nothing.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::config::{NoEnv, RemoteAppParams, RemoteAppSettings};
use oauthclient_core::handlers::defaults::DisconnectDefault;
use oauthclient_core::handlers::{
    AccountInfoHandler, ApiMethod, ApiRequest, ApiResponse, DisconnectHandler, EventBus,
    HandlerContext, ProviderContext, RemoteApi, RevokeHandler,
};
use oauthclient_core::registry::Provider;
use oauthclient_core::secret::AccessToken;
use oauthclient_core::store::NewLink;
use oauthclient_core::{
    AccountInfo, AccountStore, ExternalId, OAuthClientConfig, OAuthError, Registry, Token,
    UserStore,
};
use oauthclient_testkit::MemoryStore;

const CLIENT_ID: &str = "revoke-client";

/// What the revoke handler saw when it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    access_token: String,
    account_still_linked: bool,
    api_failed: bool,
}

/// Records each call, and whether the account was already unlinked then.
struct RecordingRevoke {
    store: Arc<MemoryStore>,
    user_id: UserId,
    seen: Arc<Mutex<Vec<Seen>>>,
}

#[async_trait]
impl RevokeHandler for RecordingRevoke {
    async fn revoke(&self, ctx: &ProviderContext<'_>, token: &Token) {
        let account_still_linked = self
            .store
            .remote_account(&self.user_id, CLIENT_ID)
            .await
            .map_or(true, |account| account.is_some());
        let request =
            ApiRequest::new(ApiMethod::Delete, "grants/current").with_token(token.clone());
        let api_failed = ctx.api.send(request).await.is_err();
        self.seen.lock().expect("not poisoned").push(Seen {
            access_token: token.access_token.expose_secret().to_owned(),
            account_still_linked,
            api_failed,
        });
    }
}

/// A provider whose only handler is that revocation.
struct Revoking(Arc<RecordingRevoke>);

impl Provider for Revoking {
    fn id(&self) -> &'static str {
        "revoking"
    }
    fn defaults(&self) -> RemoteAppSettings {
        RemoteAppSettings {
            title: Some("Revoking".into()),
            params: RemoteAppParams {
                authorize_url: Some("https://revoking.example/authorize".into()),
                access_token_url: Some("https://revoking.example/token".into()),
                base_url: Some("https://revoking.example/api/".into()),
                // Core's RFC 7009 revocation would post here; the provider's handler replaces it.
                revoke_url: Some("https://revoking.example/revoke".into()),
                app_key: Some("REVOKING_APP_CREDENTIALS".into()),
                ..RemoteAppParams::default()
            },
            ..RemoteAppSettings::default()
        }
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        None
    }
    fn revoke(&self) -> Option<Arc<dyn RevokeHandler>> {
        Some(self.0.clone())
    }
}

/// The provider is down: every request fails; the URLs asked for are kept.
#[derive(Default)]
struct DownApi {
    urls: Mutex<Vec<String>>,
}

#[async_trait]
impl RemoteApi for DownApi {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, OAuthError> {
        self.urls.lock().expect("not poisoned").push(request.url);
        Err(OAuthError::InvalidResponse {
            remote: "revoking".into(),
            reason: "connection refused".into(),
        })
    }
}

/// A user linked to the app, with (when `other_login`) another identity to sign in with.
async fn linked_user(store: &MemoryStore, other_login: bool) -> UserId {
    let user = store
        .create_user(&NewUser {
            email: "revoke@example.org".into(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
        .expect("user");
    let link = NewLink {
        client_id: CLIENT_ID.into(),
        account_info: AccountInfo::new(ExternalId::new("remote-1"), "revoking"),
        token: Token::bearer(AccessToken::new("stored-access-token")),
        extra_data: serde_json::json!({}),
    };
    store.link(&user.id, &link).await.expect("link");
    if other_login {
        let other = AccountInfo::new(ExternalId::new("other-1"), "other-app");
        store
            .link_identity(&user.id, &other)
            .await
            .expect("identity");
    }
    user.id
}

/// Runs core's disconnect for `user_id` with the provider's revocation.
async fn disconnect(
    store: Arc<MemoryStore>,
    user_id: &UserId,
    api: &DownApi,
) -> (Result<(), OAuthError>, Vec<Seen>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let revoke = Arc::new(RecordingRevoke {
        store: Arc::clone(&store),
        user_id: user_id.clone(),
        seen: Arc::clone(&seen),
    });
    let registry = Registry::default()
        .with_provider(Arc::new(Revoking(revoke)))
        .expect("registry");
    let config = OAuthClientConfig::from_toml_str(
        &format!(
            "secret_key = \"revoke-test-secret-key-revoke-test-secret-key\"\n\
             site_url = \"https://app.example.org\"\n\
             [remote_apps.revoking]\n\
             link_only = true\n\
             [REVOKING_APP_CREDENTIALS]\n\
             consumer_key = \"{CLIENT_ID}\"\n\
             consumer_secret = \"s\"\n"
        ),
        &NoEnv,
        &registry,
    )
    .expect("config");
    let app = config.remote_app("revoking").expect("configured");
    let handlers = registry.resolve(app).expect("resolves");
    let ctx = HandlerContext {
        app: "revoking",
        remote: app,
        current_user: Some(user_id),
        accounts: &*store,
        users: &*store,
        api,
        handlers: &handlers,
        events: &EventBus::default(),
        policy: &oauthclient_core::host_policy::DefaultPolicy,
    };
    let outcome = DisconnectDefault.disconnect(&ctx).await;
    let seen = seen.lock().expect("not poisoned").clone();
    (outcome, seen)
}

#[tokio::test]
async fn the_providers_revocation_runs_after_the_unlink_and_its_failure_does_not_fail_it() {
    let store = Arc::new(MemoryStore::default());
    let user_id = linked_user(&store, true).await;
    let api = DownApi::default();

    let (outcome, seen) = disconnect(Arc::clone(&store), &user_id, &api).await;

    outcome.expect("the disconnect succeeds although the provider is down");
    assert_eq!(
        seen,
        [Seen {
            access_token: "stored-access-token".into(),
            account_still_linked: false,
            api_failed: true,
        }],
        "called once, after the unlink, with the token that was stored"
    );
    assert_eq!(
        *api.urls.lock().expect("not poisoned"),
        ["grants/current"],
        "the provider's revocation instead of RFC 7009 at revoke_url"
    );
    assert!(
        store
            .remote_account(&user_id, CLIENT_ID)
            .await
            .expect("find")
            .is_none()
    );
    assert!(
        store
            .identity("revoking", "remote-1")
            .await
            .expect("find")
            .is_none()
    );
}

#[tokio::test]
async fn a_refused_unlink_revokes_nothing() {
    let store = Arc::new(MemoryStore::default());
    let user_id = linked_user(&store, false).await; // no password, no other identity
    let api = DownApi::default();

    let (outcome, seen) = disconnect(Arc::clone(&store), &user_id, &api).await;

    assert!(
        matches!(outcome, Err(OAuthError::LastLoginMethod { .. })),
        "{outcome:?}"
    );
    assert!(seen.is_empty(), "not revoked: {seen:?}");
    assert!(api.urls.lock().expect("not poisoned").is_empty());
    assert!(
        store
            .remote_account(&user_id, CLIENT_ID)
            .await
            .expect("find")
            .is_some()
    );
}
