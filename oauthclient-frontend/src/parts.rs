//! [`Parts`]: what every endpoint works with, built once by [`crate::RuntimeBuilder`].

use std::collections::BTreeMap;
use std::sync::Arc;

use oauthclient_core::client::{HttpClient, RemoteClient};
use oauthclient_core::clock::Clock;
use oauthclient_core::email::{ConfirmationCodec, Mailer};
use oauthclient_core::engine::Engine;
use oauthclient_core::handlers::EventBus;
use oauthclient_core::host_policy::HostPolicy;
use oauthclient_core::state::StateCodec;
use oauthclient_core::{AccountStore, OAuthClientConfig, UserStore};

use crate::current_user::CurrentUser;
use crate::frame_ancestors::FrameAncestors;
use crate::i18n::Localizer;
use crate::mail_queue::MailQueue;
use crate::oauth_session::OAuthSession;
use crate::rate_limit::RateLimiter;
use crate::routes::Paths;
use crate::session::SessionData;
use crate::templates::Templates;

/// One configured remote app, ready to serve (the engine's).
pub(crate) use oauthclient_core::engine::AppRuntime;

/// The parts every endpoint works with.
pub(crate) struct Parts {
    pub config: OAuthClientConfig,
    pub apps: BTreeMap<String, AppRuntime>,
    pub codec: StateCodec,
    pub http: HttpClient,
    pub accounts: Arc<dyn AccountStore>,
    pub tokens: RemoteClient,
    pub rate_limiter: Option<RateLimiter>,
    pub users: Arc<dyn UserStore>,
    pub current_user: Arc<dyn CurrentUser>,
    pub templates: Templates,
    /// The message catalogs every page and answer is formatted with.
    pub localizer: Arc<Localizer>,
    pub events: EventBus,
    pub paths: Paths,
    /// Sends confirmation mail; `None` only when no app's verification sends mail.
    pub mailer: Option<Arc<dyn Mailer>>,
    pub confirmations: ConfirmationCodec,
    /// Who may frame the pages.
    pub frame_ancestors: FrameAncestors,
    /// The host's policy.
    pub policy: Arc<dyn HostPolicy>,
    /// Mail sent off the request path (anonymous resend).
    pub mail_queue: MailQueue,
    /// The time sessions are judged by (a manual clock in tests).
    pub clock: Arc<dyn Clock>,
}

impl Parts {
    /// The flow engine over these parts: every decision an endpoint needs.
    pub(crate) fn engine(&self) -> Engine<'_> {
        Engine::new(
            &self.config,
            &self.codec,
            &self.http,
            self.accounts.as_ref(),
            self.users.as_ref(),
            self.policy.as_ref(),
            &self.events,
            &self.confirmations,
        )
    }

    /// The typed OAuth keys of `session`.
    pub(crate) fn oauth_session<'s>(&'s self, session: &'s mut SessionData) -> OAuthSession<'s> {
        OAuthSession {
            session,
            prefix: &self.config.session_key_prefix,
        }
    }
}
