//! Recovering a map the app refuses to open: what comes back, what is left, and
//! where the new map goes.

use coalition::Error;
use coalition::workspace::Workspace;

use crate::support::{small_map, temp_map};

/// Plants a trigger in a closed map, as a hostile sender would.
fn plant_trigger(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER evil AFTER UPDATE ON stakeholders BEGIN DELETE FROM relations; END;",
    )
    .unwrap();
}

#[test]
fn the_app_refuses_a_tampered_map_and_recovers_it_beside_the_original() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    plant_trigger(&path);
    let before = std::fs::read(&path).unwrap();

    let e = Workspace::open(&path).unwrap_err();
    assert!(matches!(e, Error::Damaged { .. }), "{e}");
    assert_eq!(e.kind().as_str(), "damaged");
    assert!(e.is_user_error());
    assert!(e.to_string().contains("trigger 'evil'"), "{e}");

    let dest = Workspace::recovery_path(&path);
    assert_eq!(dest, dir.path().join("test (recovered).coalition"));
    let (ws, report) = Workspace::recover(&path, &dest).unwrap();
    assert_eq!((report.people, report.ties), (3, 1));
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let view = ws.view().unwrap();
    assert_eq!(view.people.len(), 3);
    assert_eq!(view.name, "Test map");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the original is only read"
    );

    // A second recovery does not overwrite the first.
    drop(ws);
    assert_eq!(
        Workspace::recovery_path(&path),
        dir.path().join("test (recovered 2).coalition")
    );
    let e = coalition::store::recover(&path, &dest).unwrap_err();
    assert!(e.to_string().contains("is a Coalition map"), "{e}");
}

#[test]
fn recovery_of_something_that_is_not_a_map_is_refused_by_name() {
    let (dir, _) = temp_map();
    let text = dir.path().join("notes.coalition");
    std::fs::write(&text, "not a database at all ".repeat(20)).unwrap();
    let e = coalition::store::recover(&text, &dir.path().join("out.coalition")).unwrap_err();
    assert!(e.to_string().contains("not a Coalition map"), "{e}");
    assert!(!dir.path().join("out.coalition").exists());
}
