//! `SmtpMailer` against a real SMTP server: oauthclient-testkit's `SmtpSink` (Python aiosmtpd).
//!
//! The sink is compiled in from `oauthclient-testkit/src/smtp.rs` (the `smtp` module of the
//! testkit, feature `smtp`) rather than used as a dependency: oauthclient-testkit depends on
//! this crate, and a dev-dependency on it would build its whole fake provider here.
//!
//! The tests that need the server read `OAUTHCLIENT_TEST_SMTP_PYTHON` (a Python with
//! aiosmtpd), which `cargo xtask integration` sets. When the variable is set the server must
//! start; when it is not, those tests say so and do nothing. The tests without a server
//! (unreachable and silent ports, a recipient that is not an address) always run.

#[path = "../../oauthclient-testkit/src/smtp.rs"]
#[allow(dead_code)]
mod smtp_sink;
// The testkit's record of suites that did not run, by path for the same reason.
#[path = "../../oauthclient-testkit/src/services.rs"]
#[allow(dead_code)]
mod services;

use std::fmt::Write as _;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use oauthclient_core::config::{MailSettings, NoEnv, SmtpSecurity};
use oauthclient_core::email::{EmailMessage, MailError, Mailer, SmtpMailer};
use oauthclient_core::{OAuthClientConfig, Registry};
use smtp_sink::{SMTP_PYTHON_ENV, SmtpSink, SmtpSinkBuilder};

const TOP: &str = "secret_key = \"a-very-long-random-secret-of-at-least-32-bytes\"\n\
                   site_url = \"http://127.0.0.1:9\"\n\n";
const FROM: &str = "Example Site <no-reply@example.org>";
const PASSWORD: &str = "correct-horse-battery-staple";
const WRONG_PASSWORD: &str = "wrong-horse-9f2c41";
/// How long a test waits for a message that should have arrived already.
const ARRIVAL: Duration = Duration::from_secs(5);

/// The sink, or `None` (with a note) when no Python with aiosmtpd is configured.
async fn sink(builder: SmtpSinkBuilder) -> Option<SmtpSink> {
    services::service_url(SMTP_PYTHON_ENV, "core: SMTP mailer (aiosmtpd)")?;
    let sink = builder.start().await;
    Some(sink.unwrap_or_else(|err| panic!("{SMTP_PYTHON_ENV} is set but the sink fails: {err}")))
}

fn mail_settings(mail_toml: &str) -> MailSettings {
    OAuthClientConfig::from_toml_str(&format!("{TOP}{mail_toml}"), &NoEnv, &Registry::default())
        .expect("the [mail] table loads")
        .mail
        .expect("[mail] is configured")
}

/// `[mail]` for a server on 127.0.0.1:`port` without TLS or AUTH.
fn loopback(port: u16, timeout_secs: u64) -> MailSettings {
    mail_settings(&format!(
        "[mail]\nfrom = \"{FROM}\"\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {port}\n\
         smtp_security = \"none\"\ntimeout = {timeout_secs}\n"
    ))
}

fn message(to: &str) -> EmailMessage {
    EmailMessage::new(
        to,
        "Confirm your e-mail address",
        "Hello,\nopen https://example.org/confirm/abc to confirm.\n",
        "<p>Hello,</p>\n<p><a href=\"https://example.org/confirm/abc\">Confirm</a></p>\n",
    )
}

/// The whole text of an error: its message and every source.
fn error_chain(err: &MailError) -> String {
    let mut text = format!("{err} / {err:?}");
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let _ = write!(text, " / {cause} / {cause:?}");
        source = cause.source();
    }
    text
}

#[tokio::test]
async fn text_and_html_arrive_as_sent() {
    let Some(sink) = sink(SmtpSink::builder()).await else {
        return;
    };
    let mailer = SmtpMailer::new(&mail_settings(&sink.mail_toml(FROM))).expect("mailer");
    mailer
        .send(&message("ada@example.org"))
        .await
        .expect("sent");

    let mail = sink.wait_for_message(ARRIVAL).await.expect("received");
    assert_eq!(mail.rcpt_to, ["ada@example.org"]);
    assert_eq!(mail.mail_from, "no-reply@example.org");
    assert_eq!(mail.to, "ada@example.org");
    assert_eq!(mail.from, FROM);
    assert_eq!(mail.subject, "Confirm your e-mail address");
    assert_eq!(mail.content_type, "multipart/alternative");
    assert_eq!(
        mail.text.as_deref(),
        Some("Hello,\nopen https://example.org/confirm/abc to confirm.\n")
    );
    assert_eq!(
        mail.html.as_deref(),
        Some("<p>Hello,</p>\n<p><a href=\"https://example.org/confirm/abc\">Confirm</a></p>\n")
    );
    assert_eq!(mail.authenticated_as, None);
    assert!(!mail.tls);
    assert_eq!(sink.messages(), [mail]);
}

#[tokio::test]
async fn non_ascii_subject_and_bodies_survive() {
    let Some(sink) = sink(SmtpSink::builder()).await else {
        return;
    };
    let mailer = SmtpMailer::new(&mail_settings(&sink.mail_toml(FROM))).expect("mailer");
    let message = EmailMessage::new(
        "zoë@example.org",
        "Bestätigen Sie Ihre Adresse — ✓",
        "Grüße, 東京\n",
        "<p>Grüße, 東京</p>\n",
    );
    // A non-ASCII local part needs SMTPUTF8, which the sink does not offer: refused, and
    // the refusal is a transport error, not a silent mangling.
    let err = mailer.send(&message).await.expect_err("no SMTPUTF8");
    assert!(matches!(err, MailError::Transport { .. }), "{err:?}");

    let message = EmailMessage::new(
        "zoe@example.org",
        message.subject,
        message.text,
        message.html,
    );
    mailer.send(&message).await.expect("sent");
    let mail = sink.wait_for_message(ARRIVAL).await.expect("received");
    assert_eq!(mail.subject, "Bestätigen Sie Ihre Adresse — ✓");
    assert_eq!(mail.text.as_deref(), Some("Grüße, 東京\n"));
    assert_eq!(mail.html.as_deref(), Some("<p>Grüße, 東京</p>\n"));
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn auth_with_the_right_password_delivers() {
    let Some(sink) = sink(SmtpSink::builder().auth("mailer", PASSWORD)).await else {
        return;
    };
    let mailer = SmtpMailer::new(&mail_settings(&sink.mail_toml(FROM))).expect("mailer");
    mailer
        .send(&message("ada@example.org"))
        .await
        .expect("sent");
    let mail = sink.wait_for_message(ARRIVAL).await.expect("received");
    assert_eq!(mail.authenticated_as.as_deref(), Some("mailer"));
    assert!(!format!("{mailer:?}").contains(PASSWORD));
}

#[tokio::test]
async fn a_wrong_password_is_a_transport_error_that_does_not_show_it() {
    let Some(sink) = sink(SmtpSink::builder().auth("mailer", PASSWORD)).await else {
        return;
    };
    let mut settings = mail_settings(&sink.mail_toml(FROM));
    settings.password = Some(oauthclient_core::secret::ClientSecret::new(WRONG_PASSWORD));
    let mailer = SmtpMailer::new(&settings).expect("mailer");

    let err = mailer
        .send(&message("ada@example.org"))
        .await
        .expect_err("refused");
    let MailError::Transport { message, .. } = &err else {
        panic!("a transport error, not {err:?}");
    };
    assert!(
        message.contains("535"),
        "the server's answer is kept: {message}"
    );
    let chain = error_chain(&err);
    assert!(!chain.contains(WRONG_PASSWORD), "{chain}");
    assert!(!chain.contains(PASSWORD), "{chain}");
    assert!(!format!("{mailer:?}").contains(WRONG_PASSWORD));
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn without_credentials_a_server_requiring_auth_refuses() {
    let Some(sink) = sink(SmtpSink::builder().auth("mailer", PASSWORD)).await else {
        return;
    };
    let mut settings = mail_settings(&sink.mail_toml(FROM));
    settings.username = None;
    settings.password = None;
    let mailer = SmtpMailer::new(&settings).expect("mailer");
    let err = mailer
        .send(&message("ada@example.org"))
        .await
        .expect_err("refused");
    assert!(matches!(err, MailError::Transport { .. }), "{err:?}");
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn an_invalid_recipient_is_an_address_error_and_nothing_is_sent() {
    let Some(sink) = sink(SmtpSink::builder()).await else {
        return;
    };
    let mailer = SmtpMailer::new(&mail_settings(&sink.mail_toml(FROM))).expect("mailer");
    for to in [
        "",
        "ada",
        "ada@",
        "ada@example.org\r\nBcc: eve@example.org",
        "a b@example.org",
    ] {
        let err = mailer.send(&message(to)).await.expect_err("refused");
        assert!(matches!(err, MailError::Address(_)), "{to:?}: {err:?}");
    }
    mailer
        .send(&message("ada@example.org"))
        .await
        .expect("sent");
    let mail = sink.wait_for_message(ARRIVAL).await.expect("received");
    assert_eq!(mail.rcpt_to, ["ada@example.org"]);
    assert_eq!(sink.messages().len(), 1, "only the valid one arrived");
}

#[tokio::test]
async fn starttls_is_required_never_skipped() {
    let Some(sink) = sink(SmtpSink::builder()).await else {
        return;
    };
    // The sink offers no STARTTLS: the mailer must refuse to go on in the clear.
    let mut settings = mail_settings(&sink.mail_toml(FROM));
    settings.security = SmtpSecurity::StartTls;
    let mailer = SmtpMailer::new(&settings).expect("mailer");
    let err = mailer
        .send(&message("ada@example.org"))
        .await
        .expect_err("no STARTTLS");
    assert!(matches!(err, MailError::Transport { .. }), "{err:?}");

    // Implicit TLS against a plain server fails too.
    settings.security = SmtpSecurity::Tls;
    let mailer = SmtpMailer::new(&settings).expect("mailer");
    let err = mailer
        .send(&message("ada@example.org"))
        .await
        .expect_err("no TLS");
    assert!(matches!(err, MailError::Transport { .. }), "{err:?}");
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn starttls_with_an_untrusted_certificate_is_refused() {
    let Some(sink) = sink(SmtpSink::builder().starttls(true)).await else {
        return;
    };
    // The sink upgrades with a self-signed certificate: the mailer verifies it and stops.
    let mut settings = mail_settings(&sink.mail_toml(FROM));
    settings.security = SmtpSecurity::StartTls;
    settings.smtp_host = "localhost".to_owned();
    let mailer = SmtpMailer::new(&settings).expect("mailer");
    let err = mailer
        .send(&message("ada@example.org"))
        .await
        .expect_err("untrusted certificate");
    let MailError::Transport { message, .. } = &err else {
        panic!("a transport error, not {err:?}");
    };
    // rustls' words: the certificate is fine but for its issuer, which nobody trusts.
    assert!(
        message.contains("certificate") && message.contains("UnknownIssuer"),
        "{message}"
    );
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn an_unreachable_port_fails_within_the_timeout() {
    // A port that was free a moment ago: nothing listens there.
    let port = {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a free port");
        listener.local_addr().expect("address").port()
    };
    let mailer = SmtpMailer::new(&loopback(port, 2)).expect("mailer");
    let started = Instant::now();
    let err = mailer
        .send(&message("ada@example.org"))
        .await
        .expect_err("nothing listens");
    assert!(started.elapsed() < Duration::from_secs(3));
    let MailError::Transport { message, .. } = &err else {
        panic!("a transport error, not {err:?}");
    };
    assert!(message.contains(&format!("127.0.0.1:{port}")), "{message}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    // Accepts connections (the kernel's backlog) and never says a word.
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a free port");
    let port = listener.local_addr().expect("address").port();
    let mailer = SmtpMailer::new(&loopback(port, 1)).expect("mailer");
    let started = Instant::now();
    let err = mailer
        .send(&message("ada@example.org"))
        .await
        .expect_err("silence");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
    let MailError::Transport { message, .. } = &err else {
        panic!("a transport error, not {err:?}");
    };
    assert!(message.contains("within 1 s"), "{message}");
    drop(listener);
}

#[tokio::test]
async fn an_invalid_recipient_is_refused_before_connecting() {
    // Nothing listens on port 9 of loopback in these tests; an address error comes first.
    let mailer = SmtpMailer::new(&loopback(9, 1)).expect("mailer");
    let err = mailer
        .send(&message("not an address"))
        .await
        .expect_err("refused");
    assert!(matches!(err, MailError::Address(_)), "{err:?}");
}

#[tokio::test]
async fn without_python_the_sink_says_how_to_get_one() {
    if std::env::var_os(SMTP_PYTHON_ENV).is_some() {
        return;
    }
    let err = SmtpSink::start().await.expect_err("no python configured");
    let text = err.to_string();
    assert!(text.contains(SMTP_PYTHON_ENV), "{text}");
    assert!(text.contains("cargo xtask integration"), "{text}");
    assert!(text.contains("aiosmtpd=="), "{text}");
}
