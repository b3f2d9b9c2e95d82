//! The `coalition` command line: the contract scripts rely on.

use crate::support::{cli, stderr, temp_map};

#[test]
fn demo_then_list_json_lists_the_demo_people() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    let out = cli(&["demo", p]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = cli(&["list", p, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let people: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let people = people.as_array().unwrap();
    assert!((25..=40).contains(&people.len()), "{} people", people.len());
    let names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Priya Raman"), "{names:?}");
    assert!(people.iter().filter(|p| p["advocate"] == true).count() >= 2);
    let stances: std::collections::BTreeSet<i64> = people
        .iter()
        .map(|p| p["stance"].as_i64().unwrap())
        .collect();
    assert_eq!(stances.len(), 5, "the demo uses every stance");
}

#[test]
fn the_demo_map_uses_every_relation_kind_and_has_conversations() {
    let (_dir, path) = temp_map();
    let map = coalition::demo::write_demo(&path).unwrap();
    let snap = map.snapshot().unwrap();
    let kinds: std::collections::BTreeSet<_> = snap.relations.iter().map(|r| r.kind).collect();
    assert_eq!(kinds.len(), 5);
    assert!(snap.engagements.len() >= 5);
}

#[test]
fn add_set_show_remove_round_trip() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["new", p, "--name", "Office move"]).status.success());
    let ok = |args: &[&str]| {
        let out = cli(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    ok(&[
        "add",
        "stakeholder",
        p,
        "Dana Ortiz",
        "--role",
        "CFO",
        "--stance",
        "-2",
        "--power",
        "Very high",
    ]);
    ok(&["add", "stakeholder", p, "Erik", "--advocate", "yes"]);
    ok(&[
        "add",
        "relation",
        p,
        "erik",
        "reports_to",
        "dana ortiz",
        "--strength",
        "4",
    ]);
    ok(&["set", p, "Dana Ortiz", "stance", "resistant"]);
    ok(&[
        "add",
        "engagement",
        p,
        "Dana Ortiz",
        "--by",
        "Erik",
        "--date",
        "2026-11-01",
        "--after",
        "Neutral",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["show", p, "DANA ORTIZ", "--json"])).unwrap();
    assert_eq!(shown["stakeholder"]["stance"], 0);
    assert_eq!(shown["stakeholder"]["power"], 5);
    assert_eq!(shown["relations"][0]["kind"], "reports_to");
    assert_eq!(shown["stance_history"].as_array().unwrap().len(), 3);
    ok(&["remove", "relation", p, "Erik", "reports_to", "Dana Ortiz"]);
    ok(&["remove", "stakeholder", p, "Erik"]);
    let list: serde_json::Value = serde_json::from_str(&ok(&["list", p, "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn user_errors_exit_1_with_one_line() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["new", p, "--name", "M"]).status.success());
    for args in [
        vec!["set", p, "Nobody", "stance", "1"],
        vec!["add", "relation", p, "A", "likes", "B"],
        vec!["list", "/nonexistent/map.coalition"],
        vec!["export", p, "--format", "xlsx"],
        vec!["frobnicate"],
    ] {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(!stderr(&out).trim().is_empty());
    }
    let out = cli(&["set", p, "Nobody", "stance", "1"]);
    assert_eq!(
        stderr(&out).trim(),
        "coalition: no stakeholder named 'Nobody' in this map; `coalition list MAP` shows who is in it"
    );
}

#[test]
fn help_speaks_to_a_consultant() {
    let out = cli(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("whom to talk"), "{help}");
    for cmd in [
        "new", "demo", "list", "show", "add", "set", "remove", "import", "export",
    ] {
        assert!(
            help.contains(&format!("  {cmd} ")),
            "{cmd} missing from help"
        );
    }
}
