//! Shared helpers: temporary maps and running the CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use coalition::model::{Relation, RelationId, RelationKind, Stakeholder};
use coalition::store::MapFile;

/// A temporary folder and a map path inside it.
pub fn temp_map() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.coalition");
    (dir, path)
}

/// A new map with three people (Ana advocate, Bo, Cy) and Bo reports to Ana.
pub fn small_map(path: &Path) -> MapFile {
    let mut map = MapFile::create(path, "Test map", "A change").unwrap();
    let mut ana = Stakeholder::new("Ana").unwrap();
    ana.advocate = true;
    let ana = map.add_stakeholder(&ana).unwrap();
    let bo = map
        .add_stakeholder(&Stakeholder::new("Bo").unwrap())
        .unwrap();
    map.add_stakeholder(&Stakeholder::new("Cy").unwrap())
        .unwrap();
    map.add_relation(&relation(bo.id, RelationKind::ReportsTo, ana.id))
        .unwrap();
    map
}

/// An unsaved relation of strength 3.
pub fn relation(
    from: coalition::model::StakeholderId,
    kind: RelationKind,
    to: coalition::model::StakeholderId,
) -> Relation {
    Relation {
        id: RelationId(0),
        from,
        to,
        kind,
        strength: coalition::model::Level::MEDIUM,
        note: String::new(),
    }
}

/// Runs the `coalition` binary.
pub fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(args)
        .output()
        .expect("the coalition binary runs")
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Opens a map's file with plain SQLite (not through Coalition) and returns
/// `PRAGMA integrity_check`.
pub fn raw_integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The JSON export of a map (a byte-exact picture of its content).
pub fn export(path: &Path) -> String {
    let map = MapFile::open(path).unwrap();
    coalition::formats::json::MapDto::from_snapshot(&map.snapshot().unwrap())
        .to_json()
        .unwrap()
}

/// The app's request for a plan of `steps` conversations by `advocate` aimed at
/// support, with no budget.
pub fn ask(advocate: i64, steps: usize) -> coalition::formats::analysis::PlanRequestDto {
    coalition::formats::analysis::PlanRequestDto {
        advocate,
        steps,
        budget: None,
        goal: None,
    }
}
