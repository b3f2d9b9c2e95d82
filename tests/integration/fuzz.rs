//! Property-based fuzzing of everything that reads a file Coalition did not write:
//! the CSV, Kumu and JSON readers, the import checks, and opening a map file.
//!
//! Inputs are random bytes and mutations (bit flips, insertions of bytes that
//! matter to the formats, deletions, truncations) of valid files: the demo CSVs,
//! Kumu sheets, the demo map's JSON export and a small map file. Every reader must
//! return a batch or problems — never panic, never hang (inputs stay small), and
//! an import that fails must leave the map exactly as it was.
//!
//! Each property runs 64 cases by default; `PROPTEST_CASES=N` sets the number
//! (`make fuzz` runs thousands). Each prints `fuzz: <target>: N cases, F findings`.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use coalition::Error;
use coalition::formats::json::MapDto;
use coalition::import::{
    ImportBatch, ImportOptions, read_engagements_csv, read_files, read_kumu_connections,
    read_kumu_elements, read_map_json, read_people_csv, read_relations_csv,
};
use coalition::store::MapFile;

use crate::support::small_map;

const PEOPLE: &str = include_str!("../../assets/demo/people.csv");
const RELATIONS: &str = include_str!("../../assets/demo/relations.csv");
const ENGAGEMENTS: &str = include_str!("../../assets/demo/engagements.csv");
const KUMU_ELEMENTS: &str = "Label,Type,Description,Tags,Stance,Power,Interest,Advocate\n\
    Dana Ortiz,Person,Runs finance,exec|budget,Resistant,5,4,no\n\
    Erik Lund,Person,\"Ops, plants\",ops,Supportive,3,5,yes\n\
    Fay Moss,Team,,,0,2,2,no\n";
const KUMU_CONNECTIONS: &str = "From,To,Type,Strength,Description\n\
    Dana Ortiz,Erik Lund,Reports to,4,\n\
    Erik Lund,Fay Moss,Advice,,weekly\n\
    Fay Moss,Dana Ortiz,tension,2,\"budget, again\"\n";

/// The demo map's JSON export, built once.
fn demo_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let map = coalition::demo::write_demo(&dir.path().join("demo.coalition")).unwrap();
        MapDto::from_snapshot(&map.snapshot().unwrap())
            .to_json()
            .unwrap()
    })
}

/// The bytes of a small map file (three people, one tie), built once.
fn small_map_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small.coalition");
        drop(small_map(&path));
        std::fs::read(&path).unwrap()
    })
}

/// Runs one property with the configured number of cases and prints a summary
/// line; a finding (a failed or panicking case, shrunk) fails the test.
fn fuzz<S: Strategy>(
    target: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let default = Config::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        default.cases
    } else {
        64
    };
    let config = Config {
        cases,
        failure_persistence: None,
        ..default
    };
    let count = Cell::new(0u64);
    let started = std::time::Instant::now();
    let result = TestRunner::new(config).run(&strategy, |value| {
        count.set(count.get() + 1);
        test(value)
    });
    let findings = u32::from(result.is_err());
    eprintln!(
        "fuzz: {target}: {} cases, {findings} findings ({:.1} s)",
        count.get(),
        started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("fuzz: {target}: finding: {e}");
    }
}

/// One edit of a file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flips bit `bit` of the byte at `at` (modulo the length).
    Flip { at: usize, bit: u8 },
    /// Inserts `bytes` at `at`.
    Insert { at: usize, bytes: Vec<u8> },
    /// Deletes up to `len` bytes from `at`.
    Delete { at: usize, len: usize },
    /// Cuts the file at `at`.
    Truncate { at: usize },
}

/// Bytes that matter to CSV, JSON, tags, numbers and terminals.
fn interesting() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            b"\"".to_vec(),
            b",".to_vec(),
            b";".to_vec(),
            b"|".to_vec(),
            b"\n".to_vec(),
            b"\r\n".to_vec(),
            b"\x1b[2J".to_vec(),
            b"\0".to_vec(),
            b"\xff\xfe".to_vec(),
            "\u{feff}".as_bytes().to_vec(),
            b"1e308".to_vec(),
            b"-1e308".to_vec(),
            b"NaN".to_vec(),
            b"99999999999999999999".to_vec(),
            b"-129".to_vec(),
            b"+99999-01-01".to_vec(),
            b"'=".to_vec(),
            b"name".to_vec(),
            b"stance".to_vec(),
            b"[".to_vec(),
            b"{".to_vec(),
            b"}".to_vec(),
            b"null".to_vec(),
            b"\"position\":[1e308,1e308],".to_vec(),
        ]),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        4 => (any::<usize>(), interesting()).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..12)
}

fn apply(base: &[u8], edits: &[Mutation]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for edit in edits {
        let len = bytes.len();
        let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
        match edit {
            Mutation::Flip { at: i, bit } if len > 0 => bytes[i % len] ^= 1 << bit,
            Mutation::Flip { .. } => {}
            Mutation::Insert { at: i, bytes: b } => {
                let i = at(*i);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Delete { at: i, len: n } => {
                let i = at(*i);
                let end = (i + n).min(len);
                bytes.drain(i..end);
            }
            Mutation::Truncate { at: i } => bytes.truncate(at(*i)),
        }
    }
    bytes
}

/// The CSV-like inputs, by reader.
#[derive(Debug, Clone, Copy)]
enum Sheet {
    People,
    Relations,
    Engagements,
    KumuElements,
    KumuConnections,
}

const SHEETS: [Sheet; 5] = [
    Sheet::People,
    Sheet::Relations,
    Sheet::Engagements,
    Sheet::KumuElements,
    Sheet::KumuConnections,
];

impl Sheet {
    fn base(self) -> &'static str {
        match self {
            Sheet::People => PEOPLE,
            Sheet::Relations => RELATIONS,
            Sheet::Engagements => ENGAGEMENTS,
            Sheet::KumuElements => KUMU_ELEMENTS,
            Sheet::KumuConnections => KUMU_CONNECTIONS,
        }
    }

    fn read(self, bytes: &[u8]) -> ImportBatch {
        let file = "fuzz.csv";
        match self {
            Sheet::People => read_people_csv(file, bytes),
            Sheet::Relations => read_relations_csv(file, bytes),
            Sheet::Engagements => read_engagements_csv(file, bytes),
            Sheet::KumuElements => read_kumu_elements(file, bytes),
            Sheet::KumuConnections => read_kumu_connections(file, bytes),
        }
    }
}

/// Every problem line must be inert and short enough to read.
fn check_problems(batch: &ImportBatch) -> Result<(), TestCaseError> {
    for p in batch.problems.iter().chain(&batch.warnings) {
        prop_assert!(
            !p.chars().any(|c| c.is_control()),
            "raw control character in {p:?}"
        );
        prop_assert!(p.len() < 4096, "a {}-byte problem line", p.len());
    }
    Ok(())
}

/// The JSON picture of a map (byte-exact content).
fn picture(map: &MapFile) -> Result<String, TestCaseError> {
    let snapshot = map
        .snapshot()
        .map_err(|e| TestCaseError::fail(format!("snapshot: {e}")))?;
    MapDto::from_snapshot(&snapshot)
        .to_json()
        .map_err(|e| TestCaseError::fail(format!("to_json: {e}")))
}

/// Imports `batch` into `map` (a fresh copy of the small map, for conflicts and
/// lookups): the preview never fails; the import succeeds exactly when the
/// preview found no problem, and when it fails the map is unchanged.
fn check_import(map: &mut MapFile, batch: &ImportBatch) -> Result<(), TestCaseError> {
    for merge in [false, true] {
        let options = ImportOptions { merge };
        let before = picture(map)?;
        let preview = map
            .preview_import(batch, &options)
            .map_err(|e| TestCaseError::fail(format!("preview failed: {e}")))?;
        for p in &preview.problems {
            prop_assert!(!p.chars().any(|c| c.is_control()), "{p:?}");
        }
        match map.import_batch(batch, &options) {
            Ok(done) => {
                prop_assert!(preview.problems.is_empty(), "imported despite problems");
                prop_assert_eq!(done.summary, preview.summary);
                return Ok(());
            }
            Err(Error::Import(problems)) => {
                prop_assert!(!problems.is_empty());
                prop_assert_eq!(picture(map)?, before, "a failed import changed the map");
            }
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "import failed with a non-import error ({}): {e}",
                    e.kind()
                )));
            }
        }
    }
    Ok(())
}

/// A fresh small map in `dir`, named after `n` so every case has its own.
fn fresh_map(dir: &Path, n: u64) -> MapFile {
    let path = dir.join(format!("m{n}.coalition"));
    let _ = std::fs::remove_file(&path);
    small_map(&path)
}

#[test]
fn fuzz_csv_and_kumu_readers_on_mutated_demo_files() {
    let target = "csv+kumu readers and import (mutated)";
    let dir = tempfile::tempdir().unwrap();
    let n = Cell::new(0u64);
    fuzz(
        target,
        (prop::sample::select(SHEETS.to_vec()), mutations()),
        |(sheet, edits)| {
            let bytes = apply(sheet.base().as_bytes(), &edits);
            let batch = sheet.read(&bytes);
            check_problems(&batch)?;
            n.set(n.get() + 1);
            let mut map = fresh_map(dir.path(), n.get());
            check_import(&mut map, &batch)
        },
    );
    eprintln!("fuzz: {target}: {} batches reached the import", n.get());
}

#[test]
fn fuzz_csv_readers_on_random_bytes() {
    fuzz(
        "csv+kumu readers (random bytes)",
        (
            prop::sample::select(SHEETS.to_vec()),
            prop::collection::vec(any::<u8>(), 0..2048),
        ),
        |(sheet, bytes)| {
            // With a real header first, random rows reach the cell parsers.
            let header = sheet.base().lines().next().unwrap_or("");
            let mut with_header = format!("{header}\n").into_bytes();
            with_header.extend(&bytes);
            check_problems(&sheet.read(&bytes))?;
            check_problems(&sheet.read(&with_header))
        },
    );
}

#[test]
fn fuzz_read_files_tells_mutated_files_apart() {
    let dir = tempfile::tempdir().unwrap();
    let n = Cell::new(0u64);
    fuzz(
        "read_files (mutated csv, kumu and json)",
        (0usize..6, mutations()),
        |(which, edits)| {
            let (base, name): (&[u8], &str) = match which {
                5 => (demo_json().as_bytes(), "map.json"),
                i => (SHEETS[i].base().as_bytes(), "sheet.csv"),
            };
            n.set(n.get() + 1);
            let path: PathBuf = dir.path().join(format!("{}-{name}", n.get()));
            std::fs::write(&path, apply(base, &edits)).unwrap();
            match read_files(&[path], None) {
                Ok(batch) => check_problems(&batch),
                Err(e) => {
                    prop_assert!(e.is_user_error(), "{e}");
                    prop_assert!(!e.to_string().contains('\u{1b}'), "{e}");
                    Ok(())
                }
            }
        },
    );
}

#[test]
fn fuzz_json_reader_and_import_on_mutated_export() {
    let target = "json reader and import (mutated demo export)";
    let dir = tempfile::tempdir().unwrap();
    let n = Cell::new(0u64);
    fuzz(target, mutations(), |edits| {
        let bytes = apply(demo_json().as_bytes(), &edits);
        let Ok(text) = String::from_utf8(bytes) else {
            return Ok(());
        };
        match read_map_json("map.json", &text) {
            Ok(batch) => {
                check_problems(&batch)?;
                n.set(n.get() + 1);
                let path = dir.path().join(format!("j{}.coalition", n.get()));
                let mut map = MapFile::create(&path, "Fresh", "")
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                check_import(&mut map, &batch)
            }
            Err(e) => {
                prop_assert!(matches!(e, Error::Invalid(_)), "{e}");
                prop_assert!(e.to_string().len() < 4096);
                prop_assert!(!e.to_string().chars().any(|c| c.is_control()), "{e}");
                Ok(())
            }
        }
    });
    eprintln!("fuzz: {target}: {} batches reached the import", n.get());
}

/// Hostile replacements for a leaf of the JSON map: a number, a string, and any
/// value; the leaf's own type is used most of the time, so the file still
/// parses and the values reach the checks.
fn hostile_value()
-> impl Strategy<Value = (serde_json::Value, serde_json::Value, serde_json::Value)> {
    use serde_json::{Value, json};
    let number = prop_oneof![
        prop::sample::select(vec![
            json!(1e308),
            json!(-1e308),
            json!(1e6),
            json!(1000001.0),
            json!(f64::MIN_POSITIVE),
            json!(-1),
            json!(0),
            json!(3),
            json!(6),
            json!(255),
            json!(-128),
        ]),
        any::<i8>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
    ];
    let text = prop_oneof![
        prop::sample::select(vec![
            json!(""),
            json!("   "),
            json!("\u{1b}[2J\u{7}"),
            json!("a\u{0}b"),
            json!("+99999-01-01"),
            json!("2026-13-45"),
            json!("0099-01-01"),
            json!("9999-12-31T23:59:59Z"),
            json!("Richard Ashdown"),
            json!("RICHARD ASHDOWN"),
            json!("Priya Raman"),
            json!("influences"),
            json!("likes"),
        ]),
        ".{0,40}".prop_map(Value::from),
    ];
    let any_value = prop::sample::select(vec![
        json!(null),
        json!(true),
        json!([]),
        json!({}),
        json!([1e308, 1e308]),
        json!([0.5]),
        json!(["a", "a", "A"]),
    ]);
    (number, text, any_value)
}

/// Replaces the `pick`-th leaf (modulo the number of leaves) of `value`: with
/// `number` or `text` when the leaf is one, or with `other` one time in eight.
fn replace_leaf(
    value: &mut serde_json::Value,
    pick: usize,
    (number, text, other): (serde_json::Value, serde_json::Value, serde_json::Value),
) {
    fn leaves<'a>(v: &'a mut serde_json::Value, out: &mut Vec<&'a mut serde_json::Value>) {
        let container = match &*v {
            serde_json::Value::Array(items) => !items.is_empty(),
            serde_json::Value::Object(fields) => !fields.is_empty(),
            _ => false,
        };
        if !container {
            out.push(v);
            return;
        }
        match v {
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| leaves(i, out)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|i| leaves(i, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    leaves(value, &mut all);
    let n = all.len();
    if n > 0 {
        let leaf = all.swap_remove(pick % n);
        *leaf = match leaf {
            _ if pick % 8 == 7 => other,
            serde_json::Value::Number(_) => number,
            serde_json::Value::String(_) => text,
            _ => other,
        };
    }
}

#[test]
fn fuzz_json_import_with_hostile_values() {
    let target = "json reader and import (hostile values in the demo export)";
    let dir = tempfile::tempdir().unwrap();
    let n = Cell::new(0u64);
    let base: serde_json::Value = serde_json::from_str(demo_json()).unwrap();
    fuzz(
        target,
        prop::collection::vec((any::<usize>(), hostile_value()), 1..6),
        |edits| {
            let mut value = base.clone();
            for (pick, with) in edits {
                replace_leaf(&mut value, pick, with);
            }
            let text = value.to_string();
            match read_map_json("map.json", &text) {
                Ok(batch) => {
                    check_problems(&batch)?;
                    for (_, p) in &batch.people {
                        if let Some((x, y)) = p.position {
                            prop_assert!(x.is_finite() && y.is_finite() && x.abs() <= 1e6);
                            prop_assert!(y.abs() <= 1e6);
                        }
                    }
                    n.set(n.get() + 1);
                    let path = dir.path().join(format!("h{}.coalition", n.get()));
                    let mut map = MapFile::create(&path, "Fresh", "")
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    check_import(&mut map, &batch)
                }
                Err(e) => {
                    prop_assert!(matches!(e, Error::Invalid(_)), "{e}");
                    prop_assert!(e.to_string().len() < 4096);
                    prop_assert!(!e.to_string().chars().any(|c| c.is_control()), "{e}");
                    Ok(())
                }
            }
        },
    );
    eprintln!("fuzz: {target}: {} batches reached the import", n.get());
}

#[test]
fn fuzz_json_reader_on_random_bytes() {
    fuzz("json reader (random text)", ".{0,512}", |text: String| {
        let framed = format!("{{\"format\":\"coalition-map\",\"version\":1,\"map\":{text}}}");
        for t in [&text, &framed] {
            if let Err(e) = read_map_json("map.json", t) {
                prop_assert!(matches!(e, Error::Invalid(_)), "{e}");
            }
        }
        Ok(())
    });
}

#[test]
fn fuzz_open_on_mutated_map_files() {
    let dir = tempfile::tempdir().unwrap();
    let n = Cell::new(0u64);
    let flips = prop::collection::vec((any::<usize>(), 1u8..=255), 1..16);
    fuzz("MapFile::open (flipped bytes)", flips, |flips| {
        let mut bytes = small_map_bytes().to_vec();
        let len = bytes.len();
        for (at, xor) in &flips {
            bytes[at % len] ^= xor;
        }
        n.set(n.get() + 1);
        let path = dir.path().join(format!("o{}.coalition", n.get()));
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(map) = MapFile::open(&path) {
            // Whatever opens must also read back, or say why not.
            let _ = map.snapshot();
        }
        Ok(())
    });
}
