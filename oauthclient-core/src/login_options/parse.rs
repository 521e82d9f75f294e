//! [`LoginOptions::parse`]: a request's raw pairs, checked against the allow-list and each
//! option's grammar.

use super::{
    InvalidReason, LoginOption, LoginOptionError, LoginOptions, LoginOptionsPolicy,
    MAX_ACR_VALUES_CHARS, MAX_LOGIN_HINT_CHARS, MAX_MAX_AGE_SECS, Prompt,
};

/// The most characters of a refused scope repeated in a message.
const MAX_SHOWN_CHARS: usize = 64;

impl LoginOptions {
    /// Reads the per-login options among a request's (percent-decoded) pairs, allowing only
    /// what `policy` allows. Pairs whose name is not an option's (`next`, `csrf_token`, ...)
    /// are left to the caller. An empty value counts as absent.
    ///
    /// Refused, in this order: an option given twice ([`LoginOptionError::Repeated`], even
    /// with an empty value), an option the app does not allow
    /// ([`LoginOptionError::NotAllowed`]), an invalid value ([`LoginOptionError::Invalid`]), a
    /// scope outside the app's `extra_scopes` ([`LoginOptionError::ScopeNotAllowed`]). Valid
    /// values are: `prompt` space-separated `none`, `login`, `consent`, `select_account`, each
    /// at most once, `none` alone; `max_age` a whole number of seconds up to
    /// [`MAX_MAX_AGE_SECS`]; `login_hint` at most [`MAX_LOGIN_HINT_CHARS`] characters, no
    /// control characters; `acr_values` space-separated printable ASCII, at most
    /// [`MAX_ACR_VALUES_CHARS`] characters; `scope` space-separated; `remember` a checkbox's
    /// `1`/`on`/`true`/`yes` or `0`/`off`/`false`/`no`.
    ///
    /// ```
    /// use oauthclient_core::login_options::{LoginOption, LoginOptionError, LoginOptions, LoginOptionsPolicy};
    /// let policy = LoginOptionsPolicy::new([LoginOption::Prompt], ["repo"]);
    /// let options = LoginOptions::parse([("next", "/x"), ("prompt", "none"), ("scope", "repo")], &policy)?;
    /// assert_eq!(options.scopes, ["repo"]);
    /// assert!(matches!(
    ///     LoginOptions::parse([("prompt", "none login")], &policy),
    ///     Err(LoginOptionError::Invalid { option: LoginOption::Prompt, .. })
    /// ));
    /// assert_eq!(
    ///     LoginOptions::parse([("scope", "admin")], &policy),
    ///     Err(LoginOptionError::ScopeNotAllowed { scope: "admin".into() })
    /// );
    /// # Ok::<(), LoginOptionError>(())
    /// ```
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        policy: &LoginOptionsPolicy,
    ) -> Result<Self, LoginOptionError> {
        let mut given: Vec<(LoginOption, &str)> = Vec::new();
        for (name, value) in pairs {
            let Some(option) = LoginOption::from_name(name) else {
                continue;
            };
            if given.iter().any(|(seen, _)| *seen == option) {
                return Err(LoginOptionError::Repeated { option });
            }
            given.push((option, value));
        }
        given.retain(|(_, value)| !value.is_empty());
        if let Some((option, _)) = given.iter().find(|(option, _)| !policy.allows(*option)) {
            return Err(LoginOptionError::NotAllowed { option: *option });
        }
        let mut options = LoginOptions::default();
        for (option, value) in given {
            match option {
                LoginOption::Prompt => options.prompt = prompt(value)?,
                LoginOption::LoginHint => options.login_hint = Some(login_hint(value)?),
                LoginOption::MaxAge => options.max_age = Some(max_age(value)?),
                LoginOption::AcrValues => options.acr_values = acr_values(value)?,
                LoginOption::Scope => options.scopes = scopes(value, policy)?,
                LoginOption::Remember => options.remember = remember(value)?,
            }
        }
        Ok(options)
    }
}

/// `value`'s space-separated words (runs of spaces count as one).
fn words(value: &str) -> impl Iterator<Item = &str> {
    value.split(' ').filter(|word| !word.is_empty())
}

fn invalid(option: LoginOption, reason: InvalidReason) -> LoginOptionError {
    LoginOptionError::Invalid { option, reason }
}

fn prompt(value: &str) -> Result<Vec<Prompt>, LoginOptionError> {
    let grammar = InvalidReason::PromptValues;
    let mut prompts = Vec::new();
    for word in words(value) {
        let prompt = Prompt::ALL
            .into_iter()
            .find(|prompt| prompt.as_str() == word)
            .ok_or_else(|| invalid(LoginOption::Prompt, grammar))?;
        if prompts.contains(&prompt) {
            return Err(invalid(LoginOption::Prompt, InvalidReason::PromptRepeated));
        }
        prompts.push(prompt);
    }
    if prompts.contains(&Prompt::None) && prompts.len() > 1 {
        return Err(invalid(LoginOption::Prompt, InvalidReason::PromptNoneAlone));
    }
    if prompts.is_empty() {
        return Err(invalid(LoginOption::Prompt, grammar));
    }
    Ok(prompts)
}

fn login_hint(value: &str) -> Result<String, LoginOptionError> {
    if value.chars().count() > MAX_LOGIN_HINT_CHARS || value.chars().any(char::is_control) {
        return Err(invalid(LoginOption::LoginHint, InvalidReason::login_hint()));
    }
    Ok(value.to_owned())
}

fn max_age(value: &str) -> Result<u64, LoginOptionError> {
    let reason = InvalidReason::max_age();
    // Digits only: `u64::from_str` would also take a leading `+`.
    if value.len() > 10 || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(invalid(LoginOption::MaxAge, reason));
    }
    value
        .parse::<u64>()
        .ok()
        .filter(|secs| *secs <= MAX_MAX_AGE_SECS)
        .ok_or_else(|| invalid(LoginOption::MaxAge, reason))
}

fn acr_values(value: &str) -> Result<Vec<String>, LoginOptionError> {
    let printable = value
        .bytes()
        .all(|byte| byte == b' ' || byte.is_ascii_graphic());
    let values: Vec<String> = words(value).map(str::to_owned).collect();
    if !printable || value.len() > MAX_ACR_VALUES_CHARS || values.is_empty() {
        return Err(invalid(LoginOption::AcrValues, InvalidReason::acr_values()));
    }
    Ok(values)
}

fn scopes(value: &str, policy: &LoginOptionsPolicy) -> Result<Vec<String>, LoginOptionError> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in words(value) {
        if !policy.extra_scopes().iter().any(|allowed| allowed == scope) {
            return Err(LoginOptionError::ScopeNotAllowed {
                scope: shown(scope),
            });
        }
        if !scopes.iter().any(|kept| kept == scope) {
            scopes.push(scope.to_owned());
        }
    }
    if scopes.is_empty() {
        return Err(invalid(LoginOption::Scope, InvalidReason::ScopeEmpty));
    }
    Ok(scopes)
}

/// A checkbox's value (`1`, `on` as browsers send it, `true`, `yes`) or its explicit no.
fn remember(value: &str) -> Result<bool, LoginOptionError> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "on" | "true" | "yes" => Ok(true),
        "0" | "off" | "false" | "no" => Ok(false),
        _ => Err(invalid(LoginOption::Remember, InvalidReason::Remember)),
    }
}

/// A value from the request as a message may repeat it: no control characters, cut short.
pub(super) fn shown(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_SHOWN_CHARS)
        .collect()
}
