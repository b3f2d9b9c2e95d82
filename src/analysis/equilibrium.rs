//! The Friedkin–Johnsen equilibrium and the exact gains of conversations.
//!
//! With M = (I − Λ)·W and A = I − M, expressed opinions satisfy A z = Λ s. Every
//! row of M sums to at most 0.8 in absolute value, so A is an H-matrix and
//! Gauss–Seidel converges for A and for Aᵀ alike; no matrix is ever formed densely
//! or inverted.
//!
//! The solver (`solve`) is forward successive over-relaxation (SOR, ω = 1.05)
//! over rows laid out for it (`SweepRows`). Why this one, from measurements on
//! the benchmark org maps (`bench/run.sh`; 1k–1M people, ≈ 6.3 ties a person),
//! each against the solver before it (symmetric Gauss–Seidel over plain rows):
//!
//! - Forward sweeps beat symmetric ones: the error shrinks by ≈ 0.33 a forward
//!   sweep against ≈ 0.42 a sweep when the direction alternates (19 sweeps to the
//!   tolerance instead of 24; the people are numbered down the reporting tree, so
//!   a forward sweep carries a manager's pull to their reports at once).
//! - ω = 1.05 takes 16–17 sweeps. It is inside the range where SOR provably
//!   converges for this matrix, 0 < ω < 2 / (1 + ρ(|M|)) with ρ(|M|) ≤ 0.8; ω = 1.1
//!   is no faster and 1.15 is slower.
//! - Rows padded to whole chunks of four entries (zeros pointing at the row's own
//!   value), summed in four running sums: a forward sweep took 0.31 of the old
//!   solve's time at 10k people instead of 0.72–0.79 over plain rows, and 0.51–0.53
//!   instead of 0.72–0.80 at 100k. Rows hold 2–12 entries at random; over plain
//!   rows the cost of an entry tripled from 1k to 10k people though all still fits
//!   in the cache, which points at the branch that ends each row being
//!   mispredicted; in chunks of four most rows are one or two chunks.
//! - No bounds check on the gathers of x, safely: x is padded to a power of two
//!   and each column masked by its length − 1 (`SweepRows::dot`): −10% at 100k,
//!   −12% at 10k in the lab. Skipping the check with `unsafe` was 6–19% faster
//!   still (A/B), but the crate forbids unsafe code.
//!
//! On the fair harness (one thread, ours/scipy BiCGSTAB wall; a loaded 2-core
//! machine) the old solver stood at 0.12 / 0.91 / 1.00 / 0.79 at 1k / 10k / 100k /
//! 1M people, this one at 0.14 / 0.21 / 0.37 / 0.72 (0.60–0.63 at 1M with
//! unchecked gathers): 2× or better up to 100k, not at 1M, where the random ties
//! make it wait on memory. It agrees with a 1e-15 solve to 2.4e-11 at
//! every size.
//!
//! The plan's columns of Δz (its reasons, one column a step and a person to
//! avoid) are solved four to a pass over the rows (`solve_block`): each gather
//! of x then fetches four values for one wait. Twenty columns on one thread
//! (criterion `reasons_20_ripples`): 11.1 → 7.2 ms at 10k people, 234 → 153 ms
//! at 100k; 4.7 → 2.5 s at 1M. Two or eight to a pass were slower than four at
//! 100k and 1M. Each column stops when it alone would, so the results are those
//! of one solve each, bit for bit.
//!
//! Tried and dropped: reordering people (RCM), Chebyshev acceleration, rows padded
//! to six or eight, 4-byte packed entries (a column and a small integer times a
//! per-row scale: 17% faster at 1M, slower below 100k), software prefetching of x
//! and huge pages for x at 1M (no gain). A Krylov method does not need fewer
//! passes over the matrix here: scipy's BiCGSTAB takes 10–11 iterations of two
//! products each to its 1e-10 residual, as many passes as 17 sweeps.

use serde::Serialize;

use super::influence::{InfluenceModel, SparseRows};
use crate::error::{Error, Result};
use crate::model::Stance;

/// The solves stop when no value moved by more than this in a sweep (max-norm).
pub const TOLERANCE: f64 = 1e-10;

/// A predicted opinion z at or above this is *supportive*.
pub const SUPPORTIVE: f64 = 0.25;

/// A predicted opinion z below this is *resistant*.
pub const RESISTANT: f64 = -0.25;

/// The predicted band of an expressed opinion z, on the stance scale:
/// below −0.75 Active resistance, below −0.25 Resistant, below 0.25 Neutral,
/// below 0.75 Supportive, else Champion.
pub fn band(z: f64) -> Stance {
    let level = if z < -0.75 {
        -2
    } else if z < RESISTANT {
        -1
    } else if z < SUPPORTIVE {
        0
    } else if z < 0.75 {
        1
    } else {
        2
    };
    Stance::new(level).expect("a level in -2..=2")
}

/// How far one conversation moves an open person toward full support, by default.
pub const DEFAULT_THETA: f64 = 0.5;

/// Where a predicted opinion z falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outlook {
    /// z ≥ 0.25.
    Supportive,
    /// Between the two thresholds.
    Neutral,
    /// z < −0.25.
    Resistant,
}

impl Outlook {
    /// The outlook of a predicted opinion z.
    pub fn of(z: f64) -> Outlook {
        if z >= SUPPORTIVE {
            Outlook::Supportive
        } else if z < RESISTANT {
            Outlook::Resistant
        } else {
            Outlook::Neutral
        }
    }

    /// The lower-case word used in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Outlook::Supportive => "supportive",
            Outlook::Neutral => "neutral",
            Outlook::Resistant => "resistant",
        }
    }
}

/// Checks θ, the reach of one conversation: it must lie in (0, 1].
pub(crate) fn check_theta(theta: f64) -> Result<()> {
    if theta > 0.0 && theta <= 1.0 {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "theta {theta} is outside (0, 1]: give how far one conversation moves an open person \
             toward full support, e.g. {DEFAULT_THETA}"
        )))
    }
}

/// A guard against non-finite input: with |M| ≤ 0.8 the solves converge in far fewer sweeps.
const MAX_SWEEPS: usize = 10_000;

/// The over-relaxation factor ω of [`solve`]: each value moves 1.05 times as far as
/// Gauss–Seidel would move it. SOR converges for 0 < ω < 2 / (1 + 0.8) ≈ 1.11 here.
const OVER_RELAXATION: f64 = 1.05;

/// Ripples solved together in one [`solve_block`].
const RIPPLE_BLOCK: usize = 4;

/// Entries in one chunk of a [`SweepRows`] row.
const LANES: usize = 4;

/// A sparse matrix laid out for [`solve`]: each row padded with zeros to whole
/// chunks of [`LANES`] entries, the padding pointing at the row's own column.
#[derive(Debug, Clone)]
pub(crate) struct SweepRows {
    /// Row r's chunks are `end[r − 1]..end[r]` (from 0 for the first row).
    end: Vec<u32>,
    /// How many lanes of row r's last chunk are entries, not padding (0 for a row
    /// with none).
    last: Vec<u8>,
    /// Every column is below the number of rows ([`SweepRows::new`] checks it).
    col: Vec<[u32; LANES]>,
    val: Vec<[f64; LANES]>,
}

impl SweepRows {
    /// Lays out `rows` for sweeping. Panics if a column is not a row of the matrix.
    pub(crate) fn new(rows: &SparseRows) -> SweepRows {
        let n = rows.rows();
        // Counted first, so the chunks are allocated once, at their size (grown by
        // doubling, two models' rows held up to 12 MB more at 100,000 people).
        let chunks: usize = (0..n).map(|r| rows.columns(r).len().div_ceil(LANES)).sum();
        let mut end = Vec::with_capacity(n);
        let mut last = Vec::with_capacity(n);
        let mut col = Vec::with_capacity(chunks);
        let mut val = Vec::with_capacity(chunks);
        for r in 0..n {
            let own = u32::try_from(r).expect("fewer than 2³² people");
            let mut lane = LANES;
            for (column, value) in rows.row(r) {
                assert!(column < n, "column {column} of a {n}-row matrix");
                if lane == LANES {
                    col.push([own; LANES]);
                    val.push([0.0; LANES]);
                    lane = 0;
                }
                let chunk = col.len() - 1;
                col[chunk][lane] = column as u32;
                val[chunk][lane] = value;
                lane += 1;
            }
            end.push(u32::try_from(col.len()).expect("fewer than 2³² chunks"));
            last.push(if rows.columns(r).is_empty() {
                0
            } else {
                lane as u8
            });
        }
        SweepRows {
            end,
            last,
            col,
            val,
        }
    }

    /// The `(column, value)` entries of row `r`, without the padding, in the order
    /// they were laid out.
    pub(crate) fn entries(&self, r: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let first = if r == 0 { 0 } else { self.end[r - 1] as usize };
        let span = first..self.end[r] as usize;
        let count = span.len().saturating_sub(1) * LANES + usize::from(self.last[r]);
        self.col[span.clone()]
            .iter()
            .flatten()
            .zip(self.val[span].iter().flatten())
            .take(count)
            .map(|(&c, &v)| (c as usize, v))
    }

    /// The transpose, laid out for sweeping: the rows [`SweepRows::new`] would lay
    /// out from the transpose of the rows this was laid out from (whose columns
    /// are distinct in each row), each row's entries by column.
    ///
    /// Laid out in place, row by row of this one: at 100,000 people the transpose
    /// made as sparse rows first took 8 MB more while it was made.
    pub(crate) fn transpose(&self) -> SweepRows {
        let n = self.rows();
        let mut count = vec![0_usize; n];
        for r in 0..n {
            for (c, _) in self.entries(r) {
                count[c] += 1;
            }
        }
        let mut end = Vec::with_capacity(n);
        let mut last = Vec::with_capacity(n);
        let mut chunks = 0;
        for &k in &count {
            chunks += k.div_ceil(LANES);
            end.push(u32::try_from(chunks).expect("fewer than 2³² chunks"));
            last.push(if k == 0 {
                0
            } else {
                ((k - 1) % LANES + 1) as u8
            });
        }
        let mut col: Vec<[u32; LANES]> = Vec::with_capacity(chunks);
        for (c, &k) in count.iter().enumerate() {
            let own = u32::try_from(c).expect("fewer than 2³² people");
            col.extend(std::iter::repeat_n([own; LANES], k.div_ceil(LANES)));
        }
        let mut val = vec![[0.0; LANES]; chunks];
        // The next free place of each row, counted in lanes from the first chunk.
        let mut next = count;
        for (c, place) in next.iter_mut().enumerate() {
            let first = if c == 0 { 0 } else { end[c - 1] as usize };
            *place = first * LANES;
        }
        for r in 0..n {
            for (c, v) in self.entries(r) {
                let at = next[c];
                col[at / LANES][at % LANES] = r as u32;
                val[at / LANES][at % LANES] = v;
                next[c] += 1;
            }
        }
        SweepRows {
            end,
            last,
            col,
            val,
        }
    }

    /// The number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.end.len()
    }

    /// Σ value·x[column] of each row from `first_row` on, in order. `x` holds a
    /// value a row, padded to a power of two ([`padded`]).
    pub(crate) fn products<'a>(
        &'a self,
        first_row: usize,
        x: &'a [f64],
    ) -> impl Iterator<Item = f64> + 'a {
        let mut first = if first_row == 0 {
            0
        } else {
            self.end[first_row - 1] as usize
        };
        self.end[first_row..].iter().map(move |&end| {
            let span = first..end as usize;
            first = end as usize;
            self.dot(span, x.as_chunks::<1>().0)[0]
        })
    }

    /// Σ value·x[column] over the chunks `span` (one row's), for each of the `W`
    /// values x holds a row, in four running sums a value (no chain of dependent
    /// additions), added up as `(s₀ + s₁) + (s₂ + s₃)`: each of the `W` sums is
    /// bit for bit what it is with `W` = 1.
    ///
    /// `x` is padded to a power of two ([`padded`]), so a column masked by its
    /// length − 1 is itself (every column is below `rows()`) and provably in
    /// bounds: the gathers need no bounds check, and no `unsafe`. With the check a
    /// solve took 18.4 ms at 100k people, masked 16.4 ms (unchecked 15.1 ms, but
    /// the crate forbids unsafe code).
    #[inline(always)]
    fn dot<const W: usize>(&self, span: std::ops::Range<usize>, x: &[[f64; W]]) -> [f64; W] {
        // (A power of two shares no bit with itself − 1; no popcount on baseline x86-64.)
        let mask = x.len() - 1;
        assert!(
            x.len() & mask == 0 && x.len() >= self.rows(),
            "x is padded to a power of two"
        );
        // Its length, mask + 1, in a form the compiler sees masked columns stay below.
        let x = &x[..=mask];
        let mut sum = [[0.0; W]; LANES];
        for (cols, vals) in self.col[span.clone()].iter().zip(&self.val[span]) {
            for lane in 0..LANES {
                let xs = &x[cols[lane] as usize & mask];
                for w in 0..W {
                    sum[lane][w] += vals[lane] * xs[w];
                }
            }
        }
        std::array::from_fn(|w| (sum[0][w] + sum[1][w]) + (sum[2][w] + sum[3][w]))
    }

    /// The `(column, value)` pairs of row `r`, without the padding.
    #[cfg(test)]
    pub(crate) fn row(&self, r: usize) -> Vec<(usize, f64)> {
        self.entries(r).collect()
    }
}

/// `values` followed by zeros up to a power-of-two length, as [`SweepRows::dot`]
/// reads its x.
pub(crate) fn padded(mut values: Vec<f64>) -> Vec<f64> {
    values.resize(values.len().next_power_of_two(), 0.0);
    values
}

/// A copy of `values` with room for [`padded`]'s zeros, so padding it moves
/// nothing (a moved x left a hole of its size in the heap, one per solve).
fn padded_copy(values: &[f64]) -> Vec<f64> {
    let mut copy = Vec::with_capacity(values.len().next_power_of_two());
    copy.extend_from_slice(values);
    copy
}

/// Solves x = b + R x, where `rows` holds R, by forward SOR sweeps from `x`, until
/// no value moves by [`TOLERANCE`] or more in a sweep; returns the solution.
pub(crate) fn solve(rows: &SweepRows, b: &[f64], x: Vec<f64>) -> Vec<f64> {
    let n = rows.rows();
    assert!(b.len() == n && x.len() == n, "b and x have one value a row");
    let mut padded = padded(x);
    sweep_until_still(
        rows,
        || b.iter().map(|&b| [b]),
        padded.as_chunks_mut::<1>().0,
    );
    padded.truncate(n);
    padded.shrink_to_fit();
    padded
}

/// Solves X = B + R X for `W` right-hand sides at once, from X = B, where B is
/// zero but for its `entries` `(row, column, value)`, at most one a column: one
/// pass over R a sweep serves all `W`, so at 100,000 people four columns cost
/// about what two and a half solves one by one do. Each column is bit for bit
/// what [`solve`] gives for it alone.
pub(crate) fn solve_block<const W: usize>(
    rows: &SweepRows,
    entries: &[(usize, usize, f64)],
) -> Vec<[f64; W]> {
    let n = rows.rows();
    let mut x = vec![[0.0; W]; n.next_power_of_two()];
    for &(row, column, value) in entries {
        x[row][column] = value;
    }
    // B row by row without holding it: a few comparisons a row, where B held
    // would be as big as X.
    let b = || {
        (0..n).map(|v| {
            let mut b = [0.0; W];
            for &(row, column, value) in entries {
                if row == v {
                    b[column] = value;
                }
            }
            b
        })
    };
    sweep_until_still(rows, b, &mut x);
    x.truncate(n);
    x
}

/// Forward SOR sweeps of X = B + R X over `x` (padded to a power of two, as
/// [`SweepRows::dot`] reads it), B's rows listed by `b` (one list a sweep), each
/// column until none of its values moved by [`TOLERANCE`] or more in a sweep. A
/// column that has stopped is left as it is while the others go on: what it
/// holds then is what the sweeps of it alone would have left.
fn sweep_until_still<const W: usize, B: Iterator<Item = [f64; W]>>(
    rows: &SweepRows,
    b: impl Fn() -> B,
    x: &mut [[f64; W]],
) {
    let mut moving = [true; W];
    for _ in 0..MAX_SWEEPS {
        let mut change = [0.0_f64; W];
        let mut first = 0;
        for (v, (&end, b)) in rows.end.iter().zip(b()).enumerate() {
            let sum = rows.dot(first..end as usize, x);
            first = end as usize;
            for w in 0..W {
                let value = b[w] + sum[w];
                let step = OVER_RELAXATION * (value - x[v][w]);
                if moving[w] {
                    change[w] = change[w].max(step.abs());
                    x[v][w] += step;
                }
            }
        }
        for w in 0..W {
            moving[w] &= change[w] >= TOLERANCE;
        }
        if !moving.contains(&true) {
            break;
        }
    }
}

impl InfluenceModel {
    /// Expressed opinions z at equilibrium for the map's own internal opinions.
    pub fn equilibrium(&self) -> Vec<f64> {
        self.equilibrium_with(&self.opinion)
    }

    /// Expressed opinions z at equilibrium if the internal opinions were `opinions`.
    pub fn equilibrium_with(&self, opinions: &[f64]) -> Vec<f64> {
        let b: Vec<f64> = opinions
            .iter()
            .zip(&self.stubbornness)
            .map(|(s, l)| l * s)
            .collect();
        solve(&self.pull, &b, padded_copy(&b))
    }

    /// The support score F = Σ π_j z_j of expressed opinions `z`.
    pub fn support(&self, z: &[f64]) -> f64 {
        self.power_share.iter().zip(z).map(|(p, z)| p * z).sum()
    }

    /// g with Aᵀ g = π: g_i is how much F moves per unit of Λ s at person i.
    ///
    /// Mᵀ (row u lists whom u pulls, and how hard) is laid out for this solve
    /// only: nothing else reads it, and at 100,000 people it held 10 MB through
    /// a whole plan (and every what-if and metrics run made it for nothing).
    pub fn support_sensitivity(&self) -> Vec<f64> {
        solve(
            &self.pull.transpose(),
            &self.power_share,
            padded_copy(&self.power_share),
        )
    }

    /// How far a conversation moves person i's internal opinion from `opinion`:
    /// δ = θ·o_i·(1 − s).
    pub fn conversation_shift(&self, i: usize, theta: f64, opinion: f64) -> f64 {
        theta * self.openness[i] * (1.0 - opinion)
    }

    /// The gain in support of one conversation with each person: ΔF_i = δ_i·λ_i·g_i.
    pub fn conversation_gains(&self, theta: f64) -> Vec<f64> {
        self.gains_from(&self.support_sensitivity(), theta)
    }

    /// ΔF_i = δ_i·λ_i·g_i for the sensitivities `g` of [`Self::support_sensitivity`].
    pub fn gains_from(&self, g: &[f64], theta: f64) -> Vec<f64> {
        (0..self.len())
            .map(|i| {
                self.conversation_shift(i, theta, self.opinion[i]) * self.stubbornness[i] * g[i]
            })
            .collect()
    }

    /// Δz, how everyone's expressed opinion moves when person i's internal opinion
    /// moves by `shift`: the column δ·λ_i·A⁻¹e_i, from one forward solve.
    pub fn ripple(&self, i: usize, shift: f64) -> Vec<f64> {
        let mut b = vec![0.0; self.len()];
        b[i] = shift * self.stubbornness[i];
        let x = padded_copy(&b);
        solve(&self.pull, &b, x)
    }

    /// The ripples of several conversations `(person, shift)`, [`RIPPLE_BLOCK`] to
    /// a solve, the solves side by side on the machine's cores
    /// ([`super::pagerank::worker_threads`]); the result is in the order given.
    pub fn ripples(&self, conversations: &[(usize, f64)]) -> Vec<Vec<f64>> {
        self.ripples_kept(conversations, |_, dz| dz)
    }

    /// [`Self::ripples`], each column handed to `keep` (with its place in
    /// `conversations`) on the thread that solved it as soon as its block is
    /// solved, so a caller that needs a few numbers of a column need not hold it.
    pub(crate) fn ripples_kept<T: Send>(
        &self,
        conversations: &[(usize, f64)],
        keep: impl Fn(usize, Vec<f64>) -> T + Sync,
    ) -> Vec<T> {
        let blocks: Vec<&[(usize, f64)]> = conversations.chunks(RIPPLE_BLOCK).collect();
        let workers = super::pagerank::worker_threads();
        let per_thread = blocks.len().div_ceil(workers).max(1);
        let keep = &keep;
        let solve = move |t: usize, part: &[&[(usize, f64)]]| {
            let mut kept = Vec::new();
            for (k, block) in part.iter().enumerate() {
                let first = (t * per_thread + k) * RIPPLE_BLOCK;
                self.ripple_block(block, |w, dz| kept.push(keep(first + w, dz)));
            }
            kept
        };
        let mut parts = blocks.chunks(per_thread);
        let Some(own) = parts.next() else {
            return Vec::new();
        };
        // The first part on this thread: a thread of its own would keep a malloc
        // arena of its own (at 100,000 people an HTML export took 3 MB more).
        std::thread::scope(|scope| {
            let others: Vec<_> = parts
                .enumerate()
                .map(|(t, part)| scope.spawn(move || solve(t + 1, part)))
                .collect();
            let mut kept = solve(0, own);
            for other in others {
                kept.extend(other.join().expect("a ripple solve does not panic"));
            }
            kept
        })
    }

    /// The ripples of at most [`RIPPLE_BLOCK`] conversations from one
    /// [`solve_block`], each bit for bit what [`Self::ripple`] gives, handed to
    /// `keep` one by one with its place in the block.
    fn ripple_block(&self, block: &[(usize, f64)], mut keep: impl FnMut(usize, Vec<f64>)) {
        let entries: Vec<(usize, usize, f64)> = block
            .iter()
            .enumerate()
            .map(|(w, &(i, shift))| (i, w, shift * self.stubbornness[i]))
            .collect();
        let x = solve_block::<RIPPLE_BLOCK>(&self.pull, &entries);
        for w in 0..block.len() {
            keep(w, x.iter().map(|row| row[w]).collect());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::band;
    use crate::analysis::InfluenceModel;
    use crate::analysis::testing::{advocate, map, person};
    use crate::model::RelationKind::{self, *};

    #[test]
    fn the_transpose_is_laid_out_as_the_transposed_rows_would_be() {
        use super::SweepRows;
        use crate::analysis::influence::SparseRows;
        let mut rng = fastrand::Rng::with_seed(3);
        for rows in [0, 1, 2, 5, 9, 40] {
            let mut triples = Vec::new();
            for r in 0..rows {
                // Empty, short and long rows, zeros and entries on the diagonal.
                for _ in 0..rng.usize(0..=9) {
                    let value = [0.0, rng.f64() - 0.5][rng.usize(0..2)];
                    triples.push((r, rng.usize(0..rows), value));
                }
            }
            let sparse = SparseRows::from_triples(rows, triples);
            let laid = SweepRows::new(&sparse);
            for r in 0..rows {
                assert_eq!(laid.row(r), sparse.row(r).collect::<Vec<_>>(), "row {r}");
            }
            let direct = laid.transpose();
            let made = SweepRows::new(&sparse.transpose());
            assert_eq!(direct.end, made.end);
            assert_eq!(direct.last, made.last);
            assert_eq!(direct.col, made.col);
            let bits = |s: &SweepRows| -> Vec<u64> {
                s.val.iter().flatten().map(|v| v.to_bits()).collect()
            };
            assert_eq!(bits(&direct), bits(&made), "{rows} rows");
        }
    }

    fn small() -> crate::model::MapSnapshot {
        map(
            &[
                person("Ana", 2, 3, 5),
                person("Bob", -1, 4, 4),
                person("Cy", 0, 5, 2),
                person("Dee", -2, 2, 3),
                person("Eve", 1, 1, 1),
            ],
            &[
                ("Bob", "Ana", ReportsTo, 4),
                ("Cy", "Bob", Trusts, 5),
                ("Ana", "Cy", Influences, 2),
                ("Cy", "Dee", Conflict, 3),
                ("Dee", "Bob", Allied, 4),
                ("Dee", "Bob", Influences, 1),
                ("Eve", "Cy", Allied, 2),
            ],
        )
    }

    // The closed-form check of z is in tests/integration/planner.rs, beside the one
    // dense reference solver.

    #[test]
    fn ripple_sums_to_the_gain() {
        let model = InfluenceModel::new(&small());
        let gains = model.conversation_gains(0.5);
        for (i, gain) in gains.iter().enumerate() {
            let shift = model.conversation_shift(i, 0.5, model.opinions()[i]);
            let dz = model.ripple(i, shift);
            assert!((model.support(&dz) - gain).abs() < 1e-10, "person {i}");
        }
    }

    /// The plan's reasons come from ripples solved four at once: each must be
    /// exactly the ripple solved alone, in the order asked, whatever the number
    /// of threads and however the last block is filled.
    #[test]
    fn ripples_solved_together_are_each_the_ripple_solved_alone() {
        let model = InfluenceModel::new(&crate::synthetic::org_map(600, 7));
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for count in [1, 3, 4, 5, 9] {
            // The same person twice, and people far apart in the map.
            let conversations: Vec<(usize, f64)> = (0..count)
                .map(|k| ((k * 131) % 600, 0.1 + 0.05 * k as f64))
                .chain(std::iter::once((0, -0.3)))
                .chain(std::iter::once((0, 0.2)))
                .collect();
            let together = model.ripples(&conversations);
            assert_eq!(together.len(), conversations.len());
            for (dz, &(i, shift)) in together.iter().zip(&conversations) {
                assert_eq!(
                    bits(dz),
                    bits(&model.ripple(i, shift)),
                    "{count}: person {i}"
                );
            }
        }
    }

    #[test]
    fn bands_follow_the_stance_scale() {
        let labels: Vec<&str> = [-0.76, -0.75, -0.26, -0.25, 0.249, 0.25, 0.749, 0.75]
            .iter()
            .map(|&z| band(z).label())
            .collect();
        assert_eq!(
            labels,
            [
                "Active resistance",
                "Resistant",
                "Resistant",
                "Neutral",
                "Neutral",
                "Supportive",
                "Supportive",
                "Champion"
            ]
        );
    }

    #[test]
    fn the_gain_rises_with_openness() {
        for stance in [-2, -1, 0, 1] {
            let mut last = 0.0;
            for openness in 1..=5 {
                let m = map(
                    &[
                        person("Ana", stance, openness, 4),
                        person("Bob", 0, 3, 3),
                        person("Cy", -1, 3, 5),
                    ],
                    &[
                        ("Ana", "Bob", Influences, 4),
                        ("Cy", "Ana", Influences, 2),
                        ("Bob", "Cy", Allied, 3),
                    ],
                );
                let gain = InfluenceModel::new(&m).conversation_gains(0.5)[0];
                if openness == 1 {
                    assert_eq!(gain, 0.0, "openness 1 is not receptive");
                } else {
                    assert!(gain > last, "stance {stance}, openness {openness}");
                }
                last = gain;
            }
        }
    }

    #[test]
    fn one_weak_tie_never_moves_a_neutral_out_of_neutral() {
        let kinds: [RelationKind; 5] = [Influences, ReportsTo, Trusts, Allied, Conflict];
        for openness in 1..=5 {
            for stance in -2..=2 {
                for kind in kinds {
                    // Max reaches Neo by one strength-1 tie (whichever way it runs).
                    let (from, to) = match kind {
                        Influences | Allied | Conflict => ("Max", "Neo"),
                        ReportsTo | Trusts => ("Neo", "Max"),
                    };
                    let m = map(
                        &[person("Max", stance, 3, 5), person("Neo", 0, openness, 5)],
                        &[(from, to, kind, 1)],
                    );
                    let z = InfluenceModel::new(&m).equilibrium();
                    assert_eq!(band(z[1]).label(), "Neutral", "{kind:?}, {stance}: {z:?}");
                }
            }
        }
    }

    #[test]
    fn an_advocate_holds_their_stance() {
        let mut ana = advocate("Ana");
        ana.stance = crate::model::Stance::new(1).unwrap();
        let m = map(
            &[ana, person("Bob", -2, 5, 5)],
            &[("Bob", "Ana", Influences, 5), ("Ana", "Bob", Influences, 5)],
        );
        let model = InfluenceModel::new(&m);
        assert_eq!(model.stubbornness()[0], 1.0);
        assert_eq!(model.equilibrium()[0], 0.5);
    }
}
