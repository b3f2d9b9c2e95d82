//! The app's workspace over time: the map as of a day, diffs, saved plans and
//! their progress, conversation edits, staleness and the brief.

use coalition::analysis::Cancel;
use coalition::formats::view::NewConversationDto;
use coalition::workspace::Workspace;

use crate::support::ask;

fn demo() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.coalition");
    drop(coalition::demo::write_demo(&path).unwrap());
    let ws = Workspace::open(&path).unwrap();
    (dir, ws)
}

fn id_of(ws: &Workspace, name: &str) -> i64 {
    ws.view()
        .unwrap()
        .people
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

fn stance_of(view: &coalition::formats::view::WorkspaceDto, name: &str) -> String {
    view.people
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .stance_label
        .clone()
}

fn talk(stakeholder: i64, held_by: i64, after: &str) -> NewConversationDto {
    NewConversationDto {
        stakeholder,
        date: chrono::Local::now().date_naive().to_string(),
        held_by: Some(held_by),
        channel: "meeting".into(),
        summary: "<script>alert(1)</script> went well".into(),
        stance_before: None,
        stance_after: Some(after.into()),
        next_step: "Send the numbers".into(),
        next_step_due: Some("2026-01-01".into()),
    }
}

#[test]
fn the_map_can_be_viewed_as_of_a_past_day() {
    let (_dir, ws) = demo();
    let now = ws.view().unwrap();
    assert_eq!(now.timeline.as_of, None);
    assert_eq!(now.timeline.first_day.as_deref(), Some("2026-08-19"));
    assert_eq!(now.timeline.stale_days, 45);
    assert_eq!(stance_of(&now, "Graham Tulloch"), "Resistant");

    let before = ws.view_as_of("2026-08-26").unwrap();
    assert_eq!(before.timeline.as_of.as_deref(), Some("2026-08-26"));
    assert_eq!(stance_of(&before, "Graham Tulloch"), "Active resistance");
    assert!(before.undo.is_none() && before.redo.is_none());
    assert!(
        before
            .engagements
            .iter()
            .all(|e| e.date.as_str() <= "2026-08-26")
    );
    let after = ws.view_as_of("2026-08-27").unwrap();
    assert_eq!(stance_of(&after, "Graham Tulloch"), "Resistant");
    assert!(ws.view_as_of("2026-08-18").unwrap().people.is_empty());

    let e = ws.view_as_of("9999-01-01").unwrap_err().to_string();
    assert!(e.contains("after today"), "{e}");
    let e = ws.view_as_of("26/08/2026").unwrap_err().to_string();
    assert!(e.contains("YYYY-MM-DD"), "{e}");
}

#[test]
fn diffs_say_who_moved_by_id() {
    let (_dir, ws) = demo();
    let graham = id_of(&ws, "Graham Tulloch");
    let d = ws.diff("2026-08-26", "2026-08-27").unwrap();
    assert_eq!(d.version, coalition::formats::timeline::TIMELINE_VERSION);
    let moved = d.moved.iter().find(|m| m.id == graham).unwrap();
    assert_eq!((moved.from, moved.to, moved.change), (-2, -1, 1));
    assert_eq!(moved.label, "Active resistance → Resistant");
    assert!(d.support_to > d.support_from);
    let e = ws.diff("2026-09-01", "2026-08-01").unwrap_err().to_string();
    assert!(e.contains("earlier day first"), "{e}");
}

#[test]
fn a_saved_plan_ticks_its_steps_as_conversations_are_logged() {
    let (_dir, mut ws) = demo();
    let lead = ws.view().unwrap().lead_advocate.unwrap();
    assert_eq!(ws.progress(lead).unwrap(), None);
    ws.save_plan(&ask(lead, 3)).unwrap();
    assert_eq!(
        ws.view().unwrap().undo.unwrap(),
        format!(
            "Save plan for {}",
            ws.view()
                .unwrap()
                .people
                .iter()
                .find(|p| p.id == lead)
                .unwrap()
                .name
        )
    );
    let saved = ws.progress(lead).unwrap().unwrap();
    assert_eq!(saved.held, 0);
    assert!(
        saved
            .summary
            .starts_with(&format!("0 of {} conversations held", saved.steps.len()))
    );
    let first = saved.steps[0].id;

    let id = ws
        .add_engagement(&talk(first, lead, "Champion"))
        .unwrap()
        .id
        .unwrap();
    let now = ws.progress(lead).unwrap().unwrap();
    assert_eq!(now.held, 1);
    assert!(now.steps[0].held_on.is_some());
    assert!(now.support_now > now.support_then);

    // Edited and deleted through the history.
    let mut edited = talk(first, lead, "Champion");
    edited.summary = "Edited".into();
    ws.update_engagement(id, &edited).unwrap();
    let view = ws.view().unwrap();
    assert_eq!(view.undo.as_deref(), Some("Edit conversation"));
    assert_eq!(
        view.engagements
            .iter()
            .find(|e| e.id == id)
            .unwrap()
            .summary,
        "Edited"
    );
    ws.undo().unwrap();
    assert!(
        ws.view()
            .unwrap()
            .engagements
            .iter()
            .any(|e| e.id == id && e.summary.starts_with("<script>"))
    );
    ws.remove_engagement(id).unwrap();
    assert_eq!(ws.progress(lead).unwrap().unwrap().held, 0);
    ws.undo().unwrap();
    assert_eq!(ws.progress(lead).unwrap().unwrap().held, 1);
    assert!(ws.update_engagement(-5, &edited).is_err());

    // Undoing the save forgets the plan.
    while ws.view().unwrap().undo.is_some() {
        ws.undo().unwrap();
    }
    assert_eq!(ws.progress(lead).unwrap(), None);
}

#[test]
fn stale_ratings_and_overdue_steps_come_with_the_view() {
    let (_dir, mut ws) = demo();
    let view = ws.view().unwrap();
    assert!(!view.timeline.stale.is_empty());
    for s in &view.timeline.stale {
        let p = view.people.iter().find(|p| p.id == s.id).unwrap();
        assert_eq!(p.name, s.name);
        assert!(s.days > 45);
    }
    ws.set_stale_days(3650).unwrap();
    let view = ws.view().unwrap();
    assert_eq!(view.timeline.stale_days, 3650);
    assert!(view.timeline.stale.is_empty());
    assert_eq!(view.undo.as_deref(), Some("Set stale ratings to 3650 days"));
    assert!(ws.set_stale_days(0).is_err());
    ws.undo().unwrap();
    assert_eq!(ws.view().unwrap().timeline.stale_days, 45);

    let graham = id_of(&ws, "Graham Tulloch");
    let lead = ws.view().unwrap().lead_advocate.unwrap();
    ws.add_engagement(&talk(graham, lead, "Resistant")).unwrap();
    let fresh = ws.view_as_of(&chrono::Local::now().date_naive().to_string());
    assert!(fresh.unwrap().timeline.stale.iter().all(|s| s.id != graham));
}

#[test]
fn the_brief_says_who_they_listen_to_and_why_they_are_in_the_plan() {
    let (_dir, ws) = demo();
    let lead = ws.view().unwrap().lead_advocate.unwrap();
    let plan = ws.plan(&ask(lead, 5), &Cancel::default()).unwrap();
    let first = &plan.steps[0];
    let brief = ws.brief(first.id, Some(lead)).unwrap();
    assert_eq!(brief.name, first.name);
    assert_eq!(brief.plan_step, Some(1));
    assert_eq!(brief.plan_reason.as_deref(), Some(first.reason.as_str()));
    assert!(brief.listens_to.iter().all(|l| l.id > 0));
    let graham = ws.brief(id_of(&ws, "Graham Tulloch"), None).unwrap();
    assert_eq!(graham.stance, "Resistant");
    assert_eq!(graham.plan_step, None);
    assert!(!graham.conversations.is_empty());
    assert!(ws.brief(-1, None).is_err());

    // Since 2026-08-26 Gary and Graham moved up a level, Małgorzata and Nigel down
    // one: the plan as of that day reads the stances of that day.
    let past = ws
        .plan_as_of(&ask(lead, 5), "2026-08-26", &Cancel::default())
        .unwrap();
    assert!((past.support_before - plan.support_before).abs() > 1e-4);
}
