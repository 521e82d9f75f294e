//! Events for the seed's signals, so host apps can react to sign-ups and links.

use std::sync::Arc;

use crate::account::{AccountInfo, UserId};

/// Something that happened in a flow. Events never carry tokens.
///
/// ```
/// use oauthclient_core::handlers::OAuthEvent;
/// use oauthclient_core::{AccountInfo, ExternalId};
///
/// let event = OAuthEvent::AccountInfoReceived {
///     app: "github".into(),
///     account_info: AccountInfo::new(ExternalId::new("583231"), "github"),
/// };
/// let app = match &event {
///     OAuthEvent::AccountInfoReceived { app, .. } => app.as_str(),
///     _ => "other",
/// };
/// assert_eq!(app, "github");
/// ```
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
///
/// Any `Fn(&OAuthEvent)` closure is a listener; a struct can be one too:
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use oauthclient_core::handlers::{EventBus, EventListener, OAuthEvent};
///
/// #[derive(Default)]
/// struct CountLinks(AtomicUsize);
///
/// impl EventListener for CountLinks {
///     fn on_event(&self, event: &OAuthEvent) {
///         if matches!(event, OAuthEvent::AccountSetupCommitted { .. }) {
///             self.0.fetch_add(1, Ordering::Relaxed);
///         }
///     }
/// }
///
/// let counter = Arc::new(CountLinks::default());
/// let mut bus = EventBus::default();
/// bus.subscribe(counter.clone());
/// bus.emit(&OAuthEvent::AccountSetupReceived { app: "github".into(), user_id: "1".into() });
/// bus.emit(&OAuthEvent::AccountSetupCommitted { app: "github".into(), user_id: "1".into() });
/// assert_eq!(counter.0.load(Ordering::Relaxed), 1);
/// ```
pub trait EventListener: Send + Sync {
    /// Called once per event.
    ///
    /// ```
    /// use std::sync::Mutex;
    /// use oauthclient_core::account::UserId;
    /// use oauthclient_core::handlers::{EventListener, OAuthEvent};
    ///
    /// let last_user: Mutex<Option<UserId>> = Mutex::new(None);
    /// let listener = |event: &OAuthEvent| {
    ///     if let OAuthEvent::AccountSetupCommitted { user_id, .. } = event {
    ///         *last_user.lock().unwrap() = Some(user_id.clone());
    ///     }
    /// };
    /// listener.on_event(&OAuthEvent::AccountSetupCommitted { app: "orcid".into(), user_id: "7".into() });
    /// assert_eq!(last_user.lock().unwrap().as_ref().map(UserId::as_str), Some("7"));
    /// ```
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
/// bus.emit(&OAuthEvent::AccountSetupCommitted { app: "github".into(), user_id: "1".into() });
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
    ///
    /// ```
    /// use std::sync::Arc;
    /// use oauthclient_core::handlers::{EventBus, OAuthEvent};
    /// let mut bus = EventBus::default();
    /// bus.subscribe(Arc::new(|_: &OAuthEvent| {}));
    /// assert_eq!(format!("{bus:?}"), "EventBus { listeners: 1 }");
    /// ```
    pub fn subscribe(&mut self, listener: Arc<dyn EventListener>) {
        self.listeners.push(listener);
    }

    /// Delivers `event` to every listener, in subscription order.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// use oauthclient_core::handlers::{EventBus, OAuthEvent};
    ///
    /// let order = Arc::new(Mutex::new(Vec::new()));
    /// let mut bus = EventBus::default();
    /// for name in ["first", "second"] {
    ///     let order = order.clone();
    ///     bus.subscribe(Arc::new(move |_: &OAuthEvent| order.lock().expect("lock").push(name)));
    /// }
    /// bus.emit(&OAuthEvent::AccountSetupCommitted { app: "github".into(), user_id: "1".into() });
    /// assert_eq!(*order.lock().expect("lock"), ["first", "second"]);
    /// ```
    pub fn emit(&self, event: &OAuthEvent) {
        for listener in &self.listeners {
            listener.on_event(event);
        }
    }
}
