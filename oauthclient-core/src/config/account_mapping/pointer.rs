//! `"[source:]/json/pointer"`: where a mapped field is read, parsed once at load.

use serde::{Deserialize, Serialize};

/// The document a [`Pointer`] reads.
///
/// ```
/// use oauthclient_core::config::Source;
/// assert_eq!("id_token".parse::<Source>(), Ok(Source::IdToken));
/// assert!("cookie".parse::<Source>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// The `userinfo` document (a request with the user's token).
    Userinfo,
    /// The `emails` document (a second request with the user's token).
    Emails,
    /// The validated ID token's claims (`token.extra.id_token_claims`, written by the OIDC
    /// protocol after verifying the signature).
    IdToken,
    /// The token response's other fields (ORCID's `orcid`, Slack's `team`).
    Token,
    /// The payload of a JWT access token from this very token response, read without a
    /// signature check: only `groups`, `name` and `username` may come from it.
    AccessToken,
    /// The callback's extra parameters (Apple's `user`): browser-supplied and unsigned, so only
    /// `name` and `username` may come from it.
    Callback,
}

impl Source {
    /// Every source, in the order they are named in the docs.
    pub const ALL: [Self; 6] = [
        Self::Userinfo,
        Self::Emails,
        Self::IdToken,
        Self::Token,
        Self::AccessToken,
        Self::Callback,
    ];

    /// The name written before the `:`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Userinfo => "userinfo",
            Self::Emails => "emails",
            Self::IdToken => "id_token",
            Self::Token => "token",
            Self::AccessToken => "access_token",
            Self::Callback => "callback",
        }
    }

    /// Whether the user's identity (id, e-mail, groups) may be read from it: not from what
    /// the browser hands over, nor from an unverified access-token payload (except groups,
    /// see [`Source::may_hold_groups`]).
    pub fn may_identify(self) -> bool {
        !matches!(self, Self::Callback | Self::AccessToken)
    }

    /// Whether groups may be read from it: everything but the browser-supplied callback.
    pub fn may_hold_groups(self) -> bool {
        self != Self::Callback
    }
}

impl std::str::FromStr for Source {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|source| source.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|source| source.name()).collect();
                format!(
                    "unknown source `{name}:` (known: {})",
                    known
                        .iter()
                        .map(|name| format!("{name}:"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A parsed `"[source:]/json/pointer"`: a document and an RFC 6901 pointer into it (empty:
/// the whole document).
///
/// ```
/// use oauthclient_core::config::{Pointer, Source};
/// let pointer = Pointer::parse("id_token:/realm_access/roles", Source::Userinfo)?;
/// assert_eq!((pointer.source, pointer.path.as_str()), (Source::IdToken, "/realm_access/roles"));
/// // No prefix: the default source. A `:` after the first `/` is part of the pointer.
/// let slack = Pointer::parse("/https:~1~1slack.com~1team_id", Source::IdToken)?;
/// assert_eq!(slack.source, Source::IdToken);
/// assert_eq!(Pointer::parse("emails:", Source::Userinfo)?.path, "");
/// assert!(Pointer::parse("email", Source::Userinfo).is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pointer {
    /// The document.
    pub source: Source,
    /// The JSON pointer into it (`serde_json::Value::pointer`).
    pub path: String,
}

impl Pointer {
    /// Parses `raw`; with no `source:` prefix it reads `default`. Refuses an unknown source
    /// and a pointer that is neither empty nor starts with `/`.
    pub fn parse(raw: &str, default: Source) -> Result<Self, String> {
        let (source, path) = match raw.split_once(':') {
            Some((prefix, rest)) if !raw.starts_with('/') => (prefix.parse::<Source>()?, rest),
            _ => (default, raw),
        };
        if !(path.is_empty() || path.starts_with('/')) {
            return Err(format!(
                "`{raw}` is not a JSON pointer: write `/{path}` (RFC 6901), optionally after a \
                 source such as `userinfo:`"
            ));
        }
        Ok(Self {
            source,
            path: path.to_owned(),
        })
    }

    /// The value it points at in `document`.
    pub fn find<'v>(&self, document: &'v serde_json::Value) -> Option<&'v serde_json::Value> {
        document.pointer(&self.path)
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.source, self.path)
    }
}

/// `text` as one JSON-pointer segment (RFC 6901 §3: `~` → `~0`, `/` → `~1`), so a client id
/// holding a `/` cannot reach another member.
pub(super) fn escape_segment(text: &str) -> String {
    text.replace('~', "~0").replace('/', "~1")
}
