//! `Accept-Language` parsing and language negotiation (fluent-langneg's `Lookup`).
//!
//! fluent-langneg's own `accepted_languages::parse` is not used: it ignores q-values (so
//! `en;q=0.5, de` would pick English) and keeps `*`.

use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

/// Only this much of an `Accept-Language` header is read (browsers send well under 200 bytes);
/// the header is cut at the last `,` before it.
pub(crate) const MAX_HEADER_BYTES: usize = 1024;
/// Only this many entries of the header are considered.
pub(crate) const MAX_ENTRIES: usize = 16;

/// The languages of an `Accept-Language` header, most preferred first: sorted by q-value
/// (stable, so equal q-values keep the header's order), `q=0` dropped, `*` and malformed
/// entries skipped.
pub(crate) fn accept_language(header: &str) -> Vec<LanguageIdentifier> {
    let mut weighted: Vec<(u16, LanguageIdentifier)> = cut(header)
        .split(',')
        .take(MAX_ENTRIES)
        .filter_map(entry)
        .filter(|(quality, _)| *quality > 0)
        .collect();
    weighted.sort_by_key(|(quality, _)| std::cmp::Reverse(*quality));
    weighted.into_iter().map(|(_, lang)| lang).collect()
}

/// The header up to [`MAX_HEADER_BYTES`], ending at an entry's end (never inside a tag, where
/// `zh-Hant` cut to `zh` would be read as another language).
fn cut(header: &str) -> &str {
    if header.len() <= MAX_HEADER_BYTES {
        return header;
    }
    let mut end = MAX_HEADER_BYTES;
    while !header.is_char_boundary(end) {
        end -= 1;
    }
    let head = &header[..end];
    head.rfind(',').map_or("", |comma| &head[..comma])
}

/// One entry: `de-CH;q=0.8` → (800, de-CH). `None` for `*`, a bad tag or a bad q-value.
fn entry(raw: &str) -> Option<(u16, LanguageIdentifier)> {
    let mut parts = raw.split(';');
    let tag = parts.next()?.trim();
    if tag.is_empty() || tag == "*" {
        return None;
    }
    let mut quality = 1000;
    for parameter in parts {
        let (name, value) = parameter.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            quality = q_value(value.trim())?;
        }
    }
    let lang = tag.parse::<LanguageIdentifier>().ok()?;
    Some((quality, lang))
}

/// RFC 9110 `qvalue` in thousandths: `0`, `0.5`, `0.875`, `1`, `1.000`; anything else is
/// malformed.
fn q_value(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The best available locale for the requested ones (in preference order), or `None` when
/// none matches: `de-AT` → `de`, `pt-PT` → `pt-BR`, `zh-CN` → `zh-Hans`, but `zh-TW` → none
/// (CLDR likely subtags: Traditional, not Simplified, Chinese).
pub(crate) fn best_match<'a>(
    requested: &[LanguageIdentifier],
    available: &'a [LanguageIdentifier],
) -> Option<&'a LanguageIdentifier> {
    negotiate_languages(requested, available, None, NegotiationStrategy::Lookup)
        .first()
        .copied()
}

/// [`best_match`], else the default.
pub(crate) fn negotiate<'a>(
    requested: &[LanguageIdentifier],
    available: &'a [LanguageIdentifier],
    default: &'a LanguageIdentifier,
) -> &'a LanguageIdentifier {
    best_match(requested, available).unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(header: &str) -> Vec<String> {
        accept_language(header)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn langs(tags: &[&str]) -> Vec<LanguageIdentifier> {
        tags.iter().filter_map(|tag| tag.parse().ok()).collect()
    }

    const SHIPPED: &[&str] = &[
        "en", "de", "fr", "es", "pt-BR", "it", "nl", "ja", "zh-Hans", "ar",
    ];

    fn negotiated(requested: &[&str]) -> String {
        let available = langs(SHIPPED);
        let default = langs(&["en"]).remove(0);
        negotiate(&langs(requested), &available, &default).to_string()
    }

    #[test]
    fn q_value_order_beats_header_order() {
        assert_eq!(tags("en;q=0.5, de"), ["de", "en"]);
        assert_eq!(tags("fr;q=0.3, ja;q=0.9, de;q=0.6"), ["ja", "de", "fr"]);
    }

    #[test]
    fn equal_q_values_keep_the_header_order() {
        assert_eq!(tags("nl, de, fr;q=0.8, it;q=0.8"), ["nl", "de", "fr", "it"]);
    }

    #[test]
    fn q_zero_is_dropped_and_star_ignored() {
        assert_eq!(tags("de;q=0, *;q=0.5, fr"), ["fr"]);
        assert_eq!(tags("*"), Vec::<String>::new());
    }

    #[test]
    fn malformed_entries_are_skipped() {
        assert_eq!(
            tags("de;q=2, fr;q=abc, ;q=1, es;q=0.1234, not a tag, it;x, pt-BR;Q=0.7, nl"),
            ["nl", "pt-BR"]
        );
        assert_eq!(tags(""), Vec::<String>::new());
        assert_eq!(tags(",,,"), Vec::<String>::new());
    }

    #[test]
    fn only_the_first_sixteen_entries_count() {
        let mut header = vec!["x-bad"; MAX_ENTRIES].join(", ");
        header.push_str(", de");
        assert!(tags(&header).is_empty());
        let header = format!("{}, de", vec!["fr"; MAX_ENTRIES - 1].join(", "));
        assert_eq!(tags(&header).last().map(String::as_str), Some("de"));
    }

    #[test]
    fn only_the_first_kibibyte_is_read_and_never_half_a_tag() {
        let padding = format!("de;q=0.1,{}", " ".repeat(MAX_HEADER_BYTES - 12));
        assert_eq!(tags(&format!("{padding},zh-Hant")), ["de"]);
        assert_eq!(tags(&format!("{padding}, fr")), ["de"]);
        assert_eq!(tags(&"é".repeat(MAX_HEADER_BYTES)), Vec::<String>::new());
    }

    #[test]
    fn regional_variants_reach_the_shipped_locale() {
        assert_eq!(negotiated(&["de-AT"]), "de");
        assert_eq!(negotiated(&["pt-PT"]), "pt-BR");
        assert_eq!(negotiated(&["pt"]), "pt-BR");
        assert_eq!(negotiated(&["zh-CN"]), "zh-Hans");
        assert_eq!(negotiated(&["zh"]), "zh-Hans");
        assert_eq!(negotiated(&["ar-EG"]), "ar");
        assert_eq!(negotiated(&["en-GB"]), "en");
    }

    #[test]
    fn traditional_chinese_never_gets_simplified() {
        assert_eq!(negotiated(&["zh-TW"]), "en");
        assert_eq!(negotiated(&["zh-TW", "ja"]), "ja");
        assert_eq!(negotiated(&["zh-Hant"]), "en");
    }

    #[test]
    fn the_first_requested_locale_with_a_match_wins() {
        assert_eq!(negotiated(&["sr", "it", "fr"]), "it");
    }

    #[test]
    fn nothing_matching_gives_the_default() {
        assert_eq!(negotiated(&["sr", "ko"]), "en");
        assert_eq!(negotiated(&[]), "en");
        assert_eq!(best_match(&langs(&["ko"]), &langs(SHIPPED)), None);
    }
}
