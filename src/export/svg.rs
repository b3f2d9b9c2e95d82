//! SVG pictures of the map, built as text with every name escaped: the network
//! (at the saved positions) and the Mendelow power/interest grid.
//!
//! Text uses the shipped DejaVu Sans (`assets/fonts/`), so the PNG renders the
//! same on every machine. People carry `data-id` so the HTML report can link the
//! pictures to its table.

use std::collections::HashMap;
use std::fmt::Write;

use super::group_picture::network_by_group;
use super::layout::places;
use super::style::{kind_style, node_radius, over_white, quadrant_shade, stance_hex};
use super::xml::{escape, truncate};
use super::{Reporter, View};
use crate::formats::groups::GROUP_LEVEL_ABOVE;
use crate::model::{MapSnapshot, Quadrant, RelationKind, StakeholderId, Stance};

/// The font every picture asks for; the PNG renderer has only this one.
pub const FONT: &str = "DejaVu Sans";

/// The shipped font [`FONT`] (its licence is beside it in `assets/fonts/`): the
/// one font the PNG and PDF renderers load, so every machine draws the same.
pub(super) const FONT_DATA: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// Names longer than this are shortened in pictures (the full name is the tooltip).
const LABEL_CHARS: usize = 28;
/// Above this many people, the network labels only the powerful (power ≥ 4).
const LABEL_ALL_UP_TO: usize = 300;
/// The widest or tallest the network drawing gets, in view units; bigger maps are
/// scaled down to fit.
const MAX_SIDE: f64 = 6000.0;

/// Maps with more ties than this draw them plain: solid lines in their kind's
/// colour (mixed over white, not see-through), no arrowheads, no anti-aliasing
/// (`shape-rendering="crispEdges"`). At that density dashes and arrows no longer
/// read, and dashes, arrows and blending were most of the time a PNG took.
const PLAIN_TIES_ABOVE: usize = 2_000;
/// How opaque a tie is drawn.
const TIE_OPACITY: f64 = 0.7;

/// The picture of `view` as a standalone SVG document.
pub(super) fn picture(map: &MapSnapshot, view: View, progress: &Reporter) -> String {
    match view {
        View::Network => network_picture(map, false, progress),
        View::FullNetwork => network_picture(map, true, progress),
        View::GroupNetwork => network_by_group(map, progress),
        View::Grid => grid(map),
    }
}

/// The network: everyone when `full` or when the map has at most
/// [`GROUP_LEVEL_ABOVE`] people, otherwise one disc per group.
pub(super) fn network_picture(map: &MapSnapshot, full: bool, progress: &Reporter) -> String {
    if drawn_by_group(map, full) {
        network_by_group(map, progress)
    } else {
        network(map, progress)
    }
}

/// True when [`network_picture`] draws `map` by group: above
/// [`GROUP_LEVEL_ABOVE`] people, unless everyone (`full`) was asked for.
pub(super) fn drawn_by_group(map: &MapSnapshot, full: bool) -> bool {
    !full && map.stakeholders.len() > GROUP_LEVEL_ABOVE
}

/// The network: people as dots coloured by stance and sized by power, ties styled
/// by kind, a title and a legend.
fn network(map: &MapSnapshot, progress: &Reporter) -> String {
    const MARGIN: f64 = 60.0;
    const HEADER: f64 = 50.0;
    const LEGEND: f64 = 70.0;
    let places = places(map);
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64);
    for (i, p) in places.iter().enumerate() {
        let (x, y) = (finite(p.x), finite(p.y));
        if i == 0 {
            (min_x, min_y, max_x, max_y) = (x, y, x, y);
        }
        (min_x, min_y) = (min_x.min(x), min_y.min(y));
        (max_x, max_y) = (max_x.max(x), max_y.max(y));
    }
    let scale = (MAX_SIDE / (max_x - min_x).max(1.0))
        .min(MAX_SIDE / (max_y - min_y).max(1.0))
        .min(1.0);
    let width = ((max_x - min_x) * scale + 2.0 * MARGIN).max(640.0).ceil();
    let height = ((max_y - min_y) * scale + 2.0 * MARGIN + HEADER + LEGEND).ceil();
    let at: Vec<(f64, f64)> = places
        .iter()
        .map(|p| {
            (
                MARGIN + (finite(p.x) - min_x) * scale,
                HEADER + MARGIN + (finite(p.y) - min_y) * scale,
            )
        })
        .collect();
    let index: HashMap<StakeholderId, usize> = map
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();

    let plain = map.relations.len() > PLAIN_TIES_ABOVE;
    let mut out = String::with_capacity(300 * (map.stakeholders.len() + map.relations.len()));
    open(&mut out, width, height, "Network of the map");
    out.push_str("<defs>");
    for kind in RelationKind::ALL {
        let (colour, _, arrow) = kind_style(kind);
        if arrow && !plain {
            let _ = write!(
                out,
                "<marker id=\"arrow-{kind}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
                 markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">\
                 <path d=\"M0,0L10,5L0,10z\" fill=\"{colour}\"/></marker>"
            );
        }
    }
    out.push_str("</defs>\n");
    title(&mut out, map);

    out.push_str(if plain {
        "<g class=\"ties\" shape-rendering=\"crispEdges\">\n"
    } else {
        "<g class=\"ties\">\n"
    });
    let mixed: Vec<String> = RelationKind::ALL
        .iter()
        .map(|&kind| over_white(kind_style(kind).0, TIE_OPACITY))
        .collect();
    let total = map.relations.len();
    for (n, r) in map.relations.iter().enumerate() {
        progress.item("drawing ties", n, total);
        let (Some(&a), Some(&b)) = (index.get(&r.from), index.get(&r.to)) else {
            continue;
        };
        let ((x1, y1), (x2, y2)) = (at[a], at[b]);
        let length = (x2 - x1).hypot(y2 - y1);
        if length < 1e-6 {
            continue;
        }
        // Stop the line at the edge of the target's dot so the arrow shows.
        let cut = node_radius(map.stakeholders[b].power.value()) / length;
        let (x2, y2) = (x2 - (x2 - x1) * cut, y2 - (y2 - y1) * cut);
        let (colour, dash, arrow) = kind_style(r.kind);
        let width = 0.5 + 0.4 * f64::from(r.strength.value());
        if plain {
            let kind = RelationKind::ALL.iter().position(|&k| k == r.kind);
            let colour = &mixed[kind.unwrap_or(0)];
            let _ = writeln!(
                out,
                "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" \
                 stroke=\"{colour}\" stroke-width=\"{width:.1}\"/>"
            );
            continue;
        }
        let _ = write!(
            out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{colour}\" \
             stroke-width=\"{width:.1}\" stroke-opacity=\"{TIE_OPACITY}\""
        );
        if !dash.is_empty() {
            let _ = write!(out, " stroke-dasharray=\"{dash}\"");
        }
        if arrow {
            let _ = write!(out, " marker-end=\"url(#arrow-{})\"", r.kind);
        }
        out.push_str("/>\n");
    }
    progress.item("drawing ties", total, total);
    out.push_str("</g>\n<g class=\"people\">\n");
    let label_all = map.stakeholders.len() <= LABEL_ALL_UP_TO;
    let total = map.stakeholders.len();
    for (i, p) in map.stakeholders.iter().enumerate() {
        progress.item("drawing people", i, total);
        let (x, y) = at[i];
        let r = node_radius(p.power.value());
        let name = escape(&p.name);
        let _ = write!(
            out,
            "<g class=\"node\" data-id=\"{}\"><title>{name} ({})</title>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
            p.id.0,
            p.stance.label(),
            stance_hex(p.stance),
            if p.advocate { "#1b2631" } else { "#ffffff" },
            if p.advocate { 3 } else { 1 },
        );
        if label_all || p.power.value() >= 4 {
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" \
                 stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" \
                 paint-order=\"stroke\">{}</text>",
                y + r + 14.0,
                escape(&truncate(&p.name, LABEL_CHARS))
            );
        }
        out.push_str("</g>\n");
    }
    progress.item("drawing people", total, total);
    out.push_str("</g>\n");
    legend(&mut out, height - LEGEND + 10.0, plain);
    out.push_str("</svg>\n");
    out
}

/// The quadrant names of the grid, as (power high, interest high) → name.
/// A rating of 4 or 5 counts as high (the design's "power ≥ 4").
const QUADRANTS: [(bool, bool, &str); 4] = [
    (true, true, "Manage closely"),
    (true, false, "Keep satisfied"),
    (false, true, "Keep informed"),
    (false, false, "Monitor"),
];

/// The Mendelow grid: interest across, power up, one cell per rating pair listing
/// its people (the first few by name, then a count), the four quadrants shaded.
pub(super) fn grid(map: &MapSnapshot) -> String {
    const CELL_W: f64 = 190.0;
    const CELL_H: f64 = 130.0;
    const LEFT: f64 = 90.0;
    const TOP: f64 = 60.0;
    const LINE: f64 = 16.0;
    // Five names and a "+N more" line end above the quadrant's name in the
    // corner cell.
    const SHOWN: usize = 5;
    let width = LEFT + 5.0 * CELL_W + 30.0;
    let height = TOP + 5.0 * CELL_H + 80.0;
    let mut out = String::new();
    open(&mut out, width, height, "Power and interest grid");
    title(&mut out, map);
    let cell_x = |interest: u8| LEFT + f64::from(interest - 1) * CELL_W;
    let cell_y = |power: u8| TOP + f64::from(5 - power) * CELL_H;
    for (power_high, interest_high, name) in QUADRANTS {
        let (x, w) = if interest_high {
            (cell_x(4), 2.0 * CELL_W)
        } else {
            (cell_x(1), 3.0 * CELL_W)
        };
        let (y, h) = if power_high {
            (cell_y(5), 2.0 * CELL_H)
        } else {
            (cell_y(3), 3.0 * CELL_H)
        };
        let shade = quadrant_shade(Quadrant::at(
            if power_high { 5 } else { 1 },
            if interest_high { 5 } else { 1 },
        ));
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{shade}\" stroke=\"#7f8c8d\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"end\" \
             fill=\"#566573\">{name}</text>",
            x + w - 8.0,
            y + h - 8.0
        );
    }
    for i in 1..=5u8 {
        let label = crate::model::Level::new(i64::from(i), "level")
            .map(|l| l.label())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{i} {label}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{i} {label}</text>",
            cell_x(i) + CELL_W / 2.0,
            TOP + 5.0 * CELL_H + 18.0,
            LEFT - 6.0,
            cell_y(i) + CELL_H / 2.0
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"14\" text-anchor=\"middle\">Interest →</text>\
         <text x=\"20\" y=\"{:.1}\" font-size=\"14\" text-anchor=\"middle\" \
         transform=\"rotate(-90 20 {:.1})\">Power →</text>",
        LEFT + 2.5 * CELL_W,
        TOP + 5.0 * CELL_H + 42.0,
        TOP + 2.5 * CELL_H,
        TOP + 2.5 * CELL_H
    );
    let mut cells: HashMap<(u8, u8), Vec<usize>> = HashMap::new();
    for (i, p) in map.stakeholders.iter().enumerate() {
        cells
            .entry((p.interest.value(), p.power.value()))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<(u8, u8)> = cells.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let people = &cells[&key];
        let (x, y) = (cell_x(key.0) + 8.0, cell_y(key.1) + 8.0);
        for (line, &i) in people.iter().take(SHOWN).enumerate() {
            let p = &map.stakeholders[i];
            let ty = y + LINE * line as f64 + 8.0;
            let _ = writeln!(
                out,
                "<g class=\"node\" data-id=\"{}\"><title>{}</title>\
                 <circle cx=\"{:.1}\" cy=\"{ty:.1}\" r=\"5\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text></g>",
                p.id.0,
                escape(&p.name),
                x + 5.0,
                stance_hex(p.stance),
                x + 14.0,
                ty + 4.0,
                escape(&truncate(&p.name, 24))
            );
        }
        if people.len() > SHOWN {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#566573\">+{} more</text>",
                x + 14.0,
                y + LINE * SHOWN as f64 + 12.0,
                people.len() - SHOWN
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Opens the `<svg>` element with the picture's size and accessible name.
pub(super) fn open(out: &mut String, width: f64, height: f64, label: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONT}, sans-serif\" role=\"img\" \
         aria-label=\"{label}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    );
}

/// The map's name and change at the top of a picture.
pub(super) fn title(out: &mut String, map: &MapSnapshot) {
    let _ = writeln!(
        out,
        "<text x=\"20\" y=\"30\" font-size=\"20\" font-weight=\"bold\">{}</text>\
         <text x=\"20\" y=\"48\" font-size=\"12\" fill=\"#566573\">{}</text>",
        escape(&truncate(&map.info.name, 80)),
        escape(&truncate(&map.info.change, 140))
    );
}

/// The stance colours in one row at `y`, and the tie styles in a row below it
/// (solid, and saying so, when the ties are drawn `plain`).
fn legend(out: &mut String, y: f64, plain: bool) {
    stance_legend(out, y);
    let (y, mut x) = (y + 24.0, 20.0);
    for kind in RelationKind::ALL {
        let (colour, dash, _) = kind_style(kind);
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\" \
             stroke-dasharray=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            x + 30.0,
            if dash.is_empty() || plain {
                "none"
            } else {
                dash
            },
            x + 36.0,
            y + 4.0,
            kind.as_str().replace('_', " ")
        );
        x += 125.0;
    }
    if plain {
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{}\" font-size=\"11\">(so many ties: drawn solid, without \
             arrowheads)</text>",
            y + 4.0
        );
    }
    out.push('\n');
}

/// The stance colours, in one row at `y`.
pub(super) fn stance_legend(out: &mut String, y: f64) {
    let mut x = 20.0;
    for level in -2..=2 {
        let stance = Stance::new(level).expect("levels -2..2 are stances");
        let _ = write!(
            out,
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"6\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            stance_hex(stance),
            x + 10.0,
            y + 4.0,
            stance.label()
        );
        x += 125.0;
    }
}
