//! The pseudo-locale `en-XA`: English with accented look-alike letters, about 30 % longer,
//! each message wrapped in `⟦ ⟧`, so a walk of the pages can tell catalog text from stray
//! English and see where longer translations would be cut.

use std::borrow::Cow;

/// The pseudo-locale's tag (the one Android and Chromium use for accented pseudo-English).
pub(crate) const TAG: &str = "en-XA";

/// Marks the start of a formatted pseudo-locale message.
pub(crate) const OPEN: char = '⟦';
/// Marks the end of a formatted pseudo-locale message.
pub(crate) const CLOSE: char = '⟧';

/// The bundle's transform: fluent-bundle applies it to the message's own text only, never to
/// the values of its variables (an address stays readable).
pub(crate) fn transform(text: &str) -> Cow<'_, str> {
    fluent_pseudo::transform(text, false, true)
}

/// A formatted message between the markers.
pub(crate) fn wrap(formatted: &str) -> String {
    format!("{OPEN}{formatted}{CLOSE}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_accented_and_longer() {
        let english = "Connect your account";
        let out = transform(english);
        assert_eq!(out, "Ƈooƞƞeeƈŧ ẏoouuř aaƈƈoouuƞŧ");
        assert!(out.chars().count() > english.chars().count());
    }

    #[test]
    fn wrapped_in_markers() {
        assert_eq!(wrap("x"), "⟦x⟧");
    }
}
