//! The help pages shipped inside Coalition, so they read the same offline.

use pulldown_cmark::{Event, Options, Parser, html};

/// `docs/model.md`, "How Coalition reaches a recommendation", as compiled in.
pub const MODEL_MARKDOWN: &str = include_str!("../docs/model.md");

/// The model page as HTML for the app's help window. Raw HTML in the page is
/// shown as text, never run: the page is ours, but the rule holds everywhere.
pub fn model_html() -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let events = Parser::new_ext(MODEL_MARKDOWN, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(MODEL_MARKDOWN.len() * 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_page_renders_with_headings_and_tables_and_no_raw_html() {
        let page = model_html();
        assert!(page.contains("<h1>How Coalition reaches a recommendation</h1>"));
        assert!(page.contains("<table>"));
        assert!(!page.contains("<script"));
    }
}
