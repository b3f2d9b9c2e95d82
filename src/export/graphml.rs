//! GraphML (networkx, yEd, Cytoscape): every attribute as a typed key, the
//! positions as `x` and `y`.

use std::fmt::Write;

use super::Reporter;
use super::attributes::{PERSON, TIE, person_values, tie_values};
use super::gexf::number;
use super::layout::places;
use super::sink::Chunked;
use super::xml::escape;
use crate::model::MapSnapshot;

/// The GraphML document of the map. People without a saved position get the
/// deterministic layout's, and `position_saved` says which is which.
pub(super) fn write(
    map: &MapSnapshot,
    progress: &Reporter,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = Chunked::new(sink);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n  \
         <key id=\"g_name\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>\n  \
         <key id=\"g_change\" for=\"graph\" attr.name=\"change\" attr.type=\"string\"/>\n  \
         <key id=\"g_description\" for=\"graph\" attr.name=\"description\" attr.type=\"string\"/>\n  \
         <key id=\"n_name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n",
    );
    for (name, kind) in PERSON {
        let _ = writeln!(
            out,
            "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{}\"/>",
            kind.graphml()
        );
    }
    out.push_str(
        "  <key id=\"n_x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n  \
         <key id=\"n_y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>\n  \
         <key id=\"n_position_saved\" for=\"node\" attr.name=\"position_saved\" attr.type=\"boolean\"/>\n",
    );
    for (name, kind) in TIE {
        let _ = writeln!(
            out,
            "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{}\"/>",
            kind.graphml()
        );
    }
    let _ = write!(
        out,
        "  <graph id=\"G\" edgedefault=\"directed\">\n    <data key=\"g_name\">{}</data>\n    \
         <data key=\"g_change\">{}</data>\n    <data key=\"g_description\">{}</data>\n",
        escape(&map.info.name),
        escape(&map.info.change),
        escape(&map.info.description)
    );
    let total = map.stakeholders.len();
    for (i, (p, place)) in map.stakeholders.iter().zip(places(map)).enumerate() {
        progress.item("writing people", i, total);
        let _ = writeln!(
            out,
            "    <node id=\"n{}\">\n      <data key=\"n_name\">{}</data>",
            p.id.0,
            escape(&p.name)
        );
        for ((name, _), value) in PERSON.iter().zip(person_values(p)) {
            let _ = writeln!(
                out,
                "      <data key=\"n_{name}\">{}</data>",
                escape(&value)
            );
        }
        let _ = write!(
            out,
            "      <data key=\"n_x\">{}</data>\n      <data key=\"n_y\">{}</data>\n      \
             <data key=\"n_position_saved\">{}</data>\n    </node>\n",
            number(place.x),
            number(place.y),
            place.saved
        );
    }
    progress.item("writing people", total, total);
    let total = map.relations.len();
    for (i, r) in map.relations.iter().enumerate() {
        progress.item("writing relations", i, total);
        let _ = writeln!(
            out,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">",
            r.id.0, r.from.0, r.to.0
        );
        for ((name, _), value) in TIE.iter().zip(tie_values(r)) {
            let _ = writeln!(
                out,
                "      <data key=\"e_{name}\">{}</data>",
                escape(&value)
            );
        }
        out.push_str("    </edge>\n");
    }
    progress.item("writing relations", total, total);
    out.push_str("  </graph>\n</graphml>\n");
    out.finish()
}
