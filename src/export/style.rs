//! The colours and line styles shared by every picture and graph file.

use crate::model::{RelationKind, Stance};

/// The colour of a stance, red (active resistance) through grey to green (champion).
pub fn stance_rgb(stance: Stance) -> (u8, u8, u8) {
    match stance.level() {
        -2 => (192, 57, 43),
        -1 => (230, 126, 34),
        0 => (149, 165, 166),
        1 => (125, 179, 93),
        _ => (30, 132, 73),
    }
}

/// The colour of a stance as `#rrggbb`.
pub fn stance_hex(stance: Stance) -> String {
    let (r, g, b) = stance_rgb(stance);
    format!("#{r:02x}{g:02x}{b:02x}")
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
