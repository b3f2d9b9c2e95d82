//! PNG pictures: the SVG rendered with resvg, using only the shipped font, so the
//! same map gives the same bytes on every machine.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use super::svg::FONT;
use crate::error::{Error, Result};

/// The shipped font (DejaVu Sans; its licence is beside it in `assets/fonts/`).
const FONT_DATA: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The longest side of a PNG, in pixels; bigger pictures are scaled down to fit.
const MAX_PIXELS: f32 = 8000.0;

/// Renders one of our SVG pictures to PNG. No system font is consulted: the font
/// database holds the shipped font alone.
pub(super) fn render(svg: &str) -> Result<Vec<u8>> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(FONT_DATA.to_vec());
    fonts.set_sans_serif_family(FONT);
    let options = usvg::Options {
        font_family: FONT.to_string(),
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| {
        Error::Invalid(format!(
            "the picture could not be drawn ({e}); this is a bug, please report it"
        ))
    })?;
    let size = tree.size();
    let scale = (MAX_PIXELS / size.width())
        .min(MAX_PIXELS / size.height())
        .min(1.0);
    let (width, height) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(width.max(1), height.max(1)).ok_or_else(|| {
        Error::Invalid(format!(
            "a {width}×{height} picture is too big to render; export SVG instead"
        ))
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| {
        Error::Invalid(format!(
            "the PNG could not be encoded ({e}); export SVG instead"
        ))
    })
}
