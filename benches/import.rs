//! Importing a 100k-person, ~500k-relation map from CSV into a new map file.
//!
//! Target (issue 2): ≤ 2 s on a 2-core machine. The peer, run side by side, is
//! the floor of the job: the same rows inserted into the same schema by plain
//! rusqlite in one transaction, with no parsing, no validation and no history.

use std::hint::black_box;
use std::time::Duration;

use coalition::formats::csv::{write_people_csv, write_relations_csv};
use coalition::import::{read_people_csv, read_relations_csv};
use coalition::store::MapFile;
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

    let mut group = c.benchmark_group("import_100k_people_500k_relations");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
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

criterion_group!(benches, import);
criterion_main!(benches);
