//! Exporting generated maps: a 100k-person map (≈5 relations each) to JSON and
//! GEXF (target: under 3 s each), and the network picture of 1k- and 10k-person
//! maps as SVG and PNG, by group and in full (targets: 0.5 s at 1k, 3 s at 10k).
//! Run with `cargo bench --bench export`.

use std::hint::black_box;
use std::time::Duration;

use coalition::export::{ExportOptions, Format, View, export};
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

fn bench_pictures(c: &mut Criterion) {
    for people in [1_000, 10_000] {
        let map = org_map(people, BENCH_SEED);
        let mut group = c.benchmark_group(format!("network picture {people} people"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(10));
        for format in [Format::Svg, Format::Png] {
            for (name, view) in [
                ("full", View::FullNetwork),
                ("by group", View::GroupNetwork),
            ] {
                let options = ExportOptions {
                    format,
                    view,
                    ..ExportOptions::default()
                };
                group.bench_function(format!("{format} {name}"), |b| {
                    b.iter(|| export(black_box(&map), &options, None).unwrap())
                });
            }
        }
        group.finish();
    }
}

criterion_group!(benches, bench_export, bench_pictures);
criterion_main!(benches);
