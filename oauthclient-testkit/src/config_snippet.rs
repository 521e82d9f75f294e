//! The `oauthclient-core` configuration pointing a remote app at a [`FakeProvider`].

use std::fmt::Write as _;

use crate::provider::FakeProvider;

impl FakeProvider {
    /// A `[remote_apps.<app_name>]` table for this provider, with its
    /// `[<APP_NAME>_APP_CREDENTIALS]` table: the endpoints, scope `read:user`, and
    /// `provider = "testkit"` ([`crate::Testkit`], which brings [`crate::FakeAccountInfo`]).
    ///
    /// The snippet is not a whole configuration: add the top-level keys (`secret_key`,
    /// `site_url`, ...) *before* it, since TOML top-level keys cannot follow a table.
    /// Configuration loading looks the provider up, so load it with a registry that knows
    /// `testkit`, e.g. [`oauthclient_core::Registry::from_inventory`] in a crate that links
    /// this one.
    ///
    /// ```
    /// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
    /// use oauthclient_testkit::FakeProvider;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let provider = FakeProvider::start().await?;
    /// let toml = format!(
    ///     "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
    ///      site_url = \"http://127.0.0.1:8000\"\n\n{}",
    ///     provider.remote_app_toml("fake"),
    /// );
    /// let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &Registry::from_inventory()?)?;
    /// let app = config.remote_app("fake").expect("configured");
    /// assert_eq!(app.credentials.consumer_key, provider.client_id());
    /// assert_eq!(app.provider.as_deref(), Some("testkit"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn remote_app_toml(&self, app_name: &str) -> String {
        let app = toml_key(app_name);
        let app_key = format!("{}_APP_CREDENTIALS", app_name.to_ascii_uppercase());
        format!(
            "[remote_apps.{app}]\n\
             provider = \"testkit\"\n\
             title = \"Fake provider (oauthclient-testkit)\"\n\
             description = \"An in-process fake OAuth 2.0 provider for tests.\"\n\
             \n\
             [remote_apps.{app}.params]\n\
             authorize_url = {authorize}\n\
             access_token_url = {token}\n\
             base_url = {api}\n\
             revoke_url = {revoke}\n\
             request_token_params = {{ scope = \"read:user\" }}\n\
             app_key = {app_key_value}\n\
             \n\
             [{app_key_table}]\n\
             consumer_key = {client_id}\n\
             consumer_secret = {client_secret}\n",
            authorize = toml_string(&self.authorize_url()),
            token = toml_string(&self.token_url()),
            api = toml_string(&self.api_base_url()),
            revoke = toml_string(&self.revoke_url()),
            app_key_value = toml_string(&app_key),
            app_key_table = toml_key(&app_key),
            client_id = toml_string(self.client_id()),
            client_secret = toml_string(self.client_secret()),
        )
    }
}

/// A bare TOML key when `key` may be one, a quoted key otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
    if bare {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

/// A TOML basic string.
fn toml_string(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for ch in value.chars() {
        match ch {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            ch if ch.is_control() => {
                // Writing to a String cannot fail.
                let _ = write!(quoted, "\\u{:04X}", u32::from(ch));
            }
            ch => quoted.push(ch),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_quoted_only_when_needed() {
        assert_eq!(toml_key("my-app_2"), "my-app_2");
        assert_eq!(toml_key("a.b"), "\"a.b\"");
        assert_eq!(toml_string("a\"b\\c\n"), r#""a\"b\\c\u000A""#);
    }
}
