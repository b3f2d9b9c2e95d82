//! Importing a 100k-person, ~500k-relation map from CSV into a new map file:
//! streamed from files (as `coalition import` does), and read whole from memory
//! first (the batch path the app's other formats take).
//!
//! Target (issue 2): ≤ 2 s on a 2-core machine. The peer, run side by side, is
//! the floor of the job: the same rows inserted into the same schema by plain
//! rusqlite in one transaction, with no parsing, no validation and no history.
//!
//! At 1M people (~5M relations, ~400 MB of CSV; issue 15: ≤ 15 s and ≤ 700 MB)
//! one import takes tens of seconds, so that group runs only when
//! `COALITION_BENCH_1M` is set: `COALITION_BENCH_1M=1 cargo bench --bench import -- 1m`.

use std::hint::black_box;
use std::time::Duration;

use coalition::formats::csv::{write_people_csv, write_relations_csv};
use coalition::import::{ImportOptions, ImportSources, read_people_csv, read_relations_csv};
use coalition::store::{ImportControl, MapFile};
use coalition::synthetic::{BENCH_SEED, org_map};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn import(c: &mut Criterion) {
    let map = org_map(100_000, BENCH_SEED);
    let mut people = Vec::new();
    write_people_csv(&map, &mut people).unwrap();
    let mut relations = Vec::new();
    write_relations_csv(&map, &mut relations).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let counter = std::cell::Cell::new(0);
    let fresh = |name: &str| {
        counter.set(counter.get() + 1);
        let path = dir
            .path()
            .join(format!("{name}-{}.coalition", counter.get()));
        let file = MapFile::create(&path, "Bench", "").unwrap();
        (file, path)
    };

    let files = [
        dir.path().join("people.csv"),
        dir.path().join("relations.csv"),
    ];
    std::fs::write(&files[0], &people).unwrap();
    std::fs::write(&files[1], &relations).unwrap();

    let mut group = c.benchmark_group("import_100k_people_500k_relations");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("coalition_csv_import_streamed_files", |b| {
        b.iter_batched(
            || fresh("streamed").0,
            |mut file| black_box(import_files(&mut file, &files)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("coalition_csv_import", |b| {
        b.iter_batched(
            || fresh("coalition").0,
            |mut file| {
                let mut batch = read_people_csv("people.csv", people.as_slice());
                batch.extend(read_relations_csv("relations.csv", relations.as_slice()));
                black_box(file.import(&batch, true).unwrap())
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("peer_raw_rusqlite_insert", |b| {
        b.iter_batched(
            || fresh("peer").1,
            |path| black_box(raw_insert(&path, &map)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// The 1M-person import, from files on disk as the CLI reads them; only with
/// `COALITION_BENCH_1M` set (see the module's doc).
fn import_1m(c: &mut Criterion) {
    if std::env::var_os("COALITION_BENCH_1M").is_none() {
        return;
    }
    let map = org_map(1_000_000, BENCH_SEED);
    let dir = tempfile::tempdir().unwrap();
    let people = dir.path().join("people.csv");
    let relations = dir.path().join("relations.csv");
    write_people_csv(&map, std::fs::File::create(&people).unwrap()).unwrap();
    write_relations_csv(&map, std::fs::File::create(&relations).unwrap()).unwrap();
    drop(map);
    let files = [people, relations];
    let counter = std::cell::Cell::new(0);
    let mut group = c.benchmark_group("import_1m_people_5m_relations");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(300));
    group.bench_function("coalition_csv_import_files", |b| {
        b.iter_batched(
            || {
                // One map of ~0.5 GB on disk at a time: the last run's goes.
                let _ = std::fs::remove_file(
                    dir.path().join(format!("1m-{}.coalition", counter.get())),
                );
                counter.set(counter.get() + 1);
                let path = dir.path().join(format!("1m-{}.coalition", counter.get()));
                MapFile::create(&path, "Bench", "").unwrap()
            },
            |mut file| black_box(import_files(&mut file, &files)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Imports `files` as `coalition import` does: people and ties streamed from the
/// files into one transaction. Returns the ties added.
fn import_files(file: &mut MapFile, files: &[std::path::PathBuf]) -> usize {
    let sources = ImportSources::open(files, None, None).unwrap();
    let options = ImportOptions::default();
    let done = file
        .import_sources(&sources, &options, true, ImportControl::default())
        .unwrap();
    done.summary.relations
}

/// The peer: pre-parsed rows straight into the schema, one transaction.
fn raw_insert(path: &std::path::Path, map: &coalition::model::MapSnapshot) -> usize {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut people = tx
            .prepare(
                "INSERT INTO stakeholders (id, name, name_key, stance, target, power, interest,
                 openness, legitimacy, urgency, confidence, effort, advocate)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 'medium', ?9, ?10)",
            )
            .unwrap();
        for p in &map.stakeholders {
            people
                .execute(rusqlite::params![
                    p.id.0,
                    p.name,
                    p.name.to_lowercase(),
                    p.stance.level(),
                    p.target.level(),
                    p.power.value(),
                    p.interest.value(),
                    p.openness.value(),
                    p.effort.value(),
                    p.advocate
                ])
                .unwrap();
        }
        let mut ties = tx
            .prepare(
                "INSERT INTO relations (from_id, to_id, kind, strength) VALUES (?1, ?2, ?3, ?4)",
            )
            .unwrap();
        for r in &map.relations {
            ties.execute(rusqlite::params![
                r.from.0,
                r.to.0,
                r.kind.as_str(),
                r.strength.value()
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
    map.relations.len()
}

criterion_group!(benches, import, import_1m);
criterion_main!(benches);
