//! The demo in the reader's language: its catalogs and the single-page app's, embedded and
//! handed to the library (one localizer formats the library's pages, the demo's and the
//! app's), and the texts the demo's own code shows.

use std::sync::Arc;

use actix_web::HttpRequest;
use oauthclient_core::{Message, OAuthClientConfig};
use oauthclient_web::OAuthClientBuilder;
use oauthclient_web::frontend::{Arg, Locale, Localizer};

/// One embedded catalog per locale and app: the demo's pages (`locales/<tag>/demo.ftl`) and
/// the single-page app's static texts (`spa/locales/<tag>/spa.ftl`, served to the browser by
/// `GET /api/oauth/locale`: `[locales] client_prefixes = ["spa-"]`).
macro_rules! catalogs {
    ($($tag:literal),+ $(,)?) => {
        [$(
            (
                $tag,
                concat!("oauthclient-demo/locales/", $tag, "/demo.ftl"),
                include_str!(concat!("../locales/", $tag, "/demo.ftl")),
            ),
            (
                $tag,
                concat!("examples/spa/locales/", $tag, "/spa.ftl"),
                include_str!(concat!("../spa/locales/", $tag, "/spa.ftl")),
            ),
        )+]
    };
}

/// (tag, name in error messages, Fluent source), for every locale the demo ships.
pub const CATALOGS: [(&str, &str, &str); 20] = catalogs!(
    "en", "de", "fr", "es", "pt-BR", "it", "nl", "ja", "zh-Hans", "ar"
);

/// The single-page app at `/spa/` fetches its texts (`spa-*`) from `GET /api/oauth/locale`:
/// they are offered to the browser whatever the configuration says (`[locales]
/// client_prefixes`).
pub fn serve_spa_texts(config: &mut OAuthClientConfig) {
    let prefixes = &mut config.locales.client_prefixes;
    if !prefixes
        .iter()
        .any(|prefix| SPA_PREFIX.starts_with(prefix.as_str()))
    {
        prefixes.push(SPA_PREFIX.to_owned());
    }
}

/// The prefix of the single-page app's message ids.
const SPA_PREFIX: &str = "spa-";

/// `builder` with every embedded catalog added (they override nothing of the library's: their
/// ids are the demo's own).
pub fn with_catalogs(mut builder: OAuthClientBuilder) -> OAuthClientBuilder {
    for (tag, name, text) in CATALOGS {
        builder = builder.locale_source(tag, name, text);
    }
    builder
}

/// The texts of one request, in its locale.
pub struct Texts {
    localizer: Arc<Localizer>,
    locale: Locale,
}

impl Texts {
    /// The request's locale (`?lang=`, the language cookie, `Accept-Language`, the default).
    pub async fn of(localizer: &Arc<Localizer>, req: &HttpRequest) -> Self {
        Self {
            localizer: Arc::clone(localizer),
            locale: oauthclient_web::locale(req).await,
        }
    }

    /// The locale, for a page's `locale` (`<html lang dir>`, and `t()` in its templates).
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// The message `id`, without variables.
    pub fn get(&self, id: &str) -> String {
        self.localizer.text(&self.locale, id)
    }

    /// The message `id` with its variables.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.localizer.format(&self.locale, id, args)
    }

    /// A message of core's (an address problem, an error), with its variables.
    pub fn message(&self, message: &Message) -> String {
        let args: Vec<(&str, Arg<'_>)> = message
            .args()
            .iter()
            .map(|(name, value)| {
                let value = match value.as_number() {
                    Some(number) => Arg::Number(number),
                    None => Arg::from(value.to_string()),
                };
                (name.as_ref(), value)
            })
            .collect();
        self.format(message.id(), &args)
    }

    /// An app's title: `app-<name>-title` when a catalog has it, else the configured one.
    pub fn app_title(&self, name: &str, configured: &str) -> String {
        self.localizer.app_title(&self.locale, name, configured)
    }
}

#[cfg(test)]
mod tests {
    use super::CATALOGS;

    /// A locale directory added under `locales/` (or `spa/locales/`) must be embedded too.
    #[test]
    fn every_catalog_directory_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (dir, file) in [("locales", "demo.ftl"), ("spa/locales", "spa.ftl")] {
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
