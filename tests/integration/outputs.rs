//! Outputs never destroy, and terminal lines are inert: exports refuse to write
//! over maps, existing files (without --force), links and devices; a CSV folder is
//! written whole or not at all; a closed pipe ends a command quietly with exit 0;
//! escape sequences never reach the terminal raw; file problems are the user's to fix.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use coalition::model::Stakeholder;
use coalition::store::MapFile;

use crate::support::{cli, small_map, stderr, temp_map};

/// The file names in `dir`, sorted, without the maps' lock files (made when a
/// map is opened for editing, and left behind by design).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !(n.starts_with('.') && n.ends_with(".coalition.lock")))
        .collect();
    v.sort();
    v
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Asserts `text` carries no raw terminal control: no ESC, BEL, CR or bidi override.
fn assert_inert(text: &str) {
    for bad in ['\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{2066}'] {
        assert!(
            !text.contains(bad),
            "raw {bad:?} reached the terminal: {text:?}"
        );
    }
}

#[test]
fn an_export_over_the_map_itself_is_refused_even_with_force() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let before = std::fs::read(&path).unwrap();
    for force in [false, true] {
        let mut args = vec!["export", s(&path), "--format", "json", "-o", s(&path)];
        if force {
            args.push("--force");
        }
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("is a Coalition map"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the map's bytes changed"
        );
    }
    assert_eq!(
        MapFile::open(&path).unwrap().stakeholders().unwrap().len(),
        3
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let out_file = dir.path().join("out.json");
    std::fs::write(&out_file, "keep me").unwrap();
    let args = ["export", s(&path), "--format", "json", "-o", s(&out_file)];
    let out = cli(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already exists; choose another name, or give --force"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "keep me");

    let out = cli(&[&args[..], &["--force"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.contains("\"Ana\""), "{text}");
    assert_eq!(names(dir.path()), ["out.json", "test.coalition"]);
}

#[test]
fn a_planted_partial_link_is_not_followed_and_a_link_as_output_is_refused() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let out_file = dir.path().join("out.json");
    std::os::unix::fs::symlink(&victim, dir.path().join("out.json.partial")).unwrap();
    let out = cli(&["export", s(&path), "--format", "json", "-o", s(&out_file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .contains("\"Ana\"")
    );

    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    for force in [false, true] {
        let mut args = vec!["export", s(&path), "--format", "gexf", "-o", s(&link)];
        if force {
            args.push("--force");
        }
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    }
}

#[test]
fn a_device_is_not_an_output() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let out = cli(&[
        "export",
        s(&path),
        "--format",
        "json",
        "-o",
        "/dev/null",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_csv_folder_is_written_whole_or_not_at_all() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let folder = dir.path().join("csv");
    let args = ["export", s(&path), "--format", "csv", "-o", s(&folder)];

    // A folder holding an earlier export is left as it is without --force.
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("relations.csv"), "old relations").unwrap();
    let out = cli(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        names(&folder),
        ["relations.csv"],
        "a new file appeared beside the old one"
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("relations.csv")).unwrap(),
        "old relations"
    );

    // With --force the three files replace it together.
    let out = cli(&[&args[..], &["--force"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        names(&folder),
        ["engagements.csv", "people.csv", "relations.csv"]
    );
    assert!(
        std::fs::read_to_string(folder.join("relations.csv"))
            .unwrap()
            .contains("Bo")
    );
    assert_eq!(
        names(dir.path()),
        ["csv", "test.coalition"],
        "a temporary folder was left"
    );
}

#[test]
fn a_csv_export_that_fails_half_way_leaves_nothing() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    // The export's parent folder cannot take new entries: the write fails.
    let parent = dir.path().join("shared");
    std::fs::create_dir(&parent).unwrap();
    let Some(_guard) = Unwritable::new(&parent) else {
        return;
    };
    let folder = parent.join("csv");
    let out = cli(&["export", s(&path), "--format", "csv", "-o", s(&folder)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("permission denied; choose a folder you can write to"),
        "{}",
        stderr(&out)
    );
    assert!(names(&parent).is_empty(), "{:?}", names(&parent));
}

/// A map of `n` people, made through the importer (one transaction).
fn big_map(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("big.coalition");
    drop(MapFile::create(&path, "Big", "").unwrap());
    let mut csv = String::from("name,role\n");
    for i in 0..n {
        csv.push_str(&format!("Person {i:05},Role of person number {i}\n"));
    }
    let people = dir.join("people.csv");
    std::fs::write(&people, csv).unwrap();
    let out = cli(&["import", s(&path), "--people", s(&people)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    path
}

#[test]
fn a_closed_pipe_ends_a_read_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let map = big_map(dir.path(), 3000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(["list", s(&map)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"name"));
    drop(stdout); // like `| head -1`: the reader goes away.
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn every_read_command_ends_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("org.coalition");
    coalition::synthetic::company::write_company_map(&map, 3000, 1).unwrap();
    let m = s(&map);
    let advocate = coalition::store::MapFile::open_read_only(&map)
        .unwrap()
        .stakeholders()
        .unwrap()
        .into_iter()
        .find(|p| p.advocate)
        .unwrap()
        .name;
    let commands: [&[&str]; 9] = [
        &["list", m],
        &["list", m, "--json"],
        &["history", m],
        &["metrics", m],
        &["stale", m, "--json"],
        &["export", m],
        &["export", m, "--format", "svg"],
        &["plan", m, "--advocate", &advocate, "--json"],
        &["--help"],
    ];
    for args in commands {
        let mut child = Command::new(env!("CARGO_BIN_EXE_coalition"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout); // like `| head -1`: the reader goes away.
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

#[test]
fn a_write_command_with_a_closed_stdout_saves_once_and_exits_zero() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader); // closed before the command prints anything
    let out = Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(["log", s(&path), "Bo", "--by", "Ana", "--summary", "hello"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let map = MapFile::open(&path).unwrap();
    assert_eq!(map.snapshot().unwrap().engagements.len(), 1);
}

#[test]
fn escape_sequences_in_error_lines_are_made_visible() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let hostile = "Zed\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{202e}";
    let out = cli(&["show", s(&path), hostile]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_inert(&err);
    assert!(
        err.contains("Zed\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J\\u{202e}"),
        "{err}"
    );
}

#[test]
fn escape_sequences_in_a_csv_cell_are_made_visible_in_the_problem_list() {
    let (dir, path) = temp_map();
    drop(small_map(&path));
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "name,role,power\nDee,CTO,\u{1b}]0;PWNED\u{7}\u{1b}[2J\nEve,\u{1b}[31mCOO,9\n",
    )
    .unwrap();
    let out = cli(&["import", s(&path), "--people", s(&people)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("people.csv row 2"), "{err}");
    assert!(err.contains("PWNED"), "{err}");
    assert_inert(&err);
}

#[test]
fn text_from_the_map_is_inert_on_standard_output() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    let mut p = Stakeholder::new("Eve \u{202e}txt.exe").unwrap();
    p.role = "CFO\u{1b}[2J\u{7}".into();
    p.notes = "line one\nline\rtwo".into();
    map.add_stakeholder(&p).unwrap();
    drop(map);
    for args in [
        vec!["list", s(&path)],
        vec!["show", s(&path), "Eve \u{202e}txt.exe"],
        vec!["list", s(&path), "--json"],
    ] {
        let out = cli(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert_inert(&text);
        assert!(text.contains("txt.exe"), "{text}");
    }
    let json = cli(&["list", s(&path), "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        value
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Eve \u{202e}txt.exe"),
        "the JSON no longer gives the name byte-exact"
    );
}

#[test]
fn a_name_too_long_for_a_table_is_cut_not_a_crash() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    // Longer than a format width can be (65,535), written past Coalition's checks.
    let long = "W".repeat(70_000);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE stakeholders SET name = ?1 WHERE name = 'Cy'",
        [&long],
    )
    .unwrap();
    drop(conn);
    for args in [
        vec!["metrics", s(&path)],
        vec!["simulate", s(&path), "--talk", "Bo"],
        vec!["list", s(&path)],
    ] {
        let out = cli(&args);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
    }
}

#[test]
fn a_long_name_is_cut_with_an_ellipsis_in_report_tables() {
    let (_dir, path) = temp_map();
    let mut map = small_map(&path);
    let long = format!("{}Z", "W".repeat(149));
    map.add_stakeholder(&Stakeholder::new(&long).unwrap())
        .unwrap();
    drop(map);
    let out = cli(&["metrics", s(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("{}…", "W".repeat(99))), "{text}");
    assert!(!text.contains(&"W".repeat(100)), "{text}");
    let json = cli(&["metrics", s(&path), "--json"]);
    assert!(String::from_utf8(json.stdout).unwrap().contains(&long));
}

#[test]
fn a_read_only_map_is_the_users_to_fix() {
    let (_dir, path) = temp_map();
    drop(small_map(&path));
    let Some(_guard) = Unwritable::new(&path) else {
        return;
    };
    let out = cli(&["set", s(&path), "Bo", "role", "CTO"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("read-only") || err.contains("permission"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// Makes a file or folder unwritable for as long as it lives: by its mode, or
/// as root (whom modes do not stop) with `chattr +i`. `None`, with a note, where
/// neither works.
struct Unwritable {
    path: PathBuf,
    immutable: bool,
    mode: u32,
}

impl Unwritable {
    fn new(path: &Path) -> Option<Unwritable> {
        use std::os::unix::fs::PermissionsExt;
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        if !root {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o555)).unwrap();
            return Some(Unwritable {
                path: path.to_path_buf(),
                immutable: false,
                mode,
            });
        }
        let chattr = Command::new("chattr").arg("+i").arg(path).status();
        if chattr.is_ok_and(|s| s.success()) {
            Some(Unwritable {
                path: path.to_path_buf(),
                immutable: true,
                mode,
            })
        } else {
            println!(
                "note: running as root without chattr; cannot make {} unwritable, check skipped",
                path.display()
            );
            None
        }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.path).status();
        } else {
            let _ =
                std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(self.mode));
        }
    }
}
