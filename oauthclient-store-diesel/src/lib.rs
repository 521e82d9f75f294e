//! # oauthclient-store-diesel
//!
//! oauthclient-rs's store on [Diesel](https://diesel.rs): local users, remote accounts,
//! encrypted tokens and identities, on SQLite (bundled, the default) or PostgreSQL (feature
//! `postgres`), from one code base.
//!
//! ```
//! # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
//! use oauthclient_core::account::NewUser;
//! use oauthclient_core::secret::{AccessToken, SecretKey};
//! use oauthclient_core::{AccountStore, Token, UserStore};
//! use oauthclient_store_diesel::{DieselStore, StoreOptions, TokenKey, TokenKeys};
//!
//! let dir = tempfile::tempdir().expect("temp dir");
//! let url = format!("sqlite://{}", dir.path().join("oauth.sqlite").display());
//! let keys = TokenKeys::new(vec![TokenKey::derive("k1", &SecretKey::new("a-very-long-random-secret-of-32+bytes"))]).expect("a key");
//! let store = DieselStore::connect(&url, keys, StoreOptions::default()).await?;
//!
//! let user = store.create_user(&NewUser { email: "Ada@Example.org".into(), username: None, full_name: None, confirmed: true }).await?;
//! store.save_token(&user.id, "github-client-id", &Token::bearer(AccessToken::new("gho_abc"))).await?;
//! let token = store.token(&user.id, "github-client-id", "").await?.expect("stored");
//! assert_eq!(token.access_token.expose_secret(), "gho_abc");
//! # Ok::<(), oauthclient_core::StoreError>(())
//! # }).expect("example");
//! ```

mod account_store;
mod accounts;
mod admin;
mod checkout;
mod connection;
mod connection_manager;
mod crypto;
mod email_keys;
mod error;
mod growth;
mod identities;
mod json;
mod migrations;
mod models;
mod passwords;
mod pending_signups;
mod purge;
mod rotate;
mod schema;
mod store;
mod tokens;
mod transaction;
mod unlink;
mod users;
mod users_table;

pub use admin::AccountSummary;
pub use connection::Backend;
pub use crypto::{TokenKey, TokenKeys};
pub use migrations::SchemaStatus;
pub use purge::PURGE_BATCH;
pub use rotate::{ROTATION_BATCH, RotationReport};
pub use store::{DieselStore, StoreOptions};
pub use users_table::UsersTable;

/// The data generator behind `cargo xtask bench --users N` (docs/benchmarks.md, "Growth");
/// not part of the API.
#[doc(hidden)]
pub mod __growth {
    pub use crate::growth::{
        GROWTH_BATCH, GrowthPlan, access_token_of, email_of, fill, is_purgeable, reset, users_in,
    };
}

/// Entry points for this crate's criterion benchmarks (`benches/`); not part of the API.
#[doc(hidden)]
pub mod __bench {
    use zeroize::Zeroizing;

    use crate::crypto::{Column, TokenKeys};

    /// Seals an access token for row (`account`, `token_type`) under the current key.
    pub fn seal_access_token(keys: &TokenKeys, account: i64, plaintext: &str) -> String {
        keys.seal(Column::AccessToken, account, "u", plaintext)
            .unwrap_or_default()
    }

    /// Opens what [`seal_access_token`] sealed.
    pub fn open_access_token(
        keys: &TokenKeys,
        account: i64,
        sealed: &str,
    ) -> Option<Zeroizing<String>> {
        keys.open(
            keys.current().id(),
            Column::AccessToken,
            account,
            "u",
            sealed,
        )
        .ok()
    }

    /// The lookup hash `get_by_token` searches by.
    pub fn lookup_hash(keys: &TokenKeys, access_token: &str) -> String {
        keys.current_lookup_hash(access_token)
    }
}
