//! Re-identification tests of the pseudonymous profile: on the demo map (with
//! the leaks the issue found added to it) and on a generated 2,000-person company,
//! every format is exported and searched, byte by byte (workbooks unzipped, PDF
//! streams and text unpacked), for any original name, first or last name, e-mail
//! address, outside firm, site, the client's name or a role held by fewer than 3
//! people; every role, group and tag left must cover at least 3 people.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use coalition::export::profile::generalised;
use coalition::export::{ExportFile, ExportOptions, Format, Profile, View, export};
use coalition::model::{
    Engagement, EngagementId, MapSnapshot, Stakeholder, StakeholderId, StanceChange,
};
use coalition::synthetic::company::{COMPANY, DOMAIN, FIRMS, SITES, write_company_map};

use crate::sharing::unpacked;
use crate::support::temp_map;

/// Every format and view under the pseudonymous profile; without PNG when
/// `png` is false (a PNG is the pixels of the SVG checked beside it, and
/// rasterising 2,000 people takes minutes in a debug build).
fn pseudonymous_exports(map: &MapSnapshot, png: bool) -> Vec<ExportFile> {
    let mut files = Vec::new();
    for format in Format::ALL.into_iter().filter(|&f| png || f != Format::Png) {
        for view in [View::Network, View::Grid] {
            if view == View::Grid && !matches!(format, Format::Svg | Format::Png | Format::Pdf) {
                continue;
            }
            let options = ExportOptions {
                format,
                view,
                profile: Profile::Pseudonymous,
                advocate: None,
            };
            files.extend(export(map, &options, None).unwrap());
        }
    }
    files
}

/// The words of `text` (letters and digits), as the search sees them.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The first of `needles` that appears in `haystack` (lower-cased) as whole
/// words, ignoring case; one pass however many needles.
fn first_held<'a>(haystack: &str, needles: &'a [String]) -> Option<&'a str> {
    let automaton = aho_corasick::AhoCorasick::new(needles).unwrap();
    automaton
        .find_overlapping_iter(haystack)
        .find(|m| {
            let before = haystack[..m.start()].chars().next_back();
            let after = haystack[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|m| needles[m.pattern().as_usize()].as_str())
}

/// The types of a PNG's chunks.
fn png_chunks(png: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        out.push(String::from_utf8_lossy(&png[at + 4..at + 8]).into_owned());
        at += 12 + len;
    }
    out
}

/// What must never be seen again: names whole and in parts (3 letters or more),
/// e-mail addresses and their parts, and `extra` (firms, sites, the client).
fn needles(map: &MapSnapshot, extra: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in &map.stakeholders {
        out.insert(p.name.clone());
        for w in words(&p.name) {
            if w.chars().count() >= 3 {
                out.insert(w.to_string());
            }
        }
    }
    for e in extra {
        out.insert(e.to_string());
        for w in words(e) {
            if w.chars().count() >= 3 && !["LLP", "Bank"].contains(&w) {
                out.insert(w.to_string());
            }
        }
    }
    out
}

/// Exports `map` in every format (PNG when `png`) with the pseudonymous profile and checks that
/// nothing in `needles`, and no role held by fewer than 3 people, survives
/// anywhere, and that every role, group and tag left covers at least 3 people.
fn assert_deidentified(map: &MapSnapshot, needles: &BTreeSet<String>, png: bool) {
    let files = pseudonymous_exports(map, png);
    assert_eq!(files.len(), if png { 14 } else { 12 });
    let json = files.iter().find(|f| f.name == "map.json").unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&json.bytes).unwrap();
    let mut held: HashMap<(&str, String), usize> = HashMap::new();
    for p in shown["stakeholders"].as_array().unwrap() {
        for field in ["role", "group"] {
            let value = p[field].as_str().unwrap();
            if !value.is_empty() {
                *held.entry((field, value.to_lowercase())).or_default() += 1;
            }
        }
        for t in p["tags"].as_array().unwrap() {
            *held
                .entry(("tag", t.as_str().unwrap().to_lowercase()))
                .or_default() += 1;
        }
    }
    for ((field, value), n) in &held {
        assert!(*n >= 3, "the {field} '{value}' covers only {n} people");
    }
    let labels: Vec<String> = held.keys().map(|(_, v)| v.clone()).collect();
    let mut roles: HashMap<String, usize> = HashMap::new();
    for p in &map.stakeholders {
        *roles.entry(p.role.trim().to_lowercase()).or_default() += 1;
    }
    let mut rare: Vec<String> = roles
        .into_iter()
        .filter(|(role, n)| *n < 3 && !role.is_empty())
        .map(|(role, _)| role)
        .filter(|role| first_held(&labels.join("\n"), std::slice::from_ref(role)).is_none())
        .collect();
    assert!(!rare.is_empty());
    rare.sort();
    let mut all: Vec<String> = needles.iter().map(|n| n.to_lowercase()).collect();
    all.extend(rare);
    all.push(format!("@{DOMAIN}"));
    for file in &files {
        if file.name.ends_with(".png") {
            // Pixels hold no text; only a text chunk could.
            let chunks = png_chunks(&file.bytes);
            assert!(
                chunks
                    .iter()
                    .all(|c| ["IHDR", "PLTE", "IDAT", "IEND", "pHYs"].contains(&c.as_str())),
                "{chunks:?}"
            );
            continue;
        }
        let mut haystacks = vec![String::from_utf8_lossy(&unpacked(file)).to_lowercase()];
        if file.name.ends_with(".pdf") {
            // A PDF's text runs its words together: whole names are looked for in it.
            let text = crate::pdf::read(&file.bytes).0.to_lowercase();
            for p in &map.stakeholders {
                let bare: String = p.name.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    !text.contains(&bare.to_lowercase()),
                    "{} holds {bare}",
                    file.name
                );
            }
            haystacks.push(text);
        } else {
            haystacks.push(String::from_utf8_lossy(&file.bytes).to_lowercase());
        }
        for haystack in &haystacks {
            if let Some(found) = first_held(haystack, &all) {
                panic!("{} holds {found:?}", file.name);
            }
        }
    }
}

/// The demo map with the leaks the issue found: a unit named after someone, a
/// channel and a tag naming someone, an e-mail address as a name, a stance
/// history source quoting someone.
fn leaky_demo() -> MapSnapshot {
    let (_dir, path) = temp_map();
    let mut map = coalition::demo::write_demo(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    let next = map.stakeholders.iter().map(|p| p.id.0).max().unwrap() + 1;
    for (i, (name, role, group)) in [
        ("Zoe Brandt", "Works Council Deputy", "Works council"),
        (
            "Dana Ortiz",
            "Deputy of Zoe Brandt's unit",
            "Deputy of Zoe Brandt's unit",
        ),
        (
            "oleg.petrov@harwell.example",
            "Plant Controller – Gdańsk",
            "Operations – Gdańsk",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut p = Stakeholder::new(name).unwrap();
        p.id = StakeholderId(next + i as i64);
        p.role = role.into();
        p.group = group.into();
        p.tags = vec!["graham-ally".into(), "leadership".into()];
        map.stakeholders.push(p);
    }
    let graham = map
        .stakeholders
        .iter()
        .find(|p| p.name == "Graham Tulloch")
        .unwrap()
        .id;
    map.engagements.push(Engagement {
        id: EngagementId(1000),
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        stakeholder: graham,
        held_by: Some(StakeholderId(next + 1)),
        channel: "call with Dana".into(),
        summary: "Graham Tulloch agreed".into(),
        stance_before: None,
        stance_after: None,
        next_step: "Ask Zoe Brandt".into(),
        next_step_due: None,
    });
    map.stance_history.push(StanceChange {
        stakeholder: graham,
        at: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
        stance: coalition::model::Stance::new(0).unwrap(),
        source: "told by Graham Tulloch in confidence".into(),
    });
    map
}

#[test]
fn the_pseudonymous_demo_names_no_one_no_firm_no_site_and_no_rare_role() {
    let map = leaky_demo();
    let extra = [
        "Harwell",
        "Harwell Components",
        "Keystone",
        "Leeds",
        "Coventry",
        "Gdańsk",
        "Meridian Advisory",
        "Vantor Automotive",
        "Northgate Bank",
        "Calder & Finch LLP",
        "oleg.petrov@harwell.example",
    ];
    assert_deidentified(&map, &needles(&map, &extra), true);
    let lines = generalised(&map);
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("generalised to a level (Senior leader, Manager, Staff)")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("merged into 'Other units'")),
        "{lines:?}"
    );
}

#[test]
fn a_pseudonymous_generated_company_of_2000_names_no_one_no_firm_no_site() {
    let (_dir, path) = temp_map();
    write_company_map(&path, 2000, 42).unwrap();
    let mut map = coalition::store::MapFile::open_read_only(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    // Laid out once, as the app saves it, not again by every picture.
    let places = coalition::export::places(&map);
    for (p, place) in map.stakeholders.iter_mut().zip(places) {
        p.position = Some((place.x, place.y));
    }
    assert!(map.stakeholders.iter().any(|p| p.name.contains('@')));
    assert!(map.stakeholders.iter().any(|p| p.group == "External"));
    let mut extra: Vec<&str> = vec![COMPANY, DOMAIN];
    extra.extend(SITES);
    extra.extend(FIRMS.iter().map(|(firm, _, _)| *firm));
    assert_deidentified(&map, &needles(&map, &extra), false);
}

#[test]
fn the_cli_says_what_the_pseudonymous_export_generalised() {
    let (dir, path) = temp_map();
    coalition::demo::write_demo(&path).unwrap();
    let report = dir.path().join("report.html");
    let out = crate::support::cli(&[
        "export",
        path.to_str().unwrap(),
        "--format",
        "html",
        "--profile",
        "pseudonymous",
        "-o",
        report.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("(k-anonymity, k = 3)"), "{said}");
    assert!(said.contains("groups merged into 'Other units'"), "{said}");
    let page = std::fs::read_to_string(report).unwrap();
    assert!(page.contains("k-anonymity, k = 3"), "the header states it");
    // Sent to standard output, the export stays clean: the list goes to stderr.
    let out = crate::support::cli(&[
        "export",
        path.to_str().unwrap(),
        "--profile",
        "pseudonymous",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["map"]["description"]
            .as_str()
            .unwrap()
            .contains("k = 3")
    );
    assert!(
        crate::support::stderr(&out).contains("roles"),
        "{}",
        crate::support::stderr(&out)
    );
}

/// What an export reports it generalised is what the export dialog said it
/// would (`profile::generalised`), on the demo map and a generated company.
#[test]
fn an_export_generalises_what_the_dialog_said_it_would() {
    use coalition::export::profile::apply_in_place;
    let (_dir, path) = temp_map();
    let demo = coalition::demo::write_demo(&path)
        .unwrap()
        .snapshot()
        .unwrap();
    for map in [demo, coalition::synthetic::company::company_map(400, 7)] {
        let said = generalised(&map);
        assert!(!said.is_empty());
        let mut shared = map.clone();
        assert_eq!(apply_in_place(&mut shared, Profile::Pseudonymous), said);
    }
}
