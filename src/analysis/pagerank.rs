//! Weighted PageRank by sparse power iteration, computed exactly as
//! `networkx.pagerank(G, alpha=0.85, weight="weight")` defines it.
//!
//! Each node passes rank along its out-edges in proportion to their weights
//! (parallel edges add up); a node without out-edges (dangling) spreads its rank
//! uniformly over everyone; a share 1 − 0.85 is spread uniformly too.
//!
//! This is our own iteration because `petgraph::algo::page_rank` is unweighted and
//! quadratic in the number of nodes (it scans every pair of nodes on each
//! iteration); the benchmark measures it on 2,000 nodes. Each iteration here costs
//! one pass over the edges, laid out as the equilibrium solver's rows are (padded
//! to chunks of four, see `equilibrium.rs`): 0.73–0.8 of the time over plain rows
//! at 100k people. One thread, ours/igraph wall on the fair harness: 0.31 / 0.45 /
//! 0.42 at 1k / 10k / 100k people, 0.37 at 1M.

use super::equilibrium::{SweepRows, padded};
use super::influence::SparseRows;

/// The damping factor: the chance of following an edge rather than jumping.
pub const DAMPING: f64 = 0.85;

/// Iteration stops when the ranks moved by less than this per node in total
/// (L1 change < N·1e-12; networkx uses N·1e-6).
const TOLERANCE_PER_NODE: f64 = 1e-12;

/// Graphs of at least this many people are swept in two halves, on two threads
/// when [`worker_threads`] allows more than one.
const PARALLEL_FROM: usize = 20_000;

pub use crate::threads::worker_threads;

/// A guard: at 0.85 per iteration the tolerance is reached in about 200 iterations.
const MAX_ITERATIONS: usize = 1_000;

/// PageRank of nodes `0..n` over weighted directed `edges` `(from, to, weight)`,
/// weights ≥ 0. The ranks sum to 1.
pub fn weighted_pagerank(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize, f64)>,
) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut out_weight = vec![0.0; n];
    let triples: Vec<(usize, usize, f64)> = edges
        .into_iter()
        .map(|(from, to, w)| {
            out_weight[from] += w;
            (to, from, w)
        })
        .collect();
    // Row v lists (u, w_uv): rank flows into v from u.
    // Laid out as the equilibrium solver's rows are: padded to chunks of four, so
    // the end of a row is no mispredicted branch.
    let incoming = SweepRows::new(&SparseRows::from_triples(n, triples));
    let dangling: Vec<usize> = (0..n).filter(|&u| out_weight[u] == 0.0).collect();
    let uniform = 1.0 / n as f64;

    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    // Padded to a power of two, as the rows' products read it.
    let mut sent = padded(vec![0.0; n]);
    // Big graphs split the rows in two halves, computed side by side when two
    // threads are allowed (igraph's PageRank, PRPACK, runs OpenMP threads too unless
    // OMP_NUM_THREADS=1). The split is the same on every machine and thread count,
    // so the sums (and the result) do not depend on either.
    let halves = if n >= PARALLEL_FROM { 2 } else { 1 };
    let threaded = halves == 2 && worker_threads() > 1;
    let chunk = n.div_ceil(halves);
    for _ in 0..MAX_ITERATIONS {
        for u in 0..n {
            sent[u] = if out_weight[u] > 0.0 {
                rank[u] / out_weight[u]
            } else {
                0.0
            };
        }
        let dangling_rank: f64 = dangling.iter().map(|&u| rank[u]).sum();
        let base = DAMPING * dangling_rank * uniform + (1.0 - DAMPING) * uniform;
        let sweep = |first: usize, out: &mut [f64]| -> f64 {
            let mut change = 0.0;
            let inflows = incoming.products(first, &sent);
            for ((r, inflow), old) in out.iter_mut().zip(inflows).zip(&rank[first..]) {
                *r = base + DAMPING * inflow;
                change += (*r - old).abs();
            }
            change
        };
        let change: f64 = if halves == 1 {
            sweep(0, &mut next)
        } else if !threaded {
            let (low, high) = next.split_at_mut(chunk);
            let first = sweep(0, low);
            first + sweep(chunk, high)
        } else {
            let (low, high) = next.split_at_mut(chunk);
            std::thread::scope(|s| {
                let other = s.spawn(|| sweep(chunk, high));
                let first = sweep(0, low);
                first + other.join().expect("a PageRank sweep does not panic")
            })
        };
        std::mem::swap(&mut rank, &mut next);
        if change < n as f64 * TOLERANCE_PER_NODE {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cycle_ranks_everyone_equally() {
        let r = weighted_pagerank(3, [(0, 1, 1.0), (1, 2, 2.0), (2, 0, 0.5)]);
        for x in r {
            assert!((x - 1.0 / 3.0).abs() < 1e-12);
        }
    }

    #[test]
    fn a_big_cycle_swept_on_two_threads_ranks_everyone_equally() {
        let n = PARALLEL_FROM + 5_001;
        let r = weighted_pagerank(n, (0..n).map(|i| (i, (i + 1) % n, 0.6)));
        assert!(r.iter().all(|x| (x - 1.0 / n as f64).abs() < 1e-15));
    }

    #[test]
    fn dangling_rank_is_spread_and_the_total_is_one() {
        // 0 → 1, 1 dangling: r0 = 0.15/2 + 0.85·r1/2 with r1 = 1 − r0, so r0 = 0.5/1.425.
        let r = weighted_pagerank(2, [(0, 1, 1.0)]);
        let r0 = 0.5 / 1.425;
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((r[0] - r0).abs() < 1e-9, "{r:?} vs {r0}");
    }
}
