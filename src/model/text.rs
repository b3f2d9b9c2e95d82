//! Checks on the free text people type: names, notes, tags.

use crate::error::{Error, Result};

/// The longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest note or summary accepted, in bytes (1 MiB).
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Checks free text (notes, roles, summaries): no NUL byte, at most [`MAX_TEXT_BYTES`].
/// `what` names the field in the error. The text is kept exactly as given.
pub fn check_text(text: &str, what: &str) -> Result<()> {
    if text.contains('\0') {
        return Err(Error::Invalid(format!(
            "{what} contains a NUL byte (\\0), which Coalition does not store; remove it"
        )));
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::Invalid(format!(
            "{what} is {} bytes long; the limit is {MAX_TEXT_BYTES} bytes (1 MiB): shorten it",
            text.len()
        )));
    }
    Ok(())
}

/// Checks and trims a person's name: not blank, at most [`MAX_NAME_CHARS`] characters,
/// no control characters. Markup and formula prefixes are allowed: they stay text.
pub fn clean_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::Invalid(
            "the name is empty; give the person a name".into(),
        ));
    }
    check_text(trimmed, "the name")?;
    if trimmed.chars().any(char::is_control) {
        return Err(Error::Invalid(
            "the name contains a control character (a tab or line break); use a one-line name"
                .into(),
        ));
    }
    let chars = trimmed.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Error::Invalid(format!(
            "the name is {chars} characters long; the limit is {MAX_NAME_CHARS}: shorten it"
        )));
    }
    Ok(trimmed.to_string())
}

/// The key names are compared by: names are unique within a map, case-insensitively.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Splits a tag list written `a; b, c` into trimmed, non-empty, de-duplicated tags.
pub fn parse_tags(text: &str) -> Result<Vec<String>> {
    check_text(text, "the tags")?;
    let mut tags: Vec<String> = Vec::new();
    for tag in text
        .split([';', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
        }
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(clean_name("  Ana  ").unwrap(), "Ana");
        assert!(clean_name("   ").is_err());
        assert!(clean_name("a\0b").unwrap_err().to_string().contains("NUL"));
        assert!(clean_name("a\nb").is_err());
        assert!(clean_name(&"x".repeat(201)).is_err());
        assert_eq!(
            clean_name("<img src=x onerror=alert(1)>").unwrap(),
            "<img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn name_keys_ignore_case_beyond_ascii() {
        assert_eq!(name_key("ÉMILIE"), name_key("émilie"));
    }

    #[test]
    fn tags_split_on_semicolons_and_commas() {
        assert_eq!(parse_tags("a; b,c;;A").unwrap(), vec!["a", "b", "c"]);
    }
}
