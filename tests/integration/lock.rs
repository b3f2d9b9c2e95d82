//! One writer at a time, readers beside it: a map held open for editing — by the
//! app's `Workspace` or any `MapFile::open`, in this process or another — refuses
//! a second writer at once and writes nothing, while read-only commands read it,
//! current to the writer's last commit. A lock left by a killed process blocks no
//! one.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use coalition::Error;
use coalition::model::Field;
use coalition::store::{CURRENT_FORMAT, MapFile};
use coalition::workspace::Workspace;

use crate::support::{cli, raw_integrity, small_map, stderr, temp_map};

const CHILD_ENV: &str = "COALITION_LOCK_CHILD_MAP";
const REFUSED: &str = "is already open in another window; close it there first";

/// The map's content, read through a reader (a byte-exact picture, as JSON).
fn content(path: &Path) -> String {
    let map = MapFile::open_read_only(path).unwrap();
    coalition::formats::json::MapDto::from_snapshot(&map.snapshot().unwrap())
        .to_json()
        .unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts the CLI refused an edit with the one-line "already open" message.
fn assert_refused(args: &[&str]) {
    let out = cli(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains(REFUSED), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "one-line message: {err}");
}

/// Runs `child` (an ignored test of this file) in a child copy of this test
/// binary on `path` and waits until it says `ready`.
fn spawn_child(child: &str, path: &Path, ready: &str) -> Child {
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args([child, "--exact", "--ignored", "--nocapture"])
        .env(CHILD_ENV, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(process.stdout.take().unwrap()).lines();
    for line in lines {
        if line.unwrap() == ready {
            return process;
        }
    }
    let _ = process.wait();
    panic!("the child process {child} ended before it was {ready}");
}

/// Kills the child with SIGKILL (no destructors, no cleanup) and reaps it.
fn kill(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

/// The child process: holds the map open for editing until it is killed.
#[test]
#[ignore = "run as a child process of the lock tests"]
fn holding_child() {
    let path = std::env::var(CHILD_ENV).expect("run by a lock test");
    let _map = MapFile::open(path.as_ref()).unwrap();
    println!("holding");
    std::thread::sleep(std::time::Duration::from_secs(600));
}

/// The child process: stops in the middle of a write (the journal written, the
/// transaction not committed) until it is killed.
#[test]
#[ignore = "run as a child process of the lock tests"]
fn mid_write_child() {
    let path = std::env::var(CHILD_ENV).expect("run by a lock test");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE stakeholders SET role = 'half-written';")
        .unwrap();
    conn.cache_flush().unwrap();
    println!("mid-write");
    std::thread::sleep(std::time::Duration::from_secs(600));
}

#[test]
fn a_second_process_gets_already_open_and_writes_nothing() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let before = content(&path);
    let held = MapFile::open(&path).unwrap();
    let p = path.to_str().unwrap();
    for args in [
        vec!["set", p, "Bo", "stance", "2"],
        vec!["add", "stakeholder", p, "Dee"],
        vec!["remove", "stakeholder", p, "Cy"],
        vec!["log", p, "Bo", "--summary", "Coffee"],
        vec!["plan", p, "--advocate", "Ana", "--save"],
        vec!["config", p, "theta", "0.5"],
    ] {
        assert_refused(&args);
    }
    drop(held);
    assert_eq!(raw_integrity(&path), "ok");
    assert_eq!(content(&path), before);
}

#[test]
fn readers_see_what_the_app_just_saved_while_it_holds_the_map() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let mut ws = Workspace::open(&path).unwrap();
    let bo = ws
        .view()
        .unwrap()
        .people
        .iter()
        .find(|p| p.name == "Bo")
        .unwrap()
        .id;
    ws.set_field(bo, "role", "Saved while open").unwrap();
    ws.add_person("Dee Newcomer").unwrap();
    let p = path.to_str().unwrap();

    let list = cli(&["list", p, "--json"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    let listed = stdout(&list);
    assert!(listed.contains("Saved while open"), "{listed}");
    assert!(listed.contains("Dee Newcomer"), "{listed}");

    let plan = cli(&["plan", p, "--advocate", "Ana", "--json"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    assert!(stdout(&plan).contains("\"version\""), "{}", stdout(&plan));

    let json = dir.path().join("out.json");
    let export = cli(&[
        "export",
        p,
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let exported = std::fs::read_to_string(&json).unwrap();
    assert!(exported.contains("Saved while open"), "{exported}");
    assert!(exported.contains("Dee Newcomer"), "{exported}");

    for args in [
        vec!["show", p, "Bo"],
        vec!["metrics", p],
        vec!["simulate", p, "--talk", "Bo"],
        vec!["stale", p],
        vec!["history", p],
        vec!["diff", p, "--from", "2020-01-01"],
        vec!["brief", p, "Bo"],
        vec!["config", p],
        vec!["check", p],
        vec!["import", p, "--dry-run", "--merge", json.to_str().unwrap()],
    ] {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    let show = stdout(&cli(&["show", p, "Bo"]));
    assert!(show.contains("Saved while open"), "{show}");

    // The app goes on editing, and undoing, after the readers.
    ws.set_field(bo, "role", "Edited after the readers")
        .unwrap();
    ws.undo().unwrap();
    let listed = stdout(&cli(&["list", p, "--json"]));
    assert!(listed.contains("Saved while open"), "{listed}");
    assert!(!listed.contains("Edited after the readers"), "{listed}");

    // Edits from the CLI are refused while the app holds the map, and change nothing.
    let before = content(&path);
    assert_refused(&["set", p, "Bo", "stance", "Supportive"]);
    assert_eq!(content(&path), before);
    // So is a second writer in this process.
    let e = MapFile::open(&path).unwrap_err();
    assert!(matches!(e, Error::AlreadyOpen(_)), "{e}");
    assert!(e.to_string().contains(REFUSED), "{e}");
    assert!(Workspace::open(&path).is_err());

    drop(ws);
    let set = cli(&["set", p, "Bo", "stance", "Supportive"]);
    assert_eq!(set.status.code(), Some(0), "{}", stderr(&set));
    let map = MapFile::open(&path).unwrap();
    assert_eq!(map.find("Bo").unwrap().stance.label(), "Supportive");
    assert_eq!(map.find("Bo").unwrap().role, "Saved while open");
    map.integrity_check().unwrap();
}

#[test]
fn a_read_only_map_refuses_edits_with_a_clear_error_and_changes_nothing() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let writer = MapFile::open(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut reader = MapFile::open_read_only(&path).unwrap();
    assert!(reader.is_read_only());
    assert!(!writer.is_read_only());
    let e = reader.set_field("Bo", Field::Role, "Nope").unwrap_err();
    assert!(
        e.to_string()
            .contains("was opened read-only, so it cannot be changed here"),
        "{e}"
    );
    assert!(e.is_user_error());
    let mut bo = reader.find("Bo").unwrap();
    bo.role = "Nope".into();
    assert!(reader.update_stakeholder(&bo).is_err());
    assert!(reader.set_setting("theta", "0.5").is_err());
    assert_eq!(reader.find("Bo").unwrap().role, "");
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    drop(writer);
    assert_eq!(raw_integrity(&path), "ok");
}

#[test]
fn a_lock_left_by_a_killed_writer_blocks_no_one() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let p = path.to_str().unwrap();
    let child = spawn_child("lock::holding_child", &path, "holding");
    // Held by another process: edits refused, reads served.
    assert_refused(&["set", p, "Bo", "role", "Blocked"]);
    assert!(matches!(MapFile::open(&path), Err(Error::AlreadyOpen(_))));
    let list = cli(&["list", p]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    kill(child);

    let lock = dir.path().join(".test.coalition.lock");
    assert!(lock.is_file(), "the lock file is left behind");
    let set = cli(&["set", p, "Bo", "role", "After the kill"]);
    assert_eq!(set.status.code(), Some(0), "{}", stderr(&set));
    let map = MapFile::open(&path).unwrap();
    assert_eq!(map.find("Bo").unwrap().role, "After the kill");
    map.integrity_check().unwrap();
}

#[test]
fn a_reader_after_a_writer_killed_mid_write_sees_the_last_saved_state() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let before = content(&path);
    let child = spawn_child("lock::mid_write_child", &path, "mid-write");
    kill(child);
    let journal = dir.path().join("test.coalition-journal");
    assert!(journal.exists(), "the killed writer left its journal");

    let list = cli(&["list", path.to_str().unwrap(), "--json"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert!(!stdout(&list).contains("half-written"), "{}", stdout(&list));
    assert!(!journal.exists(), "the journal was rolled back");
    assert_eq!(content(&path), before);
    assert_eq!(raw_integrity(&path), "ok");
}

#[test]
fn an_older_map_is_read_through_its_upgrade_without_writing_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.coalition");
    std::fs::copy("tests/fixtures/format-1.coalition", &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    let map = MapFile::open_read_only(&path).unwrap();
    assert_eq!(map.format_version().unwrap(), CURRENT_FORMAT);
    let names: Vec<String> = map
        .snapshot()
        .unwrap()
        .stakeholders
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Ana Silva", "Bo Lind"]);
    assert!(map.saved_plans().unwrap().is_empty());
    map.integrity_check().unwrap();
    drop(map);
    let list = cli(&["list", path.to_str().unwrap()]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert!(stdout(&list).contains("Bo Lind"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file is untouched"
    );

    // Opened for editing, it is upgraded in place as before.
    drop(MapFile::open(&path).unwrap());
    assert_ne!(std::fs::read(&path).unwrap(), bytes);
}

#[cfg(unix)]
#[test]
fn a_map_in_a_read_only_folder_can_be_read_but_not_edited() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let lock = dir.path().join(".test.coalition.lock");
    std::fs::remove_file(&lock).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::write(dir.path().join("probe"), b"").is_ok();
    let result = std::panic::catch_unwind(|| {
        if writable {
            eprintln!("skipped: this user can write to read-only folders (root)");
            return;
        }
        let e = MapFile::open(&path).unwrap_err();
        assert!(
            e.to_string().contains(
                "its folder cannot be written to, so the map can only be opened read-only"
            ),
            "{e}"
        );
        assert!(e.is_user_error());
        let map = MapFile::open_read_only(&path).unwrap();
        assert_eq!(map.stakeholders().unwrap().len(), 3);
        let p = path.to_str().unwrap();
        let list = cli(&["list", p]);
        assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
        let set = cli(&["set", p, "Bo", "role", "x"]);
        assert_eq!(set.status.code(), Some(1), "{}", stderr(&set));
        assert!(stderr(&set).contains("can only be opened read-only"));
    });
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    result.unwrap();
}
