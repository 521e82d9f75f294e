//! The generic provider's configuration: `[remote_apps.<name>.account_info]` (documents and
//! pointers → [`crate::AccountInfo`]) and `[remote_apps.<name>.roles]` (groups → roles),
//! validated once at load so a sign-in never meets a bad pointer. The mapping is applied by
//! [`crate::handlers::defaults::MappedAccountInfo`].

mod pointer;
mod roles;
mod settings;

use url::Url;

pub use pointer::{Pointer, Source};
pub use roles::{GroupPattern, RoleMapping};
pub(crate) use roles::role_mapping;
pub use settings::{
    AccountMappingSettings, DocumentRequestSettings, DocumentSettings, EmailSettings,
    GroupSettings, OneOrMany, PrefixedGroupSettings, RoleSettings,
};

use super::ConfigError;

/// `[remote_apps.<name>.account_info]`, validated: documents resolved on `base_url`'s origin,
/// pointers parsed, `{client_id}` substituted, the e-mail rule checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccountMapping {
    /// The user-info document, if any.
    pub userinfo: Option<DocumentRequest>,
    /// The e-mail list document, if any.
    pub emails: Option<DocumentRequest>,
    /// The user's immutable id.
    pub id: Pointer,
    /// A username suggestion.
    pub username: Option<Pointer>,
    /// The display name's parts, joined with one space.
    pub name: Vec<Pointer>,
    /// Where groups come from.
    pub groups: Vec<GroupPointer>,
    /// The e-mail rule, if the mapping reads an address.
    pub email: Option<EmailRule>,
}

impl AccountMapping {
    /// Every pointer of the mapping (groups', e-mail rule's included).
    pub fn pointers(&self) -> Vec<&Pointer> {
        let mut pointers = vec![&self.id];
        pointers.extend(&self.username);
        pointers.extend(&self.name);
        pointers.extend(self.groups.iter().map(|group| &group.pointer));
        if let Some(rule) = &self.email {
            pointers.extend(rule.pointers());
        }
        pointers
    }

    /// Whether any pointer reads `source`.
    pub fn reads(&self, source: Source) -> bool {
        self.pointers()
            .iter()
            .any(|pointer| pointer.source == source)
    }
}

/// How a document is asked for (always with the user's token).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentRequest {
    /// Absolute, on the origin of `params.base_url`, query included.
    pub url: Url,
    /// `GET` or `POST`.
    pub post: bool,
    /// Extra request headers.
    pub headers: Vec<(String, String)>,
}

/// A group pointer and the prefix put before each group it yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPointer {
    /// Where the groups are (a string or an array of strings).
    pub pointer: Pointer,
    /// Put before each group (`""`: none).
    pub prefix: String,
}

/// What makes the mapped e-mail address verified (docs/configuration.md, e-mail rules).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailRule {
    /// Verified when `verified` is JSON `true` (or `"true"` with `true_strings`).
    Flag {
        /// The address.
        address: Pointer,
        /// The flag.
        verified: Pointer,
        /// Whether the string `"true"` counts.
        true_strings: bool,
    },
    /// The address is the primary entry of an array (the first without `primary`); verified
    /// as that entry says.
    List {
        /// The array of entries.
        list: Pointer,
        /// Item-relative pointer to the address.
        address: String,
        /// Item-relative pointer to the verified flag (none: never verified).
        verified: Option<String>,
        /// Item-relative pointer to the primary flag (none: the first entry).
        primary: Option<String>,
        /// Whether the string `"true"` counts.
        true_strings: bool,
    },
    /// The provider documents that every address it returns is verified.
    Always {
        /// The address.
        address: Pointer,
        /// Where the provider says so.
        documented: Url,
    },
    /// Never verified: a suggestion for the sign-up form.
    Unverified {
        /// The address.
        address: Pointer,
    },
}

impl EmailRule {
    /// The pointers into documents (item-relative ones excluded).
    pub fn pointers(&self) -> Vec<&Pointer> {
        match self {
            Self::Flag {
                address, verified, ..
            } => vec![address, verified],
            Self::List { list, .. } => vec![list],
            Self::Always { address, .. } | Self::Unverified { address } => vec![address],
        }
    }
}

/// Validates `settings` for the app at `prefix` (`remote_apps.<name>`).
pub(crate) fn account_mapping(
    prefix: &str,
    settings: &AccountMappingSettings,
    base_url: Option<&Url>,
    client_id: &str,
) -> Result<AccountMapping, ConfigError> {
    let key = format!("{prefix}.account_info");
    let substitute = |text: &str| text.replace("{client_id}", client_id);
    let pointer_substitute =
        |text: &str| text.replace("{client_id}", &pointer::escape_segment(client_id));
    let userinfo = settings
        .userinfo
        .as_ref()
        .map(|doc| document(&format!("{key}.userinfo"), doc, base_url, &substitute))
        .transpose()?;
    let emails = settings
        .emails
        .as_ref()
        .map(|doc| document(&format!("{key}.emails"), doc, base_url, &substitute))
        .transpose()?;
    let default = if userinfo.is_some() {
        Source::Userinfo
    } else {
        Source::IdToken
    };
    let parse = |field: &str, raw: &str| -> Result<Pointer, ConfigError> {
        let pointer = Pointer::parse(&pointer_substitute(raw), default)
            .map_err(|message| ConfigError::new(format!("{key}.{field}"), message))?;
        let fetched = match pointer.source {
            Source::Userinfo => userinfo.is_some(),
            Source::Emails => emails.is_some(),
            _ => true,
        };
        if !fetched {
            return Err(ConfigError::new(
                format!("{key}.{field}"),
                format!(
                    "`{raw}` reads the {source} document, but `{key}.{source}` is not set",
                    source = pointer.source
                ),
            ));
        }
        Ok(pointer)
    };
    let identifying = |field: &str, raw: &str| -> Result<Pointer, ConfigError> {
        let pointer = parse(field, raw)?;
        if !pointer.source.may_identify() {
            return Err(ConfigError::new(
                format!("{key}.{field}"),
                format!(
                    "`{raw}`: the {} source may not say who the user is (only name and \
                     username{} may come from it): {}",
                    pointer.source,
                    if pointer.source == Source::AccessToken {
                        ", and groups"
                    } else {
                        ""
                    },
                    if pointer.source == Source::Callback {
                        "callback parameters are sent by the browser, unsigned"
                    } else {
                        "its payload is read without checking a signature"
                    }
                ),
            ));
        }
        Ok(pointer)
    };
    let id = settings.id.as_deref().ok_or_else(|| {
        ConfigError::new(
            format!("{key}.id"),
            "missing: the pointer to the user's immutable id at the provider, e.g. `id = \"/id\"`",
        )
    })?;
    let id = identifying("id", id)?;
    let username = settings
        .username
        .as_deref()
        .map(|raw| parse("username", raw))
        .transpose()?;
    let name = settings
        .name
        .as_ref()
        .map_or(&[][..], OneOrMany::as_slice)
        .iter()
        .map(|raw| parse("name", raw))
        .collect::<Result<Vec<_>, _>>()?;
    let mut groups = Vec::new();
    for group in settings.groups.as_ref().map_or(&[][..], OneOrMany::as_slice) {
        let (raw, prefix) = match group {
            GroupSettings::Pointer(raw) => (raw.as_str(), String::new()),
            GroupSettings::Prefixed(prefixed) => (
                prefixed.pointer.as_str(),
                prefixed.prefix.as_deref().map(&substitute).unwrap_or_default(),
            ),
        };
        let pointer = parse("groups", raw)?;
        if !pointer.source.may_hold_groups() {
            return Err(ConfigError::new(
                format!("{key}.groups"),
                format!("`{raw}`: groups may not come from the browser-supplied callback parameters"),
            ));
        }
        groups.push(GroupPointer { pointer, prefix });
    }
    let email = settings
        .email
        .as_ref()
        .map(|email| email_rule(&format!("{key}.email"), email, &|field, raw| identifying(&format!("email.{field}"), raw)))
        .transpose()?;
    Ok(AccountMapping {
        userinfo,
        emails,
        id,
        username,
        name,
        groups,
        email,
    })
}

/// A document's request, refused unless it stays on `base_url`'s origin (the user's token goes
/// with it; the same rule as [`crate::client::HttpApi::resolve_on_base_origin`]).
fn document(
    key: &str,
    settings: &DocumentSettings,
    base_url: Option<&Url>,
    substitute: &dyn Fn(&str) -> String,
) -> Result<DocumentRequest, ConfigError> {
    let (raw, method, query, headers) = match settings {
        DocumentSettings::Url(url) => (url.as_str(), None, None, None),
        DocumentSettings::Request(request) => (
            request.url.as_str(),
            request.method.as_deref(),
            Some(&request.query),
            Some(&request.headers),
        ),
    };
    if raw == "discovered" {
        return Err(ConfigError::new(
            key,
            "`discovered` (the OpenID Connect discovery document's userinfo_endpoint) is not \
             supported by the generic mapping yet: write the user-info URL, or read the ID \
             token's claims with `id_token:` pointers",
        ));
    }
    let base = base_url.ok_or_else(|| {
        ConfigError::new(
            key,
            "a document needs `params.base_url`: the user's token is only ever sent to its origin",
        )
    })?;
    let mut url = base
        .join(raw)
        .map_err(|err| ConfigError::new(key, format!("`{raw}` is not a URL: {err}")))?;
    if url.origin() != base.origin() {
        return Err(ConfigError::new(
            key,
            format!(
                "`{raw}` is not on the origin of params.base_url ({}): the user's token would \
                 leave it",
                base.origin().ascii_serialization()
            ),
        ));
    }
    if let Some(query) = query.filter(|query| !query.is_empty()) {
        let mut pairs = url.query_pairs_mut();
        for (name, value) in query {
            pairs.append_pair(name, &substitute(value));
        }
    }
    let post = match method.map(str::to_ascii_uppercase).as_deref() {
        None | Some("GET") => false,
        Some("POST") => true,
        Some(other) => {
            return Err(ConfigError::new(
                format!("{key}.method"),
                format!("`{other}`: a document is asked for with GET or POST"),
            ));
        }
    };
    let headers = headers
        .into_iter()
        .flatten()
        .map(|(name, value)| (name.clone(), substitute(value)))
        .collect();
    Ok(DocumentRequest { url, post, headers })
}

/// The `[email]` table for its rule; keys that belong to another rule are refused (they
/// would be silently ignored otherwise).
fn email_rule(
    key: &str,
    settings: &EmailSettings,
    pointer: &dyn Fn(&str, &str) -> Result<Pointer, ConfigError>,
) -> Result<EmailRule, ConfigError> {
    let rule = settings.rule.as_deref().ok_or_else(|| {
        ConfigError::new(
            format!("{key}.rule"),
            "missing: say what makes the address verified: \"flag\", \"list\", \"always\" or \
             \"unverified\"",
        )
    })?;
    let present = [
        ("address", settings.address.is_some()),
        ("verified", settings.verified.is_some()),
        ("true_strings", settings.true_strings.is_some()),
        ("list", settings.list.is_some()),
        ("primary", settings.primary.is_some()),
        ("documented", settings.documented.is_some()),
    ];
    let allowed: &[&str] = match rule {
        "flag" => &["address", "verified", "true_strings"],
        "list" => &["address", "verified", "true_strings", "list", "primary"],
        "always" => &["address", "documented"],
        "unverified" => &["address"],
        other => {
            return Err(ConfigError::new(
                format!("{key}.rule"),
                format!("unknown rule `{other}` (known: flag, list, always, unverified)"),
            ));
        }
    };
    if let Some((name, _)) = present
        .iter()
        .find(|(name, set)| *set && !allowed.contains(name))
    {
        return Err(ConfigError::new(
            format!("{key}.{name}"),
            format!("not used by rule = \"{rule}\" (it takes {})", allowed.join(", ")),
        ));
    }
    let required = |field: &str, value: &Option<String>| -> Result<String, ConfigError> {
        value.clone().ok_or_else(|| {
            ConfigError::new(format!("{key}.{field}"), format!("missing: rule = \"{rule}\" needs it"))
        })
    };
    let item_relative = |field: &str, raw: &str| -> Result<String, ConfigError> {
        if raw.is_empty() || raw.starts_with('/') {
            Ok(raw.to_owned())
        } else {
            Err(ConfigError::new(
                format!("{key}.{field}"),
                format!("`{raw}`: with rule = \"list\" this points into one entry: write `/{raw}`, no source"),
            ))
        }
    };
    let true_strings = settings.true_strings.unwrap_or(false);
    Ok(match rule {
        "flag" => EmailRule::Flag {
            address: pointer("address", &required("address", &settings.address)?)?,
            verified: pointer("verified", &required("verified", &settings.verified)?)?,
            true_strings,
        },
        "list" => EmailRule::List {
            list: pointer("list", &required("list", &settings.list)?)?,
            address: item_relative("address", &required("address", &settings.address)?)?,
            verified: settings
                .verified
                .as_deref()
                .map(|raw| item_relative("verified", raw))
                .transpose()?,
            primary: settings
                .primary
                .as_deref()
                .map(|raw| item_relative("primary", raw))
                .transpose()?,
            true_strings,
        },
        "always" => {
            let documented = settings.documented.as_deref().ok_or_else(|| {
                ConfigError::new(
                    format!("{key}.documented"),
                    "missing: rule = \"always\" trusts every address the provider returns; \
                     give the URL where the provider documents that it only returns verified \
                     addresses",
                )
            })?;
            let documented = Url::parse(documented)
                .ok()
                .filter(|url| url.scheme() == "https" || url.scheme() == "http")
                .ok_or_else(|| {
                    ConfigError::new(
                        format!("{key}.documented"),
                        format!("`{documented}` is not an http(s) URL"),
                    )
                })?;
            EmailRule::Always {
                address: pointer("address", &required("address", &settings.address)?)?,
                documented,
            }
        }
        _ => EmailRule::Unverified {
            address: pointer("address", &required("address", &settings.address)?)?,
        },
    })
}
