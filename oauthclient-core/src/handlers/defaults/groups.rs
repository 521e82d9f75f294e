//! Groups and roles of a sign-in: the `require_any` gate, and the remote account's
//! `extra_data.{groups, roles, groups_at}`, refreshed at every sign-in and link (Invenio's
//! `account_roles_and_extra_data`), so the host reads the provider's latest word.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::account::{AccountInfo, UserId};
use crate::audit::{self, AuditEvent};
use crate::config::RemoteApp;
use crate::error::OAuthError;
use crate::handlers::HandlerContext;
use crate::message::Message;

/// What the user sees when `require_any` refuses them.
pub(crate) const NOT_IN_AN_ALLOWED_GROUP: &str = "Your account is not in a group allowed here.";

/// The roles `info`'s groups give on `remote`.
pub(crate) fn roles_of(remote: &RemoteApp, info: &AccountInfo) -> BTreeSet<String> {
    remote.roles.roles_for(&info.groups)
}

/// Refuses (audited, like the host policy's refusal) a user in none of the groups
/// `[roles] require_any` names.
pub(crate) fn ensure_in_required_group(
    ctx: &HandlerContext<'_>,
    info: &AccountInfo,
) -> Result<(), OAuthError> {
    if ctx.remote.roles.allows(&info.groups) {
        return Ok(());
    }
    audit::record(
        AuditEvent::SignInRefused,
        ctx.app,
        ctx.current_user,
        "not in a group roles.require_any names",
    );
    Err(OAuthError::RefusedByHost {
        remote: ctx.app.to_owned(),
        message: NOT_IN_AN_ALLOWED_GROUP.to_owned(),
        message_id: Some(Message::new("error-not-in-allowed-group")),
    })
}

/// Whether this app's accounts keep groups at all: the provider sent some, or the app maps
/// groups or roles. (Apps that never see a group keep their `extra_data` untouched.)
fn tracks_groups(remote: &RemoteApp, info: &AccountInfo) -> bool {
    !info.groups.is_empty()
        || !remote.roles.is_empty()
        || remote
            .account_mapping
            .as_ref()
            .is_some_and(|mapping| !mapping.groups.is_empty())
}

/// Writes `info`'s groups, their roles and the time into the extra data of `user_id`'s
/// account for this app, keeping every other key (what `account_setup` stored). Also clears
/// groups an account kept from an earlier sign-in when the provider now sends none.
pub(crate) async fn record_groups(
    ctx: &HandlerContext<'_>,
    user_id: &UserId,
    info: &AccountInfo,
) -> Result<(), OAuthError> {
    let client_id = ctx.remote.credentials.consumer_key.as_str();
    let Some(account) = ctx.accounts.remote_account(user_id, client_id).await? else {
        return Ok(());
    };
    let kept_before = account.extra_data.get("groups").is_some();
    if !(kept_before || tracks_groups(ctx.remote, info)) {
        return Ok(());
    }
    let mut extra = match account.extra_data {
        Value::Object(fields) => fields,
        Value::Null => Map::new(),
        // A provider's setup stored something else: not ours to reshape.
        _ => return Ok(()),
    };
    let now = {
        use crate::clock::{Clock, SystemClock};
        SystemClock.now()
    };
    extra.insert("groups".into(), Value::from(info.groups.clone()));
    extra.insert(
        "roles".into(),
        Value::from(roles_of(ctx.remote, info).into_iter().collect::<Vec<_>>()),
    );
    extra.insert("groups_at".into(), Value::from(now));
    ctx.accounts
        .update_extra_data(account.id, Value::Object(extra))
        .await?;
    Ok(())
}

/// The groups and roles an account's `extra_data` holds (empty when it holds none).
pub(crate) fn stored_groups_and_roles(extra_data: &Value) -> (Vec<String>, BTreeSet<String>) {
    let strings = |key: &str| -> Vec<String> {
        extra_data
            .get(key)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    (strings("groups"), strings("roles").into_iter().collect())
}
