//! What a person does in a browser on an oauthclient site, for tests that drive one over HTTP
//! (feature `browser`): start a flow, confirming the connection when the site asks; sign out
//! through the confirmation page.

use crate::html::input_value;

/// `GET {login_url}` (`/oauth/login/{app}/`, maybe with `?next=`) as a browser. Signed in, the
/// site only asks for confirmation; the person clicks "Connect", which POSTs the page's form.
/// Returns the response that should redirect to the provider.
pub async fn start_flow(browser: &reqwest::Client, login_url: &str) -> reqwest::Response {
    let response = browser
        .get(login_url)
        .send()
        .await
        .unwrap_or_else(|err| panic!("GET {login_url}: {err}"));
    if response.status() != 200 {
        return response;
    }
    let page = response.text().await.expect("the confirmation page");
    let mut form = vec![(
        "csrf_token",
        input_value(&page, "csrf_token").expect("the confirmation page's CSRF token"),
    )];
    if let Some(next) = input_value(&page, "next") {
        form.push(("next", next));
    }
    // The form posts to the same path, without the query.
    let action = login_url.split('?').next().unwrap_or(login_url);
    browser
        .post(action)
        .form(&form)
        .send()
        .await
        .unwrap_or_else(|err| panic!("POST {action}: {err}"))
}

/// Signs out of the site at `base` (`http://127.0.0.1:PORT`) as a browser: the confirmation
/// page, then its CSRF-checked form. Returns the POST's response.
pub async fn sign_out(browser: &reqwest::Client, base: &str) -> reqwest::Response {
    let url = format!("{base}/oauth/logout");
    let page = browser
        .get(&url)
        .send()
        .await
        .unwrap_or_else(|err| panic!("GET {url}: {err}"));
    assert_eq!(page.status(), 200, "GET /oauth/logout asks first");
    let page = page.text().await.expect("the confirmation page");
    let csrf = input_value(&page, "csrf_token").expect("the page's CSRF token");
    browser
        .post(&url)
        .form(&[("csrf_token", csrf)])
        .send()
        .await
        .unwrap_or_else(|err| panic!("POST {url}: {err}"))
}
