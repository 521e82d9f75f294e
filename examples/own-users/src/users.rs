//! The app's own users table, as an app has it before it adds OAuth: PostgreSQL, UUID keys,
//! its own password login. Nothing here knows about oauthclient-rs except the error type the
//! directory answers with.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};
use diesel::sql_types::{Bool, Nullable, Text};
use oauthclient_core::store::StoreError;

/// The table, created if missing. `email` is unique case-insensitively, as the app compares
/// addresses.
const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS users (
        id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
        email TEXT NOT NULL,
        email_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
        password_hash TEXT,
        full_name TEXT,
        active BOOLEAN NOT NULL DEFAULT TRUE,
        created TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower ON users (lower(email));
";

/// The columns every query reads, the key as text.
const COLUMNS: &str = "id::text AS id, email, email_confirmed, active, \
                       password_hash IS NOT NULL AS has_password, full_name";

/// One row of `users`.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct UserRow {
    /// The UUID, as text.
    #[diesel(sql_type = Text)]
    pub id: String,
    /// The address.
    #[diesel(sql_type = Text)]
    pub email: String,
    /// Whether the app confirmed it.
    #[diesel(sql_type = Bool)]
    pub email_confirmed: bool,
    /// Whether the user may sign in.
    #[diesel(sql_type = Bool)]
    pub active: bool,
    /// Whether the user has a password (the app's own login).
    #[diesel(sql_type = Bool)]
    pub has_password: bool,
    /// Display name.
    #[diesel(sql_type = Nullable<Text>)]
    pub full_name: Option<String>,
}

/// The users table behind a connection pool.
#[derive(Clone)]
pub struct AppUsers {
    pool: Pool<ConnectionManager<PgConnection>>,
}

impl std::fmt::Debug for AppUsers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppUsers").finish_non_exhaustive()
    }
}

/// Whether `id` has a UUID's shape: anything else names no user (and is never cast, so a
/// bad id is "no such user", not a database error).
fn is_uuid(id: &str) -> bool {
    id.len() == 36
        && id.char_indices().all(|(at, c)| match at {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn unavailable(err: impl std::fmt::Display) -> StoreError {
    StoreError::unavailable(format!("users table: {err}"))
}

fn query_failed(err: &diesel::result::Error) -> StoreError {
    use diesel::result::{DatabaseErrorKind, Error};
    match err {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            StoreError::conflict("this e-mail address is already registered")
        }
        other => unavailable(other),
    }
}

impl AppUsers {
    /// Connects to `database_url` and creates the table if it is missing.
    pub fn connect(database_url: &str) -> Result<Self, StoreError> {
        let pool = Pool::builder()
            .max_size(4)
            .build(ConnectionManager::<PgConnection>::new(database_url))
            .map_err(unavailable)?;
        let users = Self { pool };
        users.conn()?.batch_execute(SCHEMA).map_err(unavailable)?;
        Ok(users)
    }

    fn conn(&self) -> Result<PooledConnection<ConnectionManager<PgConnection>>, StoreError> {
        self.pool.get().map_err(unavailable)
    }

    /// Runs blocking database work off the async executor.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let users = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = users.conn()?;
            work(&mut conn)
        })
        .await
        .map_err(unavailable)?
    }

    /// The user with this key.
    pub(crate) fn by_id(conn: &mut PgConnection, id: &str) -> Result<Option<UserRow>, StoreError> {
        if !is_uuid(id) {
            return Ok(None);
        }
        diesel::sql_query(format!("SELECT {COLUMNS} FROM users WHERE id = $1::uuid"))
            .bind::<Text, _>(id)
            .get_result(conn)
            .optional()
            .map_err(|err| query_failed(&err))
    }

    /// The user with this address (any case), confirmed or not.
    pub(crate) fn by_email(
        conn: &mut PgConnection,
        email: &str,
    ) -> Result<Option<UserRow>, StoreError> {
        diesel::sql_query(format!(
            "SELECT {COLUMNS} FROM users WHERE lower(email) = lower($1)"
        ))
        .bind::<Text, _>(email.trim())
        .get_result(conn)
        .optional()
        .map_err(|err| query_failed(&err))
    }

    /// Inserts a user; a taken address is a conflict.
    pub(crate) fn insert(
        conn: &mut PgConnection,
        email: &str,
        confirmed: bool,
        full_name: Option<&str>,
        password_hash: Option<&str>,
    ) -> Result<UserRow, StoreError> {
        diesel::sql_query(format!(
            "INSERT INTO users (email, email_confirmed, full_name, password_hash) \
             VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}"
        ))
        .bind::<Text, _>(email.trim())
        .bind::<Bool, _>(confirmed)
        .bind::<Nullable<Text>, _>(full_name)
        .bind::<Nullable<Text>, _>(password_hash)
        .get_result(conn)
        .map_err(|err| query_failed(&err))
    }

    /// Deletes a user.
    pub(crate) fn delete(conn: &mut PgConnection, id: &str) -> Result<(), StoreError> {
        if !is_uuid(id) {
            return Ok(());
        }
        diesel::sql_query("DELETE FROM users WHERE id = $1::uuid")
            .bind::<Text, _>(id)
            .execute(conn)
            .map(drop)
            .map_err(|err| query_failed(&err))
    }

    /// Registers a user of the app's own login: a password and an **unconfirmed** address.
    /// Nothing proves a typed address belongs to whoever typed it, and a confirmed address
    /// attracts sign-ins of the provider-verified owner (`user_by_confirmed_email`): stored
    /// confirmed, anyone could register a victim's address and receive the victim's later
    /// provider sign-in. A real app confirms it by mail; only a provider-verified address
    /// (`NewUser::confirmed`) is stored confirmed.
    pub async fn register(&self, email: &str, password: &str) -> Result<UserRow, StoreError> {
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|err| StoreError::conflict(format!("unusable password: {err}")))?
            .to_string();
        let email = email.to_owned();
        self.run(move |conn| Self::insert(conn, &email, false, None, Some(&hash)))
            .await
    }

    /// The app's own login: the active user with this address and password.
    pub async fn verify_password(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Option<UserRow>, StoreError> {
        let email = email.to_owned();
        let found = self
            .run(move |conn| {
                let hash: Option<PasswordHashRow> = diesel::sql_query(
                    "SELECT id::text AS id, password_hash FROM users \
                     WHERE lower(email) = lower($1) AND active",
                )
                .bind::<Text, _>(email.trim())
                .get_result(conn)
                .optional()
                .map_err(|err| query_failed(&err))?;
                Ok(hash)
            })
            .await?;
        let Some(PasswordHashRow {
            id,
            password_hash: Some(hash),
        }) = found
        else {
            return Ok(None);
        };
        let matches = PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        if !matches {
            return Ok(None);
        }
        self.run(move |conn| Self::by_id(conn, &id)).await
    }
}

#[derive(QueryableByName)]
struct PasswordHashRow {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Nullable<Text>)]
    password_hash: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::is_uuid;

    #[test]
    fn only_uuid_shaped_ids_reach_the_database() {
        assert!(is_uuid("6f1c2a8e-5b7d-4e9a-9c3f-0d2b1a4e8f60"));
        assert!(!is_uuid("42"));
        assert!(!is_uuid("6f1c2a8e-5b7d-4e9a-9c3f-0d2b1a4e8f6'"));
        assert!(!is_uuid("6f1c2a8e05b7d-4e9a-9c3f-0d2b1a4e8f60"));
    }
}
