//! Two concurrent disconnects of a password-less user's only two linked accounts, through the
//! real endpoint: one succeeds, the other is refused as the last way to sign in, and only the
//! winner's token is revoked at the provider.

use oauthclient_core::secret::AccessToken;
use oauthclient_core::store::NewLink;
use oauthclient_core::{AccountInfo, AccountStore, ExternalId, Token};

use crate::suite::{APP, Scenario, browser, scenario_list, site_with};

const SECOND: &str = "fake2";

/// A second app on the same fake provider, under its own client id.
fn with_second_app(toml: &str) -> String {
    let start = toml
        .find("[remote_apps.fake]")
        .expect("the fake app's table");
    let second = toml[start..]
        .replace("remote_apps.fake", "remote_apps.fake2")
        .replace("FAKE_APP_CREDENTIALS", "FAKE2_APP_CREDENTIALS")
        .replace("consumer_key = \"", "consumer_key = \"second-");
    format!("{toml}\n{second}")
}

fn link(client_id: String, method: &str) -> NewLink {
    NewLink {
        client_id,
        account_info: AccountInfo::new(ExternalId::new(format!("{method}-id")), method),
        token: Token::bearer(AccessToken::new(format!("{method}-access"))),
        extra_data: serde_json::json!({}),
    }
}

async fn concurrent_disconnects_of_the_last_two_accounts_keep_one() {
    let site = site_with(|toml| with_second_app(&toml)).await;
    let ada = site.local_user("race@local.example", false).await;
    let first_client = site.provider.client_id().to_owned();
    let second_client = format!("second-{first_client}");
    site.store
        .link(&ada, &link(first_client, APP))
        .await
        .expect("link the first");
    site.store
        .link(&ada, &link(second_client, SECOND))
        .await
        .expect("link the second");
    let browser = browser();
    site.sign_in_as(&browser, &ada).await;

    let disconnect = |app: &str| {
        browser
            .post(site.url(&format!("/api/oauth/disconnect/{app}")))
            .header("Origin", site.base.clone())
            .send()
    };
    let (first, second) = tokio::join!(disconnect(APP), disconnect(SECOND));
    let statuses = [
        first.expect("first").status().as_u16(),
        second.expect("second").status().as_u16(),
    ];
    let mut sorted = statuses;
    sorted.sort_unstable();
    assert_eq!(sorted, [200, 400], "one wins, one is refused: {statuses:?}");
    assert_eq!(site.count("oauthclient_useridentity"), 1);
    assert_eq!(site.count("oauthclient_remoteaccount"), 1);

    let loser = if statuses[0] == 200 { SECOND } else { APP };
    let revoked = site.provider.revoked_tokens();
    assert!(
        !revoked.contains(&format!("{loser}-access")),
        "the refused disconnect revoked nothing: {revoked:?}"
    );
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![concurrent_disconnects_of_the_last_two_accounts_keep_one]
}
