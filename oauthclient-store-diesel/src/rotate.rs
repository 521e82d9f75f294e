//! Re-encrypting stored tokens under the current key, so an old key can be retired.

use std::ops::ControlFlow;

use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::prelude::*;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, HasSqlType, Nullable, Text, Timestamp};
use oauthclient_core::store::StoreError;

use crate::connection::{AnyConnection, with_bulk_cache};
use crate::crypto::TokenKeys;
use crate::error::query_error;
use crate::models::{TokenRow, TokenValues};
use crate::schema::oauthclient_remotetoken as tokens;
use crate::store::DieselStore;
use crate::tokens::{self as token_rows, now as tokens_now};
use crate::transaction::write_transaction;

/// Rows re-encrypted per transaction by [`DieselStore::rotate_token_keys`]: small enough to
/// keep locks short (a quarter of a second), large enough that each index page rewritten
/// serves several rows (a thousand rows a batch cost a third more per row on SQLite).
pub const ROTATION_BATCH: usize = 5_000;

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
            with_bulk_cache(conn, |conn| {
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
                // `done` counts the stale rows dealt with; `rotated` those this rotation rewrote
                // (a row saved anew in the meantime is already under the current key).
                let (mut done, mut rotated) = (0, 0);
                let mut after: Option<(i64, String)> = None;
                let mut next = progress(0, total);
                while next.is_continue() {
                    let Batch {
                        read,
                        rewritten,
                        last,
                    } = write_transaction(conn, |conn| {
                        rotate_batch(conn, keys, &current, after.as_ref(), batch)
                    })?;
                    let Some(last) = last else { break };
                    after = Some(last);
                    done += read;
                    rotated += rewritten;
                    next = progress(done, total);
                }
                Ok(RotationReport {
                    rotated,
                    already_current,
                })
            })
        })
        .await
    }
}

/// What one batch did.
struct Batch {
    /// Stale rows read.
    read: usize,
    /// Rows rewritten (the others were saved anew in the meantime).
    rewritten: usize,
    /// The primary key of the last row read; `None`: nothing was left.
    last: Option<(i64, String)>,
}

/// Re-encrypts up to `batch` stale rows after the row `after` (primary key order).
fn rotate_batch(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    current: &str,
    after: Option<&(i64, String)>,
    batch: i64,
) -> Result<Batch, StoreError> {
    let mut query = tokens::table
        .filter(tokens::key_id.ne(current.to_owned()))
        .order((tokens::id_remote_account, tokens::token_type))
        .limit(batch)
        .select(TokenRow::as_select())
        .into_boxed();
    if let Some((account, slot)) = after {
        // `(account, slot) > after`, written so that the first condition alone is a range on
        // the primary key: with only the `OR`, SQLite and PostgreSQL walk the table from its
        // start every batch, past every row already rotated (quadratic over a million rows).
        query = query.filter(tokens::id_remote_account.ge(*account)).filter(
            tokens::id_remote_account
                .gt(*account)
                .or(tokens::token_type.gt(slot.clone())),
        );
    }
    let stale: Vec<TokenRow> = query.load(conn).map_err(query_error)?;
    let mut resealed = Vec::with_capacity(stale.len());
    for row in &stale {
        let token = token_rows::open(keys, row)?;
        let values = token_rows::seal(keys, row.id_remote_account, &token)?;
        resealed.push(Resealed { row, values });
    }
    let mut rewritten = 0;
    for chunk in resealed.chunks(ROWS_PER_STATEMENT) {
        rewritten += write_resealed(conn, current, chunk)?;
    }
    let last = stale
        .last()
        .map(|row| (row.id_remote_account, row.token_type.clone()));
    Ok(Batch {
        read: stale.len(),
        rewritten,
        last,
    })
}

/// Rows per `UPDATE` statement: 8 parameters a row stay under SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters per statement.
const ROWS_PER_STATEMENT: usize = 1_000;

/// A stale row and its values sealed under the current key.
struct Resealed<'a> {
    row: &'a TokenRow,
    values: TokenValues,
}

/// Writes `rows` in one `UPDATE ... FROM (VALUES ...)` statement; a round trip per row was
/// what bounded a rotation on PostgreSQL. Each row is written only if it still holds the
/// ciphertext that was read (compare-and-swap): a token a sign-in or a refresh saved in the
/// meantime is already under the current key and must not be overwritten by the older one.
/// Returns how many rows were rewritten.
fn write_resealed(
    conn: &mut AnyConnection,
    current: &str,
    rows: &[Resealed<'_>],
) -> Result<usize, StoreError> {
    let updated = tokens_now();
    match conn {
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(pg) => {
            // Without fresh statistics (a table just filled or rewritten), the planner
            // estimates many rows per primary key and joins the values by scanning the whole
            // table: 0.8 s a statement on a million rows, against 25 ms for a thousand index
            // lookups. `SET LOCAL` ends with the batch's transaction.
            diesel::connection::SimpleConnection::batch_execute(
                pg,
                "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off",
            )
            .map_err(query_error)?;
            let sql = reseal_sql(rows.len(), |n, ty| format!("${n}::{ty}"));
            bind_resealed(diesel::sql_query(sql).into_boxed(), current, updated, rows)
                .execute(pg)
                .map_err(query_error)
        }
        #[cfg(feature = "sqlite")]
        AnyConnection::Sqlite(sqlite) => {
            let sql = reseal_sql(rows.len(), |n, _| format!("?{n}"));
            bind_resealed(diesel::sql_query(sql).into_boxed(), current, updated, rows)
                .execute(sqlite)
                .map_err(query_error)
        }
    }
}

/// The statement for `count` rows; `param(n, sql_type)` writes the backend's `n`th
/// placeholder (PostgreSQL needs the types of parameters inside `VALUES`).
fn reseal_sql(count: usize, param: impl Fn(usize, &str) -> String) -> String {
    const COLUMNS: [&str; 8] = [
        "bigint", "text", "text", "text", "text", "text", "text", "text",
    ];
    let mut values = Vec::with_capacity(count);
    for row in 0..count {
        let first = 3 + row * COLUMNS.len();
        let placeholders: Vec<String> = COLUMNS
            .iter()
            .enumerate()
            .map(|(column, ty)| param(first + column, ty))
            .collect();
        values.push(format!("({})", placeholders.join(", ")));
    }
    format!(
        "WITH v (id_remote_account, token_type, old_key_id, old_access_token, access_token, \
         access_token_hash, secret, refresh_token) AS (VALUES {}) \
         UPDATE oauthclient_remotetoken SET access_token = v.access_token, \
         access_token_hash = v.access_token_hash, secret = v.secret, \
         refresh_token = v.refresh_token, key_id = {}, updated = {} \
         FROM v WHERE oauthclient_remotetoken.id_remote_account = v.id_remote_account \
         AND oauthclient_remotetoken.token_type = v.token_type \
         AND oauthclient_remotetoken.key_id = v.old_key_id \
         AND oauthclient_remotetoken.access_token = v.old_access_token",
        values.join(", "),
        param(1, "text"),
        param(2, "timestamp"),
    )
}

/// Binds the current key id, the update time and each row's eight values, in
/// [`reseal_sql`]'s order.
fn bind_resealed<'f, DB>(
    mut query: BoxedSqlQuery<'f, DB, SqlQuery>,
    current: &str,
    updated: NaiveDateTime,
    rows: &[Resealed<'_>],
) -> BoxedSqlQuery<'f, DB, SqlQuery>
where
    DB: Backend + HasSqlType<BigInt> + HasSqlType<Text> + HasSqlType<Nullable<Text>>,
    DB: HasSqlType<Timestamp>,
    i64: ToSql<BigInt, DB>,
    String: ToSql<Text, DB>,
    Option<String>: ToSql<Nullable<Text>, DB>,
    NaiveDateTime: ToSql<Timestamp, DB>,
{
    query = query
        .bind::<Text, _>(current.to_owned())
        .bind::<Timestamp, _>(updated);
    for Resealed { row, values } in rows {
        query = query
            .bind::<BigInt, _>(row.id_remote_account)
            .bind::<Text, _>(row.token_type.clone())
            .bind::<Text, _>(row.key_id.clone())
            .bind::<Text, _>(row.access_token.clone())
            .bind::<Text, _>(values.access_token.clone())
            .bind::<Text, _>(values.access_token_hash.clone())
            .bind::<Nullable<Text>, _>(values.secret.clone())
            .bind::<Nullable<Text>, _>(values.refresh_token.clone());
    }
    query
}

#[cfg(test)]
mod tests {
    use super::reseal_sql;

    #[test]
    fn the_statement_numbers_every_row_s_parameters_after_the_shared_two() {
        let sql = reseal_sql(2, |n, _| format!("?{n}"));
        assert!(
            sql.contains("(VALUES (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10), (?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18))"),
            "{sql}"
        );
        assert!(sql.contains("key_id = ?1, updated = ?2"), "{sql}");
        let pg = reseal_sql(1, |n, ty| format!("${n}::{ty}"));
        assert!(pg.contains("($3::bigint, $4::text,"), "{pg}");
        assert!(pg.contains("updated = $2::timestamp"), "{pg}");
    }

    #[test]
    fn a_row_is_only_rewritten_if_it_still_holds_what_was_read() {
        let sql = reseal_sql(1, |n, _| format!("?{n}"));
        assert!(sql.contains("oauthclient_remotetoken.key_id = v.old_key_id"));
        assert!(sql.contains("oauthclient_remotetoken.access_token = v.old_access_token"));
    }
}
