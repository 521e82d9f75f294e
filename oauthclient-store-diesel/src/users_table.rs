//! [`UsersTable`]: whose users table the store belongs to. Its own module because the
//! migrations (which pick their set by it) sit below [`crate::store`], which takes it as an
//! option.

/// Which users table a store's remote accounts, tokens and identities belong to. Chosen once
/// per database: each has its own migrations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum UsersTable {
    /// The library's own `accounts_user` (numeric ids): the store is also the
    /// [`oauthclient_core::UserStore`].
    #[default]
    Library,
    /// The host app's own table, keyed however the host likes (UUIDs, ...): only the
    /// library's tables for remote accounts, tokens, identities and pending sign-ups are
    /// created, with no foreign key to any users table. Users come from the host's
    /// [`oauthclient_core::UserDirectory`]; this store's [`oauthclient_core::UserStore`]
    /// methods find nobody.
    Host,
}
