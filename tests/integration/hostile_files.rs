//! Hostile map files: a received `.coalition` file must not be able to attack
//! whoever opens it. Every fixture in `tests/fixtures/hostile/` (built by
//! `make_hostile.py`, described in its `manifest.json`) goes through the CLI
//! (`list`, `check`, `set`, `recover`, run in the fixture's folder so relative
//! paths inside the file would reach the canary map beside it) and through the
//! app's `Workspace`. A refused file is refused with a user error naming what
//! is wrong and is left byte-identical; the canary is never touched; `recover`
//! gets back exactly the rows that are valid by the schema's own rules.
//!
//! One test walks the whole corpus and reports every fixture that failed and
//! why, so one run shows the full list.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use coalition::store::MapFile;
use coalition::workspace::Workspace;
use serde::Deserialize;

/// How long one CLI run may take before the hang guard kills it. Not a timing
/// assertion: real runs take well under a second; the guard only keeps a
/// regression (a planted trigger that loops) from hanging the whole suite.
const HANG_GUARD_SECS: u64 = 300;

/// A person of the demo map, edited by `set`.
const DEMO_PERSON: &str = "Graham Tulloch";

#[derive(Debug, Deserialize)]
struct Fixture {
    file: String,
    what: String,
    expect: String,
    /// Substrings the error must contain (case-insensitive), `|` between alternatives.
    message: String,
    /// What `recover` must get back; None: it may refuse, or get back what it can.
    valid_rows: Option<Counts>,
    /// What the file holds, when it can be read at all.
    rows: Option<Counts>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
struct Counts {
    stakeholders: usize,
    relations: usize,
    engagements: usize,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn manifest() -> Vec<Fixture> {
    let text = fs::read_to_string(corpus_dir().join("manifest.json")).expect("manifest.json");
    serde_json::from_str(&text).expect("manifest.json parses")
}

/// One finished (or killed) CLI run.
struct Ran {
    /// None when killed by the hang guard or by a signal.
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    hung: bool,
}

impl Ran {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// Runs `coalition ARGS` with `cwd` as its working directory; output goes to
/// files in `out`, so no pipe can fill up while we wait.
fn run_in(cwd: &Path, out: &Path, args: &[&str]) -> Ran {
    let tag = args.first().copied().unwrap_or("run");
    let stdout_path = out.join(format!("{tag}.stdout"));
    let stderr_path = out.join(format!("{tag}.stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_coalition"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).unwrap())
        .stderr(fs::File::create(&stderr_path).unwrap())
        .spawn()
        .expect("the coalition binary runs");
    let step = std::time::Duration::from_millis(20);
    let mut waited = std::time::Duration::ZERO;
    let mut hung = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if waited.as_secs() >= HANG_GUARD_SECS {
            let _ = child.kill();
            let _ = child.wait();
            hung = true;
            break None;
        }
        std::thread::sleep(step);
        waited += step;
    };
    Ran {
        code: status.and_then(|s| s.code()),
        stdout: fs::read(&stdout_path).unwrap_or_default(),
        stderr: fs::read(&stderr_path).unwrap_or_default(),
        hung,
    }
}

/// True when `text` contains one of the `|`-separated alternatives of `message`.
fn mentions(text: &str, message: &str) -> bool {
    let text = text.to_lowercase();
    message
        .split('|')
        .any(|m| !m.is_empty() && text.contains(&m.to_lowercase()))
}

fn has_raw_escape(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == 0x1b || b == 0x07)
}

/// A short, inert excerpt of output for the failure report.
fn excerpt(text: &str) -> String {
    let flat: String = text.trim().escape_debug().collect();
    if flat.chars().count() > 400 {
        format!("{}…", flat.chars().take(400).collect::<String>())
    } else {
        flat
    }
}

/// What every CLI run must satisfy, whatever the file: it ends, with exit code 0
/// or 1 (never 2, an internal error, or 101, a panic), and prints no raw
/// escape or bell character.
fn sane(what: &str, ran: &Ran, problems: &mut Vec<String>) {
    if ran.hung {
        problems.push(format!(
            "`{what}` did not finish (killed by the {HANG_GUARD_SECS} s hang guard)"
        ));
        return;
    }
    match ran.code {
        Some(0 | 1) => {}
        Some(code) => problems.push(format!(
            "`{what}` exited {code} (only 0 or 1 is allowed); stderr: {}",
            excerpt(&ran.stderr())
        )),
        None => problems.push(format!("`{what}` was killed by a signal")),
    }
    if ran.stderr().contains("panicked") {
        problems.push(format!("`{what}` panicked: {}", excerpt(&ran.stderr())));
    }
    if has_raw_escape(&ran.stdout) || has_raw_escape(&ran.stderr) {
        problems.push(format!(
            "`{what}` printed a raw ESC or BEL byte (terminal escape sequences must be escaped)"
        ));
    }
}

/// The environment variable that turns [`workspace_probe`] into the child run.
const PROBE_ENV: &str = "COALITION_HOSTILE_WORKSPACE_PROBE";

/// How `Workspace::open` + `view` failed in the child.
struct WorkspaceFailure {
    user_error: bool,
    kind: String,
    /// Already escaped (one line, no control characters).
    message: String,
    raw_escape: bool,
}

/// Runs [`workspace_probe`] in a child copy of this test binary with `cwd` as
/// its working directory, on `cwd/map.coalition`. Ok(None): both succeeded.
fn probe_workspace(cwd: &Path) -> std::result::Result<Option<WorkspaceFailure>, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = cwd.join("out");
    let stdout_path = out.join("probe.stdout");
    let status = Command::new(exe)
        .args([
            "--exact",
            "hostile_files::workspace_probe",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(PROBE_ENV, "map.coalition")
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).unwrap())
        .stderr(fs::File::create(out.join("probe.stderr")).unwrap())
        .status()
        .map_err(|e| e.to_string())?;
    let stdout = fs::read_to_string(&stdout_path).unwrap_or_default();
    let Some(line) = stdout
        .lines()
        .find_map(|l| l.split_once("PROBE ").map(|(_, rest)| rest))
    else {
        let stderr = fs::read_to_string(out.join("probe.stderr")).unwrap_or_default();
        return Err(format!(
            "Workspace::open/view did not report (it panicked or crashed, {status}): {}",
            excerpt(&format!("{stdout}{stderr}"))
        ));
    };
    if line == "ok" {
        return Ok(None);
    }
    let fields: Vec<&str> = line.splitn(4, ' ').collect();
    match fields.as_slice() {
        ["err", user, kind, message] => Ok(Some(WorkspaceFailure {
            user_error: *user == "user",
            kind: (*kind).to_string(),
            message: (*message).to_string(),
            raw_escape: false,
        })),
        ["err-raw-escape", user, kind, message] => Ok(Some(WorkspaceFailure {
            user_error: *user == "user",
            kind: (*kind).to_string(),
            message: (*message).to_string(),
            raw_escape: true,
        })),
        _ => Err(format!("the Workspace probe printed {line:?}")),
    }
}

/// The child run of [`probe_workspace`]; without its environment variable
/// (an ordinary test run) it does nothing.
#[test]
fn workspace_probe() {
    let Some(path) = std::env::var_os(PROBE_ENV) else {
        return;
    };
    let result = (|| -> Result<(), coalition::Error> {
        let workspace = Workspace::open(Path::new(&path))?;
        workspace.view()?;
        Ok(())
    })();
    match result {
        Ok(()) => println!("\nPROBE ok"),
        Err(e) => {
            let text = e.to_string();
            let tag = if text.contains(['\u{1b}', '\u{7}']) {
                "err-raw-escape"
            } else {
                "err"
            };
            let user = if e.is_user_error() {
                "user"
            } else {
                "internal"
            };
            println!("\nPROBE {tag} {user} {} {}", e.kind(), excerpt(&text));
        }
    }
}

fn counts_of(path: &Path) -> std::result::Result<Counts, String> {
    let map = MapFile::open(path).map_err(|e| e.to_string())?;
    let snapshot = map.snapshot().map_err(|e| e.to_string())?;
    Ok(Counts {
        stakeholders: snapshot.stakeholders.len(),
        relations: snapshot.relations.len(),
        engagements: snapshot.engagements.len(),
    })
}

/// The bytes of the file, or a marker when it is gone.
fn bytes(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|_| b"<missing>".to_vec())
}

fn check_fixture(fixture: &Fixture, canary: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let refused = fixture.expect == "refused";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let map = dir.path().join("map.coalition");
    let canary_path = dir.path().join("canary.coalition");
    fs::copy(corpus_dir().join(&fixture.file), &map).unwrap();
    fs::write(&canary_path, canary).unwrap();
    let original = bytes(&map);

    // 1. The CLI, in the file's folder.
    let list = run_in(dir.path(), &out, &["list", "map.coalition"]);
    sane("list", &list, &mut problems);
    if refused {
        if list.code != Some(1) {
            problems.push(format!(
                "`list` should refuse the file (exit 1) but exited {:?}; stderr: {}",
                list.code,
                excerpt(&list.stderr())
            ));
        } else if !mentions(&list.stderr(), &fixture.message) {
            problems.push(format!(
                "`list`'s error should mention {:?}; it says: {}",
                fixture.message,
                excerpt(&list.stderr())
            ));
        }
    } else if list.code != Some(0) {
        problems.push(format!(
            "`list` should open the file (exit 0) but exited {:?}; stderr: {}",
            list.code,
            excerpt(&list.stderr())
        ));
    }

    let check = run_in(dir.path(), &out, &["check", "map.coalition"]);
    sane("check", &check, &mut problems);
    if refused && check.code == Some(0) {
        problems.push(format!(
            "`check` calls a file that cannot be opened sound (exit 0): {}",
            excerpt(&check.stdout())
        ));
    }

    let set = run_in(
        dir.path(),
        &out,
        &["set", "map.coalition", DEMO_PERSON, "stance", "Neutral"],
    );
    sane("set", &set, &mut problems);
    if refused && set.code != Some(1) {
        problems.push(format!(
            "`set` should refuse the file (exit 1) but exited {:?}",
            set.code
        ));
    }

    // 2. The app's API, in a child process whose working directory is the
    // file's folder (so a relative ATTACH in the file would reach the canary).
    match probe_workspace(dir.path()) {
        Err(why) => problems.push(why),
        Ok(None) if refused => problems
            .push("Workspace::open and view both succeeded on a file that must be refused".into()),
        Ok(None) => {}
        Ok(Some(failure)) => {
            if !refused {
                problems.push(format!(
                    "Workspace::open/view should succeed but failed: {}",
                    failure.message
                ));
            } else {
                if !failure.user_error {
                    problems.push(format!(
                        "Workspace::open/view failed with an internal error (kind {}), not a user error: {}",
                        failure.kind, failure.message
                    ));
                }
                if !mentions(&failure.message, &fixture.message) {
                    problems.push(format!(
                        "Workspace's error should mention {:?}; it says: {}",
                        fixture.message, failure.message
                    ));
                }
                if failure.raw_escape {
                    problems.push("Workspace's error holds a raw ESC or BEL character".into());
                }
            }
        }
    }

    // 3. Nothing written: the refused file, and the canary, byte for byte.
    if refused {
        let now = bytes(&map);
        if now != original {
            problems.push(format!(
                "the refused file changed ({} bytes before, {} after)",
                original.len(),
                now.len()
            ));
        }
        for side in ["-journal", "-wal", "-shm"] {
            if dir.path().join(format!("map.coalition{side}")).exists() {
                problems.push(format!("opening left map.coalition{side} beside the file"));
            }
        }
    }
    if bytes(&canary_path) != canary {
        problems.push("the canary map beside the file changed".into());
    }

    // 4. Recover every valid row into a new map.
    let before_recover = bytes(&map);
    let recover = run_in(
        dir.path(),
        &out,
        &["recover", "map.coalition", "recovered.coalition"],
    );
    sane("recover", &recover, &mut problems);
    let recovered = dir.path().join("recovered.coalition");
    match (recover.code, fixture.valid_rows) {
        (Some(0), valid) => match counts_of(&recovered) {
            Err(e) => problems.push(format!(
                "`recover` exited 0 but its new map does not open: {}",
                excerpt(&e)
            )),
            Ok(got) => {
                if let Some(want) = valid
                    && got != want
                {
                    problems.push(format!(
                        "`recover` got back {got:?}, the valid rows are {want:?}; stdout: {}",
                        excerpt(&recover.stdout())
                    ));
                }
                let skipped_some = match (fixture.rows, valid) {
                    (Some(rows), Some(want)) => {
                        want.stakeholders < rows.stakeholders
                            || want.relations < rows.relations
                            || want.engagements < rows.engagements
                    }
                    _ => false,
                };
                if skipped_some && !mentions(&recover.stdout(), "skipped") {
                    problems.push(format!(
                        "`recover` left rows behind but its output does not list them as skipped: {}",
                        excerpt(&recover.stdout())
                    ));
                }
            }
        },
        (Some(1), None) => {
            if recover.stderr().trim().is_empty() {
                problems.push("`recover` exited 1 without saying why".into());
            }
        }
        (code, Some(_)) => problems.push(format!(
            "`recover` should copy the valid rows (exit 0) but exited {code:?}; stderr: {}",
            excerpt(&recover.stderr())
        )),
        (code, None) => problems.push(format!(
            "`recover` exited {code:?}; stderr: {}",
            excerpt(&recover.stderr())
        )),
    }
    if bytes(&map) != before_recover {
        problems.push("`recover` wrote to the file it recovers from".into());
    }
    if bytes(&canary_path) != canary {
        problems.push("the canary map beside the file changed (after recover)".into());
    }
    problems
}

#[test]
fn every_hostile_file_is_refused_cleanly_or_opened_and_recover_keeps_the_valid_rows() {
    let template = tempfile::tempdir().unwrap();
    let canary_path = template.path().join("canary.coalition");
    drop(coalition::demo::write_demo(&canary_path).unwrap());
    let canary = fs::read(&canary_path).unwrap();

    let fixtures = manifest();
    let mut failed: Vec<String> = Vec::new();
    for fixture in &fixtures {
        let problems = check_fixture(fixture, &canary);
        if !problems.is_empty() {
            failed.push(format!(
                "{} ({}, expect {}):\n    - {}",
                fixture.file,
                fixture.what,
                fixture.expect,
                problems.join("\n    - ")
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} hostile fixtures failed:\n\n{}\n",
        failed.len(),
        fixtures.len(),
        failed.join("\n\n")
    );
}

#[test]
fn the_manifest_describes_every_fixture_in_the_corpus() {
    let fixtures = manifest();
    assert!(
        fixtures.len() >= 20,
        "only {} fixtures in the manifest",
        fixtures.len()
    );
    let listed: std::collections::BTreeSet<&str> =
        fixtures.iter().map(|f| f.file.as_str()).collect();
    assert_eq!(listed.len(), fixtures.len(), "a fixture is listed twice");
    for entry in fs::read_dir(corpus_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "manifest.json" || name == "make_hostile.py" {
            continue;
        }
        assert!(
            listed.contains(name.as_str()),
            "{name} is in the corpus folder but not in manifest.json"
        );
    }
    for f in &fixtures {
        assert!(
            corpus_dir().join(&f.file).is_file(),
            "{} is listed but missing",
            f.file
        );
        assert!(
            f.expect == "refused" || f.expect == "opens",
            "{}: expect is {:?}",
            f.file,
            f.expect
        );
        assert!(
            f.expect == "opens" || !f.message.is_empty(),
            "{}: a refused fixture names the message it must get",
            f.file
        );
        assert!(!f.what.is_empty(), "{}: describe the fixture", f.file);
    }
    let refused = fixtures.iter().filter(|f| f.expect == "refused").count();
    assert!(
        refused >= 20 && refused < fixtures.len(),
        "both kinds are in the corpus"
    );
}
