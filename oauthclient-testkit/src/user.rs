//! Who signs in at the fake provider, and whether they consent.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The user who "signs in" at the fake provider. Tokens remember the user they were issued
/// for: changing the user later does not change who an existing token belongs to.
///
/// The default is a GitHub-like user with a verified e-mail:
///
/// ```
/// use oauthclient_testkit::FakeUser;
///
/// let octo = FakeUser::default();
/// assert_eq!(octo.id, "1001");
/// assert_eq!(octo.login, "octo");
/// assert_eq!(octo.email.as_deref(), Some("octo@example.org"));
/// assert!(octo.email_verified);
///
/// // Someone else, without an e-mail (like an ORCID user):
/// let ada = FakeUser { id: "2002".into(), login: "ada".into(), email: None, ..FakeUser::default() };
/// assert_eq!(ada.name.as_deref(), Some("Octo Cat"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FakeUser {
    /// The immutable user id (`"id"` in `GET /api/user`).
    pub id: String,
    /// The user name (`"login"`).
    pub login: String,
    /// The e-mail address (`"email"`, `null` when `None`).
    pub email: Option<String>,
    /// Whether the provider asserts the e-mail is verified (`"email_verified"`).
    pub email_verified: bool,
    /// The display name (`"name"`, `null` when `None`).
    pub name: Option<String>,
}

impl Default for FakeUser {
    /// `1001` / `octo` / `octo@example.org` (verified) / `Octo Cat`.
    fn default() -> Self {
        Self {
            id: "1001".into(),
            login: "octo".into(),
            email: Some("octo@example.org".into()),
            email_verified: true,
            name: Some("Octo Cat".into()),
        }
    }
}

impl FakeUser {
    /// The JSON the fake provider answers at `GET /api/user`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "login": self.login,
            "email": self.email,
            "email_verified": self.email_verified,
            "name": self.name,
        })
    }
}

impl FakeUser {
    /// The user the [sandbox login page](crate::FakeProviderBuilder::interactive) signs in
    /// for `username`, sharing their e-mail address.
    ///
    /// The username is trimmed and lower-cased (like GitHub's, case does not make another
    /// account). The `id` is a stable number derived from it, `"2"` followed by eight
    /// digits, so the same username is always the same account and different usernames are
    /// different accounts. The e-mail is `<username>@sandbox.example`, verified; the name is
    /// the username capitalised. A sign-in with "share my e-mail address" unticked is this
    /// user with `email: None`.
    ///
    /// ```
    /// use oauthclient_testkit::FakeUser;
    ///
    /// let ada = FakeUser::sandbox("ada");
    /// assert_eq!(ada.login, "ada");
    /// assert_eq!(ada.email.as_deref(), Some("ada@sandbox.example"));
    /// assert!(ada.email_verified);
    /// assert_eq!(ada.name.as_deref(), Some("Ada"));
    /// assert!(ada.id.starts_with('2') && ada.id.len() == 9);
    /// assert_eq!(ada.id, FakeUser::sandbox(" Ada ").id); // stable, case-insensitive
    /// assert_ne!(ada.id, FakeUser::sandbox("grace").id);
    /// ```
    pub fn sandbox(username: &str) -> Self {
        let login = username.trim().to_lowercase();
        let digest = Sha256::digest(login.as_bytes());
        let mut first = [0_u8; 8];
        first.copy_from_slice(&digest[..8]);
        let id = 200_000_000 + u64::from_be_bytes(first) % 100_000_000;
        let mut chars = login.chars();
        let name = chars
            .next()
            .map(|head| head.to_uppercase().chain(chars).collect::<String>());
        Self {
            id: id.to_string(),
            email: Some(format!("{login}@sandbox.example")),
            email_verified: true,
            name,
            login,
        }
    }
}

/// What the user answers on the provider's consent screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Consent {
    /// The user approves: `/authorize` redirects back with a `code` (the default).
    #[default]
    Approve,
    /// The user declines: `/authorize` redirects back with `error=access_denied`.
    Deny,
}
