//! What a person does in a browser on an oauthclient site, for tests that drive one over HTTP
//! (feature `browser`): start a flow, confirming the connection when the site asks; sign out
//! through the confirmation page; disconnect; fill in any CSRF-protected form.

use crate::html::input_value;

/// `GET {login_url}` (`/oauth/login/{app}/`, maybe with `?next=` and per-login options) as a
/// browser. Signed in, the site only asks for confirmation; the person clicks "Connect", which
/// POSTs the page's form with its hidden fields.
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
    // Every hidden field the page carries over: `next` and the per-login options.
    for name in [
        "next",
        "prompt",
        "login_hint",
        "max_age",
        "acr_values",
        "scope",
    ] {
        if let Some(value) = input_value(&page, name) {
            form.push((name, value));
        }
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

/// Fills in the CSRF-protected form of the page at `page_url` as a browser: reads the page's
/// `csrf_token`, then POSTs it with `fields` to `action_url`. Returns the POST's response.
pub async fn submit_form(
    browser: &reqwest::Client,
    page_url: &str,
    action_url: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = browser
        .get(page_url)
        .send()
        .await
        .unwrap_or_else(|err| panic!("GET {page_url}: {err}"));
    let page = page.text().await.expect("the page");
    let csrf = input_value(&page, "csrf_token")
        .unwrap_or_else(|| panic!("{page_url} has no form with a CSRF token:\n{page}"));
    let mut form: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
    form.extend_from_slice(fields);
    browser
        .post(action_url)
        .form(&form)
        .send()
        .await
        .unwrap_or_else(|err| panic!("POST {action_url}: {err}"))
}

/// Disconnects `app` on the site at `base` as a browser: the disconnect page's form.
pub async fn disconnect(browser: &reqwest::Client, base: &str, app: &str) -> reqwest::Response {
    let url = format!("{base}/oauth/disconnect/{app}/");
    submit_form(browser, &url, &url, &[]).await
}
