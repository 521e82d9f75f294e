//! The `Authorization: OAuth ...` header of a signed request (RFC 5849 §3.5.1), by
//! `oauth1-request`. Only HMAC-SHA1: RSA-SHA1 needs a provider that asks for it, and
//! PLAINTEXT sends the secret itself.

use std::num::NonZeroU64;

use oauth1_request as oauth;
use oauth1_request::serializer::{Serializer, SerializerExt};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use url::Url;

use crate::config::Credentials;

/// What a signature covers beyond the credentials: the method, the URL (its query included:
/// the query is split off and signed as parameters, §3.4.1.3), and a form-encoded body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignedRequest<'a> {
    pub method: &'a str,
    pub url: &'a Url,
    pub form: &'a [(String, String)],
}

/// The protocol parameters a leg adds: `oauth_callback` (temporary credentials request),
/// `oauth_verifier` (token request), and a fixed nonce/timestamp for reproducible tests.
#[derive(Clone, Copy, Default)]
pub(crate) struct Protocol<'a> {
    pub callback: Option<&'a str>,
    pub verifier: Option<&'a str>,
    pub nonce: Option<&'a str>,
    pub timestamp: Option<NonZeroU64>,
}

impl std::fmt::Debug for Protocol<'_> {
    /// The `oauth_verifier` is redacted: with the request token it buys the access token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Protocol")
            .field("callback", &self.callback)
            .field("verifier", &self.verifier.map(|_| "[redacted]"))
            .field("nonce", &self.nonce)
            .field("timestamp", &self.timestamp)
            .finish()
    }
}

/// A request parameter named `oauth_*`: the prefix is reserved for the protocol (RFC 5849
/// §3.4.1.3.1), and signing it beside our own would produce a header the provider rejects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReservedParameter(pub String);

/// The `Authorization` header value for `request`, signed with HMAC-SHA1 by the client
/// credentials and, when given, a token and its secret.
pub(crate) fn authorization_header(
    client: &Credentials,
    token: Option<(&str, &str)>,
    protocol: Protocol<'_>,
    request: SignedRequest<'_>,
) -> Result<String, ReservedParameter> {
    sign_with(oauth::HmacSha1::new(), client, token, protocol, request)
}

/// [`authorization_header`] with any signature method (tests record the base string).
pub(crate) fn sign_with<SM>(
    method: SM,
    client: &Credentials,
    token: Option<(&str, &str)>,
    protocol: Protocol<'_>,
    request: SignedRequest<'_>,
) -> Result<String, ReservedParameter>
where
    SM: oauth::signature_method::SignatureMethod + Clone,
{
    let client = oauth::Credentials::new(
        client.consumer_key.as_str(),
        client.consumer_secret.expose_secret(),
    );
    let mut builder = oauth::Builder::<_, _, &str>::new(client, method);
    builder
        .token(token.map(|(token, secret)| oauth::Credentials::new(token, secret)))
        .callback(protocol.callback)
        .verifier(protocol.verifier)
        .nonce(protocol.nonce)
        .timestamp(protocol.timestamp);
    let parameters = Parameters::new(request)?;
    Ok(builder.authorize(request.method, base_uri(request.url), &parameters))
}

/// RFC 3986 unreserved characters stay; everything else is percent-encoded (§3.6).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The request's own parameters (query and form body) in the order §3.4.1.3.2 sorts them:
/// by *encoded* name, then encoded value.
///
/// `oauth1-request`'s `ParameterList` sorts by the raw name and puts names into the base
/// string unencoded, which signs `c@=` wrongly (§3.4.1.1's example has one). So names are
/// encoded here; the serializer encodes values itself.
struct Parameters {
    /// (name encoded twice, as the base string wants it; value decoded) in signing order.
    sorted: Vec<(String, String)>,
    /// How many of `sorted` come before the `oauth_*` protocol parameters.
    before_protocol: usize,
}

impl Parameters {
    fn new(request: SignedRequest<'_>) -> Result<Self, ReservedParameter> {
        let mut encoded: Vec<(String, String, String)> = request
            .url
            .query_pairs()
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .chain(request.form.iter().cloned())
            .map(|(name, value)| {
                let once = utf8_percent_encode(&name, UNRESERVED).to_string();
                let value_once = utf8_percent_encode(&value, UNRESERVED).to_string();
                (once, value_once, value)
            })
            .collect();
        if let Some((name, _, _)) = encoded
            .iter()
            .find(|(name, _, _)| name.starts_with("oauth_"))
        {
            return Err(ReservedParameter(name.clone()));
        }
        encoded.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        // Encoding `%` as `%25` keeps this order, so the twice-encoded names are sorted too.
        let sorted: Vec<(String, String)> = encoded
            .into_iter()
            .map(|(once, _, value)| (utf8_percent_encode(&once, UNRESERVED).to_string(), value))
            .collect();
        let before_protocol = sorted.partition_point(|(name, _)| name.as_str() < "oauth_");
        Ok(Self {
            sorted,
            before_protocol,
        })
    }
}

impl oauth::Request for Parameters {
    fn serialize<S: Serializer>(&self, mut serializer: S) -> S::Output {
        let (before, after) = self.sorted.split_at(self.before_protocol);
        for (name, value) in before {
            serializer.serialize_parameter(name, value);
        }
        serializer.serialize_oauth_parameters();
        for (name, value) in after {
            serializer.serialize_parameter(name, value);
        }
        serializer.end()
    }
}

/// The base string URI (§3.4.1.2): scheme, host, port when not the default, path; no query,
/// no fragment. `Url` already lower-cases scheme and host and drops default ports.
fn base_uri(url: &Url) -> String {
    let mut base = url.clone();
    base.set_query(None);
    base.set_fragment(None);
    base.to_string()
}
