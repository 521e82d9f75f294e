//! The flow engine: every decision of a sign-in, a link, a sign-up and a disconnect, with no
//! web framework in sight. A front end (`oauthclient-frontend`, under the actix-web and axum adapters) turns requests into
//! engine calls and the engine's answers ([`CallbackEffect`], [`Registration`]) into
//! responses; it keeps the session, renders pages and sends mail, and decides nothing else.
//!
//! The engine borrows what it works with ([`Engine`] is a view over the front end's parts,
//! like [`crate::handlers::HandlerContext`]), so it holds no state of its own between calls.
//!
//! | step | call | the front end then |
//! |---|---|---|
//! | start a login | [`Engine::start_login`] | stores the updated flows, redirects to the URL |
//! | provider's redirect back | [`Engine::verify_callback`] ([`CallbackCheck`]), then [`Engine::finish_callback`] | stores the flows (the nonce is spent even if the rest fails); signs in, flashes, holds the pending sign-up, per [`CallbackEffect`] |
//! | sign-up form | [`Engine::sign_up`] | re-renders on [`Registration::Invalid`]; sends the confirmation mail, signs in when told |
//! | sign-up page | [`Engine::ensure_signup_open`] | shows the form, or the refusal |
//! | disconnect | [`Engine::disconnect`] | forgets the session's copy of the token |
//! | a confirmation link is due | [`Engine::confirmation_mail`] | renders and sends the [`ConfirmationMail`] |
//! | the link is followed | [`Engine::check_confirmation`], then [`Engine::confirm_email`] | shows the page, then the result |
//! | the address is changed | [`Engine::change_email`] | re-renders on [`EmailChange::Refused`], mails when told |
//! | a local (password) sign-in | [`Engine::ensure_may_sign_in_locally`] | signs in, or shows the refusal |
//! | the linked-accounts page | [`Engine::linked_apps`] | renders the [`LinkedApp`]s |
//! | sign-out | [`Engine::provider_logout_url`] | ends the session, redirects there (or home) |
//! | an anonymous "new link, please" | [`Engine::accounts_awaiting_confirmation`] | mails each, off the request path |

mod accounts_view;
mod callback;
mod confirmation;
mod disconnect;
mod login;
mod logout;
mod memo;
mod resend;
mod signup;

pub use accounts_view::LinkedApp;
pub use callback::{CallbackCheck, CallbackEffect};
pub use confirmation::{ConfirmationMail, EmailChange, HolderProof};
pub use signup::Registration;

use crate::account::UserId;
use crate::client::{HttpApi, HttpClient};
use crate::config::{OAuthClientConfig, RemoteApp};
use crate::email::ConfirmationCodec;
use crate::handlers::{AppHandlers, EventBus, HandlerContext};
use crate::host_policy::HostPolicy;
use crate::state::StateCodec;
use crate::store::{AccountStore, UserStore};

/// One configured remote app, ready to serve: its configuration, its resolved handlers and its
/// API client.
pub struct AppRuntime {
    /// The app's configuration.
    pub remote: RemoteApp,
    /// Its handlers, resolved from the registry.
    pub handlers: AppHandlers,
    /// Its API, over the shared connection pool.
    pub api: HttpApi,
}

impl std::fmt::Debug for AppRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppRuntime")
            .field("app", &self.remote.name)
            .finish_non_exhaustive()
    }
}

/// What the engine works with, borrowed from the front end for one call.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Engine<'a> {
    /// The configuration.
    pub config: &'a OAuthClientConfig,
    /// Signs and checks `state` tokens.
    pub codec: &'a StateCodec,
    /// Outbound HTTP (timeouts, body cap, no redirects).
    pub http: &'a HttpClient,
    /// Remote accounts, tokens, identities, pending sign-ups.
    pub accounts: &'a dyn AccountStore,
    /// Local users.
    pub users: &'a dyn UserStore,
    /// The host's policy.
    pub policy: &'a dyn HostPolicy,
    /// Invenio's signals.
    pub events: &'a EventBus,
    /// Issues and checks e-mail confirmation links.
    pub confirmations: &'a ConfirmationCodec,
}

impl std::fmt::Debug for Engine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").finish_non_exhaustive()
    }
}

impl<'a> Engine<'a> {
    /// An engine over these parts.
    #[allow(clippy::too_many_arguments, reason = "one borrowed part per field")]
    pub fn new(
        config: &'a OAuthClientConfig,
        codec: &'a StateCodec,
        http: &'a HttpClient,
        accounts: &'a dyn AccountStore,
        users: &'a dyn UserStore,
        policy: &'a dyn HostPolicy,
        events: &'a EventBus,
        confirmations: &'a ConfirmationCodec,
    ) -> Self {
        Self {
            config,
            codec,
            http,
            accounts,
            users,
            policy,
            events,
            confirmations,
        }
    }

    /// Everything `app`'s handlers may use, for `current_user`.
    pub fn handler_context(
        &self,
        app: &'a AppRuntime,
        current_user: Option<&'a UserId>,
    ) -> HandlerContext<'a> {
        HandlerContext {
            app: &app.remote.name,
            remote: &app.remote,
            current_user,
            accounts: self.accounts,
            users: self.users,
            api: &app.api,
            handlers: &app.handlers,
            events: self.events,
            policy: self.policy,
        }
    }
}
