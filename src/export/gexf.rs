//! GEXF 1.2 (Gephi's format): every attribute, the positions as `viz:position`,
//! stance as `viz:color` and power as `viz:size`.

use std::borrow::Cow;
use std::fmt::Write;

use super::Reporter;
use super::attributes::{PERSON, TIE, person_values, tie_values};
use super::layout::places;
use super::sink::Chunked;
use super::style::{node_radius, stance_rgb};
use super::xml::escape;
use crate::model::MapSnapshot;

/// The GEXF document of the map. People without a saved position get the
/// deterministic layout's, and `position_saved` says which is which.
/// The meta's description is the map's name, then its description (where a
/// pseudonymous export states its k-anonymity).
pub(super) fn write(
    map: &MapSnapshot,
    progress: &Reporter,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = Chunked::new(sink);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gexf xmlns=\"http://www.gexf.net/1.2draft\" \
         xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n",
    );
    let _ = write!(
        out,
        "  <meta lastmodifieddate=\"{}\">\n    <creator>Coalition</creator>\n    \
         <description>{}</description>\n  </meta>\n",
        map.info.updated.format("%Y-%m-%d"),
        escape(&described(map))
    );
    out.push_str("  <graph mode=\"static\" defaultedgetype=\"directed\">\n");
    out.push_str("    <attributes class=\"node\">\n");
    for (name, kind) in PERSON {
        let _ = writeln!(
            out,
            "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
            kind.gexf()
        );
    }
    out.push_str(
        "      <attribute id=\"position_saved\" title=\"position_saved\" type=\"boolean\"/>\n",
    );
    out.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (name, kind) in TIE {
        let _ = writeln!(
            out,
            "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
            kind.gexf()
        );
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    let total = map.stakeholders.len();
    for (i, (p, place)) in map.stakeholders.iter().zip(places(map)).enumerate() {
        progress.item("writing people", i, total);
        let _ = writeln!(
            out,
            "      <node id=\"n{}\" label=\"{}\">\n        <attvalues>",
            p.id.0,
            attr(&p.name)
        );
        for ((name, _), value) in PERSON.iter().zip(person_values(p)) {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{name}\" value=\"{}\"/>",
                attr(&value)
            );
        }
        let (r, g, b) = stance_rgb(p.stance);
        let _ = write!(
            out,
            "          <attvalue for=\"position_saved\" value=\"{}\"/>\n        </attvalues>\n        \
             <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n        \
             <viz:position x=\"{}\" y=\"{}\" z=\"0.0\"/>\n        \
             <viz:size value=\"{}\"/>\n      </node>\n",
            place.saved,
            number(place.x),
            number(place.y),
            node_radius(p.power.value())
        );
    }
    progress.item("writing people", total, total);
    out.push_str("    </nodes>\n    <edges>\n");
    let total = map.relations.len();
    for (i, r) in map.relations.iter().enumerate() {
        progress.item("writing relations", i, total);
        let _ = writeln!(
            out,
            "      <edge id=\"e{}\" source=\"n{}\" target=\"n{}\" label=\"{}\" weight=\"{}\">\n        <attvalues>",
            r.id.0,
            r.from.0,
            r.to.0,
            r.kind.as_str(),
            r.strength
        );
        for ((name, _), value) in TIE.iter().zip(tie_values(r)) {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{name}\" value=\"{}\"/>",
                attr(&value)
            );
        }
        out.push_str("        </attvalues>\n      </edge>\n");
    }
    progress.item("writing relations", total, total);
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out.finish()
}

/// Text for a quoted attribute value. Beyond [`escape`], tabs and line breaks
/// become character references: a reader normalises literal ones in attribute
/// values to spaces (XML 1.0 §3.3.3), so notes would lose their lines.
fn attr(text: &str) -> Cow<'_, str> {
    let escaped = escape(text);
    if !escaped.contains(['\t', '\n', '\r']) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        match c {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A coordinate as text: finite numbers as Rust prints them (shortest exact), anything
/// else as 0 so the file stays valid.
pub(super) fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v:?}")
    } else {
        "0.0".into()
    }
}

/// The map's name, and its description after a colon when it has one.
fn described(map: &MapSnapshot) -> String {
    let description = map.info.description.trim();
    if description.is_empty() {
        map.info.name.clone()
    } else {
        format!("{}: {description}", map.info.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MapInfo, Stakeholder, StakeholderId};
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;

    /// Every `attvalue for="notes"` and node label, as an XML reader gives them
    /// (attribute values normalised as the XML spec says).
    fn read_back(xml: &[u8]) -> (Vec<String>, Vec<String>) {
        let mut reader = quick_xml::Reader::from_reader(xml);
        let (mut notes, mut labels) = (Vec::new(), Vec::new());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).unwrap() {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    let get = |key: &[u8]| {
                        e.attributes()
                            .map(|a| a.unwrap())
                            .find(|a| a.key.as_ref().as_bytes() == key)
                            .map(|a| {
                                a.normalized_value(XmlVersion::Explicit1_0)
                                    .unwrap()
                                    .into_owned()
                            })
                    };
                    match e.name().as_ref().as_bytes() {
                        b"attvalue" if get(b"for").as_deref() == Some("notes") => {
                            notes.extend(get(b"value"));
                        }
                        b"node" => labels.extend(get(b"label")),
                        _ => {}
                    }
                }
                _ => {}
            }
            buf.clear();
        }
        (notes, labels)
    }

    #[test]
    fn line_breaks_and_tabs_in_notes_survive_a_reader() {
        let mut ana = Stakeholder::new("Ana & Lee").unwrap();
        ana.id = StakeholderId(1);
        ana.notes = "first line\nsecond\r\nthird\tcolumn & <more>".into();
        let map = MapSnapshot {
            info: MapInfo {
                name: "m".into(),
                change: String::new(),
                description: String::new(),
                created: chrono::DateTime::UNIX_EPOCH,
                updated: chrono::DateTime::UNIX_EPOCH,
            },
            stakeholders: vec![ana],
            relations: vec![],
            engagements: vec![],
            stance_history: vec![],
        };
        let mut xml = Vec::new();
        write(&map, &Reporter { callback: None }, &mut xml).unwrap();
        let (notes, labels) = read_back(&xml);
        assert_eq!(notes, ["first line\nsecond\r\nthird\tcolumn & <more>"]);
        assert_eq!(labels, ["Ana & Lee"]);
    }
}
