//! A real SMTP server (Python's aiosmtpd, started by the testkit's `SmtpSink`) receives the
//! confirmation message of a typed address; its link confirms the address through the site.
//! Needs `OAUTHCLIENT_TEST_SMTP_PYTHON` (set by `cargo xtask integration`).

use crate::FakeUser;
use crate::services::service_url;
use crate::site::{confirmation_path_in, current};
use crate::smtp::{SMTP_PYTHON_ENV, SmtpSink};
use crate::suite::{APP, Scenario, browser, location, scenario_list, site_with};

async fn a_real_smtp_message_confirms_the_address() {
    // Named after the adapter: the record of suites that did not run tells them apart.
    let label = format!("{}: SMTP confirmation", current().name());
    if service_url(SMTP_PYTHON_ENV, &label).is_none() {
        return;
    }
    let sink = SmtpSink::start()
        .await
        .unwrap_or_else(|err| panic!("{SMTP_PYTHON_ENV} is set but the sink fails: {err}"));
    let mail = sink.mail_toml("Demo <no-reply@example.org>");
    let site = site_with(move |toml| format!("{toml}\n{mail}")).await;
    site.provider.set_user(FakeUser {
        email: None,
        email_verified: false,
        ..FakeUser::default()
    });
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(location(&response), format!("/oauth/signup/{APP}/"));
    let (_, _, csrf) = site
        .page_with_csrf(&browser, &format!("/oauth/signup/{APP}/"))
        .await;
    let response = browser
        .post(site.url(&format!("/oauth/signup/{APP}/")))
        .form(&[("csrf_token", csrf.as_str()), ("email", "ada@example.org")])
        .send()
        .await
        .expect("submit");
    assert_eq!(response.status(), 302);

    let message = sink
        .wait_for_message(std::time::Duration::from_secs(10))
        .await
        .expect("the confirmation message arrives");
    assert!(message.to.contains("ada@example.org"), "{:?}", message.to);
    assert_eq!(message.subject, "Confirm your e-mail address");
    assert!(
        message
            .html
            .as_deref()
            .unwrap_or_default()
            .contains("confirm-email")
    );
    let path = confirmation_path_in(message.text.as_deref().unwrap_or_default(), &site.base);
    let response = site.confirm(&browser, &path).await;
    assert_eq!(response.status(), 302);
    let user = site
        .store
        .user_by_email("ada@example.org")
        .await
        .expect("read")
        .expect("exists");
    assert!(user.email_confirmed);
    // Once only.
    assert_eq!(site.confirm(&browser, &path).await.status(), 400);
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![a_real_smtp_message_confirms_the_address,]
}
