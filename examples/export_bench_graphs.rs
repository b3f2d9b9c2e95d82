//! Writes the benchmark graphs for the Python peers (`bench/peers.py`):
//! `cargo run --release --example export_bench_graphs -- DIR`.
//!
//! For each size n of the benchmarks (org maps from `BENCH_SEED`) it writes
//! `DIR/edges_n.csv` (`source,target,weight,sign`: one row per influence edge,
//! w = strength/5, σ = ±1) and `DIR/nodes_n.csv` (`id,s,lambda,power,z,pagerank,
//! betweenness`: our own results, so the peers can check they agree; betweenness
//! is left empty where it would be sampled).

use std::error::Error;
use std::path::PathBuf;

use coalition::analysis::InfluenceModel;
use coalition::analysis::betweenness::{EXACT_LIMIT, betweenness_centrality};
use coalition::analysis::pagerank::weighted_pagerank;
use coalition::synthetic::{BENCH_SEED, org_map};
use petgraph::visit::EdgeRef;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: export_bench_graphs DIR (the folder to write the CSV files to)")?,
    );
    std::fs::create_dir_all(&dir)?;
    for n in SIZES {
        let model = InfluenceModel::new(&org_map(n, BENCH_SEED));
        let graph = model.graph();
        let mut edges = csv::Writer::from_path(dir.join(format!("edges_{n}.csv")))?;
        edges.write_record(["source", "target", "weight", "sign"])?;
        for e in graph.edge_references() {
            edges.serialize((
                e.source().index(),
                e.target().index(),
                e.weight().weight,
                e.weight().sign,
            ))?;
        }
        edges.flush()?;

        let z = model.equilibrium();
        let pagerank = weighted_pagerank(
            n,
            graph
                .edge_references()
                .map(|e| (e.target().index(), e.source().index(), e.weight().weight)),
        );
        let betweenness = (n <= EXACT_LIMIT).then(|| {
            betweenness_centrality(
                n,
                graph
                    .edge_references()
                    .map(|e| (e.source().index(), e.target().index())),
            )
            .values
        });
        let mut nodes = csv::Writer::from_path(dir.join(format!("nodes_{n}.csv")))?;
        nodes.write_record(["id", "s", "lambda", "power", "z", "pagerank", "betweenness"])?;
        for i in 0..n {
            nodes.serialize((
                i,
                model.opinions()[i],
                model.stubbornness()[i],
                model.power()[i],
                z[i],
                pagerank[i],
                betweenness.as_ref().map(|b| b[i]),
            ))?;
        }
        nodes.flush()?;
        println!("{n} people, {} influence edges", graph.edge_count());
    }
    Ok(())
}
