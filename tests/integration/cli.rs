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
        vec!["export", p, "--format", "docx"],
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

#[test]
fn plan_simulate_and_metrics_keep_their_json_contract() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["demo", p]).status.success());
    let json = |args: &[&str]| -> serde_json::Value {
        let out = cli(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let plan = json(&[
        "plan",
        p,
        "--advocate",
        "priya raman",
        "--steps",
        "3",
        "--json",
    ]);
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    let total: f64 = steps.iter().map(|s| s["gain"].as_f64().unwrap()).sum();
    let (before, after) = (
        plan["support_before"].as_f64().unwrap(),
        plan["support_after"].as_f64().unwrap(),
    );
    assert!(
        (after - before - total).abs() < 1e-9,
        "the gains add up to the plan"
    );
    for step in steps {
        assert!(
            step["reason"]
                .as_str()
                .unwrap()
                .contains(step["name"].as_str().unwrap())
        );
        assert!(step["introduced_by"].is_array() && step["share"].is_f64());
        // Per step: the reach, the gain to expect, at most three introducers, the
        // band changes in words.
        let reach = step["reach"].as_f64().unwrap();
        assert!((0.1..=1.0).contains(&reach), "{step}");
        let expected = step["expected_gain"].as_f64().unwrap();
        assert!((expected - reach * step["gain"].as_f64().unwrap()).abs() < 1e-12);
        assert!(step["introduced_by"].as_array().unwrap().len() <= 3);
        for change in step["band_changes"].as_array().unwrap() {
            for key in ["id", "name", "from", "to"] {
                assert!(change.get(key).is_some(), "{change}");
            }
            assert_ne!(change["from"], change["to"]);
        }
        assert!(step["flows_through"].is_array() && step["losses_through"].is_array());
    }
    assert!(plan["skipped_recent"].is_array() && plan["warnings"].is_array());
    assert!(plan["range"]["low"].as_f64().unwrap() <= plan["range"]["high"].as_f64().unwrap());
    assert!(plan["check_first"].is_array());
    assert!(steps.iter().all(|s| s["stays"].is_f64()));
    assert_eq!(
        (plan["goal"].as_str(), plan["proof"].as_str()),
        (Some("support"), Some("exact"))
    );
    let coalition = json(&[
        "plan",
        p,
        "--advocate",
        "Priya Raman",
        "--goal",
        "coalition",
        "--steps",
        "3",
        "--json",
    ]);
    assert_eq!(coalition["goal"], "coalition");
    assert_eq!(
        coalition["proof"], "exact",
        "the demo map is small enough to prove"
    );
    assert!(
        coalition["measures"]["after"]["supporter_power"]
            .as_f64()
            .unwrap()
            >= plan["measures"]["after"]["supporter_power"]
                .as_f64()
                .unwrap()
                - 1e-12
    );
    assert!(plan["avoid"].is_array());
    // The three measures, before and after, in numbers and in words.
    let measures = &plan["measures"];
    assert_eq!(
        measures["before"]["score"].as_i64().unwrap(),
        (100.0 * before).round() as i64
    );
    assert_eq!(
        measures["after"]["score"].as_i64().unwrap(),
        (100.0 * after).round() as i64
    );
    assert_eq!(measures["before"]["people"], 34);
    for side in ["before", "after"] {
        let m = &measures[side];
        assert!(m["supporters"].as_u64().unwrap() <= 34);
        for share in ["supporter_power", "committed_power"] {
            assert!(
                (0.0..=1.0).contains(&m[share].as_f64().unwrap()),
                "{side} {share}"
            );
        }
    }
    assert!(
        measures["summary"]
            .as_str()
            .unwrap()
            .starts_with("Support score "),
        "{measures}"
    );
    // The same versioned DTOs the app receives, people by id and name.
    let version = coalition::formats::analysis::ANALYSIS_VERSION;
    assert_eq!(plan["version"], version);
    assert!(steps.iter().all(|s| s["id"].as_i64().unwrap() > 0));
    assert_eq!(steps[0]["path"][0], plan["advocate_id"]);

    let first = steps[0]["name"].as_str().unwrap();
    let sim = json(&["simulate", p, "--talk", first, "--json"]);
    let gain = steps.iter().find(|s| s["name"] == first).unwrap()["gain"]
        .as_f64()
        .unwrap();
    assert!((sim["support"].as_f64().unwrap() - before - gain).abs() < 1e-9);
    let people = sim["people"].as_array().unwrap();
    assert!(
        people
            .iter()
            .all(|p| p["stance"].is_f64() && p["predicted"].is_f64())
    );

    assert_eq!(sim["version"], version);
    let metrics = json(&["metrics", p, "--json"]);
    assert_eq!(metrics["version"], version);
    let people = metrics["people"].as_array().unwrap();
    let rank: f64 = people.iter().map(|p| p["pagerank"].as_f64().unwrap()).sum();
    assert!((rank - 1.0).abs() < 1e-6, "PageRank sums to 1");
    for key in [
        "name",
        "betweenness",
        "influence_in",
        "influence_out",
        "group",
    ] {
        assert!(people.iter().all(|p| p.get(key).is_some()), "{key}");
    }
}

#[test]
fn the_plan_and_the_what_if_speak_in_measures_not_bare_numbers() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["demo", p]).status.success());
    let out = cli(&["plan", p, "--advocate", "Priya Raman"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let measures = text.lines().nth(1).unwrap();
    assert!(measures.starts_with("Support score "), "{text}");
    assert!(measures.contains(" of 34, holding "), "{text}");
    assert!(measures.contains("power at target"), "{text}");
    assert!(
        !text.contains("0.0"),
        "no bare fractions of support: {text}"
    );
    let out = cli(&["simulate", p, "--talk", "Graham Tulloch"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Support score "), "{text}");
}

#[test]
fn a_just_logged_conversation_leaves_that_person_out_of_the_next_plan() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["demo", p]).status.success());
    let plan = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["plan", p, "--advocate", "Priya Raman", "--json"];
        args.extend_from_slice(extra);
        let out = cli(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let names = |plan: &serde_json::Value| -> Vec<String> {
        plan["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    let before = plan(&[]);
    let first = names(&before)[0].clone();
    let out = cli(&[
        "log",
        p,
        &first,
        "--by",
        "Priya Raman",
        "--summary",
        "Coffee",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = plan(&[]);
    assert!(!names(&after).contains(&first), "{after}");
    let skipped = after["skipped_recent"].as_array().unwrap();
    let entry = skipped
        .iter()
        .find(|s| s["name"] == first.as_str())
        .unwrap();
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(entry["date"], today.as_str());
    // As of a day before the talk, it does not count.
    let past = plan(&["--as-of", "2026-11-30"]);
    let past = past["skipped_recent"].as_array().unwrap();
    assert!(past.iter().all(|s| s["name"] != first.as_str()), "{past:?}");
    let text = String::from_utf8(cli(&["plan", p, "--advocate", "Priya Raman"]).stdout).unwrap();
    assert!(
        text.contains(&format!(
            "Left out, talked to in the last 30 days: {first} ({today})"
        )),
        "{text}"
    );
}

#[test]
fn analysis_errors_name_the_fix() {
    let (_dir, path) = temp_map();
    let p = path.to_str().unwrap();
    assert!(cli(&["demo", p]).status.success());
    let out = cli(&["plan", p, "--advocate", "Graham Tulloch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not marked as an advocate"),
        "{}",
        stderr(&out)
    );
    let out = cli(&["simulate", p, "--talk", "Nobody"]);
    assert_eq!(out.status.code(), Some(1));
    let out = cli(&["plan", p, "--advocate", "Priya Raman", "--theta", "3"]);
    assert_eq!(out.status.code(), Some(1));
    let out = cli(&["plan", p, "--advocate", "Priya Raman", "--goal", "votes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("support, coalition or commitment"),
        "{}",
        stderr(&out)
    );
    assert!(cli(&["config", p, "theta", "0.4"]).status.success());
    let out = cli(&["config", p, "theta", "1.5"]);
    assert_eq!(out.status.code(), Some(1));
}
