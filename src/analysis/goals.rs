//! Plans aimed at the coalition or at commitment rather than the support score.
//!
//! Both are threshold measures (a person counts once their predicted opinion
//! crosses a line), so the best set of conversations is a hard search problem with
//! no shortcut that is guaranteed to be close. When the candidates are few enough,
//! every set is tried and the plan is the best possible ([`Proof::Exact`]);
//! otherwise the plan is built one conversation at a time among the most promising
//! candidates, each choice re-evaluated exactly ([`Proof::Greedy`]). A set's value
//! counts every conversation in it as held; between sets of equal value the one
//! with the larger expected support gain wins, so reach still decides.

use super::equilibrium::{SUPPORTIVE, band};
use super::influence::InfluenceModel;
use crate::error::{Error, Result};

/// What a plan aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goal {
    /// The support score F (the default).
    Support,
    /// The power share of the people predicted Supportive or better.
    Coalition,
    /// The power share of the people predicted at or beyond their target.
    Commitment,
}

impl Goal {
    /// Parses `support`, `coalition` or `commitment`.
    pub fn parse(text: &str) -> Result<Goal> {
        match text.trim().to_ascii_lowercase().as_str() {
            "support" => Ok(Goal::Support),
            "coalition" => Ok(Goal::Coalition),
            "commitment" => Ok(Goal::Commitment),
            other => Err(Error::Invalid(format!(
                "goal '{other}' is not one of support, coalition or commitment"
            ))),
        }
    }

    /// The lower-case word used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Goal::Support => "support",
            Goal::Coalition => "coalition",
            Goal::Commitment => "commitment",
        }
    }
}

/// Whether a plan is the best possible for its goal or the best one found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// Every allowed set was weighed: no plan does better.
    Exact,
    /// Built one step at a time, each step weighed exactly: good, not proven best.
    Greedy,
}

impl Proof {
    /// `exact` or `greedy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Proof::Exact => "exact",
            Proof::Greedy => "greedy",
        }
    }
}

/// The exact search runs when (sets to weigh) × (people) stays below this.
const EXACT_WORK: f64 = 3e7;

/// Above that, the greedy search weighs only this many candidates, the best by
/// expected support gain.
const GREEDY_POOL: usize = 60;

/// Everything the search reads about the candidates.
pub(crate) struct Search<'a> {
    /// The model.
    pub model: &'a InfluenceModel,
    /// The goal, coalition or commitment.
    pub goal: Goal,
    /// Predicted opinions now.
    pub z: &'a [f64],
    /// Who may be chosen.
    pub eligible: &'a [usize],
    /// Each person's expected support gain r·ΔF.
    pub expected: &'a [f64],
    /// θ.
    pub theta: f64,
    /// The most steps.
    pub k: usize,
    /// The most total effort, if any.
    pub budget: Option<u32>,
}

impl Search<'_> {
    /// The goal's measure of predicted opinions `z`.
    fn measure(&self, z: &[f64]) -> f64 {
        let share = self.model.power_shares();
        let targets = self.model.targets();
        (0..z.len())
            .filter(|&j| match self.goal {
                Goal::Coalition => z[j] >= SUPPORTIVE,
                _ => band(z[j]).opinion() >= targets[j],
            })
            .map(|j| share[j])
            .sum()
    }

    /// True when the exact search over every eligible person is affordable.
    fn exact_affordable(&self) -> bool {
        let m = self.eligible.len() as f64;
        let (mut sets, mut term) = (1.0, 1.0);
        for j in 1..=self.k.min(self.eligible.len()) {
            term *= (m - j as f64 + 1.0) / j as f64;
            sets += term;
        }
        sets * self.model.len() as f64 <= EXACT_WORK
    }

    /// The chosen people and whether the choice is proven best.
    pub(crate) fn run(&self) -> (Vec<usize>, Proof) {
        let exact = self.exact_affordable();
        let mut pool = self.eligible.to_vec();
        if !exact {
            pool.sort_by(|&a, &b| {
                self.expected[b]
                    .total_cmp(&self.expected[a])
                    .then(a.cmp(&b))
            });
            pool.truncate(GREEDY_POOL);
            pool.sort_unstable();
        }
        let shifts: Vec<(usize, f64)> = pool
            .iter()
            .map(|&i| {
                let s = self.model.opinions()[i];
                (i, self.model.conversation_shift(i, self.theta, s))
            })
            .collect();
        let columns = self.model.ripples(&shifts);
        let chosen = if exact {
            self.exhaustive(&pool, &columns)
        } else {
            self.greedy(&pool, &columns)
        };
        let proof = if exact { Proof::Exact } else { Proof::Greedy };
        (chosen, proof)
    }

    /// (measure, expected gain) of a set, compared measure first.
    fn better(a: (f64, f64), b: (f64, f64)) -> bool {
        if (a.0 - b.0).abs() > 1e-12 {
            a.0 > b.0
        } else {
            a.1 > b.1 + 1e-15
        }
    }

    /// Every set of at most k people of `pool` within the budget, depth first.
    fn exhaustive(&self, pool: &[usize], columns: &[Vec<f64>]) -> Vec<usize> {
        let mut best = ((self.measure(self.z), 0.0), Vec::new());
        self.visit(
            (pool, columns),
            0,
            (0.0, 0),
            self.z,
            &mut Vec::new(),
            &mut best,
        );
        best.1
    }

    /// Tries every extension of `set` (whose opinions are `z`, expected gain and
    /// effort `so_far`) by people of the pool from position `from` on.
    fn visit(
        &self,
        (pool, columns): (&[usize], &[Vec<f64>]),
        from: usize,
        so_far: (f64, u32),
        z: &[f64],
        set: &mut Vec<usize>,
        best: &mut ((f64, f64), Vec<usize>),
    ) {
        if set.len() == self.k {
            return;
        }
        for p in from..pool.len() {
            let i = pool[p];
            let spent = so_far.1 + self.model.efforts()[i];
            if self.budget.is_some_and(|b| spent > b) {
                continue;
            }
            let after: Vec<f64> = z.iter().zip(&columns[p]).map(|(z, d)| z + d).collect();
            let value = (self.measure(&after), so_far.0 + self.expected[i]);
            set.push(i);
            if Search::better(value, best.0) {
                *best = (value, set.clone());
            }
            self.visit((pool, columns), p + 1, (value.1, spent), &after, set, best);
            set.pop();
        }
    }

    /// One person at a time: the one whose addition gives the best set, re-weighed
    /// exactly, until k are chosen or nobody else fits.
    fn greedy(&self, pool: &[usize], columns: &[Vec<f64>]) -> Vec<usize> {
        let effort = self.model.efforts();
        let mut z = self.z.to_vec();
        let (mut chosen, mut gain, mut spent) = (Vec::new(), 0.0, 0);
        let mut taken = vec![false; pool.len()];
        while chosen.len() < self.k {
            let mut best: Option<(usize, (f64, f64))> = None;
            for p in 0..pool.len() {
                let i = pool[p];
                if taken[p] || self.budget.is_some_and(|b| spent + effort[i] > b) {
                    continue;
                }
                let after: Vec<f64> = z.iter().zip(&columns[p]).map(|(z, d)| z + d).collect();
                let value = (self.measure(&after), gain + self.expected[i]);
                if best.is_none_or(|(_, v)| Search::better(value, v)) {
                    best = Some((p, value));
                }
            }
            let Some((p, value)) = best else {
                break;
            };
            taken[p] = true;
            chosen.push(pool[p]);
            gain = value.1;
            spent += effort[pool[p]];
            z.iter_mut().zip(&columns[p]).for_each(|(z, d)| *z += d);
        }
        chosen
    }
}
