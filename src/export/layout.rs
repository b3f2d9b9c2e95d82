//! Where each person goes on the network picture: their saved position, or a
//! deterministic place beside their group for people who were never placed.

use std::collections::BTreeMap;

use crate::model::MapSnapshot;
use crate::model::text::name_key;

/// A person's place on the network view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Across, in view units (y grows downward, as on screen).
    pub x: f64,
    /// Down, in view units.
    pub y: f64,
    /// True when the user saved this position; false when it was laid out here.
    pub saved: bool,
}

/// The distance between neighbours on a group's circle or disc.
const SPACING: f64 = 110.0;
/// The gap between two groups, and between saved people and the laid-out ones.
const GAP: f64 = 120.0;
/// Groups of more people than this are laid out as a filled disc, not a ring.
const RING_MAX: usize = 16;

/// The place of every person, in the order of `map.stakeholders`.
///
/// People without a saved position are put group by group (groups in name order,
/// people by id within a group) on a circle, or a sunflower disc for big groups;
/// the groups are set out in rows below everyone who was placed by hand.
/// The same snapshot always gives the same places.
pub fn places(map: &MapSnapshot) -> Vec<Place> {
    let mut out: Vec<Place> = map
        .stakeholders
        .iter()
        .map(|p| {
            let (x, y) = p.position.unwrap_or((0.0, 0.0));
            Place {
                x,
                y,
                saved: p.position.is_some(),
            }
        })
        .collect();
    let saved: Vec<&Place> = out
        .iter()
        .filter(|p| p.saved && p.x.is_finite() && p.y.is_finite())
        .collect();
    let (left, top, width) = if saved.is_empty() {
        (0.0, 0.0, 0.0)
    } else {
        let min_x = saved.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
        let max_x = saved.iter().map(|p| p.x).fold(f64::NEG_INFINITY, f64::max);
        let max_y = saved.iter().map(|p| p.y).fold(f64::NEG_INFINITY, f64::max);
        (min_x, max_y + GAP, max_x - min_x)
    };

    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in map.stakeholders.iter().enumerate() {
        if !out[i].saved {
            groups.entry(name_key(&p.group)).or_default().push(i);
        }
    }
    let unplaced: usize = groups.values().map(Vec::len).sum();
    let row_width = width
        .max((unplaced as f64).sqrt() * SPACING * 2.0)
        .max(900.0);
    let (mut cursor_x, mut cursor_y, mut row_height) = (left, top, 0.0_f64);
    for members in groups.values_mut() {
        members.sort_by_key(|&i| map.stakeholders[i].id);
        let radius = group_radius(members.len());
        if cursor_x > left && cursor_x + 2.0 * radius > left + row_width {
            cursor_x = left;
            cursor_y += row_height + GAP;
            row_height = 0.0;
        }
        let (cx, cy) = (cursor_x + radius, cursor_y + radius);
        for (k, &i) in members.iter().enumerate() {
            let (dx, dy) = offset(k, members.len(), radius);
            out[i] = Place {
                x: cx + dx,
                y: cy + dy,
                saved: false,
            };
        }
        cursor_x += 2.0 * radius + GAP;
        row_height = row_height.max(2.0 * radius);
    }
    out
}

/// The radius a group of `n` people takes.
fn group_radius(n: usize) -> f64 {
    if n <= 1 {
        0.0
    } else if n <= RING_MAX {
        (n as f64 * SPACING / std::f64::consts::TAU).max(SPACING / 2.0)
    } else {
        SPACING * 0.6 * (n as f64).sqrt()
    }
}

/// Where the `k`-th of `n` people sits relative to the group's centre.
fn offset(k: usize, n: usize, radius: f64) -> (f64, f64) {
    if n <= 1 {
        return (0.0, 0.0);
    }
    let (r, angle) = if n <= RING_MAX {
        (radius, std::f64::consts::TAU * k as f64 / n as f64)
    } else {
        // Vogel's sunflower: even density, no overlaps, no randomness.
        let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
        (
            radius * ((k as f64 + 0.5) / n as f64).sqrt(),
            golden * k as f64,
        )
    };
    (r * angle.sin(), -r * angle.cos())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapInfo, Stakeholder, StakeholderId};

    fn person(id: i64, group: &str, position: Option<(f64, f64)>) -> Stakeholder {
        let mut p = Stakeholder::new(&format!("P{id}")).unwrap();
        p.id = StakeholderId(id);
        p.group = group.into();
        p.position = position;
        p
    }

    fn snapshot(stakeholders: Vec<Stakeholder>) -> MapSnapshot {
        MapSnapshot {
            info: MapInfo {
                name: "m".into(),
                change: String::new(),
                description: String::new(),
                created: chrono::DateTime::UNIX_EPOCH,
                updated: chrono::DateTime::UNIX_EPOCH,
            },
            stakeholders,
            relations: vec![],
            engagements: vec![],
            stance_history: vec![],
        }
    }

    #[test]
    fn saved_positions_are_kept_and_others_go_below_them() {
        let map = snapshot(vec![
            person(1, "A", Some((10.0, 20.0))),
            person(2, "A", None),
            person(3, "B", None),
            person(4, "B", None),
        ]);
        let places = places(&map);
        assert_eq!(
            places[0],
            Place {
                x: 10.0,
                y: 20.0,
                saved: true
            }
        );
        assert!(places[1..].iter().all(|p| !p.saved && p.y > 20.0));
        assert_eq!(places, super::places(&map), "deterministic");
    }

    #[test]
    fn no_two_people_of_a_group_share_a_place() {
        for n in [2, 5, 16, 17, 300] {
            let map = snapshot((1..=n).map(|i| person(i, "G", None)).collect());
            let places = places(&map);
            for (i, a) in places.iter().enumerate() {
                for b in &places[i + 1..] {
                    assert!(
                        (a.x - b.x).hypot(a.y - b.y) > 10.0,
                        "n = {n}: {a:?} and {b:?} overlap"
                    );
                }
            }
        }
    }
}
