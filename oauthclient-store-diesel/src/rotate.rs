//! Re-encrypting stored tokens under the current key, so an old key can be retired.

use std::ops::ControlFlow;

use diesel::prelude::*;
use oauthclient_core::store::StoreError;

use crate::connection::AnyConnection;
use crate::crypto::TokenKeys;
use crate::error::query_error;
use crate::models::TokenRow;
use crate::schema::oauthclient_remotetoken as tokens;
use crate::store::DieselStore;
use crate::tokens as token_rows;
use crate::transaction::write_transaction;

/// Rows re-encrypted per transaction by [`DieselStore::rotate_token_keys`]: small enough to
/// keep locks short.
pub const ROTATION_BATCH: usize = 200;

/// What a rotation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RotationReport {
    /// Token rows re-encrypted under the current key.
    pub rotated: usize,
    /// Token rows that were already under the current key.
    pub already_current: usize,
}

impl DieselStore {
    /// Re-encrypts every token row not yet under the current key (and recomputes its lookup
    /// hash), in batches of [`ROTATION_BATCH`] rows, each committed, calling
    /// `progress(done, total)` once before the first (`done` 0) and after each. A row under a
    /// key that is no longer configured stops the rotation with a clear error; rows done so far stay done,
    /// so running it again (with the missing key added back) continues.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
    /// use oauthclient_core::secret::SecretKey;
    /// use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};
    /// let dir = tempfile::tempdir().expect("temp dir");
    /// let url = format!("sqlite://{}", dir.path().join("oauth.sqlite").display());
    /// let keys = TokenKeys::new(vec![TokenKey::derive("k2", &SecretKey::new("a-very-long-random-secret-of-32+bytes"))]).expect("a key");
    /// let store = DieselStore::connect(&url, keys, StoreOptions::default()).await?;
    /// let report = store.rotate_token_keys(|done, total| println!("{done}/{total}")).await?;
    /// assert_eq!(report.rotated, 0);
    /// # Ok::<(), oauthclient_core::StoreError>(())
    /// # }).expect("example");
    /// ```
    pub async fn rotate_token_keys<P>(&self, progress: P) -> Result<RotationReport, StoreError>
    where
        P: Fn(usize, usize) + Send + 'static,
    {
        self.rotate_token_keys_in_batches(ROTATION_BATCH, move |done, total| {
            progress(done, total);
            ControlFlow::Continue(())
        })
        .await
    }

    /// [`DieselStore::rotate_token_keys`] with `batch_size` rows per transaction (at least
    /// one): before the first batch (`done` 0) and after each committed one,
    /// `progress(done, total)` says how many of the `total` stale rows are re-encrypted, and stops the rotation by returning
    /// [`ControlFlow::Break`] (what was committed stays: running it again continues, as after
    /// an interruption). Memory stays at one batch of rows, and each batch starts after the
    /// last row of the one before (by primary key), so a million rows cost one pass over the
    /// table, not one per batch.
    pub async fn rotate_token_keys_in_batches<P>(
        &self,
        batch_size: usize,
        mut progress: P,
    ) -> Result<RotationReport, StoreError>
    where
        P: FnMut(usize, usize) -> ControlFlow<()> + Send + 'static,
    {
        let batch = i64::try_from(batch_size.max(1)).unwrap_or(i64::MAX);
        self.run(move |conn, keys| {
            let current = keys.current().id().to_owned();
            let count = |conn: &mut _, stale: bool| -> Result<usize, StoreError> {
                let query = tokens::table.count().into_boxed();
                let query = if stale {
                    query.filter(tokens::key_id.ne(current.clone()))
                } else {
                    query.filter(tokens::key_id.eq(current.clone()))
                };
                let rows: i64 = query.get_result(conn).map_err(query_error)?;
                Ok(usize::try_from(rows).unwrap_or(usize::MAX))
            };
            let total = count(conn, true)?;
            let already_current = count(conn, false)?;
            let mut rotated = 0;
            let mut after: Option<(i64, String)> = None;
            let mut next = progress(0, total);
            while next.is_continue() {
                let (done, last) = write_transaction(conn, |conn| {
                    rotate_batch(conn, keys, &current, after.as_ref(), batch)
                })?;
                let Some(last) = last else { break };
                after = Some(last);
                rotated += done;
                next = progress(rotated, total);
            }
            Ok(RotationReport {
                rotated,
                already_current,
            })
        })
        .await
    }
}

/// Re-encrypts up to `batch` stale rows after the row `after` (primary key order); returns
/// how many, and the key of the last one (`None`: nothing left).
fn rotate_batch(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    current: &str,
    after: Option<&(i64, String)>,
    batch: i64,
) -> Result<(usize, Option<(i64, String)>), StoreError> {
    let mut query = tokens::table
        .filter(tokens::key_id.ne(current.to_owned()))
        .order((tokens::id_remote_account, tokens::token_type))
        .limit(batch)
        .select(TokenRow::as_select())
        .into_boxed();
    if let Some((account, slot)) = after {
        query = query.filter(
            tokens::id_remote_account
                .gt(*account)
                .or(tokens::id_remote_account
                    .eq(*account)
                    .and(tokens::token_type.gt(slot.clone()))),
        );
    }
    let stale: Vec<TokenRow> = query.load(conn).map_err(query_error)?;
    for row in &stale {
        let token = token_rows::open(keys, row)?;
        let values = token_rows::seal(keys, row.id_remote_account, &token)?;
        diesel::update(tokens::table.find((row.id_remote_account, row.token_type.as_str())))
            .set(&values)
            .execute(conn)
            .map_err(query_error)?;
    }
    let last = stale
        .last()
        .map(|row| (row.id_remote_account, row.token_type.clone()));
    Ok((stale.len(), last))
}
