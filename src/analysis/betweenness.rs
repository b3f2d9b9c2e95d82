//! Betweenness centrality (brokers): directed, unweighted shortest paths, scaled
//! exactly as networkx 3.6 `betweenness_centrality(G, normalized=True)` does for a
//! directed graph: divided by (n − 1)(n − 2).
//!
//! Exact (Brandes' algorithm from every person) up to [`EXACT_LIMIT`] people; above
//! that, from [`SAMPLE_PIVOTS`] pivots drawn with a fixed seed, scaled as networkx
//! scales a sample of k sources: 1/((k − 1)(n − 2)) for a pivot, 1/(k(n − 2)) for
//! everyone else.
//!
//! Why our own Brandes rather than `rustworkx_core::centrality::betweenness_centrality`
//! (which does run on petgraph graphs, directed): it has no pivot sampling, which
//! maps above 2,000 people need, so we would need our own implementation anyway;
//! it also brings rayon, ndarray and rand into the core. One flat-array
//! implementation serves both the exact and the sampled case.

use super::influence::SparseRows;

/// Up to this many people betweenness is exact.
pub const EXACT_LIMIT: usize = 2_000;

/// The number of pivots (source people) of the sampled betweenness.
pub const SAMPLE_PIVOTS: usize = 500;

/// The seed that picks the pivots, so the same map always gives the same numbers.
const SAMPLE_SEED: u64 = 0x00C0_A117_0000_0001;

/// Betweenness of everyone, and the sample size when it was sampled.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// Normalised betweenness, by node index.
    pub values: Vec<f64>,
    /// `None` when exact, else the number of pivots.
    pub sample: Option<usize>,
}

/// Betweenness of nodes `0..n` over the directed `edges` (parallel edges and
/// self-loops do not count): exact up to [`EXACT_LIMIT`] nodes, sampled above.
pub fn betweenness_centrality(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
) -> Betweenness {
    if n <= EXACT_LIMIT {
        let all: Vec<usize> = (0..n).collect();
        return Betweenness {
            values: betweenness_from(n, edges, &all),
            sample: None,
        };
    }
    let mut rng = fastrand::Rng::with_seed(SAMPLE_SEED);
    let mut nodes: Vec<usize> = (0..n).collect();
    for k in 0..SAMPLE_PIVOTS {
        let pick = rng.usize(k..n);
        nodes.swap(k, pick);
    }
    nodes.truncate(SAMPLE_PIVOTS);
    nodes.sort_unstable();
    Betweenness {
        values: betweenness_from(n, edges, &nodes),
        sample: Some(SAMPLE_PIVOTS),
    }
}

/// Betweenness counting only shortest paths that start at `sources` (distinct
/// nodes), scaled as networkx scales a sample; with every node as a source it is
/// the exact betweenness. A lone source gets 0 (networkx leaves it undefined).
pub fn betweenness_from(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
    sources: &[usize],
) -> Vec<f64> {
    let links: Vec<(usize, usize, f64)> = edges
        .into_iter()
        .filter(|(u, v)| u != v)
        .map(|(u, v)| (u, v, 1.0))
        .collect();
    let out = SparseRows::from_triples(n, links);
    let into = out.transpose();

    let mut score = vec![0.0; n];
    let mut sigma = vec![0.0_f64; n];
    let mut dist = vec![u32::MAX; n];
    let mut delta = vec![0.0_f64; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for &s in sources {
        for &v in &order {
            sigma[v] = 0.0;
            dist[v] = u32::MAX;
            delta[v] = 0.0;
        }
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        order.push(s);
        let mut head = 0;
        while head < order.len() {
            let v = order[head];
            head += 1;
            for &w in out.columns(v) {
                let w = w as usize;
                if dist[w] == u32::MAX {
                    dist[w] = dist[v] + 1;
                    order.push(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        for &w in order.iter().rev() {
            let coefficient = (1.0 + delta[w]) / sigma[w];
            for &v in into.columns(w) {
                let v = v as usize;
                if dist[v] != u32::MAX && dist[v] + 1 == dist[w] {
                    delta[v] += sigma[v] * coefficient;
                }
            }
            if w != s {
                score[w] += delta[w];
            }
        }
    }

    if n < 3 {
        return score;
    }
    let k = sources.len() as f64;
    let pairs = (n - 2) as f64;
    let mut is_source = vec![false; n];
    for &s in sources {
        is_source[s] = true;
    }
    for (v, x) in score.iter_mut().enumerate() {
        let scale = if !is_source[v] {
            1.0 / (k * pairs)
        } else if k > 1.0 {
            1.0 / ((k - 1.0) * pairs)
        } else {
            0.0
        };
        *x *= scale;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_middle_of_a_path_carries_all_paths_through_it() {
        // 0 → 1 → 2: one of the (n − 1)(n − 2) = 2 ordered pairs passes through 1.
        let b = betweenness_centrality(3, [(0, 1), (1, 2), (1, 2), (2, 2)]);
        assert_eq!(b.values, vec![0.0, 0.5, 0.0]);
        assert_eq!(b.sample, None);
    }

    #[test]
    fn two_shortest_paths_share_the_credit() {
        // 0 → {1, 2} → 3: each middle node carries half of the pair (0, 3).
        let b = betweenness_centrality(4, [(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert_eq!(b.values, vec![0.0, 0.5 / 6.0, 0.5 / 6.0, 0.0]);
    }

    #[test]
    fn large_graphs_are_sampled_deterministically() {
        let n = EXACT_LIMIT + 1;
        let ring = || (0..n).map(|i| (i, (i + 1) % n));
        let a = betweenness_centrality(n, ring());
        assert_eq!(a.sample, Some(SAMPLE_PIVOTS));
        assert_eq!(a, betweenness_centrality(n, ring()));
        // On a ring every node is equally between; the sample estimates it closely.
        let exact = (0..n - 1).sum::<usize>() as f64 / ((n - 1) * (n - 2)) as f64;
        let mean = a.values.iter().sum::<f64>() / n as f64;
        assert!((mean - exact).abs() / exact < 0.01, "{mean} vs {exact}");
    }
}
