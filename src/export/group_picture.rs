//! The network by group, for maps too big to draw person by person: one disc
//! per group (org unit) at the centre of its people's places, sized by
//! headcount, a pie of its stance mix, its name and headcount; one line per pair
//! of groups, as wide as the ties between them are many, in the conflict colour
//! when most of them are conflicts. Names are escaped like every picture's.

use std::f64::consts::{FRAC_PI_2, TAU};
use std::fmt::Write;

use super::Reporter;
use super::style::{kind_style, stance_hex};
use super::svg::{open, stance_legend, title};
use super::xml::{escape, truncate};
use crate::formats::groups::{GroupDto, GroupMapDto};
use crate::model::{MapSnapshot, RelationKind, Stance};

/// A group's disc radius per square root of its headcount, in layout units: below
/// the layout's own spread of a group's people, so neighbouring discs stay apart.
const DISC_PER_ROOT: f64 = 40.0;
/// The smallest disc drawn, in picture units.
const MIN_DISC: f64 = 6.0;
/// The widest or tallest the drawing gets, in picture units.
const MAX_SIDE: f64 = 2400.0;
/// Group names longer than this are shortened (the full name is the tooltip).
const LABEL_CHARS: usize = 32;
/// The widest line between two groups, in picture units.
const MAX_LINK_WIDTH: f64 = 12.0;

/// The network at group level as a standalone SVG document.
pub(super) fn network_by_group(map: &MapSnapshot, progress: &Reporter) -> String {
    const MARGIN: f64 = 80.0;
    const HEADER: f64 = 50.0;
    const LEGEND: f64 = 70.0;
    let summary = GroupMapDto::of(map);
    let groups = &summary.groups;
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let reach = |g: &GroupDto| DISC_PER_ROOT * (g.members.len() as f64).sqrt();
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    for (i, g) in groups.iter().enumerate() {
        let (x, y, r) = (finite(g.x), finite(g.y), reach(g));
        if i == 0 {
            (min_x, min_y, max_x, max_y) = (x - r, y - r, x + r, y + r);
        }
        (min_x, min_y) = (min_x.min(x - r), min_y.min(y - r));
        (max_x, max_y) = (max_x.max(x + r), max_y.max(y + r));
    }
    let scale = (MAX_SIDE / (max_x - min_x).max(1.0))
        .min(MAX_SIDE / (max_y - min_y).max(1.0))
        .min(1.0);
    let width = ((max_x - min_x) * scale + 2.0 * MARGIN).max(640.0).ceil();
    let height = ((max_y - min_y) * scale + 2.0 * MARGIN + HEADER + LEGEND).ceil();
    let at = |g: &GroupDto| {
        (
            MARGIN + (finite(g.x) - min_x) * scale,
            HEADER + MARGIN + (finite(g.y) - min_y) * scale,
            (reach(g) * scale).max(MIN_DISC),
        )
    };
    let index: std::collections::HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.key.as_str(), i))
        .collect();

    let mut out = String::with_capacity(600 * groups.len() + 160 * summary.links.len());
    open(&mut out, width, height, "Network of the map, by group");
    title(&mut out, map);
    out.push_str("<g class=\"links\">\n");
    let most = summary
        .links
        .iter()
        .map(|l| l.ties)
        .max()
        .unwrap_or(1)
        .max(1);
    let (conflict, _, _) = kind_style(RelationKind::Conflict);
    let (plain, _, _) = kind_style(RelationKind::Influences);
    let total = summary.links.len();
    for (n, link) in summary.links.iter().enumerate() {
        progress.item("drawing links between groups", n, total);
        let (Some(&a), Some(&b)) = (index.get(link.a.as_str()), index.get(link.b.as_str())) else {
            continue;
        };
        let ((x1, y1, _), (x2, y2, _)) = (at(&groups[a]), at(&groups[b]));
        let colour = if 2 * link.conflicts > link.ties {
            conflict
        } else {
            plain
        };
        let _ = writeln!(
            out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{colour}\" \
             stroke-width=\"{:.1}\" stroke-opacity=\"0.45\"><title>{} ties ({} conflicts)</title></line>",
            1.0 + (MAX_LINK_WIDTH - 1.0) * (f64::from(link.ties) / f64::from(most)).sqrt(),
            link.ties,
            link.conflicts
        );
    }
    progress.item("drawing links between groups", total, total);
    out.push_str("</g>\n<g class=\"groups\">\n");
    let total = groups.len();
    for (n, g) in groups.iter().enumerate() {
        progress.item("drawing groups", n, total);
        let (x, y, r) = at(g);
        let name = escape(&g.name);
        let headcount = g.members.len();
        let _ = write!(
            out,
            "<g class=\"group\" data-group=\"{}\"><title>{name}: {headcount} {}</title>",
            escape(&g.key),
            if headcount == 1 { "person" } else { "people" },
        );
        pie(&mut out, x, y, r, &g.stances);
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"none\" stroke=\"#1b2631\" \
             stroke-width=\"1\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" \
             stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\
             {} ({headcount})</text></g>",
            y + r + 15.0,
            escape(&truncate(&g.name, LABEL_CHARS)),
        );
    }
    progress.item("drawing groups", total, total);
    out.push_str("</g>\n");
    let y = height - LEGEND + 10.0;
    stance_legend(&mut out, y);
    let _ = writeln!(
        out,
        "<text x=\"20\" y=\"{:.1}\" font-size=\"11\">By group: {} groups of {} people. Each disc \
         is a group, sized by headcount, its stance mix as a pie; a line sums the ties between \
         two groups (wider for more, red when most are conflicts). Export the full network to \
         draw everyone.</text>",
        y + 28.0,
        groups.len(),
        summary.people
    );
    out.push_str("</svg>\n");
    out
}

/// A pie of `stances` (counts from Active resistance to Champion) filling the
/// disc at (`x`, `y`), clockwise from the top.
fn pie(out: &mut String, x: f64, y: f64, r: f64, stances: &[u32; 5]) {
    let total: u32 = stances.iter().sum();
    let colour = |i: usize| stance_hex(Stance::new(i as i64 - 2).expect("levels -2..2"));
    if let Some(only) = stances.iter().position(|&c| c == total) {
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\"/>",
            colour(only)
        );
        return;
    }
    let point = |angle: f64| (x + r * angle.cos(), y + r * angle.sin());
    let mut angle = -FRAC_PI_2;
    for (i, &count) in stances.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let sweep = TAU * f64::from(count) / f64::from(total);
        let ((x0, y0), (x1, y1)) = (point(angle), point(angle + sweep));
        let large = u8::from(sweep > std::f64::consts::PI);
        let _ = write!(
            out,
            "<path d=\"M{x:.1},{y:.1}L{x0:.1},{y0:.1}A{r:.1},{r:.1} 0 {large} 1 {x1:.1},{y1:.1}Z\" \
             fill=\"{}\"/>",
            colour(i)
        );
        angle += sweep;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pie_has_one_slice_per_stance_held_and_one_stance_is_a_whole_disc() {
        let mut out = String::new();
        pie(&mut out, 0.0, 0.0, 10.0, &[1, 0, 2, 0, 1]);
        assert_eq!(out.matches("<path").count(), 3);
        let mut whole = String::new();
        pie(&mut whole, 0.0, 0.0, 10.0, &[0, 0, 0, 4, 0]);
        assert!(whole.starts_with("<circle") && !whole.contains("<path"));
    }
}
