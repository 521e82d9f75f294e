//! A provider's default scopes give way to the host's, whichever of the two spellings
//! (`scopes = [..]` or `request_token_params.scope = ".."`) either side uses.

use super::*;

/// A provider whose defaults ask for scopes with `spelling`.
struct Scoped {
    as_list: bool,
}

impl crate::registry::Provider for Scoped {
    fn id(&self) -> &'static str {
        "scoped"
    }
    fn defaults(&self) -> RemoteAppSettings {
        let mut params = RemoteAppParams {
            authorize_url: Some("https://scoped.example/authorize".into()),
            access_token_url: Some("https://scoped.example/token".into()),
            app_key: Some("SCOPED_APP_CREDENTIALS".into()),
            ..RemoteAppParams::default()
        };
        if self.as_list {
            params.scopes = Some(vec!["openid".into()]);
        } else {
            params
                .request_token_params
                .insert("scope".into(), "user:email".into());
        }
        RemoteAppSettings {
            params,
            ..RemoteAppSettings::default()
        }
    }
    fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
        None
    }
}

fn load_scoped(provider_lists: bool, host_params: &str) -> Result<Vec<String>, ConfigError> {
    let registry = registry()
        .with_provider(Arc::new(Scoped {
            as_list: provider_lists,
        }))
        .expect("unique");
    let toml = format!(
        r#"
        secret_key = "0123456789abcdef0123456789abcdef"
        site_url = "https://example.org"
        [remote_apps.scoped.params]
        {host_params}
        [SCOPED_APP_CREDENTIALS]
        consumer_key = "k"
        consumer_secret = "s"
    "#
    );
    let config = OAuthClientConfig::from_toml_str(&toml, &NoEnv, &registry)?;
    Ok(oauth2(config.remote_app("scoped").expect("scoped"))
        .scopes
        .clone())
}

#[test]
fn the_hosts_scope_list_replaces_a_providers_scope_param() {
    let scopes = load_scoped(false, r#"scopes = ["repo", "read:org"]"#).expect("loads");
    assert_eq!(scopes, ["repo", "read:org"]);
}

#[test]
fn the_hosts_scope_param_replaces_a_providers_scope_list() {
    let scopes =
        load_scoped(true, r#"request_token_params = { scope = "openid email" }"#).expect("loads");
    assert_eq!(scopes, ["openid", "email"]);
}

#[test]
fn the_providers_scopes_stay_when_the_host_sets_none() {
    assert_eq!(load_scoped(false, "").expect("loads"), ["user:email"]);
    assert_eq!(load_scoped(true, "").expect("loads"), ["openid"]);
}

#[test]
fn other_request_token_params_of_the_provider_stay() {
    let scopes =
        load_scoped(false, r#"request_token_params = { prompt = "consent" }"#).expect("loads");
    assert_eq!(scopes, ["user:email"], "the host did not set scopes");
}

#[test]
fn a_host_setting_both_spellings_is_still_refused() {
    let err = load_scoped(
        false,
        r#"scopes = ["repo"]
        request_token_params = { scope = "repo" }"#,
    )
    .expect_err("both");
    assert_eq!(err.key, "remote_apps.scoped.params.scopes");
}
