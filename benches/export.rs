//! Exporting a 100k-person generated map (≈5 relations each) to JSON and GEXF.
//! Target: under 3 s each. Run with `cargo bench --bench export`.

use std::hint::black_box;
use std::time::Duration;

use coalition::export::{ExportOptions, Format, export};
use coalition::synthetic::{BENCH_SEED, org_map};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_export(c: &mut Criterion) {
    let map = org_map(100_000, BENCH_SEED);
    let mut group = c.benchmark_group("export 100k people");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for format in [Format::Json, Format::Gexf] {
        let options = ExportOptions {
            format,
            ..ExportOptions::default()
        };
        group.bench_function(format.as_str(), |b| {
            b.iter(|| export(black_box(&map), &options, None).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
