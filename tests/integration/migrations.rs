//! Every earlier format version opens and is upgraded in place.

use coalition::store::{CURRENT_FORMAT, MapFile};

#[test]
fn a_format_1_map_opens_and_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.coalition");
    std::fs::copy("tests/fixtures/format-1.coalition", &path).unwrap();
    let mut map = MapFile::open(&path).unwrap();
    assert_eq!(map.format_version().unwrap(), CURRENT_FORMAT);
    let snap = map.snapshot().unwrap();
    assert_eq!(snap.info.name, "Format one map");
    let names: Vec<&str> = snap.stakeholders.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Ana Silva", "Bo Lind"]);
    assert_eq!(snap.relations.len(), 1);
    assert_eq!(snap.engagements[0].summary, "First talk");
    assert_eq!(snap.stance_history.len(), 3);
    assert!(snap.stakeholders.iter().all(|s| s.position.is_none()));
    // Format 2 features work on the upgraded file.
    let mut bo = map.find("Bo Lind").unwrap();
    bo.position = Some((10.0, -4.5));
    map.update_stakeholder(&bo).unwrap();
    drop(map);
    let map = MapFile::open(&path).unwrap();
    assert_eq!(map.find("bo lind").unwrap().position, Some((10.0, -4.5)));
    map.integrity_check().unwrap();
}

#[test]
fn a_format_2_map_opens_keeps_settings_and_positions_and_gains_plans() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.coalition");
    std::fs::copy("tests/fixtures/format-2.coalition", &path).unwrap();
    let map = MapFile::open(&path).unwrap();
    assert_eq!(map.format_version().unwrap(), CURRENT_FORMAT);
    assert_eq!(map.theta().unwrap(), 0.4);
    assert_eq!(map.find("Ana Silva").unwrap().position, Some((12.5, -3.0)));
    assert!(map.saved_plans().unwrap().is_empty());
    map.integrity_check().unwrap();
}
