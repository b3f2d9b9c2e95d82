//! Text made safe for XML, SVG and HTML: markup escaped, characters XML forbids replaced.

use std::borrow::Cow;

/// Escapes `& < > ' "` (with quick-xml) after replacing every character XML 1.0
/// does not allow (control characters other than tab and line breaks,
/// U+FFFE, U+FFFF, lone surrogates cannot occur in Rust strings) with U+FFFD.
/// The result is inert in element text and in quoted attribute values.
pub fn escape(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed) {
        quick_xml::escape::escape(text)
    } else {
        let clean: String = text
            .chars()
            .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
            .collect();
        Cow::Owned(quick_xml::escape::escape(&clean).into_owned())
    }
}

/// True for the characters of XML 1.0's `Char` production.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Shortens `text` to at most `max` characters, ending with "…" when cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if text.chars().count() <= max {
        Cow::Borrowed(text)
    } else {
        let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
        short.push('…');
        Cow::Owned(short)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_replaced() {
        assert_eq!(
            escape("</script><img src=x onerror='a(1)'> & \"q\""),
            "&lt;/script&gt;&lt;img src=x onerror=&apos;a(1)&apos;&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{1}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(escape("tab\tok\n"), "tab\tok\n");
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("Zoë", 3), "Zoë");
        assert_eq!(truncate("Zoë Brandt", 4), "Zoë…");
    }
}
