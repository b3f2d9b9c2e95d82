//! The streamed import (people and ties straight from the CSV files into the
//! transaction) against the batch import (everything read first): the same map,
//! the same preview, the same problems; progress, and a cancel that changes nothing.

use std::path::{Path, PathBuf};

use coalition::Error;
use coalition::cancel::Cancel;
use coalition::formats::csv::{write_engagements_csv, write_people_csv, write_relations_csv};
use coalition::import::{ImportOptions, ImportPreview, ImportProgress, ImportSources, read_files};
use coalition::store::{ImportControl, MapFile};

use crate::support::{export, small_map};

/// A generated company's people, ties and conversations as our CSV files, with
/// rows that exercise the importer: an alliance listed again from its other end
/// (names spelled in another case, another note, a stronger strength) and a
/// conflict listed from both ends with the same note.
fn company_files(dir: &Path, people: usize) -> Vec<PathBuf> {
    let map = coalition::synthetic::company::company_map(people, 11);
    let paths: Vec<PathBuf> = ["people.csv", "relations.csv", "engagements.csv"]
        .iter()
        .map(|name| dir.join(name))
        .collect();
    write_people_csv(&map, std::fs::File::create(&paths[0]).unwrap()).unwrap();
    let mut relations = Vec::new();
    write_relations_csv(&map, &mut relations).unwrap();
    let text = String::from_utf8(relations).unwrap();
    let mut extra = String::new();
    let mut mutual = text
        .lines()
        .skip(1)
        .filter(|line| line.contains(",allied,") || line.contains(",conflict,"));
    for (i, line) in mutual.by_ref().take(6).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let (from, kind, to) = (cells[0], cells[1], cells[2]);
        match i % 3 {
            0 => extra.push_str(&format!(
                "{},{kind},{},5,met again\n",
                to.to_lowercase(),
                from
            )),
            1 => extra.push_str(&format!("{to},{kind},{from},1,\n")),
            _ => extra.push_str(&format!("{to},{kind},{},,\n", from.to_uppercase())),
        }
    }
    assert!(extra.lines().count() == 6, "the company has mutual ties");
    std::fs::write(&paths[1], format!("{text}{extra}")).unwrap();
    write_engagements_csv(&map, std::fs::File::create(&paths[2]).unwrap()).unwrap();
    paths
}

/// Every row of every table but the map's details, times written at or after
/// `since` (the import's "now") shown as `now`.
fn tables(path: &Path, since: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'map_info' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|name| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY rowid"))
                .unwrap();
            let columns = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..columns)
                        .map(|i| {
                            let value = match r.get_ref(i)? {
                                rusqlite::types::ValueRef::Text(t) => {
                                    let t = String::from_utf8_lossy(t).into_owned();
                                    if t.len() == 20 && t.ends_with('Z') && t.as_str() >= since {
                                        "now".to_string()
                                    } else {
                                        t
                                    }
                                }
                                other => format!("{other:?}"),
                            };
                            Ok(value)
                        })
                        .collect::<Result<Vec<String>, _>>()
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (name, rows)
        })
        .collect()
}

fn now() -> String {
    coalition::store::format_time(chrono::Utc::now())
}

/// The batch import of `files` into `path`.
fn batch_import(path: &Path, files: &[PathBuf], merge: bool) -> coalition::Result<ImportPreview> {
    let mut map = MapFile::open(path).unwrap();
    map.import_batch(&read_files(files, None)?, &ImportOptions { merge })
}

/// The streamed import of `files` into `path`.
fn streamed_import(
    path: &Path,
    files: &[PathBuf],
    merge: bool,
) -> coalition::Result<ImportPreview> {
    let mut map = MapFile::open(path).unwrap();
    let sources = ImportSources::open(files, None, None)?;
    map.import_sources(
        &sources,
        &ImportOptions { merge },
        true,
        ImportControl::default(),
    )
}

/// The two dry runs of `files` into `path`.
fn previews(path: &Path, files: &[PathBuf], merge: bool) -> (ImportPreview, ImportPreview) {
    let map = MapFile::open_read_only(path).unwrap();
    let options = ImportOptions { merge };
    let batch = map
        .preview_import(&read_files(files, None).unwrap(), &options)
        .unwrap();
    let sources = ImportSources::open(files, None, None).unwrap();
    let streamed = map
        .preview_sources(&sources, &options, ImportControl::default())
        .unwrap();
    (batch, streamed)
}

#[test]
fn a_streamed_import_writes_the_map_the_batch_import_writes() {
    let dir = tempfile::tempdir().unwrap();
    let files = company_files(dir.path(), 400);
    let (batch_map, streamed_map) = (
        dir.path().join("a.coalition"),
        dir.path().join("b.coalition"),
    );
    for path in [&batch_map, &streamed_map] {
        drop(MapFile::create(path, "M", "").unwrap());
    }
    let (dry_batch, dry_streamed) = previews(&streamed_map, &files, false);
    assert!(dry_batch.problems.is_empty(), "{:?}", dry_batch.problems);
    assert_eq!(dry_streamed, dry_batch, "the same dry run");
    assert_eq!(
        dry_batch.merged_ties.len(),
        6,
        "{:?}",
        dry_batch.merged_ties
    );
    assert!(dry_batch.summary.engagements > 0);

    let since = now();
    let batch = batch_import(&batch_map, &files, false).unwrap();
    let streamed = streamed_import(&streamed_map, &files, false).unwrap();
    assert_eq!(streamed, batch, "the same preview");
    assert_eq!(
        streamed, dry_streamed,
        "the dry run said what the import did"
    );
    assert_eq!(tables(&streamed_map, &since), tables(&batch_map, &since));

    // Again into the maps that hold it all now: with --merge everyone is kept and
    // every tie and conversation skipped; without, every name is a problem.
    let since = now();
    let (dry_batch, dry_streamed) = previews(&streamed_map, &files, true);
    assert_eq!(dry_streamed, dry_batch);
    let batch = batch_import(&batch_map, &files, true).unwrap();
    let streamed = streamed_import(&streamed_map, &files, true).unwrap();
    assert_eq!(streamed, batch);
    assert_eq!(streamed.summary.people, 0);
    assert_eq!(streamed.kept.len(), 400);
    assert_eq!(tables(&streamed_map, &since), tables(&batch_map, &since));
    let before = export(&streamed_map);
    let (Err(Error::Import(batch)), Err(Error::Import(streamed))) = (
        batch_import(&batch_map, &files, false),
        streamed_import(&streamed_map, &files, false),
    ) else {
        panic!("importing everyone again without --merge fails");
    };
    assert_eq!(streamed, batch);
    assert_eq!(export(&streamed_map), before, "nothing changed");
}

#[test]
fn a_bad_streamed_import_lists_the_batch_import_problems_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.coalition");
    drop(small_map(&path));
    let before = export(&path);
    let write = |name: &str, text: String| {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        file
    };
    // A few problems of every kind, in both files and against the map.
    let few = [
        write(
            "people.csv",
            "name,stance,email\nDee,1,d@x\nEve,maybe,e@x\nana,0,\nDee,2,\nFay,1,\nfay,-1,\n"
                .to_string(),
        ),
        write(
            "relations.csv",
            "from,kind,to,strength\nDee,trusts,Ana,4\nDee,trusts,Zed,2\nEve,trusts,Dee,\n\
             Bo,reports_to,Ana,3\nDee,allied,Fay,\nFay,allied,Dee,\nDee,trusts,Ana,1\n\
             Dee,likes,Ana,\nDee,trusts,Dee,\n"
                .to_string(),
        ),
    ];
    // Thousands: each file's own capped at 1,000, all of them at 2,000.
    let bad_people: String = (0..1500).map(|i| format!("P{i},zz\n")).collect();
    let bad_ties: String = (0..3000).map(|i| format!("Q{i},trusts,Ana\n")).collect();
    let many = [
        write(
            "many-people.csv",
            format!("name,stance\n{bad_people}Gus,1\n"),
        ),
        write(
            "many-ties.csv",
            format!("from,kind,to\n{bad_ties}Gus,trusts,Ana\n"),
        ),
    ];
    for files in [&few[..], &many[..], &[few[1].clone(), many[0].clone()][..]] {
        let (batch, streamed) = previews(&path, files, false);
        assert!(!batch.problems.is_empty());
        assert_eq!(streamed, batch);
        let (Err(Error::Import(batch)), Err(Error::Import(streamed))) = (
            batch_import(&path, files, false),
            streamed_import(&path, files, false),
        ) else {
            panic!("a bad import fails");
        };
        assert_eq!(streamed, batch);
        assert!(streamed.len() <= 2001, "{}", streamed.len());
        assert_eq!(export(&path), before, "the map is unchanged");
    }
}

#[test]
fn an_import_reports_progress_and_a_cancelled_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = company_files(dir.path(), 3000);
    let path = dir.path().join("m.coalition");
    drop(small_map(&path));
    let before = export(&path);
    let sources = ImportSources::open(&files, None, None).unwrap();

    let cancel = Cancel::default();
    let heard = std::cell::RefCell::new(Vec::<ImportProgress>::new());
    let progress = |p: ImportProgress| {
        heard.borrow_mut().push(p);
        cancel.cancel();
    };
    let control = ImportControl {
        progress: Some(&progress),
        cancel: Some(&cancel),
    };
    let mut map = MapFile::open(&path).unwrap();
    let options = ImportOptions::default();
    let e = map
        .import_sources(&sources, &options, true, control)
        .unwrap_err();
    assert!(matches!(e, Error::Cancelled), "{e}");
    let e = map
        .preview_sources(&sources, &options, control)
        .unwrap_err();
    assert!(matches!(e, Error::Cancelled), "{e}");
    drop(map);
    assert_eq!(export(&path), before, "a cancelled import changes nothing");
    assert_eq!(heard.borrow().len(), 1, "it stopped at the first look");

    heard.borrow_mut().clear();
    let progress = |p: ImportProgress| heard.borrow_mut().push(p);
    let control = ImportControl {
        progress: Some(&progress),
        cancel: Some(&Cancel::default()),
    };
    let mut map = MapFile::open(&path).unwrap();
    let done = map
        .import_sources(&sources, &options, true, control)
        .unwrap();
    let heard = heard.into_inner();
    assert!(heard.len() >= 3, "{heard:?}");
    assert!(
        heard
            .windows(2)
            .all(|w| w[0].rows <= w[1].rows && w[0].bytes <= w[1].bytes)
    );
    let last = heard.last().unwrap();
    let total: u64 = files[..2].iter().map(|f| f.metadata().unwrap().len()).sum();
    assert_eq!((last.bytes, last.total_bytes), (total, total));
    assert_eq!(
        last.rows,
        (done.summary.people + done.summary.relations + done.merged_ties.len()) as u64
    );
}
