//! Events for the seed's signals, so host apps can react to sign-ups and links.

use std::sync::Arc;

use crate::account::{AccountInfo, UserId};

/// Something that happened in a flow. Events never carry tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OAuthEvent {
    /// The seed's `account_info_received`: the provider told us who the user is.
    AccountInfoReceived {
        /// Remote app name.
        app: String,
        /// What the provider said.
        account_info: AccountInfo,
    },
    /// The seed's `account_setup_received`: setup ran for a newly linked account.
    AccountSetupReceived {
        /// Remote app name.
        app: String,
        /// The local user.
        user_id: UserId,
    },
    /// The seed's `account_setup_committed`: the link and its setup are stored.
    AccountSetupCommitted {
        /// Remote app name.
        app: String,
        /// The local user.
        user_id: UserId,
    },
}

/// Receives events. Listeners run inline and should be quick; spawn work elsewhere.
pub trait EventListener: Send + Sync {
    /// Called once per event.
    fn on_event(&self, event: &OAuthEvent);
}

impl<F: Fn(&OAuthEvent) + Send + Sync> EventListener for F {
    fn on_event(&self, event: &OAuthEvent) {
        self(event);
    }
}

/// The listeners of one application.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use oauthclient_core::handlers::{EventBus, OAuthEvent};
///
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let sink = seen.clone();
/// let mut bus = EventBus::default();
/// bus.subscribe(Arc::new(move |event: &OAuthEvent| sink.lock().expect("lock").push(event.clone())));
/// bus.emit(&OAuthEvent::AccountSetupCommitted { app: "github".into(), user_id: 1 });
/// assert_eq!(seen.lock().expect("lock").len(), 1);
/// ```
#[derive(Clone, Default)]
pub struct EventBus {
    listeners: Vec<Arc<dyn EventListener>>,
}

impl std::fmt::Debug for EventBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventBus")
            .field("listeners", &self.listeners.len())
            .finish()
    }
}

impl EventBus {
    /// Adds a listener.
    pub fn subscribe(&mut self, listener: Arc<dyn EventListener>) {
        self.listeners.push(listener);
    }

    /// Delivers `event` to every listener, in subscription order.
    pub fn emit(&self, event: &OAuthEvent) {
        for listener in &self.listeners {
            listener.on_event(event);
        }
    }
}
