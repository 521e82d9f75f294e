//! A method a route's path does not answer is `405 Method Not Allowed` with `Allow` naming
//! the ones it does, on both adapters (schemathesis's `unsupported_method` check of
//! docs/openapi.yaml found the actix adapter answering 404, as if the path did not exist).

use crate::suite::{APP, Scenario, browser, scenario_list, site};

/// The methods of the `Allow` header, upper-case.
fn allowed(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("allow")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|method| method.trim().to_ascii_uppercase())
        .filter(|method| !method.is_empty())
        .collect()
}

async fn an_unanswered_method_is_405_with_allow() {
    let site = site().await;
    let browser = browser();
    let login = format!("/api/oauth/login/{APP}");
    for (method, path, answered) in [
        ("DELETE", "/api/oauth/session", &["GET", "OPTIONS"][..]),
        ("TRACE", "/api/oauth/csrf", &["GET", "OPTIONS"][..]),
        ("PUT", login.as_str(), &["POST", "OPTIONS"][..]),
        ("PATCH", "/oauth/logout", &["GET", "POST"][..]),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let response = browser
            .request(method.clone(), site.url(path))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 405, "{method} {path}");
        let allow = allowed(&response);
        for expected in answered {
            assert!(
                allow.iter().any(|m| m == expected),
                "{method} {path}: Allow {allow:?}"
            );
        }
        assert!(
            !allow.contains(&method.to_string()),
            "{method} {path}: Allow {allow:?}"
        );
    }
    // A path no route has is still a 404.
    let missing = browser
        .delete(site.url("/api/oauth/no-such-endpoint"))
        .send()
        .await
        .expect("request");
    assert_eq!(missing.status(), 404);
}

/// The scenarios of this module.
pub(super) fn scenarios() -> Vec<Scenario> {
    scenario_list![an_unanswered_method_is_405_with_allow]
}
