//! Imports never fail open: a damaged map, a hostile cell or a huge file gives
//! problems naming the row and column, in bounded memory — never a panic.

use std::path::Path;
use std::process::{Command, Stdio};

use coalition::formats::json::MapDto;
use coalition::import::{
    ImportOptions, read_kumu_elements, read_map_json, read_people_csv, read_relations_csv,
};
use coalition::model::text::{MAX_TAGS, MAX_TEXT_BYTES, dedup_tags, parse_tags};
use coalition::store::MapFile;

use crate::support::{cli, export, small_map, stderr, temp_map};

/// Deletes Ana (who Bo reports to) behind Coalition's back, with foreign keys
/// off, so the map holds a relation pointing at nobody.
fn break_map(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys=OFF; DELETE FROM stakeholders WHERE name = 'Ana';")
        .unwrap();
    let dangling: i64 = conn
        .query_row(
            "SELECT count(*) FROM relations WHERE from_id NOT IN (SELECT id FROM stakeholders)
                OR to_id NOT IN (SELECT id FROM stakeholders)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dangling, 1, "the test map should now hold one dangling tie");
}

#[test]
fn a_map_with_a_tie_to_a_missing_person_is_reported_not_a_panic() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    break_map(&path);
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "name,role\nZed,Ops\n").unwrap();
    let out = cli(&["import", path.to_str().unwrap(), people.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    // Either the map is refused when opened (the foreign-key check at open), or
    // the import reports the damage; both exit 1, and nothing is imported.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("damaged") || err.contains("not in the map") || err.contains("foreign"),
        "{err}"
    );
    // Where the map still opens, the dry run lists the damage as a problem.
    if let Ok(map) = MapFile::open(&path) {
        let batch = coalition::import::read_files(&[people], None).unwrap();
        let preview = map
            .preview_import(&batch, &ImportOptions::default())
            .unwrap();
        assert!(
            preview
                .problems
                .iter()
                .any(|p| p.contains("the map itself is damaged") && p.contains("relation")),
            "{:?}",
            preview.problems
        );
    }
}

#[test]
fn eighty_thousand_tags_in_one_cell_are_an_error_naming_count_limit_row_and_column() {
    let tags: Vec<String> = (0..80_000).map(|i| format!("t{i}")).collect();
    let csv = format!("name,tags\nAna,x\nBo,{}\n", tags.join(";"));
    let b = read_people_csv("people.csv", csv.as_bytes());
    assert_eq!(b.people.len(), 1);
    assert_eq!(b.problems.len(), 1, "{:?}", b.problems);
    assert!(
        b.problems[0].starts_with(&format!(
            "people.csv row 3, column tags: the tags list 80,000 tags; the limit is {MAX_TAGS}"
        )),
        "{}",
        b.problems[0]
    );
}

#[test]
fn eighty_thousand_tags_with_three_distinct_give_three_in_first_seen_order() {
    let mut tags = vec!["Budget"];
    for i in 0..79_997 {
        tags.push(["budget", "BUDGET", "Ops", "ops"][i % 4]);
    }
    tags.extend(["Exec", "exec"]);
    assert_eq!(tags.len(), 80_000);
    assert_eq!(
        parse_tags(&tags.join(", ")).unwrap(),
        vec!["Budget", "Ops", "Exec"]
    );
}

#[test]
fn dedup_of_a_million_distinct_tags_is_linear() {
    // Comparing each tag with all before it would be 5·10¹¹ comparisons: hours.
    // One hash lookup each finishes at once; no clock is read.
    let tags: Vec<String> = (0..1_000_000).map(|i| format!("tag{i}")).collect();
    let out = dedup_tags(tags.iter().map(String::as_str));
    assert_eq!(out.len(), 1_000_000);
    assert_eq!(out[999_999], "tag999999");
}

#[test]
fn a_column_given_twice_is_refused_naming_both_columns() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let before = export(&path);
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,role,group,tags,power,interest,stance,openness,effort,notes,advocate,Stance\n\
         Zed,Ops,,,3,3,1,3,1,,no,-1\n",
    )
    .unwrap();
    let out = cli(&["import", path.to_str().unwrap(), people.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("people.csv has the column 'stance' twice (columns 7 and 12); remove one"),
        "{err}"
    );
    assert_eq!(export(&path), before, "the map changed");

    let b = read_kumu_elements(
        "elements.csv",
        "Label,Type,Power,Role,power\nDana,Person,3,CFO,4\n".as_bytes(),
    );
    assert!(b.people.is_empty());
    assert_eq!(
        b.problems,
        vec!["elements.csv has the column 'power' twice (columns 3 and 5); remove one"]
    );
    let b = read_kumu_elements("elements.csv", "Label,Tags,tags\nDana,a,b\n".as_bytes());
    assert_eq!(
        b.problems,
        vec!["elements.csv has the column 'tags' twice (columns 2 and 3); remove one"]
    );
}

/// The JSON export of the small map, with the first person's position set.
fn json_with_position(x: f64, y: f64) -> String {
    let (_dir, path) = temp_map();
    let map = small_map(&path);
    let mut dto = MapDto::from_snapshot(&map.snapshot().unwrap());
    dto.stakeholders[1].position = Some([x, y]);
    dto.to_json().unwrap()
}

#[test]
fn a_position_of_1e308_is_refused_naming_the_row() {
    for (x, y) in [(1e308, 0.0), (0.0, -1e308), (2e6, 5.0)] {
        let json = json_with_position(x, y);
        let b = read_map_json("map.json", &json).unwrap();
        assert_eq!(b.problems.len(), 1, "{:?}", b.problems);
        assert!(
            b.problems[0].starts_with("map.json stakeholders row 2, field position: ["),
            "{}",
            b.problems[0]
        );
        assert!(b.problems[0].contains("is not a place on the map"));
        // And the import refuses it, leaving a fresh map as it was.
        let (_dir, path) = temp_map();
        let mut map = MapFile::create(&path, "Fresh", "").unwrap();
        let e = map
            .import_batch(&b, &ImportOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("field position"), "{e}");
        assert!(map.stakeholders().unwrap().is_empty());
    }
    let b = read_map_json("map.json", &json_with_position(-1e6, 1e6)).unwrap();
    assert!(b.problems.is_empty(), "{:?}", b.problems);
    assert_eq!(b.people[1].1.position, Some((-1e6, 1e6)));
}

#[test]
fn control_characters_in_a_bad_cell_are_quoted_inertly() {
    let csv = "name,stance,power\nAna,\u{1b}]0;pwned\u{7}\u{1b}[2J,\u{1b}[31m9\nBo\u{1b}[1m,1,2\n";
    let b = read_people_csv("people.csv", csv.as_bytes());
    assert_eq!(b.problems.len(), 3, "{:?}", b.problems);
    for p in &b.problems {
        assert!(
            !p.chars().any(char::is_control),
            "raw control character in {p:?}"
        );
    }
    assert!(
        b.problems[0].contains(r"stance '\u{1b}]0;pwned\u{7}\u{1b}[2J' is not one of"),
        "{}",
        b.problems[0]
    );
    let csv = "from,kind,to\nAna,\u{1b}[5mlikes,Bo\n";
    let b = read_relations_csv("relations.csv", csv.as_bytes());
    assert!(
        b.problems[0].contains(r"relation kind '\u{1b}[5mlikes'"),
        "{:?}",
        b.problems
    );
    // A name no one has, carrying escapes, is quoted inertly by the store too.
    let (_dir, path) = temp_map();
    let map = small_map(&path);
    let csv = "from,kind,to\nAna,trusts,\u{1b}[2JNobody\n";
    let b = read_relations_csv("relations.csv", csv.as_bytes());
    let preview = map.preview_import(&b, &ImportOptions::default()).unwrap();
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert!(
        preview.problems[0].contains(r"no stakeholder named '\u{1b}[2JNobody'"),
        "{}",
        preview.problems[0]
    );
}

#[test]
fn a_long_bad_cell_is_quoted_as_a_short_excerpt() {
    let csv = format!("name,stance\nAna,{}\n", "Supportive".repeat(100_000));
    let b = read_people_csv("people.csv", csv.as_bytes());
    assert_eq!(b.problems.len(), 1);
    let p = &b.problems[0];
    assert!(p.len() < 300, "{} bytes", p.len());
    assert!(
        p.contains(&format!("'{}…'", &"Supportive".repeat(6))),
        "{p}"
    );
}

/// Runs the CLI and returns its exit code and its peak resident memory in bytes,
/// from `wait4` on that one child (Linux reports `ru_maxrss` in KiB).
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4 below"
)]
fn run_measured(args: &[&str], stderr_to: &Path) -> (i32, u64) {
    let child = Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(stderr_to).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    assert!(libc::WIFEXITED(status), "the CLI did not exit normally");
    (
        libc::WEXITSTATUS(status),
        u64::try_from(usage.ru_maxrss).unwrap() * 1024,
    )
}

#[test]
fn a_20_mb_people_csv_with_a_1_mib_cell_imports_in_bounded_memory() {
    let (dir, path) = temp_map();
    MapFile::create(&path, "Big", "").unwrap();
    let csv_path = dir.path().join("people.csv");
    let mut csv = String::with_capacity(21 << 20);
    csv.push_str("name,role,group,tags,notes\n");
    let note = "n".repeat(460);
    let mut rows = 0;
    while csv.len() < 20 << 20 {
        rows += 1;
        if rows == 1000 {
            csv.push_str(&format!(
                "Person {rows},Role,Group,a;b,\"{}\"\n",
                "x".repeat(MAX_TEXT_BYTES)
            ));
        } else {
            csv.push_str(&format!("Person {rows},Role,Group,a;b,{note}\n"));
        }
    }
    std::fs::write(&csv_path, &csv).unwrap();
    drop(csv);
    let err_path = dir.path().join("stderr.txt");
    let (code, peak) = run_measured(
        &["import", path.to_str().unwrap(), csv_path.to_str().unwrap()],
        &err_path,
    );
    let err = std::fs::read_to_string(&err_path).unwrap();
    assert_eq!(code, 0, "{err}");
    eprintln!(
        "import_limits: 20 MB people.csv ({rows} rows, one 1 MiB cell): peak RSS {} MB",
        peak >> 20
    );
    assert!(peak < 300 << 20, "peak RSS {} MB", peak >> 20);
    let map = MapFile::open(&path).unwrap();
    let people = map.stakeholders().unwrap();
    assert_eq!(people.len(), rows);
    assert!(people.iter().any(|p| p.notes.len() == MAX_TEXT_BYTES));
}
