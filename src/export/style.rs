//! The colours and line styles shared by every picture and graph file.

use crate::model::{Quadrant, RelationKind, Stance};

/// The colour of a stance, red (active resistance) through grey to green
/// (champion): Okabe–Ito's colour-blind-safe vermillion and bluish green, with
/// luminance steps, sent to the app in `ScalesDto`, so the views and the exports agree.
pub fn stance_rgb(stance: Stance) -> (u8, u8, u8) {
    match stance.level() {
        -2 => (0xb8, 0x4a, 0x00),
        -1 => (0xf0, 0xa3, 0x5e),
        0 => (0xba, 0xba, 0xba),
        1 => (0x66, 0xc2, 0xa5),
        _ => (0x00, 0x78, 0x5f),
    }
}

/// The colour of a stance as `#rrggbb`.
pub fn stance_hex(stance: Stance) -> String {
    let (r, g, b) = stance_rgb(stance);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The text colour that reads on a stance's colour: white on the two dark ends,
/// near-black on the rest.
pub fn stance_ink(stance: Stance) -> &'static str {
    if stance.level().abs() == 2 {
        "#ffffff"
    } else {
        "#111111"
    }
}

/// How a kind of relation is drawn: colour, dash pattern (empty for solid) and
/// whether it ends in an arrow.
pub fn kind_style(kind: RelationKind) -> (&'static str, &'static str, bool) {
    match kind {
        RelationKind::Influences => ("#555555", "", true),
        RelationKind::ReportsTo => ("#2c3e50", "6 3", true),
        RelationKind::Trusts => ("#2874a6", "2 3", true),
        RelationKind::Allied => ("#1e8449", "", false),
        RelationKind::Conflict => ("#c0392b", "8 4", false),
    }
}

/// The radius of a person's dot: bigger for more power.
pub fn node_radius(power: u8) -> f64 {
    6.0 + 3.0 * f64::from(power)
}

/// The colour of a quadrant of the power/interest grid, `#rrggbb`; pictures
/// shade a quadrant with [`QUADRANT_TINT`] of it over white, the app over its
/// panel colour (so both themes read), sent to it in `ScalesDto`.
pub fn quadrant_hex(quadrant: Quadrant) -> &'static str {
    match quadrant {
        Quadrant::ManageClosely => "#d6604d",
        Quadrant::KeepSatisfied => "#e6ab02",
        Quadrant::KeepInformed => "#92c5de",
        Quadrant::Monitor => "#95a5a6",
    }
}

/// How much of a quadrant's colour shades its cells, 0..1.
pub const QUADRANT_TINT: f64 = 0.18;

/// A quadrant's shade over white, as the pictures draw it.
pub fn quadrant_shade(quadrant: Quadrant) -> String {
    over_white(quadrant_hex(quadrant), QUADRANT_TINT)
}

/// The colour `#rrggbb` seen at `opacity` (0..1) over white, as `#rrggbb`.
pub fn over_white(hex: &str, opacity: f64) -> String {
    let n = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0xffffff);
    let mix = |shift: u32| {
        let c = f64::from((n >> shift) & 0xff);
        (255.0 - (255.0 - c) * opacity).round() as u8
    };
    format!("#{:02x}{:02x}{:02x}", mix(16), mix(8), mix(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quadrant_shade_is_its_colour_tinted_over_white() {
        assert_eq!(quadrant_shade(Quadrant::ManageClosely), "#f8e2df");
        for q in Quadrant::ALL {
            assert_ne!(quadrant_shade(q), "#ffffff", "{q:?} is shaded");
        }
    }
}
