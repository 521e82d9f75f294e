//! Where the buckets live: a bounded, sharded, two-generation map.
//!
//! Bounded because every new client (and an IPv6 attacker has millions of /64s) would
//! otherwise add an entry forever. Two generations make eviction O(1) amortised with no scan:
//! each shard keeps `current` and `previous`; a key is looked up in `current`, then in
//! `previous` (and moved up); when `current` is full it becomes `previous` and the old
//! `previous` is forgotten whole. A client seen at least once per generation stays; one not
//! seen for a generation goes. Sharding by key hash keeps one client's lookup from waiting
//! on all others'.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, PoisonError};

use super::ClientKey;

/// Separate locks: with 16, two concurrent requests rarely wait for each other.
const SHARDS: usize = 16;

/// Keys per shard and generation: each shard holds at most two generations.
fn generation_capacity(capacity: usize) -> usize {
    (capacity / (2 * SHARDS)).max(1)
}

/// The sharded map from client to value (a token bucket).
pub(super) struct Table<V> {
    /// Picks the shard. Randomly keyed (SipHash), so clients cannot aim at one shard.
    hasher: RandomState,
    shards: Box<[Mutex<Shard<V>>]>,
    generation_capacity: usize,
}

struct Shard<V> {
    current: HashMap<ClientKey, V>,
    previous: HashMap<ClientKey, V>,
}

impl<V: Copy> Table<V> {
    /// A table tracking at most `capacity` keys (rounded down to a multiple of 32, at
    /// least 32).
    pub(super) fn new(capacity: usize) -> Self {
        let generation_capacity = generation_capacity(capacity);
        let shards = (0..SHARDS)
            .map(|_| {
                Mutex::new(Shard {
                    current: HashMap::new(),
                    previous: HashMap::new(),
                })
            })
            .collect();
        Self {
            hasher: RandomState::new(),
            shards,
            generation_capacity,
        }
    }

    /// The most keys tracked at once.
    pub(super) fn capacity(&self) -> usize {
        self.shards.len() * 2 * self.generation_capacity
    }

    /// Runs `update` on the value of `key` (`fresh` for a key not tracked) under the shard's
    /// lock, and returns what it returns.
    pub(super) fn update<R>(
        &self,
        key: ClientKey,
        fresh: V,
        update: impl FnOnce(&mut V) -> R,
    ) -> R {
        #[allow(clippy::cast_possible_truncation, reason = "only picks a shard")]
        let index = self.hasher.hash_one(key) as usize % self.shards.len();
        let mut shard = self.lock(index);
        let value = shard.entry(key, fresh, self.generation_capacity);
        update(value)
    }

    /// How many keys are tracked now (locks every shard in turn).
    #[cfg(test)]
    pub(super) fn tracked(&self) -> usize {
        (0..self.shards.len())
            .map(|index| {
                let shard = self.lock(index);
                shard.current.len() + shard.previous.len()
            })
            .sum()
    }

    fn lock(&self, index: usize) -> std::sync::MutexGuard<'_, Shard<V>> {
        // A panic elsewhere while holding the lock leaves at worst one odd bucket; limiting
        // must go on rather than turn every later request into a panic.
        self.shards[index]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl<V: Copy> Shard<V> {
    fn entry(&mut self, key: ClientKey, fresh: V, generation_capacity: usize) -> &mut V {
        if !self.current.contains_key(&key) {
            let value = self.previous.remove(&key).unwrap_or(fresh);
            if self.current.len() >= generation_capacity {
                // Rotate: `previous` is forgotten whole. Keys and values are `Copy`, so
                // clearing drops nothing per entry, and reusing its allocation as the new
                // `current` spares regrowing it.
                std::mem::swap(&mut self.current, &mut self.previous);
                self.current.clear();
            }
            self.current.insert(key, value);
        }
        self.current.entry(key).or_insert(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u32) -> ClientKey {
        ClientKey::of(std::net::Ipv4Addr::from(n).into())
    }

    #[test]
    fn a_value_survives_while_it_is_used() {
        let table = Table::new(64);
        table.update(key(0), 0_u32, |value| *value = 7);
        for n in 1..10_000 {
            table.update(key(n), 0, |_| ());
            assert_eq!(table.update(key(0), 0, |value| *value), 7);
        }
    }

    #[test]
    fn the_bound_holds_and_old_keys_go() {
        let table = Table::new(320);
        assert_eq!(table.capacity(), 320);
        table.update(key(0), 0_u32, |value| *value = 7);
        for n in 1..100_000 {
            table.update(key(n), 0, |_| ());
            assert!(table.tracked() <= 320);
        }
        assert_eq!(table.update(key(0), 0, |value| *value), 0, "forgotten");
    }
}
