//! How much a plan rests on guesses: ratings are re-sampled to give a range for the
//! plan's gain and each step's chance of staying in the plan, and the ratings whose
//! one-level error would change the plan most are named to check first.
//!
//! Each sample moves every non-advocate's stance and openness one level up or down
//! (either way alike, the other way at the end of a scale) with a chance set by the
//! rater's confidence: low 0.5, medium 0.3, high 0.1. Re-rating a person changes
//! only their own gain, ΔF_i = θ·o_i·(1 − s_i)·λ_i·g_i (λ and g do not depend on
//! stances or openness), so a sample needs no new solve. The reach of each person is
//! held at today's paths. Samples are drawn from a seeded generator: the same seed
//! gives the same range.

use super::influence::InfluenceModel;
use super::plan::{GAIN_FLOOR, choose};
use crate::model::{Level, StakeholderId, Stance};

/// How many times the ratings are re-sampled.
pub const SAMPLES: usize = 200;

/// The seed of the re-sampling unless another is given.
pub const DEFAULT_SEED: u64 = 1;

/// At most this many ratings are named to check first.
const CHECK_FIRST: usize = 3;

/// The candidates whose ratings are tried one level off: the plan and the next best.
const CHECKED: usize = 10;

/// A range for the plan's gain and how often each step stays in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// The 10th percentile of the plan's gain ΔF over the samples.
    pub low: f64,
    /// The 90th percentile.
    pub high: f64,
    /// How many samples.
    pub samples: usize,
    /// The seed they were drawn with.
    pub seed: u64,
    /// For each step, in the plan's order of choice: the share of samples whose own
    /// best plan still has them; `None` for a threshold goal.
    pub stays: Option<Vec<f64>>,
    /// The ratings to check before acting, the costliest error first.
    pub check_first: Vec<CheckFirst>,
}

/// Which rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// The current stance.
    Stance,
    /// Openness.
    Openness,
}

impl Rating {
    /// `stance` or `openness`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Stance => "stance",
            Rating::Openness => "openness",
        }
    }
}

/// A rating whose one-level error would change the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckFirst {
    /// Whose rating.
    pub id: StakeholderId,
    /// Which rating.
    pub rating: Rating,
    /// The rating now, e.g. "Resistant".
    pub now: &'static str,
    /// The rating one level off that changes the plan most, e.g. "Neutral".
    pub if_off: &'static str,
    /// The expected support the current plan would leave on the table were it so.
    pub regret: f64,
    /// Who would come into the plan.
    pub joins: Vec<StakeholderId>,
    /// Who would leave it.
    pub leaves: Vec<StakeholderId>,
}

/// What the re-sampling reads: the model, each person's gain per unit of shift
/// (λ_i·g_i), their reach, who may be chosen and the plan.
pub(crate) struct Ratings<'a> {
    /// The model.
    pub model: &'a InfluenceModel,
    /// λ_i·g_i.
    pub unit_gain: &'a [f64],
    /// r_i on today's paths.
    pub reach: &'a [f64],
    /// Who may be chosen at all (not an advocate, not talked to lately).
    pub allowed: &'a [bool],
    /// θ.
    pub theta: f64,
    /// The most steps.
    pub k: usize,
    /// The budget, if any.
    pub budget: Option<u32>,
    /// The plan's people, in the order they were chosen.
    pub chosen: &'a [usize],
    /// Whether the plan aims at support (stays and check-first are for that goal).
    pub support_goal: bool,
}

impl Ratings<'_> {
    /// ΔF of person i with stance level `stance` (−2..2) and openness `openness` (1..5).
    fn gain(&self, i: usize, stance: i64, openness: i64) -> f64 {
        let s = stance as f64 / 2.0;
        let o = (openness - 1) as f64 / 4.0;
        self.theta * o * (1.0 - s) * self.unit_gain[i]
    }

    /// The best plan among the `pool` for the gains `gains` (only the pool's are read),
    /// by expected gain; `expected` is scratch space as long as `gains`.
    fn replan(&self, pool: &[usize], gains: &[f64], expected: &mut [f64]) -> Vec<usize> {
        let mut eligible = Vec::with_capacity(pool.len());
        for &i in pool {
            expected[i] = gains[i] * self.reach[i];
            if gains[i] > GAIN_FLOOR {
                eligible.push(i);
            }
        }
        choose(
            self.model.efforts(),
            expected,
            &eligible,
            self.k,
            self.budget,
        )
    }

    /// Everyone who could be in a best plan when ratings are one level off: a person
    /// is left out only when, in their effort level, k others beat them whatever
    /// the ratings (a best plan takes each effort level best first).
    fn contenders(&self, stance: &[i64], openness: &[i64]) -> Vec<usize> {
        let n = self.model.len();
        let bounds: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
                for s in (stance[i] - 1).max(-2)..=(stance[i] + 1).min(2) {
                    for o in (openness[i] - 1).max(1)..=(openness[i] + 1).min(5) {
                        let g = self.gain(i, s, o);
                        low = low.min(g);
                        high = high.max(g);
                    }
                }
                (low, high)
            })
            .collect();
        let effort = self.model.efforts();
        let mut sure: [Vec<f64>; 5] = Default::default();
        for i in (0..n).filter(|&i| self.allowed[i] && bounds[i].0 > GAIN_FLOOR) {
            sure[effort[i] as usize - 1].push(bounds[i].0 * self.reach[i]);
        }
        let bar: Vec<f64> = sure
            .iter_mut()
            .map(|values| {
                if values.len() < self.k || self.k == 0 {
                    f64::NEG_INFINITY
                } else {
                    values.select_nth_unstable_by(self.k - 1, |a, b| b.total_cmp(a));
                    values[self.k - 1]
                }
            })
            .collect();
        (0..n)
            .filter(|&i| self.allowed[i] && bounds[i].1 > GAIN_FLOOR)
            .filter(|&i| bounds[i].1 * self.reach[i] >= bar[effort[i] as usize - 1])
            .collect()
    }

    /// The range, the stays and the ratings to check first, from `seed`.
    pub(crate) fn assess(&self, seed: u64) -> Uncertainty {
        let n = self.model.len();
        let stance: Vec<i64> = self
            .model
            .opinions()
            .iter()
            .map(|s| (2.0 * s).round() as i64)
            .collect();
        let openness: Vec<i64> = self
            .model
            .openness()
            .iter()
            .map(|o| (4.0 * o + 1.0).round() as i64)
            .collect();
        let base: Vec<f64> = (0..n)
            .map(|i| self.gain(i, stance[i], openness[i]))
            .collect();
        let pool = self.contenders(&stance, &openness);
        let mut sampled = pool.clone();
        sampled.extend(self.chosen.iter().filter(|i| !pool.contains(i)));
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut totals = Vec::with_capacity(SAMPLES);
        let mut stays = vec![0_usize; self.chosen.len()];
        let mut gains = base.clone();
        let mut expected = vec![0.0; n];
        let off = |rng: &mut fastrand::Rng, level: i64, low: i64, high: i64| {
            let up = rng.bool();
            match (up, level) {
                (true, l) if l < high => l + 1,
                (false, l) if l > low => l - 1,
                (_, l) if l < high => l + 1,
                (_, l) => l - 1,
            }
        };
        for _ in 0..SAMPLES {
            for &i in &sampled {
                let doubt = self.model.doubt[i];
                let s = if rng.f64() < doubt {
                    off(&mut rng, stance[i], -2, 2)
                } else {
                    stance[i]
                };
                let o = if rng.f64() < doubt {
                    off(&mut rng, openness[i], 1, 5)
                } else {
                    openness[i]
                };
                gains[i] = self.gain(i, s, o);
            }
            totals.push(self.chosen.iter().map(|&i| gains[i]).sum::<f64>());
            if self.support_goal {
                let again = self.replan(&pool, &gains, &mut expected);
                for (k, i) in self.chosen.iter().enumerate() {
                    stays[k] += usize::from(again.contains(i));
                }
            }
        }
        totals.sort_by(f64::total_cmp);
        let at = |q: f64| totals[((SAMPLES - 1) as f64 * q).round() as usize];
        Uncertainty {
            low: at(0.1),
            high: at(0.9),
            samples: SAMPLES,
            seed,
            stays: self
                .support_goal
                .then(|| stays.iter().map(|&c| c as f64 / SAMPLES as f64).collect()),
            check_first: if self.support_goal {
                self.check_first(&pool, &base, &stance, &openness)
            } else {
                Vec::new()
            },
        }
    }

    /// The plan's people and the next best: each stance and openness one level
    /// either way, the plan made again, and what the current plan would lose.
    fn check_first(
        &self,
        pool: &[usize],
        base: &[f64],
        stance: &[i64],
        openness: &[i64],
    ) -> Vec<CheckFirst> {
        let expected: Vec<f64> = base.iter().zip(self.reach).map(|(g, r)| g * r).collect();
        // Someone outside the pool cannot come into the plan whatever their ratings,
        // and their gain moves no one else's.
        let mut checked = pool.to_vec();
        checked.sort_by(|&a, &b| expected[b].total_cmp(&expected[a]).then(a.cmp(&b)));
        checked.truncate(CHECKED.max(self.chosen.len()));
        for &i in self.chosen {
            if !checked.contains(&i) {
                checked.push(i);
            }
        }
        let mut found = Vec::new();
        let value = |gains: &[f64], set: &[usize]| -> f64 {
            set.iter().map(|&i| gains[i] * self.reach[i]).sum()
        };
        let mut gains = base.to_vec();
        let mut scratch = vec![0.0; base.len()];
        for &i in &checked {
            let mut worst: Option<CheckFirst> = None;
            for rating in [Rating::Stance, Rating::Openness] {
                for step in [-1, 1] {
                    let (s, o) = match rating {
                        Rating::Stance => (stance[i] + step, openness[i]),
                        Rating::Openness => (stance[i], openness[i] + step),
                    };
                    if !(-2..=2).contains(&s) || !(1..=5).contains(&o) {
                        continue;
                    }
                    gains[i] = self.gain(i, s, o);
                    let again = self.replan(pool, &gains, &mut scratch);
                    let regret = value(&gains, &again) - value(&gains, self.chosen);
                    gains[i] = base[i];
                    let joins: Vec<usize> = again
                        .iter()
                        .filter(|j| !self.chosen.contains(j))
                        .copied()
                        .collect();
                    if joins.is_empty()
                        || regret <= 1e-12
                        || worst.as_ref().is_some_and(|w| w.regret >= regret)
                    {
                        continue;
                    }
                    let label = |level: i64| match rating {
                        Rating::Stance => Stance::new(level).expect("-2..=2").label(),
                        Rating::Openness => Level::new(level, "openness").expect("1..=5").label(),
                    };
                    let ids = self.model.ids();
                    worst = Some(CheckFirst {
                        id: ids[i],
                        rating,
                        now: label(match rating {
                            Rating::Stance => stance[i],
                            Rating::Openness => openness[i],
                        }),
                        if_off: label(match rating {
                            Rating::Stance => s,
                            Rating::Openness => o,
                        }),
                        regret,
                        joins: joins.iter().map(|&j| ids[j]).collect(),
                        leaves: self
                            .chosen
                            .iter()
                            .filter(|j| !again.contains(j))
                            .map(|&j| ids[j])
                            .collect(),
                    });
                }
            }
            found.extend(worst.map(|w| (i, w)));
        }
        found.sort_by(|a, b| b.1.regret.total_cmp(&a.1.regret).then(a.0.cmp(&b.0)));
        found.truncate(CHECK_FIRST);
        found.into_iter().map(|(_, w)| w).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::DEFAULT_THETA;

    #[test]
    fn the_contenders_hold_every_best_plan_under_one_level_errors() {
        let mut rng = fastrand::Rng::with_seed(5);
        for seed in 0..6 {
            let m = crate::synthetic::org_map(400, seed);
            let model = InfluenceModel::new(&m);
            let g = model.support_sensitivity();
            let unit: Vec<f64> = g
                .iter()
                .zip(model.stubbornness())
                .map(|(g, l)| g * l)
                .collect();
            let reach: Vec<f64> = (0..model.len())
                .map(|i| 0.1 + 0.9 * (i % 7) as f64 / 6.0)
                .collect();
            let allowed: Vec<bool> = model.advocates().iter().map(|a| !a).collect();
            let stance: Vec<i64> = model
                .opinions()
                .iter()
                .map(|s| (2.0 * s).round() as i64)
                .collect();
            let openness: Vec<i64> = model
                .openness()
                .iter()
                .map(|o| (4.0 * o + 1.0).round() as i64)
                .collect();
            for budget in [None, Some(7)] {
                let ratings = Ratings {
                    model: &model,
                    unit_gain: &unit,
                    reach: &reach,
                    allowed: &allowed,
                    theta: DEFAULT_THETA,
                    k: 4,
                    budget,
                    chosen: &[],
                    support_goal: true,
                };
                let pool = ratings.contenders(&stance, &openness);
                assert!(
                    pool.len() < model.len() / 2,
                    "{} of {}",
                    pool.len(),
                    model.len()
                );
                let everyone: Vec<usize> = (0..model.len()).filter(|&i| allowed[i]).collect();
                for _ in 0..20 {
                    let gains: Vec<f64> = (0..model.len())
                        .map(|i| {
                            let s = (stance[i] + rng.i64(-1..=1)).clamp(-2, 2);
                            let o = (openness[i] + rng.i64(-1..=1)).clamp(1, 5);
                            ratings.gain(i, s, o)
                        })
                        .collect();
                    let mut scratch = vec![0.0; model.len()];
                    let mut all = vec![0.0; model.len()];
                    assert_eq!(
                        ratings.replan(&pool, &gains, &mut scratch),
                        ratings.replan(&everyone, &gains, &mut all),
                        "seed {seed}, budget {budget:?}"
                    );
                }
            }
        }
    }
}
