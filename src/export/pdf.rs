//! PDF pictures: the SVG of the network or the grid on one page, drawn by
//! svg2pdf with the shipped font embedded (subset, with its Unicode map, so
//! names are real, selectable text), no system font consulted.
//!
//! svg2pdf 0.13, the newest, draws usvg 0.45 trees, so the SVG is parsed here
//! with that usvg (`svg2pdf::usvg`), not with resvg 0.49's, which the PNG uses.
//! Unlike the PNG, the bytes can differ between two runs: svg2pdf lists a page's
//! resources from a `HashMap`, so their order varies (what they are does not).

use std::sync::{Arc, OnceLock};

use svg2pdf::usvg;

use super::svg::{FONT, FONT_DATA};
use crate::error::{Error, Result};

/// The longest side of a page, in points: 200 inches, the most PDF viewers show.
const MAX_POINTS: f32 = 14_400.0;

/// The font database holding the shipped font alone, loaded once per process.
/// (Its own database type: svg2pdf's usvg 0.45; the PNG and PDF renderers' usvg versions differ.)
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = usvg::fontdb::Database::new();
            fonts.load_font_data(FONT_DATA.to_vec());
            fonts.set_sans_serif_family(FONT);
            Arc::new(fonts)
        })
        .clone()
}

/// Draws one of our SVG pictures as a one-page PDF, one SVG pixel to a point
/// (scaled down when a side would pass [`MAX_POINTS`]).
pub(super) fn render(svg: &str) -> Result<Vec<u8>> {
    let options = usvg::Options {
        font_family: FONT.to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| {
        Error::Invalid(format!(
            "the picture could not be drawn ({e}); this is a bug, please report it"
        ))
    })?;
    let size = tree.size();
    let longest = size.width().max(size.height());
    let page = svg2pdf::PageOptions {
        dpi: 72.0 * (longest / MAX_POINTS).max(1.0),
    };
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), page).map_err(|e| {
        Error::Invalid(format!(
            "the PDF could not be written ({e}); export SVG or PNG instead, and please report this"
        ))
    })
}
