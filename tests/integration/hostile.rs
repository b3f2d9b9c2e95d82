//! Hostile text is stored and exported byte-exact, or refused with a clear error.

use coalition::formats::json::MapDto;
use coalition::model::{Field, Stakeholder};
use coalition::store::MapFile;

use crate::support::{cli, stderr, temp_map};

fn hostile_names() -> Vec<String> {
    vec![
        "<img src=x onerror=alert(1)>".into(),
        "=HYPERLINK(\"http://x\")".into(),
        "</script><script>alert(1)</script>".into(),
        "مريم العتيبي".into(),
        "\u{202e}evil\u{202c} name".into(),
        "Zoë 👩🏽‍💼 Brandt".into(),
        "+cmd|' /C calc'!A0".into(),
    ]
}

#[test]
fn hostile_text_round_trips_through_the_store_and_json() {
    let (_dir, path) = temp_map();
    let mut map = MapFile::create(&path, "<b>map</b>", "=1+1").unwrap();
    let big_note: String = "Ünïcödé & <tags> \"quotes\" \r\n\t".repeat(4000); // > 100 KB
    assert!(big_note.len() > 100 * 1024);
    for name in hostile_names() {
        let mut p = Stakeholder::new(&name).unwrap();
        p.set(Field::Notes, &big_note).unwrap();
        p.set(Field::Role, "@SUM(A1:A9)").unwrap();
        map.add_stakeholder(&p).unwrap();
    }
    drop(map);
    let map = MapFile::open(&path).unwrap();
    for name in hostile_names() {
        let p = map.find(&name).unwrap();
        assert_eq!(p.name.as_bytes(), name.as_bytes());
        assert_eq!(p.notes.as_bytes(), big_note.as_bytes());
        assert_eq!(p.role, "@SUM(A1:A9)");
    }
    let json = MapDto::from_snapshot(&map.snapshot().unwrap())
        .to_json()
        .unwrap();
    let back: MapDto = serde_json::from_str(&json).unwrap();
    assert_eq!(back.map.name, "<b>map</b>");
    for name in hostile_names() {
        let p = back.stakeholders.iter().find(|s| s.name == name).unwrap();
        assert_eq!(p.notes, big_note);
    }
}

#[test]
fn a_nul_byte_is_refused_with_a_clear_error_and_nothing_stored() {
    let (_dir, path) = temp_map();
    drop(MapFile::create(&path, "Map", "").unwrap());
    let p = path.to_str().unwrap();
    let out = cli(&["add", "stakeholder", p, "Ana", "--notes", "ok"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut map = MapFile::open(&path).unwrap();
    let e = map.set_field("Ana", Field::Notes, "bad\0note").unwrap_err();
    assert!(e.to_string().contains("contains a NUL byte"), "{e}");
    assert!(Stakeholder::new("A\0na").is_err());
    assert_eq!(map.find("Ana").unwrap().notes, "ok");
}
