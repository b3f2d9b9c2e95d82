//! The app's JSON contract: the TypeScript the UI compiles against is generated
//! from the Rust DTOs, and the CLI's `--json` prints the same versioned DTOs.

use std::path::Path;

/// Where the generated TypeScript lives.
const GENERATED: &str = "ui/src/lib/contract.gen.ts";

#[test]
fn the_committed_typescript_types_are_the_generated_ones() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
    let fresh = coalition::formats::contract::typescript();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{GENERATED} is stale: a DTO in src/formats/ changed. Run `make types` and commit the file."
    );
}

#[test]
fn ids_are_numbers_and_kinds_are_unions_in_the_typescript() {
    let ts = coalition::formats::contract::typescript();
    assert!(!ts.contains("bigint"), "ids must reach the UI as numbers");
    assert!(
        ts.contains("export type ErrorKind = \"invalid\" | \"not_found\""),
        "{ts}"
    );
    assert!(
        ts.contains("export type Derived = \"plan\" | \"metrics\""),
        "{ts}"
    );
    assert!(ts.contains("stale: Array<Derived>"), "{ts}");
}

/// The Rust sources under `dir` (relative to the crate), with their text.
fn sources(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    out
}

/// A call of a name lookup (`x.find(…)` on a map or snapshot, not an
/// iterator's `.iter().find(…)`) in a line of code.
fn looks_up_a_name(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices(".find(")
        .any(|(at, _)| code[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
}

#[test]
fn inside_the_core_people_are_ids_not_names() {
    assert!(looks_up_a_name("let p = map.find(name)?;"));
    assert!(!looks_up_a_name(
        "let p = m.stakeholders.iter().find(|s| s.id == id);"
    ));
    let mut offenders = Vec::new();
    for dir in [
        "src/analysis",
        "src/timeline",
        "src/formats",
        "src/workspace",
    ] {
        for (path, text) in sources(dir) {
            // Unit tests (and their helpers) may name people to build and read
            // their small maps.
            if path.ends_with("testing.rs") {
                continue;
            }
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                if looks_up_a_name(line) {
                    offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "names are resolved only at the edges (CLI arguments, exports); found lookups by name:\n{}",
        offenders.join("\n")
    );
}
