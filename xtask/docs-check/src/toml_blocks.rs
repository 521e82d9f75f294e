//! The pages' TOML blocks, loaded the way an app loads its `oauthclient.toml`.
//!
//! ```` ```toml ```` is (a part of) an `oauthclient.toml`: it must load with
//! [`OAuthClientConfig::from_toml_str`] and [`Registry::from_inventory`], this crate linking
//! every provider crate. A block may leave out the two keys every file needs (`secret_key`,
//! `site_url`): the check supplies them, so a page can show just the table it is about.
//! Credentials come from the environment, never from a page: every `<APP_KEY>_CONSUMER_KEY` /
//! `_CONSUMER_SECRET` variable reads as a placeholder, and so does each variable a block names
//! in `secret_keys[].secret_env`. A host's own account-info handler a block names
//! (`signup_handler = { info = "myapp:..." }`; its Rust code is on the same page) is stood in
//! for by a built-in one: the loader checks it exists, and the page shows how it is
//! registered. ```` ```toml,fragment ```` (a `Cargo.toml` piece, a part that cannot stand
//! alone) must only be TOML.

use std::collections::BTreeSet;
use std::sync::Arc;

use oauthclient_core::config::EnvSource;
use oauthclient_core::registry::{Handler, HandlerKind};
use oauthclient_core::{OAuthClientConfig, Registry};
use oauthclient_oidc::{ClaimMapping, OidcAccountInfo};

/// A fenced TOML block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The line of its opening fence (1-based).
    pub line: usize,
    /// Marked ```` ```toml,fragment ````: parsed as TOML only.
    pub fragment: bool,
    /// Its text, without the fence's indentation (blocks inside list items are indented).
    pub text: String,
}

/// Every ```` ```toml ```` and ```` ```toml,fragment ```` block of `markdown`.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<(usize, usize, Option<bool>, String)> = None;
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match open.take() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let fragment = match info.trim() {
                        "toml" => Some(false),
                        "toml,fragment" => Some(true),
                        _ => None, // another language: skipped, but its fence still counts
                    };
                    open = Some((index + 1, indent, fragment, String::new()));
                }
            }
            Some((start, fence_indent, fragment, mut text)) => {
                if trimmed.starts_with("```") {
                    if let Some(fragment) = fragment {
                        found.push(Block {
                            line: start,
                            fragment,
                            text,
                        });
                    }
                } else {
                    // Strip at most the fence's indentation (CommonMark's rule).
                    let strip = indent.min(fence_indent);
                    text.push_str(&line[strip..]);
                    text.push('\n');
                    open = Some((start, fence_indent, fragment, text));
                }
            }
        }
    }
    found
}

/// Checks one block; the loader's or the parser's message on failure.
pub fn check(block: &Block) -> Result<(), String> {
    let table: toml::Table =
        toml::from_str(&block.text).map_err(|err| format!("not TOML: {err}"))?;
    if block.fragment {
        return Ok(());
    }
    let mut file = String::new();
    if !table.contains_key("secret_key") {
        file.push_str("secret_key = \"docs-check-secret-docs-check-secret-docs-check\"\n");
    }
    if !table.contains_key("site_url") {
        file.push_str("site_url = \"https://docs-check.example\"\n");
    }
    // Prepended: top-level keys must come before the block's first table.
    file.push_str(&block.text);
    let mut registry = Registry::from_inventory().map_err(|err| format!("registry: {err}"))?;
    for name in host_info_handlers(&table) {
        if !registry.has_handler(HandlerKind::AccountInfo, &name) {
            let stand_in = OidcAccountInfo::with_mapping(ClaimMapping::default());
            registry
                .add_handler(&name, Handler::AccountInfo(Arc::new(stand_in)))
                .map_err(|err| format!("registry: {err}"))?;
        }
    }
    let env = Placeholders {
        secret_envs: secret_envs(&table),
    };
    OAuthClientConfig::from_toml_str(&file, &env, &registry)
        .map(drop)
        .map_err(|err| format!("the loader refuses it: {err}"))
}

/// Every problem of a page's TOML blocks, as `path:line: message`.
pub fn check_page(path: &str, markdown: &str) -> Vec<String> {
    blocks(markdown)
        .iter()
        .filter_map(|block| {
            check(block)
                .err()
                .map(|message| format!("{path}:{}: {message}", block.line))
        })
        .collect()
}

/// The `signup_handler.info` names of the block's apps that a host registers (`prefix:name`).
fn host_info_handlers(table: &toml::Table) -> BTreeSet<String> {
    let apps = table.get("remote_apps").and_then(toml::Value::as_table);
    apps.into_iter()
        .flat_map(toml::Table::values)
        .filter_map(|app| app.get("signup_handler")?.get("info")?.as_str())
        .filter(|name| name.contains(':'))
        .map(str::to_owned)
        .collect()
}

/// The variables the block's `secret_keys` read their secrets from.
fn secret_envs(table: &toml::Table) -> BTreeSet<String> {
    let keys = table.get("secret_keys").and_then(toml::Value::as_array);
    keys.into_iter()
        .flatten()
        .filter_map(|key| key.get("secret_env")?.as_str())
        .map(str::to_owned)
        .collect()
}

/// An environment holding only secrets: a page's configuration names its `app_key` and its
/// `secret_env`s and leaves the values to the environment, as it should (and its placeholder
/// `secret_key` is replaced by `OAUTHCLIENT_SECRET_KEY`, as in a deployment).
struct Placeholders {
    secret_envs: BTreeSet<String>,
}

impl EnvSource for Placeholders {
    fn var(&self, name: &str) -> Option<String> {
        if self.secret_envs.contains(name) {
            return Some("docs-check-rotated-secret-docs-check-rotated-secret".to_owned());
        }
        // The pages' `secret_key` is a placeholder the loader refuses, as it should be: a
        // deployment sets the variable the refusal names.
        if name == "OAUTHCLIENT_SECRET_KEY" {
            return Some("docs-check-deployed-secret-docs-check-deployed-secret".to_owned());
        }
        (name.ends_with("_CONSUMER_KEY") || name.ends_with("_CONSUMER_SECRET"))
            .then(|| "docs-check-placeholder".to_owned())
    }

    fn vars_with_prefix(&self, prefix: &str) -> Vec<(String, String)> {
        ["OAUTHCLIENT_SECRET_KEY"]
            .into_iter()
            .filter(|name| name.starts_with(prefix))
            .filter_map(|name| Some((name.to_owned(), self.var(name)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
Intro.

```toml
[remote_apps.github]
```

- a list item:

  ```toml,fragment
  [dependencies]
  serde = \"1\"
  ```

```sh
echo not toml
```
";

    #[test]
    fn blocks_are_found_with_their_kind_and_without_indentation() {
        let found = blocks(PAGE);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].fragment), (3, false));
        assert_eq!(found[0].text, "[remote_apps.github]\n");
        assert_eq!((found[1].line, found[1].fragment), (9, true));
        assert_eq!(found[1].text, "[dependencies]\nserde = \"1\"\n");
    }

    #[test]
    fn a_configuration_the_loader_accepts_passes() {
        assert_eq!(check_page("page.md", PAGE), Vec::<String>::new());
    }

    #[test]
    fn a_configuration_the_loader_refuses_fails() {
        // TOML, but `state_expires` must be a number: only the real loader knows.
        let page = "```toml\nstate_expires = \"soon\"\n```\n";
        let problems = check_page("page.md", page);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("page.md:1: the loader refuses it"),
            "{problems:?}"
        );
    }

    #[test]
    fn an_unknown_provider_fails() {
        let page = "```toml\n[remote_apps.x]\nprovider = \"no-such-provider\"\n```\n";
        assert_eq!(check_page("page.md", page).len(), 1);
    }

    #[test]
    fn a_host_handler_and_a_secret_env_the_block_names_are_stood_in_for() {
        let page = "```toml\n[[secret_keys]]\nid = \"k1\"\nsecret_env = \"MY_KEY\"\n\
                    [remote_apps.oidc_app]\nprovider = \"oidc\"\n\
                    signup_handler = { info = \"myapp:info\" }\n\
                    [remote_apps.oidc_app.params]\nissuer = \"https://sso.example\"\n```\n";
        assert_eq!(check_page("page.md", page), Vec::<String>::new());
    }

    #[test]
    fn unparsable_toml_fails_even_as_a_fragment() {
        let page = "```toml,fragment\n[dependencies\n```\n";
        let problems = check_page("page.md", page);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("not TOML"), "{problems:?}");
    }

    #[test]
    fn a_fragment_is_not_given_to_the_loader() {
        let page = "```toml,fragment\nstate_expires = \"soon\"\n```\n";
        assert_eq!(check_page("page.md", page), Vec::<String>::new());
    }
}
