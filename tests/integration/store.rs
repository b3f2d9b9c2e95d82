//! Map files: editing, refusals, copies and format checks.

use coalition::Error;
use coalition::export::Profile;
use coalition::model::{Field, RelationKind, Stakeholder};
use coalition::store::{CURRENT_FORMAT, MapFile};

use crate::support::{export, relation, small_map, temp_map};

#[test]
fn edits_persist_across_reopening() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    map.set_field("bo", Field::Stance, "Champion").unwrap();
    drop(map);
    let map = MapFile::open(&path).unwrap();
    let bo = map.find("BO").unwrap();
    assert_eq!(bo.stance.level(), 2);
    assert_eq!(map.relations().unwrap().len(), 1);
    assert_eq!(map.format_version().unwrap(), CURRENT_FORMAT);
}

#[test]
fn names_are_unique_ignoring_case() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    let e = map
        .add_stakeholder(&Stakeholder::new("  ana ").unwrap())
        .unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e}");
    assert!(e.to_string().contains("'Ana' is already in the map"));
    let mut cy = map.find("cy").unwrap();
    cy.name = "BO".into();
    assert!(map.update_stakeholder(&cy).is_err());
    assert_eq!(map.stakeholders().unwrap().len(), 3);
}

#[test]
fn stance_changes_are_history_not_overwrites() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    map.set_field("Bo", Field::Stance, "-1").unwrap();
    map.set_field("Bo", Field::Role, "Controller").unwrap();
    map.set_field("Bo", Field::Stance, "1").unwrap();
    let bo = map.find("Bo").unwrap().id;
    let history: Vec<(i8, String)> = map
        .stance_history()
        .unwrap()
        .into_iter()
        .filter(|c| c.stakeholder == bo)
        .map(|c| (c.stance.level(), c.source))
        .collect();
    assert_eq!(
        history,
        vec![
            (0, "created".into()),
            (-1, "edited".into()),
            (1, "edited".into())
        ]
    );
}

#[test]
fn removing_a_person_removes_their_relations() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    let ana = map.find("Ana").unwrap();
    let cy = map.find("Cy").unwrap();
    map.add_relation(&relation(cy.id, RelationKind::Conflict, ana.id))
        .unwrap();
    assert_eq!(map.relations().unwrap().len(), 2);
    map.remove_stakeholder(ana.id).unwrap();
    assert!(map.relations().unwrap().is_empty());
    assert_eq!(map.stakeholders().unwrap().len(), 2);
}

#[test]
fn bad_relations_are_refused_and_change_nothing() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    let before = map.snapshot().unwrap();
    let ana = map.find("Ana").unwrap();
    let bo = map.find("Bo").unwrap();
    let cy = map.find("Cy").unwrap();
    // The same tie twice, a mutual tie in reverse, a self-tie.
    assert!(
        map.add_relation(&relation(bo.id, RelationKind::ReportsTo, ana.id))
            .is_err()
    );
    map.add_relation(&relation(bo.id, RelationKind::Allied, cy.id))
        .unwrap();
    let e = map
        .add_relation(&relation(cy.id, RelationKind::Allied, bo.id))
        .unwrap_err();
    assert!(e.to_string().contains("already in the map"), "{e}");
    let e = map
        .add_relation(&relation(cy.id, RelationKind::Trusts, cy.id))
        .unwrap_err();
    assert!(e.to_string().contains("two different people"), "{e}");
    assert_eq!(map.relations().unwrap().len(), before.relations.len() + 1);
}

#[test]
fn a_failed_edit_leaves_the_file_unchanged() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let before = export(&path);
    let mut map = MapFile::open(&path).unwrap();
    assert!(map.set_field("Bo", Field::Power, "9").is_err());
    assert!(map.set_field("Nobody", Field::Power, "2").is_err());
    assert!(map.set_field("Bo", Field::Name, "Ana").is_err());
    drop(map);
    assert_eq!(export(&path), before);
}

#[test]
fn save_as_writes_a_full_copy_and_keeps_the_original_open() {
    let (dir, path) = temp_map();
    let mut map = small_map(&path);
    let copy = dir.path().join("copy.coalition");
    map.save_as(&copy, Profile::Full).unwrap();
    map.set_field("Cy", Field::Role, "Only in the original")
        .unwrap();
    let copied = MapFile::open(&copy).unwrap();
    assert_eq!(copied.stakeholders().unwrap().len(), 3);
    assert_eq!(copied.find("Cy").unwrap().role, "");
    copied.integrity_check().unwrap();
    drop(copied);
    let before = std::fs::read(&copy).unwrap();
    let e = map.save_as(&copy, Profile::Full).unwrap_err();
    assert!(e.to_string().contains("is a Coalition map"), "{e}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("test.coalition"))
        // The lock files of the maps opened here.
        .filter(|n| !(n.starts_with('.') && n.ends_with(".coalition.lock")))
        .collect();
    assert_eq!(
        left,
        ["copy.coalition"],
        "nothing else is left beside the copy"
    );
}

#[test]
fn deleted_note_leaves_no_trace_in_a_copy() {
    let (dir, path) = temp_map();
    let mut map = small_map(&path);
    let secret = "Confidential: Cy is about to resign, tell nobody 7f3a9c";
    map.set_field("Cy", Field::Notes, &secret.repeat(50))
        .unwrap();
    map.set_field("Cy", Field::Notes, "").unwrap();
    let copy = dir.path().join("copy.coalition");
    map.save_as(&copy, Profile::Full).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    let needle = b"7f3a9c";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "the deleted note is still in the copy"
    );
    assert_eq!(
        MapFile::open(&copy).unwrap().stakeholders().unwrap().len(),
        3
    );
}

#[test]
fn profiled_copy_holds_only_what_the_profile_shows() {
    let (dir, path) = temp_map();
    let mut map = small_map(&path);
    map.set_field("Bo", Field::Notes, "Bo hates the plan 51d2e0")
        .unwrap();
    let copy = dir.path().join("shared.coalition");
    map.save_as(&copy, Profile::Pseudonymous).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    for needle in [&b"51d2e0"[..], b"Bo hates"] {
        assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    }
    let shared = MapFile::open(&copy).unwrap();
    let people = shared.stakeholders().unwrap();
    assert_eq!(people.len(), 3);
    assert!(people.iter().all(|p| p.notes.is_empty() && p.name != "Bo"));
    assert_eq!(shared.relations().unwrap().len(), 1);
}

#[test]
fn files_that_are_not_maps_are_refused_by_name() {
    let (dir, _) = temp_map();
    let text = dir.path().join("notes.coalition");
    std::fs::write(
        &text,
        "just some text, definitely not a database, padded out ".repeat(20),
    )
    .unwrap();
    let e = MapFile::open(&text).unwrap_err();
    assert!(matches!(e, Error::NotAMap { .. }), "{e}");
    assert!(
        e.to_string()
            .contains("is not a Coalition map (it is not an SQLite database)")
    );

    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let e = MapFile::open(&other).unwrap_err();
    assert!(
        e.to_string().contains("SQLite database of another program"),
        "{e}"
    );

    let e = MapFile::open(&dir.path().join("missing.coalition")).unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
}

#[test]
fn maps_from_a_newer_coalition_are_refused_untouched() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", CURRENT_FORMAT + 1)
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let e = MapFile::open(&path).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "this map was made by a newer Coalition (format {}); this version reads up to format {}: update Coalition to open it",
            CURRENT_FORMAT + 1,
            CURRENT_FORMAT
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_map_open_in_this_process_cannot_be_opened_twice() {
    let (_dir, path) = temp_map();
    let map = small_map(&path);
    let e = MapFile::open(&path).unwrap_err();
    assert!(matches!(e, Error::AlreadyOpen(_)), "{e}");
    assert!(e.to_string().contains("already open in another window"));
    drop(map);
    MapFile::open(&path).unwrap();
}

#[test]
fn maps_use_the_rollback_journal_and_the_application_id() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    assert_eq!(app, coalition::store::APPLICATION_ID);
}

/// The snapshot read straight from SQL, as any snapshot but the first reads it.
fn read_by_sql(map: &MapFile) -> coalition::model::MapSnapshot {
    let mut snapshot = map.snapshot().unwrap();
    snapshot.stakeholders = map.stakeholders().unwrap();
    snapshot.relations = map.relations().unwrap();
    snapshot
}

#[test]
fn the_first_snapshot_after_opening_is_the_map_as_stored() {
    // The people and ties the opening audit read stand in for the first read:
    // they must be the rows exactly, in the same order, for a writer and a reader.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.coalition");
    let mut org = coalition::synthetic::org_map(300, 7);
    org.stakeholders.reverse(); // stored out of name order
    MapFile::create_holding(&path, &org).unwrap();
    let writer = MapFile::open(&path).unwrap();
    let first = writer.snapshot().unwrap();
    assert_eq!(first, read_by_sql(&writer));
    assert_eq!(first.stakeholders.len(), 300);
    drop(writer);
    let reader = MapFile::open_read_only(&path).unwrap();
    assert_eq!(reader.snapshot().unwrap(), read_by_sql(&reader));
}

#[test]
fn the_first_snapshot_after_a_change_shows_the_change() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    // This connection's own edit, before its first snapshot.
    let mut map = MapFile::open(&path).unwrap();
    map.set_field("bo", Field::Stance, "Champion").unwrap();
    let bo = |m: &MapFile| {
        let s = m.snapshot().unwrap();
        s.stakeholders
            .iter()
            .find(|p| p.name == "Bo")
            .unwrap()
            .stance
            .level()
    };
    assert_eq!(bo(&map), 2);
    // Another connection's commit between a reader's opening and its first read.
    let reader = MapFile::open_read_only(&path).unwrap();
    map.set_field("bo", Field::Stance, "Resistant").unwrap();
    assert_eq!(bo(&reader), -1);
}
