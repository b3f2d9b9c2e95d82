//! The workspace keeps the map it read last and reads again only what changed:
//! after every kind of edit, its answer applied to the view the app has must be
//! the view a fresh read of the file gives.

use std::path::Path;

use coalition::formats::analysis::TryStanceDto;
use coalition::formats::sharing::ImportRequestDto;
use coalition::formats::timeline::TimelineDto;
use coalition::formats::view::{EditedDto, NewConversationDto, NewTieDto, PlaceDto, WorkspaceDto};
use coalition::store::MapFile;
use coalition::workspace::Workspace;

use crate::support::{small_map, temp_map};

/// The view of the map at `path` as a newly opened reader reads it, with the
/// undo labels and revision of `like` (they belong to the workspace, not the file).
fn read_afresh(path: &Path, like: &WorkspaceDto) -> WorkspaceDto {
    let file = MapFile::open_read_only(path).unwrap();
    let map = file.snapshot().unwrap();
    let today = chrono::Local::now().date_naive();
    let check = coalition::timeline::staleness(&map, today, file.stale_days().unwrap());
    WorkspaceDto {
        revision: like.revision,
        ..WorkspaceDto::from_snapshot(
            path,
            &map,
            like.undo.as_deref(),
            like.redo.as_deref(),
            TimelineDto::new(&map, &check, None, today),
            file.theta().unwrap(),
        )
    }
}

/// The view the app shows, kept from each answer as `ui/src/lib/viewchange.ts`
/// keeps it, checked against a fresh read after every edit.
struct App {
    path: std::path::PathBuf,
    shown: WorkspaceDto,
}

impl App {
    fn take(&mut self, ws: &Workspace, what: &str, done: EditedDto) {
        let change = done.change.expect("a view was sent, so a change");
        assert_eq!(
            change.base, self.shown.revision,
            "{what}: a change of the view shown"
        );
        change.apply(&mut self.shown);
        assert_eq!(
            self.shown,
            read_afresh(&self.path, &self.shown),
            "after {what}"
        );
        assert_eq!(
            ws.snapshot().unwrap(),
            MapFile::open_read_only(&self.path)
                .unwrap()
                .snapshot()
                .unwrap(),
            "the snapshot after {what}"
        );
    }
}

fn id(view: &WorkspaceDto, name: &str) -> i64 {
    view.people.iter().find(|p| p.name == name).unwrap().id
}

fn talk(who: i64, by: Option<i64>, date: &str, after: Option<&str>) -> NewConversationDto {
    NewConversationDto {
        stakeholder: who,
        date: date.into(),
        held_by: by,
        channel: "call".into(),
        summary: "talked".into(),
        stance_before: None,
        stance_after: after.map(str::to_string),
        next_step: "write back".into(),
        next_step_due: Some("2025-01-02".into()),
    }
}

fn tie(from: i64, to: i64, kind: &str) -> NewTieDto {
    NewTieDto {
        from,
        to,
        kind: kind.into(),
        strength: 3,
        note: String::new(),
    }
}

/// Writes `people.csv` (a header and `rows`) beside the map; the request to import it.
fn people_csv(dir: &Path, name: &str, rows: &[&str]) -> ImportRequestDto {
    let path = dir.join(name);
    let header = "name,role,group,tags,stance,target,power,interest,openness,legitimacy,urgency,confidence,effort,advocate,notes";
    std::fs::write(&path, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    ImportRequestDto {
        paths: vec![path.display().to_string()],
        merge: true,
        columns: None,
    }
}

#[test]
fn every_edit_answers_with_what_a_fresh_read_of_the_file_shows() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let mut app = App {
        path: path.clone(),
        shown: ws.view().unwrap(),
    };
    let (ana, bo, cy) = (
        id(&app.shown, "Ana"),
        id(&app.shown, "Bo"),
        id(&app.shown, "Cy"),
    );

    let done = ws.set_field(bo, "stance", "Supportive").unwrap();
    app.take(&ws, "a stance", done);
    let done = ws.set_field(cy, "name", "Aaron Cy").unwrap();
    app.take(&ws, "a rename that moves a person to the top", done);
    let done = ws.set_field(cy, "tags", "finance; exec").unwrap();
    app.take(&ws, "tags", done);
    let done = ws.add_person("Dee").unwrap();
    let dee = done.id.unwrap();
    app.take(&ws, "a new person", done);
    let done = ws.set_field(dee, "advocate", "yes").unwrap();
    app.take(&ws, "an advocate, who leads now", done);
    let done = ws.add_relation(&tie(dee, bo, "influences")).unwrap();
    let dee_bo = done.id.unwrap();
    app.take(&ws, "a new tie", done);
    let done = ws.add_relation(&tie(cy, dee, "allied")).unwrap();
    app.take(&ws, "a second tie", done);
    let done = ws
        .update_relation(
            dee_bo,
            &NewTieDto {
                strength: 5,
                ..tie(bo, dee, "conflict")
            },
        )
        .unwrap();
    app.take(&ws, "a tie changed", done);
    let done = ws
        .add_engagement(&talk(dee, Some(ana), "2025-01-01", Some("2")))
        .unwrap();
    let first_talk = done.id.unwrap();
    app.take(&ws, "a conversation with a stance after", done);
    let done = ws
        .add_engagement(&talk(bo, Some(dee), "2024-12-01", None))
        .unwrap();
    app.take(&ws, "a conversation held by Dee", done);
    let done = ws
        .update_engagement(first_talk, &talk(dee, Some(ana), "2024-06-30", Some("-1")))
        .unwrap();
    app.take(&ws, "a conversation moved to an earlier day", done);
    let done = ws
        .set_stances(&[
            TryStanceDto { id: bo, stance: 2 },
            TryStanceDto { id: cy, stance: -2 },
        ])
        .unwrap();
    app.take(&ws, "a what-if kept", done);
    let done = ws
        .move_people(&[
            PlaceDto {
                id: bo,
                x: 1.0,
                y: 2.0,
            },
            PlaceDto {
                id: dee,
                x: -3.5,
                y: 4.0,
            },
        ])
        .unwrap();
    app.take(&ws, "a drag", done);
    let done = ws.set_theta(0.25).unwrap();
    app.take(&ws, "θ", done);
    let done = ws.set_stale_days(30).unwrap();
    app.take(&ws, "the staleness window", done);
    let done = ws.remove_person(dee).unwrap();
    app.take(
        &ws,
        "a person removed with ties and conversations they had and held",
        done,
    );
    for n in 0..6 {
        let done = ws.undo().unwrap();
        app.take(&ws, &format!("undo {n}"), done);
    }
    for n in 0..4 {
        let done = ws.redo().unwrap();
        app.take(&ws, &format!("redo {n}"), done);
    }
    let done = ws.remove_engagement(first_talk).unwrap();
    app.take(&ws, "a conversation removed", done);
    let done = ws.remove_relation(dee_bo).unwrap();
    app.take(&ws, "a tie removed", done);

    // An import, then one that fails half-way and is rolled back.
    let good = people_csv(
        dir.path(),
        "people.csv",
        &[
            "Eve,CFO,Finance,,1,2,4,3,3,yes,no,high,2,no,",
            "Fay,,Ops,,0,1,2,2,3,no,no,low,3,no,",
        ],
    );
    let done = ws.import(&good).unwrap();
    app.take(&ws, "an import", done);
    let bad = people_csv(
        dir.path(),
        "more.csv",
        &[
            "Gus,,Ops,,0,1,2,2,3,no,no,low,3,no,",
            "Hal,,Ops,,9,1,2,2,3,no,no,low,3,no,",
        ],
    );
    assert!(ws.import(&bad).is_err());
    let done = ws.set_field(ana, "role", "Sponsor").unwrap();
    app.take(&ws, "an edit after an import rolled back", done);

    // Another connection writes the file (as a second process could): the next
    // answer reads it again.
    {
        let other = rusqlite::Connection::open(&path).unwrap();
        other
            .execute_batch(
                "UPDATE stakeholders SET role = 'changed elsewhere' WHERE name = 'Bo';
                 DELETE FROM relations;",
            )
            .unwrap();
    }
    let done = ws.set_field(cy, "power", "5").unwrap();
    app.take(&ws, "an edit after another connection's", done);
    let done = ws.undo().unwrap();
    app.take(&ws, "an undo after another connection's", done);
}

/// A map file opened and edited before any snapshot was kept (the people and ties
/// its opening audit read, not yet keyed), or after a snapshot was handed over
/// whole (as the CLI reads), keeps what a fresh read of the file shows.
#[test]
fn what_the_opening_read_and_a_snapshot_handed_over_leave_stands_for_the_file() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let fresh = || MapFile::open_read_only(&path).unwrap().snapshot().unwrap();
    let kept = |map: &MapFile| map.with_snapshot(Clone::clone).unwrap();

    // Edited straight after opening: Bo renamed to Zed (a new place in the
    // people's order), and a tie added.
    let bo_id = fresh()
        .stakeholders
        .iter()
        .find(|p| p.name == "Bo")
        .unwrap()
        .id;
    let mut map = MapFile::open(&path).unwrap();
    let mut bo = map.stakeholder(bo_id).unwrap();
    bo.name = "Zed".into();
    map.update_stakeholder(&bo).unwrap();
    assert_eq!(
        kept(&map),
        fresh(),
        "after an edit before any snapshot was kept"
    );

    // A snapshot handed over whole, then an edit: what is kept is read again.
    let whole = map.snapshot().unwrap();
    assert_eq!(whole, fresh());
    bo.name = "Al".into();
    map.update_stakeholder(&bo).unwrap();
    assert_eq!(
        kept(&map),
        fresh(),
        "after an edit following a snapshot handed over"
    );
    bo.name = "Bo".into();
    map.update_stakeholder(&bo).unwrap();
    assert_eq!(kept(&map), fresh(), "after an edit of what was kept");
}
