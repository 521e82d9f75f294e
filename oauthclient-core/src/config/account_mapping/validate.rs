//! `[account_info]` as written → [`AccountMapping`], refusing at load what a sign-in could not
//! use or should not trust, naming the key.

use url::Url;

use super::pointer::escape_segment;
use super::{
    AccountMapping, AccountMappingSettings, DocumentRequest, DocumentSettings, EmailRule,
    EmailSettings, GroupPointer, GroupSettings, OneOrMany, Pointer, Source,
};
use crate::config::ConfigError;

/// Parses the mapping's pointers: `{client_id}` substituted, sources checked.
struct Pointers<'a> {
    key: &'a str,
    client_id: &'a str,
    default: Source,
    has_userinfo: bool,
    has_emails: bool,
}

impl Pointers<'_> {
    /// A pointer for `field` that may read any source whose document exists.
    fn any(&self, field: &str, raw: &str) -> Result<Pointer, ConfigError> {
        let key = format!("{}.{field}", self.key);
        let substituted = raw.replace("{client_id}", &escape_segment(self.client_id));
        let pointer = Pointer::parse(&substituted, self.default)
            .map_err(|message| ConfigError::new(&key, message))?;
        let fetched = match pointer.source {
            Source::Userinfo => self.has_userinfo,
            Source::Emails => self.has_emails,
            _ => true,
        };
        if !fetched {
            return Err(ConfigError::new(
                key,
                format!(
                    "`{raw}` reads the {source} document, but `{}.{source}` is not set",
                    self.key,
                    source = pointer.source
                ),
            ));
        }
        Ok(pointer)
    }

    /// A pointer for a field that says who the user is: not from the browser's callback
    /// parameters, nor from an unverified access-token payload.
    fn identifying(&self, field: &str, raw: &str) -> Result<Pointer, ConfigError> {
        let pointer = self.any(field, raw)?;
        if pointer.source.may_identify() {
            return Ok(pointer);
        }
        let why = if pointer.source == Source::Callback {
            "only name and username may come from it: callback parameters are sent by the \
             browser, unsigned"
        } else {
            "only name, username and groups may come from it: its payload is read without \
             checking a signature"
        };
        Err(ConfigError::new(
            format!("{}.{field}", self.key),
            format!(
                "`{raw}`: the {} source may not say who the user is ({why})",
                pointer.source
            ),
        ))
    }

    /// A group pointer: anything but the browser's callback parameters.
    fn group(&self, raw: &str) -> Result<Pointer, ConfigError> {
        let pointer = self.any("groups", raw)?;
        if pointer.source.may_hold_groups() {
            return Ok(pointer);
        }
        Err(ConfigError::new(
            format!("{}.groups", self.key),
            format!("`{raw}`: groups may not come from the browser-supplied callback parameters"),
        ))
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
    let request = |name: &str, doc: &Option<DocumentSettings>| {
        doc.as_ref()
            .map(|doc| document(&format!("{key}.{name}"), doc, base_url, &substitute))
            .transpose()
    };
    let userinfo = request("userinfo", &settings.userinfo)?;
    let emails = request("emails", &settings.emails)?;
    let pointers = Pointers {
        key: &key,
        client_id,
        default: if userinfo.is_some() {
            Source::Userinfo
        } else {
            Source::IdToken
        },
        has_userinfo: userinfo.is_some(),
        has_emails: emails.is_some(),
    };
    let id = settings.id.as_deref().ok_or_else(|| {
        ConfigError::new(
            format!("{key}.id"),
            "missing: the pointer to the user's immutable id at the provider, e.g. `id = \"/id\"`",
        )
    })?;
    let mut groups = Vec::new();
    for group in listed(settings.groups.as_ref()) {
        let (raw, prefix) = match group {
            GroupSettings::Pointer(raw) => (raw.as_str(), String::new()),
            GroupSettings::Prefixed(prefixed) => (
                prefixed.pointer.as_str(),
                prefixed
                    .prefix
                    .as_deref()
                    .map(&substitute)
                    .unwrap_or_default(),
            ),
        };
        groups.push(GroupPointer {
            pointer: pointers.group(raw)?,
            prefix,
        });
    }
    Ok(AccountMapping {
        id: pointers.identifying("id", id)?,
        username: settings
            .username
            .as_deref()
            .map(|raw| pointers.any("username", raw))
            .transpose()?,
        name: listed(settings.name.as_ref())
            .iter()
            .map(|raw| pointers.any("name", raw))
            .collect::<Result<_, _>>()?,
        groups,
        email: settings
            .email
            .as_ref()
            .map(|email| email_rule(&format!("{key}.email"), email, &pointers))
            .transpose()?,
        userinfo,
        emails,
    })
}

/// The values of an optional one-or-many key.
fn listed<T>(value: Option<&OneOrMany<T>>) -> &[T] {
    value.map_or(&[], OneOrMany::as_slice)
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

/// The keys each rule takes; another rule's key is refused (it would be silently ignored).
fn keys_of_rule(key: &str, rule: &str, settings: &EmailSettings) -> Result<(), ConfigError> {
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
    let present = [
        ("address", settings.address.is_some()),
        ("verified", settings.verified.is_some()),
        ("true_strings", settings.true_strings.is_some()),
        ("list", settings.list.is_some()),
        ("primary", settings.primary.is_some()),
        ("documented", settings.documented.is_some()),
    ];
    match present
        .iter()
        .find(|(name, set)| *set && !allowed.contains(name))
    {
        Some((name, _)) => Err(ConfigError::new(
            format!("{key}.{name}"),
            format!(
                "not used by rule = \"{rule}\" (it takes {})",
                allowed.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

/// `documented`: where the provider says every address it returns is verified.
fn documented(key: &str, raw: Option<&str>) -> Result<Url, ConfigError> {
    let key = format!("{key}.documented");
    let raw = raw.ok_or_else(|| {
        ConfigError::new(
            &key,
            "missing: rule = \"always\" trusts every address the provider returns; give the URL \
             where the provider documents that it only returns verified addresses",
        )
    })?;
    Url::parse(raw)
        .ok()
        .filter(|url| url.scheme() == "https" || url.scheme() == "http")
        .ok_or_else(|| ConfigError::new(&key, format!("`{raw}` is not an http(s) URL")))
}

/// The `[email]` table for its rule.
fn email_rule(
    key: &str,
    settings: &EmailSettings,
    pointers: &Pointers<'_>,
) -> Result<EmailRule, ConfigError> {
    let rule = settings.rule.as_deref().ok_or_else(|| {
        ConfigError::new(
            format!("{key}.rule"),
            "missing: say what makes the address verified: \"flag\", \"list\", \"always\" or \
             \"unverified\"",
        )
    })?;
    keys_of_rule(key, rule, settings)?;
    let required = |field: &str, value: &Option<String>| -> Result<String, ConfigError> {
        value.clone().ok_or_else(|| {
            ConfigError::new(
                format!("{key}.{field}"),
                format!("missing: rule = \"{rule}\" needs it"),
            )
        })
    };
    let pointer = |field: &str, value: &Option<String>| {
        pointers.identifying(&format!("email.{field}"), &required(field, value)?)
    };
    let item_relative = |field: &str, raw: &str| -> Result<String, ConfigError> {
        if raw.is_empty() || raw.starts_with('/') {
            return Ok(raw.to_owned());
        }
        Err(ConfigError::new(
            format!("{key}.{field}"),
            format!(
                "`{raw}`: with rule = \"list\" this points into one entry: write `/{raw}`, no source"
            ),
        ))
    };
    let optional_item = |field: &str, value: &Option<String>| {
        value
            .as_deref()
            .map(|raw| item_relative(field, raw))
            .transpose()
    };
    let true_strings = settings.true_strings.unwrap_or(false);
    Ok(match rule {
        "flag" => EmailRule::Flag {
            address: pointer("address", &settings.address)?,
            verified: pointer("verified", &settings.verified)?,
            true_strings,
        },
        "list" => EmailRule::List {
            list: pointer("list", &settings.list)?,
            address: item_relative("address", &required("address", &settings.address)?)?,
            verified: optional_item("verified", &settings.verified)?,
            primary: optional_item("primary", &settings.primary)?,
            true_strings,
        },
        "always" => EmailRule::Always {
            documented: documented(key, settings.documented.as_deref())?,
            address: pointer("address", &settings.address)?,
        },
        _ => EmailRule::Unverified {
            address: pointer("address", &settings.address)?,
        },
    })
}
