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
    let nobody_placed = saved.is_empty();
    let (left, top, width) = if nobody_placed {
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
    // A map nobody has laid out yet gets a force-directed picture; where people
    // were placed by hand, their arrangement stays and newcomers wait below it.
    if nobody_placed && (2..=SETTLE_MAX).contains(&unplaced) {
        settle(map, &mut out);
    }
    out
}

/// Maps of at most this many people, none placed, get a force-directed layout
/// (quadratic per step); bigger ones keep the group circles.
const SETTLE_MAX: usize = 400;
/// Force-directed steps.
const SETTLE_STEPS: usize = 300;
/// Roughly how wide a character of a label is, in view units.
const CHAR_WIDTH: f64 = 6.5;
/// How tall a label line is, with the dot above it.
const LABEL_HEIGHT: f64 = 34.0;

/// Moves people by Fruchterman–Reingold from their group circles, so ties pull
/// people together and everyone pushes everyone apart; then pushes apart names
/// that would print over each other. Saved positions never move. There is no
/// randomness: the same map gives the same picture.
fn settle(map: &MapSnapshot, out: &mut [Place]) {
    let n = out.len();
    let index: std::collections::HashMap<_, _> = map
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let ties: Vec<(usize, usize)> = map
        .relations
        .iter()
        .filter_map(|r| Some((*index.get(&r.from)?, *index.get(&r.to)?)))
        .collect();
    let k = SPACING;
    let mut temperature = SPACING * 2.0;
    let cooling = temperature / SETTLE_STEPS as f64;
    let mut shift = vec![(0.0_f64, 0.0_f64); n];
    for _ in 0..SETTLE_STEPS {
        shift.iter_mut().for_each(|s| *s = (0.0, 0.0));
        for a in 0..n {
            for b in a + 1..n {
                let (dx, dy) = (out[a].x - out[b].x, out[a].y - out[b].y);
                let d2 = (dx * dx + dy * dy).max(1.0);
                let push = k * k / d2;
                shift[a].0 += dx * push;
                shift[a].1 += dy * push;
                shift[b].0 -= dx * push;
                shift[b].1 -= dy * push;
            }
        }
        for &(a, b) in &ties {
            let (dx, dy) = (out[a].x - out[b].x, out[a].y - out[b].y);
            let pull = (dx * dx + dy * dy).sqrt() / k;
            shift[a].0 -= dx * pull;
            shift[a].1 -= dy * pull;
            shift[b].0 += dx * pull;
            shift[b].1 += dy * pull;
        }
        for (place, (sx, sy)) in out.iter_mut().zip(&shift) {
            let length = sx.hypot(*sy);
            if !place.saved && length > 0.0 {
                let step = length.min(temperature) / length;
                place.x += sx * step;
                place.y += sy * step;
            }
        }
        temperature -= cooling;
    }
    let widths: Vec<f64> = map
        .stakeholders
        .iter()
        .map(|p| p.name.chars().count() as f64 * CHAR_WIDTH + 12.0)
        .collect();
    for _ in 0..100 {
        let mut moved = false;
        for a in 0..n {
            for b in a + 1..n {
                let overlap_x = (widths[a] + widths[b]) / 2.0 - (out[a].x - out[b].x).abs();
                let overlap_y = LABEL_HEIGHT - (out[a].y - out[b].y).abs();
                if overlap_x <= 0.0 || overlap_y <= 0.0 {
                    continue;
                }
                // Part vertically (labels are wide); the upper one goes up.
                let sign = if out[a].y <= out[b].y { -1.0 } else { 1.0 };
                let (share_a, share_b) = match (out[a].saved, out[b].saved) {
                    (true, true) => continue,
                    (true, false) => (0.0, 1.0),
                    (false, true) => (1.0, 0.0),
                    (false, false) => (0.5, 0.5),
                };
                out[a].y += sign * overlap_y * share_a;
                out[b].y -= sign * overlap_y * share_b;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
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
    fn tied_people_end_up_closer_than_untied_ones_and_names_do_not_collide() {
        let mut map = snapshot((1..=12).map(|i| person(i, "G", None)).collect());
        let tie = |from: i64, to: i64| crate::model::Relation {
            id: crate::model::RelationId(0),
            from: StakeholderId(from),
            to: StakeholderId(to),
            kind: crate::model::RelationKind::Influences,
            strength: crate::model::Level::MEDIUM,
            note: String::new(),
        };
        map.relations = vec![tie(1, 7), tie(7, 2), tie(2, 8)];
        let p = places(&map);
        let d = |a: usize, b: usize| (p[a].x - p[b].x).hypot(p[a].y - p[b].y);
        assert!(d(0, 6) < d(0, 11), "a tie pulls P1 and P7 together");
        for a in 0..p.len() {
            for b in a + 1..p.len() {
                let apart_x = (p[a].x - p[b].x).abs() >= 3.0 * CHAR_WIDTH + 12.0 - 1e-6;
                let apart_y = (p[a].y - p[b].y).abs() >= LABEL_HEIGHT - 1e-6;
                assert!(apart_x || apart_y, "labels of {a} and {b} overlap");
            }
        }
        assert_eq!(p, places(&map), "deterministic");
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
