//! Pages, rendered with minijinja.
//!
//! Why minijinja (not askama): templates stay overridable at run time by the host app
//! (`OAuthClientBuilder::template`) without recompiling this crate or adopting its template
//! engine, and the syntax is Jinja2's, the same as Invenio's own templates. Autoescaping is on
//! for every `.html` template.

use std::sync::Arc;

use minijinja::Environment;
use oauthclient_core::error::BuildError;

use crate::i18n::Localizer;

/// The templates shipped with the crate; a host app may replace any of them by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "oauthclient/base.html",
        include_str!("../templates/oauthclient/base.html"),
    ),
    (
        "oauthclient/error.html",
        include_str!("../templates/oauthclient/error.html"),
    ),
    (
        "oauthclient/signup.html",
        include_str!("../templates/oauthclient/signup.html"),
    ),
    (
        "oauthclient/unconfirmed_claim.html",
        include_str!("../templates/oauthclient/unconfirmed_claim.html"),
    ),
    (
        "oauthclient/disconnect.html",
        include_str!("../templates/oauthclient/disconnect.html"),
    ),
    (
        "oauthclient/logout.html",
        include_str!("../templates/oauthclient/logout.html"),
    ),
    (
        "oauthclient/connect.html",
        include_str!("../templates/oauthclient/connect.html"),
    ),
    (
        "oauthclient/linkedaccounts.html",
        include_str!("../templates/oauthclient/linkedaccounts.html"),
    ),
    (
        "oauthclient/confirm_email.html",
        include_str!("../templates/oauthclient/confirm_email.html"),
    ),
    (
        "oauthclient/confirmation_sent.html",
        include_str!("../templates/oauthclient/confirmation_sent.html"),
    ),
    (
        "oauthclient/form_post_relay.html",
        include_str!("../templates/oauthclient/form_post_relay.html"),
    ),
    (
        "oauthclient/email_settings.html",
        include_str!("../templates/oauthclient/email_settings.html"),
    ),
    (
        "oauthclient/email/confirm_subject.txt",
        include_str!("../templates/oauthclient/email/confirm_subject.txt"),
    ),
    (
        "oauthclient/email/confirm.txt",
        include_str!("../templates/oauthclient/email/confirm.txt"),
    ),
    (
        "oauthclient/email/confirm.html",
        include_str!("../templates/oauthclient/email/confirm.html"),
    ),
];

/// A compiled template set.
#[derive(Debug)]
pub(crate) struct Templates {
    env: Environment<'static>,
    /// The page shown when a template fails, in the default locale (no template involved).
    fallback: String,
}

impl Templates {
    /// The defaults, with `overrides` (name, source) replacing or adding templates, and the
    /// message functions of [`crate::register_template_functions`] formatting from `localizer`.
    pub fn new(
        overrides: Vec<(String, String)>,
        localizer: Arc<Localizer>,
    ) -> Result<Self, BuildError> {
        let default = localizer.default_locale();
        let fallback = format!(
            "<!doctype html><title>{}</title><p>{}</p>",
            minijinja::HtmlEscape(&localizer.text(default, "error-render-failed-title")),
            minijinja::HtmlEscape(&localizer.text(default, "error-render-failed")),
        );
        let mut env = Environment::new();
        crate::template_functions::register_template_functions(&mut env, localizer);
        let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, source)| ((*name).to_owned(), (*source).to_owned()))
            .collect();
        for (name, source) in overrides {
            sources.retain(|(existing, _)| *existing != name);
            sources.push((name, source));
        }
        for (name, source) in sources {
            env.add_template_owned(name.clone(), source)
                .map_err(|err| BuildError::part(format!("template `{name}`"), err))?;
        }
        Ok(Self { env, fallback })
    }

    /// Renders `name`; a failing template is logged and answered with a plain fallback, so
    /// a broken override never turns into a panic or a stack trace.
    pub fn render(&self, name: &str, context: &serde_json::Value) -> String {
        match self
            .env
            .get_template(name)
            .and_then(|template| template.render(context))
        {
            Ok(html) => html,
            Err(err) => {
                tracing::error!(template = name, error = %err, "template failed to render");
                self.fallback.clone()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn templates(source: &str) -> Templates {
        let localizer = Arc::new(Localizer::new().expect("catalogs"));
        Templates::new(vec![("page.html".to_owned(), source.to_owned())], localizer)
            .expect("templates")
    }

    #[test]
    fn t_formats_in_the_locale_of_the_page() {
        let templates = templates(r#"{{ t("linked-accounts-title") }}"#);
        let german = json!({"locale": {"lang": "de", "dir": "ltr"}});
        assert_eq!(templates.render("page.html", &german), "Verknüpfte Konten");
    }

    #[test]
    fn t_without_a_locale_uses_the_default_one() {
        let templates = templates(r#"{{ t("linked-accounts-title") }}"#);
        assert_eq!(templates.render("page.html", &json!({})), "Linked accounts");
    }

    #[test]
    fn t_passes_its_keyword_arguments_and_escapes_them() {
        let templates = templates(r#"{{ t("linked-accounts-reconnect-hint", provider=name) }}"#);
        let context = json!({"name": "<b>Git</b>", "locale": {"lang": "en", "dir": "ltr"}});
        assert_eq!(
            templates.render("page.html", &context),
            "The stored authorization expired: sign in with &lt;b&gt;Git&lt;&#x2f;b&gt; again"
        );
    }

    #[test]
    fn base_page_carries_the_locale_or_english_without_one() {
        let templates = templates(r#"{% extends "oauthclient/base.html" %}"#);
        let arabic = json!({"locale": {"lang": "ar", "dir": "rtl"}, "flashes": []});
        assert!(
            templates
                .render("page.html", &arabic)
                .contains(r#"<html lang="ar" dir="rtl">"#)
        );
        let host = templates.render("page.html", &json!({"flashes": []}));
        assert!(host.contains(r#"<html lang="en">"#), "{host}");
        assert!(host.contains("<title>Accounts</title>"), "{host}");
    }
}
