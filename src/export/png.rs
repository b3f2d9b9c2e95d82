//! PNG pictures: the SVG rendered with resvg, using only the shipped font, so the
//! same map gives the same bytes on every machine.
//!
//! The font database is loaded once per process and shared by every export. The
//! picture is drawn on an opaque white background, so it is encoded as RGB
//! (no alpha) with png's fast deflate, and its longest side is capped at
//! [`MAX_PIXELS`], so time and memory stay proportional to a readable picture.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::svg::{FONT, FONT_DATA};
use crate::error::{Error, Result};

/// The longest side of a PNG, in pixels; bigger pictures are scaled down to fit.
const MAX_PIXELS: f32 = 4096.0;

/// The font database holding the shipped font alone, loaded on first use.
/// (Its own database type: resvg's usvg 0.49; the PNG and PDF renderers' usvg versions differ.)
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

/// Renders one of our SVG pictures to PNG. No system font is consulted: the font
/// database holds the shipped font alone.
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
    let scale = (MAX_PIXELS / size.width())
        .min(MAX_PIXELS / size.height())
        .min(1.0);
    let (width, height) = (
        ((size.width() * scale).ceil() as u32).max(1),
        ((size.height() * scale).ceil() as u32).max(1),
    );
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(|| {
        Error::Invalid(format!(
            "a {width}×{height} picture is too big to render; export SVG instead"
        ))
    })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    encode(&pixmap).map_err(|e| {
        Error::Invalid(format!(
            "the PNG could not be encoded ({e}); export SVG instead"
        ))
    })
}

/// The pixmap as an RGB PNG. Every pixel is opaque (the pixmap starts white), so
/// its premultiplied colours are the colours themselves.
fn encode(pixmap: &tiny_skia::Pixmap) -> std::result::Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(out)
}
