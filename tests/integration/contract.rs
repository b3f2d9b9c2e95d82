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
