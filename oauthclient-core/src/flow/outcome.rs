//! [`AuthorizedOutcome`]: how a fresh token was resolved to a local user, the event that
//! moves a flow from `TokenIssued` to its end.

use serde::{Deserialize, Serialize};

use crate::account::{AccountInfo, UserId};

/// What an authorized handler decided; the web layer carries it out.
///
/// ```
/// use oauthclient_core::flow::AuthorizedOutcome;
/// let outcome = AuthorizedOutcome::LoggedIn { user_id: "42".into() };
/// assert_eq!(serde_json::to_value(&outcome)?, serde_json::json!({"outcome": "logged_in", "user_id": "42"}));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AuthorizedOutcome {
    /// Keep the token in the session only (anonymous user, `authorized_default`).
    StoredInSession,
    /// The remote account is now linked to the signed-in user.
    Linked {
        /// The signed-in user.
        user_id: UserId,
    },
    /// Sign this user in (renewing the session id).
    LoggedIn {
        /// The user to sign in.
        user_id: UserId,
    },
    /// Ask for more information (the sign-up form) before creating the user.
    SignupRequired {
        /// What the provider told us, to pre-fill the form.
        account_info: AccountInfo,
    },
    /// The provider vouches for an address that accounts here claim without having confirmed
    /// it: ask the person first ("if one is yours, sign in to it to connect this provider; if
    /// not, continue") rather than take the address from someone who may be its owner.
    UnconfirmedClaim {
        /// What the provider told us; "continue" creates an account from it.
        account_info: AccountInfo,
    },
    /// The remote account belongs to this user, who may not sign in before confirming their
    /// address (`email_verification = "mandatory"`): nothing is written, but the person just
    /// proved they hold the account, so a confirmation link may confirm for them.
    ConfirmationPending {
        /// The user the sign-in proved.
        user_id: UserId,
    },
}
