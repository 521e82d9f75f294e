//! After the load: what the flows left in the database, read back through the store.

use oauthclient_core::account::UserId;
use std::collections::BTreeSet;

use oauthclient_core::redact::redact_url_in;
use oauthclient_core::secret::SecretKey;
use oauthclient_store_diesel::{AccountSummary, DieselStore, StoreOptions, TokenKey, TokenKeys};

/// The linked accounts in the demo's database.
pub async fn accounts(database_url: &str, secret: &str) -> Result<Vec<AccountSummary>, String> {
    let keys = TokenKeys::new(vec![TokenKey::derive("bench", &SecretKey::new(secret))])
        .ok_or("no token key")?;
    let store = DieselStore::connect(database_url, keys, StoreOptions::default())
        .await
        .map_err(|err| redact_url_in(&format!("{database_url}: {err}"), database_url))?;
    store
        .list_accounts(None)
        .await
        .map_err(|err| format!("listing accounts: {err}"))
}

/// Checks that exactly `expected` users whose login starts with `prefix` exist, each with one
/// account holding one token, and no user twice.
pub fn exactly(accounts: &[AccountSummary], prefix: &str, expected: u64) -> Result<(), String> {
    let mine: Vec<&AccountSummary> = accounts
        .iter()
        .filter(|account| {
            account
                .email
                .as_deref()
                .is_some_and(|email| email.starts_with(prefix))
        })
        .collect();
    let users: BTreeSet<&UserId> = mine.iter().map(|account| &account.user_id).collect();
    let emails: BTreeSet<Option<&str>> = mine
        .iter()
        .map(|account| account.email.as_deref())
        .collect();
    let found = u64::try_from(mine.len()).unwrap_or(u64::MAX);
    if found != expected || users.len() != mine.len() || emails.len() != mine.len() {
        return Err(format!(
            "expected {expected} accounts of `{prefix}*` users, found {found} accounts of {} users \
             with {} addresses",
            users.len(),
            emails.len()
        ));
    }
    if let Some(bad) = mine.iter().find(|account| account.tokens != 1) {
        return Err(format!(
            "{} holds {} tokens, not 1",
            bad.email.as_deref().unwrap_or("-"),
            bad.tokens
        ));
    }
    Ok(())
}
