//! The seed's Client: authenticated calls to a remote app's API on a user's behalf.

use async_trait::async_trait;
use url::Url;

use super::http::HttpClient;
use super::{ApiAuth, ApiMethod, ApiRequest, ApiResponse, RemoteApi};
use crate::config::{Protocol, RemoteApp};
use crate::error::OAuthError;

/// [`RemoteApi`] over HTTP for one remote app: relative URLs resolve against its `base_url`,
/// OAuth2 tokens go in a `Bearer` header, OAuth1 tokens sign the request (RFC 5849 §3.5.1),
/// client credentials go in HTTP Basic. Shares the
/// connection pool of the [`HttpClient`] it was made from.
///
/// ```
/// use oauthclient_core::client::{HttpApi, HttpClient, HttpLimits};
/// # use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
/// # let config = OAuthClientConfig::from_toml_str(r#"
/// #     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
/// #     site_url = "https://example.org"
/// #     [remote_apps.demo.params]
/// #     authorize_url = "https://provider.example/authorize"
/// #     access_token_url = "https://provider.example/token"
/// #     base_url = "https://api.provider.example/v1/"
/// #     [DEMO_APP_CREDENTIALS]
/// #     consumer_key = "client-1"
/// #     consumer_secret = "s"
/// # "#, &NoEnv, &Registry::default())?;
/// let app = config.remote_app("demo").expect("configured");
/// let api = HttpApi::new(HttpClient::new(HttpLimits::default())?, app.clone());
/// assert_eq!(api.resolve("user")?.as_str(), "https://api.provider.example/v1/user");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct HttpApi {
    http: HttpClient,
    app: RemoteApp,
}

impl HttpApi {
    /// The API of `app`, over `http`'s connection pool.
    pub fn new(http: HttpClient, app: RemoteApp) -> Self {
        Self { http, app }
    }

    /// The absolute URL of `url` (absolute as given, relative against the app's `base_url`).
    pub fn resolve(&self, url: &str) -> Result<Url, OAuthError> {
        let base = match &self.app.protocol {
            Protocol::OAuth2(params) => params.base_url.as_ref(),
            Protocol::OAuth1(params) => params.base_url.as_ref(),
        };
        let resolved = match base {
            Some(base) => base.join(url),
            None => Url::parse(url),
        };
        resolved.map_err(|err| OAuthError::ClientError {
            remote: self.app.name.clone(),
            message: format!("bad API URL `{url}`: {err}"),
        })
    }

    /// [`HttpApi::resolve`], refused with [`OAuthError::ForeignApiOrigin`] unless the result
    /// has the origin (scheme, host, port) of the app's `base_url`. For URLs that come from
    /// the host app (`remote_request`), which will carry the user's token: an absolute URL,
    /// a `//host/…` URL or `https://api.example@evil.example/` must not send it elsewhere.
    /// Without a `base_url` there is no origin the token belongs to, so nothing passes.
    pub fn resolve_on_base_origin(&self, url: &str) -> Result<Url, OAuthError> {
        let resolved = self.resolve(url)?;
        let base = match &self.app.protocol {
            Protocol::OAuth2(params) => params.base_url.as_ref(),
            Protocol::OAuth1(params) => params.base_url.as_ref(),
        };
        // `Origin` compares scheme, host and the port with defaults filled in, so
        // `https://h/` and `https://h:443/` are one origin; userinfo is not part of it.
        match base {
            Some(base) if base.origin() == resolved.origin() => Ok(resolved),
            _ => Err(OAuthError::ForeignApiOrigin {
                remote: self.app.name.clone(),
                origin: resolved.origin().ascii_serialization(),
            }),
        }
    }
}

#[async_trait]
impl RemoteApi for HttpApi {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, OAuthError> {
        let url = self.resolve(&request.url)?;
        let method = match request.method {
            ApiMethod::Get => reqwest::Method::GET,
            ApiMethod::Post => reqwest::Method::POST,
            ApiMethod::Put => reqwest::Method::PUT,
            ApiMethod::Patch => reqwest::Method::PATCH,
            ApiMethod::Delete => reqwest::Method::DELETE,
        };
        let method_name = method.as_str().to_owned();
        let mut builder = self.http.reqwest().request(method, url.clone());
        // A default Accept, unless the handler chose one (GitHub's media type, say).
        if !request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            builder = builder.header(reqwest::header::ACCEPT, "application/json");
        }
        // The app's own User-Agent (Reddit throttles generic ones), unless the handler set one.
        if let Protocol::OAuth2(params) = &self.app.protocol
            && let Some(agent) = &params.user_agent
            && !request
                .headers
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case("user-agent"))
        {
            builder = builder.header(reqwest::header::USER_AGENT, agent.as_str());
        }
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &request.json {
            let bytes = serde_json::to_vec(body).map_err(|err| OAuthError::ClientError {
                remote: self.app.name.clone(),
                message: format!("cannot encode the request body: {err}"),
            })?;
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(bytes);
        }
        if let Some(form) = &request.form {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish();
            builder = builder
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body);
        }
        builder = match &request.auth {
            ApiAuth::None => builder,
            ApiAuth::ClientCredentials => builder.basic_auth(
                &self.app.credentials.consumer_key,
                Some(self.app.credentials.consumer_secret.expose_secret()),
            ),
            ApiAuth::UserToken(token) if self.app.is_oauth1() => builder.header(
                reqwest::header::AUTHORIZATION,
                super::oauth1::api_authorization(
                    &self.app,
                    token,
                    &method_name,
                    &url,
                    request.form.as_deref().unwrap_or_default(),
                )?,
            ),
            ApiAuth::UserToken(token) => builder.bearer_auth(token.access_token.expose_secret()),
        };
        let (status, _headers, body) = self
            .http
            .send(builder)
            .await
            .map_err(|err| err.for_remote(&self.app.name))?;
        Ok(ApiResponse { status, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::{HttpClient, HttpLimits};
    use crate::config::NoEnv;
    use crate::{OAuthClientConfig, Registry};

    fn api(base_url: &str) -> HttpApi {
        let toml = format!(
            r#"
            secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
            site_url = "https://example.org"
            [remote_apps.demo.params]
            authorize_url = "https://provider.example/authorize"
            access_token_url = "https://provider.example/token"
            base_url = "{base_url}"
            [DEMO_APP_CREDENTIALS]
            consumer_key = "client-1"
            consumer_secret = "s"
            "#
        );
        let config =
            OAuthClientConfig::from_toml_str(&toml, &NoEnv, &Registry::default()).expect("config");
        let app = config.remote_app("demo").expect("demo").clone();
        HttpApi::new(HttpClient::new(HttpLimits::default()).expect("http"), app)
    }

    #[test]
    fn urls_outside_the_base_origin_are_refused() {
        let api = api("https://api.provider.example/v1/");
        for url in [
            "https://evil.example/x",
            "//evil.example/x",
            "https://api.provider.example@evil.example/",
            "http://api.provider.example/v1/user",
            "https://api.provider.example:8443/v1/user",
            "https://api.provider.example.evil.example/v1/user",
            "file:///etc/passwd",
        ] {
            let err = api.resolve_on_base_origin(url).expect_err(url);
            assert!(
                matches!(&err, OAuthError::ForeignApiOrigin { remote, .. } if remote == "demo"),
                "{url}: {err:?}"
            );
        }
    }

    #[test]
    fn relative_and_same_origin_urls_pass() {
        let api = api("https://api.provider.example/v1/");
        for (url, resolved) in [
            ("user", "https://api.provider.example/v1/user"),
            ("/v2/user", "https://api.provider.example/v2/user"),
            (
                "https://api.provider.example/v1/user",
                "https://api.provider.example/v1/user",
            ),
            (
                "https://api.provider.example:443/v1/user",
                "https://api.provider.example/v1/user",
            ),
        ] {
            let got = api.resolve_on_base_origin(url).expect(url);
            assert_eq!(got.as_str(), resolved);
        }
    }

    #[test]
    fn the_refusal_names_only_the_origin() {
        let api = api("https://api.provider.example/");
        let err = api
            .resolve_on_base_origin("https://user:pw@evil.example/path?token=t")
            .expect_err("foreign");
        let text = err.to_string();
        assert!(text.contains("https://evil.example"), "{text}");
        assert!(!text.contains("pw") && !text.contains("token=t"), "{text}");
    }
}
