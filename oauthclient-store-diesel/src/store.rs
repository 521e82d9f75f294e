//! [`DieselStore`]: the pool, the key ring, and running blocking Diesel work off the async
//! executor.

use std::sync::Arc;
use std::time::Duration;

use oauthclient_core::OAuthClientConfig;
use oauthclient_core::redact::{redact_url_in, redact_url_userinfo};
use oauthclient_core::store::{StoreError, StoreErrorKind};

use crate::connection::{AnyConnection, Backend};
use crate::connection_manager::ConnectionManager;
use crate::crypto::TokenKeys;
use crate::email_keys;
use crate::error::{pool_error, task_error};
use crate::migrations::{self, SchemaStatus};
use crate::transaction::write_transaction;
use crate::users_table::UsersTable;

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Connections in the pool; `None` picks 4 for SQLite, 10 for PostgreSQL.
    pub pool_size: Option<u32>,
    /// How long a request waits for a free connection (or for the server) before failing
    /// with 503.
    pub connection_timeout: Duration,
    /// Apply pending migrations when opening. Off: opening fails unless the schema is
    /// current (then run [`DieselStore::migrate`] from a deploy step).
    pub run_migrations: bool,
    /// Check the schema when opening (on by default). Off only for tools that inspect or
    /// migrate the schema themselves (`oauthclient migrate`).
    pub check_schema: bool,
    /// Whose users table the remote accounts belong to (the library's by default).
    pub users_table: UsersTable,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            pool_size: None,
            connection_timeout: Duration::from_secs(5),
            run_migrations: true,
            check_schema: true,
            users_table: UsersTable::Library,
        }
    }
}

/// The Diesel store: implements [`oauthclient_core::AccountStore`] and
/// [`oauthclient_core::UserStore`]. Cheap to clone (shares the pool).
#[derive(Clone)]
pub struct DieselStore {
    pool: r2d2::Pool<ConnectionManager>,
    keys: Arc<TokenKeys>,
    backend: Backend,
    users_table: UsersTable,
}

impl std::fmt::Debug for DieselStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DieselStore")
            .field("backend", &self.backend)
            .field("current_key", &self.keys.current().id())
            .finish_non_exhaustive()
    }
}

impl DieselStore {
    /// Opens the store `config` needs at `database_url`, with default [`StoreOptions`]: tokens
    /// are sealed under the configuration's secret keys (the first seals, the others still
    /// open what they sealed), so nothing is passed twice.
    pub async fn open(config: &OAuthClientConfig, database_url: &str) -> Result<Self, StoreError> {
        Self::open_with(config, database_url, StoreOptions::default()).await
    }

    /// [`DieselStore::open`] with `options`.
    pub async fn open_with(
        config: &OAuthClientConfig,
        database_url: &str,
        options: StoreOptions,
    ) -> Result<Self, StoreError> {
        // Loading a configuration guarantees a key; only a configuration built by hand lacks one.
        let keys = TokenKeys::from_config(&config.secret_keys).ok_or_else(|| {
            StoreError::new(
                StoreErrorKind::Other,
                "the configuration has no secret key to seal tokens with",
            )
        })?;
        Self::connect(database_url, keys, options).await
    }

    /// Opens a pool on `database_url` (`sqlite://file.sqlite`, a file path, or
    /// `postgres://...`), then migrates or checks the schema as `options` say.
    ///
    /// ```
    /// # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
    /// use oauthclient_core::secret::SecretKey;
    /// use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};
    ///
    /// let dir = tempfile::tempdir().expect("temp dir");
    /// let url = format!("sqlite://{}", dir.path().join("oauth.sqlite").display());
    /// let keys = TokenKeys::new(vec![TokenKey::derive("k1", &SecretKey::new("a-very-long-random-secret-of-32+bytes"))]).expect("a key");
    /// let store = DieselStore::connect(&url, keys, StoreOptions::default()).await?;
    /// assert_eq!(store.schema_status().await?, oauthclient_store_diesel::SchemaStatus::UpToDate);
    /// # Ok::<(), oauthclient_core::StoreError>(())
    /// # }).expect("example");
    /// ```
    pub async fn connect(
        database_url: &str,
        keys: TokenKeys,
        options: StoreOptions,
    ) -> Result<Self, StoreError> {
        let backend = Backend::of_url(database_url);
        let manager = ConnectionManager::new(database_url);
        let url = database_url.to_owned();
        let pool_size = options.pool_size.unwrap_or(match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 10,
        });
        let timeout = options.connection_timeout;
        let pool = tokio::task::spawn_blocking(move || -> Result<_, StoreError> {
            // One connection first: switching a new SQLite file to WAL takes an exclusive
            // lock, and the pool opening several connections at once would race for it
            // ("database is locked"). Once the file is in WAL mode, the pragma is a no-op.
            r2d2::ManageConnection::connect(&manager).map_err(|err| {
                // Names the server for the operator, never the password in the URL (libpq
                // messages may echo parts of it, hence `redact_url_in` over the whole text).
                let shown = redact_url_userinfo(&url);
                StoreError::unavailable(redact_url_in(
                    &format!("cannot open the database {shown}: {err}"),
                    &url,
                ))
            })?;
            r2d2::Pool::builder()
                .max_size(pool_size)
                .connection_timeout(timeout)
                // A PostgreSQL connection can die with its server, and only a query tells:
                // `SELECT 1` at check-out keeps a dead one from failing the next caller and
                // lets the pool recover once the server is back. Only connections the pool
                // cannot vouch for are tested (idle over a second, or after a failure:
                // `crate::checkout`), so a busy pool pays no round trip per call. A SQLite
                // connection is a file handle that cannot go stale, so it skips the test.
                .test_on_check_out(backend == Backend::Postgres)
                .build(manager)
                .map_err(|err| pool_error(&err))
        })
        .await
        .map_err(|err| task_error(&err))??;
        let store = Self {
            pool,
            keys: Arc::new(keys),
            backend,
            users_table: options.users_table,
        };
        if options.run_migrations {
            store.migrate().await?;
        }
        if !options.check_schema {
            return Ok(store);
        }
        match store.schema_status().await? {
            SchemaStatus::UpToDate if options.users_table == UsersTable::Host => Ok(store),
            SchemaStatus::UpToDate => {
                let unfilled = store.run(|conn, _| email_keys::unfilled(conn)).await?;
                if unfilled > 0 {
                    return Err(StoreError::new(
                        StoreErrorKind::Other,
                        format!(
                            "{unfilled} user(s) have an e-mail address without its mailbox key: run the migrate command"
                        ),
                    ));
                }
                Ok(store)
            }
            status => Err(StoreError::new(
                StoreErrorKind::Other,
                match status {
                    SchemaStatus::Behind(pending) => format!(
                        "the database schema is behind this version (pending migrations {}): run the migrate command",
                        pending.join(", ")
                    ),
                    SchemaStatus::Ahead(unknown) => format!(
                        "the database was migrated by a newer version (unknown migrations {}): upgrade this program",
                        unknown.join(", ")
                    ),
                    SchemaStatus::UpToDate => String::new(),
                },
            )),
        }
    }

    /// Applies pending migrations, then gives users stored without a mailbox key theirs
    /// ([`DieselStore::fill_email_keys`]); returns how many migrations ran.
    ///
    /// Addresses that would share a mailbox key (or have none) stop it with a
    /// [`oauthclient_core::store::StoreError::conflict`] naming the rows, e.g. "cannot give
    /// users 3 (Ada@x.org) and 7 (ada@x.org) one mailbox key ada@x.org: merge or change one
    /// address, then run migrate again"; nothing changed then.
    pub async fn migrate(&self) -> Result<usize, StoreError> {
        self.migrate_with_progress(|_, _, _| {}).await
    }

    /// [`DieselStore::migrate`], calling `applied(name, done, total)` after each migration
    /// (`("2026-12-05-000001_email_keys", 1, 3)`). Each migration commits on its own: one that
    /// fails leaves those before it applied, and running it again continues from there.
    pub async fn migrate_with_progress<P>(&self, mut applied: P) -> Result<usize, StoreError>
    where
        P: FnMut(&str, usize, usize) + Send + 'static,
    {
        let users_table = self.users_table;
        let applied = self
            .run(move |conn, _| migrations::run_pending(conn, users_table, &mut applied))
            .await?;
        if users_table == UsersTable::Library {
            self.fill_email_keys().await?;
        }
        Ok(applied)
    }

    /// Gives every user with an address but no mailbox key
    /// ([`oauthclient_core::email::mailbox_key`]) their key, all or nothing; returns how many.
    /// Rows get there through the migration that introduced keys, or copied in by hand
    /// (leave `email_key` NULL). [`DieselStore::migrate`] runs it; opening a store refuses a
    /// database with such rows. A filled row whose address has a non-ASCII character loses its
    /// confirmation: the first schema stored addresses case-folded, so its key may name another
    /// mailbox than the one confirmed (docs/storage.md).
    pub async fn fill_email_keys(&self) -> Result<usize, StoreError> {
        self.run(|conn, _| email_keys::fill(conn)).await
    }

    /// Compares the database schema with this build's migrations.
    pub async fn schema_status(&self) -> Result<SchemaStatus, StoreError> {
        let users_table = self.users_table;
        self.run(move |conn, _| migrations::status(conn, users_table))
            .await
    }

    /// Whose users table this store's remote accounts belong to.
    pub fn users_table(&self) -> UsersTable {
        self.users_table
    }

    /// Which backend this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs blocking Diesel work on a pooled connection in the blocking thread pool, so the
    /// async executor (actix workers) never waits on the database.
    pub(crate) async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &TokenKeys) -> Result<T, StoreError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let keys = Arc::clone(&self.keys);
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(|err| pool_error(&err))?;
            let outcome = work(&mut conn.conn, &keys);
            // A lost server makes the pool test this connection (and its idle siblings)
            // before handing it out again.
            conn.note(&outcome);
            outcome
        })
        .await
        .map_err(|err| task_error(&err))?
    }

    /// [`DieselStore::run`] inside a write transaction: everything or nothing.
    pub(crate) async fn write<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &TokenKeys) -> Result<T, StoreError> + Send + 'static,
    {
        self.run(move |conn, keys| write_transaction(conn, |conn| work(conn, keys)))
            .await
    }
}
