//! Our signatures against RFC 5849's worked examples (§1.2, §3.4.1).

use std::fmt::{self, Display, Write as _};
use std::num::NonZeroU64;

use oauth1_request::signature_method::{Sign, SignatureMethod};
use url::Url;

use super::signing::{Protocol, ReservedParameter, SignedRequest, authorization_header, sign_with};
use crate::config::Credentials;
use crate::secret::ClientSecret;

/// A signature method that signs nothing and hands back the signature base string it was fed,
/// so the base string itself can be compared with the RFC's.
#[derive(Clone)]
struct RecordBaseString;

struct Recording(String);

struct BaseString(String);

impl Display for BaseString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl SignatureMethod for RecordBaseString {
    type Sign = Recording;
    fn sign_with(self, _client_secret: &str, _token_secret: Option<&str>) -> Recording {
        Recording(String::new())
    }
}

impl Sign for Recording {
    type Signature = BaseString;
    fn get_signature_method_name(&self) -> &'static str {
        "HMAC-SHA1"
    }
    fn request_method(&mut self, method: &str) {
        self.0.push_str(method);
        self.0.push('&');
    }
    fn uri<T: Display>(&mut self, uri: T) {
        let _ = write!(self.0, "{uri}&");
    }
    fn parameter<V: Display>(&mut self, key: &str, value: V) {
        let _ = write!(self.0, "{key}%3D{value}");
    }
    fn delimiter(&mut self) {
        self.0.push_str("%26");
    }
    fn end(self) -> BaseString {
        BaseString(self.0)
    }
}

fn credentials(key: &str, secret: &str) -> Credentials {
    Credentials::new(key, ClientSecret::new(secret))
}

fn fixed(nonce: &str, timestamp: u64) -> Protocol<'_> {
    Protocol {
        nonce: Some(nonce),
        timestamp: NonZeroU64::new(timestamp),
        ..Protocol::default()
    }
}

fn url(raw: &str) -> Url {
    Url::parse(raw).expect("test URL")
}

/// The value of `name="..."` in an `Authorization: OAuth ...` header, percent-decoded.
fn header_param(header: &str, name: &str) -> String {
    percent_encoding::percent_decode_str(&raw_header_param(header, name))
        .decode_utf8()
        .expect("utf-8")
        .into_owned()
}

/// The recorded base string (put in the header verbatim by [`RecordBaseString`]).
fn base_string(header: &Result<String, ReservedParameter>) -> String {
    raw_header_param(header.as_ref().expect("signed"), "oauth_signature")
}

/// The value of `name="..."` in an `Authorization: OAuth ...` header, as sent.
fn raw_header_param(header: &str, name: &str) -> String {
    let start = header
        .find(&format!("{name}=\""))
        .unwrap_or_else(|| panic!("{name} missing from {header}"))
        + name.len()
        + 2;
    let end = start + header[start..].find('"').expect("closing quote");
    header[start..end].to_owned()
}

/// RFC 5849 §1.2, the temporary credentials request of the printer example.
#[test]
fn rfc5849_1_2_request_token_signature() {
    let request_url = url("https://photos.example.net/initiate");
    let header = authorization_header(
        &credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44"),
        None,
        Protocol {
            callback: Some("http://printer.example.com/ready"),
            ..fixed("wIjqoS", 137_131_200)
        },
        SignedRequest {
            method: "POST",
            url: &request_url,
            form: &[],
        },
    )
    .expect("signed");
    assert_eq!(
        header_param(&header, "oauth_signature"),
        "74KNZJeDHnMBp0EMJ9ZHt/XKycU="
    );
    assert_eq!(
        header_param(&header, "oauth_callback"),
        "http://printer.example.com/ready"
    );
}

/// RFC 5849 §1.2, the token request: request token + its secret + verifier.
#[test]
fn rfc5849_1_2_access_token_signature() {
    let token_url = url("https://photos.example.net/token");
    let header = authorization_header(
        &credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44"),
        Some(("hh5s93j4hdidpola", "hdhd0244k9j7ao03")),
        Protocol {
            verifier: Some("hfdp7dh39dks9884"),
            ..fixed("walatlh", 137_131_201)
        },
        SignedRequest {
            method: "POST",
            url: &token_url,
            form: &[],
        },
    )
    .expect("signed");
    assert_eq!(
        header_param(&header, "oauth_signature"),
        "gKgrFCywp7rO0OXSjdot/IHF7IU="
    );
    assert_eq!(header_param(&header, "oauth_verifier"), "hfdp7dh39dks9884");
}

/// RFC 5849 §1.2, the protected resource request. The RFC prints `tR3+Ty81lMeYAr/Fid0kMTYa/WM=`,
/// a known erratum; the base string it prints signs to `MdpQcU8iPSUjWoN/UDMsK2sui9I=`.
#[test]
fn rfc5849_1_2_resource_request_base_string_and_signature() {
    let client = credentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44");
    let token = Some(("nnch734d00sl2jdk", "pfkkdhi9sl3r4s00"));
    let resource = url("http://photos.example.net/photos?file=vacation.jpg&size=original");
    let request = SignedRequest {
        method: "GET",
        url: &resource,
        form: &[],
    };
    let protocol = fixed("chapoH", 137_131_202);
    let recorded = sign_with(RecordBaseString, &client, token, protocol, request);
    assert_eq!(
        base_string(&recorded),
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26\
         oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26\
         oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26\
         oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal"
    );
    let header = authorization_header(&client, token, protocol, request).expect("signed");
    assert_eq!(
        header_param(&header, "oauth_signature"),
        "MdpQcU8iPSUjWoN/UDMsK2sui9I="
    );
}

/// RFC 5849 §3.4.1.1: query and form body parameters, repeated names, encoded `=`/`%`/`@` and
/// spaces (`%20` in the query, `+` in the body). The HMAC of the printed base string (with the
/// §3.4.1 example's secrets) was computed independently with Python's `hmac` module: the RFC's
/// printed signature does not match its own base string.
#[test]
fn rfc5849_3_4_1_base_string_and_signature() {
    let client = credentials("9djdj82h48djs9d2", "j49sk3j29djd");
    let token = Some(("kkk9d7dh3k39sjv7", "dh893hdasih9"));
    let request_url = url("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    let body: Vec<(String, String)> = url::form_urlencoded::parse(b"c2&a3=2+q")
        .into_owned()
        .collect();
    let request = SignedRequest {
        method: "POST",
        url: &request_url,
        form: &body,
    };
    let protocol = fixed("7d8f3e4a", 137_131_201);
    let recorded = sign_with(RecordBaseString, &client, token, protocol, request);
    assert_eq!(
        base_string(&recorded),
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26\
         b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26\
         oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26\
         oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
    );
    let header = authorization_header(&client, token, protocol, request).expect("signed");
    assert_eq!(
        header_param(&header, "oauth_signature"),
        "r6/TJjbCOr97/+UU0NsvSne7s5g="
    );
}

/// §3.4.1.2: the base string URI is lower-case scheme and host, no default port, no query.
#[test]
fn base_string_uri_is_normalised() {
    let client = credentials("k", "s");
    let request_url = url("HTTP://EXAMPLE.COM:80/r%20v/X?id=123");
    let recorded = sign_with(
        RecordBaseString,
        &client,
        None,
        fixed("n", 1),
        SignedRequest {
            method: "GET",
            url: &request_url,
            form: &[],
        },
    );
    let recorded = base_string(&recorded);
    assert!(
        recorded.starts_with("GET&http%3A%2F%2Fexample.com%2Fr%2520v%2FX&id%3D123%26"),
        "{recorded}"
    );
}

/// Without a fixed nonce and timestamp every header is fresh (a replay-protecting provider
/// would refuse a repeated nonce).
#[test]
fn nonces_are_fresh() {
    let client = credentials("k", "s");
    let request_url = url("https://example.com/api");
    let request = SignedRequest {
        method: "GET",
        url: &request_url,
        form: &[],
    };
    let first = authorization_header(&client, None, Protocol::default(), request).expect("signed");
    let second = authorization_header(&client, None, Protocol::default(), request).expect("signed");
    assert_ne!(
        header_param(&first, "oauth_nonce"),
        header_param(&second, "oauth_nonce")
    );
}

/// A request parameter may not pose as a protocol parameter.
#[test]
fn oauth_prefixed_parameters_are_refused() {
    let request_url = url("https://example.com/api?oauth_token=forged");
    let signed = authorization_header(
        &credentials("k", "s"),
        None,
        Protocol::default(),
        SignedRequest {
            method: "GET",
            url: &request_url,
            form: &[],
        },
    );
    assert_eq!(signed, Err(ReservedParameter("oauth_token".into())));
}

#[test]
fn debug_of_the_protocol_parameters_hides_the_verifier() {
    let protocol = Protocol {
        verifier: Some("s3cret-verifier"),
        ..Protocol::default()
    };
    let shown = format!("{protocol:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
}

#[test]
fn a_request_tokens_secret_never_shows_in_debug() {
    let token = super::RequestToken {
        token: "hh5s93j4hdidpola".into(),
        secret: crate::secret::TokenSecret::new("hdhd0244k9j7ao03"),
    };
    assert!(!format!("{token:?}").contains("hdhd0244"));
}

#[test]
fn the_authorize_url_keeps_its_query_and_adds_the_request_token() {
    let config = crate::OAuthClientConfig::from_toml_str(
        r#"
        secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
        site_url = "https://example.org"
        [remote_apps.legacy.params]
        request_token_url = "https://legacy.example/oauth/request_token"
        authorize_url = "https://legacy.example/oauth/authorize?lang=en"
        access_token_url = "https://legacy.example/oauth/access_token"
        [LEGACY_APP_CREDENTIALS]
        consumer_key = "key"
        consumer_secret = "secret"
        "#,
        &crate::config::NoEnv,
        &crate::Registry::default(),
    )
    .expect("config");
    let app = config.remote_app("legacy").expect("configured");
    let url = super::oauth1_authorization_url(app, "hh5s93j4hdidpola").expect("url");
    assert_eq!(
        url.as_str(),
        "https://legacy.example/oauth/authorize?lang=en&oauth_token=hh5s93j4hdidpola"
    );
}
