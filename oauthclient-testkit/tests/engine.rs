//! The flow engine without a web framework: `oauthclient_core::engine` driven directly, with
//! the testkit's fake provider over real HTTP and the in-memory store. Every decision a front
//! end relies on is checked here once, independent of actix-web.

use std::sync::Arc;

use oauthclient_core::account::{NewUser, UserId};
use oauthclient_core::client::{HttpApi, HttpClient, HttpLimits};
use oauthclient_core::config::NoEnv;
use oauthclient_core::engine::{AppRuntime, CallbackEffect, Engine, Registration};
use oauthclient_core::flow::{FlowState, Grant};
use oauthclient_core::handlers::{EventBus, SignupForm};
use oauthclient_core::host_policy::DefaultPolicy;
use oauthclient_core::state::{PendingFlows, StateCodec, StateError};
use oauthclient_core::user_directory::HostUsers;
use oauthclient_core::{AccountStore, OAuthClientConfig, OAuthError, Registry, UserStore};
use oauthclient_testkit::{FakeProvider, FakeUser, MemoryDirectory, MemoryStore};

const TOP: &str = "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
                   site_url = \"http://127.0.0.1:9\"\n\n";

/// Everything an engine borrows, owned by the test.
struct Parts {
    config: OAuthClientConfig,
    codec: StateCodec,
    http: HttpClient,
    store: Arc<MemoryStore>,
    /// The host's own users, when the test brings them; else `store` keeps the users.
    host_users: Option<(Arc<MemoryDirectory>, HostUsers)>,
    events: EventBus,
    app: AppRuntime,
}

impl Parts {
    fn new(provider: &FakeProvider) -> Self {
        Self::configured(provider, |toml| toml)
    }

    /// Users from the host's own directory (`MemoryDirectory`), links in the memory store.
    fn with_host_users(provider: &FakeProvider) -> Self {
        let mut parts = Self::new(provider);
        let directory = Arc::new(MemoryDirectory::default());
        let users = HostUsers::new(directory.clone(), parts.store.clone());
        parts.host_users = Some((directory, users));
        parts
    }

    /// The fake app's configuration as `edit` changes it.
    fn configured(provider: &FakeProvider, edit: impl FnOnce(String) -> String) -> Self {
        let registry = Registry::from_inventory().expect("registry");
        let toml = edit(format!("{TOP}{}", provider.remote_app_toml("fake")));
        let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry).expect("config");
        let remote = config.remote_app("fake").expect("app").clone();
        let http = HttpClient::new(HttpLimits::default()).expect("http");
        let app = AppRuntime {
            handlers: registry.resolve(&remote).expect("handlers"),
            api: HttpApi::new(http.clone(), remote.clone()),
            remote,
        };
        Self {
            codec: config.state_codec(),
            config,
            http,
            store: Arc::new(MemoryStore::default()),
            host_users: None,
            events: EventBus::default(),
            app,
        }
    }

    fn engine(&self) -> Engine<'_> {
        let users: &dyn UserStore = match &self.host_users {
            Some((_, host_users)) => host_users,
            None => &*self.store,
        };
        Engine::new(
            &self.config,
            &self.codec,
            &self.http,
            &*self.store,
            users,
            &DefaultPolicy,
            &self.events,
        )
    }

    fn directory(&self) -> &MemoryDirectory {
        &self.host_users.as_ref().expect("host users").0
    }

    /// Starts a flow, lets the fake provider approve it, and returns the callback's query.
    async fn authorize(&self, flows: &mut PendingFlows, next: Option<&str>) -> String {
        let url = self
            .engine()
            .start_login(&self.app, next, false, flows)
            .await
            .expect("start");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let response = client.get(url).send().await.expect("authorize");
        let callback = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .expect("redirected back")
            .to_owned();
        callback
            .split_once('?')
            .map(|(_, query)| query.to_owned())
            .unwrap_or_default()
    }

    /// The whole callback: verified, then finished for `current_user`.
    async fn callback(
        &self,
        flows: &mut PendingFlows,
        query: &str,
        current_user: Option<&UserId>,
    ) -> Result<CallbackEffect, OAuthError> {
        let (grant, next): (Grant, Option<String>) =
            match self
                .engine()
                .verify_callback("fake", query, flows, current_user)
            {
                FlowState::CodeReceived { grant, next, .. } => (grant, next),
                FlowState::Failed { error, .. } => return Err(error),
                other => panic!("unexpected {}", other.name()),
            };
        self.engine()
            .finish_callback(&self.app, grant, current_user, next)
            .await
    }
}

/// The fake provider, signing `user` in.
async fn provider_for(user: FakeUser) -> FakeProvider {
    FakeProvider::builder()
        .user(user)
        .start()
        .await
        .expect("provider")
}

fn ada() -> FakeUser {
    FakeUser {
        id: "1".into(),
        login: "ada".into(),
        email: Some("ada@example.org".into()),
        email_verified: true,
        ..FakeUser::default()
    }
}

#[tokio::test]
async fn a_verified_address_signs_up_then_the_same_person_signs_in() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, Some("/after")).await;
    let first = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("sign-up");
    let CallbackEffect::SignedIn { user } = first else {
        panic!("expected a sign-in, got {first:?}");
    };
    assert!(user.email_confirmed);
    assert!(flows.is_empty(), "the flow is spent");

    let query = parts.authorize(&mut flows, None).await;
    let again = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("sign-in");
    assert!(matches!(again, CallbackEffect::SignedIn { user: ref back } if back.id == user.id));
}

#[tokio::test]
async fn a_replayed_or_foreign_callback_is_refused() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    parts
        .callback(&mut flows, &query, None)
        .await
        .expect("first");
    let replay = parts.callback(&mut flows, &query, None).await;
    assert!(
        matches!(replay, Err(OAuthError::InvalidState(_))),
        "{replay:?}"
    );

    // Another session (no flows) presenting a fresh state.
    let mut victim = PendingFlows::default();
    let query = parts.authorize(&mut victim, None).await;
    let mut attacker = PendingFlows::default();
    let refused = parts.callback(&mut attacker, &query, None).await;
    assert!(
        matches!(
            refused,
            Err(OAuthError::InvalidState(StateError::UnknownNonce))
        ),
        "{refused:?}"
    );
}

#[tokio::test]
async fn no_usable_address_needs_the_form_which_creates_the_user() {
    let provider = provider_for(FakeUser {
        email: None,
        ..ada()
    })
    .await;
    let parts = Parts::new(&provider);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, Some("/welcome")).await;
    let effect = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("callback");
    let CallbackEffect::SignupRequired { pending } = effect else {
        panic!("expected the sign-up form, got {effect:?}");
    };
    assert_eq!(pending.next.as_deref(), Some("/welcome"));

    let bad = SignupForm {
        email: "not an address".into(),
        username: None,
        full_name: None,
    };
    let invalid = parts
        .engine()
        .sign_up(&parts.app, &pending, &bad)
        .await
        .expect("form");
    assert!(matches!(invalid, Registration::Invalid(ref errors) if !errors.is_empty()));

    let good = SignupForm {
        email: "ada@typed.example".into(),
        ..bad
    };
    let created = parts
        .engine()
        .sign_up(&parts.app, &pending, &good)
        .await
        .expect("form");
    let Registration::Created {
        user,
        send_confirmation,
        sign_in,
    } = created
    else {
        panic!("expected a user, got {created:?}");
    };
    assert!(!user.email_confirmed, "a typed address is unconfirmed");
    assert!(
        send_confirmation && sign_in,
        "optional verification: mail, then sign in"
    );
}

#[tokio::test]
async fn linking_and_the_last_way_to_sign_in() {
    let provider = provider_for(ada()).await;
    let parts = Parts::new(&provider);
    let local = parts
        .store
        .create_user(&NewUser {
            email: "local@local.example".into(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
        .expect("user");
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    let linked = parts
        .callback(&mut flows, &query, Some(&local.id))
        .await
        .expect("link");
    assert!(matches!(linked, CallbackEffect::Linked { user_id } if user_id == local.id));

    // No password, one identity: disconnecting it would lock the user out.
    let refused = parts.engine().disconnect(&parts.app, &local.id).await;
    assert!(
        matches!(refused, Err(OAuthError::LastLoginMethod { .. })),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_link_only_app_refuses_anonymous_starts() {
    let provider = FakeProvider::start().await.expect("provider");
    let mut parts = Parts::new(&provider);
    parts.app.remote.link_only = true;
    let mut flows = PendingFlows::default();
    let refused = parts
        .engine()
        .start_login(&parts.app, None, false, &mut flows)
        .await;
    assert!(
        matches!(refused, Err(OAuthError::LinkOnly { .. })),
        "{refused:?}"
    );
    assert!(flows.is_empty());
    let unsafe_next = parts
        .engine()
        .start_login(&parts.app, Some("https://evil.example/"), true, &mut flows)
        .await;
    assert!(
        unsafe_next.is_ok(),
        "an unsafe next is dropped, not an error"
    );
}

#[tokio::test]
async fn an_app_without_account_info_keeps_an_anonymous_token_in_the_session() {
    let provider = provider_for(ada()).await;
    let parts = Parts::configured(&provider, |toml| toml.replace("provider = \"testkit\"", ""));
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    let effect = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("callback");
    let CallbackEffect::StoredInSession { token } = effect else {
        panic!("expected the token for the session, got {effect:?}");
    };
    assert!(!token.access_token.expose_secret().is_empty());
    assert!(
        parts
            .store
            .identity("fake", "1")
            .await
            .expect("store")
            .is_none(),
        "nothing stored"
    );
}

#[tokio::test]
async fn host_users_sign_up_in_the_hosts_directory_and_sign_in_again() {
    let provider = provider_for(ada()).await;
    let parts = Parts::with_host_users(&provider);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    let effect = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("callback");
    let CallbackEffect::SignedIn { user } = effect else {
        panic!("expected a sign-in, got {effect:?}");
    };
    assert_eq!(user.id.as_str(), "host-user-1", "the host's key");
    assert_eq!(parts.directory().users().len(), 1);
    let identity = parts.store.identity("fake", "1").await.expect("store");
    assert_eq!(
        identity.map(|identity| identity.user_id),
        Some(user.id.clone())
    );

    let query = parts.authorize(&mut flows, None).await;
    let again = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("callback");
    assert!(matches!(again, CallbackEffect::SignedIn { user: ref back } if back.id == user.id));
    assert_eq!(parts.directory().users().len(), 1, "no second user");
}

#[tokio::test]
async fn host_users_a_failed_link_removes_the_user_it_created() {
    let provider = provider_for(ada()).await;
    let parts = Parts::with_host_users(&provider);
    parts.store.set_links_fail(true);
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    let failed = parts.callback(&mut flows, &query, None).await;
    assert!(matches!(failed, Err(OAuthError::Store(_))), "{failed:?}");
    assert!(parts.directory().users().is_empty(), "removed again");

    // The removal fails too: the user stays, unlinked; the retry links them by their
    // provider-verified address.
    parts.directory().set_removals_fail(true);
    let query = parts.authorize(&mut flows, None).await;
    let failed = parts.callback(&mut flows, &query, None).await;
    assert!(failed.is_err());
    let orphans = parts.directory().users();
    assert_eq!(orphans.len(), 1);
    assert!(
        parts
            .store
            .identity("fake", "1")
            .await
            .expect("store")
            .is_none()
    );

    parts.store.set_links_fail(false);
    let query = parts.authorize(&mut flows, None).await;
    let effect = parts
        .callback(&mut flows, &query, None)
        .await
        .expect("callback");
    assert!(matches!(effect, CallbackEffect::SignedIn { ref user } if user.id == orphans[0].id));
}

#[tokio::test]
async fn host_users_with_their_own_login_may_disconnect_their_only_link() {
    let provider = provider_for(FakeUser {
        email: Some("elsewhere@provider.example".into()),
        ..ada()
    })
    .await;
    let parts = Parts::with_host_users(&provider);
    let local = parts.directory().add_with_own_login("carol@host.example");
    let mut flows = PendingFlows::default();
    let query = parts.authorize(&mut flows, None).await;
    let linked = parts
        .callback(&mut flows, &query, Some(&local))
        .await
        .expect("link");
    assert!(matches!(linked, CallbackEffect::Linked { ref user_id } if *user_id == local));
    parts
        .engine()
        .disconnect(&parts.app, &local)
        .await
        .expect("the host's own login remains");
    assert!(
        parts
            .store
            .identity("fake", "1")
            .await
            .expect("store")
            .is_none()
    );
}
