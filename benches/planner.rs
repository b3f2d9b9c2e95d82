//! Benchmarks of the planner and the metrics on synthetic org maps of 1k, 10k and
//! 100k people (`coalition::synthetic::org_map` with `BENCH_SEED`). Targets
//! (DESIGN §8, issue 11): a full plan of 10 steps with reasons, reach (paths found
//! again after each step) and the re-sampled range in ≤ 10 / 60 / 600 ms; a plan
//! aimed at the coalition on 2k / 20k people in ≤ 1 / 5 s.
//! The ratios against the Python peers come from the fair, interleaved harness
//! (`bench/run.sh`, `make bench`), not from these figures.

use std::hint::black_box;
use std::time::Duration;

use coalition::analysis::betweenness::betweenness_centrality;
use coalition::analysis::pagerank::weighted_pagerank;
use coalition::analysis::{Goal, InfluenceModel, PlanOptions, plan_for};
use coalition::model::MapSnapshot;
use coalition::synthetic::{BENCH_SEED, org_map};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use petgraph::graph::DiGraph;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Weighted edges `(from, to, w)`.
type Edges = Vec<(usize, usize, f64)>;

/// The model of `map` and the listening graph PageRank runs on: each influence
/// edge reversed, weight |w|.
fn listening_edges(map: &MapSnapshot) -> (InfluenceModel, Edges) {
    let (model, edges) = InfluenceModel::with_edges(map);
    let listening = edges.iter().map(|(u, v, e)| (v, u, e.weight())).collect();
    (model, listening)
}

/// A benchmark group with few, short samples so the whole run takes minutes.
fn quick<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

fn planner(c: &mut Criterion) {
    let maps: Vec<(usize, MapSnapshot)> =
        SIZES.iter().map(|&n| (n, org_map(n, BENCH_SEED))).collect();

    let mut group = quick(c, "plan_k10");
    for (n, map) in &maps {
        let advocate = map.stakeholders.iter().find(|s| s.advocate).unwrap();
        let options = PlanOptions {
            k: 10,
            ..PlanOptions::new(advocate.id)
        };
        group.bench_with_input(BenchmarkId::from_parameter(n), map, |b, map| {
            b.iter(|| plan_for(black_box(map), &options).unwrap())
        });
    }
    group.finish();

    let mut group = quick(c, "plan_goal_coalition");
    for n in [2_000, 20_000] {
        let map = org_map(n, BENCH_SEED);
        let advocate = map.stakeholders.iter().find(|s| s.advocate).unwrap();
        let options = PlanOptions {
            goal: Goal::Coalition,
            ..PlanOptions::new(advocate.id)
        };
        group.bench_with_input(BenchmarkId::from_parameter(n), &map, |b, map| {
            b.iter(|| plan_for(black_box(map), &options).unwrap())
        });
    }
    group.finish();

    let models: Vec<(usize, InfluenceModel, Edges)> = maps
        .iter()
        .map(|(n, m)| {
            let (model, listening) = listening_edges(m);
            (*n, model, listening)
        })
        .collect();
    let mut group = quick(c, "equilibrium");
    for (n, model, _) in &models {
        group.bench_with_input(BenchmarkId::from_parameter(n), model, |b, model| {
            b.iter(|| black_box(model).equilibrium())
        });
    }
    group.finish();

    // The reasons' columns of Δz: 20 conversations (a plan of 10 steps and 10
    // people to avoid), solved one at a time, as the plan did, and four to a
    // solve on the threads allowed (`COALITION_THREADS=1`: one), as it does now.
    let mut group = quick(c, "reasons_20_ripples");
    for (n, model, _) in models.iter().filter(|(n, ..)| *n >= 10_000) {
        let conversations: Vec<(usize, f64)> = (0..20)
            .map(|k| ((k * 7_919) % n, 0.1 + 0.01 * k as f64))
            .collect();
        group.bench_with_input(BenchmarkId::new("one_solve_each", n), model, |b, model| {
            b.iter(|| {
                conversations
                    .iter()
                    .map(|&(i, shift)| black_box(model).ripple(i, shift))
                    .collect::<Vec<_>>()
            })
        });
        group.bench_with_input(BenchmarkId::new("four_to_a_solve", n), model, |b, model| {
            b.iter(|| black_box(model).ripples(&conversations))
        });
    }
    group.finish();

    let mut group = quick(c, "pagerank");
    for (n, _, edges) in &models {
        group.bench_with_input(BenchmarkId::from_parameter(n), edges, |b, edges| {
            b.iter(|| weighted_pagerank(*n, black_box(edges).iter().copied()))
        });
    }
    group.finish();

    // Exact at 1k, sampled (± 0.01 with probability 90%) at 10k and 100k.
    let mut group = quick(c, "betweenness");
    for (n, _, listening) in &models {
        let links: Vec<(usize, usize)> = listening.iter().map(|&(u, v, _)| (v, u)).collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &links, |b, links| {
            b.iter(|| betweenness_centrality(*n, black_box(links).iter().copied()))
        });
    }
    group.finish();
}

/// `petgraph::algo::page_rank` for comparison: unweighted, and every iteration
/// scans all pairs of nodes, so it is quadratic; 20 iterations on 2,000 people.
fn petgraph_page_rank(c: &mut Criterion) {
    let (_, ours) = listening_edges(&org_map(2_000, BENCH_SEED));
    let graph: DiGraph<(), ()> =
        DiGraph::from_edges(ours.iter().map(|&(u, v, _)| (u as u32, v as u32)));
    let mut group = quick(c, "pagerank_2k");
    group.bench_function("ours", |b| {
        b.iter(|| weighted_pagerank(2_000, black_box(&ours).iter().copied()))
    });
    group.bench_function("petgraph_20_iterations", |b| {
        b.iter(|| petgraph::algo::page_rank(black_box(&graph), 0.85_f64, 20))
    });
    group.finish();
}

criterion_group!(benches, planner, petgraph_page_rank);
criterion_main!(benches);
