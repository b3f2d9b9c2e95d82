//! The app's hot path: `Workspace::view` (the whole map as the app draws it) and
//! one edit round trip (a stance edit and the JSON it answers with), at 2,000,
//! 10,000 and 100,000 people (`COALITION_BENCH_SIZES=2000,10000` to choose).
//!
//! Targets (issue 12): view and round trip ≤ 5 / 20 / 200 ms. The peer is the
//! code before the change, built from an older commit and run interleaved with
//! this one by `bench/compare-commits.sh`, which prints the ratios.

use std::hint::black_box;
use std::time::Duration;

use coalition::formats::csv::{write_people_csv, write_relations_csv};
use coalition::formats::view::EditedDto;
use coalition::import::{read_people_csv, read_relations_csv};
use coalition::store::MapFile;
use coalition::synthetic::{BENCH_SEED, org_map};
use coalition::workspace::Workspace;
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

/// What an edit sends the app, as the JSON the shell sends: its answer (since
/// issue 13, what changed; before, the whole view) or, for code from before edits
/// answered at all, a fresh `view()`; so this file builds on every commit.
trait Answer {
    fn sent(self, ws: &Workspace) -> Vec<u8>;
}

impl Answer for () {
    fn sent(self, ws: &Workspace) -> Vec<u8> {
        serde_json::to_vec(&ws.view().unwrap()).unwrap()
    }
}

impl Answer for EditedDto {
    fn sent(self, _: &Workspace) -> Vec<u8> {
        serde_json::to_vec(&self).unwrap()
    }
}

/// The sizes to measure.
fn sizes() -> Vec<usize> {
    std::env::var("COALITION_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 10_000, 100_000])
}

fn workspace(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for n in sizes() {
        let map = org_map(n, BENCH_SEED);
        let path = dir.path().join(format!("bench-{n}.coalition"));
        {
            let mut people = Vec::new();
            write_people_csv(&map, &mut people).unwrap();
            let mut relations = Vec::new();
            write_relations_csv(&map, &mut relations).unwrap();
            let mut file = MapFile::create(&path, "Bench", "").unwrap();
            let mut batch = read_people_csv("people.csv", people.as_slice());
            batch.extend(read_relations_csv("relations.csv", relations.as_slice()));
            file.import(&batch, true).unwrap();
        }
        let mut ws = Workspace::open(&path).unwrap();
        let id = ws.view().unwrap().people[n / 2].id;

        let mut group = c.benchmark_group(format!("workspace_{n}_people"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(if n > 10_000 { 20 } else { 5 }));
        if n > 10_000 {
            // Iterations of ~1 s (and of minutes on code from before issue 12):
            // the same count per sample, not criterion's 1, 2, …, 10 ramp.
            group.sampling_mode(SamplingMode::Flat);
        }
        group.bench_function("view", |b| b.iter(|| black_box(ws.view().unwrap())));
        let mut flip = false;
        group.bench_function("edit_round_trip", |b| {
            b.iter(|| {
                flip = !flip;
                let stance = if flip { "Supportive" } else { "Neutral" };
                let done = ws.set_field(id, "stance", stance).unwrap();
                black_box(done.sent(&ws))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, workspace);
criterion_main!(benches);
