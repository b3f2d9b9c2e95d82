//! Conversations and change over time, through the store and the CLI.

use coalition::model::{Engagement, EngagementId, Field, Stance};
use coalition::store::MapFile;

use crate::support::{cli, small_map, stderr, temp_map};

fn talk(map: &MapFile, name: &str, date: &str, after: Option<i64>) -> Engagement {
    Engagement {
        id: EngagementId(0),
        date: date.parse().unwrap(),
        stakeholder: map.find(name).unwrap().id,
        held_by: Some(map.find("Ana").unwrap().id),
        channel: "call".into(),
        summary: "Talked".into(),
        stance_before: None,
        stance_after: after.map(|s| Stance::new(s).unwrap()),
        next_step: String::new(),
        next_step_due: None,
    }
}

#[test]
fn a_logged_conversation_updates_stance_and_history_together() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    let today = chrono::Utc::now().date_naive().to_string();
    map.add_engagement(&talk(&map, "Bo", &today, Some(1)))
        .unwrap();
    let bo = map.find("Bo").unwrap();
    assert_eq!(bo.stance.level(), 1);
    let history: Vec<_> = map
        .stance_history()
        .unwrap()
        .into_iter()
        .filter(|c| c.stakeholder == bo.id)
        .map(|c| (c.stance.level(), c.source))
        .collect();
    assert_eq!(
        history,
        vec![(0, "created".to_string()), (1, "engagement".to_string())]
    );
    // A conversation that fails (the host is not an advocate) changes nothing.
    let mut bad = talk(&map, "Bo", &today, Some(-2));
    bad.held_by = Some(map.find("Cy").unwrap().id);
    assert!(map.add_engagement(&bad).is_err());
    assert_eq!(map.find("Bo").unwrap().stance.level(), 1);
    assert_eq!(map.stance_history().unwrap().len(), 4);
    assert_eq!(map.engagements().unwrap().len(), 1);
}

#[test]
fn a_back_dated_conversation_does_not_hide_a_newer_rating() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    map.set_field("Bo", Field::Stance, "2").unwrap();
    map.add_engagement(&talk(&map, "Bo", "2020-01-15", Some(-1)))
        .unwrap();
    assert_eq!(map.find("Bo").unwrap().stance.level(), 2);
    assert!(
        map.stance_history()
            .unwrap()
            .iter()
            .any(|c| c.stance.level() == -1)
    );
}

#[test]
fn editing_a_conversation_keeps_history() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    let today = chrono::Utc::now().date_naive().to_string();
    let mut e = map
        .add_engagement(&talk(&map, "Bo", &today, Some(1)))
        .unwrap();
    e.summary = "Talked about budgets".into();
    e.stance_after = Some(Stance::new(2).unwrap());
    map.update_engagement(&e).unwrap();
    assert_eq!(
        map.engagements().unwrap()[0].summary,
        "Talked about budgets"
    );
    assert_eq!(map.find("Bo").unwrap().stance.level(), 2);
    let levels: Vec<i8> = map
        .stance_history()
        .unwrap()
        .iter()
        .map(|c| c.stance.level())
        .collect();
    assert!(levels.contains(&1) && levels.contains(&2), "{levels:?}");
}

#[test]
fn a_saved_plan_is_ticked_by_logged_conversations() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["demo", p]).status.success());
    let out = cli(&[
        "plan",
        p,
        "--advocate",
        "Priya Raman",
        "--steps",
        "3",
        "--save",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = plan["steps"][0]["name"].as_str().unwrap().to_string();
    let progress = |args: &[&str]| -> serde_json::Value {
        let out = cli(args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let before = progress(&["progress", p, "--advocate", "Priya Raman", "--json"]);
    assert_eq!(before["held"], 0);
    let out = cli(&[
        "log",
        p,
        &first,
        "--by",
        "Priya Raman",
        "--after",
        "Champion",
        "--summary",
        "Agreed",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = progress(&["progress", p, "--advocate", "Priya Raman", "--json"]);
    assert_eq!(after["held"], 1);
    assert!(after["steps"][0]["held_on"].is_string());
    assert!(after["support_now"].as_f64().unwrap() > before["support_now"].as_f64().unwrap());
    let text =
        String::from_utf8(cli(&["progress", p, "--advocate", "Priya Raman"]).stdout).unwrap();
    assert!(
        text.contains("1 of 3 conversations held; support"),
        "{text}"
    );
}

#[test]
fn diff_history_stale_and_brief_from_the_cli() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    drop(small_map(&path));
    let yesterday = (chrono::Local::now().date_naive() - chrono::Days::new(1)).to_string();
    let ok = |args: &[&str]| {
        let out = cli(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    ok(&[
        "log",
        p,
        "Bo",
        "--by",
        "Ana",
        "--after",
        "Supportive",
        "--next-step",
        "Send the deck",
        "--due",
        &yesterday,
    ]);
    let history: serde_json::Value =
        serde_json::from_str(&ok(&["history", p, "bo", "--json"])).unwrap();
    assert_eq!(history["changes"].as_array().unwrap().len(), 2);
    assert_eq!(history["conversations"].as_array().unwrap().len(), 1);
    let stale: serde_json::Value = serde_json::from_str(&ok(&["stale", p, "--json"])).unwrap();
    assert_eq!(stale["overdue"][0]["next_step"], "Send the deck");
    let brief = ok(&["brief", p, "Bo"]);
    assert!(
        brief.contains("Ana (is their manager, strength 3) — Neutral"),
        "{brief}"
    );
    let out = cli(&["diff", p, "--from", "2026-12-01", "--to", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_demo_map_replays_its_conversations_over_time() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["demo", p]).status.success());
    let json = |args: &[&str]| -> serde_json::Value {
        let out = cli(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let stance = |list: &serde_json::Value, name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["stance"]
            .clone()
    };
    // Graham Tulloch moved from Active resistance to Resistant over lunch on 27 August.
    let august = json(&["list", p, "--as-of", "2026-08-20", "--json"]);
    let october = json(&["list", p, "--as-of", "2026-10-01", "--json"]);
    assert_eq!(stance(&august, "Graham Tulloch"), -2);
    assert_eq!(stance(&october, "Graham Tulloch"), -1);
    assert_eq!(
        august.as_array().unwrap().len(),
        october.as_array().unwrap().len()
    );
    let diff = json(&[
        "diff",
        p,
        "--from",
        "2026-08-20",
        "--to",
        "2026-10-01",
        "--json",
    ]);
    let moved: Vec<&str> = diff["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert!(moved.contains(&"Graham Tulloch"), "{moved:?}");
    assert!(diff["added"].as_array().unwrap().is_empty());
    let before_the_map = json(&["list", p, "--as-of", "2026-01-01", "--json"]);
    assert!(before_the_map.as_array().unwrap().is_empty());
}
