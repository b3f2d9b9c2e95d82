//! Checks on the free text people type: names, notes, tags.

use crate::error::{Error, Result};

/// The longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest note or summary accepted, in bytes (1 MiB).
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// The most tags one person may have.
pub const MAX_TAGS: usize = 100;
/// The longest row an imported CSV may have, in bytes (8 MiB): room for several
/// cells of [`MAX_TEXT_BYTES`]; a longer row stops the reading of its file.
pub const MAX_RECORD_BYTES: usize = 8 << 20;
/// The most columns an imported CSV header may have.
pub const MAX_COLUMNS: usize = 256;
/// The largest saved position accepted on either axis (x and y lie in ±this).
pub const MAX_COORDINATE: f64 = 1e6;

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

/// Splits a tag list written `a; b, c` into trimmed, non-empty, de-duplicated tags,
/// in the order first seen. Duplicates are found ignoring ASCII case (`Exec` and
/// `exec` are one tag; the first spelling is kept), in time linear in the text.
/// More than [`MAX_TAGS`] distinct tags is an error naming the count and the limit.
pub fn parse_tags(text: &str) -> Result<Vec<String>> {
    check_text(text, "the tags")?;
    let tags = dedup_tags(
        text.split([';', ','])
            .map(str::trim)
            .filter(|t| !t.is_empty()),
    );
    if tags.len() > MAX_TAGS {
        return Err(Error::Invalid(format!(
            "the tags list {} tags; the limit is {MAX_TAGS}: keep the ones you filter by and \
             move the rest to the notes",
            thousands(tags.len())
        )));
    }
    Ok(tags)
}

/// The distinct tags of `tags`, in the order first seen, comparing them ignoring
/// ASCII case: one hash-set lookup per tag, so linear in the number of tags.
pub fn dedup_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out = Vec::new();
    for tag in tags {
        if seen.insert(tag.to_ascii_lowercase()) {
            out.push(tag.to_string());
        }
    }
    out
}

/// `12000` as `12,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
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

    #[test]
    fn tag_duplicates_ignore_ascii_case_only_and_keep_the_first_spelling() {
        assert_eq!(
            parse_tags("Exec; exec; EXEC; ops").unwrap(),
            vec!["Exec", "ops"]
        );
        // Beyond ASCII, case differs: as before, these are two tags.
        assert_eq!(parse_tags("É; é").unwrap(), vec!["É", "é"]);
    }

    #[test]
    fn more_than_the_tag_limit_is_an_error_naming_count_and_limit() {
        let text: Vec<String> = (0..12_000).map(|i| format!("t{i}")).collect();
        let e = parse_tags(&text.join(";")).unwrap_err().to_string();
        assert!(
            e.starts_with("the tags list 12,000 tags; the limit is 100"),
            "{e}"
        );
        let hundred: Vec<String> = (0..MAX_TAGS).map(|i| format!("t{i}")).collect();
        assert_eq!(parse_tags(&hundred.join(",")).unwrap().len(), MAX_TAGS);
    }

    #[test]
    fn dedup_keeps_first_seen_order_over_many_duplicates() {
        let mut tags = vec!["b"; 40_000];
        tags.insert(0, "c");
        tags.extend(vec!["C"; 39_998]);
        tags.push("a");
        assert_eq!(tags.len(), 80_000);
        assert_eq!(dedup_tags(tags), vec!["c", "b", "a"]);
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
