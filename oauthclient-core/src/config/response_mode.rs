//! `params.response_mode` and `params.callback_params`: how the provider sends the
//! authorization response back, and which of its non-protocol parameters the flow keeps.

use super::ConfigError;

/// How the authorization response reaches the callback (OAuth 2.0 Multiple Response Type
/// Encoding Practices §2.1; OAuth 2.0 Form Post Response Mode).
///
/// ```
/// use oauthclient_core::config::ResponseMode;
/// assert_eq!(ResponseMode::default(), ResponseMode::Query);
/// assert_eq!(ResponseMode::FormPost.as_str(), "form_post");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ResponseMode {
    /// A redirect whose query carries the response (`GET /oauth/authorized/{app}/`); no
    /// `response_mode` parameter is sent, as the code flow's default.
    #[default]
    Query,
    /// The browser POSTs the response as a form (`POST /oauth/authorized/{app}/`);
    /// `response_mode=form_post` is sent.
    FormPost,
}

impl ResponseMode {
    /// The value of the `response_mode` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Query => "query",
            Self::FormPost => "form_post",
        }
    }
}

/// The callback parameters a configuration may not keep as extra ones: the protocol's own
/// (the flow reads them) and the front end's relay marker.
pub const RESERVED_CALLBACK_PARAMS: &[&str] = &[
    "code",
    "state",
    "iss",
    "error",
    "error_description",
    "error_uri",
    "oauth_token",
    "oauth_verifier",
    "denied",
    "oauthclient_relay",
];

/// The most extra callback parameters an app may keep.
const MAX_CALLBACK_PARAMS: usize = 8;
/// The longest name of one.
const MAX_CALLBACK_PARAM_CHARS: usize = 64;

/// `params.response_mode`: absent or `"query"` ⇒ query, `"form_post"` ⇒ form post.
pub(super) fn response_mode(key: &str, raw: Option<&str>) -> Result<ResponseMode, ConfigError> {
    match raw {
        None | Some("query") => Ok(ResponseMode::Query),
        Some("form_post") => Ok(ResponseMode::FormPost),
        Some(other) => Err(ConfigError::new(
            key,
            format!("`{other}` is not \"query\" or \"form_post\""),
        )),
    }
}

/// `params.callback_params`: distinct names of ASCII letters, digits, `_`, `-` and `.`, none of
/// them reserved, at most eight.
pub(super) fn callback_params(
    key: &str,
    raw: Option<&[String]>,
) -> Result<Vec<String>, ConfigError> {
    let names = raw.unwrap_or_default();
    if names.len() > MAX_CALLBACK_PARAMS {
        return Err(ConfigError::new(
            key,
            format!("at most {MAX_CALLBACK_PARAMS} names"),
        ));
    }
    let mut kept: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let well_formed = !name.is_empty()
            && name.len() <= MAX_CALLBACK_PARAM_CHARS
            && name
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || b"_-.".contains(&byte));
        if !well_formed {
            return Err(ConfigError::new(
                key,
                format!("`{name}` is not a parameter name (1 to 64 of A-Z a-z 0-9 _ - .)"),
            ));
        }
        if RESERVED_CALLBACK_PARAMS.contains(&name.as_str()) {
            return Err(ConfigError::new(
                key,
                format!("`{name}` is a protocol parameter the flow reads itself"),
            ));
        }
        if kept.contains(name) {
            return Err(ConfigError::new(key, format!("`{name}` is listed twice")));
        }
        kept.push(name.clone());
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_modes_are_query_or_form_post() {
        assert_eq!(response_mode("k", None).ok(), Some(ResponseMode::Query));
        assert_eq!(
            response_mode("k", Some("form_post")).ok(),
            Some(ResponseMode::FormPost)
        );
        let err = response_mode("k", Some("fragment")).expect_err("refused");
        assert!(err.to_string().contains("fragment"), "{err}");
    }

    #[test]
    fn callback_params_refuse_reserved_malformed_and_repeated_names() {
        let names = |list: &[&str]| {
            list.iter()
                .map(|name| (*name).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            callback_params("k", Some(&names(&["user"]))).ok(),
            Some(names(&["user"]))
        );
        assert_eq!(callback_params("k", None).ok(), Some(vec![]));
        for bad in [
            &["state"][..],
            &["oauthclient_relay"],
            &["a b"],
            &[""],
            &["user", "user"],
        ] {
            assert!(callback_params("k", Some(&names(bad))).is_err(), "{bad:?}");
        }
        let many: Vec<String> = (0..9).map(|i| format!("p{i}")).collect();
        assert!(callback_params("k", Some(&many)).is_err());
    }
}
