//! Synthetic data at scale for `cargo xtask bench --users N` (docs/benchmarks.md, "Growth"):
//! users, remote accounts, identities and tokens written in bulk, one multi-row `INSERT` per
//! table per batch, each batch one transaction. The rows are what the store itself writes —
//! mailbox keys, tokens sealed under the store's current key with their lookup hash — so the
//! store reads them back like any others; only the per-user engine flow is skipped.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection as _;
use diesel::prelude::*;
use oauthclient_core::Token;
use oauthclient_core::secret::{AccessToken, RefreshToken};
use oauthclient_core::store::{StoreError, StoreErrorKind};

use crate::connection::AnyConnection;
use crate::crypto::TokenKeys;
use crate::error::query_error;
use crate::json::JsonDocument;
use crate::schema::{
    accounts_user as users, oauthclient_remoteaccount as accounts,
    oauthclient_remotetoken as tokens, oauthclient_useridentity as identities,
};
use crate::store::DieselStore;
use crate::tokens::{now, seal};
use crate::transaction::write_transaction;
use crate::users::whole_seconds;
use crate::users_table::UsersTable;

/// Users per transaction by default: four multi-row inserts of this many rows, well under
/// SQLite's 32,766 bound parameters per statement (15 columns a user row).
pub const GROWTH_BATCH: usize = 1_000;

/// The most users per batch ([`GROWTH_BATCH`]'s bound).
const MAX_GROWTH_BATCH: usize = 2_000;

/// What to generate. User `n` (1-based) gets id `n`, the address `user{n}@growth.example`,
/// one remote account at `client_id` (id `n`), the identity `growth-{n}` at `method`, and one
/// token whose access token is [`access_token_of`]`(n)`; every fourth token expired long ago
/// without a refresh token (what `tokens purge-expired` deletes), the others carry a refresh
/// token.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct GrowthPlan {
    /// How many users.
    pub users: u64,
    /// Users per transaction (1 to 2,000).
    pub batch: usize,
    /// The remote app's client id of every account.
    pub client_id: String,
    /// The identity method (the app's name) of every identity.
    pub method: String,
}

impl GrowthPlan {
    /// `users` users at `client_id`, identities at `method`, in batches of [`GROWTH_BATCH`].
    pub fn new(users: u64, client_id: impl Into<String>, method: impl Into<String>) -> Self {
        Self {
            users,
            batch: GROWTH_BATCH,
            client_id: client_id.into(),
            method: method.into(),
        }
    }
}

/// The access token generated for user `n`.
pub fn access_token_of(user: u64) -> String {
    format!("gho_growth_{user:08}")
}

/// The address generated for user `n`.
pub fn email_of(user: u64) -> String {
    format!("user{user}@growth.example")
}

/// Whether user `n`'s token is expired without a refresh token (every fourth).
pub fn is_purgeable(user: u64) -> bool {
    user.is_multiple_of(4)
}

/// How many users the database holds: a generator refuses a non-empty target.
pub async fn users_in(store: &DieselStore) -> Result<u64, StoreError> {
    store
        .run(|conn, _| {
            let count: i64 = users::table.count().get_result(conn).map_err(query_error)?;
            Ok(u64::try_from(count).unwrap_or(0))
        })
        .await
}

/// Deletes every user, account, identity, token and pending sign-up: the `--reset` of the
/// generator. Never run it on a database whose users matter.
pub async fn reset(store: &DieselStore) -> Result<(), StoreError> {
    let postgres = store.backend() == crate::Backend::Postgres;
    store
        .run(move |conn, _| {
            let sql = if postgres {
                "TRUNCATE oauthclient_remotetoken, oauthclient_useridentity, \
                 oauthclient_remoteaccount, oauthclient_pendingsignup, accounts_user \
                 RESTART IDENTITY"
            } else {
                "DELETE FROM oauthclient_remotetoken; DELETE FROM oauthclient_useridentity; \
                 DELETE FROM oauthclient_remoteaccount; DELETE FROM oauthclient_pendingsignup; \
                 DELETE FROM accounts_user;"
            };
            write_transaction(conn, |conn| conn.batch_execute(sql).map_err(query_error))
        })
        .await
}

/// Writes `plan` into an empty database (the library's users table), calling
/// `progress(done, total)` after each committed batch; returns how many users it wrote.
/// Refuses a database that already has users (see [`reset`]).
pub async fn fill<P>(
    store: &DieselStore,
    plan: &GrowthPlan,
    mut progress: P,
) -> Result<u64, StoreError>
where
    P: FnMut(u64, u64) + Send + 'static,
{
    if store.users_table() == UsersTable::Host {
        return Err(refusal(
            "the generator writes the library's users table, not a host's",
        ));
    }
    let existing = users_in(store).await?;
    if existing > 0 {
        return Err(refusal(&format!(
            "the database already holds {existing} user(s): empty it first (--reset deletes \
             every user, account, identity and token)"
        )));
    }
    let plan = plan.clone();
    let postgres = store.backend() == crate::Backend::Postgres;
    store
        .run(move |conn, keys| {
            let batch = u64::try_from(plan.batch.clamp(1, MAX_GROWTH_BATCH)).unwrap_or(1);
            let mut first = 1;
            while first <= plan.users {
                let last = plan.users.min(first + batch - 1);
                in_transaction(conn, |conn| insert_batch(conn, keys, &plan, first, last))?;
                progress(last, plan.users);
                first = last + 1;
            }
            if postgres {
                // Ids were given explicitly: the sequences must continue after them.
                conn.batch_execute(
                    "SELECT setval(pg_get_serial_sequence('accounts_user', 'id'), \
                     GREATEST((SELECT MAX(id) FROM accounts_user), 1)); \
                     SELECT setval(pg_get_serial_sequence('oauthclient_remoteaccount', 'id'), \
                     GREATEST((SELECT MAX(id) FROM oauthclient_remoteaccount), 1));",
                )
                .map_err(query_error)?;
            }
            Ok(plan.users)
        })
        .await
}

/// `work` in diesel's own transaction, not [`write_transaction`]'s `BEGIN IMMEDIATE`: diesel
/// may run a SQLite batch insert as one insert a row in a transaction of its own, which nests
/// (as a savepoint) only inside a transaction diesel knows about. The generator is the only
/// writer, so SQLite's deferred lock is enough.
fn in_transaction(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut failure = None;
    let outcome = conn.transaction::<(), diesel::result::Error, _>(|conn| {
        work(conn).map_err(|err| {
            failure = Some(err);
            diesel::result::Error::RollbackTransaction
        })
    });
    match (outcome, failure) {
        (_, Some(err)) => Err(err),
        (Err(err), None) => Err(query_error(err)),
        (Ok(()), None) => Ok(()),
    }
}

fn refusal(message: &str) -> StoreError {
    StoreError::new(StoreErrorKind::Other, message.to_owned())
}

// `None` is NULL, not DEFAULT: SQLite has no DEFAULT keyword in a multi-row insert.
#[derive(Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
struct UserValues {
    id: i64,
    email: String,
    email_key: Option<String>,
    claim_key: Option<String>,
    username: Option<String>,
    full_name: Option<String>,
    active: bool,
    confirmed_at: Option<NaiveDateTime>,
    email_changed_at: NaiveDateTime,
    created: NaiveDateTime,
    updated: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = accounts)]
struct AccountValues {
    id: i64,
    user_id: String,
    client_id: String,
    extra_data: JsonDocument,
    created: NaiveDateTime,
    updated: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = identities)]
struct IdentityValues {
    id: String,
    method: String,
    id_user: String,
    created: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = tokens, treat_none_as_default_value = false)]
struct TokenInsert {
    id_remote_account: i64,
    token_type: String,
    access_token: String,
    access_token_hash: String,
    secret: Option<String>,
    refresh_token: Option<String>,
    key_id: String,
    scopes: String,
    expires: Option<NaiveDateTime>,
    created: NaiveDateTime,
    updated: NaiveDateTime,
}

/// One multi-row `INSERT` of `rows` into `table`, on the concrete connection: diesel's
/// multi-backend connection cannot build a batch insert.
macro_rules! bulk_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            #[cfg(feature = "sqlite")]
            AnyConnection::Sqlite(conn) => diesel::insert_into($table).values(&$rows).execute(conn),
            #[cfg(feature = "postgres")]
            AnyConnection::Postgresql(conn) => {
                diesel::insert_into($table).values(&$rows).execute(conn)
            }
        }
        .map_err(query_error)?
    };
}

/// Users `first..=last`, with their account, identity and token.
fn insert_batch(
    conn: &mut AnyConnection,
    keys: &TokenKeys,
    plan: &GrowthPlan,
    first: u64,
    last: u64,
) -> Result<(), StoreError> {
    let time = now();
    let capacity = usize::try_from(last - first + 1).unwrap_or(0);
    let (mut user_rows, mut account_rows) = (Vec::with_capacity(capacity), Vec::new());
    let (mut identity_rows, mut token_rows) = (Vec::new(), Vec::new());
    for n in first..=last {
        let id = i64::try_from(n).map_err(|_| refusal("too many users"))?;
        let email = email_of(n);
        let key = oauthclient_core::email::mailbox_key(&email)
            .map_err(|err| refusal(&format!("{email}: {err}")))?;
        user_rows.push(UserValues {
            id,
            email,
            email_key: Some(key.clone()),
            claim_key: Some(key),
            username: Some(format!("user{n}")),
            full_name: Some(format!("Growth User {n}")),
            active: true,
            confirmed_at: Some(time),
            email_changed_at: whole_seconds(time),
            created: time,
            updated: time,
        });
        account_rows.push(AccountValues {
            id,
            user_id: n.to_string(),
            client_id: plan.client_id.clone(),
            extra_data: JsonDocument(serde_json::json!({ "login": format!("user{n}") })),
            created: time,
            updated: time,
        });
        identity_rows.push(IdentityValues {
            id: format!("growth-{n}"),
            method: plan.method.clone(),
            id_user: n.to_string(),
            created: time,
        });
        token_rows.push(token_row(keys, id, n, time)?);
    }
    bulk_insert!(conn, users::table, user_rows);
    bulk_insert!(conn, accounts::table, account_rows);
    bulk_insert!(conn, identities::table, identity_rows);
    bulk_insert!(conn, tokens::table, token_rows);
    Ok(())
}

/// User `n`'s token, sealed for account `account` as the store seals every token.
fn token_row(
    keys: &TokenKeys,
    account: i64,
    n: u64,
    time: NaiveDateTime,
) -> Result<TokenInsert, StoreError> {
    let now_secs = u64::try_from(time.and_utc().timestamp()).unwrap_or(0);
    let token = Token::bearer(AccessToken::new(access_token_of(n)));
    let token = if is_purgeable(n) {
        token.with_expires_at(1_000_000)
    } else {
        token
            .with_expires_at(now_secs + 3_600)
            .with_refresh_token(RefreshToken::new(format!("ghr_growth_{n:08}")))
    };
    let sealed = seal(keys, account, &token)?;
    Ok(TokenInsert {
        id_remote_account: account,
        token_type: token.token_type.clone(),
        access_token: sealed.access_token,
        access_token_hash: sealed.access_token_hash,
        secret: sealed.secret,
        refresh_token: sealed.refresh_token,
        key_id: sealed.key_id,
        scopes: sealed.scopes,
        expires: sealed.expires,
        created: time,
        updated: sealed.updated,
    })
}
