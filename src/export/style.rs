//! The colours and line styles shared by every picture and graph file.

use crate::model::{RelationKind, Stance};

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
