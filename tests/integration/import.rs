//! CSV import: all or nothing, every problem reported with row, column and fix.

use crate::support::{cli, export, small_map, stderr, temp_map};

const PEOPLE: &str = "name,role,stance,power,advocate\n\
Dee,CTO,Supportive,4,no\n\
Eve,COO,maybe,3,no\n\
Fay,CIO,1,9,no\n\
Gus,CMO,Champion,5,yes\n\
Hal,Ops,-1,2,sometimes\n\
Ivy,HR,0,3,no\n";

#[test]
fn three_bad_rows_are_all_reported_and_nothing_is_imported() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let before = export(&path);
    let people = dir.path().join("people.csv");
    std::fs::write(&people, PEOPLE).unwrap();
    let out = cli(&[
        "import",
        path.to_str().unwrap(),
        "--people",
        people.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "people.csv row 3, column stance: stance 'maybe' is not one of -2..2 or Active resistance",
        "people.csv row 4, column power: power 9 is not one of 1..5",
        "people.csv row 6, column advocate: advocate 'sometimes' is not yes or no",
    ] {
        assert!(err.contains(expected), "missing «{expected}» in:\n{err}");
    }
    assert!(
        err.contains("3 problem(s) in the import, nothing was imported"),
        "{err}"
    );
    assert_eq!(export(&path), before, "the map changed");
}

#[test]
fn relations_to_unknown_people_and_duplicates_are_reported() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let before = export(&path);
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "name\nDee\nana\n").unwrap();
    let relations = dir.path().join("relations.csv");
    std::fs::write(
        &relations,
        "from,kind,to,strength\nDee,trusts,Ana,4\nDee,trusts,Zed,2\nBo,reports_to,Ana,3\nDee,allied,Cy,\nCy,allied,Dee,\n",
    )
    .unwrap();
    let out = cli(&[
        "import",
        path.to_str().unwrap(),
        "--people",
        people.to_str().unwrap(),
        "--relations",
        relations.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("people.csv row 3, column name: 'ana' is already in the map"),
        "{err}"
    );
    assert!(
        err.contains("relations.csv row 3, column to: no stakeholder named 'Zed'"),
        "{err}"
    );
    assert!(
        err.contains("relations.csv row 4: 'Bo' reports_to 'Ana' is already in the map"),
        "{err}"
    );
    // Listed from both ends, a mutual tie is one tie, not a problem.
    assert!(!err.contains("'Cy' allied 'Dee'"), "{err}");
    assert_eq!(export(&path), before);
}

#[test]
fn a_good_import_adds_everything_and_dry_run_adds_nothing() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "name,stance,advocate\nDee,1,yes\nEve,-2,no\n").unwrap();
    let relations = dir.path().join("relations.csv");
    std::fs::write(
        &relations,
        "from,kind,to\nEve,conflict,Dee\nEve,trusts,Bo\n",
    )
    .unwrap();
    let engagements = dir.path().join("engagements.csv");
    std::fs::write(
        &engagements,
        "date,stakeholder,held_by,stance_after\n2026-10-01,Eve,Dee,Resistant\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let args = [
        "import",
        p,
        "--people",
        people.to_str().unwrap(),
        "--relations",
        relations.to_str().unwrap(),
        "--engagements",
        engagements.to_str().unwrap(),
    ];
    let before = export(&path);
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let out = cli(&dry);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or_default(),
        "Would add 2 people, 2 relations and 1 conversations"
    );
    assert_eq!(export(&path), before);
    let out = cli(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let map = coalition::store::MapFile::open(&path).unwrap();
    assert_eq!(map.stakeholders().unwrap().len(), 5);
    assert_eq!(map.relations().unwrap().len(), 3);
    // The people file says where Eve stands now; the October conversation is history.
    let eve = map.find("eve").unwrap();
    assert_eq!(eve.stance.level(), -2);
    let history: Vec<(String, i8)> = map
        .stance_history()
        .unwrap()
        .into_iter()
        .filter(|c| c.stakeholder == eve.id)
        .map(|c| (c.at.date_naive().to_string(), c.stance.level()))
        .collect();
    assert_eq!(
        &history[..2],
        &[
            ("2026-10-01".to_string(), -2),
            ("2026-10-01".to_string(), -1)
        ]
    );
    assert_eq!(history[2].1, -2);
}

#[test]
fn a_bulk_import_keeps_every_row_index_and_foreign_key() {
    use coalition::formats::csv::{write_people_csv, write_relations_csv};
    use coalition::import::{read_people_csv, read_relations_csv};

    let generated = coalition::synthetic::org_map(400, 7);
    assert!(
        generated.relations.len() > 1000,
        "big enough for the bulk path"
    );
    let (mut people, mut relations) = (Vec::new(), Vec::new());
    write_people_csv(&generated, &mut people).unwrap();
    write_relations_csv(&generated, &mut relations).unwrap();
    let (_dir, path) = temp_map();
    let mut map = coalition::store::MapFile::create(&path, "Bulk", "").unwrap();
    let mut batch = read_people_csv("people.csv", people.as_slice());
    batch.extend(read_relations_csv("relations.csv", relations.as_slice()));
    let summary = map.import(&batch, true).unwrap();
    assert_eq!(summary.people, 400);
    assert_eq!(summary.relations, generated.relations.len());
    map.integrity_check().unwrap();

    // Same ties, same ends, as generated.
    let snapshot = map.snapshot().unwrap();
    let ends = |m: &coalition::model::MapSnapshot| {
        let mut v: Vec<(String, String, String)> = m
            .relations
            .iter()
            .map(|r| {
                (
                    m.stakeholder(r.from).unwrap().name.clone(),
                    r.kind.to_string(),
                    m.stakeholder(r.to).unwrap().name.clone(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(ends(&snapshot), ends(&generated));

    // The unique indexes are back: a duplicate tie and a duplicate name are refused.
    let first = &snapshot.relations[0];
    assert!(map.add_relation(first).is_err());
    assert!(
        map.add_stakeholder(&coalition::model::Stakeholder::new("P000001").unwrap())
            .is_err()
    );
    // Foreign keys are on again: removing someone removes their ties.
    let before = snapshot.relations.len();
    let ties_of_first = snapshot
        .relations
        .iter()
        .filter(|r| r.from == first.from || r.to == first.from)
        .count();
    map.remove_stakeholder(first.from).unwrap();
    assert_eq!(map.relations().unwrap().len(), before - ties_of_first);
}

#[test]
fn a_dry_run_fails_as_the_import_would_and_never_says_would_add() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let before = export(&path);
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "name,stance\nDee,1\nEve,maybe\n").unwrap();
    let relations = dir.path().join("relations.csv");
    std::fs::write(&relations, "from,kind,to\nDee,reports_to,Nobody\n").unwrap();
    let args = [
        "import",
        path.to_str().unwrap(),
        "--people",
        people.to_str().unwrap(),
        "--relations",
        relations.to_str().unwrap(),
    ];
    let real = cli(&args);
    let mut dry_args = args.to_vec();
    dry_args.push("--dry-run");
    let dry = cli(&dry_args);
    for out in [&real, &dry] {
        assert_eq!(out.status.code(), Some(1));
        assert!(
            out.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert_eq!(
        stderr(&dry),
        stderr(&real),
        "the same problems, the same way"
    );
    let err = stderr(&dry);
    assert!(err.contains("people.csv row 3, column stance"), "{err}");
    assert!(
        err.contains("relations.csv row 2, column to: no stakeholder named 'Nobody'"),
        "{err}"
    );
    assert_eq!(export(&path), before);
}

#[test]
fn a_name_given_twice_is_reported_even_when_its_first_row_has_another_problem() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,stance,power\nCy2,maybe,9\ncy2,Neutral,3\nDee9,1,7\n",
    )
    .unwrap();
    let relations = dir.path().join("relations.csv");
    std::fs::write(&relations, "from,kind,to\nDee9,trusts,Ana\n").unwrap();
    let out = cli(&[
        "import",
        path.to_str().unwrap(),
        "--people",
        people.to_str().unwrap(),
        "--relations",
        relations.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "people.csv row 2, column stance: stance 'maybe'",
        "people.csv row 2, column power: power 9",
        "people.csv row 3, column name: 'cy2' appears again (first on row 2)",
        "people.csv row 4, column power: power 7",
        "relations.csv row 2, column from: 'Dee9' is on people.csv row 4, which has a problem \
         listed above; fix that row",
    ] {
        assert!(err.contains(expected), "missing «{expected}» in:\n{err}");
    }
    assert!(err.contains("5 problem(s)"), "{err}");
}

#[test]
fn unknown_columns_are_named_in_a_warning_and_skipped() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,role,email,manager,stance\nDee,CTO,dee@x.example,Ana,Supportive\n",
    )
    .unwrap();
    let relations = dir.path().join("relations.csv");
    std::fs::write(&relations, "from,kind,to,since\nDee,reports_to,Ana,2019\n").unwrap();
    let out = cli(&[
        "import",
        path.to_str().unwrap(),
        "--people",
        people.to_str().unwrap(),
        "--relations",
        relations.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with("Added 1 people, 1 relations"), "{said}");
    assert!(
        said.contains(
            "note: people.csv: the columns 'email' (column 3) and 'manager' (column 4) are not \
             stakeholder fields and were skipped"
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "note: relations.csv: the column 'since' (column 4) is not one of the columns"
        ),
        "{said}"
    );
    let map = coalition::store::MapFile::open_read_only(&path).unwrap();
    assert_eq!(map.find("Dee").unwrap().role, "CTO");
    drop(map);
    assert!(
        !export(&path).contains("dee@x.example"),
        "skipped, not stored"
    );
}
