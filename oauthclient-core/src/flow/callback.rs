//! [`CallbackResponse`]: the query of `/oauth/authorized/{app}/`, parsed; and the
//! `AwaitingCallback --CallbackReceived-->` transition that checks it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FlowState, Grant};
use crate::error::OAuthError;
use crate::login_options::LoginOptions;
use crate::secret::{AuthorizationCode, OAuthVerifier, constant_time_eq};
use crate::state::{PendingFlow, StateClaims, StateError};
use crate::token::Token;

/// The most characters of a provider's `error` code we keep.
const MAX_ERROR_CODE_CHARS: usize = 64;
/// The most characters of a provider's `error_description` we keep.
const MAX_DESCRIPTION_CHARS: usize = 256;
/// The longest value of an extra callback parameter we keep (Apple's `user` is a few hundred
/// bytes); a longer one is dropped.
pub const MAX_CALLBACK_PARAM_BYTES: usize = 4096;

/// The query of `/oauth/authorized/{app}/`, parsed by [`CallbackResponse::from_query`].
///
/// It says what the provider answered; it is *not* trusted yet. The `state` parameter is
/// returned beside it and must be verified ([`crate::state::StateCodec::verify`]) before the
/// flow looks at any of this (see [`super::FlowEvent::CallbackReceived`]).
///
/// ```
/// use oauthclient_core::flow::CallbackResponse;
///
/// let (response, state) = CallbackResponse::from_query([("error", "access_denied"), ("state", "s")]);
/// assert_eq!(response, CallbackResponse::Error { error: "access_denied".into(), description: None });
/// assert_eq!(state.as_deref(), Some("s"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CallbackResponse {
    /// OAuth2 success: `code=...`.
    Code {
        /// The one-time authorization code.
        code: AuthorizationCode,
        /// The RFC 9207 `iss` (authorization server issuer identifier), when present. The web
        /// layer compares it with the provider's issuer before exchanging the code.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        iss: Option<String>,
        /// The extra parameters the app keeps (`params.callback_params`, e.g. Apple's `user`),
        /// unsigned and browser-supplied.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        extra: BTreeMap<String, String>,
    },
    /// OAuth2 error redirect: `error=...`.
    Error {
        /// The RFC 6749 error code (`access_denied`, `server_error`, ...).
        error: String,
        /// The `error_description`, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// OAuth1 callback: `oauth_token=...&oauth_verifier=...`.
    #[serde(rename = "oauth1")]
    OAuth1 {
        /// The request token the user authorised.
        oauth_token: String,
        /// The `oauth_verifier`; `None` when the provider sent none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        oauth_verifier: Option<OAuthVerifier>,
    },
    /// OAuth1 refusal: `denied=...` (the user declined; there is no verifier).
    #[serde(rename = "oauth1_denied")]
    OAuth1Denied,
    /// A protocol parameter appeared more than once, which RFC 6749 §3.1 forbids ("parameters
    /// MUST NOT be included more than once"). The response is refused as a whole.
    Duplicate {
        /// The first repeated parameter, e.g. `code`.
        parameter: String,
    },
    /// Neither `code`, nor `error`, nor `oauth_token`, nor `denied`.
    Empty,
}

/// The protocol parameters a callback may carry, at most once each.
#[derive(Default)]
struct Params<'a> {
    code: Option<&'a str>,
    state: Option<&'a str>,
    error: Option<&'a str>,
    error_description: Option<&'a str>,
    error_uri: Option<&'a str>,
    iss: Option<&'a str>,
    oauth_token: Option<&'a str>,
    oauth_verifier: Option<&'a str>,
    denied: Option<&'a str>,
}

impl<'a> Params<'a> {
    /// The slot of a known parameter; `None` for parameters we ignore.
    fn slot(&mut self, name: &str) -> Option<(&'static str, &mut Option<&'a str>)> {
        Some(match name {
            "code" => ("code", &mut self.code),
            "state" => ("state", &mut self.state),
            "error" => ("error", &mut self.error),
            "error_description" => ("error_description", &mut self.error_description),
            "error_uri" => ("error_uri", &mut self.error_uri),
            "iss" => ("iss", &mut self.iss),
            "oauth_token" => ("oauth_token", &mut self.oauth_token),
            "oauth_verifier" => ("oauth_verifier", &mut self.oauth_verifier),
            "denied" => ("denied", &mut self.denied),
            _ => return None,
        })
    }
}

impl CallbackResponse {
    /// Parses the callback's (already percent-decoded) query pairs into the response and the
    /// raw `state` parameter.
    ///
    /// Rules:
    /// - Only the protocol parameters `code`, `state`, `error`, `error_description`,
    ///   `error_uri`, `iss`, `oauth_token`, `oauth_verifier` and `denied` are looked at; any
    ///   other parameter is ignored, even when repeated.
    /// - A protocol parameter given twice (even with an empty value) makes the response
    ///   [`CallbackResponse::Duplicate`]. A repeated `state` is also dropped (returned as
    ///   `None`), so state verification fails with [`crate::state::StateError::Missing`] (403);
    ///   any other repeated parameter keeps the state, so a genuine state is still checked
    ///   first and a forged one still gets its 403.
    /// - An empty value counts as absent.
    /// - Precedence: `error` (never exchange a code that came with an error), then `code`,
    ///   then `denied`, then `oauth_token`; otherwise [`CallbackResponse::Empty`].
    /// - `error` and `error_description` lose control characters (no log or header injection)
    ///   and are cut to 64 and 256 characters.
    ///
    /// ```
    /// use oauthclient_core::flow::CallbackResponse;
    ///
    /// let (response, state) = CallbackResponse::from_query([("code", "c"), ("state", "s"), ("utm", "x")]);
    /// assert!(matches!(response, CallbackResponse::Code { ref code, iss: None, .. } if code.expose_secret() == "c"));
    /// assert_eq!(state.as_deref(), Some("s"));
    ///
    /// let (response, _) = CallbackResponse::from_query([("code", "a"), ("code", "b"), ("state", "s")]);
    /// assert_eq!(response, CallbackResponse::Duplicate { parameter: "code".into() });
    /// ```
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Option<String>) {
        Self::from_query_keeping(pairs, &[])
    }

    /// [`CallbackResponse::from_query`], keeping the parameters named in `keep` (an app's
    /// `params.callback_params`, which never name a protocol parameter) in a code response's
    /// `extra`: each at most once (a repeated one makes the response
    /// [`CallbackResponse::Duplicate`]), empty or longer than
    /// [`MAX_CALLBACK_PARAM_BYTES`] counting as absent.
    ///
    /// ```
    /// use oauthclient_core::flow::CallbackResponse;
    ///
    /// let keep = ["user".to_owned()];
    /// let (response, _) = CallbackResponse::from_query_keeping(
    ///     [("code", "c"), ("state", "s"), ("user", r#"{"name":{"firstName":"Ada"}}"#), ("utm", "x")],
    ///     &keep,
    /// );
    /// let CallbackResponse::Code { extra, .. } = response else { panic!("a code") };
    /// assert_eq!(extra.keys().collect::<Vec<_>>(), ["user"]);
    /// ```
    pub fn from_query_keeping<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        keep: &[String],
    ) -> (Self, Option<String>) {
        let mut params = Params::default();
        let mut extra: BTreeMap<String, String> = BTreeMap::new();
        let mut duplicate = None;
        let mut state_repeated = false;
        for (name, value) in pairs {
            if let Some((name, slot)) = params.slot(name) {
                if slot.is_some() {
                    duplicate.get_or_insert(name);
                    state_repeated |= name == "state";
                } else {
                    *slot = Some(value);
                }
            } else if let Some(kept) = keep.iter().find(|kept| kept.as_str() == name) {
                if extra.contains_key(kept) {
                    duplicate.get_or_insert("callback parameter");
                } else {
                    extra.insert(kept.clone(), value.to_owned());
                }
            }
        }
        extra.retain(|_, value| !value.is_empty() && value.len() <= MAX_CALLBACK_PARAM_BYTES);
        if let Some(parameter) = duplicate {
            // A repeated state is dropped even when another parameter repeated first (found
            // by the `callback_query` fuzz target).
            let state = if state_repeated {
                None
            } else {
                present(params.state).map(str::to_owned)
            };
            let response = Self::Duplicate {
                parameter: parameter.to_owned(),
            };
            return (response, state);
        }

        let state = present(params.state).map(str::to_owned);
        let response = if let Some(error) = present(params.error) {
            Self::Error {
                error: clean(error, MAX_ERROR_CODE_CHARS),
                description: present(params.error_description)
                    .map(|description| clean(description, MAX_DESCRIPTION_CHARS))
                    .filter(|description| !description.is_empty()),
            }
        } else if let Some(code) = present(params.code) {
            Self::Code {
                code: AuthorizationCode::new(code),
                iss: present(params.iss).map(str::to_owned),
                extra,
            }
        } else if present(params.denied).is_some() {
            Self::OAuth1Denied
        } else if let Some(oauth_token) = present(params.oauth_token) {
            Self::OAuth1 {
                oauth_token: oauth_token.to_owned(),
                oauth_verifier: present(params.oauth_verifier).map(OAuthVerifier::new),
            }
        } else {
            Self::Empty
        };
        (response, state)
    }

    /// A short name for logs and error messages (`code`, `error`, `oauth1`, ...), never
    /// containing a value.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Code { .. } => "code",
            Self::Error { .. } => "error",
            Self::OAuth1 { .. } => "oauth1",
            Self::OAuth1Denied => "oauth1_denied",
            Self::Duplicate { .. } => "duplicate",
            Self::Empty => "empty",
        }
    }
}

/// The value, unless it is empty (an empty parameter counts as absent).
fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|value| !value.is_empty())
}

/// Drops control characters and keeps at most `max_chars` characters.
fn clean(value: &str, max_chars: usize) -> String {
    value
        .chars()
        .filter(|c| !c.is_control())
        .take(max_chars)
        .collect()
}

/// `AwaitingCallback { app } --CallbackReceived-->`.
pub(super) fn on_callback(
    app: String,
    response: CallbackResponse,
    verified: Result<(StateClaims, PendingFlow), StateError>,
) -> FlowState {
    let checked = verified.and_then(|(claims, pending)| {
        if claims.app != app || pending.app != app {
            Err(StateError::WrongApp)
        } else if !constant_time_eq(
            claims.nonce.expose_secret().as_bytes(),
            pending.nonce.expose_secret().as_bytes(),
        ) {
            Err(StateError::UnknownNonce)
        } else {
            Ok((claims.next, *claims.login_options, pending))
        }
    });
    let (next, login_options, pending) = match checked {
        Ok(checked) => checked,
        Err(error) => {
            return FlowState::Failed {
                app: Some(app),
                error: OAuthError::InvalidState(error),
                next: None,
            };
        }
    };
    match grant(&app, response, pending, login_options) {
        Ok(grant) => FlowState::CodeReceived { app, grant, next },
        Err(error) => FlowState::Failed {
            app: Some(app),
            error,
            next,
        },
    }
}

/// The grant a verified callback carries, or why it carries none.
fn grant(
    app: &str,
    response: CallbackResponse,
    pending: PendingFlow,
    login_options: LoginOptions,
) -> Result<Grant, OAuthError> {
    let remote = || app.to_owned();
    match response {
        CallbackResponse::Code { code, iss, extra } => Ok(Grant::AuthorizationCode {
            code,
            pkce_verifier: pending.pkce_verifier,
            iss,
            oidc_nonce: pending.oidc_nonce,
            login_options,
            callback_params: extra,
        }),
        CallbackResponse::Error { error, .. } if error == "access_denied" => {
            Err(OAuthError::Rejected { remote: remote() })
        }
        CallbackResponse::Error { error, description } => Err(OAuthError::ProviderError {
            remote: remote(),
            code: error,
            description,
        }),
        CallbackResponse::OAuth1 {
            oauth_token,
            oauth_verifier: Some(verifier),
        } => {
            let matches = pending.request_token.as_deref().is_some_and(|expected| {
                constant_time_eq(expected.as_bytes(), oauth_token.as_bytes())
            });
            match pending.request_token_secret {
                Some(request_token_secret) if matches => Ok(Grant::OAuth1Verifier {
                    request_token: oauth_token,
                    request_token_secret,
                    verifier,
                }),
                _ => Err(StateError::RequestTokenMismatch.into()),
            }
        }
        CallbackResponse::OAuth1 {
            oauth_verifier: None,
            ..
        } => Err(StateError::MissingVerifier.into()),
        CallbackResponse::OAuth1Denied => Err(OAuthError::Rejected { remote: remote() }),
        CallbackResponse::Duplicate { parameter } => Err(OAuthError::InvalidResponse {
            remote: remote(),
            reason: format!("the callback repeated the `{parameter}` parameter"),
        }),
        CallbackResponse::Empty => Err(OAuthError::InvalidResponse {
            remote: remote(),
            reason: "the callback carried neither a code nor an error".to_owned(),
        }),
    }
}

/// Puts a grant's kept callback parameters into `token.extra.callback`: each value
/// JSON-decoded when it holds a JSON object (Apple's `user`), else as the string it is. What
/// the account-info mapping's `callback:` source reads; a protocol handler calls it once the
/// code is exchanged. Nothing is written when there are none.
///
/// ```
/// use std::collections::BTreeMap;
/// use oauthclient_core::flow::attach_callback_params;
///
/// let mut token = oauthclient_core::Token::bearer(oauthclient_core::secret::AccessToken::new("t"));
/// let params = BTreeMap::from([
///     ("user".to_owned(), r#"{"name":{"firstName":"Ada"}}"#.to_owned()),
///     ("hint".to_owned(), "[1]".to_owned()),
/// ]);
/// attach_callback_params(&mut token, &params);
/// assert_eq!(token.extra["callback"]["user"]["name"]["firstName"], "Ada");
/// assert_eq!(token.extra["callback"]["hint"], "[1]");
/// ```
pub fn attach_callback_params(token: &mut Token, params: &BTreeMap<String, String>) {
    if params.is_empty() {
        return;
    }
    let callback: serde_json::Map<String, serde_json::Value> = params
        .iter()
        .map(|(name, value)| {
            let decoded = serde_json::from_str::<serde_json::Value>(value)
                .ok()
                .filter(serde_json::Value::is_object)
                .unwrap_or_else(|| serde_json::Value::String(value.clone()));
            (name.clone(), decoded)
        })
        .collect();
    if !token.extra.is_object() {
        token.extra = serde_json::Value::Object(serde_json::Map::new());
    }
    if let Some(extra) = token.extra.as_object_mut() {
        extra.insert("callback".to_owned(), serde_json::Value::Object(callback));
    }
}
