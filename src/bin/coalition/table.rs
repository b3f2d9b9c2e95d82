//! Plain-text output: aligned tables, with control characters made visible so
//! text from a map cannot drive the terminal.

/// Replaces control characters (other than line breaks) with visible escapes.
pub fn inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && (c.is_control() || is_bidi_control(c)) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as inert text.
pub fn path(path: &std::path::Path) -> String {
    inert(&path.display().to_string())
}

/// Pretty JSON for the terminal: serde already escapes control characters;
/// bidirectional controls are written as JSON escapes (`\u202e`) too, so the
/// text stays valid JSON with the same value.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    if !text.chars().any(is_bidi_control) {
        return Ok(text);
    }
    Ok(text
        .chars()
        .map(|c| {
            if is_bidi_control(c) {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect())
}

/// Unicode's bidirectional overrides and isolates, which can make text read in
/// another order than it is stored.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text columns.
    Left,
    /// Number columns.
    Right,
}

/// Formats rows as columns separated by two spaces (the first row usually a
/// header), each cell inert; `align` gives each column's alignment, left for
/// columns it leaves out. The CLI's one table renderer.
pub fn render(rows: &[Vec<String>], align: &[Align]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| inert(c).replace('\n', " ")).collect())
        .collect();
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            cells
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if align.get(i) == Some(&Align::Right) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            if i + 1 < row.len() {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_escapes_are_inert() {
        let t = render(
            &[
                vec!["name".into(), "role".into()],
                vec!["Ana\u{1b}[31m".into(), "CFO".into()],
            ],
            &[],
        );
        assert_eq!(t, "name           role\nAna\\u{1b}[31m  CFO\n");
        let n = render(
            &[
                vec!["who".into(), "gain".into()],
                vec!["Bo".into(), "+0.5".into()],
                vec!["Cy".into(), "+10.25".into()],
            ],
            &[Align::Left, Align::Right],
        );
        assert_eq!(n, "who    gain\nBo     +0.5\nCy   +10.25\n");
    }
}
