//! E-mail addresses: how they are compared ([`mailbox_key`]), confirmed ([`ConfirmationCodec`],
//! single-use signed links) and sent ([`Mailer`]). The operator's policy on them
//! ([`EmailVerification`], [`SignupPolicy`]) is configuration, re-exported here.
//!
//! Why it matters: linking a remote account to a local one by e-mail is safe only when both
//! sides proved they own the address. An address someone typed and never confirmed proves
//! nothing — a squatter could register the victim's address first and wait for the victim to
//! sign in with a provider (pre-account hijacking).

mod confirmation;
mod mailbox;
mod mailer;
#[cfg(feature = "smtp")]
mod smtp;

pub use confirmation::{ConfirmationClaims, ConfirmationCodec, ConfirmationError};
pub use mailbox::{AddressError, mailbox_key, same_mailbox};
pub use mailer::{EmailMessage, LogMailer, MailError, Mailer, MemoryMailbox};
// The operator's policy is configuration; re-exported here, where e-mail handling is documented.
pub use crate::config::{EmailVerification, SignupPolicy};
#[cfg(feature = "smtp")]
pub use smtp::SmtpMailer;
