//! Fifty first-time callbacks for the same remote user at once: one user, one account, one
//! identity, and no request fails with a 500.

use crate::suite::{Scenario, browser, scenario_list, site};

async fn fifty_concurrent_first_callbacks_make_one_user() {
    let site = site().await;
    // Fifty browsers each get a genuine callback URL (own session, own state, own code) ...
    let mut pending = Vec::new();
    for _ in 0..50 {
        let browser = browser();
        let authorize = site.start_login(&browser, None).await;
        let callback = site.authorize(&browser, &authorize).await;
        pending.push((browser, callback));
    }
    // ... and deliver them at the same moment.
    let mut tasks = Vec::new();
    for (browser, callback) in pending {
        tasks.push(tokio::spawn(async move {
            browser
                .get(&callback)
                .send()
                .await
                .map(|response| response.status().as_u16())
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task").expect("callback"));
    }
    assert!(
        statuses.iter().all(|status| *status == 302),
        "every callback ends in a redirect (sign-in, or the sign-up form for a lost race): {statuses:?}"
    );
    assert_eq!(site.count("accounts_user"), 1, "one user");
    assert_eq!(site.count("oauthclient_remoteaccount"), 1, "one account");
    assert_eq!(site.count("oauthclient_useridentity"), 1, "one identity");
    assert_eq!(site.count("oauthclient_remotetoken"), 1, "one token slot");
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![fifty_concurrent_first_callbacks_make_one_user]
}
