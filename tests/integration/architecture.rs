//! The layers' rules, read off the sources: what each part of the core may name.
//! Each rule fails with the file and line that breaks it, and each is shown to
//! fail on a synthetic offender (`every_rule_catches_an_offender`).
//!
//! The scanner reads code, not comments or string literals, and collects every
//! path the code names: `use` trees (grouped and over several lines, each leaf
//! as its full path), `extern crate`, and paths written in code (`crate::x::y`,
//! `super::x`, `rusqlite::params!`). A path names a module when its first
//! segment after `::`, `crate`, `self` and `super` is that module.

use std::path::Path;

/// One source file: its path as shown in messages and its text.
type Source = (String, String);

/// A rule: the files it covers (path prefixes) and what they must not name.
struct Rule {
    what: &'static str,
    under: &'static [&'static str],
    forbidden: &'static [&'static str],
}

/// The core (the library, the CLI, its tests and benches) never names Tauri.
const CORE_NEVER_NAMES_TAURI: Rule = Rule {
    what: "the core names Tauri (only src-tauri/ may)",
    under: &["src/", "tests/", "benches/", "examples/"],
    forbidden: &["tauri", "tauri_plugin_dialog", "tauri_build"],
};

/// The analysis and the timeline are pure: no SQLite, no store.
const ANALYSIS_AND_TIMELINE_ARE_PURE: Rule = Rule {
    what: "src/analysis or src/timeline names SQLite or the store (they are pure functions of a snapshot)",
    under: &["src/analysis/", "src/timeline/"],
    forbidden: &["rusqlite", "store"],
};

/// The store never reaches up into the analysis or the timeline.
const STORE_NEVER_NAMES_ANALYSIS: Rule = Rule {
    what: "src/store names the analysis or the timeline (the store sits below them)",
    under: &["src/store/"],
    forbidden: &["analysis", "timeline"],
};

/// The domain model names nothing above it.
const MODEL_NAMES_NOTHING_ABOVE_IT: Rule = Rule {
    what: "src/model names a layer above it (the model depends on nothing in the crate but itself)",
    under: &["src/model/"],
    forbidden: &[
        "store",
        "analysis",
        "timeline",
        "formats",
        "workspace",
        "export",
        "import",
        "rusqlite",
    ],
};

/// Every `.rs` file under the repository's `dirs`, as (path from the root, text).
fn sources(dirs: &[&str]) -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack: Vec<_> = dirs.iter().map(|d| root.join(d)).collect();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let shown = path.strip_prefix(root).unwrap().display().to_string();
                out.push((shown.replace('\\', "/"), text));
            }
        }
    }
    out.sort();
    out
}

/// True when `ch` can be part of an identifier.
fn ident_char(ch: Option<&char>) -> bool {
    ch.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// `text` with comments removed and string and character literals emptied,
/// newlines kept (so line numbers hold). Handles nested block comments, escapes,
/// raw strings (`r#"…"#`) and tells lifetimes (`'a`) from characters (`'a'`).
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Keeps the newlines of a skipped range.
    let skip = |out: &mut String, from: usize, to: usize| {
        out.extend(c[from..to.min(c.len())].iter().filter(|&&ch| ch == '\n'));
    };
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            let end = c[i..]
                .iter()
                .position(|&ch| ch == '\n')
                .map_or(c.len(), |p| i + p);
            i = end;
        } else if c[i] == '/' && next == Some('*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < c.len() && depth > 0 {
                if c[j] == '/' && c.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            skip(&mut out, i, j);
            out.push(' ');
            i = j;
        } else if c[i] == 'r'
            && (next == Some('"') || next == Some('#'))
            && !ident_char(c[..i].last())
            || (c[i] == 'b' && next == Some('r') && !ident_char(c[..i].last()))
        {
            // A raw string: r"…", r#"…"#, br"…", …
            if c[i] == 'b' {
                out.push('b');
                i += 1;
            }
            let next = c.get(i + 1).copied();
            if c[i] != 'r' || !(next == Some('"') || next == Some('#')) {
                continue;
            }
            let hashes = c[i + 1..].iter().take_while(|&&ch| ch == '#').count();
            if c.get(i + 1 + hashes) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            let start = i + 2 + hashes;
            let closing: Vec<char> = std::iter::once('"')
                .chain((0..hashes).map(|_| '#'))
                .collect();
            let end = (start..c.len())
                .find(|&j| c[j..].starts_with(&closing))
                .unwrap_or(c.len());
            out.push_str("\"\"");
            skip(&mut out, start, end);
            i = end + closing.len();
        } else if c[i] == '"' {
            let mut j = i + 1;
            while j < c.len() && c[j] != '"' {
                j += if c[j] == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            skip(&mut out, i + 1, j);
            i = j + 1;
        } else if c[i] == '\'' {
            // A character literal ('x', '\n', '\u{..}'), else a lifetime or label.
            let end = if next == Some('\\') {
                // The escaped character is skipped: '\'' and '\\' end after it.
                c.get(i + 3..)
                    .and_then(|rest| rest.iter().position(|&ch| ch == '\''))
                    .map(|p| i + 3 + p)
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(e) => {
                    out.push_str("' '");
                    i = e + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// A token of code: an identifier, `::`, or one punctuation character.
#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Colons,
    Punct(char),
}

/// The tokens of `code` (from [`code_only`]), each with its line number.
fn tokens(code: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = code.chars().collect();
    let (mut out, mut line, mut i) = (Vec::new(), 1, 0);
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            // Numbers (1, 0x10, 2u8) are not names; raw identifiers drop their r#.
            if !ch.is_ascii_digit() {
                out.push((Tok::Ident(word), line));
            } else {
                out.push((Tok::Punct('0'), line));
            }
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push((Tok::Colons, line));
            i += 2;
        } else if ch == '#'
            && !out.is_empty()
            && out
                .last()
                .is_some_and(|(t, _)| *t == Tok::Ident("r".into()))
        {
            // r#ident: the identifier itself.
            out.pop();
            i += 1;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// A path the code names, as its segments, with the line of its last segment.
#[derive(Debug)]
struct Named {
    segments: Vec<String>,
    line: usize,
}

impl Named {
    /// The segment that says which module the path starts in: the first after
    /// a leading `::`, `crate`, `self` and `super`s.
    fn root(&self) -> Option<&str> {
        self.segments
            .iter()
            .map(String::as_str)
            .find(|s| !matches!(*s, "crate" | "self" | "super"))
    }
}

/// Every path `text` names: `use` trees, `extern crate`, paths in code.
fn named_paths(text: &str) -> Vec<Named> {
    let toks = tokens(&code_only(text));
    let ident = |i: usize| match toks.get(i) {
        Some((Tok::Ident(s), _)) => Some(s.as_str()),
        _ => None,
    };
    let is = |i: usize, t: &Tok| toks.get(i).is_some_and(|(x, _)| x == t);
    // An identifier not after `::`, or a leading `::` (not after a name or `>`)
    // before one, starts a path.
    let starts_path = |i: usize| {
        let after = |t: &dyn Fn(&Tok) -> bool| i > 0 && t(&toks[i - 1].0);
        if ident(i).is_some() {
            !after(&|t| *t == Tok::Colons)
        } else {
            is(i, &Tok::Colons)
                && ident(i + 1).is_some()
                && !after(&|t| matches!(t, Tok::Ident(_) | Tok::Punct('>')))
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if ident(i) == Some("use") {
            i = use_tree(&toks, i + 1, &[], &mut out);
        } else if ident(i) == Some("extern") && ident(i + 1) == Some("crate") {
            if let Some(name) = ident(i + 2) {
                out.push(Named {
                    segments: vec![name.to_string()],
                    line: toks[i + 2].1,
                });
            }
            i += 3;
        } else if starts_path(i) {
            // A path in code: [::] ident (:: ident)*, named only when it has a `::`.
            let leading = is(i, &Tok::Colons);
            let first = if leading { i + 1 } else { i };
            let mut segments = vec![ident(first).unwrap().to_string()];
            let mut j = first + 1;
            while is(j, &Tok::Colons) && ident(j + 1).is_some() {
                segments.push(ident(j + 1).unwrap().to_string());
                j += 2;
            }
            if leading || segments.len() > 1 {
                out.push(Named {
                    segments,
                    line: toks[j - 1].1,
                });
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Reads one use tree at `toks[i]` under `prefix`, pushing each leaf's full path;
/// returns the index after it (after the `;` at the top level).
fn use_tree(toks: &[(Tok, usize)], mut i: usize, prefix: &[String], out: &mut Vec<Named>) -> usize {
    let mut segments = prefix.to_vec();
    let mut line = toks.get(i).map_or(0, |t| t.1);
    if matches!(toks.get(i), Some((Tok::Colons, _))) {
        i += 1;
    }
    loop {
        match toks.get(i) {
            Some((Tok::Ident(s), l)) if s != "as" => {
                segments.push(s.clone());
                line = *l;
                i += 1;
            }
            Some((Tok::Punct('{'), _)) => {
                i += 1;
                while i < toks.len() && !matches!(toks[i].0, Tok::Punct('}')) {
                    i = use_tree(toks, i, &segments, out);
                    if matches!(toks.get(i), Some((Tok::Punct(','), _))) {
                        i += 1;
                    }
                }
                i += 1; // the '}'
                break;
            }
            Some((Tok::Punct('*'), _)) => {
                i += 1;
                push_leaf(&segments, line, out);
                break;
            }
            _ => {
                push_leaf(&segments, line, out);
                break;
            }
        }
        if matches!(toks.get(i), Some((Tok::Colons, _))) {
            i += 1;
        } else {
            push_leaf(&segments, line, out);
            break;
        }
    }
    // `as name`, then the end of this tree.
    if matches!(toks.get(i), Some((Tok::Ident(s), _)) if s == "as") {
        i += 2;
    }
    if prefix.is_empty() {
        while i < toks.len() && !matches!(toks[i].0, Tok::Punct(';')) {
            i += 1;
        }
        i += 1;
    }
    i
}

fn push_leaf(segments: &[String], line: usize, out: &mut Vec<Named>) {
    if !segments.is_empty()
        && !out
            .last()
            .is_some_and(|n| n.segments == segments && n.line == line)
    {
        out.push(Named {
            segments: segments.to_vec(),
            line,
        });
    }
}

/// The places in `files` that break `rule`, as "file:line: path".
fn offenders(rule: &Rule, files: &[Source]) -> Vec<String> {
    let mut out = Vec::new();
    for (file, text) in files {
        if !rule.under.iter().any(|u| file.starts_with(u)) {
            continue;
        }
        for named in named_paths(text) {
            if named.root().is_some_and(|r| rule.forbidden.contains(&r)) {
                out.push(format!(
                    "{file}:{}: {}",
                    named.line,
                    named.segments.join("::")
                ));
            }
        }
    }
    out
}

/// Fails naming every file and line that breaks `rule`.
fn check(rule: &Rule, files: &[Source]) {
    let found = offenders(rule, files);
    assert!(found.is_empty(), "{}:\n{}", rule.what, found.join("\n"));
}

/// The core's Cargo.toml lines that depend on Tauri, in any dependency table.
fn tauri_dependencies(manifest: &str) -> Vec<String> {
    let mut in_deps = false;
    let mut out = Vec::new();
    for (n, line) in manifest.lines().enumerate() {
        let l = line.trim();
        if l.starts_with('[') {
            // [dependencies], [dev-dependencies], [build-dependencies],
            // [target.'cfg(…)'.dependencies], [dependencies.tauri]; not the
            // [workspace.dependencies] the members share.
            let table = l.trim_matches(|c| c == '[' || c == ']');
            in_deps = !table.starts_with("workspace")
                && table.split('.').any(|part| part.ends_with("dependencies"));
            if in_deps && table.contains("dependencies.tauri") {
                out.push(format!("Cargo.toml:{}: {l}", n + 1));
            }
        } else if in_deps && (l.starts_with("tauri") || l.contains("package = \"tauri")) {
            out.push(format!("Cargo.toml:{}: {l}", n + 1));
        }
    }
    out
}

#[test]
fn the_core_never_names_tauri() {
    check(
        &CORE_NEVER_NAMES_TAURI,
        &sources(&["src", "tests", "benches", "examples"]),
    );
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let found = tauri_dependencies(&manifest);
    assert!(
        found.is_empty(),
        "the core's Cargo.toml depends on Tauri:\n{}",
        found.join("\n")
    );
}

#[test]
fn analysis_and_timeline_are_pure() {
    check(
        &ANALYSIS_AND_TIMELINE_ARE_PURE,
        &sources(&["src/analysis", "src/timeline"]),
    );
}

#[test]
fn the_store_never_names_the_analysis() {
    check(&STORE_NEVER_NAMES_ANALYSIS, &sources(&["src/store"]));
}

#[test]
fn the_model_names_nothing_above_it() {
    check(&MODEL_NAMES_NOTHING_ABOVE_IT, &sources(&["src/model"]));
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
        let code = code_only(&text);
        for lint in ["#![deny(missing_docs)]", "#![forbid(unsafe_code)]"] {
            assert!(code.contains(lint), "{root} lacks {lint}");
        }
    }
}

/// One synthetic file at `path` holding `text`.
fn file(path: &str, text: &str) -> Vec<Source> {
    vec![(path.to_string(), text.to_string())]
}

#[test]
fn every_rule_catches_an_offender() {
    // Each rule flags a synthetic offending line, naming the file and line.
    let cases: [(&Rule, &str, &str, &str); 12] = [
        (
            &CORE_NEVER_NAMES_TAURI,
            "src/lib.rs",
            "\nuse tauri::Manager;",
            "src/lib.rs:2: tauri::Manager",
        ),
        (
            &CORE_NEVER_NAMES_TAURI,
            "src/export/html.rs",
            "extern crate tauri;",
            "src/export/html.rs:1: tauri",
        ),
        (
            &CORE_NEVER_NAMES_TAURI,
            "tests/integration/x.rs",
            "fn f() { tauri_plugin_dialog::init(); }",
            "tests/integration/x.rs:1: tauri_plugin_dialog::init",
        ),
        (
            &ANALYSIS_AND_TIMELINE_ARE_PURE,
            "src/analysis/plan.rs",
            "use rusqlite::Connection;",
            "src/analysis/plan.rs:1: rusqlite::Connection",
        ),
        (
            &ANALYSIS_AND_TIMELINE_ARE_PURE,
            "src/analysis/plan.rs",
            "let c = crate::store::MapFile::open(p);",
            "src/analysis/plan.rs:1: crate::store::MapFile::open",
        ),
        (
            &ANALYSIS_AND_TIMELINE_ARE_PURE,
            "src/timeline/brief.rs",
            "use super::super::store::MapFile;",
            "src/timeline/brief.rs:1: super::super::store::MapFile",
        ),
        (
            &ANALYSIS_AND_TIMELINE_ARE_PURE,
            "src/timeline/mod.rs",
            "use crate::{\n    model::Stance,\n    store,\n};",
            "src/timeline/mod.rs:3: crate::store",
        ),
        (
            &STORE_NEVER_NAMES_ANALYSIS,
            "src/store/plans.rs",
            "use crate::analysis::PlanReport;",
            "src/store/plans.rs:1: crate::analysis::PlanReport",
        ),
        (
            &STORE_NEVER_NAMES_ANALYSIS,
            "src/store/x.rs",
            "use crate::{model::Stance, timeline::{as_of, diff}};",
            "src/store/x.rs:1: crate::timeline::diff",
        ),
        (
            &MODEL_NAMES_NOTHING_ABOVE_IT,
            "src/model/mod.rs",
            "use crate::formats::view::WorkspaceDto;",
            "src/model/mod.rs:1: crate::formats::view::WorkspaceDto",
        ),
        (
            &MODEL_NAMES_NOTHING_ABOVE_IT,
            "src/model/text.rs",
            "fn f(x: &crate::workspace::Workspace) {}",
            "src/model/text.rs:1: crate::workspace::Workspace",
        ),
        (
            &MODEL_NAMES_NOTHING_ABOVE_IT,
            "src/model/rows.rs",
            "use rusqlite as sql;",
            "src/model/rows.rs:1: rusqlite",
        ),
    ];
    for (rule, path, text, expected) in cases {
        let found = offenders(rule, &file(path, text));
        assert!(
            found.iter().any(|f| f == expected),
            "{path}: {text:?} should give {expected:?}, gave {found:?}"
        );
    }
}

#[test]
fn the_scanner_reads_code_not_words() {
    // Comments, strings, other modules' submodules and look-alike names pass.
    let innocent = r##"
        //! Unlike crate::store, this is pure. use rusqlite::Connection;
        /* crate::store::MapFile /* nested crate::store */ still a comment */
        use crate::model::{analysis::Plan, store::Row, timeline};
        use crate::restore::x;
        let store = "crate::store::MapFile"; let s = r#"rusqlite::params![]"#;
        let c = '"'; let d = '\''; fn f<'a>(x: &'a str) -> &'a str { x }
        let store_count = self_store::len(); // crate::store
        let unstored = mystore::open();
    "##;
    let files = file("src/store/x.rs", innocent);
    for rule in [
        &ANALYSIS_AND_TIMELINE_ARE_PURE,
        &STORE_NEVER_NAMES_ANALYSIS,
        &MODEL_NAMES_NOTHING_ABOVE_IT,
    ] {
        let renamed: Vec<Source> = rule
            .under
            .iter()
            .map(|u| (format!("{u}x.rs"), files[0].1.clone()))
            .collect();
        assert_eq!(
            offenders(rule, &renamed),
            Vec::<String>::new(),
            "{}",
            rule.what
        );
    }
    // A rule covers only its own folders.
    assert!(
        offenders(
            &STORE_NEVER_NAMES_ANALYSIS,
            &file("src/workspace/x.rs", "use crate::analysis::plan;")
        )
        .is_empty()
    );
    // The manifest check reads every dependency table but the workspace's.
    assert_eq!(
        tauri_dependencies(
            "[package]\nname = \"tauri\"\n[dependencies]\nserde = \"1\"\n[workspace.dependencies]\ntauri = \"2\"\n"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        tauri_dependencies(
            "[dependencies]\nserde = \"1\"\n[target.'cfg(unix)'.dependencies]\ntauri = \"2\"\n[dev-dependencies]\nshell = { package = \"tauri\" }\n"
        ),
        vec![
            "Cargo.toml:4: tauri = \"2\"",
            "Cargo.toml:6: shell = { package = \"tauri\" }"
        ]
    );
}

#[test]
fn the_scanner_sees_the_real_imports() {
    // A control: on the real sources the scanner finds what must be there, so
    // the rules above pass because the code obeys them, not because it saw nothing.
    let seen = |under: &'static [&'static str], names: &'static [&'static str], dir: &str| {
        let rule = Rule {
            what: "control",
            under,
            forbidden: names,
        };
        offenders(&rule, &sources(&[dir]))
    };
    assert!(!seen(&["src/store/"], &["rusqlite"], "src/store").is_empty());
    assert!(!seen(&["src/analysis/"], &["model"], "src/analysis").is_empty());
    assert!(!seen(&["src-tauri/"], &["tauri"], "src-tauri/src").is_empty());
}
