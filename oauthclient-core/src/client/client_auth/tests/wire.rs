//! What actually goes over the wire (a one-shot HTTP server on 127.0.0.1): the token exchange,
//! the refresh and the revocation carry the assertion and the app's `User-Agent`, and no
//! secret; API calls carry the `User-Agent` too.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::sync::mpsc;

use url::Url;

use super::super::JWT_BEARER_ASSERTION_TYPE;
use super::p256_pem;
use crate::client::refresh::refresh_token;
use crate::client::{
    ApiMethod, ApiRequest, HttpApi, HttpClient, HttpLimits, RemoteApi as _, exchange_code,
    revoke_token,
};
use crate::config::RemoteApp;
use crate::secret::{AccessToken, AuthorizationCode, RefreshToken};
use crate::{OAuthClientConfig, Registry, Token};

const AGENT: &str = "web:org.example.test:1.0 (by /u/tester)";

/// One request as the server saw it: lower-cased header names, the form body decoded.
struct Seen {
    headers: Vec<(String, String)>,
    form: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Serves `count` requests on 127.0.0.1, each answered 200 with `body`; returns the base URL
/// and what it saw.
fn serve(count: usize, body: &'static str) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (sent, seen) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut headers = Vec::new();
            let mut line = String::new();
            let _ = reader.read_line(&mut line); // request line
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.trim_end().split_once(':') {
                    headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
                }
            }
            let length = headers
                .iter()
                .find(|(name, _)| name == "content-length")
                .and_then(|(_, value)| value.parse().ok())
                .unwrap_or(0);
            let mut raw = vec![0; length];
            let _ = reader.read_exact(&mut raw);
            let form = url::form_urlencoded::parse(&raw).into_owned().collect();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = sent.send(Seen { headers, form });
        }
    });
    (base, seen)
}

fn app(base: &str) -> RemoteApp {
    let toml = format!(
        r#"
        secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
        site_url = "https://example.org"
        [remote_apps.demo.params]
        authorize_url = "{base}/authorize"
        access_token_url = "{base}/token"
        revoke_url = "{base}/revoke"
        base_url = "{base}/"
        client_auth = "private_key_jwt"
        user_agent = "{AGENT}"
        [DEMO_APP_CREDENTIALS]
        consumer_key = "client-1"
        "#
    );
    let env = std::collections::BTreeMap::from([(
        "DEMO_APP_CREDENTIALS_PRIVATE_KEY".to_owned(),
        p256_pem(),
    )]);
    let config =
        OAuthClientConfig::from_toml_str(&toml, &env, &Registry::default()).expect("config");
    config.remote_app("demo").expect("configured").clone()
}

fn assert_authenticated_by_assertion(seen: &Seen, what: &str) {
    assert_eq!(seen.header("user-agent"), Some(AGENT), "{what}");
    assert_eq!(
        seen.field("client_assertion_type"),
        Some(JWT_BEARER_ASSERTION_TYPE),
        "{what}"
    );
    assert!(
        seen.field("client_assertion")
            .is_some_and(|jwt| jwt.split('.').count() == 3),
        "{what}"
    );
    assert_eq!(seen.field("client_id"), Some("client-1"), "{what}");
    assert_eq!(seen.field("client_secret"), None, "{what}");
    assert_eq!(seen.header("authorization"), None, "{what}");
}

#[tokio::test]
async fn token_refresh_and_revocation_requests_carry_the_assertion_and_the_user_agent() {
    let (base, seen) = serve(
        4,
        r#"{"access_token":"at","token_type":"bearer","refresh_token":"rt"}"#,
    );
    let app = app(&base);
    let http = HttpClient::new(HttpLimits::default()).expect("http");
    let redirect = Url::parse("https://example.org/oauth/authorized/demo/").expect("url");

    exchange_code(
        &http,
        &app,
        &redirect,
        &AuthorizationCode::new("code"),
        None,
    )
    .await
    .expect("exchanged");
    let exchange = seen.recv().expect("the exchange");
    assert_authenticated_by_assertion(&exchange, "exchange");

    refresh_token(&http, &app, &RefreshToken::new("rt"))
        .await
        .expect("refreshed");
    let refresh = seen.recv().expect("the refresh");
    assert_authenticated_by_assertion(&refresh, "refresh");
    assert_ne!(
        exchange.field("client_assertion"),
        refresh.field("client_assertion"),
        "a fresh assertion per request"
    );

    let api = HttpApi::new(http, app.clone());
    let token = Token::bearer(AccessToken::new("at"));
    assert!(revoke_token(&api, &app, &token).await.expect("revoked"));
    assert_authenticated_by_assertion(&seen.recv().expect("the revocation"), "revocation");

    api.send(ApiRequest::new(ApiMethod::Get, "user").with_token(token))
        .await
        .expect("API call");
    let call = seen.recv().expect("the API call");
    assert_eq!(call.header("user-agent"), Some(AGENT));
}
