//! A map held open by one process is refused to a second one, which writes nothing.

use crate::support::{cli, export, raw_integrity, small_map, stderr, temp_map};

#[test]
fn a_second_process_gets_already_open_and_writes_nothing() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let before = export(&path);
    let held = coalition::store::MapFile::open(&path).unwrap();
    let p = path.to_str().unwrap();
    for args in [
        vec!["list", p],
        vec!["set", p, "Bo", "stance", "2"],
        vec!["add", "stakeholder", p, "Dee"],
    ] {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("is already open in another window; close it there first"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "one-line message: {err}");
    }
    drop(held);
    assert_eq!(raw_integrity(&path), "ok");
    assert_eq!(export(&path), before);
}
