//! The flow engine without a web framework: `oauthclient_core::engine` driven directly, with
//! the testkit's fake provider over real HTTP and the in-memory store. Every decision a front
//! end relies on is checked here once, independent of actix-web.

mod email;
mod flows;
mod host_users;
mod login_options;
mod store_calls;
mod unconfirmed_claims;

use std::sync::Arc;

use oauthclient_core::account::UserId;
use oauthclient_core::client::{HttpApi, HttpClient, HttpLimits};
use oauthclient_core::config::NoEnv;
use oauthclient_core::email::ConfirmationCodec;
use oauthclient_core::engine::{AppRuntime, CallbackCheck, CallbackEffect, Engine};
use oauthclient_core::flow::Grant;
use oauthclient_core::handlers::EventBus;
use oauthclient_core::host_policy::DefaultPolicy;
use oauthclient_core::state::{PendingFlows, StateCodec};
use oauthclient_core::user_directory::HostUsers;
use oauthclient_core::{OAuthClientConfig, OAuthError, Registry, UserStore};
use oauthclient_testkit::{FakeProvider, FakeUser, MemoryDirectory, MemoryStore};

const TOP: &str = "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
                   site_url = \"http://127.0.0.1:9\"\n\n";

/// Everything an engine borrows, owned by the test.
struct Parts {
    config: OAuthClientConfig,
    codec: StateCodec,
    http: HttpClient,
    store: Arc<MemoryStore>,
    confirmations: ConfirmationCodec,
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
            confirmations: ConfirmationCodec::new(
                &config.secret_keys,
                config.accounts.confirmation_expires,
            ),
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
            &self.confirmations,
        )
    }

    /// A user who typed `email` (unconfirmed), as a host's registration creates one.
    async fn typed_user(&self, email: &str) -> oauthclient_core::account::User {
        self.store
            .create_user(&oauthclient_core::account::NewUser {
                email: email.into(),
                username: None,
                full_name: None,
                confirmed: false,
            })
            .await
            .expect("user")
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

    /// A login with no `next` through to its callback's effect, for `current_user`.
    async fn round_trip(
        &self,
        flows: &mut PendingFlows,
        current_user: Option<&UserId>,
    ) -> Result<CallbackEffect, OAuthError> {
        let query = self.authorize(flows, None).await;
        self.callback(flows, &query, current_user).await
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
                CallbackCheck::Granted { grant, next } => (grant, next),
                CallbackCheck::Refused { error, .. } => return Err(error),
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
