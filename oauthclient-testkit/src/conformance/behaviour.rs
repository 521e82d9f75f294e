//! The behaviour checks: the handlers against the fixtures, over real HTTP on 127.0.0.1.

use base64ct::{Base64, Encoding};
use oauthclient_core::account::{NewUser, RemoteAccount, UserId};
use oauthclient_core::store::{NewLink, StoreError};
use oauthclient_core::{AccountInfo, AccountStore, ExternalId, OAuthError, Token, UserStore};
use serde_json::Value;

use super::Report;
use super::fixture_server::Received;
use super::harness::{CLIENT_ID, CLIENT_SECRET, Harness};
use super::manifest::{ExpectedCall, Fixtures, Served, substitute};
use super::memory_store::MemoryStore;

/// Runs every behaviour check into `report`, then reports any call outside the fixture server.
pub(crate) async fn run_all(h: &Harness, fixtures: &Fixtures, report: &mut Report) {
    run_checks(h, fixtures, report).await;
    let outside = h.api.outside();
    if !outside.is_empty() {
        report.record(
            "loopback_only",
            Err(format!(
                "the provider called URLs outside its base_url (refused): {}",
                outside.join(", ")
            )),
        );
    }
}

async fn run_checks(h: &Harness, fixtures: &Fixtures, report: &mut Report) {
    let manifest = &fixtures.manifest;
    let base = fixtures.token(None).and_then(|token| {
        let routes = fixtures.routes(&std::collections::BTreeMap::new())?;
        h.server.serve(Served::ok(token), routes);
        Ok(())
    });
    if let Err(err) = base {
        report.record("account_info", Err(err));
        return;
    }
    let token = match h.token().await {
        Ok(token) => token,
        Err(err) => {
            report.record(
                "account_info",
                Err(format!(
                    "core's token exchange failed on the token fixture: {err}"
                )),
            );
            return;
        }
    };
    let info = match account_info(h, &token).await {
        Ok(info) => info,
        Err(err) => {
            report.record("account_info", Err(format!("failed: {err}")));
            return;
        }
    };
    let made_api_calls = !h.server.received().is_empty();
    report.record(
        "account_info",
        expect_fields(h, &info, &manifest.account_info),
    );
    report.record(
        "account_setup",
        account_setup(h, &token, &info, manifest.extra_data.as_ref()).await,
    );
    report.record(
        "disconnect",
        disconnect(h, fixtures, &token, &info, false).await,
    );
    report.record(
        "disconnect_when_the_api_fails",
        disconnect(h, fixtures, &token, &info, true).await,
    );
    if made_api_calls {
        h.server
            .fail_everything(401, serde_json::json!({"message": "Bad credentials"}));
        let outcome = account_info(h, &token).await;
        report.record(
            "api_401_is_invalid_response",
            expect_error(outcome, "invalid_response"),
        );
    }
    for case in &manifest.cases {
        let name = format!("case: {}", case.name);
        let outcome = match run_case(h, fixtures, case).await {
            Err(setup) => Err(setup),
            Ok(outcome) => match (&case.account_info, &case.error) {
                (_, Some(kind)) => expect_error(outcome, kind),
                (Some(fields), None) => match outcome {
                    Ok(info) => expect_fields(h, &info, fields),
                    Err(err) => Err(format!("failed: {err}")),
                },
                (None, None) => Err("the case expects nothing".into()),
            },
        };
        report.record(&name, outcome);
    }
}

/// Serves a case's fixtures and runs account_info on a fresh token.
async fn run_case(
    h: &Harness,
    fixtures: &Fixtures,
    case: &super::manifest::Case,
) -> Result<Result<AccountInfo, OAuthError>, String> {
    let body = fixtures.token(case.token.as_deref())?;
    let status = case.token_status.unwrap_or(200);
    h.server
        .serve(Served { status, body }, fixtures.routes(&case.api)?);
    let token = match h.token().await {
        Ok(token) => token,
        // The case is about the token endpoint's error shape: the exchange's error is its outcome.
        Err(err) if case.error.is_some() => return Ok(Err(err)),
        Err(err) => {
            return Err(format!(
                "core's token exchange failed on the case's token: {err}"
            ));
        }
    };
    Ok(account_info(h, &token).await)
}

async fn account_info(h: &Harness, token: &Token) -> Result<AccountInfo, OAuthError> {
    let Some(handler) = &h.handlers.account_info else {
        return Err(OAuthError::ClientError {
            remote: h.provider.clone(),
            message: "no signup_handler.info".into(),
        });
    };
    let app = h.app().map_err(|message| OAuthError::ClientError {
        remote: h.provider.clone(),
        message,
    })?;
    let store = MemoryStore::default();
    handler.account_info(&h.ctx(app, &store, None), token).await
}

/// Compares the expected fields (and the identity method) with `info`.
fn expect_fields(
    h: &Harness,
    info: &AccountInfo,
    expected: &serde_json::Map<String, Value>,
) -> Result<String, String> {
    let actual = serde_json::to_value(info).map_err(|err| err.to_string())?;
    let mut problems = Vec::new();
    if info.external_method != h.provider {
        problems.push(format!(
            "external_method: expected the app name {:?}, got {:?}",
            h.provider, info.external_method
        ));
    }
    if info.external_id.as_str().is_empty() {
        problems.push("external_id is empty".into());
    }
    for (field, value) in expected {
        match actual.get(field) {
            Some(got) if got == value => {}
            Some(got) => problems.push(format!("`{field}`: expected {value}, got {got}")),
            None => problems.push(format!("`{field}` is not an AccountInfo field")),
        }
    }
    if problems.is_empty() {
        Ok(format!("external_id {}", info.external_id))
    } else {
        Err(problems.join("; "))
    }
}

fn expect_error(outcome: Result<AccountInfo, OAuthError>, kind: &str) -> Result<String, String> {
    match outcome {
        Ok(info) => Err(format!(
            "expected a `{kind}` error, got account info for {}",
            info.external_id
        )),
        Err(err) => {
            let got = serde_json::to_value(&err)
                .ok()
                .and_then(|json| json["kind"].as_str().map(str::to_owned))
                .unwrap_or_default();
            if got == kind {
                Ok(format!("{kind}: {err}"))
            } else {
                Err(format!("expected a `{kind}` error, got `{got}`: {err}"))
            }
        }
    }
}

async fn account_setup(
    h: &Harness,
    token: &Token,
    info: &AccountInfo,
    expected: Option<&Value>,
) -> Result<String, String> {
    let app = h.app()?;
    let (Some(handler), expected) = (&h.handlers.account_setup, expected) else {
        return match expected {
            Some(_) => {
                Err("the manifest expects extra_data but no signup_handler.setup is named".into())
            }
            None => Ok("no signup_handler.setup".into()),
        };
    };
    let store = MemoryStore::default();
    let user_id = UserId::from(1);
    let account = RemoteAccount {
        id: 1,
        user_id: user_id.clone(),
        client_id: CLIENT_ID.into(),
        extra_data: serde_json::json!({}),
    };
    let extra = handler
        .account_setup(&h.ctx(app, &store, Some(&user_id)), token, &account, info)
        .await
        .map_err(|err| format!("failed: {err}"))?;
    match expected {
        Some(expected) if *expected == extra => Ok(extra.to_string()),
        Some(expected) => Err(format!("extra_data: expected {expected}, got {extra}")),
        None if extra.is_object() => Ok(extra.to_string()),
        None => Err(format!("extra_data must be a JSON object, got {extra}")),
    }
}

/// Links a user, disconnects them (with the API answering, or failing with 500), and checks
/// the account and identity are gone and the expected calls were made.
async fn disconnect(
    h: &Harness,
    fixtures: &Fixtures,
    token: &Token,
    info: &AccountInfo,
    api_down: bool,
) -> Result<String, String> {
    let app = h.app()?;
    let store = MemoryStore::default();
    let setup = |err: StoreError| format!("setting up the linked user failed: {err}");
    let user = store
        .create_user(&NewUser {
            email: "conformance@example.org".into(),
            username: None,
            full_name: None,
            confirmed: true,
        })
        .await
        .map_err(setup)?;
    let link = NewLink {
        client_id: CLIENT_ID.into(),
        account_info: info.clone(),
        token: token.clone(),
        extra_data: serde_json::json!({}),
    };
    store.link(&user.id, &link).await.map_err(setup)?;
    // Another way to sign in, or the handler rightly refuses to unlink the only one.
    store
        .link_identity(
            &user.id,
            &AccountInfo::new(
                ExternalId::new("conformance-other"),
                "conformance-other-app",
            ),
        )
        .await
        .map_err(setup)?;
    if api_down {
        h.server
            .fail_everything(500, serde_json::json!({"message": "Server Error"}));
    } else {
        let token_fixture = fixtures.token(None)?;
        h.server.serve(
            Served::ok(token_fixture),
            fixtures.routes(&std::collections::BTreeMap::new())?,
        );
    }
    h.handlers
        .disconnect
        .disconnect(&h.ctx(app, &store, Some(&user.id)))
        .await
        .map_err(|err| format!("disconnect failed: {err}"))?;
    let mut problems = Vec::new();
    if store
        .remote_account(&user.id, CLIENT_ID)
        .await
        .map_err(setup)?
        .is_some()
    {
        problems.push("the remote account is still there".to_owned());
    }
    let identity = store
        .identity(&info.external_method, info.external_id.as_str())
        .await
        .map_err(setup)?;
    if identity.is_some() {
        problems.push("the identity is still linked".to_owned());
    }
    let received = h.server.received();
    if !api_down {
        let access_token = token.access_token.expose_secret();
        let expected = &fixtures.manifest.disconnect.calls;
        problems.extend(compare_calls(expected, &received, access_token));
    }
    if problems.is_empty() {
        Ok(format!("unlinked after {} API call(s)", received.len()))
    } else {
        Err(problems.join("; "))
    }
}

/// Differences between the declared and the made disconnect calls.
fn compare_calls(
    expected: &[ExpectedCall],
    received: &[Received],
    access_token: &str,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (index, want) in expected.iter().enumerate() {
        let path = substitute(&Value::String(want.path.clone()), CLIENT_ID, access_token);
        let path = path.as_str().unwrap_or_default().trim_start_matches('/');
        let Some(got) = received.get(index) else {
            problems.push(format!("no {} {path} was made", want.method));
            continue;
        };
        if !got.method.eq_ignore_ascii_case(&want.method) || got.path != path {
            problems.push(format!(
                "call {index}: expected {} {path}, got {} {}",
                want.method, got.method, got.path
            ));
            continue;
        }
        let basic = format!(
            "Basic {}",
            Base64::encode_string(format!("{CLIENT_ID}:{CLIENT_SECRET}").as_bytes())
        );
        let auth_ok = match want.auth.as_deref() {
            None => true,
            Some("basic") => got.authorization.as_deref() == Some(basic.as_str()),
            Some("bearer") => {
                got.authorization.as_deref() == Some(format!("Bearer {access_token}").as_str())
            }
            Some("none") => got.authorization.is_none(),
            Some(other) => {
                problems.push(format!("unknown auth `{other}` (basic, bearer or none)"));
                true
            }
        };
        if !auth_ok {
            problems.push(format!(
                "{} {path}: not authenticated with {:?}",
                want.method,
                want.auth.as_deref().unwrap_or_default()
            ));
        }
        if let Some(json) = &want.json {
            let json = substitute(json, CLIENT_ID, access_token);
            if got.json.as_ref() != Some(&json) {
                problems.push(format!(
                    "{} {path}: expected the body {json}, got {:?}",
                    want.method, got.json
                ));
            }
        }
    }
    for extra in received.iter().skip(expected.len()) {
        problems.push(format!("undeclared call {} {}", extra.method, extra.path));
    }
    problems
}
