//! [`HostPolicy`]: the host application's say in a flow (django-allauth's adapter).
//!
//! The library decides what is *safe* (state, PKCE, which e-mail links to whom); the host
//! decides what is *allowed*: whether an app may create users, whether this person may sign
//! in at all (an allow-list, a ban, a maintenance window), what a new user looks like, and
//! what to do when something happened (provision a workspace, send a welcome mail, revoke
//! caches). Every method has a default, so a host implements only what it needs; the policy
//! is a value, so it can hold its own pools and clients.
//!
//! ```
//! use async_trait::async_trait;
//! use oauthclient_core::host_policy::{HostPolicy, PreSignIn, SignInAttempt};
//!
//! /// Only people from example.org may sign in through any provider.
//! struct OnlyExampleOrg;
//!
//! #[async_trait]
//! impl HostPolicy for OnlyExampleOrg {
//!     async fn pre_sign_in(&self, attempt: &SignInAttempt<'_>) -> PreSignIn {
//!         match attempt.account_info.trusted_email() {
//!             Some(email) if email.ends_with("@example.org") => PreSignIn::Continue,
//!             _ => PreSignIn::refuse("This site is for example.org staff."),
//!         }
//!     }
//! }
//! ```

use std::collections::BTreeSet;

use async_trait::async_trait;

use crate::account::{AccountInfo, NewUser, User, UserId};
use crate::config::RemoteApp;
use crate::config::SignupPolicy;
use crate::message::Message;

/// Someone came back from a provider; the host may let them go on, send them elsewhere, or
/// refuse. Nothing has been written yet.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SignInAttempt<'a> {
    /// The remote app they came through.
    pub app: &'a RemoteApp,
    /// Who the provider says they are.
    pub account_info: &'a AccountInfo,
    /// The signed-in local user, when this is a "connect" rather than a sign-in.
    pub current_user: Option<&'a UserId>,
    /// The groups the provider puts the user in (sorted; `account_info.groups`).
    pub groups: &'a [String],
    /// The roles those groups give here (`[remote_apps.<name>.roles]`).
    pub roles: &'a BTreeSet<String>,
}

/// The host's answer to a [`SignInAttempt`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PreSignIn {
    /// Go on as the library would.
    Continue,
    /// Stop here and send the browser to this URL (it must be safe: a path on this site, or a
    /// trusted host; anything else is dropped for the home page).
    Redirect {
        /// Where to.
        url: String,
    },
    /// Stop here with a message for the user (403 page).
    Refuse {
        /// Shown to the user as it is when there is no `message_id`; logged.
        message: String,
        /// A message of the host's own catalog (its `.ftl` files), shown in the reader's
        /// language instead of `message`.
        message_id: Option<Message>,
    },
}

impl PreSignIn {
    /// [`PreSignIn::Refuse`] with `message`.
    pub fn refuse(message: impl Into<String>) -> Self {
        Self::Refuse {
            message: message.into(),
            message_id: None,
        }
    }

    /// [`PreSignIn::Refuse`] with a message of the host's catalog, shown in the reader's
    /// language; its id stands for it where a text is needed (logs, `to_string()`).
    ///
    /// ```
    /// use oauthclient_core::Message;
    /// use oauthclient_core::host_policy::PreSignIn;
    ///
    /// let refusal = PreSignIn::refuse_message(Message::new("host-waiting-list").arg("days", 3_i64));
    /// assert!(matches!(refusal, PreSignIn::Refuse { ref message, message_id: Some(_) } if message == "host-waiting-list"));
    /// ```
    pub fn refuse_message(message: Message) -> Self {
        Self::Refuse {
            message: message.id().to_owned(),
            message_id: Some(message),
        }
    }

    /// [`PreSignIn::Redirect`] to `url`.
    pub fn redirect(url: impl Into<String>) -> Self {
        Self::Redirect { url: url.into() }
    }
}

/// Something that happened, for the host to act on ([`HostPolicy::on_event`]). Never carries
/// a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HostEvent {
    /// A user signed in through a remote app.
    #[non_exhaustive]
    SignedIn {
        /// Remote app name.
        app: String,
        /// The user.
        user_id: UserId,
        /// The provider's groups at this sign-in (as the remote account's `extra_data` keeps
        /// them; empty for apps without groups).
        groups: Vec<String>,
        /// The roles they give (`[remote_apps.<name>.roles]`).
        roles: BTreeSet<String>,
    },
    /// A local user was created through a remote app (and the remote account linked).
    #[non_exhaustive]
    SignedUp {
        /// Remote app name.
        app: String,
        /// The new user.
        user_id: UserId,
        /// The provider's groups.
        groups: Vec<String>,
        /// The roles they give.
        roles: BTreeSet<String>,
    },
    /// A remote account was linked to a signed-in user.
    #[non_exhaustive]
    Linked {
        /// Remote app name.
        app: String,
        /// The user.
        user_id: UserId,
        /// The provider's groups.
        groups: Vec<String>,
        /// The roles they give.
        roles: BTreeSet<String>,
    },
    /// A remote account was unlinked.
    Unlinked {
        /// Remote app name.
        app: String,
        /// The user.
        user_id: UserId,
    },
    /// A stored token was refreshed.
    TokenRefreshed {
        /// Remote app name.
        app: String,
        /// The token's user.
        user_id: UserId,
    },
    /// A stored token expired and could not be refreshed: the user must reconnect.
    ReconnectRequired {
        /// Remote app name.
        app: String,
        /// The token's user.
        user_id: UserId,
    },
}

/// The host's policy. Every method has the library's default behaviour.
#[async_trait]
pub trait HostPolicy: Send + Sync + 'static {
    /// May `app` create a local user for this remote account? Default: the app's `signup`
    /// setting. `false` refuses with "sign-up closed" (403); existing users still sign in.
    async fn is_open_for_signup(&self, app: &RemoteApp, account_info: &AccountInfo) -> bool {
        let _ = account_info;
        app.signup == SignupPolicy::Open
    }

    /// Called once the provider said who the user is, before anything is written. Default:
    /// [`PreSignIn::Continue`].
    async fn pre_sign_in(&self, attempt: &SignInAttempt<'_>) -> PreSignIn {
        let _ = attempt;
        PreSignIn::Continue
    }

    /// Completes a user about to be created (a username from the provider's login, a display
    /// name, ...). Default: unchanged. The e-mail address and whether it is confirmed are the
    /// library's to decide: changes to them are ignored.
    async fn populate_user(&self, app: &RemoteApp, account_info: &AccountInfo, user: &mut NewUser) {
        let _ = (app, account_info, user);
    }

    /// Whether the host can check passwords ([`HostPolicy::verify_password`]): then a
    /// confirmation page offers the account's holder to prove it with the password. Default:
    /// `false` (the page asks them to sign in instead).
    fn verifies_passwords(&self) -> bool {
        false
    }

    /// Whether `password` is `user`'s (the host keeps and hashes passwords; the library never
    /// stores one). Asked when a confirmation link is followed by someone not signed in: only
    /// the account's holder may confirm an address for it. Default: `false`.
    async fn verify_password(&self, user: &User, password: &str) -> bool {
        let _ = (user, password);
        false
    }

    /// The language `user` chose here (a BCP 47 tag such as `"de"` or `"pt-BR"`, from the
    /// host's own profile), asked for a signed-in user's request when neither `?lang=` nor the
    /// language cookie decided. A tag with no enabled catalog is ignored (`Accept-Language`
    /// decides). Default: `None`.
    ///
    /// Awaited on every such request: answer from memory or a cache, not a database round
    /// trip. The answer is not stored, so a changed preference applies at once.
    async fn preferred_locale(&self, user: &UserId) -> Option<String> {
        let _ = user;
        None
    }

    /// Something happened. Default: nothing. Runs inline, after the change is stored: keep it
    /// short, or spawn the work.
    async fn on_event(&self, event: &HostEvent) {
        let _ = event;
    }
}

/// The library's defaults, unchanged.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultPolicy;

impl HostPolicy for DefaultPolicy {}

/// Applies [`HostPolicy::populate_user`], keeping what is the library's to decide.
pub(crate) async fn populated(
    policy: &dyn HostPolicy,
    app: &RemoteApp,
    account_info: &AccountInfo,
    user: &NewUser,
) -> NewUser {
    let mut populated = user.clone();
    policy
        .populate_user(app, account_info, &mut populated)
        .await;
    populated.email.clone_from(&user.email);
    populated.confirmed = user.confirmed;
    populated
}
