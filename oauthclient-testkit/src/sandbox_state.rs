//! The sandbox's pending sign-ins: authorization requests `/authorize` has checked, kept
//! server-side under a random id until the consent page is answered.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use subtle::ConstantTimeEq;
use url::Url;

use crate::random_token::random_token;
use crate::user::FakeUser;

/// At most this many sign-ins wait at once; a new one evicts the oldest.
pub(crate) const MAX_PENDING: usize = 1000;
/// A sign-in not finished within this time is refused.
pub(crate) const PENDING_TTL: Duration = Duration::from_secs(10 * 60);

/// An authorization request waiting for the sandbox pages.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    /// The client's `redirect_uri`, parsed.
    pub redirect_uri: Url,
    /// The same, verbatim (codes are bound to it).
    pub raw_redirect: String,
    /// The client's `state`, echoed on the way back.
    pub state: Option<String>,
    /// The PKCE S256 challenge, if one was sent.
    pub code_challenge: Option<String>,
    /// The requested scope, verbatim.
    pub scope: Option<String>,
    /// The random token the forms must carry.
    pub csrf: String,
    created: Instant,
    /// Who signed in at the login page; `None` until then.
    pub user: Option<FakeUser>,
}

impl Pending {
    /// A checked authorization request, with a fresh form token.
    pub fn new(
        redirect_uri: Url,
        raw_redirect: &str,
        state: Option<&str>,
        code_challenge: Option<&str>,
        scope: Option<&str>,
    ) -> Self {
        Self {
            redirect_uri,
            raw_redirect: raw_redirect.to_owned(),
            state: state.map(str::to_owned),
            code_challenge: code_challenge.map(str::to_owned),
            scope: scope.map(str::to_owned),
            csrf: random_token(""),
            created: Instant::now(),
            user: None,
        }
    }
}

/// Why a sandbox form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// No such pending id (never issued, answered already, or evicted).
    Unknown,
    /// Older than [`PENDING_TTL`].
    Expired,
    /// The form token does not match the pending request.
    BadToken,
    /// A repeated field or an unknown decision.
    Malformed,
    /// The consent form was posted before the login form.
    NotSignedIn,
}

/// The pending sign-ins, bounded to [`MAX_PENDING`], oldest evicted first.
#[derive(Debug, Default)]
pub(crate) struct PendingRequests {
    by_id: HashMap<String, (u64, Pending)>,
    order: BTreeMap<u64, String>,
    next: u64,
}

impl PendingRequests {
    /// Stores `pending` under a new random id, after dropping expired requests and, when
    /// full, the oldest.
    pub fn insert(&mut self, pending: Pending, now: Instant) -> String {
        while let Some((_, oldest)) = self.order.first_key_value() {
            let stale = self
                .by_id
                .get(oldest)
                .is_none_or(|(_, old)| is_expired(old, now));
            if !stale && self.by_id.len() < MAX_PENDING {
                break;
            }
            if let Some((_, oldest)) = self.order.pop_first() {
                self.by_id.remove(&oldest);
            }
        }
        let id = random_token("sandbox_");
        self.next += 1;
        self.order.insert(self.next, id.clone());
        self.by_id.insert(id.clone(), (self.next, pending));
        id
    }

    /// The pending request `id`, if it is live and `token` is its form token.
    pub fn checked(
        &mut self,
        id: &str,
        token: &str,
        now: Instant,
    ) -> Result<&mut Pending, Problem> {
        let expired = match self.by_id.get(id) {
            None => return Err(Problem::Unknown),
            Some((_, pending)) => is_expired(pending, now),
        };
        if expired {
            self.remove(id);
            return Err(Problem::Expired);
        }
        let (_, pending) = self.by_id.get_mut(id).ok_or(Problem::Unknown)?;
        if bool::from(token.as_bytes().ct_eq(pending.csrf.as_bytes())) {
            Ok(pending)
        } else {
            Err(Problem::BadToken)
        }
    }

    /// Takes the pending request `id` out.
    pub fn remove(&mut self, id: &str) -> Option<Pending> {
        let (seq, pending) = self.by_id.remove(id)?;
        self.order.remove(&seq);
        Some(pending)
    }

    /// How many requests are waiting.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.by_id.len()
    }
}

fn is_expired(pending: &Pending, now: Instant) -> bool {
    now.saturating_duration_since(pending.created) > PENDING_TTL
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> Pending {
        let uri = Url::parse("http://127.0.0.1:1/cb").expect("url");
        Pending::new(
            uri,
            "http://127.0.0.1:1/cb",
            Some("s"),
            None,
            Some("read:user"),
        )
    }

    #[test]
    fn the_oldest_request_is_evicted_when_full() {
        let mut requests = PendingRequests::default();
        let now = Instant::now();
        let first = requests.insert(pending(), now);
        let first_token = requests.by_id[&first].1.csrf.clone();
        let second = requests.insert(pending(), now);
        for _ in 2..MAX_PENDING {
            requests.insert(pending(), now);
        }
        assert_eq!(requests.len(), MAX_PENDING);
        requests.insert(pending(), now);
        assert_eq!(requests.len(), MAX_PENDING);
        assert_eq!(
            requests.checked(&first, &first_token, now).err(),
            Some(Problem::Unknown)
        );
        assert!(requests.by_id.contains_key(&second));
        assert_eq!(requests.order.len(), MAX_PENDING);
    }

    #[test]
    fn requests_expire_and_are_pruned() {
        let mut requests = PendingRequests::default();
        let start = Instant::now();
        let id = requests.insert(pending(), start);
        let token = requests.by_id[&id].1.csrf.clone();
        let later = start + PENDING_TTL + Duration::from_secs(1);
        assert!(requests.checked(&id, &token, start).is_ok());
        assert_eq!(
            requests.checked(&id, &token, later).err(),
            Some(Problem::Expired)
        );
        assert_eq!(requests.len(), 0, "an expired request is dropped");

        let stale = requests.insert(pending(), start);
        requests.insert(pending(), later);
        assert!(!requests.by_id.contains_key(&stale), "pruned on insert");
    }

    #[test]
    fn the_form_token_is_checked() {
        let mut requests = PendingRequests::default();
        let now = Instant::now();
        let id = requests.insert(pending(), now);
        assert_eq!(
            requests.checked(&id, "forged", now).err(),
            Some(Problem::BadToken)
        );
        assert_eq!(requests.len(), 1, "a forged token does not end the request");
        assert!(requests.remove(&id).is_some());
        assert!(requests.order.is_empty());
    }
}
