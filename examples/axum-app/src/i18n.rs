//! The app in the reader's language: its catalogs and the single-page app's, embedded and
//! handed to the library (one localizer formats the library's pages, the app's and the
//! single-page app's texts).

use oauthclient_axum::OAuthRouterBuilder;
use oauthclient_core::OAuthClientConfig;

/// One embedded catalog per locale and app: the app's page (`locales/<tag>/app.ftl`) and the
/// single-page app's static texts (`spa/locales/<tag>/spa.ftl`, served to the browser by
/// `GET /auth/api/oauth/locale`).
macro_rules! catalogs {
    ($($tag:literal),+ $(,)?) => {
        [$(
            (
                $tag,
                concat!("examples/axum-app/locales/", $tag, "/app.ftl"),
                include_str!(concat!("../locales/", $tag, "/app.ftl")),
            ),
            (
                $tag,
                concat!("examples/spa/locales/", $tag, "/spa.ftl"),
                include_str!(concat!("../spa/locales/", $tag, "/spa.ftl")),
            ),
        )+]
    };
}

/// (tag, name in error messages, Fluent source), for every locale the app ships.
pub(crate) const CATALOGS: [(&str, &str, &str); 20] = catalogs!(
    "en", "de", "fr", "es", "pt-BR", "it", "nl", "ja", "zh-Hans", "ar"
);

/// The prefix of the single-page app's message ids.
const SPA_PREFIX: &str = "spa-";

/// The single-page app at `/spa/` fetches its texts (`spa-*`) from the library's
/// `GET /api/oauth/locale`: they are offered to the browser whatever the configuration says
/// (`[locales] client_prefixes`).
pub(crate) fn serve_spa_texts(config: &mut OAuthClientConfig) {
    let prefixes = &mut config.locales.client_prefixes;
    if !prefixes
        .iter()
        .any(|prefix| SPA_PREFIX.starts_with(prefix.as_str()))
    {
        prefixes.push(SPA_PREFIX.to_owned());
    }
}

/// `builder` with every embedded catalog added.
pub(crate) fn with_catalogs(mut builder: OAuthRouterBuilder) -> OAuthRouterBuilder {
    for (tag, name, text) in CATALOGS {
        builder = builder.locale_source(tag, name, text);
    }
    builder
}

#[cfg(test)]
mod tests {
    use super::CATALOGS;

    /// A locale directory added under `locales/` (or `spa/locales/`) must be embedded too.
    #[test]
    fn every_catalog_directory_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (dir, file) in [("locales", "app.ftl"), ("spa/locales", "spa.ftl")] {
            let mut tags: Vec<String> = std::fs::read_dir(root.join(dir))
                .expect("locale directory")
                .flatten()
                .filter(|entry| entry.path().join(file).is_file())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect();
            tags.sort();
            let mut embedded: Vec<String> = CATALOGS
                .iter()
                .filter(|(_, name, _)| name.ends_with(file))
                .map(|(tag, _, _)| (*tag).to_owned())
                .collect();
            embedded.sort();
            assert_eq!(tags, embedded, "{dir}");
        }
    }
}
