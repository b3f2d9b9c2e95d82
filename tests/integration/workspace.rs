//! The app's workspace: every edit is undoable and redoable, and the view DTO.

use coalition::analysis::Cancel;
use coalition::formats::analysis::TryStanceDto;
use coalition::formats::view::{Derived, NewConversationDto, NewTieDto, PlaceDto};
use coalition::workspace::Workspace;

use crate::support::{ask, small_map, temp_map};

fn id_of(ws: &Workspace, name: &str) -> i64 {
    ws.view()
        .unwrap()
        .people
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

/// A call on 2025-03-14 with `who`, held by `by`, that left them Supportive.
fn went_well(who: i64, by: i64) -> NewConversationDto {
    NewConversationDto {
        stakeholder: who,
        date: "2025-03-14".into(),
        held_by: Some(by),
        channel: "call".into(),
        summary: "went well".into(),
        stance_before: None,
        stance_after: Some("1".into()),
        next_step: String::new(),
        next_step_due: None,
    }
}

#[test]
fn edits_undo_and_redo_in_order() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let before = ws.snapshot().unwrap();
    let bo = id_of(&ws, "Bo");
    ws.set_field(bo, "stance", "Champion").unwrap();
    let dee = ws.add_person("Dee").unwrap().id.unwrap();
    ws.add_relation(&NewTieDto {
        from: dee,
        to: bo,
        kind: "influences".into(),
        strength: 4,
        note: "<b>hi</b>".into(),
    })
    .unwrap();
    let edited = ws.snapshot().unwrap();
    assert_eq!(
        ws.view().unwrap().undo.as_deref(),
        Some("Add influences tie")
    );

    assert_eq!(
        ws.undo().unwrap().done.as_deref(),
        Some("Add influences tie")
    );
    assert_eq!(ws.undo().unwrap().done.as_deref(), Some("Add Dee"));
    assert_eq!(
        ws.undo().unwrap().done.as_deref(),
        Some("Edit stance of Bo")
    );
    assert_eq!(ws.undo().unwrap().done, None);
    let undone = ws.snapshot().unwrap();
    assert_eq!(undone.stakeholders, before.stakeholders);
    assert_eq!(undone.relations, before.relations);
    assert_eq!(undone.stance_history, before.stance_history);

    for _ in 0..3 {
        ws.redo().unwrap().done.unwrap();
    }
    assert_eq!(ws.redo().unwrap().done, None);
    let redone = ws.snapshot().unwrap();
    assert_eq!(redone.stakeholders, edited.stakeholders);
    assert_eq!(redone.relations, edited.relations);
}

#[test]
fn deleting_a_person_is_undone_with_their_ties_and_conversations() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let ana = id_of(&ws, "Ana");
    let bo = id_of(&ws, "Bo");
    ws.add_engagement(&went_well(bo, ana)).unwrap();
    let before = ws.snapshot().unwrap();
    ws.remove_person(bo).unwrap();
    assert_eq!(ws.snapshot().unwrap().relations.len(), 0);
    assert_eq!(ws.undo().unwrap().done.as_deref(), Some("Delete Bo"));
    let after = ws.snapshot().unwrap();
    assert_eq!(after.stakeholders, before.stakeholders);
    assert_eq!(after.relations, before.relations);
    assert_eq!(after.engagements, before.engagements);
    assert_eq!(after.stance_history, before.stance_history);
}

#[test]
fn a_new_edit_clears_redo_and_failed_edits_leave_no_step() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let cy = id_of(&ws, "Cy");
    assert!(ws.set_field(cy, "stance", "maybe").is_err());
    assert!(ws.add_person("Bo").is_err());
    assert_eq!(ws.view().unwrap().undo, None);
    ws.set_field(cy, "power", "5").unwrap();
    ws.undo().unwrap();
    assert!(ws.view().unwrap().redo.is_some());
    ws.set_field(cy, "role", "CFO").unwrap();
    assert_eq!(ws.view().unwrap().redo, None);
}

#[test]
fn layouts_are_saved_without_a_step_and_drags_with_one() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let cy = id_of(&ws, "Cy");
    ws.place_people(&[PlaceDto {
        id: cy,
        x: 1.5,
        y: -2.0,
    }])
    .unwrap();
    assert_eq!(ws.view().unwrap().undo, None);
    ws.move_people(&[PlaceDto {
        id: cy,
        x: 10.0,
        y: 20.0,
    }])
    .unwrap();
    ws.undo().unwrap();
    let view = ws.view().unwrap();
    let person = view.people.iter().find(|p| p.id == cy).unwrap();
    assert_eq!(person.position, Some([1.5, -2.0]));
    assert!(
        ws.move_people(&[PlaceDto {
            id: cy,
            x: f64::NAN,
            y: 0.0
        }])
        .is_err()
    );
    drop(ws);
    let reopened = Workspace::open(&path).unwrap();
    let view = reopened.view().unwrap();
    assert_eq!(
        view.people.iter().find(|p| p.id == cy).unwrap().position,
        Some([1.5, -2.0])
    );
    assert_eq!(view.undo, None, "the history does not outlive the window");
}

#[test]
fn laying_out_places_everyone_where_the_svg_draws_them_keeps_placed_people_and_is_no_step() {
    let (dir, path) = temp_map();
    drop(coalition::demo::write_demo(&path).unwrap());
    let svg_of = |path: &std::path::Path| {
        let map = coalition::store::MapFile::open_read_only(path).unwrap();
        let options = coalition::export::ExportOptions {
            format: coalition::export::Format::Svg,
            view: coalition::export::View::Network,
            profile: coalition::export::Profile::Full,
            advocate: None,
        };
        let files = coalition::export::export(&map.snapshot().unwrap(), &options, None).unwrap();
        files[0].bytes.clone()
    };
    let before = svg_of(&path);
    let mut ws = Workspace::open(&path).unwrap();
    let unplaced = ws
        .view()
        .unwrap()
        .people
        .iter()
        .filter(|p| p.position.is_none())
        .count();
    assert_eq!(unplaced, 34, "the demo map comes unplaced");
    let dragged = id_of(&ws, "Priya Raman");
    ws.place_people(&[PlaceDto {
        id: dragged,
        x: 5000.0,
        y: 5000.0,
    }])
    .unwrap();
    let sent = ws.view().unwrap();
    let done = ws.lay_out().unwrap();
    let change = done.change.expect("a change of the view sent");
    assert!(change.relations.is_empty(), "the ties are not sent again");
    let view = ws.view().unwrap();
    assert!(change.people.changed.len() + 1 >= view.people.len() && sent.revision < view.revision);
    assert!(
        view.people.iter().all(|p| p.position.is_some()),
        "everyone is placed"
    );
    let priya = view.people.iter().find(|p| p.id == dragged).unwrap();
    assert_eq!(
        priya.position,
        Some([5000.0, 5000.0]),
        "a placed person stays"
    );
    assert_eq!(view.undo, None, "laying out is not a step of undo");
    // Again: nothing left to place, nothing moves.
    ws.lay_out().unwrap();
    assert_eq!(ws.view().unwrap().people, view.people);
    drop(ws);
    // Without the drag, the saved layout is the picture the SVG drew before.
    let fresh = dir.path().join("fresh.coalition");
    drop(coalition::demo::write_demo(&fresh).unwrap());
    Workspace::open(&fresh).unwrap().lay_out().unwrap();
    assert_eq!(
        svg_of(&fresh),
        before,
        "the export draws the saved layout as it drew the unsaved one"
    );
}

#[test]
fn save_as_continues_in_the_copy() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let copy = dir.path().join("copy.coalition");
    ws.save_as(&copy).unwrap();
    assert_eq!(ws.path(), copy);
    ws.add_person("Only in the copy").unwrap();
    drop(ws);
    let original = Workspace::open(&path).unwrap();
    assert_eq!(original.view().unwrap().people.len(), 3);
}

#[test]
fn the_view_classifies_people_and_ties() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let ana = id_of(&ws, "Ana");
    ws.set_field(ana, "power", "5").unwrap();
    ws.set_field(ana, "interest", "4").unwrap();
    ws.set_field(ana, "legitimacy", "yes").unwrap();
    let view = ws.view().unwrap();
    let a = view.people.iter().find(|p| p.id == ana).unwrap();
    assert_eq!(a.quadrant, "manage_closely");
    assert_eq!(a.salience, "dominant");
    let tie = &view.relations[0];
    assert_eq!(
        (tie.kind.as_str(), tie.flow.as_str()),
        ("reports_to", "backward")
    );
}

#[test]
fn several_fields_are_one_step_and_all_or_nothing() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let cy = id_of(&ws, "Cy");
    let pair = |f: &str, v: &str| (f.to_string(), v.to_string());
    ws.set_fields(cy, &[pair("power", "5"), pair("interest", "4")])
        .unwrap();
    assert_eq!(
        ws.view().unwrap().undo.as_deref(),
        Some("Edit power and interest of Cy")
    );
    assert!(
        ws.set_fields(cy, &[pair("power", "1"), pair("interest", "9")])
            .is_err()
    );
    let view = ws.view().unwrap();
    let p = view.people.iter().find(|p| p.id == cy).unwrap();
    assert_eq!((p.power, p.interest), (5, 4));
    ws.undo().unwrap();
    let view = ws.view().unwrap();
    let p = view.people.iter().find(|p| p.id == cy).unwrap();
    assert_eq!((p.power, p.interest), (3, 3));
}

/// The app reads the map for a plan or a what-if, lets it go, and works on what
/// it read: an edit made meanwhile neither waits nor changes the answer, and a
/// what-if stopped (Discard, or a newer one) ends with its own kind of error.
#[test]
fn plans_and_what_ifs_work_on_what_was_read_and_a_what_if_stops_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.coalition");
    drop(coalition::demo::write_demo(&path).unwrap());
    let mut ws = Workspace::open(&path).unwrap();
    let view = ws.view().unwrap();
    let lead = view.lead_advocate.unwrap();
    let before = ws.plan(&ask(lead, 3), &Cancel::default()).unwrap();
    let input = ws.model_input().unwrap();
    let target = before.steps[0].id;
    let what_if = coalition::formats::analysis::WhatIfDto {
        talk: vec![target],
        stances: vec![],
    };
    let predicted = ws.simulate(&what_if).unwrap();
    // Everyone becomes a champion in the map; what was read stays as it was.
    for p in &view.people {
        ws.set_field(p.id, "stance", "Champion").unwrap();
    }
    assert_eq!(
        input.plan(&ask(lead, 3), &Cancel::default()).unwrap(),
        before
    );
    assert_eq!(
        input.simulate(&what_if, &Cancel::default()).unwrap(),
        predicted
    );
    assert_ne!(ws.simulate(&what_if).unwrap(), predicted);

    let cancel = Cancel::default();
    cancel.cancel();
    let stopped = input.simulate(&what_if, &cancel).unwrap_err();
    assert_eq!(stopped.kind(), coalition::ErrorKind::Cancelled);
    assert_eq!(
        input.plan(&ask(lead, 3), &cancel).unwrap_err().kind(),
        coalition::ErrorKind::Cancelled
    );
}

#[test]
fn plans_what_ifs_and_metrics_name_people_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.coalition");
    drop(coalition::demo::write_demo(&path).unwrap());
    let ws = Workspace::open(&path).unwrap();
    let view = ws.view().unwrap();
    let advocate = view.people.iter().find(|p| p.advocate).unwrap();
    let plan = ws.plan(&ask(advocate.id, 4), &Cancel::default()).unwrap();
    assert!(!plan.steps.is_empty() && plan.steps.len() <= 4);
    assert!(plan.support_after > plan.support_before);
    for step in &plan.steps {
        let person = view.people.iter().find(|p| p.id == step.id).unwrap();
        assert_eq!(person.name, step.name);
        assert_eq!(step.path.first(), Some(&advocate.id));
        assert_eq!(step.path.last(), Some(&step.id));
        assert_eq!(step.path.len(), step.introduced_by.len() + 2);
    }
    assert!(ws.plan(&ask(-1, 3), &Cancel::default()).is_err());
    // Cancelled (the app's Cancel, or a newer plan asked for): it stops with
    // its own kind of error, which the app does not show.
    let cancel = Cancel::default();
    cancel.cancel();
    let stopped = ws.plan(&ask(advocate.id, 4), &cancel).unwrap_err();
    assert_eq!(stopped.kind(), coalition::ErrorKind::Cancelled);

    let target = plan.steps[0].id;
    let sim = ws
        .simulate(&coalition::formats::analysis::WhatIfDto {
            talk: vec![target],
            stances: vec![],
        })
        .unwrap();
    assert!((sim.support - sim.support_before - plan.steps[0].gain).abs() < 1e-6);
    assert!(sim.people.iter().all(|p| p.id > 0));

    // The sponsor, the most powerful advocate, is whom the plan starts with.
    let lead = view
        .people
        .iter()
        .find(|p| Some(p.id) == view.lead_advocate)
        .unwrap();
    assert_eq!(lead.name, "Priya Raman");

    let metrics = ws.metrics().unwrap();
    assert_eq!(metrics.people.len(), view.people.len());
    let total: f64 = metrics.people.iter().map(|p| p.pagerank).sum();
    assert!((total - 1.0).abs() < 1e-6);
}

#[test]
fn plans_and_what_ifs_use_the_maps_theta() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.coalition");
    let mut map = coalition::demo::write_demo(&path).unwrap();
    map.set_setting("theta", "0.25").unwrap();
    drop(map);
    let ws = Workspace::open(&path).unwrap();
    let lead = ws.view().unwrap().lead_advocate.unwrap();
    let quarter = ws.plan(&ask(lead, 3), &Cancel::default()).unwrap();
    drop(ws);
    let mut map = coalition::store::MapFile::open(&path).unwrap();
    map.set_setting("theta", "0.5").unwrap();
    drop(map);
    let half = Workspace::open(&path)
        .unwrap()
        .plan(&ask(lead, 3), &Cancel::default())
        .unwrap();
    // Gains are linear in θ: half as far per conversation, half the gain.
    assert!((half.steps[0].gain - 2.0 * quarter.steps[0].gain).abs() < 1e-9);
}

#[test]
fn the_app_asks_for_a_goal_and_the_plan_says_which_and_how_sure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.coalition");
    coalition::demo::write_demo(&path).unwrap();
    let ws = Workspace::open(&path).unwrap();
    let lead = ws.view().unwrap().lead_advocate.unwrap();
    let plain = ws.plan(&ask(lead, 3), &Cancel::default()).unwrap();
    assert_eq!(plain.goal, "support");
    for goal in ["coalition", "commitment"] {
        let request = coalition::formats::analysis::PlanRequestDto {
            goal: Some(goal.into()),
            ..ask(lead, 3)
        };
        let plan = ws.plan(&request, &Cancel::default()).unwrap();
        assert_eq!(plan.goal, goal);
        assert!(["exact", "greedy"].contains(&plan.proof.as_str()));
    }
    let wrong = coalition::formats::analysis::PlanRequestDto {
        goal: Some("world peace".into()),
        ..ask(lead, 3)
    };
    let err = ws.plan(&wrong, &Cancel::default()).unwrap_err().to_string();
    assert!(err.contains("support, coalition or commitment"), "{err}");
}

#[test]
fn edits_say_exactly_what_they_made_stale() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let bo = id_of(&ws, "Bo");
    let ana = id_of(&ws, "Ana");
    use Derived::*;
    let moved = ws
        .move_people(&[PlaceDto {
            id: bo,
            x: 10.0,
            y: 20.0,
        }])
        .unwrap();
    // A drag moves only the picture by group (a group sits where its people are).
    assert_eq!(moved.stale, [Groups]);
    assert_eq!(
        ws.set_field(bo, "notes", "cares about cost").unwrap().stale,
        [Brief]
    );
    assert_eq!(ws.set_field(bo, "interest", "5").unwrap().stale, []);
    assert_eq!(
        ws.set_field(bo, "stance", "Resistant").unwrap().stale,
        [Plan, Progress, Simulation, Brief, Groups]
    );
    let tie = NewTieDto {
        from: ana,
        to: id_of(&ws, "Cy"),
        kind: "influences".into(),
        strength: 3,
        note: String::new(),
    };
    assert_eq!(
        ws.add_relation(&tie).unwrap().stale,
        [Plan, Metrics, Progress, Simulation, Brief, Groups]
    );
    assert_eq!(ws.save_plan(&ask(ana, 3)).unwrap().stale, [Progress]);
    assert_eq!(ws.undo().unwrap().stale.len(), 6);
}

#[test]
fn keeping_a_what_if_is_one_undo_step_and_all_or_nothing() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let (bo, cy) = (id_of(&ws, "Bo"), id_of(&ws, "Cy"));
    let before = ws.snapshot().unwrap();
    ws.set_stances(&[
        TryStanceDto { id: bo, stance: 2 },
        TryStanceDto { id: cy, stance: -1 },
    ])
    .unwrap();
    let stance = |v: &coalition::formats::view::WorkspaceDto, id: i64| {
        v.people.iter().find(|p| p.id == id).unwrap().stance
    };
    let view = ws.view().unwrap();
    assert_eq!((stance(&view, bo), stance(&view, cy)), (2, -1));
    assert_eq!(
        view.undo.as_deref(),
        Some("Keep what-if stances of 2 people")
    );
    ws.undo().unwrap();
    assert_eq!(ws.snapshot().unwrap().stakeholders, before.stakeholders);
    assert_eq!(ws.view().unwrap().undo, None, "one step undid both");

    // A bad stance or an unknown person refuses the whole edit.
    for bad in [
        vec![
            TryStanceDto { id: bo, stance: 2 },
            TryStanceDto { id: cy, stance: 7 },
        ],
        vec![
            TryStanceDto { id: bo, stance: 2 },
            TryStanceDto { id: 999, stance: 1 },
        ],
    ] {
        assert!(ws.set_stances(&bad).is_err());
        assert_eq!(ws.snapshot().unwrap().stakeholders, before.stakeholders);
        assert_eq!(ws.view().unwrap().undo, None);
    }
}

/// The app's side of the contract: the view it shows, kept from each edit's
/// answer as `ui/src/lib/viewchange.ts` keeps it.
struct Shown(coalition::formats::view::WorkspaceDto);

impl Shown {
    /// Takes an edit's answer: its whole view, or its change applied to the
    /// revision it was made from.
    fn take(&mut self, done: coalition::formats::view::EditedDto) {
        match (done.view, done.change) {
            (Some(view), None) => self.0 = view,
            (None, Some(change)) => {
                assert_eq!(change.base, self.0.revision, "a change of the view shown");
                change.apply(&mut self.0);
            }
            other => panic!("an edit answers with a view or a change: {other:?}"),
        }
    }
}

#[test]
fn the_view_kept_from_edit_changes_is_the_map_after_every_kind_of_edit() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let mut shown = Shown(ws.view().unwrap());
    let (ana, bo) = (id_of(&ws, "Ana"), id_of(&ws, "Bo"));
    shown.0 = ws.view().unwrap();
    let check = |ws: &mut Workspace, shown: &mut Shown, done| {
        shown.take(done);
        let revision = shown.0.revision;
        let fresh = ws.view().unwrap();
        assert_eq!(
            shown.0,
            coalition::formats::view::WorkspaceDto {
                revision,
                ..fresh.clone()
            }
        );
        shown.0 = fresh;
    };
    let dee = ws.add_person("Dee").unwrap();
    let dee_id = dee.id.unwrap();
    check(&mut ws, &mut shown, dee);
    let done = ws.set_field(dee_id, "name", "Aaron Dee").unwrap();
    check(&mut ws, &mut shown, done);
    let done = ws.set_field(bo, "stance", "Champion").unwrap();
    let change = done.change.clone().unwrap();
    assert_eq!(
        change
            .people
            .changed
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        [bo]
    );
    assert!(change.relations.is_empty() && change.people.order.is_none());
    check(&mut ws, &mut shown, done);
    let tie = NewTieDto {
        from: dee_id,
        to: bo,
        kind: "influences".into(),
        strength: 4,
        note: "<b>hi</b>".into(),
    };
    let added = ws.add_relation(&tie).unwrap();
    let tie_id = added.id.unwrap();
    check(&mut ws, &mut shown, added);
    let done = ws
        .update_relation(tie_id, &NewTieDto { strength: 2, ..tie })
        .unwrap();
    check(&mut ws, &mut shown, done);
    let done = ws.add_engagement(&went_well(bo, ana)).unwrap();
    check(&mut ws, &mut shown, done);
    let done = ws
        .move_people(&[PlaceDto {
            id: bo,
            x: 3.0,
            y: 4.0,
        }])
        .unwrap();
    check(&mut ws, &mut shown, done);
    let done = ws.set_theta(0.3).unwrap();
    check(&mut ws, &mut shown, done);
    let done = ws.remove_person(dee_id).unwrap();
    check(&mut ws, &mut shown, done);
    for _ in 0..4 {
        let done = ws.undo().unwrap();
        check(&mut ws, &mut shown, done);
    }
    for _ in 0..4 {
        let done = ws.redo().unwrap();
        check(&mut ws, &mut shown, done);
    }
    // Places saved by a layout are already on screen: the next change leaves them out.
    ws.place_people(&[PlaceDto {
        id: ana,
        x: 9.0,
        y: 9.0,
    }])
    .unwrap();
    shown
        .0
        .people
        .iter_mut()
        .find(|p| p.id == ana)
        .unwrap()
        .position = Some([9.0, 9.0]);
    let done = ws.set_field(bo, "power", "5").unwrap();
    assert_eq!(done.change.as_ref().unwrap().people.changed.len(), 1);
    check(&mut ws, &mut shown, done);
}

#[test]
fn an_edit_before_any_view_answers_with_the_whole_view_and_views_are_numbered() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let done = ws.add_person("Dee").unwrap();
    let view = done.view.expect("no view was sent, so the whole view");
    assert!(done.change.is_none());
    assert_eq!(view.people.len(), 4);
    let next = ws.view().unwrap();
    assert!(next.revision > view.revision);
    let done = ws.set_field(done.id.unwrap(), "role", "CFO").unwrap();
    assert_eq!(done.change.unwrap().base, next.revision);
}
