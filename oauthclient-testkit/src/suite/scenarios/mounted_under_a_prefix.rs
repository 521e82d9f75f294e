//! The library mounted under a path prefix (`site_url = "http://host/auth"`; the adapter nested
//! at `/auth`, as `Router::nest` or `web::scope` do): every URL it writes — the redirect URI,
//! redirects, form actions, links — carries the prefix, and a whole flow works through it.

use crate::FakeUser;
use crate::site::SiteOptions;
use crate::suite::{APP, Scenario, browser, launch, location, query, scenario_list};

/// The prefix of these sites.
const PREFIX: &str = "/auth";

async fn a_sign_in_under_a_prefix_uses_prefixed_urls_throughout() {
    let site = launch(SiteOptions::new().prefix(PREFIX)).await;
    assert!(site.base.ends_with(PREFIX), "{}", site.base);
    let browser = browser();
    let authorize = site.start_login(&browser, None).await;
    let redirect_uri = &query(&authorize)["redirect_uri"];
    assert!(
        redirect_uri.ends_with(&format!("{PREFIX}/oauth/authorized/{APP}/")),
        "{redirect_uri}"
    );
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/", "home stays the host's own URL");
    let user = site.user_id(&browser).await;
    assert_eq!(site.count("oauthclient_useridentity"), 1, "{user}");

    // Templates escape `/` in attributes (`&#x2f;`): compare the URLs as a browser reads them.
    let page = site
        .page(&browser, "/account/settings/linkedaccounts/")
        .await
        .replace("&#x2f;", "/");
    let disconnect = format!("action=\"{PREFIX}/oauth/disconnect/{APP}/\"");
    assert!(page.contains(&disconnect), "{disconnect} in {page}");
    assert!(
        !page.contains("\"/oauth/"),
        "no unprefixed library link: {page}"
    );

    let response = site.logout(&browser).await;
    assert_eq!(response.status(), 302);
    assert_eq!(site.whoami(&browser).await, "anonymous");
}

async fn a_sign_up_under_a_prefix_comes_back_to_the_prefixed_form() {
    let site = launch(SiteOptions::new().prefix(PREFIX)).await;
    // A provider account without an address needs the sign-up step.
    site.provider.set_user(FakeUser {
        email: None,
        ..FakeUser::default()
    });
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), format!("{PREFIX}/oauth/signup/{APP}/"));
    let (status, form, _) = site
        .page_with_csrf(&browser, &format!("/oauth/signup/{APP}/"))
        .await;
    assert_eq!(status, 200, "{form}");
    let form = form.replace("&#x2f;", "/");
    assert!(
        form.contains(&format!("action=\"{PREFIX}/oauth/signup/{APP}/\"")),
        "{form}"
    );
    let created = site
        .submit(
            &browser,
            &format!("/oauth/signup/{APP}/"),
            &format!("/oauth/signup/{APP}/"),
            &[("email", "prefixed@example.org")],
        )
        .await;
    assert_eq!(created.status(), 302);
    site.user_id(&browser).await;
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_sign_in_under_a_prefix_uses_prefixed_urls_throughout,
        a_sign_up_under_a_prefix_comes_back_to_the_prefixed_form,
    ]
}
