//! Sending mail: the [`Mailer`] trait, the message it sends, and [`MemoryMailbox`], a mailer
//! that keeps messages in memory (the demo's sandbox mailbox, tests).
//!
//! The SMTP implementation (`SmtpMailer`, on `lettre`) is behind the `smtp` feature.

use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use serde::Serialize;

/// One message: plain text and HTML alternatives of the same content.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EmailMessage {
    /// The recipient's address, as the user gave it.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
    /// The language the message is written in (a BCP 47 tag such as `de`), sent as the
    /// `Content-Language` header; `None` sends none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl std::fmt::Debug for EmailMessage {
    // Bodies carry single-use links: they stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailMessage")
            .field("to", &self.to)
            .field("subject", &self.subject)
            .field("text", &"[redacted]")
            .field("html", &"[redacted]")
            .field("language", &self.language)
            .finish()
    }
}

impl EmailMessage {
    /// A message to `to`.
    pub fn new(
        to: impl Into<String>,
        subject: impl Into<String>,
        text: impl Into<String>,
        html: impl Into<String>,
    ) -> Self {
        Self {
            to: to.into(),
            subject: subject.into(),
            text: text.into(),
            html: html.into(),
            language: None,
        }
    }

    /// The same message, marked as written in `language` (a BCP 47 tag).
    #[must_use]
    pub fn with_language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }
}

/// Why a message was not sent. The message names the cause, never a body or a password.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MailError {
    /// The recipient or sender address cannot be used.
    #[error("invalid address: {0}")]
    Address(String),
    /// The mail server could not be reached, refused us, or timed out.
    #[error("the mail server failed: {message}")]
    Transport {
        /// What happened, without credentials.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

/// Sends mail for the library (e-mail confirmation links). Implement it to use your own mail
/// service; `SmtpMailer` (feature `smtp`) and [`MemoryMailbox`] are provided.
#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends one message.
    async fn send(&self, message: &EmailMessage) -> Result<(), MailError>;
}

/// A mailer that keeps what it "sends" in memory: the demo's sandbox mailbox, and tests.
///
/// ```
/// # tokio::runtime::Runtime::new().expect("runtime").block_on(async {
/// use oauthclient_core::email::{EmailMessage, Mailer, MemoryMailbox};
/// let mailbox = MemoryMailbox::default();
/// mailbox.send(&EmailMessage::new("ada@example.org", "Hi", "text", "<p>html</p>")).await?;
/// assert_eq!(mailbox.messages()[0].subject, "Hi");
/// # Ok::<(), oauthclient_core::email::MailError>(())
/// # }).expect("example");
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryMailbox {
    messages: Arc<Mutex<Vec<EmailMessage>>>,
}

/// How many messages a [`MemoryMailbox`] keeps: the oldest go first.
const MEMORY_MAILBOX_CAPACITY: usize = 200;

impl MemoryMailbox {
    /// Every message kept, oldest first.
    pub fn messages(&self) -> Vec<EmailMessage> {
        self.messages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

#[async_trait]
impl Mailer for MemoryMailbox {
    async fn send(&self, message: &EmailMessage) -> Result<(), MailError> {
        let mut messages = self.messages.lock().unwrap_or_else(PoisonError::into_inner);
        if messages.len() >= MEMORY_MAILBOX_CAPACITY {
            messages.remove(0);
        }
        messages.push(message.clone());
        Ok(())
    }
}

/// A mailer that writes each message to the server's log instead of sending it (like
/// Django's console e-mail backend): for a development server with real providers and no SMTP
/// server. The text body, link included, goes to the `oauthclient::mail` target at `INFO`:
/// only the operator reads it, unlike a page every visitor could open.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogMailer;

#[async_trait]
impl Mailer for LogMailer {
    async fn send(&self, message: &EmailMessage) -> Result<(), MailError> {
        tracing::info!(
            target: "oauthclient::mail",
            to = %message.to,
            subject = %message.subject,
            "mail not sent (no [mail] configured); its text:\n{}",
            message.text
        );
        Ok(())
    }
}
