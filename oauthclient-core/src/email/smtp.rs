//! [`SmtpMailer`]: the [`Mailer`] of the `smtp` feature, on `lettre`'s async SMTP transport.

use std::time::Duration;

use async_trait::async_trait;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::mailer::{EmailMessage, MailError, Mailer};
use crate::config::{MailSettings, SmtpSecurity};
use crate::secret::ClientSecret;

/// Sends [`EmailMessage`]s through the SMTP server of `[mail]` ([`MailSettings`]), on
/// `lettre`'s async transport (tokio, rustls with the webpki roots). Feature `smtp`.
///
/// - **Security** ([`SmtpSecurity`]): `StartTls` upgrades the connection and fails when the
///   server does not offer STARTTLS (no silent fallback to plain text); `Tls` speaks TLS from
///   the first byte; `None` sends in the clear and is only accepted for a server on loopback.
///   The server's certificate must chain to a public root (webpki roots) and name `smtp_host`.
/// - **AUTH**: when `smtp_username` is set, with `smtp_password` (PLAIN or LOGIN, whichever
///   the server offers).
/// - **Timeout**: `timeout` bounds connecting, and also the whole conversation of one message.
/// - **Message**: `From:` is `mail.from`, `To:` the message's recipient (an address, no display
///   name), a `multipart/alternative` body with the text and HTML versions, `Date:` and
///   `Message-ID:`. One connection per message: confirmation mail is rare.
/// - **Errors**: a recipient that is not an address is [`MailError::Address`]; everything the
///   server or the network does wrong is [`MailError::Transport`]. Neither the error's text nor
///   `Debug` of the mailer ever contains the password.
///
/// ```no_run
/// use oauthclient_core::email::{EmailMessage, Mailer, SmtpMailer};
/// use oauthclient_core::{OAuthClientConfig, Registry, config::NoEnv};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [mail]
///     from = "Example <no-reply@example.org>"
///     smtp_host = "smtp.example.org"
///     smtp_username = "no-reply"
///     smtp_password = "change-me" # or OAUTHCLIENT_MAIL_SMTP_PASSWORD
/// "#, &NoEnv, &Registry::default())?;
/// let mailer = SmtpMailer::new(config.mail.as_ref().expect("[mail] is configured"))?;
/// mailer
///     .send(&EmailMessage::new(
///         "ada@example.org",
///         "Confirm your e-mail address",
///         "Open https://example.org/confirm/... to confirm.",
///         "<p><a href=\"https://example.org/confirm/...\">Confirm</a></p>",
///     ))
///     .await?;
/// # Ok(())
/// # }
/// ```
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    host: String,
    port: u16,
    security: SmtpSecurity,
    username: Option<String>,
    /// Kept only to scrub it from error messages.
    password: Option<ClientSecret>,
    timeout: Duration,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// A mailer for `settings`. Nothing is sent or connected yet.
    ///
    /// Fails with [`MailError::Address`] when `from` is not a mailbox (`Name <address>` or an
    /// address), and with [`MailError::Transport`] when `SmtpSecurity::None` is asked for a
    /// server off loopback or the TLS parameters cannot be built.
    pub fn new(settings: &MailSettings) -> Result<Self, MailError> {
        let from: Mailbox = settings.from.trim().parse().map_err(|err| {
            MailError::Address(format!(
                "mail.from {:?} is not a mailbox: {err}",
                settings.from
            ))
        })?;
        let host = settings.smtp_host.trim().to_owned();
        let tls = match settings.security {
            SmtpSecurity::StartTls => Tls::Required(tls_parameters(&host)?),
            SmtpSecurity::Tls => Tls::Wrapper(tls_parameters(&host)?),
            SmtpSecurity::None if is_loopback(&host) => Tls::None,
            SmtpSecurity::None => {
                return Err(MailError::Transport {
                    message: format!(
                        "smtp_security \"none\" is only allowed for a server on loopback, not {host}"
                    ),
                    source: None,
                });
            }
        };
        // `builder_dangerous` only means "no TLS preset": `tls` is set right after.
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
            host.trim_start_matches('[').trim_end_matches(']'),
        )
        .port(settings.smtp_port)
        .tls(tls)
        .timeout(Some(settings.timeout));
        if let Some(username) = &settings.username {
            let password = settings
                .password
                .as_ref()
                .map(|password| password.expose_secret().to_owned())
                .unwrap_or_default();
            builder = builder.credentials(Credentials::new(username.clone(), password));
        }
        Ok(Self {
            transport: builder.build(),
            from,
            host,
            port: settings.smtp_port,
            security: settings.security,
            username: settings.username.clone(),
            password: settings.password.clone(),
            timeout: settings.timeout,
        })
    }

    /// The message as lettre sends it.
    fn build(&self, message: &EmailMessage) -> Result<Message, MailError> {
        let to: Address =
            message.to.trim().parse().map_err(|err| {
                MailError::Address(format!("the recipient is not an address: {err}"))
            })?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, to))
            .subject(message.subject.clone())
            .message_id(None);
        if let Some(language) = message.language.as_deref() {
            builder = builder.header(ContentLanguage::new(language)?);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                message.text.clone(),
                message.html.clone(),
            ))
            .map_err(|err| MailError::Address(format!("the message cannot be built: {err}")))
    }

    /// A transport error: `what` and the error's chain, without the password.
    fn transport_error(
        &self,
        what: &str,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> MailError {
        let mut message = format!("{what} ({}:{})", self.host, self.port);
        if let Some(source) = &source {
            message.push_str(": ");
            message.push_str(&source.to_string());
        }
        let password = self
            .password
            .as_ref()
            .map(ClientSecret::expose_secret)
            .filter(|password| !password.is_empty());
        let Some(password) = password else {
            return MailError::Transport { message, source };
        };
        // Servers may echo what they were sent: then neither the text nor the source keeps it.
        let leaks = message.contains(password)
            || source.as_ref().is_some_and(|source| {
                let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(source.as_ref());
                std::iter::from_fn(|| {
                    let current = cause?;
                    cause = current.source();
                    Some(current.to_string())
                })
                .any(|text| text.contains(password))
            });
        if leaks {
            MailError::Transport {
                message: message.replace(password, "[redacted]"),
                source: None,
            }
        } else {
            MailError::Transport { message, source }
        }
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, message: &EmailMessage) -> Result<(), MailError> {
        let email = self.build(message)?;
        match tokio::time::timeout(self.timeout, self.transport.send(email)).await {
            Ok(Ok(_response)) => Ok(()),
            Ok(Err(err)) => Err(self.transport_error("sending failed", Some(Box::new(err)))),
            Err(_elapsed) => Err(self.transport_error(
                &format!(
                    "the server did not finish within {} s",
                    self.timeout.as_secs_f64()
                ),
                None,
            )),
        }
    }
}

fn tls_parameters(host: &str) -> Result<TlsParameters, MailError> {
    let domain = host.trim_start_matches('[').trim_end_matches(']');
    TlsParameters::new(domain.to_owned()).map_err(|err| MailError::Transport {
        message: format!("cannot set up TLS for {host}: {err}"),
        source: Some(Box::new(err)),
    })
}

/// The same rule as `[mail]`: `localhost` or a loopback IP address.
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The `Content-Language` header of a message (RFC 3282): the language tag it is written in.
#[derive(Debug, Clone)]
struct ContentLanguage(String);

impl ContentLanguage {
    /// A header for a BCP 47 tag; anything but letters, digits and `-` is refused (a header
    /// line must not be injectable).
    fn new(tag: &str) -> Result<Self, MailError> {
        let tag = tag.trim();
        if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(MailError::Address(format!(
                "the message cannot be built: `{tag}` is not a language tag"
            )));
        }
        Ok(Self(tag.to_owned()))
    }
}

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim().to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::NoEnv;
    use crate::{OAuthClientConfig, Registry};

    fn settings(mail: &str) -> MailSettings {
        let toml = format!(
            "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
             site_url = \"https://example.org\"\n[mail]\n{mail}"
        );
        OAuthClientConfig::from_toml_str(&toml, &NoEnv, &Registry::default())
            .expect("config")
            .mail
            .expect("[mail]")
    }

    #[test]
    fn debug_hides_the_password() {
        let mailer = SmtpMailer::new(&settings(
            "from = \"Example <no-reply@example.org>\"\nsmtp_host = \"smtp.example.org\"\n\
             smtp_username = \"no-reply\"\nsmtp_password = \"hunter2-secret\"",
        ))
        .expect("mailer");
        let debug = format!("{mailer:?}");
        assert!(!debug.contains("hunter2-secret"), "{debug}");
        assert!(
            debug.contains("[redacted]") && debug.contains("smtp.example.org"),
            "{debug}"
        );
    }

    #[test]
    fn a_bad_from_is_an_address_error() {
        let mut mail = settings("from = \"x@example.org\"\nsmtp_host = \"smtp.example.org\"");
        mail.from = "not a mailbox".to_owned();
        assert!(matches!(SmtpMailer::new(&mail), Err(MailError::Address(_))));
    }

    #[test]
    fn plain_text_only_on_loopback() {
        let mut mail = settings(
            "from = \"x@example.org\"\nsmtp_host = \"127.0.0.1\"\nsmtp_security = \"none\"",
        );
        assert!(SmtpMailer::new(&mail).is_ok());
        mail.smtp_host = "smtp.example.org".to_owned();
        assert!(matches!(
            SmtpMailer::new(&mail),
            Err(MailError::Transport { .. })
        ));
    }

    #[test]
    fn a_recipient_that_is_not_an_address_is_refused_before_connecting() {
        let mailer = SmtpMailer::new(&settings(
            "from = \"x@example.org\"\nsmtp_host = \"127.0.0.1\"\nsmtp_security = \"none\"",
        ))
        .expect("mailer");
        for to in [
            "",
            "ada",
            "ada@",
            "Ada <ada@example.org>",
            "a b@example.org",
        ] {
            let message = EmailMessage::new(to, "s", "t", "<p>h</p>");
            assert!(
                matches!(mailer.build(&message), Err(MailError::Address(_))),
                "{to:?}"
            );
        }
        let message = EmailMessage::new(" ada@example.org ", "s", "t", "<p>h</p>");
        let built =
            String::from_utf8(mailer.build(&message).expect("message").formatted()).expect("utf-8");
        assert!(built.contains("To: ada@example.org\r\n"), "{built}");
        assert!(built.contains("multipart/alternative"), "{built}");
        assert!(!built.contains("Content-Language"), "{built}");
        let japanese =
            EmailMessage::new("ada@example.org", "s", "t", "<p>h</p>").with_language("ja");
        let built = String::from_utf8(mailer.build(&japanese).expect("message").formatted())
            .expect("utf-8");
        assert!(built.contains("Content-Language: ja\r\n"), "{built}");
        let injected =
            EmailMessage::new("ada@example.org", "s", "t", "h").with_language("ja\r\nBcc: x");
        assert!(matches!(
            mailer.build(&injected),
            Err(MailError::Address(_))
        ));
    }

    #[test]
    fn errors_never_carry_the_password() {
        let mailer = SmtpMailer::new(&settings(
            "from = \"x@example.org\"\nsmtp_host = \"smtp.example.org\"\n\
             smtp_username = \"u\"\nsmtp_password = \"hunter2-secret\"",
        ))
        .expect("mailer");
        let echoed: Box<dyn std::error::Error + Send + Sync> =
            "535 bad credentials hunter2-secret".into();
        let MailError::Transport { message, source } =
            mailer.transport_error("sending failed", Some(echoed))
        else {
            panic!("a transport error");
        };
        assert!(!message.contains("hunter2-secret"), "{message}");
        assert!(message.contains("[redacted]"), "{message}");
        assert!(source.is_none());
    }
}
