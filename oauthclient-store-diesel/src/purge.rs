//! Deleting tokens that expired and cannot be refreshed, in bounded batches.

use std::ops::ControlFlow;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use oauthclient_core::store::StoreError;

use crate::connection::{AnyConnection, with_bulk_cache};
use crate::error::query_error;
use crate::schema::oauthclient_remotetoken as tokens;
use crate::store::DieselStore;
use crate::tokens::now;
use crate::transaction::write_transaction;

/// Accounts whose purgeable tokens [`DieselStore::purge_expired_tokens`] deletes per
/// transaction.
pub const PURGE_BATCH: usize = 1_000;

/// The most accounts one purge batch names: SQLite binds each as a parameter, and caps them
/// per statement (32,766).
const MAX_PURGE_BATCH: usize = 10_000;

impl DieselStore {
    /// Deletes the tokens that expired more than `grace_secs` ago and cannot be refreshed
    /// (no refresh token); the accounts stay linked, and the next sign-in stores a new token.
    /// Returns how many rows went. Works in batches of [`PURGE_BATCH`] accounts
    /// ([`DieselStore::purge_expired_tokens_in_batches`]).
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
    /// use oauthclient_core::secret::SecretKey;
    /// use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};
    /// let dir = tempfile::tempdir().expect("temp dir");
    /// let url = format!("sqlite://{}", dir.path().join("oauth.sqlite").display());
    /// let keys = TokenKeys::new(vec![TokenKey::derive("k1", &SecretKey::new("a-very-long-random-secret-of-32+bytes"))]).expect("a key");
    /// let store = DieselStore::connect(&url, keys, StoreOptions::default()).await?;
    /// assert_eq!(store.purge_expired_tokens(0).await?, 0);
    /// # Ok::<(), oauthclient_core::StoreError>(())
    /// # }).expect("example");
    /// ```
    pub async fn purge_expired_tokens(&self, grace_secs: u64) -> Result<usize, StoreError> {
        self.purge_expired_tokens_in_batches(grace_secs, PURGE_BATCH, |_, _| {
            ControlFlow::Continue(())
        })
        .await
    }

    /// [`DieselStore::purge_expired_tokens`], one transaction per `batch_size` accounts (at
    /// least 1, at most 10,000): before the first batch (`done` 0) and after each committed
    /// one, `progress(done, total)` says how many of the `total` purgeable rows (counted at
    /// the start) are gone, and stops the purge
    /// by returning [`ControlFlow::Break`]. What was deleted stays deleted, and running it
    /// again deletes the rest. Memory stays at one batch of account ids; each batch starts
    /// after the last account of the one before, so the table is read once.
    pub async fn purge_expired_tokens_in_batches<P>(
        &self,
        grace_secs: u64,
        batch_size: usize,
        mut progress: P,
    ) -> Result<usize, StoreError>
    where
        P: FnMut(usize, usize) -> ControlFlow<()> + Send + 'static,
    {
        let grace = chrono::TimeDelta::seconds(i64::try_from(grace_secs).unwrap_or(i64::MAX));
        let cutoff = now()
            .checked_sub_signed(grace)
            .unwrap_or(NaiveDateTime::MIN);
        let batch = i64::try_from(batch_size.clamp(1, MAX_PURGE_BATCH)).unwrap_or(1);
        self.run(move |conn, _keys| {
            with_bulk_cache(conn, |conn| {
                let total: i64 = tokens::table
                    .filter(tokens::expires.lt(cutoff))
                    .filter(tokens::refresh_token.is_null())
                    .count()
                    .get_result(conn)
                    .map_err(query_error)?;
                let total = usize::try_from(total).unwrap_or(usize::MAX);
                let mut purged = 0;
                let mut after = i64::MIN;
                let mut next = progress(0, total);
                while next.is_continue() {
                    let (deleted, last) =
                        write_transaction(conn, |conn| purge_batch(conn, cutoff, after, batch))?;
                    let Some(last) = last else { break };
                    after = last;
                    purged += deleted;
                    next = progress(purged, total);
                }
                Ok(purged)
            })
        })
        .await
    }
}

/// Deletes the purgeable tokens of up to `batch` accounts after account `after`; returns how
/// many rows went and the last account (`None`: nothing left).
fn purge_batch(
    conn: &mut AnyConnection,
    cutoff: NaiveDateTime,
    after: i64,
    batch: i64,
) -> Result<(usize, Option<i64>), StoreError> {
    let accounts: Vec<i64> = tokens::table
        .filter(tokens::expires.lt(cutoff))
        .filter(tokens::refresh_token.is_null())
        .filter(tokens::id_remote_account.gt(after))
        .select(tokens::id_remote_account)
        .order(tokens::id_remote_account)
        .limit(batch)
        .load(conn)
        .map_err(query_error)?;
    let Some(&last) = accounts.last() else {
        return Ok((0, None));
    };
    // Every purgeable slot of these accounts goes, including one the limit cut off: the
    // next batch starts after `last`.
    let deleted = diesel::delete(
        tokens::table
            .filter(tokens::expires.lt(cutoff))
            .filter(tokens::refresh_token.is_null())
            .filter(tokens::id_remote_account.eq_any(&accounts)),
    )
    .execute(conn)
    .map_err(query_error)?;
    Ok((deleted, Some(last)))
}
