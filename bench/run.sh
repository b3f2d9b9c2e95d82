#!/usr/bin/env bash
# The fair benchmark: our kernels, the whole plan and the CSV import against the
# Python peers (scipy, igraph, bench/plan_peer.py, pandas in bench/import_peer.py)
# on the same generated maps, interleaved A/B in one run, on one thread and on all
# cores; prints ours/peer of the wall and CPU times. See bench/peers.py.
# Usage: bench/run.sh [DIR]   (DIR: where to write the graphs, default target/bench-graphs)
#        BENCH_SIZES=1000,10000,100000,1000000 bench/run.sh   (default: up to 100k)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-target/bench-graphs}"
sizes="${BENCH_SIZES:-1000,10000,100000}"
cargo build --quiet --release --example export_bench_graphs
target/release/examples/export_bench_graphs "$dir" "$sizes"
python3 bench/peers.py "$dir" --sizes "$sizes" --server target/release/examples/export_bench_graphs
