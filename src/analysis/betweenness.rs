//! Betweenness centrality (brokers): directed, unweighted shortest paths, scaled
//! exactly as networkx 3.6 `betweenness_centrality(G, normalized=True)` does for a
//! directed graph: divided by (n − 1)(n − 2).
//!
//! Exact (Brandes' algorithm from every person) up to [`EXACT_LIMIT`] people. Above
//! that it is sampled with a stated error bound: r pairs (s, t) drawn uniformly,
//! one shortest s → t path drawn uniformly among all of them, and each person's
//! score the share of paths they sit inside, every score within ε of the exact
//! one at once with probability at least 1 − δ ([`EPSILON`], [`DELTA`]).
//!
//! How big r must be is decided as KADABRA does (Borassi and Natale, "KADABRA is
//! an ADaptive Algorithm for Betweenness via Random Approximation", ESA 2016): the
//! sample is looked at as it doubles and stops as soon as its own shares prove the
//! bound (per person, by the Chernoff bound; see `Schedule`), and at the latest at
//! the size of Riondato and Kornaropoulos ("Fast approximation of betweenness
//! centrality through sampling", WSDM 2014), which proves it whatever the shares:
//! r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉, c = 0.5 and VD an upper bound on the
//! number of people on any shortest path. Half of δ goes to each way of stopping.
//! On an organisation of 100,000 people, where nobody sits on more than a
//! thousandth of all shortest paths, the first way stops ~7× sooner.
//! VD is bounded from the groups (strongly connected components): inside a group,
//! two searches from one member bound every path; across groups, the longest chain
//! of groups adds them up. Each path comes from a balanced bidirectional search
//! (KADABRA's), which touches a small part of a big map.
//!
//! Why our own Brandes rather than `rustworkx_core::centrality::betweenness_centrality`
//! (which does run on petgraph graphs, directed): it has no sampling with a bound,
//! which maps above 2,000 people need, so we would need our own implementation
//! anyway; it also brings rayon, ndarray and rand into the core.

use super::components::Components;
use super::influence::SparseRows;
use super::pagerank::worker_threads;

/// Up to this many people betweenness is exact.
pub const EXACT_LIMIT: usize = 2_000;

/// The error bound of sampled betweenness, on the normalised scale (0..1).
pub const EPSILON: f64 = 0.01;

/// The chance that some sampled score is further than [`EPSILON`] from exact.
pub const DELTA: f64 = 0.1;

/// The constant c of the Riondato–Kornaropoulos sample size (0.5, as they give it).
const VC_CONSTANT: f64 = 0.5;

/// The seed that draws the sampled pairs, so the same map always gives the same numbers.
const SAMPLE_SEED: u64 = 0x00C0_A117_0000_0001;

/// The samples are drawn in this many chunks, each from its own seed, so the result
/// is the same whatever the number of threads.
const CHUNKS: usize = 8;

/// How sampled betweenness was sampled, and how close it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Every score is within ± this of exact ...
    pub epsilon: f64,
    /// ... with probability at least 1 − this.
    pub delta: f64,
    /// How many (source, target) pairs were drawn.
    pub samples: usize,
    /// The upper bound on the people on any shortest path the sample size rests on.
    pub vertex_diameter: usize,
}

/// Betweenness of everyone, and how it was sampled when it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// Normalised betweenness, by node index.
    pub values: Vec<f64>,
    /// `None` when exact, else the sample and its error bound.
    pub sample: Option<Sample>,
}

/// Betweenness of nodes `0..n` over the directed `edges` (parallel edges and
/// self-loops do not count): exact up to [`EXACT_LIMIT`] nodes, sampled above
/// within [`EPSILON`] with probability 1 − [`DELTA`].
pub fn betweenness_centrality(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
) -> Betweenness {
    let out = rows_of(n, edges);
    if n <= EXACT_LIMIT {
        let all: Vec<usize> = (0..n).collect();
        return Betweenness {
            values: brandes(&out, &all),
            sample: None,
        };
    }
    sampled_over(&out, &Components::of(&out), EPSILON, DELTA)
}

/// [`betweenness_centrality`] of the graph whose row `u` lists the nodes `u` has
/// edges to (no self-loops), given its strongly connected `components`.
pub(crate) fn betweenness_of(out: &SparseRows, components: &Components) -> Betweenness {
    if out.rows() <= EXACT_LIMIT {
        let all: Vec<usize> = (0..out.rows()).collect();
        return Betweenness {
            values: brandes(out, &all),
            sample: None,
        };
    }
    sampled_over(out, components, EPSILON, DELTA)
}

/// The rows of the directed `edges` over nodes `0..n`, without self-loops.
fn rows_of(n: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> SparseRows {
    let links: Vec<(usize, usize, f64)> = edges
        .into_iter()
        .filter(|(u, v)| u != v)
        .map(|(u, v)| (u, v, 1.0))
        .collect();
    SparseRows::from_triples(n, links)
}

/// The Riondato–Kornaropoulos sample size for error `epsilon` with probability
/// 1 − `delta`, given at most `vertex_diameter` people on any shortest path.
pub fn sample_size(vertex_diameter: usize, epsilon: f64, delta: f64) -> usize {
    let vc = (vertex_diameter.saturating_sub(2).max(1) as f64)
        .log2()
        .floor()
        + 1.0;
    (VC_CONSTANT / (epsilon * epsilon) * (vc + (1.0 / delta).ln())).ceil() as usize
}

/// Sampled betweenness of nodes `0..n` over the directed `edges`: every score is
/// within `epsilon` of exact with probability at least 1 − `delta` (seeded, so the
/// same graph always gives the same numbers, whatever the number of threads).
///
/// The sample grows until its own evidence proves the bound (see [`Schedule`]),
/// and at most to the Riondato–Kornaropoulos size for 1 − `delta`/2.
pub fn betweenness_sampled(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
    epsilon: f64,
    delta: f64,
) -> Betweenness {
    let out = rows_of(n, edges);
    sampled_over(&out, &Components::of(&out), epsilon, delta)
}

/// [`betweenness_sampled`] over rows without self-loops and their components.
fn sampled_over(
    out: &SparseRows,
    components: &Components,
    epsilon: f64,
    delta: f64,
) -> Betweenness {
    let n = out.rows();
    let into = out.transpose();
    let vertex_diameter = vertex_diameter_bound(out, &into, components);
    if n < 3 {
        return Betweenness {
            values: vec![0.0; n],
            sample: None,
        };
    }
    // The bound holds for scores over n(n − 1) ordered pairs; ours are over
    // (n − 1)(n − 2), so the sample aims at ε·(n − 2)/n on that scale.
    let scale = n as f64 / (n - 2) as f64;
    let schedule = Schedule::new(n, vertex_diameter, epsilon / scale, delta);
    let mut chunks: Vec<Chunk> = (0..CHUNKS).map(|c| Chunk::new(n, c)).collect();
    let workers = worker_threads().min(CHUNKS);
    let mut drawn = 0;
    let mut hits = vec![0_u32; n];
    for &size in &schedule.checkpoints {
        draw(out, &into, &mut chunks, drawn, size, workers);
        drawn = size;
        hits.iter_mut().for_each(|h| *h = 0);
        for chunk in &chunks {
            for (total, h) in hits.iter_mut().zip(&chunk.hits) {
                *total += h;
            }
        }
        if schedule.proven(&hits, drawn) {
            break;
        }
    }
    let per_sample = scale / drawn as f64;
    Betweenness {
        values: hits.iter().map(|&h| f64::from(h) * per_sample).collect(),
        sample: Some(Sample {
            epsilon,
            delta,
            samples: drawn,
            vertex_diameter,
        }),
    }
}

/// When an adaptive sample may stop (the scheme of KADABRA, Borassi and Natale,
/// ESA 2016, with per-person Chernoff bounds).
///
/// The sample is looked at only at fixed sizes, doubling up to `cap`, the
/// Riondato–Kornaropoulos size for ε with probability 1 − δ/2, where it stops
/// whatever it shows. At each earlier size r it stops when, for every person v
/// with a share p̂ of paths through them, r·KL(p̂ ‖ p̂ ± ε) > L = ln(2n/δₖ), KL the
/// relative entropy of two coin flips: the Chernoff–Hoeffding bound puts the true
/// share outside {p : r·KL(p̂ ‖ p) ≤ L} with probability at most 2e^(−L) = δₖ/n,
/// so the check is wrong for anyone with probability at most δₖ. The δₖ of the
/// earlier sizes add up to δ/2, so a result further than ε from exact anywhere
/// has probability at most δ/2 + δ/2 = δ.
struct Schedule {
    /// The sizes at which the sample is looked at; the last one is the cap.
    checkpoints: Vec<usize>,
    /// The error bound on the n(n − 1) scale of a sample's shares.
    epsilon: f64,
    /// L = ln(2n/δₖ) of each look before the last.
    log_term: f64,
}

/// The smallest size the sample is looked at (below it no share can be proven
/// within a bound of 0.01 on a map of a few thousand people).
const FIRST_LOOK: usize = 1_000;

impl Schedule {
    fn new(n: usize, vertex_diameter: usize, epsilon: f64, delta: f64) -> Schedule {
        let cap = sample_size(vertex_diameter, epsilon, delta / 2.0);
        let mut checkpoints = Vec::new();
        let mut size = cap;
        while size / 2 >= FIRST_LOOK {
            size /= 2;
            checkpoints.push(size);
        }
        checkpoints.reverse();
        let looks = checkpoints.len().max(1) as f64;
        checkpoints.push(cap);
        Schedule {
            checkpoints,
            epsilon,
            log_term: (2.0 * n as f64 * looks / (delta / 2.0)).ln(),
        }
    }

    /// True when `hits` of `drawn` samples prove every share within ε: always at
    /// the cap, else by the Chernoff bound of [`Schedule`].
    fn proven(&self, hits: &[u32], drawn: usize) -> bool {
        if drawn >= *self.checkpoints.last().expect("a schedule has a cap") {
            return true;
        }
        let r = drawn as f64;
        let mut checked = vec![false; drawn + 1];
        hits.iter().all(|&h| {
            let h = h as usize;
            if checked[h] {
                return true;
            }
            checked[h] = true;
            let p = h as f64 / r;
            let above = p + self.epsilon >= 1.0
                || r * relative_entropy(p, p + self.epsilon) > self.log_term;
            let below = p - self.epsilon <= 0.0
                || r * relative_entropy(p, p - self.epsilon) > self.log_term;
            above && below
        })
    }
}

/// KL(a ‖ b) of two coin flips with chances `a` and `b` (0 < b < 1), in nats.
fn relative_entropy(a: f64, b: f64) -> f64 {
    let term = |x: f64, y: f64| if x == 0.0 { 0.0 } else { x * (x / y).ln() };
    term(a, b) + term(1.0 - a, 1.0 - b)
}

/// One of the [`CHUNKS`] streams of samples: its own seeded generator and hits,
/// so the sample is the same whichever thread draws it.
struct Chunk {
    rng: fastrand::Rng,
    hits: Vec<u32>,
    /// Its place among the chunks: it draws samples c, c + CHUNKS, …
    index: usize,
}

impl Chunk {
    fn new(n: usize, index: usize) -> Chunk {
        Chunk {
            rng: fastrand::Rng::with_seed(SAMPLE_SEED ^ (index as u64).wrapping_mul(0x9E37_79B9)),
            hits: vec![0; n],
            index,
        }
    }

    /// Draws this chunk's share of the samples numbered `from..to`.
    fn draw(&mut self, search: &mut Search, from: usize, to: usize) {
        let n = self.hits.len();
        let first = from + (self.index + CHUNKS - from % CHUNKS) % CHUNKS;
        for _ in (first..to).step_by(CHUNKS) {
            let s = self.rng.usize(0..n);
            let mut t = self.rng.usize(0..n - 1);
            if t >= s {
                t += 1;
            }
            search.sample_path(s, t, &mut self.rng, &mut self.hits);
        }
    }
}

/// Draws samples `from..to` into the chunks, on up to `workers` threads.
fn draw(
    out: &SparseRows,
    into: &SparseRows,
    chunks: &mut [Chunk],
    from: usize,
    to: usize,
    workers: usize,
) {
    if workers <= 1 {
        let mut search = Search::new(out, into);
        chunks
            .iter_mut()
            .for_each(|c| c.draw(&mut search, from, to));
        return;
    }
    let mut shares: Vec<Vec<&mut Chunk>> = (0..workers).map(|_| Vec::new()).collect();
    for (i, chunk) in chunks.iter_mut().enumerate() {
        shares[i % workers].push(chunk);
    }
    std::thread::scope(|scope| {
        for share in shares {
            scope.spawn(move || {
                let mut search = Search::new(out, into);
                for chunk in share {
                    chunk.draw(&mut search, from, to);
                }
            });
        }
    });
}

/// An upper bound on the number of people on any shortest path of the graph whose
/// out-edges are `out` (and in-edges `into`), given its `components`: inside each strongly connected component C, with one
/// member c, every shortest path has at most ecc_in(c) + ecc_out(c) + 1 people
/// (searches within C); a path crosses components along the condensation, so the
/// heaviest chain of components bounds it.
fn vertex_diameter_bound(out: &SparseRows, into: &SparseRows, components: &Components) -> usize {
    let n = out.rows();
    if n == 0 {
        return 0;
    }
    let members = components.members();
    let component: Vec<usize> = components.of.iter().map(|&c| c as usize).collect();
    let mut dist = vec![u32::MAX; n];
    let mut queue = Vec::new();
    let mut eccentricity = |rows: &SparseRows, start: usize, k: usize| -> usize {
        queue.clear();
        queue.push(start);
        dist[start] = 0;
        let mut head = 0;
        let mut far = 0;
        while head < queue.len() {
            let v = queue[head];
            head += 1;
            far = far.max(dist[v]);
            for &w in rows.columns(v) {
                let w = w as usize;
                if component[w] == k && dist[w] == u32::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push(w);
                }
            }
        }
        for &v in &queue {
            dist[v] = u32::MAX;
        }
        far as usize
    };
    let mut chain = vec![0_usize; components.count];
    for (k, members) in members.iter().enumerate() {
        let inside = if members.len() == 1 {
            1
        } else {
            let c = members[0];
            (eccentricity(out, c, k) + eccentricity(into, c, k) + 1).min(members.len())
        };
        let mut longest = 0;
        for &v in members {
            for &w in out.columns(v) {
                let j = component[w as usize];
                if j != k {
                    debug_assert!(j < k, "components in reverse topological order");
                    longest = longest.max(chain[j]);
                }
            }
        }
        chain[k] = inside + longest;
    }
    chain.into_iter().max().unwrap_or(0).min(n)
}

/// A reusable balanced bidirectional breadth-first search that draws one shortest
/// path uniformly.
struct Search<'a> {
    out: &'a SparseRows,
    into: &'a SparseRows,
    /// Distance from the source, and the number of shortest paths from it.
    from_source: (Vec<u32>, Vec<f64>),
    /// Distance to the target, and the number of shortest paths to it.
    to_target: (Vec<u32>, Vec<f64>),
    seen: Vec<usize>,
    source_front: Vec<usize>,
    target_front: Vec<usize>,
    next: Vec<usize>,
    meeting: Vec<usize>,
}

impl<'a> Search<'a> {
    fn new(out: &'a SparseRows, into: &'a SparseRows) -> Search<'a> {
        let n = out.rows();
        Search {
            out,
            into,
            from_source: (vec![u32::MAX; n], vec![0.0; n]),
            to_target: (vec![u32::MAX; n], vec![0.0; n]),
            seen: Vec::new(),
            source_front: Vec::new(),
            target_front: Vec::new(),
            next: Vec::new(),
            meeting: Vec::new(),
        }
    }

    /// Draws one shortest path from `s` to `t` uniformly, if there is one, and adds 1
    /// to `hits` of everyone strictly inside it.
    fn sample_path(&mut self, s: usize, t: usize, rng: &mut fastrand::Rng, hits: &mut [u32]) {
        for &v in &self.seen {
            self.from_source.0[v] = u32::MAX;
            self.from_source.1[v] = 0.0;
            self.to_target.0[v] = u32::MAX;
            self.to_target.1[v] = 0.0;
        }
        self.seen.clear();
        self.seen.extend([s, t]);
        self.from_source.0[s] = 0;
        self.from_source.1[s] = 1.0;
        self.to_target.0[t] = 0;
        self.to_target.1[t] = 1.0;
        self.source_front.clear();
        self.source_front.push(s);
        self.target_front.clear();
        self.target_front.push(t);
        self.meeting.clear();
        // Expand whole levels, the cheaper side first, until the two searches meet:
        // the first level that meets holds exactly one person of every shortest path.
        while self.meeting.is_empty() {
            if self.source_front.is_empty() || self.target_front.is_empty() {
                return;
            }
            let cost = |rows: &SparseRows, front: &[usize]| -> usize {
                front.iter().map(|&v| rows.columns(v).len()).sum()
            };
            let forward = cost(self.out, &self.source_front) <= cost(self.into, &self.target_front);
            let (rows, front, mine, other) = if forward {
                (
                    self.out,
                    &mut self.source_front,
                    &mut self.from_source,
                    &self.to_target,
                )
            } else {
                (
                    self.into,
                    &mut self.target_front,
                    &mut self.to_target,
                    &self.from_source,
                )
            };
            self.next.clear();
            for &v in front.iter() {
                let (d, paths) = (mine.0[v], mine.1[v]);
                for &w in rows.columns(v) {
                    let w = w as usize;
                    if mine.0[w] == u32::MAX {
                        mine.0[w] = d + 1;
                        self.next.push(w);
                        if other.0[w] == u32::MAX {
                            self.seen.push(w);
                        } else {
                            self.meeting.push(w);
                        }
                    }
                    if mine.0[w] == d + 1 {
                        mine.1[w] += paths;
                    }
                }
            }
            std::mem::swap(front, &mut self.next);
        }
        // The meeting person, in proportion to the shortest paths through them.
        let through = |x: usize| self.from_source.1[x] * self.to_target.1[x];
        let total: f64 = self.meeting.iter().map(|&x| through(x)).sum();
        let mut pick = rng.f64() * total;
        let mut x = *self.meeting.last().expect("the searches met");
        for &m in &self.meeting {
            pick -= through(m);
            if pick < 0.0 {
                x = m;
                break;
            }
        }
        if x != s && x != t {
            hits[x] += 1;
        }
        // Back to the source and on to the target, each step in proportion to paths.
        for (rows, (dist, paths), end) in [
            (self.into, &self.from_source, s),
            (self.out, &self.to_target, t),
        ] {
            let mut y = x;
            while y != end {
                let d = dist[y] - 1;
                let total: f64 = rows
                    .columns(y)
                    .iter()
                    .filter(|&&p| dist[p as usize] == d)
                    .map(|&p| paths[p as usize])
                    .sum();
                let mut pick = rng.f64() * total;
                let mut chosen = usize::MAX;
                for &p in rows.columns(y) {
                    let p = p as usize;
                    if dist[p] == d {
                        chosen = p;
                        pick -= paths[p];
                        if pick < 0.0 {
                            break;
                        }
                    }
                }
                y = chosen;
                if y != end {
                    hits[y] += 1;
                }
            }
        }
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
    brandes(&rows_of(n, edges), sources)
}

/// [`betweenness_from`] over rows without self-loops: Brandes' algorithm.
fn brandes(out: &SparseRows, sources: &[usize]) -> Vec<f64> {
    let n = out.rows();
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
    fn the_vertex_diameter_bound_adds_up_chains_of_groups() {
        // 0 ⇄ 1 → 2 → 3 ⇄ 4 ⇄ 5, and 6 alone: the longest shortest path 0 → 5 has 6 people.
        let edges = [
            (0, 1),
            (1, 0),
            (1, 2),
            (2, 3),
            (3, 4),
            (4, 3),
            (4, 5),
            (5, 4),
        ];
        let out = SparseRows::from_triples(7, edges.iter().map(|&(u, v)| (u, v, 1.0)).collect());
        let bound = vertex_diameter_bound(&out, &out.transpose(), &Components::of(&out));
        assert!((6..=7).contains(&bound), "{bound}");
    }

    #[test]
    fn the_sample_size_follows_riondato_and_kornaropoulos() {
        // VD = 10: ⌊log₂ 8⌋ + 1 = 4; (0.5/0.01²)(4 + ln 10) = 31,512.9…
        assert_eq!(sample_size(10, 0.01, 0.1), 31_513);
        assert_eq!(sample_size(2, 0.1, 0.1), 166);
    }

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
    fn large_graphs_are_sampled_with_the_default_bound() {
        // No ties at all: every drawn pair has no path, so the sample is quick.
        let b = betweenness_centrality(EXACT_LIMIT + 1, []);
        let sample = b.sample.expect("sampled above the exact limit");
        assert_eq!((sample.epsilon, sample.delta), (EPSILON, DELTA));
        assert_eq!(sample.vertex_diameter, 1);
        assert!(b.values.iter().all(|&x| x == 0.0));
    }

    #[test]
    fn a_sampled_ring_is_within_the_bound_and_deterministic() {
        let n = 1_001;
        let ring = || (0..n).map(|i| (i, (i + 1) % n));
        let a = betweenness_sampled(n, ring(), 0.05, 0.1);
        let sample = a.sample.unwrap();
        assert_eq!(sample.vertex_diameter, n);
        // Everyone's share is 0.5, far from 0 or 1: no look before the cap proves
        // the bound, so the sample is the Riondato–Kornaropoulos size for δ/2.
        assert_eq!(
            sample.samples,
            sample_size(n, 0.05 * (n - 2) as f64 / n as f64, 0.05)
        );
        assert_eq!(a, betweenness_sampled(n, ring(), 0.05, 0.1));
        // On a ring everyone sits inside half of all paths: 0.5 each, within ε.
        let exact = (0..n - 1).sum::<usize>() as f64 / ((n - 1) * (n - 2)) as f64;
        assert!((exact - 0.5).abs() < 1e-12);
        for (v, x) in a.values.iter().enumerate() {
            assert!((x - exact).abs() <= 0.05, "person {v}: {x}");
        }
    }
}
