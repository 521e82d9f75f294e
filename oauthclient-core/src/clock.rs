//! Time as a dependency, so expiry can be tested without sleeping.
//!
//! ```
//! use oauthclient_core::clock::{Clock, ManualClock};
//!
//! let clock = ManualClock::new(1_000);
//! clock.advance(301);
//! assert_eq!(clock.now(), 1_301);
//! ```

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current time in whole seconds since the Unix epoch.
///
/// ```
/// use oauthclient_core::clock::Clock;
///
/// /// A clock frozen at the millennium.
/// struct Y2K;
/// impl Clock for Y2K {
///     fn now(&self) -> u64 { 946_684_800 }
/// }
///
/// let clock: &dyn Clock = &Y2K;
/// assert_eq!(clock.now(), 946_684_800);
/// ```
pub trait Clock: Send + Sync {
    /// Seconds since 1970-01-01T00:00:00Z.
    ///
    /// ```
    /// use oauthclient_core::clock::{Clock, ManualClock};
    /// assert_eq!(ManualClock::new(1_700_000_000).now(), 1_700_000_000);
    /// ```
    fn now(&self) -> u64;
}

/// The real wall clock.
///
/// ```
/// use oauthclient_core::clock::{Clock, SystemClock};
/// assert!(SystemClock.now() > 1_700_000_000);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        // A clock before 1970 is a broken machine; treating it as the epoch fails every
        // expiry check closed rather than panicking.
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs())
    }
}

/// A clock that only moves when told to; for tests and simulations.
///
/// ```
/// use oauthclient_core::clock::{Clock, ManualClock};
/// let clock = ManualClock::new(10);
/// clock.set(20);
/// assert_eq!(clock.now(), 20);
/// ```
#[derive(Debug, Default)]
pub struct ManualClock(AtomicU64);

impl ManualClock {
    /// A clock stopped at `now` seconds since the epoch.
    ///
    /// ```
    /// use oauthclient_core::clock::{Clock, ManualClock};
    /// let clock = ManualClock::new(42);
    /// assert_eq!(clock.now(), 42);
    /// assert_eq!(clock.now(), 42); // it does not move by itself
    /// ```
    pub fn new(now: u64) -> Self {
        Self(AtomicU64::new(now))
    }

    /// Moves the clock forward by `seconds`.
    ///
    /// ```
    /// use oauthclient_core::clock::{Clock, ManualClock};
    /// let clock = ManualClock::new(100);
    /// clock.advance(5);
    /// clock.advance(5);
    /// assert_eq!(clock.now(), 110);
    /// ```
    pub fn advance(&self, seconds: u64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Sets the clock to `now`.
    ///
    /// ```
    /// use oauthclient_core::clock::{Clock, ManualClock};
    /// let clock = ManualClock::new(100);
    /// clock.set(50); // may also go backwards
    /// assert_eq!(clock.now(), 50);
    /// ```
    pub fn set(&self, now: u64) {
        self.0.store(now, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}
