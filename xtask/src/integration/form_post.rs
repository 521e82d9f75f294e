//! `response_mode=form_post` in headless chromium against oidc-provider
//! (`oauthclient-demo/browser-tests/form_post.mjs`): the demo at `http://localhost:PORT`, the
//! provider at `http://127.0.0.1:PORT`. "Site" ignores the port, so with both on 127.0.0.1 the
//! provider's POST would be same-site and the `SameSite=Lax` cookie would travel anyway; on two
//! hosts it is really cross-site, as in production, and the relay page must carry it.

use std::path::Path;

use super::oidc::{self, BrowserRun, DEMO, Extras};

/// The script, run as `node form_post.mjs SITE_URL ISSUER SHOTS`.
const SCRIPT: &str = "form_post.mjs";

/// The demo with an OpenID Connect app answering with `form_post`; `playwright` is
/// playwright-core's node_modules, the screenshots go to `screenshots/form-post`.
pub fn run(
    root: &Path,
    target: &Path,
    playwright: &Path,
    screenshots: &Path,
) -> Result<(), String> {
    let modules = oidc::install_provider(root, target)?;
    let run = BrowserRun {
        app: &DEMO,
        script: SCRIPT,
        site_host: "localhost",
        extras: form_post_app,
    };
    oidc::browser(
        root,
        target,
        &modules,
        playwright,
        &run,
        &screenshots.join("form-post"),
    )
}

/// A second app on the provider's confidential client, `oidc_form_post`, asking for
/// `response_mode=form_post`.
fn form_post_app(issuer: &str, _spare_port: u16) -> Extras {
    Extras {
        tables: format!(
            r#"
[remote_apps.oidc_form_post]
provider = "oidc"
title = "OpenID Provider (form_post)"

[remote_apps.oidc_form_post.params]
issuer = "{issuer}"
client_auth = "basic"
response_mode = "form_post"
app_key = "OIDC_APP_CREDENTIALS"
"#
        ),
        ..Extras::default()
    }
}
