//! The network picture at scale: by group above the threshold, everyone on request.

use coalition::export::{ExportOptions, Format, View, export};
use coalition::formats::groups::{GROUP_LEVEL_ABOVE, GroupMapDto};
use coalition::model::MapSnapshot;
use coalition::synthetic::{BENCH_SEED, company::company_map, org_map};

use crate::sharing::xml_strings;
use crate::support::{cli, stderr};

fn picture(map: &MapSnapshot, format: Format, view: View) -> Vec<u8> {
    let options = ExportOptions {
        format,
        view,
        ..ExportOptions::default()
    };
    export(map, &options, None).unwrap().remove(0).bytes
}

#[test]
fn a_10000_person_map_is_drawn_by_group_with_no_one_named() {
    let map = company_map(10_000, BENCH_SEED);
    let svg = String::from_utf8(picture(&map, Format::Svg, View::Network)).unwrap();
    let groups = GroupMapDto::of(&map).groups.len();
    assert!(groups > 1);
    assert_eq!(svg.matches("<g class=\"group\"").count(), groups);
    assert!(!svg.contains("class=\"node\""), "no one is drawn");
    assert!(svg.contains("By group:"), "the legend says it is by group");
    let (_, strings) = xml_strings(svg.as_bytes());
    let text = strings.join("\n");
    for p in &map.stakeholders {
        assert!(!text.contains(&p.name), "{} is named", p.name);
    }
    let png = picture(&map, Format::Png, View::Network);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn full_draws_everyone_and_small_maps_are_drawn_in_full_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.coalition");
    let p = path.to_str().unwrap();
    let people = GROUP_LEVEL_ABOVE + 100;
    let made = cli(&["generate", p, "--people", &people.to_string()]);
    assert!(made.status.success(), "{}", stderr(&made));
    let svg = |extra: &[&str]| {
        let mut args = vec!["export", p, "--format", "svg"];
        args.extend_from_slice(extra);
        let out = cli(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(svg(&[]).matches("class=\"node\"").count(), 0);
    let full = svg(&["--full"]);
    assert_eq!(full.matches("class=\"node\"").count(), people);
    let ties =
        &full[full.find("<g class=\"ties\"").unwrap()..full.find("<g class=\"people\"").unwrap()];
    assert!(
        !ties.contains("marker-end") && !ties.contains("stroke-dasharray"),
        "so many ties are drawn plain"
    );
    assert!(
        full.contains("drawn solid, without arrowheads"),
        "and the legend says so"
    );
    let grid = cli(&["export", p, "--format", "svg", "--view", "grid", "--full"]);
    assert!(!grid.status.success());
    assert!(stderr(&grid).contains("--full"), "{}", stderr(&grid));

    let small = org_map(GROUP_LEVEL_ABOVE, 3);
    let svg = String::from_utf8(picture(&small, Format::Svg, View::Network)).unwrap();
    assert_eq!(svg.matches("class=\"node\"").count(), GROUP_LEVEL_ABOVE);
}

#[test]
fn hostile_group_names_stay_text_in_the_group_picture_and_the_report() {
    const HOSTILE: &str = "<script>alert(1)</script> & \"R&D\" 'x'";
    let mut map = org_map(GROUP_LEVEL_ABOVE + 1, 5);
    for p in map.stakeholders.iter_mut().take(50) {
        p.group = HOSTILE.into();
    }
    let svg = picture(&map, Format::Svg, View::Network);
    let (elements, strings) = xml_strings(&svg);
    assert!(!elements.iter().any(|e| e == "script"));
    assert!(
        strings.iter().any(|s| s.contains(HOSTILE)),
        "the name is there, as text"
    );
    let html = String::from_utf8(picture(&map, Format::Html, View::Network)).unwrap();
    assert!(
        html.contains("class=\"group\""),
        "the report's network is by group"
    );
    assert!(
        html.contains("each disc is one group") && !html.contains("click a person"),
        "and its hint says how to read it"
    );
    let small = String::from_utf8(picture(&org_map(30, 5), Format::Html, View::Network)).unwrap();
    assert!(small.contains("click a person") && !small.contains("each disc is one group"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the report's own script"
    );
    assert!(!html.contains("\"R&D\""));
    for format in [Format::Png, Format::Pdf] {
        assert!(!picture(&map, format, View::Network).is_empty());
    }
}
