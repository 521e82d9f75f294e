//! Account policy keys: `email_verification`, `signup` (global, overridable per app),
//! `email_confirmation_expires`, `email_resend_cooldown` and `email_unconfirmed_expires`.

use toml::{Table, Value};

use super::ConfigError;
use super::{EmailVerification, SignupPolicy};

/// Default lifetime of a confirmation link: three days (allauth's default).
pub const DEFAULT_CONFIRMATION_EXPIRES: u64 = 3 * 24 * 3600;
/// Default wait between two confirmation mails to one user.
pub const DEFAULT_RESEND_COOLDOWN: u64 = 60;
/// Default lifetime of an unconfirmed claim on an address: seven days.
pub const DEFAULT_UNCONFIRMED_EXPIRES: u64 = 7 * 24 * 3600;

/// The site-wide account policy.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
/// use oauthclient_core::config::{EmailVerification, SignupPolicy};
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     email_verification = "mandatory"
///     signup = "closed"
/// "#, &NoEnv, &Registry::default())?;
/// assert_eq!(config.accounts.email_verification, EmailVerification::Mandatory);
/// assert_eq!(config.accounts.signup, SignupPolicy::Closed);
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccountSettings {
    /// Whether typed addresses must be confirmed (default `optional`).
    pub email_verification: EmailVerification,
    /// Whether new accounts may be created (default `open`).
    pub signup: SignupPolicy,
    /// How long a confirmation link works, in seconds (default three days).
    pub confirmation_expires: u64,
    /// The shortest wait between two confirmation mails to one user, in seconds (default 60).
    pub resend_cooldown: u64,
    /// How long an account's unconfirmed address counts as a claim, in seconds from when it
    /// was set (default seven days): older claims are ignored by sign-in and sign-up, and the
    /// `oauthclient accounts purge-unconfirmed` command ends them.
    pub unconfirmed_expires: u64,
}

impl Default for AccountSettings {
    fn default() -> Self {
        Self {
            email_verification: EmailVerification::default(),
            signup: SignupPolicy::default(),
            confirmation_expires: DEFAULT_CONFIRMATION_EXPIRES,
            resend_cooldown: DEFAULT_RESEND_COOLDOWN,
            unconfirmed_expires: DEFAULT_UNCONFIRMED_EXPIRES,
        }
    }
}

pub(super) fn account_settings(doc: &Table) -> Result<AccountSettings, ConfigError> {
    let defaults = AccountSettings::default();
    Ok(AccountSettings {
        email_verification: choice(doc, "email_verification")?
            .unwrap_or(defaults.email_verification),
        signup: choice(doc, "signup")?.unwrap_or(defaults.signup),
        confirmation_expires: seconds(doc, "email_confirmation_expires", false)?
            .unwrap_or(defaults.confirmation_expires),
        resend_cooldown: seconds(doc, "email_resend_cooldown", true)?
            .unwrap_or(defaults.resend_cooldown),
        unconfirmed_expires: seconds(doc, "email_unconfirmed_expires", false)?
            .unwrap_or(defaults.unconfirmed_expires),
    })
}

/// A top-level string key parsed into one of its allowed values.
fn choice<T: std::str::FromStr<Err = String>>(
    doc: &Table,
    key: &str,
) -> Result<Option<T>, ConfigError> {
    match doc.get(key) {
        None => Ok(None),
        Some(Value::String(value)) => value
            .parse()
            .map(Some)
            .map_err(|message| ConfigError::new(key, message)),
        Some(_) => Err(ConfigError::new(key, "must be a string")),
    }
}

fn seconds(doc: &Table, key: &str, zero_allowed: bool) -> Result<Option<u64>, ConfigError> {
    match doc.get(key) {
        None => Ok(None),
        Some(Value::Integer(secs)) if *secs > 0 || (zero_allowed && *secs == 0) => {
            Ok(Some(secs.unsigned_abs()))
        }
        Some(Value::Integer(_)) => Err(ConfigError::new(
            key,
            if zero_allowed {
                "must not be negative"
            } else {
                "must be greater than zero"
            },
        )),
        Some(_) => Err(ConfigError::new(key, "must be a whole number of seconds")),
    }
}
