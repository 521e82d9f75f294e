//! The single-page app of `examples/spa/` in headless chromium
//! (`oauthclient-demo/browser-tests/spa.mjs`), on both adapters: the demo (actix) and the
//! axum example app (the library under `/auth`), each configured with two apps on
//! oidc-provider. The app runs from the site's own `/spa/` and from a second origin (a
//! static server of the script on a spare port), which the configuration allows:
//! `cors_origins` lets its pages read the API's replies with credentials, and
//! `trusted_hosts` lets a sign-in's `next` bring the browser back to it.

use std::path::Path;

use super::oidc::{self, AXUM_APP, BrowserRun, DEMO, Extras};

/// The script, run as `node spa.mjs SITE_URL ISSUER SPA_ORIGIN SHOTS`.
const SCRIPT: &str = "spa.mjs";

/// Both adapters; `playwright` is playwright-core's node_modules, the screenshots go to
/// `screenshots/spa-demo` and `screenshots/spa-axum`.
pub fn run(
    root: &Path,
    target: &Path,
    playwright: &Path,
    screenshots: &Path,
) -> Result<(), String> {
    let modules = oidc::install_provider(root, target)?;
    for (app, shots) in [(&DEMO, "spa-demo"), (&AXUM_APP, "spa-axum")] {
        let run = BrowserRun {
            app,
            script: SCRIPT,
            site_host: oidc::LOOPBACK,
            extras: second_origin,
        };
        oidc::browser(
            root,
            target,
            &modules,
            playwright,
            &run,
            &screenshots.join(shots),
        )?;
    }
    Ok(())
}

/// The second origin `http://127.0.0.1:{spare_port}` allowed, and a second app on the
/// provider (its public client) to link.
fn second_origin(issuer: &str, spare_port: u16) -> Extras {
    let origin = format!("http://127.0.0.1:{spare_port}");
    Extras {
        // On loopback the two origins differ by port only, so they are the same site: the
        // `SameSite=Lax` session cookie (http here, so no `__Host-` prefix) goes with the
        // app's credentialed requests.
        keys: format!(
            "cors_origins = [\"{origin}\"]\ntrusted_hosts = [\"127.0.0.1:{spare_port}\"]\n"
        ),
        tables: format!(
            r#"
[remote_apps.oidc_public]
provider = "oidc"
title = "OpenID Provider (public client)"

[remote_apps.oidc_public.params]
issuer = "{issuer}"
client_auth = "none"
app_key = "PUBLIC_APP_CREDENTIALS"

[PUBLIC_APP_CREDENTIALS]
consumer_key = "oidc-public"
"#
        ),
        args: vec![origin.into()],
    }
}
