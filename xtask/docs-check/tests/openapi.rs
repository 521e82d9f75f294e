//! docs/openapi.yaml describes every JSON route the front end has: each `/api/oauth/` route
//! of `oauthclient_frontend::ROUTES` (its path pattern and method), and nothing else.

use std::collections::BTreeSet;

use oauthclient_frontend::{ROUTES, RouteMethod};

const OPENAPI: &str = include_str!("../../../docs/openapi.yaml");
/// The keys of a path item that are operations.
const METHODS: [&str; 7] = ["get", "post", "put", "patch", "delete", "options", "head"];

/// `(path, method)` of every operation of the document: a path is a two-space-indented key
/// under `paths:`, its operations the four-space-indented `get:` / `post:` / `options:` keys.
fn documented() -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    let mut in_paths = false;
    let mut path = None;
    for line in OPENAPI.lines() {
        if !line.starts_with(' ') {
            in_paths = line == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(key) = line
            .strip_prefix("  /")
            .and_then(|rest| rest.strip_suffix(':'))
        {
            path = Some(format!("/{key}"));
            continue;
        }
        let method = line
            .strip_prefix("    ")
            .and_then(|rest| rest.strip_suffix(':'))
            .filter(|method| METHODS.contains(method));
        if let (Some(path), Some(method)) = (&path, method) {
            operations.insert((path.clone(), method.to_owned()));
        }
    }
    operations
}

#[test]
fn the_openapi_document_lists_every_json_route_and_only_those() {
    let routes: BTreeSet<(String, String)> = ROUTES
        .iter()
        .filter(|route| route.pattern.starts_with("/api/"))
        .map(|route| {
            let method = match route.method {
                RouteMethod::Get => "get",
                RouteMethod::Post => "post",
                RouteMethod::Options => "options",
            };
            (route.pattern.to_owned(), method.to_owned())
        })
        .collect();
    let documented = documented();
    let missing: Vec<_> = routes.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&routes).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/openapi.yaml and ROUTES differ: routes not in the document {missing:?}; \
         operations of the document no route answers {extra:?}"
    );
}
