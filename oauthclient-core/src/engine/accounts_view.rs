//! What the linked-accounts page and API show: every visible app, linked or not, and which
//! links need a new sign-in ("Reconnect").

use std::collections::BTreeMap;

use super::{AppRuntime, Engine};
use crate::account::UserId;
use crate::error::OAuthError;

/// One app as the user's linked-accounts view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LinkedApp {
    /// The app's name (its key in the configuration, used in URLs).
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// Its icon (a URL or a CSS class, as configured).
    pub icon: String,
    /// The user's remote account at this app is linked.
    pub linked: bool,
    /// Linked, but its token is gone (the provider refused its refresh): a new sign-in
    /// ("Reconnect") is needed before the app's API can be called.
    pub reconnect: bool,
    /// The user's id at the provider, when linked.
    pub external_id: Option<String>,
}

impl Engine<'_> {
    /// Every visible (not `hide`) app of `apps` for `user_id`, sorted by title.
    pub async fn linked_apps(
        &self,
        apps: &BTreeMap<String, AppRuntime>,
        user_id: &UserId,
    ) -> Result<Vec<LinkedApp>, OAuthError> {
        let linked: Vec<String> = self
            .accounts
            .remote_accounts_of(user_id)
            .await?
            .into_iter()
            .map(|account| account.client_id)
            .collect();
        let identities = self.accounts.identities_of(user_id).await?;
        let mut view = Vec::new();
        for app in apps.values().filter(|app| !app.remote.hide) {
            let remote = &app.remote;
            let client_id = &remote.credentials.consumer_key;
            let is_linked = linked.contains(client_id);
            let reconnect =
                is_linked && self.accounts.token(user_id, client_id, "").await?.is_none();
            view.push(LinkedApp {
                name: remote.name.clone(),
                title: remote.title.clone(),
                description: remote.description.clone(),
                icon: remote.icon.clone(),
                linked: is_linked,
                reconnect,
                external_id: identities
                    .iter()
                    .find(|identity| identity.method == remote.name)
                    .map(|identity| identity.id.as_str().to_owned()),
            });
        }
        view.sort_by(|a, b| a.title.cmp(&b.title));
        Ok(view)
    }
}
