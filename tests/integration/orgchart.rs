//! Org-chart import (HR exports become people and reporting lines), mutual ties
//! listed from both ends, and `coalition new` without a name.

use std::path::{Path, PathBuf};

use coalition::export::{ExportOptions, Format, export};
use coalition::import::{ImportOptions, OrgColumns, read_files, read_files_with};
use coalition::model::{RelationKind, Stakeholder};
use coalition::store::MapFile;

use crate::support::{cli, export as json_of, stderr, temp_map};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A Workday-style export of `people` employees: E1000 leads, everyone else
/// reports to an earlier person (a tree of six departments).
fn workday_export(people: usize) -> String {
    let departments = ["Finance", "Operations", "Sales", "IT", "HR", "Legal"];
    let mut csv = String::from(
        "Employee ID,Worker,Business Title,Supervisory Organization,Manager Employee ID,\
         Email - Work,Location,Hire Date\n",
    );
    for i in 0..people {
        let manager = if i == 0 {
            String::new()
        } else {
            format!("E{}", 1000 + (i - 1) / 4)
        };
        csv.push_str(&format!(
            "E{},Person {i:05},Title {},{},{manager},p{i}@example.com,Berlin,2020-01-0{}\n",
            1000 + i,
            i % 7,
            departments[i % departments.len()],
            1 + i % 9,
        ));
    }
    csv
}

/// Names of each `reports_to` tie, `(person, manager)`.
fn reporting_lines(map: &MapFile) -> Vec<(String, String)> {
    let snapshot = map.snapshot().unwrap();
    let name = |id| {
        snapshot
            .stakeholders
            .iter()
            .find(|p: &&Stakeholder| p.id == id)
            .map(|p| p.name.clone())
            .unwrap()
    };
    snapshot
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::ReportsTo)
        .map(|r| (name(r.from), name(r.to)))
        .collect()
}

#[test]
fn a_200_person_workday_export_imports_with_roles_groups_and_reporting_lines() {
    let (dir, path) = temp_map();
    let file = write(dir.path(), "workers.csv", &workday_export(200));
    let batch = read_files(&[file], None).unwrap();
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    let columns = batch.org_columns.clone().unwrap();
    assert_eq!(columns.id.as_deref(), Some("Employee ID"));
    assert_eq!(columns.name.as_deref(), Some("Worker"));
    assert_eq!(columns.title.as_deref(), Some("Business Title"));
    assert_eq!(
        columns.department.as_deref(),
        Some("Supervisory Organization")
    );
    assert_eq!(columns.manager_id.as_deref(), Some("Manager Employee ID"));
    assert_eq!(columns.email.as_deref(), Some("Email - Work"));
    assert_eq!(batch.org_headers.len(), 8);
    let warnings = batch.warnings.join("\n");
    assert!(
        warnings.contains("2 column(s) not read, skipped: 'Location', 'Hire Date'"),
        "{warnings}"
    );
    assert!(
        warnings.contains("read to find managers, not stored"),
        "{warnings}"
    );

    let mut map = MapFile::create(&path, "Org", "").unwrap();
    let preview = map.import_batch(&batch, &ImportOptions::default()).unwrap();
    assert_eq!(preview.summary.people, 200);
    assert_eq!(preview.summary.relations, 199);
    let people = map.stakeholders().unwrap();
    let p7 = people.iter().find(|p| p.name == "Person 00007").unwrap();
    assert_eq!(p7.role, "Title 0");
    assert_eq!(p7.group, "Operations");
    // Defaults as any new person's.
    let fresh = Stakeholder::new("x").unwrap();
    assert_eq!(
        (p7.stance, p7.power, p7.openness, p7.effort),
        (fresh.stance, fresh.power, fresh.openness, fresh.effort)
    );
    let lines = reporting_lines(&map);
    assert_eq!(lines.len(), 199);
    assert!(lines.contains(&("Person 00007".into(), "Person 00001".into())));
    assert!(!lines.iter().any(|(who, _)| who == "Person 00000"));
}

#[test]
fn header_spellings_of_common_hr_exports_map_right() {
    let dir = tempfile::tempdir().unwrap();
    // (header, rows, expected name column(s), title column, department column)
    let cases: [(&str, &str, [Option<&str>; 7]); 6] = [
        (
            "Employee #,First Name,Last Name,Work Email,Supervisor Email,Job Title,Department",
            "1,Ana,Lopez,ana@x.io,,CEO,Board\n2,Ben,Ray,ben@x.io,ANA@x.io,CFO,Finance\n\
             3,Cy,Moe,cy@x.io,ben@x.io,Clerk,Finance\n",
            [
                Some("Employee #"),
                None,
                Some("First Name"),
                Some("Last Name"),
                None,
                Some("Job Title"),
                Some("Department"),
            ],
        ),
        (
            "User ID,Full Name,E-mail,Manager ID,Position,Division",
            "u1,Ana Lopez,a@x,,CEO,Board\nu2,Ben Ray,b@x,u1,CFO,Finance\nu3,Cy Moe,c@x,u2,Clerk,Finance\n",
            [
                Some("User ID"),
                Some("Full Name"),
                None,
                None,
                Some("Manager ID"),
                Some("Position"),
                Some("Division"),
            ],
        ),
        (
            "emp_id,name,email,line_manager_id,role,team",
            "1,Ana Lopez,,,CEO,Board\n2,Ben Ray,,1,CFO,Finance\n3,Cy Moe,,2,Clerk,Finance\n",
            [
                Some("emp_id"),
                Some("name"),
                None,
                None,
                Some("line_manager_id"),
                Some("role"),
                Some("team"),
            ],
        ),
        (
            "ID,first_name,last_name,Supervisor ID,Title,Org Unit",
            "1,Ana,Lopez,,CEO,Board\n2,Ben,Ray,1,CFO,Finance\n3,Cy,Moe,2,Clerk,Finance\n",
            [
                Some("ID"),
                None,
                Some("first_name"),
                Some("last_name"),
                Some("Supervisor ID"),
                Some("Title"),
                Some("Org Unit"),
            ],
        ),
        (
            "Worker ID,Employee Name,Reports To,JOB-TITLE,Dept",
            "W1,Ana Lopez,,CEO,Board\nW2,Ben Ray,W1,CFO,Finance\nW3,Cy Moe,w2,Clerk,Finance\n",
            [
                Some("Worker ID"),
                Some("Employee Name"),
                None,
                None,
                Some("Reports To"),
                Some("JOB-TITLE"),
                Some("Dept"),
            ],
        ),
        (
            "Employee Number,Preferred Name,Manager Employee ID,Title,Team",
            "7,Ana Lopez,,CEO,Board\n8,Ben Ray,7,CFO,Finance\n9,Cy Moe,8,Clerk,Finance\n",
            [
                Some("Employee Number"),
                Some("Preferred Name"),
                None,
                None,
                Some("Manager Employee ID"),
                Some("Title"),
                Some("Team"),
            ],
        ),
    ];
    for (i, (header, rows, [id, name, first, last, manager_id, title, department])) in
        cases.into_iter().enumerate()
    {
        let file = write(
            dir.path(),
            &format!("export{i}.csv"),
            &format!("{header}\n{rows}"),
        );
        let batch = read_files(&[file], None).unwrap();
        assert!(batch.problems.is_empty(), "{header}: {:?}", batch.problems);
        let c = batch.org_columns.clone().unwrap();
        assert_eq!(
            [
                c.id.as_deref(),
                c.name.as_deref(),
                c.first_name.as_deref(),
                c.last_name.as_deref(),
                c.manager_id.as_deref(),
                c.title.as_deref(),
                c.department.as_deref(),
            ],
            [id, name, first, last, manager_id, title, department],
            "{header}"
        );
        let people: Vec<(&str, &str, &str)> = batch
            .people
            .iter()
            .map(|(_, p)| (p.name.as_str(), p.role.as_str(), p.group.as_str()))
            .collect();
        assert_eq!(
            people,
            [
                ("Ana Lopez", "CEO", "Board"),
                ("Ben Ray", "CFO", "Finance"),
                ("Cy Moe", "Clerk", "Finance")
            ],
            "{header}"
        );
        let ties: Vec<(&str, RelationKind, &str)> = batch
            .relations
            .iter()
            .map(|r| (&*r.from, r.kind, &*r.to))
            .collect();
        assert_eq!(
            ties,
            [
                ("Ben Ray", RelationKind::ReportsTo, "Ana Lopez"),
                ("Cy Moe", RelationKind::ReportsTo, "Ben Ray")
            ],
            "{header}"
        );
    }
}

#[test]
fn a_manager_id_that_matches_nobody_is_a_problem_with_row_and_column_and_changes_nothing() {
    let (dir, path) = temp_map();
    drop(MapFile::create(&path, "Org", "").unwrap());
    let before = json_of(&path);
    let file = write(
        dir.path(),
        "org.csv",
        "Employee ID,Name,Manager ID,Title\nE1,Ana Lopez,,CEO\nE2,Ben Ray,E1,CFO\nE3,Cy Moe,E999,Clerk\n",
    );
    let out = cli(&["import", path.to_str().unwrap(), file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "org.csv row 4, column Manager ID: no one in the file with the id 'E999' in \
             'Employee ID'"
        ),
        "{err}"
    );
    assert!(
        err.contains("clear the cell if they have no manager"),
        "{err}"
    );
    assert_eq!(json_of(&path), before, "the map changed");
}

#[test]
fn own_manager_is_a_problem_and_a_cycle_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "org.csv",
        "id,name,manager id\n1,Ana,2\n2,Ben,1\n3,Cy,3\n",
    );
    let batch = read_files(&[file], None).unwrap();
    assert_eq!(batch.problems.len(), 1, "{:?}", batch.problems);
    assert!(
        batch.problems[0]
            .starts_with("org.csv row 4, column manager id: 'Cy' is given as their own manager"),
        "{:?}",
        batch.problems
    );
    assert!(
        batch
            .warnings
            .iter()
            .any(|w| w.contains("a reporting cycle, Ana → Ben → Ana (rows 2, 3)")),
        "{:?}",
        batch.warnings
    );
}

#[test]
fn a_corrected_mapping_overrides_a_wrong_detection() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "hr.csv",
        "Employee ID,Name,Preferred Name,Manager ID,Title\n\
         1,Robert Smith,Bob Smith,,CEO\n2,Katherine Ng,Kate Ng,1,CFO\n",
    );
    let detected = read_files(std::slice::from_ref(&file), None).unwrap();
    let mut columns = detected.org_columns.clone().unwrap();
    assert_eq!(columns.name.as_deref(), Some("Name"));
    assert_eq!(
        detected.org_headers,
        [
            "Employee ID",
            "Name",
            "Preferred Name",
            "Manager ID",
            "Title"
        ]
    );
    columns.name = Some("Preferred Name".into());
    let corrected = read_files_with(std::slice::from_ref(&file), None, Some(&columns)).unwrap();
    assert!(corrected.problems.is_empty(), "{:?}", corrected.problems);
    assert_eq!(corrected.org_columns.as_ref(), Some(&columns));
    let names: Vec<&str> = corrected
        .people
        .iter()
        .map(|(_, p)| p.name.as_str())
        .collect();
    assert_eq!(names, ["Bob Smith", "Kate Ng"]);
    assert_eq!(&*corrected.relations[0].to, "Bob Smith");
    assert!(
        corrected
            .warnings
            .iter()
            .any(|w| w.contains("skipped: 'Name'")),
        "{:?}",
        corrected.warnings
    );

    // A sheet the detection takes for Coalition's people.csv becomes an org chart
    // once a mapping names its columns.
    let boss = write(
        dir.path(),
        "boss.csv",
        "name,boss,title\nAna,,CEO\nBen,Ana,CFO\n",
    );
    let guessed = read_files(std::slice::from_ref(&boss), None).unwrap();
    assert!(
        guessed.relations.is_empty() && guessed.warnings[0].contains("'boss' (column 2)"),
        "read as people.csv, its 'boss' column skipped: {:?}",
        guessed.warnings
    );
    let columns = OrgColumns {
        name: Some("name".into()),
        manager_id: Some("boss".into()),
        title: Some("title".into()),
        ..OrgColumns::default()
    };
    let read = read_files_with(std::slice::from_ref(&boss), None, Some(&columns)).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.relations.len(), 1);
    assert_eq!(
        (&*read.relations[0].from, &*read.relations[0].to),
        ("Ben", "Ana")
    );

    // A mapping naming a column the file lacks is a clear problem.
    let wrong = OrgColumns {
        manager_id: Some("Supervisor".into()),
        ..columns
    };
    let read = read_files_with(&[boss], None, Some(&wrong)).unwrap();
    assert!(read.people.is_empty());
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert!(
        read.problems[0].starts_with(
            "boss.csv: the column mapping reads 'Supervisor' as the manager id, but the file has \
             no such column; choose one of 'name', 'boss', 'title'"
        ),
        "{:?}",
        read.problems
    );
}

#[test]
fn managers_given_by_email_are_found_and_the_emails_not_stored() {
    let (dir, path) = temp_map();
    let file = write(
        dir.path(),
        "bamboo.csv",
        "Name,Work Email,Manager Email,Department\n\
         Ana Lopez,Ana.Lopez@Example.com,,Board\n\
         Ben Ray,ben@example.com,ana.lopez@example.com,Finance\n\
         Cy Moe,cy@example.com,BEN@example.com,Finance\n",
    );
    let batch = read_files(&[file], Some("orgchart".parse().unwrap())).unwrap();
    assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    assert!(
        batch.warnings.iter().any(|w| w.contains(
            "the e-mail addresses in 'Work Email' were read to find managers, not stored"
        )),
        "{:?}",
        batch.warnings
    );
    let mut map = MapFile::create(&path, "Org", "").unwrap();
    map.import_batch(&batch, &ImportOptions::default()).unwrap();
    let mut lines = reporting_lines(&map);
    lines.sort();
    assert_eq!(
        lines,
        [
            ("Ben Ray".to_string(), "Ana Lopez".to_string()),
            ("Cy Moe".to_string(), "Ben Ray".to_string())
        ]
    );
    drop(map);
    assert!(
        !json_of(&path).contains("example.com"),
        "an e-mail was stored"
    );
}

#[test]
fn a_mutual_tie_listed_from_both_ends_is_one_tie_with_the_stronger_strength() {
    let (dir, path) = temp_map();
    drop(MapFile::create(&path, "Ties", "").unwrap());
    let people = write(
        dir.path(),
        "people.csv",
        "name\nAna Lopez\nBen Ray\nCy Moe\n",
    );
    let relations = write(
        dir.path(),
        "relations.csv",
        "from,kind,to,strength,note\n\
         Ana Lopez,allied,Ben Ray,2,old friends\n\
         Cy Moe,conflict,Ben Ray,3,\n\
         Ben Ray,allied,Ana Lopez,4,same team\n\
         Ben Ray,conflict,Cy Moe,1,\n",
    );
    let p = path.to_str().unwrap();
    let files = [people.to_str().unwrap(), relations.to_str().unwrap()];
    let out = cli(&["import", p, files[0], files[1], "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("Would add 3 people, 2 relations and 0 conversations"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "  Ana Lopez – Ben Ray (allied): listed twice (relations.csv rows 2 and 4); one tie \
             kept, strength 4"
        ),
        "{shown}"
    );

    let batch = read_files(&[people.clone(), relations.clone()], None).unwrap();
    let mut map = MapFile::open(&path).unwrap();
    let preview = map.import_batch(&batch, &ImportOptions::default()).unwrap();
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(
        preview.merged_ties,
        [
            "Ana Lopez – Ben Ray (allied): listed twice (relations.csv rows 2 and 4); one tie kept, strength 4",
            "Cy Moe – Ben Ray (conflict): listed twice (relations.csv rows 3 and 5); one tie kept, strength 3",
        ]
    );
    let ties = map.relations().unwrap();
    assert_eq!(ties.len(), 2);
    let allied = ties
        .iter()
        .find(|r| r.kind == RelationKind::Allied)
        .unwrap();
    assert_eq!(allied.strength.value(), 4);
    assert_eq!(allied.note, "old friends; same team");

    // Exporting the map and importing the files again changes nothing.
    let files = export(
        &map.snapshot().unwrap(),
        &ExportOptions {
            format: Format::Csv,
            ..ExportOptions::default()
        },
        None,
    )
    .unwrap();
    drop(map);
    let out_dir = dir.path().join("exported");
    std::fs::create_dir(&out_dir).unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|f| {
            let path = out_dir.join(&f.name);
            std::fs::write(&path, &f.bytes).unwrap();
            path
        })
        .collect();
    let again = read_files(&paths, None).unwrap();
    let copy_path = dir.path().join("copy.coalition");
    let mut copy = MapFile::create(&copy_path, "Ties", "").unwrap();
    let preview = copy
        .import_batch(&again, &ImportOptions::default())
        .unwrap();
    assert!(preview.merged_ties.is_empty(), "{:?}", preview.merged_ties);
    let strip = |ties: Vec<coalition::model::Relation>| {
        ties.into_iter()
            .map(|r| (r.from, r.kind, r.to, r.strength, r.note))
            .collect::<Vec<_>>()
    };
    let original = MapFile::open(&path).unwrap();
    assert_eq!(
        strip(copy.relations().unwrap()),
        strip(original.relations().unwrap())
    );
}

#[test]
fn the_same_direction_listed_twice_is_still_a_duplicate() {
    let (dir, path) = temp_map();
    let people = write(dir.path(), "people.csv", "name\nAna\nBen\n");
    let relations = write(
        dir.path(),
        "relations.csv",
        "from,kind,to\nAna,allied,Ben\nBen,allied,Ana\nAna,allied,Ben\n",
    );
    let batch = read_files(&[people, relations], None).unwrap();
    let map = MapFile::create(&path, "Ties", "").unwrap();
    let preview = map
        .preview_import(&batch, &ImportOptions::default())
        .unwrap();
    assert_eq!(preview.merged_ties.len(), 1);
    assert_eq!(
        preview.problems,
        [
            "relations.csv row 4: 'Ana' allied 'Ben' is already earlier in the file; remove the duplicate row"
        ]
    );
}

#[test]
fn new_without_a_name_is_named_after_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.coalition");
    let out = cli(&["new", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(MapFile::open(&path).unwrap().info().unwrap().name, "office");
    let path = dir.path().join("Q3 Plan.v2.coalition");
    let out = cli(&["new", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        MapFile::open(&path).unwrap().info().unwrap().name,
        "Q3 Plan.v2"
    );
}

/// Not a test but a measurement: reading and importing a 20,000-person org chart.
/// Run with `cargo test --release --test integration orgchart::twenty -- --ignored
/// --nocapture`.
#[test]
#[ignore = "a measurement, not a test"]
fn twenty_thousand_person_org_chart_timing() {
    let (dir, path) = temp_map();
    let file = write(dir.path(), "workers.csv", &workday_export(20_000));
    let start = std::time::Instant::now();
    let batch = read_files(&[file], None).unwrap();
    let read = start.elapsed();
    let mut map = MapFile::create(&path, "Org", "").unwrap();
    let imported = std::time::Instant::now();
    let preview = map.import_batch(&batch, &ImportOptions::default()).unwrap();
    let import = imported.elapsed();
    assert_eq!(preview.summary.relations, 19_999);
    eprintln!(
        "org chart of 20,000 people: read {:.0} ms, import {:.0} ms, total {:.0} ms",
        read.as_secs_f64() * 1e3,
        import.as_secs_f64() * 1e3,
        (read + import).as_secs_f64() * 1e3
    );
}
