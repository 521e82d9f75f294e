//! `[mail]`: how confirmation mail leaves the site (SMTP, used by `SmtpMailer` with the `smtp`
//! feature). Without it the host gives the client a [`crate::email::Mailer`] of its own.

use std::time::Duration;

use toml::{Table, Value};

use super::ConfigError;
use super::env::EnvSource;
use crate::secret::ClientSecret;

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, which is required (port 587). The default.
    #[default]
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a server on loopback (a local relay, tests).
    None,
}

/// `[mail]` settings.
///
/// ```
/// use oauthclient_core::{OAuthClientConfig, Registry, config::{NoEnv, SmtpSecurity}};
/// let config = OAuthClientConfig::from_toml_str(r#"
///     secret_key = "a-very-long-random-secret-of-at-least-32-bytes"
///     site_url = "https://example.org"
///     [mail]
///     from = "Example <no-reply@example.org>"
///     smtp_host = "smtp.example.org"
///     smtp_username = "no-reply"
/// "#, &NoEnv, &Registry::default())?;
/// let mail = config.mail.expect("configured");
/// assert_eq!((mail.smtp_port, mail.security), (587, SmtpSecurity::StartTls));
/// # Ok::<(), oauthclient_core::config::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MailSettings {
    /// The `From:` header (`Name <address>` or an address).
    pub from: String,
    /// The SMTP server.
    pub smtp_host: String,
    /// Its port (default: 587 for STARTTLS, 465 for TLS, 25 without encryption).
    pub smtp_port: u16,
    /// STARTTLS (default), TLS, or none (loopback only).
    pub security: SmtpSecurity,
    /// User name for SMTP AUTH, if the server wants one.
    pub username: Option<String>,
    /// Password for SMTP AUTH (`smtp_password`, or `OAUTHCLIENT_MAIL_SMTP_PASSWORD`).
    pub password: Option<ClientSecret>,
    /// Connect and command timeout (default 10 s).
    pub timeout: Duration,
}

pub(super) fn mail_settings(
    doc: &Table,
    env: &dyn EnvSource,
) -> Result<Option<MailSettings>, ConfigError> {
    let Some(value) = doc.get("mail") else {
        return Ok(None);
    };
    let table = value
        .as_table()
        .ok_or_else(|| ConfigError::new("mail", "must be a table"))?;
    for key in table.keys() {
        if ![
            "from",
            "smtp_host",
            "smtp_port",
            "smtp_security",
            "smtp_username",
            "smtp_password",
            "timeout",
        ]
        .contains(&key.as_str())
        {
            return Err(ConfigError::new(format!("mail.{key}"), "unknown key"));
        }
    }
    let text = |key: &str| -> Result<Option<String>, ConfigError> {
        match table.get(key) {
            None => Ok(None),
            Some(Value::String(value)) if !value.trim().is_empty() => Ok(Some(value.clone())),
            Some(_) => Err(ConfigError::new(
                format!("mail.{key}"),
                "must be a non-empty string",
            )),
        }
    };
    let from = text("from")?.ok_or_else(|| ConfigError::new("mail.from", "missing"))?;
    let smtp_host =
        text("smtp_host")?.ok_or_else(|| ConfigError::new("mail.smtp_host", "missing"))?;
    let security = match text("smtp_security")?.as_deref() {
        None | Some("starttls") => SmtpSecurity::StartTls,
        Some("tls") => SmtpSecurity::Tls,
        Some("none") => SmtpSecurity::None,
        Some(_) => {
            return Err(ConfigError::new(
                "mail.smtp_security",
                "must be \"starttls\", \"tls\" or \"none\"",
            ));
        }
    };
    if security == SmtpSecurity::None && !is_loopback(&smtp_host) {
        return Err(ConfigError::new(
            "mail.smtp_security",
            "\"none\" sends passwords and links in the clear: only allowed for a server on loopback",
        ));
    }
    let smtp_port = match table.get("smtp_port") {
        None => match security {
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        },
        Some(Value::Integer(port)) => u16::try_from(*port)
            .ok()
            .filter(|port| *port > 0)
            .ok_or_else(|| ConfigError::new("mail.smtp_port", "must be a port number"))?,
        Some(_) => return Err(ConfigError::new("mail.smtp_port", "must be a port number")),
    };
    let timeout = match table.get("timeout") {
        None => Duration::from_secs(10),
        Some(Value::Integer(secs)) if *secs > 0 => Duration::from_secs(secs.unsigned_abs()),
        Some(_) => {
            return Err(ConfigError::new(
                "mail.timeout",
                "must be a whole number of seconds greater than zero",
            ));
        }
    };
    let password = env
        .var("OAUTHCLIENT_MAIL_SMTP_PASSWORD")
        .or(text("smtp_password")?)
        .map(ClientSecret::new);
    Ok(Some(MailSettings {
        from,
        smtp_host,
        smtp_port,
        security,
        username: text("smtp_username")?,
        password,
        timeout,
    }))
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
