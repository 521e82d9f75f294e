//! Operator policy on e-mail addresses and new accounts: `email_verification` and `signup`,
//! set globally and overridable per remote app.

use serde::{Deserialize, Serialize};

/// Whether addresses users type must be confirmed (allauth's `ACCOUNT_EMAIL_VERIFICATION`).
/// Addresses a trusted provider verified are confirmed without mail.
///
/// ```
/// use oauthclient_core::config::EmailVerification;
/// assert_eq!(EmailVerification::default(), EmailVerification::Optional);
/// assert_eq!("mandatory".parse::<EmailVerification>(), Ok(EmailVerification::Mandatory));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailVerification {
    /// A confirmation link is sent; no sign-in until the address is confirmed.
    Mandatory,
    /// A confirmation link is sent; the user is signed in, but the account is never the
    /// target of linking by e-mail until the address is confirmed. The default.
    #[default]
    Optional,
    /// No mail is sent. Typed addresses stay unconfirmed, so they never attract links.
    None,
}

impl EmailVerification {
    /// Whether confirmation mail is sent for typed addresses.
    pub fn sends_mail(self) -> bool {
        self != EmailVerification::None
    }
}

impl std::str::FromStr for EmailVerification {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "mandatory" => Ok(Self::Mandatory),
            "optional" => Ok(Self::Optional),
            "none" => Ok(Self::None),
            _ => Err("must be \"mandatory\", \"optional\" or \"none\"".into()),
        }
    }
}

/// Whether new accounts may be created (allauth's `is_open_for_signup`).
///
/// ```
/// use oauthclient_core::config::SignupPolicy;
/// assert_eq!(SignupPolicy::default(), SignupPolicy::Open);
/// assert_eq!("closed".parse::<SignupPolicy>(), Ok(SignupPolicy::Closed));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupPolicy {
    /// Anyone may sign up. The default.
    #[default]
    Open,
    /// No new accounts; existing users still sign in and link.
    Closed,
}

impl std::str::FromStr for SignupPolicy {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "open" => Ok(Self::Open),
            "closed" => Ok(Self::Closed),
            _ => Err("must be \"open\" or \"closed\"".into()),
        }
    }
}
