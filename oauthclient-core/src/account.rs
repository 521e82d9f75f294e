//! [`AccountInfo`]: who the user is at the remote service, and the local records that link
//! them to a local user.
//!
//! ```
//! use oauthclient_core::{AccountInfo, ExternalId};
//!
//! let info = AccountInfo::new(ExternalId::new("12345"), "github")
//!     .with_email("Ada@Example.org", true)
//!     .with_username("ada");
//! assert_eq!(info.trusted_email(), Some("Ada@Example.org"));
//! ```

use serde::{Deserialize, Serialize};

/// A local user's primary key, opaque to the library: an `i64` (the Diesel store's own
/// users table), a UUID or any string key of a host's own users table.
///
/// The library only stores, compares and hands back user ids; it never parses them. Stores
/// keep them as text; sessions keep them as a JSON string (a bare number, what sessions held
/// before ids were opaque, still reads back).
///
/// ```
/// use oauthclient_core::account::UserId;
///
/// let from_sequence = UserId::from(42_i64);
/// let from_uuid = UserId::new("6f1c2a8e-5b7d-4e9a-9c3f-0d2b1a4e8f60");
/// assert_eq!(from_sequence.as_str(), "42");
/// assert_ne!(from_sequence, from_uuid);
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct UserId(String);

impl UserId {
    /// Wraps a host's key as text, exactly as given.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as the store keeps it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<i64> for UserId {
    fn from(id: i64) -> Self {
        Self(id.to_string())
    }
}

impl From<&str> for UserId {
    fn from(id: &str) -> Self {
        Self::new(id)
    }
}

impl From<String> for UserId {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, not `write_str`: tables line user ids up with `{:>8}`.
        f.pad(&self.0)
    }
}

// User ids are not secrets: Debug shows them, so logs can say whose flow failed.
impl std::fmt::Debug for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UserId({:?})", self.0)
    }
}

impl<'de> Deserialize<'de> for UserId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum: the session's user id is read on every
        // request, and untagged enums buffer the value first.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = UserId;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a user id (text, or a number from an older session)")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<UserId, E> {
                Ok(UserId::new(id))
            }

            fn visit_string<E: serde::de::Error>(self, id: String) -> Result<UserId, E> {
                Ok(UserId(id))
            }

            /// Sessions written before ids were opaque hold a bare number.
            fn visit_i64<E: serde::de::Error>(self, id: i64) -> Result<UserId, E> {
                Ok(UserId::from(id))
            }

            fn visit_u64<E: serde::de::Error>(self, id: u64) -> Result<UserId, E> {
                Ok(UserId(id.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The remote service's immutable identifier for the user (GitHub's numeric id, an ORCID iD,
/// an OIDC `sub`). Compared byte-exact: never trimmed or case-folded.
///
/// ```
/// use oauthclient_core::ExternalId;
/// assert_ne!(ExternalId::new("Ab"), ExternalId::new("ab"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ExternalId(String);

impl ExternalId {
    /// Wraps an external id exactly as given by the provider.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ExternalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a provider's `account_info` handler learned about the user.
///
/// ```
/// use oauthclient_core::{AccountInfo, ExternalId};
///
/// let info = AccountInfo::new(ExternalId::new("583231"), "github").with_full_name("Octo Cat");
/// let json = serde_json::to_value(&info)?;
/// assert_eq!(json["external_id"], "583231");
/// assert_eq!(serde_json::from_value::<AccountInfo>(json)?, info);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountInfo {
    /// The remote's identifier for this user.
    pub external_id: ExternalId,
    /// The identity method: the remote app name (`github`, `orcid`).
    pub external_method: String,
    /// The e-mail address the provider gave, if any.
    #[serde(default)]
    pub email: Option<String>,
    /// Whether the provider asserts the e-mail is verified. Only verified e-mails may match an
    /// existing local user.
    #[serde(default)]
    pub email_verified: bool,
    /// A username suggestion (GitHub login, OIDC `preferred_username`).
    #[serde(default)]
    pub username: Option<String>,
    /// The user's display name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Anything else the provider wants to keep (stored by `account_setup`).
    #[serde(default)]
    pub extra: serde_json::Value,
    /// The groups the provider puts the user in (sorted, each once): what
    /// `[remote_apps.<name>.roles]` maps to roles. Empty when the provider says nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
}

impl AccountInfo {
    /// Account info with only the identity known: no e-mail, username or full name.
    pub fn new(external_id: ExternalId, external_method: impl Into<String>) -> Self {
        Self {
            external_id,
            external_method: external_method.into(),
            email: None,
            email_verified: false,
            username: None,
            full_name: None,
            extra: serde_json::Value::Null,
            groups: Vec::new(),
        }
    }

    /// Sets the groups, sorted and each kept once.
    ///
    /// ```
    /// use oauthclient_core::{AccountInfo, ExternalId};
    /// let info = AccountInfo::new(ExternalId::new("1"), "sso").with_groups(["staff", "admin", "staff"]);
    /// assert_eq!(info.groups, ["admin", "staff"]);
    /// ```
    #[must_use]
    pub fn with_groups<S: Into<String>>(mut self, groups: impl IntoIterator<Item = S>) -> Self {
        let mut groups: Vec<String> = groups.into_iter().map(Into::into).collect();
        groups.sort();
        groups.dedup();
        self.groups = groups;
        self
    }

    /// Sets the e-mail and whether the provider verified it; only a verified address is
    /// [`trusted_email`](Self::trusted_email).
    #[must_use]
    pub fn with_email(mut self, email: impl Into<String>, verified: bool) -> Self {
        self.email = Some(email.into());
        self.email_verified = verified;
        self
    }

    /// Sets the username.
    #[must_use]
    pub fn with_username(mut self, username: impl Into<String>) -> Self {
        self.username = Some(username.into());
        self
    }

    /// Sets the full name.
    #[must_use]
    pub fn with_full_name(mut self, full_name: impl Into<String>) -> Self {
        self.full_name = Some(full_name.into());
        self
    }

    /// The e-mail if, and only if, the provider marked it verified: the only e-mail that may
    /// be used to match an existing local account.
    ///
    /// ```
    /// use oauthclient_core::{AccountInfo, ExternalId};
    /// let verified = AccountInfo::new(ExternalId::new("1"), "x").with_email("a@b.c", true);
    /// assert_eq!(verified.trusted_email(), Some("a@b.c"));
    ///
    /// let unverified = AccountInfo::new(ExternalId::new("1"), "x").with_email("a@b.c", false);
    /// assert_eq!(unverified.trusted_email(), None);
    /// ```
    pub fn trusted_email(&self) -> Option<&str> {
        self.email.as_deref().filter(|_| self.email_verified)
    }
}

/// A local user, as much of it as the OAuth flows need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Primary key.
    pub id: UserId,
    /// The e-mail address as the user (or provider) gave it; empty when the user lost their
    /// claim on it to its proven owner and has not set another.
    pub email: String,
    /// Whether the address is confirmed: by a confirmation link, or by a trusted provider
    /// that verified it. Only a confirmed address may be the target of linking by e-mail.
    pub email_confirmed: bool,
    /// When the address was last set, in seconds since the epoch: confirmation links issued
    /// before it are void.
    pub email_changed_at: u64,
    /// Increases whenever every session of the user must end ("sign out everywhere",
    /// [`crate::UserStore::end_sessions`]); a session signed in under another epoch is signed
    /// out.
    pub session_epoch: i64,
    /// Unique username, if set.
    pub username: Option<String>,
    /// Display name.
    pub full_name: Option<String>,
    /// Inactive users cannot sign in.
    pub active: bool,
    /// Whether the user has a local password (another way to sign in besides remote accounts).
    pub has_password: bool,
    /// When the account was created, in seconds since the epoch (0 when the store does not
    /// know): a confirmation page names the account by it.
    pub created_at: u64,
    /// An address this account claimed without confirming it, and lost: another account
    /// confirmed it first, or the claim expired. The user is told when they sign in, until
    /// they set a new address.
    pub ended_claim: Option<String>,
}

/// A local user to create (sign-up through a remote account has no password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    /// E-mail address, stored as given; looked up by its [`crate::email::mailbox_key`].
    pub email: String,
    /// Username, if any.
    pub username: Option<String>,
    /// Display name.
    pub full_name: Option<String>,
    /// Whether the e-mail is confirmed: true only when a provider the app trusts verified
    /// this very address. Typed addresses are unconfirmed until their link is followed.
    pub confirmed: bool,
}

/// A link between a local user and a remote app (Invenio's `RemoteAccount`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteAccount {
    /// Primary key.
    pub id: i64,
    /// The local user.
    pub user_id: UserId,
    /// The remote app's consumer key (the seed's `client_id`).
    pub client_id: String,
    /// Free-form data the provider's setup handler stored (e.g. GitHub `{login, id}`).
    pub extra_data: serde_json::Value,
}

/// (external id, method) → local user (Invenio's `UserIdentity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserIdentity {
    /// The external id.
    pub id: ExternalId,
    /// The method (remote app name).
    pub method: String,
    /// The local user.
    pub user_id: UserId,
}

#[cfg(test)]
mod tests {
    use super::{ExternalId, UserId};

    #[test]
    fn external_id_is_kept_exactly_as_given() {
        let id = ExternalId::new(" 12345");
        assert_eq!(id.to_string(), " 12345");
        assert_eq!(id.as_str(), " 12345");
    }

    #[test]
    fn user_ids_are_text_and_read_back_numbers_from_older_sessions() {
        let uuid = UserId::new("6f1c2a8e-5b7d-4e9a-9c3f-0d2b1a4e8f60");
        let json = serde_json::to_string(&uuid).expect("serialises");
        assert_eq!(json, "\"6f1c2a8e-5b7d-4e9a-9c3f-0d2b1a4e8f60\"");
        assert_eq!(serde_json::from_str::<UserId>(&json).expect("reads"), uuid);
        assert_eq!(
            serde_json::from_str::<UserId>("42").expect("an old session's number"),
            UserId::from(42)
        );
        assert!(serde_json::from_str::<UserId>("[1]").is_err());
    }
}
