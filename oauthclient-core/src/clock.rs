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
    fn now(&self) -> u64;
}

/// The real wall clock.
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
#[derive(Debug, Default)]
pub struct ManualClock(AtomicU64);

impl ManualClock {
    /// A clock stopped at `now` seconds since the epoch.
    pub fn new(now: u64) -> Self {
        Self(AtomicU64::new(now))
    }

    /// Moves the clock forward by `seconds`; successive calls add up.
    pub fn advance(&self, seconds: u64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Sets the clock to `now`, which may also move it backwards.
    pub fn set(&self, now: u64) {
        self.0.store(now, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::{Clock, ManualClock, SystemClock};

    #[test]
    fn system_clock_counts_seconds_since_the_epoch() {
        assert!(SystemClock.now() > 1_700_000_000);
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = ManualClock::new(100);
        assert_eq!(clock.now(), 100);
        assert_eq!(clock.now(), 100);
        clock.advance(5);
        clock.advance(5);
        assert_eq!(clock.now(), 110);
        clock.set(50);
        assert_eq!(clock.now(), 50);
    }
}
