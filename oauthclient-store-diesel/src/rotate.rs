//! Re-encrypting stored tokens under the current key, so an old key can be retired.

use diesel::prelude::*;
use oauthclient_core::store::StoreError;

use crate::error::query_error;
use crate::models::TokenRow;
use crate::schema::oauthclient_remotetoken as tokens;
use crate::store::DieselStore;
use crate::tokens as token_rows;
use crate::transaction::write_transaction;

/// Rows re-encrypted per transaction: small enough to keep locks short.
const BATCH: i64 = 200;

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
    /// hash), in batches, calling `progress(done, total)` after each. A row under a key that is
    /// no longer configured stops the rotation with a clear error; rows done so far stay done,
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
        self.run(move |conn, keys| {
            let current = keys.current().id().to_owned();
            let count = |conn: &mut _, stale: bool| -> Result<i64, StoreError> {
                let query = tokens::table.count().into_boxed();
                let query = if stale {
                    query.filter(tokens::key_id.ne(current.clone()))
                } else {
                    query.filter(tokens::key_id.eq(current.clone()))
                };
                query.get_result(conn).map_err(query_error)
            };
            let total = usize::try_from(count(conn, true)?).unwrap_or(usize::MAX);
            let already_current = usize::try_from(count(conn, false)?).unwrap_or(usize::MAX);
            let mut rotated = 0;
            // Each batch shrinks the stale set by its size, so this ends after total / BATCH
            // rounds; the bound guards against a row that keeps coming back.
            let max_rounds = total / usize::try_from(BATCH).unwrap_or(1) + 1;
            for _ in 0..max_rounds {
                let done = write_transaction(conn, |conn| {
                    let stale: Vec<TokenRow> = tokens::table
                        .filter(tokens::key_id.ne(current.clone()))
                        .order((tokens::id_remote_account, tokens::token_type))
                        .limit(BATCH)
                        .select(TokenRow::as_select())
                        .load(conn)
                        .map_err(query_error)?;
                    for row in &stale {
                        let token = token_rows::open(keys, row)?;
                        let values = token_rows::seal(keys, row.id_remote_account, &token)?;
                        diesel::update(
                            tokens::table.find((row.id_remote_account, row.token_type.as_str())),
                        )
                        .set(&values)
                        .execute(conn)
                        .map_err(query_error)?;
                    }
                    Ok(stale.len())
                })?;
                if done == 0 {
                    break;
                }
                rotated += done;
                progress(rotated, total);
            }
            Ok(RotationReport {
                rotated,
                already_current,
            })
        })
        .await
    }
}
