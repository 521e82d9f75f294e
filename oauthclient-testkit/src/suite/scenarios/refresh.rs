//! Tokens that stay fresh: refresh on expiry, single-flight under concurrency, a refused
//! refresh token turning into "Reconnect", and RFC 7009 revocation on disconnect.

use oauthclient_core::account::UserId;
use oauthclient_core::{AccountStore, OAuthError};

use crate::Fault;
use crate::suite::{APP, Scenario, TestSite, browser, scenario_list, site};

/// Signs a new user up through the fake provider; returns their id.
async fn signed_up(site: &TestSite) -> UserId {
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    UserId::new(site.whoami(&browser).await)
}

fn expire_tokens(site: &TestSite) {
    site.execute("UPDATE oauthclient_remotetoken SET expires = '2000-01-01 00:00:00'");
}

fn refresh_calls(site: &TestSite) -> usize {
    site.provider
        .token_requests()
        .iter()
        .filter(|request| request.get("grant_type").map(String::as_str) == Some("refresh_token"))
        .count()
}

async fn stored(site: &TestSite, user: &UserId) -> Option<oauthclient_core::Token> {
    site.store
        .token(user, site.provider.client_id(), "")
        .await
        .expect("store")
}

async fn a_fresh_token_is_used_as_is() {
    let site = site().await;
    let user = signed_up(&site).await;
    let before = stored(&site, &user).await.expect("token");
    let token = site.runtime.access_token(APP, &user).await.expect("token");
    assert_eq!(token.access_token, before.access_token);
    assert_eq!(refresh_calls(&site), 0);
}

async fn an_expired_token_is_refreshed_and_the_rotated_refresh_token_stored() {
    let site = site().await;
    let user = signed_up(&site).await;
    let before = stored(&site, &user).await.expect("token");
    expire_tokens(&site);
    let token = site
        .runtime
        .access_token(APP, &user)
        .await
        .expect("refreshed");
    assert_eq!(refresh_calls(&site), 1);
    assert_ne!(token.access_token, before.access_token);
    assert_ne!(
        token.refresh_token, before.refresh_token,
        "the provider rotates"
    );
    let after = stored(&site, &user).await.expect("token");
    assert_eq!(after.access_token, token.access_token);
    assert_eq!(after.refresh_token, token.refresh_token);
    assert!(after.expires_at.is_some_and(|at| at > 1_000_000_000));
    // The API call goes out with the fresh token.
    let response = site
        .runtime
        .remote_request(
            APP,
            &user,
            oauthclient_core::handlers::ApiRequest::get("user"),
        )
        .await
        .expect("API call");
    assert_eq!(response.status, 200);
    assert_eq!(refresh_calls(&site), 1);
}

async fn twenty_concurrent_requests_share_one_refresh() {
    let site = site().await;
    let user = signed_up(&site).await;
    expire_tokens(&site);
    let requests = (0..20).map(|_| site.runtime.access_token(APP, &user));
    let tokens = futures_join_all(requests).await;
    let first = tokens[0].as_ref().expect("token").access_token.clone();
    for token in &tokens {
        assert_eq!(token.as_ref().expect("token").access_token, first);
    }
    assert_eq!(
        refresh_calls(&site),
        1,
        "exactly one refresh at the provider"
    );
}

async fn a_refused_refresh_token_means_reconnect() {
    let site = site().await;
    let browser = browser();
    let response = site.login(&browser, None).await;
    assert_eq!(response.status(), 302);
    let user = UserId::new(site.whoami(&browser).await);
    expire_tokens(&site);
    site.provider
        .set_token_fault(Some(Fault::OAuthError("invalid_grant".into())));
    let err = site
        .runtime
        .access_token(APP, &user)
        .await
        .expect_err("refused");
    assert_eq!(err, OAuthError::ReconnectRequired { remote: APP.into() });
    assert!(
        stored(&site, &user).await.is_none(),
        "the dead token is gone"
    );
    // The account stays linked, and the page offers "Reconnect" instead of failing.
    let page = browser
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("body");
    assert!(page.contains("data-action=\"reconnect\""), "{page}");
    // Signing in again stores a new token and the offer goes away.
    site.provider.set_token_fault(None);
    let again = site.login(&browser, None).await;
    assert_eq!(again.status(), 302);
    assert!(stored(&site, &user).await.is_some());
    let page = browser
        .get(site.url("/account/settings/linkedaccounts/"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(!page.contains("data-action=\"reconnect\""), "{page}");
}

async fn an_expired_token_without_refresh_token_means_reconnect() {
    let site = site().await;
    let user = signed_up(&site).await;
    site.execute(
        "UPDATE oauthclient_remotetoken SET expires = '2000-01-01 00:00:00', refresh_token = NULL",
    );
    let err = site
        .runtime
        .access_token(APP, &user)
        .await
        .expect_err("cannot refresh");
    assert_eq!(err, OAuthError::ReconnectRequired { remote: APP.into() });
    assert_eq!(refresh_calls(&site), 0);
}

/// `join_all` without a futures dependency: spawn on the test runtime, collect in order.
async fn futures_join_all<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: Future<Output = T>,
{
    let mut pinned: Vec<_> = futures.map(Box::pin).collect();
    let mut results: Vec<Option<T>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, result) in pinned.iter_mut().zip(results.iter_mut()) {
            if result.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *result = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    results.into_iter().flatten().collect()
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![
        a_fresh_token_is_used_as_is,
        an_expired_token_is_refreshed_and_the_rotated_refresh_token_stored,
        twenty_concurrent_requests_share_one_refresh,
        a_refused_refresh_token_means_reconnect,
        an_expired_token_without_refresh_token_means_reconnect
    ]
}
