//! Killing Coalition mid-write loses nothing that was reported as saved.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use coalition::model::{Field, Stakeholder};
use coalition::store::MapFile;

use crate::support::{raw_integrity, temp_map};

const CHILD_ENV: &str = "COALITION_CRASH_CHILD_MAP";
const EDITS: usize = 1000;

/// The child process: 1,000 edits, each announced on stdout once committed.
#[test]
#[ignore = "run as the child process of kill_mid_write_keeps_every_reported_edit"]
fn crash_child() {
    let path = std::env::var(CHILD_ENV).expect("run by the crash test");
    let mut map = MapFile::open(path.as_ref()).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0..EDITS {
        if i % 2 == 0 {
            let mut p = Stakeholder::new(&format!("P{i}")).unwrap();
            p.notes = "x".repeat(2000);
            map.add_stakeholder(&p).unwrap();
            writeln!(out, "committed add P{i}").unwrap();
        } else {
            map.set_field(&format!("P{}", i - 1), Field::Role, &format!("role {i}"))
                .unwrap();
            writeln!(out, "committed set P{} role {i}", i - 1).unwrap();
        }
        out.flush().unwrap();
    }
}

#[test]
fn kill_mid_write_keeps_every_reported_edit() {
    let (_dir, path) = temp_map();
    drop(MapFile::create(&path, "Crash", "").unwrap());
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash::crash_child", "--exact", "--ignored", "--nocapture"])
        .env(CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reported = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(edit) = line.strip_prefix("committed ") {
            reported.push(edit.to_string());
            if reported.len() == 377 {
                child.kill().unwrap(); // SIGKILL on Unix: no destructors, no cleanup.
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(reported.len(), 377, "the child stopped early");

    assert_eq!(raw_integrity(&path), "ok");
    let map = MapFile::open(&path).unwrap();
    map.integrity_check().unwrap();
    for edit in &reported {
        let words: Vec<&str> = edit.split(' ').collect();
        match words[..] {
            ["add", name] => {
                map.find(name).unwrap();
            }
            ["set", name, "role", n] => {
                assert_eq!(map.find(name).unwrap().role, format!("role {n}"))
            }
            _ => panic!("unexpected report {edit}"),
        }
    }
}
