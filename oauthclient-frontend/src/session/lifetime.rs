//! How long a session lasts ([`SessionSettings`]), enforced on every request: the adapters'
//! session layers call [`enforce`] before the handler and [`stamp`] after it.
//!
//! A session carries a [`Stamp`] under [`SESSION_LIFETIME_KEY`]: when it began (its sign-in,
//! or its first value), the last request seen, and whether it is remembered. Whatever the
//! store (cookie or Redis), the stamp travels with the session, so a replayed copy of an old
//! cookie ends when the session would have. The last request is written at most every
//! [`touch_interval`] so a cookie session is not re-issued on every request; the idle
//! timeout is therefore honoured to within that interval.

use std::time::Duration;

use oauthclient_core::config::SessionSettings;
use serde::{Deserialize, Serialize};

use super::SessionData;

/// Session key of the session's lifetime stamp: when it began, when it was last used, whether
/// it is remembered (compact JSON, judged by `Runtime::enforce_session_lifetime`).
pub const SESSION_LIFETIME_KEY: &str = "_lifetime";

/// The last request is written once it is older than the idle timeout divided by this.
const TOUCH_FRACTION: u64 = 10;

/// When a session began and was last used, in seconds since the epoch. One-letter names:
/// it rides in every cookie session, whose size browsers cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// Sign-in, or the session's first value.
    #[serde(rename = "s")]
    since: u64,
    /// The last request seen (written at most every [`touch_interval`]).
    #[serde(rename = "t")]
    seen: u64,
    /// A remembered session: it lasts `remember_lifetime` from `since`, idle or not.
    #[serde(rename = "r", default, skip_serializing_if = "is_false")]
    remember: bool,
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "the signature `skip_serializing_if` calls"
)]
fn is_false(value: &bool) -> bool {
    !*value
}

impl Stamp {
    fn new(now: u64, remember: bool) -> Self {
        Self {
            since: now,
            seen: now,
            remember,
        }
    }
}

/// Whether a session may go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionVerdict {
    /// Within its lifetime (or not tracked yet: nothing in it).
    Fresh,
    /// Past its lifetime or idle timeout: it was purged ([`super::SessionOp::Purge`]).
    Expired,
}

/// How long a session is kept, for the adapter to set on its cookie and server-side record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SessionExpiry {
    /// How long the server keeps the session from now (the Redis key's TTL, a cookie
    /// session record's expiry): until its absolute end or, unless remembered, its idle end.
    pub server_ttl: Duration,
    /// `Some`: a persistent cookie with this `Max-Age` (a remembered session, until its end);
    /// `None`: a browser-session cookie, gone when the browser closes.
    pub cookie_max_age: Option<Duration>,
}

/// The shortest interval between two writes of the last request.
pub(crate) fn touch_interval(policy: &SessionSettings) -> u64 {
    (policy.idle_timeout_secs() / TOUCH_FRACTION).max(1)
}

/// The pure decision: is a session with `stamp` still good at `now` under `policy`? A clock
/// behind the stamp (another instance's clock) counts no time as passed.
pub(crate) fn judge(stamp: &Stamp, now: u64, policy: &SessionSettings) -> SessionVerdict {
    if remaining(stamp, now, policy) == 0 {
        SessionVerdict::Expired
    } else {
        SessionVerdict::Fresh
    }
}

/// Seconds the session has left at `now`: to its absolute end or, unless remembered, to its
/// idle end, whichever comes first.
fn remaining(stamp: &Stamp, now: u64, policy: &SessionSettings) -> u64 {
    let left = |from: u64, span: u64| from.saturating_add(span).saturating_sub(now);
    if stamp.remember {
        left(stamp.since, policy.remember_lifetime_secs())
    } else {
        left(stamp.since, policy.lifetime_secs()).min(left(stamp.seen, policy.idle_timeout_secs()))
    }
}

fn stamp_of(session: &SessionData) -> Option<Stamp> {
    session.get::<Stamp>(SESSION_LIFETIME_KEY)
}

/// Before the handler: an expired session is purged; a fresh one records this request when
/// its last one is older than [`touch_interval`] (remembered sessions have no idle timeout,
/// so nothing to record).
pub(crate) fn enforce(
    session: &mut SessionData,
    now: u64,
    policy: &SessionSettings,
) -> SessionVerdict {
    let Some(mut stamp) = stamp_of(session) else {
        return SessionVerdict::Fresh;
    };
    match judge(&stamp, now, policy) {
        SessionVerdict::Expired => {
            session.purge();
            SessionVerdict::Expired
        }
        SessionVerdict::Fresh => {
            if !stamp.remember && now.saturating_sub(stamp.seen) >= touch_interval(policy) {
                stamp.seen = now;
                session.insert(SESSION_LIFETIME_KEY, &stamp);
            }
            SessionVerdict::Fresh
        }
    }
}

/// At sign-in: the session's lifetime starts now, remembered or not.
pub(crate) fn start(session: &mut SessionData, now: u64, remember: bool) {
    session.insert(SESSION_LIFETIME_KEY, &Stamp::new(now, remember));
}

/// After the handler: a session that holds values (`holds_values`, as the adapter's session
/// library sees it) but no stamp — a new one, or one from before stamps — is stamped now.
/// The expiry to give its cookie and record; `None` for a session that holds nothing.
pub(crate) fn stamp(
    session: &mut SessionData,
    holds_values: bool,
    now: u64,
    policy: &SessionSettings,
) -> Option<SessionExpiry> {
    if !holds_values {
        return None;
    }
    let stamp = stamp_of(session).unwrap_or_else(|| {
        let fresh = Stamp::new(now, false);
        session.insert(SESSION_LIFETIME_KEY, &fresh);
        fresh
    });
    Some(expiry(&stamp, now, policy))
}

/// The expiry of a session whose values are `session` (a store that sees only the stored
/// values, e.g. actix-session's, picks its TTL with it); `None` without a stamp.
pub(crate) fn expiry_of(
    session: &SessionData,
    now: u64,
    policy: &SessionSettings,
) -> Option<SessionExpiry> {
    stamp_of(session).map(|stamp| expiry(&stamp, now, policy))
}

fn expiry(stamp: &Stamp, now: u64, policy: &SessionSettings) -> SessionExpiry {
    // Never zero: a TTL of 0 is an error to Redis, and the session is judged on its next
    // request anyway.
    let left = Duration::from_secs(remaining(stamp, now, policy).max(1));
    SessionExpiry {
        server_ttl: left,
        cookie_max_age: stamp.remember.then_some(left),
    }
}

#[cfg(test)]
mod tests {
    use oauthclient_core::clock::{Clock, ManualClock};
    use serde_json::Value;

    use super::*;
    use crate::session::SessionOp;

    const T0: u64 = 1_700_000_000;
    const HOUR: u64 = 3600;

    /// 8 hours absolute, 30 minutes idle, 30 days remembered.
    fn policy() -> SessionSettings {
        SessionSettings::new(8 * HOUR, 30 * 60, 30 * 24 * HOUR).expect("valid")
    }

    /// A session signed in at the clock's time.
    fn signed_in(clock: &ManualClock, remember: bool) -> SessionData {
        let mut session = SessionData::from_values([("_user_id".to_owned(), Value::from("7"))]);
        start(&mut session, clock.now(), remember);
        session.take_ops();
        session
    }

    /// One request at the clock's time; the session as the next request sees it.
    fn request(session: &SessionData, clock: &ManualClock) -> (SessionVerdict, SessionData) {
        let mut next = session.clone();
        let verdict = enforce(&mut next, clock.now(), &policy());
        next.take_ops();
        (verdict, next)
    }

    #[test]
    fn a_default_session_ends_after_the_idle_timeout() {
        let clock = ManualClock::new(T0);
        let session = signed_in(&clock, false);
        clock.advance(29 * 60);
        let (verdict, session) = request(&session, &clock);
        assert_eq!(
            verdict,
            SessionVerdict::Fresh,
            "used within the idle timeout"
        );
        clock.advance(29 * 60);
        let (verdict, session) = request(&session, &clock);
        assert_eq!(verdict, SessionVerdict::Fresh, "the last request counts");
        clock.advance(30 * 60);
        let mut expired = session.clone();
        assert_eq!(
            enforce(&mut expired, clock.now(), &policy()),
            SessionVerdict::Expired
        );
        assert_eq!(expired.take_ops(), vec![SessionOp::Purge]);
        assert!(!expired.contains("_user_id"));
    }

    #[test]
    fn a_default_session_ends_at_its_lifetime_however_busy() {
        let clock = ManualClock::new(T0);
        let mut session = signed_in(&clock, false);
        for _ in 0..(8 * 60 / 20 - 1) {
            clock.advance(20 * 60);
            let (verdict, next) = request(&session, &clock);
            assert_eq!(verdict, SessionVerdict::Fresh);
            session = next;
        }
        clock.set(T0 + 8 * HOUR);
        assert_eq!(request(&session, &clock).0, SessionVerdict::Expired);
    }

    #[test]
    fn a_remembered_session_outlives_idleness_and_ends_at_the_remember_lifetime() {
        let clock = ManualClock::new(T0);
        let remembered = signed_in(&clock, true);
        let default = signed_in(&clock, false);
        clock.advance(10 * 24 * HOUR);
        assert_eq!(request(&remembered, &clock).0, SessionVerdict::Fresh);
        assert_eq!(request(&default, &clock).0, SessionVerdict::Expired);
        clock.set(T0 + 30 * 24 * HOUR - 1);
        assert_eq!(request(&remembered, &clock).0, SessionVerdict::Fresh);
        clock.advance(1);
        assert_eq!(request(&remembered, &clock).0, SessionVerdict::Expired);
    }

    #[test]
    fn the_last_request_is_written_at_most_every_touch_interval() {
        let clock = ManualClock::new(T0);
        let session = signed_in(&clock, false);
        assert_eq!(touch_interval(&policy()), 180);
        clock.advance(179);
        let mut quiet = session.clone();
        enforce(&mut quiet, clock.now(), &policy());
        assert!(quiet.ops().is_empty(), "no write within the interval");
        clock.advance(1);
        let mut touched = session.clone();
        enforce(&mut touched, clock.now(), &policy());
        assert!(matches!(touched.ops(), [SessionOp::Set(key, _)] if key == SESSION_LIFETIME_KEY));
        let mut remembered = signed_in(&clock, true);
        clock.advance(HOUR);
        enforce(&mut remembered, clock.now(), &policy());
        assert!(
            remembered.ops().is_empty(),
            "no idle timeout, nothing to write"
        );
    }

    #[test]
    fn expiry_is_a_browser_cookie_for_default_sessions_and_persistent_when_remembered() {
        let clock = ManualClock::new(T0);
        let default = signed_in(&clock, false);
        let remembered = signed_in(&clock, true);
        clock.advance(60);
        let default = expiry_of(&default, clock.now(), &policy()).expect("stamped");
        assert_eq!(default.cookie_max_age, None);
        assert_eq!(
            default.server_ttl,
            Duration::from_secs(30 * 60 - 60),
            "idle end"
        );
        let remembered = expiry_of(&remembered, clock.now(), &policy()).expect("stamped");
        let left = Duration::from_secs(30 * 24 * HOUR - 60);
        assert_eq!(remembered.cookie_max_age, Some(left));
        assert_eq!(remembered.server_ttl, left);
    }

    #[test]
    fn an_unstamped_session_is_stamped_once_it_holds_values() {
        let clock = ManualClock::new(T0);
        let mut empty = SessionData::default();
        assert_eq!(enforce(&mut empty, T0, &policy()), SessionVerdict::Fresh);
        assert_eq!(stamp(&mut empty, false, T0, &policy()), None);
        assert!(empty.ops().is_empty(), "an empty session stays uncreated");
        let mut used = SessionData::from_values([("csrf".to_owned(), Value::from("t"))]);
        let expiry = stamp(&mut used, true, clock.now(), &policy()).expect("stamped");
        assert_eq!(expiry.server_ttl, Duration::from_secs(30 * 60));
        assert_eq!(
            used.get::<Stamp>(SESSION_LIFETIME_KEY),
            Some(Stamp::new(T0, false))
        );
    }

    #[test]
    fn a_clock_behind_the_stamp_counts_no_time() {
        let session = signed_in(&ManualClock::new(T0), false);
        assert_eq!(
            request(&session, &ManualClock::new(T0 - 60)).0,
            SessionVerdict::Fresh
        );
    }
}
