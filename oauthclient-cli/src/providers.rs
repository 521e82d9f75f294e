//! `oauthclient providers`: the providers this build links, one line each — name first, then
//! protocol and title — so an operator sees what `provider = "..."` may name before writing
//! a configuration (and a script can `cut` the first column).

use std::fmt::Write as _;

use oauthclient_core::Registry;

use crate::args::Target;

pub fn list(target: &Target) {
    print!("{}", describe(&target.registry));
}

/// One line per provider, sorted by name, in aligned columns.
fn describe(registry: &Registry) -> String {
    let mut rows: Vec<(String, String, String)> = registry
        .provider_names()
        .filter_map(|name| registry.provider(name))
        .map(|provider| {
            let title = provider
                .defaults()
                .title
                .unwrap_or_else(|| provider.id().to_owned());
            (
                provider.id().to_owned(),
                provider.protocol_name().to_owned(),
                title,
            )
        })
        .collect();
    rows.sort();
    let name_width = rows.iter().map(|(name, ..)| name.len()).max().unwrap_or(0);
    let protocol_width = rows
        .iter()
        .map(|(_, protocol, _)| protocol.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (name, protocol, title) in rows {
        let _ = writeln!(
            out,
            "{name:<name_width$}  {protocol:<protocol_width$}  {title}"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use oauthclient_core::config::{RemoteAppParams, RemoteAppSettings};
    use oauthclient_core::handlers::AccountInfoHandler;
    use oauthclient_core::registry::Provider;

    use super::*;

    struct Legacy;

    impl Provider for Legacy {
        fn id(&self) -> &'static str {
            "legacy"
        }
        fn defaults(&self) -> RemoteAppSettings {
            RemoteAppSettings {
                title: Some("Legacy Portal".into()),
                params: RemoteAppParams {
                    request_token_url: Some("https://legacy.example/request".into()),
                    ..RemoteAppParams::default()
                },
                ..RemoteAppSettings::default()
            }
        }
        fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
            None
        }
    }

    struct Untitled;

    impl Provider for Untitled {
        fn id(&self) -> &'static str {
            "aa"
        }
        fn defaults(&self) -> RemoteAppSettings {
            RemoteAppSettings::default()
        }
        fn account_info(&self) -> Option<Arc<dyn AccountInfoHandler>> {
            None
        }
    }

    #[test]
    fn one_aligned_line_per_provider_sorted_by_name() {
        let registry = Registry::default()
            .with_provider(Arc::new(Legacy))
            .and_then(|registry| registry.with_provider(Arc::new(Untitled)))
            .expect("unique");
        assert_eq!(
            describe(&registry),
            "aa      oauth2  aa\nlegacy  oauth1  Legacy Portal\n"
        );
    }
}
