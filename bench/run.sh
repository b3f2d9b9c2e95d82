#!/usr/bin/env bash
# Runs our benchmarks and the Python peers (networkx, igraph, scipy) on the same
# generated graphs in one run, and prints our time / the peer's time for each.
# Usage: bench/run.sh [DIR]   (DIR: where to write the graphs, default target/bench-graphs)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-target/bench-graphs}"
cargo run --quiet --release --example export_bench_graphs -- "$dir"
cargo bench --bench planner
python3 bench/peers.py "$dir" --criterion target/criterion
