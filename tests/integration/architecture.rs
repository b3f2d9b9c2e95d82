//! The layers' rules, read off the sources: what each part of the core may name.
//! Each rule fails with the file and line that breaks it.

use std::path::Path;

/// The code lines of the Rust files under `dir` (comments cut, tests included:
/// a layer's tests obey its rules too), as (file, line number, text).
fn code_lines(dir: &str) -> Vec<(String, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let shown = path.strip_prefix(root).unwrap().display().to_string();
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("").to_string();
                    out.push((shown.clone(), n + 1, code));
                }
            }
        }
    }
    out
}

/// The lines of `lines` that name any of `names` as a path (`use x::…`, `x::y`,
/// `crate::x`, `super::x`), as "file:line: text".
fn naming(lines: &[(String, usize, String)], names: &[&str]) -> Vec<String> {
    lines
        .iter()
        .filter(|(_, _, code)| names.iter().any(|n| names_path(code, n)))
        .map(|(f, n, code)| format!("{f}:{n}: {}", code.trim()))
        .collect()
}

/// True when `code` names `name` as a path segment: `name::` not preceded by a
/// letter (so `store::` matches `crate::store::` but not `restore::`).
fn names_path(code: &str, name: &str) -> bool {
    let pattern = format!("{name}::");
    code.match_indices(&pattern).any(|(at, _)| {
        !code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    }) || code.trim_start().starts_with(&format!("use {name};"))
}

fn assert_none(what: &str, offenders: Vec<String>) {
    assert!(offenders.is_empty(), "{what}:\n{}", offenders.join("\n"));
}

#[test]
fn the_scanner_finds_what_it_must() {
    assert!(names_path("use crate::store::MapFile;", "store"));
    assert!(names_path("    let x = rusqlite::params![];", "rusqlite"));
    assert!(!names_path("use crate::restore::x;", "store"));
    assert!(!names_path("let store = 1;", "store"));
}

#[test]
fn the_core_never_names_tauri() {
    let mut lines = code_lines("src");
    lines.extend(code_lines("tests"));
    assert_none(
        "the core names tauri",
        naming(&lines, &["tauri", "tauri_plugin_dialog"]),
    );
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap_or("");
    assert!(
        !deps.lines().any(|l| l.trim_start().starts_with("tauri")),
        "the core's Cargo.toml depends on tauri"
    );
}

#[test]
fn analysis_and_timeline_are_pure() {
    for dir in ["src/analysis", "src/timeline"] {
        assert_none(
            &format!("{dir} names SQLite or the store"),
            naming(&code_lines(dir), &["rusqlite", "store"]),
        );
    }
}

#[test]
fn the_store_never_names_the_analysis() {
    assert_none(
        "src/store names analysis or timeline",
        naming(&code_lines("src/store"), &["analysis", "timeline"]),
    );
}

#[test]
fn the_model_names_nothing_above_it() {
    assert_none(
        "src/model names a layer above it",
        naming(
            &code_lines("src/model"),
            &[
                "store",
                "analysis",
                "timeline",
                "formats",
                "workspace",
                "export",
                "rusqlite",
            ],
        ),
    );
}

#[test]
fn the_crates_forbid_unsafe_and_require_docs() {
    for root in [
        "src/lib.rs",
        "src/bin/coalition/main.rs",
        "src-tauri/src/main.rs",
    ] {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(root)).unwrap();
        for lint in ["#![deny(missing_docs)]", "#![forbid(unsafe_code)]"] {
            assert!(text.contains(lint), "{root} lacks {lint}");
        }
    }
}
