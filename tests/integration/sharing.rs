//! Import and export: round trips, the schema, spreadsheet safety, graph files,
//! picture determinism, privacy profiles and merging.

use std::path::Path;

use coalition::export::{ExportFile, ExportOptions, Format, Profile, View, export};
use coalition::formats::json::MapDto;
use coalition::import::{ImportOptions, read_files};
use coalition::model::{Engagement, EngagementId, Field, Level, RelationKind, Stakeholder, Stance};
use coalition::store::MapFile;

use crate::support::{cli, export as json_of, relation, stderr, temp_map};

/// Names no other text of the test map contains, so a search for them is exact.
pub const NAMES: [&str; 6] = [
    "Dana Ortiz",
    "Erik Lindqvist",
    "Zoë Brandt",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://x\")",
];
/// Text that only notes, relation notes and summaries contain.
pub const SECRETS: [&str; 3] = ["secret-note-xyz", "tie-secret-note", "summary-secret-abc"];

/// A map with hostile names, notes, positions for some, ties of every kind and a
/// conversation; Dana Ortiz is the advocate.
pub fn hostile_map(path: &Path) -> MapFile {
    let mut map = MapFile::create(path, "<b>Keystone</b> & co", "=1+1 change").unwrap();
    let mut ids = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        let mut p = Stakeholder::new(name).unwrap();
        p.set(
            Field::Role,
            ["Finance lead", "-Plant manager", "@Buyer"][i % 3],
        )
        .unwrap();
        p.set(Field::Group, ["Finance", "Operations"][i % 2])
            .unwrap();
        p.set(Field::Notes, &format!("{} +cmd\n\t=2", SECRETS[0]))
            .unwrap();
        p.set(Field::Tags, "+tag; exec").unwrap();
        p.stance = Stance::new(i as i64 % 5 - 2).unwrap();
        p.power = Level::new(i as i64 % 5 + 1, "power").unwrap();
        p.advocate = i == 0;
        if i % 2 == 0 {
            p.position = Some((100.0 * i as f64, 40.5 * i as f64));
        }
        ids.push(map.add_stakeholder(&p).unwrap().id);
    }
    for (i, kind) in RelationKind::ALL.into_iter().enumerate() {
        let mut r = relation(ids[i], kind, ids[i + 1]);
        r.note = format!("={} {}", SECRETS[1], i);
        map.add_relation(&r).unwrap();
    }
    map.add_engagement(&Engagement {
        id: EngagementId(0),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        stakeholder: ids[1],
        held_by: Some(ids[0]),
        channel: "meeting".into(),
        summary: format!("-{}", SECRETS[2]),
        stance_before: Some(Stance::new(-1).unwrap()),
        stance_after: Some(Stance::new(1).unwrap()),
        next_step: "@follow up".into(),
        next_step_due: None,
    })
    .unwrap();
    map
}

fn options(format: Format, view: View, profile: Profile) -> ExportOptions {
    ExportOptions {
        format,
        view,
        profile,
        advocate: None,
    }
}

/// Every file of every format and view, for one profile.
pub fn every_export(map: &MapFile, profile: Profile) -> Vec<ExportFile> {
    let snapshot = map.snapshot().unwrap();
    let mut files = Vec::new();
    for format in Format::ALL {
        for view in [View::Network, View::Grid] {
            if view == View::Grid && !matches!(format, Format::Svg | Format::Png | Format::Pdf) {
                continue;
            }
            files.extend(export(&snapshot, &options(format, view, profile), None).unwrap());
        }
    }
    files
}

/// The bytes of an export as a reader sees them: a workbook's parts unzipped,
/// a PDF's streams decompressed, any other file as it is.
pub fn unpacked(file: &ExportFile) -> Vec<u8> {
    if file.name.ends_with(".xlsx") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&file.bytes)).unwrap();
        let mut all = Vec::new();
        for i in 0..zip.len() {
            std::io::Read::read_to_end(&mut zip.by_index(i).unwrap(), &mut all).unwrap();
        }
        all
    } else if file.name.ends_with(".pdf") {
        crate::pdf::read(&file.bytes).1
    } else {
        file.bytes.clone()
    }
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn json_export_then_import_into_an_empty_map_is_byte_identical() {
    let (dir, path) = temp_map();
    let demo_path = dir.path().join("demo.coalition");
    drop(coalition::demo::write_demo(&demo_path).unwrap());
    drop(hostile_map(&path));
    for source in [&demo_path, &path] {
        let before = json_of(source);
        let file = write_file(dir.path(), "map.json", before.as_bytes());
        let target = dir.path().join("copy.coalition");
        let _ = std::fs::remove_file(&target);
        let mut copy = MapFile::create(&target, "Empty", "").unwrap();
        let batch = read_files(&[file], None).unwrap();
        let preview = copy
            .import_batch(&batch, &ImportOptions::default())
            .unwrap();
        assert!(preview.restores_map);
        drop(copy);
        assert_eq!(
            json_of(&target),
            before,
            "round trip of {}",
            source.display()
        );
    }
}

#[test]
fn json_exports_validate_against_the_shipped_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/map.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (dir, path) = temp_map();
    let demo = coalition::demo::write_demo(&dir.path().join("demo.coalition")).unwrap();
    let hostile = hostile_map(&path);
    for map in [&demo, &hostile] {
        for profile in Profile::ALL {
            let snapshot = map.snapshot().unwrap();
            let files = export(
                &snapshot,
                &options(Format::Json, View::Network, profile),
                None,
            )
            .unwrap();
            let value: serde_json::Value = serde_json::from_slice(&files[0].bytes).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{profile}: {errors:?}");
        }
    }
    let mut wrong =
        serde_json::to_value(MapDto::from_snapshot(&hostile.snapshot().unwrap())).unwrap();
    wrong["stakeholders"][0]["power"] = 9.into();
    assert!(!validator.is_valid(&wrong), "the schema checks ranges");
}

#[test]
fn json_import_refuses_other_formats_and_newer_versions_and_changes_nothing() {
    let (dir, path) = temp_map();
    drop(hostile_map(&path));
    let before = json_of(&path);
    let mut newer: serde_json::Value = serde_json::from_str(&before).unwrap();
    newer["version"] = 2.into();
    let newer = write_file(dir.path(), "newer.json", newer.to_string().as_bytes());
    let other = write_file(
        dir.path(),
        "other.json",
        br#"{"format":"kumu","version":1}"#,
    );
    let p = path.to_str().unwrap();
    let out = cli(&["import", p, newer.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("newer.json was made by a newer Coalition (map format version 2)"),
        "{}",
        stderr(&out)
    );
    let out = cli(&["import", p, other.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("other.json is not a Coalition map"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json_of(&path), before);
}

#[test]
fn csv_exports_are_spreadsheet_safe_and_import_back() {
    let (dir, path) = temp_map();
    let map = hostile_map(&path);
    let files = export(
        &map.snapshot().unwrap(),
        &options(Format::Csv, View::Network, Profile::Full),
        None,
    )
    .unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["people.csv", "relations.csv", "engagements.csv"]);
    let mut risky_cells = 0;
    for f in &files {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(f.bytes.as_slice());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !formula || cell.parse::<f64>().is_ok(),
                    "{}: cell {cell:?} would run as a formula",
                    f.name
                );
                risky_cells += usize::from(cell.starts_with("'"));
            }
        }
    }
    assert!(
        risky_cells >= 10,
        "the map has many formula-like cells: {risky_cells}"
    );
    let paths: Vec<_> = files
        .iter()
        .map(|f| write_file(dir.path(), &f.name, &f.bytes))
        .collect();
    let target = dir.path().join("from-csv.coalition");
    let mut copy = MapFile::create(&target, "Copy", "").unwrap();
    copy.import_batch(
        &read_files(&paths, None).unwrap(),
        &ImportOptions::default(),
    )
    .unwrap();
    let (a, b) = (map.snapshot().unwrap(), copy.snapshot().unwrap());
    for (x, y) in a.stakeholders.iter().zip(&b.stakeholders) {
        for field in Field::ALL {
            assert_eq!(x.get(field), y.get(field), "{field} of {}", x.name);
        }
    }
    assert_eq!(a.relations.len(), b.relations.len());
    assert_eq!(b.engagements[0].summary, a.engagements[0].summary);
}

/// The text of every element and attribute value of an XML document, after
/// checking it is well-formed; panics on malformed XML.
pub fn xml_strings(doc: &[u8]) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(doc);
    let (mut elements, mut strings, mut text) = (Vec::new(), Vec::new(), String::new());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                text.clear();
                elements.push(e.name().as_ref().to_string());
                for a in e.attributes() {
                    let a = a.unwrap();
                    strings.push(
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    );
                }
            }
            Event::Text(t) => text.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) => {
                let entity = format!("&{};", r.into_inner());
                text.push_str(&quick_xml::escape::unescape(&entity).unwrap());
            }
            Event::End(_) => strings.push(std::mem::take(&mut text)),
            _ => {}
        }
        buf.clear();
    }
    (elements, strings)
}

#[test]
fn gexf_and_graphml_are_well_formed_and_carry_names_attributes_and_positions() {
    let (_dir, path) = temp_map();
    let map = hostile_map(&path);
    let snapshot = map.snapshot().unwrap();
    for format in [Format::Gexf, Format::Graphml] {
        let file = &export(
            &snapshot,
            &options(format, View::Network, Profile::Full),
            None,
        )
        .unwrap()[0];
        let (elements, strings) = xml_strings(&file.bytes);
        assert!(
            !elements.iter().any(|e| e == "script" || e == "img"),
            "{format}"
        );
        for name in NAMES {
            assert!(strings.iter().any(|s| s == name), "{format} lacks {name}");
        }
        assert!(
            strings.iter().any(|s| s.contains(SECRETS[0])),
            "{format}: notes"
        );
        assert!(strings.iter().any(|s| s == "reports_to"), "{format}: kinds");
        assert!(strings.iter().any(|s| s == "200.0"), "{format}: saved x");
        assert!(strings.iter().any(|s| s == "81.0"), "{format}: saved y");
    }
}

#[test]
fn networkx_reads_gexf_and_graphml() {
    let python = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    assert!(
        python.is_ok_and(|o| o.status.success()),
        "python3 with networkx is missing: `scripts/install-deps.sh test` installs it"
    );
    let (dir, path) = temp_map();
    let map = hostile_map(&path);
    let snapshot = map.snapshot().unwrap();
    let gexf = &export(
        &snapshot,
        &options(Format::Gexf, View::Network, Profile::Full),
        None,
    )
    .unwrap()[0];
    let graphml = &export(
        &snapshot,
        &options(Format::Graphml, View::Network, Profile::Full),
        None,
    )
    .unwrap()[0];
    let gexf = write_file(dir.path(), "map.gexf", &gexf.bytes);
    let graphml = write_file(dir.path(), "map.graphml", &graphml.bytes);
    let script = r#"
import json, sys
import networkx as nx
g = nx.read_gexf(sys.argv[1])
h = nx.read_graphml(sys.argv[2])
out = {
  "gexf_nodes": g.number_of_nodes(), "gexf_edges": g.number_of_edges(),
  "gexf_labels": sorted(d["label"] for _, d in g.nodes(data=True)),
  "gexf_power": sorted(d["power"] for _, d in g.nodes(data=True)),
  "gexf_x": sorted(d["viz"]["position"]["x"] for _, d in g.nodes(data=True)),
  "graphml_names": sorted(d["name"] for _, d in h.nodes(data=True)),
  "graphml_edges": h.number_of_edges(),
  "graphml_kinds": sorted(d["kind"] for _, _, d in h.edges(data=True)),
  "graphml_advocates": sum(1 for _, d in h.nodes(data=True) if d["advocate"] is True),
}
print(json.dumps(out))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&gexf)
        .arg(&graphml)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<&str> = NAMES.to_vec();
    names.sort();
    assert_eq!(got["gexf_nodes"], 6);
    assert_eq!(got["gexf_edges"], 5);
    assert_eq!(got["gexf_labels"], serde_json::json!(names));
    assert_eq!(got["graphml_names"], serde_json::json!(names));
    assert_eq!(got["gexf_power"], serde_json::json!([1, 1, 2, 3, 4, 5]));
    assert!(
        got["gexf_x"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(400.0)),
        "{got}"
    );
    assert_eq!(got["graphml_edges"], 5);
    assert_eq!(got["graphml_advocates"], 1);
    assert_eq!(got["graphml_kinds"].as_array().unwrap().len(), 5);
}

#[test]
fn svg_and_png_are_deterministic_and_names_stay_text() {
    let (_dir, path) = temp_map();
    let map = hostile_map(&path);
    for view in [View::Network, View::Grid] {
        for format in [Format::Svg, Format::Png] {
            let once = export(
                &map.snapshot().unwrap(),
                &options(format, view, Profile::Full),
                None,
            )
            .unwrap();
            let again = export(
                &map.snapshot().unwrap(),
                &options(format, view, Profile::Full),
                None,
            )
            .unwrap();
            assert_eq!(once, again, "{format} {view:?} differs between two renders");
            if format == Format::Png {
                assert!(once[0].bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
            } else {
                let (elements, strings) = xml_strings(&once[0].bytes);
                assert!(
                    !elements
                        .iter()
                        .any(|e| e == "script" || e == "img" || e == "image")
                );
                assert!(
                    strings
                        .iter()
                        .any(|s| s.contains("<img src=x onerror=alert(1)>")),
                    "the name is there, as text"
                );
            }
        }
    }
}

#[test]
fn pseudonymous_exports_contain_no_name_and_no_note_in_any_file() {
    let (_dir, path) = temp_map();
    let map = hostile_map(&path);
    let files = every_export(&map, Profile::Pseudonymous);
    assert_eq!(files.len(), 14);
    let mut needles: Vec<String> = Vec::new();
    for text in NAMES.iter().chain(SECRETS.iter()) {
        needles.push(text.to_string());
        needles.push(quick_xml::escape::escape(*text).into_owned());
        needles.push(
            serde_json::to_string(text)
                .unwrap()
                .trim_matches('"')
                .to_string(),
        );
    }
    needles.extend(["alert(1)", "onerror", "Ortiz", "Lindqvist", "Brandt"].map(String::from));
    for file in &files {
        // Workbooks and PDFs are compressed: their parts and streams are searched unpacked.
        let readable = unpacked(file);
        for needle in &needles {
            for bytes in [&file.bytes, &readable] {
                let found = bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
                assert!(!found, "{} contains {needle:?}", file.name);
            }
        }
    }
    let json = files.iter().find(|f| f.name == "map.json").unwrap();
    let text = String::from_utf8(json.bytes.clone()).unwrap();
    assert!(
        text.contains("\"Manager A\"") && text.contains("\"Stakeholder C\""),
        "roles held by fewer than 3 become their level: {text}"
    );
    // The same person has the same pseudonym in every format of one export.
    let html = files.iter().find(|f| f.name == "report.html").unwrap();
    let gexf = files.iter().find(|f| f.name == "map.gexf").unwrap();
    for file in [html, gexf] {
        assert!(String::from_utf8_lossy(&file.bytes).contains("Manager A"));
    }
    assert!(String::from_utf8_lossy(&html.bytes).contains("<strong>pseudonymous</strong>"));
}

#[test]
fn no_notes_exports_drop_notes_and_conversations() {
    let (_dir, path) = temp_map();
    let map = hostile_map(&path);
    for file in every_export(&map, Profile::NoNotes) {
        for secret in SECRETS {
            assert!(
                !String::from_utf8_lossy(&unpacked(&file)).contains(secret),
                "{} contains {secret}",
                file.name
            );
        }
    }
}

#[test]
fn export_reports_progress_to_the_end() {
    let (_dir, path) = temp_map();
    let map = hostile_map(&path);
    let seen = std::cell::RefCell::new(Vec::new());
    let record = |p: coalition::export::Progress| seen.borrow_mut().push(p);
    export(
        &map.snapshot().unwrap(),
        &options(Format::Gexf, View::Network, Profile::Full),
        Some(&record),
    )
    .unwrap();
    let seen = seen.into_inner();
    assert!(
        seen.iter()
            .any(|p| p.stage == "writing people" && p.done == 6 && p.total == 6)
    );
    assert!(seen.iter().all(|p| p.done <= p.total));
}

#[test]
fn merge_keeps_people_lists_conflicts_and_adds_the_rest() {
    let (dir, path) = temp_map();
    let mut map = crate::support::small_map(&path);
    let people = write_file(
        dir.path(),
        "people.csv",
        b"name,stance,power\nana,Supportive,3\nBo,,\nDee,Champion,4\n",
    );
    let relations = write_file(
        dir.path(),
        "relations.csv",
        b"from,kind,to,strength\nBo,reports_to,Ana,5\nDee,influences,Cy,2\n",
    );
    let batch = read_files(&[people.clone(), relations.clone()], None).unwrap();
    let without = map
        .preview_import(&batch, &ImportOptions::default())
        .unwrap();
    assert!(
        without
            .problems
            .iter()
            .any(|p| p.contains("'ana' is already in the map"))
    );
    let json = |map: &MapFile| MapDto::from_snapshot(&map.snapshot().unwrap());
    let before = json(&map);
    let merge = ImportOptions { merge: true };
    let preview = map.preview_import(&batch, &merge).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.added, ["Dee"]);
    assert_eq!(preview.kept, ["Ana", "Bo"]);
    assert_eq!(preview.skipped_relations, 1);
    let conflicts: Vec<String> = preview.conflicts.iter().map(ToString::to_string).collect();
    assert_eq!(
        conflicts,
        [
            "Ana: stance is 'Neutral' in the map but 'Supportive' in the file; the map's value is kept",
            "Bo reports_to Ana: strength is '3' in the map but '5' in the file; the map's value is kept",
        ]
    );
    assert_eq!(json(&map), before, "a preview changes nothing");
    map.import_batch(&batch, &merge).unwrap();
    let snap = map.snapshot().unwrap();
    assert_eq!(snap.find("Ana").unwrap().stance, Stance::NEUTRAL);
    assert_eq!(snap.stakeholders.len(), 4);
    assert_eq!(snap.relations.len(), 2);
    drop(map);

    let out = cli(&[
        "import",
        path.to_str().unwrap(),
        people.to_str().unwrap(),
        "--merge",
        "--dry-run",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout.contains("Kept 3 people already in the map"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Ana: stance is 'Neutral' in the map"),
        "{stdout}"
    );
}

#[test]
fn kumu_sheets_import_by_header_and_unknown_types_stop_everything() {
    let (dir, path) = temp_map();
    drop(crate::support::small_map(&path));
    let elements = write_file(
        dir.path(),
        "elements.csv",
        "Label,Type,Description,Tags,Stance,Power,Role\n\
         Dana Ortiz,Person,Runs finance,exec|budget,Resistant,5,CFO\n\
         Erik,Person,,,Supportive,,Controller\n"
            .as_bytes(),
    );
    let good = write_file(
        dir.path(),
        "connections.csv",
        b"From,To,Type,Strength\nErik,Dana Ortiz,Reports to,4\nDana Ortiz,Ana,tension,2\n",
    );
    let bad = write_file(
        dir.path(),
        "bad-connections.csv",
        b"From,To,Type\nErik,Ana,friends\n",
    );
    let p = path.to_str().unwrap();
    let before = crate::support::export(&path);
    let out = cli(&[
        "import",
        p,
        elements.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "bad-connections.csv row 2, column Type: connection type 'friends' is not one we know"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        crate::support::export(&path),
        before,
        "nothing was imported"
    );
    let out = cli(&[
        "import",
        p,
        elements.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let map = MapFile::open(&path).unwrap();
    let dana = map.find("Dana Ortiz").unwrap();
    assert_eq!((dana.role.as_str(), dana.power.value()), ("CFO", 5));
    assert_eq!(dana.tags, ["Person", "exec", "budget"]);
    let kinds: Vec<RelationKind> = map.relations().unwrap().iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            RelationKind::ReportsTo,
            RelationKind::ReportsTo,
            RelationKind::Conflict
        ]
    );
}

#[test]
fn cli_exports_every_format_and_csv_to_a_folder() {
    let (dir, path) = temp_map();
    drop(hostile_map(&path));
    let p = path.to_str().unwrap();
    for format in [
        "json", "gexf", "graphml", "svg", "png", "html", "xlsx", "pdf",
    ] {
        let out_path = dir.path().join(format!("out.{format}"));
        let out = cli(&[
            "export",
            p,
            "--format",
            format,
            "--profile",
            "no-notes",
            "-o",
            out_path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(
            std::fs::metadata(&out_path).unwrap().len() > 100,
            "{format}"
        );
    }
    let folder = dir.path().join("csv");
    let out = cli(&[
        "export",
        p,
        "--format",
        "csv",
        "-o",
        folder.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in ["people.csv", "relations.csv", "engagements.csv"] {
        assert!(folder.join(name).is_file(), "{name}");
    }
    let out = cli(&["export", p, "--format", "docx"]);
    assert!(
        stderr(&out).contains("export format 'docx' is not one of"),
        "{}",
        stderr(&out)
    );
    let out = cli(&["export", p, "--format", "html", "--advocate", "Zoë Brandt"]);
    assert!(
        stderr(&out).contains("'Zoë Brandt' is not marked as an advocate"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_crowded_grid_cell_counts_the_rest_above_the_quadrant_name() {
    let (dir, path) = temp_map();
    assert!(cli(&["new", path.to_str().unwrap()]).status.success());
    let mut csv = String::from("name,power,interest\n");
    for i in 0..40 {
        csv.push_str(&format!("Person {i:02},1,5\n"));
    }
    let people = write_file(dir.path(), "people.csv", csv.as_bytes());
    let out = cli(&["import", path.to_str().unwrap(), people.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cli(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "svg",
        "--view",
        "grid",
    ]);
    let svg = String::from_utf8(out.stdout).unwrap();
    let y_of = |needle: &str| -> f64 {
        let at = svg
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in the grid"));
        let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
        let y = tag.split("y=\"").nth(1).unwrap();
        y[..y.find('"').unwrap()].parse().unwrap()
    };
    let more = y_of(">+35 more<");
    let name = y_of(">Keep informed<");
    // 12-pixel text on baselines at least 14 pixels apart cannot touch.
    assert!(
        name - more >= 14.0,
        "+35 more at {more}, Keep informed at {name}"
    );
}

#[test]
fn network_names_are_drawn_over_the_ties_with_a_halo() {
    let (_dir, path) = temp_map();
    drop(coalition::demo::write_demo(&path).unwrap());
    let out = cli(&["export", path.to_str().unwrap(), "--format", "svg"]);
    let svg = String::from_utf8(out.stdout).unwrap();
    let people = svg.find("<g class=\"people\">").unwrap();
    assert!(
        svg.find("<g class=\"ties\">").unwrap() < people,
        "ties first, people over them"
    );
    let labels: Vec<&str> = svg[people..]
        .split("<text ")
        .skip(1)
        .take_while(|t| !t.contains("legend"))
        .filter(|t| t.contains("text-anchor=\"middle\""))
        .collect();
    assert!(labels.len() >= 30, "{}", labels.len());
    for label in labels {
        assert!(
            label.contains("paint-order=\"stroke\"") && label.contains("stroke=\"#ffffff\""),
            "{label}"
        );
    }
}
