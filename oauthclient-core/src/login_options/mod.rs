//! Per-login options: what one sign-in may ask the provider for beyond the app's fixed
//! configuration (`prompt`, `login_hint`, `max_age`, `acr_values`, extra scopes), checked
//! against the app's allow-list ([`LoginOptionsPolicy`], from `[remote_apps.<name>.login_options]`).
//!
//! A front end reads the request's raw pairs with [`LoginOptions::parse`]; the engine signs
//! the result into the `state` and adds it to the authorization request
//! ([`LoginOptions::apply_to`]); at the callback the options come back from the verified state
//! and are checked against the app's allow-list again ([`LoginOptions::check`]): the
//! configuration may have changed meanwhile.
//!
//! ```
//! use oauthclient_core::login_options::{LoginOption, LoginOptionError, LoginOptions, LoginOptionsPolicy};
//!
//! let policy = LoginOptionsPolicy::new([LoginOption::Prompt, LoginOption::MaxAge], ["repo"]);
//! let options = LoginOptions::parse([("prompt", "login"), ("max_age", "0"), ("scope", "repo")], &policy)?;
//! let mut url = url::Url::parse("https://provider.example/authorize?scope=read:user&state=s")?;
//! options.apply_to(&mut url);
//! let query: std::collections::BTreeMap<_, _> = url.query_pairs().into_owned().collect();
//! assert_eq!(query["scope"], "read:user repo");
//! assert_eq!((query["prompt"].as_str(), query["max_age"].as_str()), ("login", "0"));
//!
//! // Outside the allow-list: refused, naming the option.
//! let refused = LoginOptions::parse([("login_hint", "octo@example.org")], &policy).unwrap_err();
//! assert_eq!(refused, LoginOptionError::NotAllowed { option: LoginOption::LoginHint });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod message;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use url::Url;

pub use message::InvalidReason;

/// Longest `login_hint` accepted, in characters.
pub const MAX_LOGIN_HINT_CHARS: usize = 256;
/// Longest `acr_values` accepted, in characters.
pub const MAX_ACR_VALUES_CHARS: usize = 256;
/// Largest `max_age` accepted, in seconds (365 days): a longer one asks for nothing.
pub const MAX_MAX_AGE_SECS: u64 = 365 * 24 * 60 * 60;

/// One per-login option, by its request (and authorization request) parameter name.
///
/// ```
/// use oauthclient_core::login_options::LoginOption;
/// assert_eq!(LoginOption::from_name("login_hint"), Some(LoginOption::LoginHint));
/// assert_eq!(LoginOption::MaxAge.to_string(), "max_age");
/// assert_eq!(LoginOption::from_name("next"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LoginOption {
    /// `prompt` (OpenID Connect): `none`, `login`, `consent`, `select_account`.
    Prompt,
    /// `login_hint`: who is expected to sign in (an e-mail address, a user name).
    LoginHint,
    /// `max_age`: the longest time since the user last authenticated at the provider.
    MaxAge,
    /// `acr_values`: the authentication context classes asked for.
    AcrValues,
    /// `scope`: scopes added to the app's own, from its configured `extra_scopes`.
    Scope,
    /// `remember`: "remember me" — the session signed in by this flow is a remembered one
    /// (`[session] remember_lifetime`, a persistent cookie). Ours, never sent to the provider.
    Remember,
}

impl LoginOption {
    /// Every option, in the order they are documented.
    pub const ALL: [LoginOption; 6] = [
        LoginOption::Prompt,
        LoginOption::LoginHint,
        LoginOption::MaxAge,
        LoginOption::AcrValues,
        LoginOption::Scope,
        LoginOption::Remember,
    ];

    /// The parameter name (`prompt`, `login_hint`, `max_age`, `acr_values`, `scope`,
    /// `remember`).
    pub fn name(self) -> &'static str {
        match self {
            LoginOption::Prompt => "prompt",
            LoginOption::LoginHint => "login_hint",
            LoginOption::MaxAge => "max_age",
            LoginOption::AcrValues => "acr_values",
            LoginOption::Scope => "scope",
            LoginOption::Remember => "remember",
        }
    }

    /// Whether the provider gets this option in the authorization request (`remember` is
    /// ours alone).
    pub fn goes_to_provider(self) -> bool {
        self != LoginOption::Remember
    }

    /// The option a parameter name stands for, if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|option| option.name() == name)
    }
}

impl std::fmt::Display for LoginOption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One value of OpenID Connect's `prompt` (Core §3.1.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Prompt {
    /// No page at all: fail unless the user is already signed in and consented.
    None,
    /// Ask for the credentials again, even with a session at the provider.
    Login,
    /// Ask for consent again.
    Consent,
    /// Let the user pick one of their accounts.
    SelectAccount,
}

impl Prompt {
    /// Every value.
    pub const ALL: [Prompt; 4] = [
        Prompt::None,
        Prompt::Login,
        Prompt::Consent,
        Prompt::SelectAccount,
    ];

    /// The value as sent (`none`, `login`, `consent`, `select_account`).
    pub fn as_str(self) -> &'static str {
        match self {
            Prompt::None => "none",
            Prompt::Login => "login",
            Prompt::Consent => "consent",
            Prompt::SelectAccount => "select_account",
        }
    }
}

/// What an app lets one login ask for: the allow-list, from
/// `[remote_apps.<name>.login_options]`. The default allows nothing.
///
/// ```
/// use oauthclient_core::login_options::{LoginOption, LoginOptionsPolicy};
/// let policy = LoginOptionsPolicy::new([LoginOption::Prompt], ["repo", "read:org"]);
/// assert!(policy.allows(LoginOption::Prompt));
/// assert!(policy.allows(LoginOption::Scope)); // because extra scopes are configured
/// assert!(!policy.allows(LoginOption::MaxAge));
/// assert!(LoginOptionsPolicy::default().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginOptionsPolicy {
    allowed: BTreeSet<LoginOption>,
    extra_scopes: Vec<String>,
}

impl LoginOptionsPolicy {
    /// Allows `allowed` and these extra scopes. `scope` is allowed exactly when extra scopes
    /// are given (naming [`LoginOption::Scope`] in `allowed` changes nothing).
    pub fn new(
        allowed: impl IntoIterator<Item = LoginOption>,
        extra_scopes: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        let mut scopes: Vec<String> = Vec::new();
        for scope in extra_scopes.into_iter().map(Into::into) {
            if !scope.is_empty() && !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        Self {
            allowed: allowed
                .into_iter()
                .filter(|option| *option != LoginOption::Scope)
                .collect(),
            extra_scopes: scopes,
        }
    }

    /// Whether a login may carry `option`.
    pub fn allows(&self, option: LoginOption) -> bool {
        match option {
            LoginOption::Scope => !self.extra_scopes.is_empty(),
            other => self.allowed.contains(&other),
        }
    }

    /// The scopes a login may add to the app's own.
    pub fn extra_scopes(&self) -> &[String] {
        &self.extra_scopes
    }

    /// Every option a login may carry.
    pub fn allowed(&self) -> impl Iterator<Item = LoginOption> + '_ {
        LoginOption::ALL
            .into_iter()
            .filter(|option| self.allows(*option))
    }

    /// Whether nothing is allowed (the default).
    pub fn is_empty(&self) -> bool {
        self.allowed().next().is_none()
    }
}

/// Why a per-login option was refused. The request is answered 400 with this message.
///
/// ```
/// use oauthclient_core::login_options::{LoginOption, LoginOptionError};
/// let err = LoginOptionError::Repeated { option: LoginOption::Prompt };
/// assert_eq!(err.to_string(), "the `prompt` option was given more than once");
/// assert_eq!(err.option(), LoginOption::Prompt);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum LoginOptionError {
    /// The app does not allow this option.
    #[error("the `{option}` option is not allowed for this sign-in method")]
    NotAllowed {
        /// Which.
        option: LoginOption,
    },
    /// A scope outside the app's configured `extra_scopes`.
    #[error("the `scope` option may not request `{scope}` for this sign-in method")]
    ScopeNotAllowed {
        /// The scope asked for (control characters removed, cut to 64 characters).
        scope: String,
    },
    /// The value is not one the option takes.
    #[error("invalid `{option}`: {reason}")]
    Invalid {
        /// Which option.
        option: LoginOption,
        /// What a valid value looks like.
        reason: InvalidReason,
    },
    /// The option appeared more than once in the request.
    #[error("the `{option}` option was given more than once")]
    Repeated {
        /// Which.
        option: LoginOption,
    },
}

impl LoginOptionError {
    /// The option the error is about.
    pub fn option(&self) -> LoginOption {
        match self {
            LoginOptionError::NotAllowed { option }
            | LoginOptionError::Invalid { option, .. }
            | LoginOptionError::Repeated { option } => *option,
            LoginOptionError::ScopeNotAllowed { .. } => LoginOption::Scope,
        }
    }
}

/// The options one login asked for, each already valid and allowed when it was parsed.
/// Serialised into the signed `state` (an empty value is left out, so states without options
/// look as they always did). `Debug` redacts the `login_hint`: it is often an e-mail address.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoginOptions {
    /// `prompt` values, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompt: Vec<Prompt>,
    /// `login_hint`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_hint: Option<String>,
    /// `max_age`, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    /// `acr_values`, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acr_values: Vec<String>,
    /// Scopes added to the app's own (each one of its `extra_scopes`).
    #[serde(default, rename = "scope", skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// "Remember me": the user asked for a remembered session.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remember: bool,
}

impl std::fmt::Debug for LoginOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginOptions")
            .field("prompt", &self.prompt)
            .field(
                "login_hint",
                &self.login_hint.as_ref().map(|_| "[redacted]"),
            )
            .field("max_age", &self.max_age)
            .field("acr_values", &self.acr_values)
            .field("scopes", &self.scopes)
            .field("remember", &self.remember)
            .finish()
    }
}

impl LoginOptions {
    /// Whether no option was asked for.
    pub fn is_empty(&self) -> bool {
        self.to_pairs().is_empty()
    }

    /// Each option asked for with its value as a request parameter carries it (values
    /// space-separated), in [`LoginOption::ALL`]'s order: for forms that repeat the request,
    /// and for the authorization request.
    ///
    /// ```
    /// use oauthclient_core::login_options::{LoginOption, LoginOptions, LoginOptionsPolicy};
    /// let policy = LoginOptionsPolicy::new([LoginOption::Prompt, LoginOption::MaxAge], Vec::<String>::new());
    /// let options = LoginOptions::parse([("max_age", "60"), ("prompt", "login consent")], &policy)?;
    /// assert_eq!(options.to_pairs(), [
    ///     (LoginOption::Prompt, "login consent".to_owned()),
    ///     (LoginOption::MaxAge, "60".to_owned()),
    /// ]);
    /// # Ok::<(), oauthclient_core::login_options::LoginOptionError>(())
    /// ```
    pub fn to_pairs(&self) -> Vec<(LoginOption, String)> {
        let joined = |values: &[&str]| values.join(" ");
        let mut pairs = Vec::new();
        if !self.prompt.is_empty() {
            let values: Vec<&str> = self.prompt.iter().map(|value| value.as_str()).collect();
            pairs.push((LoginOption::Prompt, joined(&values)));
        }
        if let Some(hint) = &self.login_hint {
            pairs.push((LoginOption::LoginHint, hint.clone()));
        }
        if let Some(max_age) = self.max_age {
            pairs.push((LoginOption::MaxAge, max_age.to_string()));
        }
        if !self.acr_values.is_empty() {
            pairs.push((LoginOption::AcrValues, self.acr_values.join(" ")));
        }
        if !self.scopes.is_empty() {
            pairs.push((LoginOption::Scope, self.scopes.join(" ")));
        }
        if self.remember {
            pairs.push((LoginOption::Remember, "1".to_owned()));
        }
        pairs
    }

    /// Checks these options against `policy` again (at the callback, against the app's
    /// configuration of now): every option must still be allowed, every scope still listed.
    ///
    /// ```
    /// use oauthclient_core::login_options::{LoginOption, LoginOptionError, LoginOptions, LoginOptionsPolicy};
    /// let then = LoginOptionsPolicy::new([LoginOption::Prompt], Vec::<String>::new());
    /// let options = LoginOptions::parse([("prompt", "login")], &then)?;
    /// assert!(options.check(&then).is_ok());
    /// let now = LoginOptionsPolicy::default();
    /// assert_eq!(options.check(&now), Err(LoginOptionError::NotAllowed { option: LoginOption::Prompt }));
    /// # Ok::<(), LoginOptionError>(())
    /// ```
    pub fn check(&self, policy: &LoginOptionsPolicy) -> Result<(), LoginOptionError> {
        for (option, _) in self.to_pairs() {
            if !policy.allows(option) {
                return Err(LoginOptionError::NotAllowed { option });
            }
        }
        match self
            .scopes
            .iter()
            .find(|scope| !policy.extra_scopes().contains(scope))
        {
            Some(scope) => Err(LoginOptionError::ScopeNotAllowed {
                scope: parse::shown(scope),
            }),
            None => Ok(()),
        }
    }

    /// Adds these options to an authorization request URL: `prompt`, `login_hint`, `max_age`
    /// and `acr_values` replace any the URL already has (the app's fixed extra parameters);
    /// extra scopes join the URL's `scope` (no duplicates); `remember` stays here. A URL is
    /// left untouched when no option for the provider was asked for.
    pub fn apply_to(&self, url: &mut Url) {
        let mut ours = self.to_pairs();
        ours.retain(|(option, _)| option.goes_to_provider());
        if ours.is_empty() {
            return;
        }
        let replaced = |name: &str| {
            ours.iter()
                .any(|(option, _)| *option != LoginOption::Scope && option.name() == name)
        };
        let mut pairs: Vec<(String, String)> = url
            .query_pairs()
            .into_owned()
            .filter(|(name, _)| !replaced(name))
            .collect();
        if !self.scopes.is_empty() {
            match pairs.iter_mut().find(|(name, _)| name == "scope") {
                Some((_, value)) => {
                    let mut scopes: Vec<&str> =
                        value.split(' ').filter(|scope| !scope.is_empty()).collect();
                    for extra in &self.scopes {
                        if !scopes.contains(&extra.as_str()) {
                            scopes.push(extra);
                        }
                    }
                    *value = scopes.join(" ");
                }
                None => pairs.push(("scope".to_owned(), self.scopes.join(" "))),
            }
        }
        for (option, value) in ours {
            if option != LoginOption::Scope {
                pairs.push((option.name().to_owned(), value));
            }
        }
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
}
