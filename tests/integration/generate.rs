//! `coalition generate`: deterministic org-shaped maps anyone can reproduce.

use crate::support::{cli, stderr};

fn ok(args: &[&str]) -> String {
    let out = cli(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn generate_writes_a_map_that_lists_plans_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.coalition");
    let p = path.to_str().unwrap();
    let said = ok(&["generate", p, "--people", "400", "--seed", "7"]);
    assert!(said.contains("400 people"), "{said}");
    ok(&["check", p]);
    let people: serde_json::Value = serde_json::from_str(&ok(&["list", p, "--json"])).unwrap();
    let people = people.as_array().unwrap();
    assert_eq!(people.len(), 400);
    let roles: Vec<&str> = people.iter().map(|p| p["role"].as_str().unwrap()).collect();
    assert!(roles.contains(&"Chief Executive Officer"), "{roles:?}");
    assert!(
        roles.iter().any(|r| r.contains("(") && r.ends_with(")")),
        "an outside adviser"
    );
    let groups: std::collections::BTreeSet<&str> = people
        .iter()
        .map(|p| p["group"].as_str().unwrap())
        .collect();
    assert!(groups.len() > 5, "{groups:?}");
    let metrics = ok(&["metrics", p]);
    assert!(metrics.contains("PageRank"), "{metrics}");
    let advocate = people
        .iter()
        .find(|p| p["advocate"] == true)
        .map(|p| p["name"].as_str().unwrap())
        .unwrap();
    let plan = ok(&["plan", p, "--advocate", advocate, "--steps", "3"]);
    assert!(!plan.trim().is_empty());
    let history = ok(&["history", p]);
    assert!(
        history.lines().count() > 400,
        "every person's stance is history"
    );
}

#[test]
fn the_same_people_and_seed_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, seed: &str| {
        let path = dir.path().join(name);
        ok(&[
            "generate",
            path.to_str().unwrap(),
            "--people",
            "300",
            "--seed",
            seed,
        ]);
        std::fs::read(path).unwrap()
    };
    let a = file("a.coalition", "11");
    assert_eq!(a, file("b.coalition", "11"));
    assert_ne!(a, file("c.coalition", "12"));
}

#[test]
fn generate_never_writes_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.coalition");
    std::fs::write(&path, "mine").unwrap();
    let out = cli(&["generate", path.to_str().unwrap(), "--people", "10"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("taken.coalition already exists"), "{err}");
    assert!(err.contains("choose another file name"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"mine");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing left behind"
    );
}
