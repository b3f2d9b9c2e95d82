//! The conversation plan for an advocate: whom to talk to, in what order, and why.
//!
//! 1. Every non-advocate's gain ΔF_i comes from one transposed solve (exact, additive).
//! 2. Each person's reach r_i comes from the advocate's warmest introduction path
//!    (see `paths`); the plan maximises the expected gain Σ r_i·ΔF_i: the top k by
//!    r_i·ΔF_i, or with a budget exactly the best set that fits (a DP over count ×
//!    effort). People talked to in the last [`RECENT_DAYS`] days are left out and
//!    listed with the day.
//! 3. The steps are ordered by access, recomputing the paths after each step on the
//!    opinions the steps so far are predicted to bring: an introducer who is also a
//!    target comes before the person they introduce, and as early as the largest
//!    expected gain they lead to; otherwise by expected gain; ties by name.
//! 4. Each step's reason comes from its own column of Δz, solved four columns to
//!    a pass over the model (`InfluenceModel::ripples`), each exactly as alone.
//! 5. Candidates whose gain is negative (talking to them backfires through conflict
//!    ties) are listed to avoid, the k most harmful first.
//!
//! Gains smaller than [`GAIN_FLOOR`] in size count as zero: they are below what
//! the solver resolves.

use super::equilibrium::band;
use super::equilibrium::{DEFAULT_THETA, check_theta};
use super::goals::{Goal, Proof, Search};
use super::influence::InfluenceModel;
use super::measures::Measures;
use super::paths::{Introductions, Ties};
use super::reasons::{Shares, StepFacts, avoid_reason, resistant_advocate, step_reason};
use super::uncertainty::{DEFAULT_SEED, Ratings, Uncertainty};
use crate::cancel::Cancel;
use crate::error::{Error, Result};
use crate::model::{MapSnapshot, NewPlan, SavedStep, StakeholderId, Stance};
use chrono::NaiveDate;

/// Gains smaller than this in size are treated as zero.
pub const GAIN_FLOOR: f64 = 1e-9;

/// Someone talked to fewer than this many days before the plan's day is left out of it.
pub const RECENT_DAYS: i64 = 30;

/// The number of steps in a plan unless asked otherwise.
pub const DEFAULT_STEPS: usize = 5;

/// A share of a step's gain counts in its reason from this size (it shows as 1%).
const VISIBLE_SHARE: f64 = 0.005;

/// At most this many band changes are spelled out in a step's reason.
const BANDS_NAMED: usize = 3;

/// What to plan: for whom, how many steps, how far a conversation reaches, the budget.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// The advocate who will hold the conversations (a stakeholder marked advocate).
    pub advocate: StakeholderId,
    /// The most steps in the plan, at least 1.
    pub k: usize,
    /// θ ∈ (0, 1]: how far one conversation moves an open person toward full support.
    pub theta: f64,
    /// The most total effort the plan may take (efforts are 1..5 per conversation).
    pub budget: Option<u32>,
    /// What the plan aims at: the support score, the coalition or commitment.
    pub goal: Goal,
    /// The seed of the re-sampled ratings behind the plan's range.
    pub seed: u64,
    /// The plan's day: people talked to in the [`RECENT_DAYS`] days up to it are left
    /// out. `None` leaves nobody out.
    pub today: Option<NaiveDate>,
}

impl PlanOptions {
    /// A plan of [`DEFAULT_STEPS`] steps for `advocate` aimed at support, θ = 0.5, no
    /// budget, nobody left out for a recent conversation.
    pub fn new(advocate: StakeholderId) -> PlanOptions {
        PlanOptions {
            advocate,
            k: DEFAULT_STEPS,
            theta: DEFAULT_THETA,
            budget: None,
            goal: Goal::Support,
            seed: DEFAULT_SEED,
            today: None,
        }
    }
}

/// The plan: support before and after, the ordered steps, and whom to avoid.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanReport {
    /// The advocate the plan is for.
    pub advocate: StakeholderId,
    /// What the plan aims at.
    pub goal: Goal,
    /// Whether the set of people is the best possible for the goal or the best found.
    pub proof: Proof,
    /// F now.
    pub support_before: f64,
    /// F once every step has been taken (exact: the gains add up).
    pub support_after: f64,
    /// The three measures now.
    pub measures_before: Measures,
    /// The three measures once every step has been taken.
    pub measures_after: Measures,
    /// The total effort of the steps.
    pub effort: u32,
    /// The conversations, in the order to hold them.
    pub steps: Vec<PlanStep>,
    /// People not to talk to for now: a conversation would lower support.
    pub avoid: Vec<AvoidNote>,
    /// People left out because they were talked to lately, the latest first.
    pub skipped_recent: Vec<RecentTalk>,
    /// Ratings to check before acting: e.g. an advocate rated resistant.
    pub warnings: Vec<String>,
    /// The range of the plan's gain under re-sampled ratings, and what to check first.
    pub uncertainty: Uncertainty,
}

/// Someone left out of the plan: they were talked to lately.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecentTalk {
    /// Who.
    pub id: StakeholderId,
    /// The day of their latest conversation.
    pub date: NaiveDate,
}

/// One conversation of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    /// Whom to talk to.
    pub id: StakeholderId,
    /// ΔF: the support this conversation adds.
    pub gain: f64,
    /// The step's share of the plan's total gain, 0..1.
    pub share: f64,
    /// The effort of the conversation, 1..5.
    pub effort: u32,
    /// One sentence saying why, from the numbers.
    pub reason: String,
    /// The chain of people who can introduce the advocate, nearest the advocate first;
    /// empty for a direct tie or when no warm path exists (then `warmth` is null).
    pub introduced_by: Vec<StakeholderId>,
    /// The warmth of the way in, ρ^(introducers)·Π w, in (0, 1]; `None` without a
    /// warm path.
    pub warmth: Option<f64>,
    /// The people through whom most of the gain flows (who warm), with their share
    /// of the gain, largest first: they cover 80% of it or are the three largest.
    pub flows_through: Vec<Flow>,
    /// The people through whom the gain is lost (who harden), with their (negative)
    /// share, largest first, named as `flows_through` is.
    pub losses_through: Vec<Flow>,
    /// Whose predicted band the step changes, the person talked to first.
    pub band_changes: Vec<BandChange>,
    /// r: the chance of reaching them, from the warmth of the way in (0.1 for a cold
    /// approach), on the opinions predicted once the steps before are taken.
    pub reach: f64,
    /// r·ΔF: the gain to expect, counting the chance of reaching them.
    pub expected_gain: f64,
    /// With no warm path: the nearest person who could help, who has a tie to them.
    pub helper: Option<StakeholderId>,
    /// The share of re-sampled ratings under which they stay in the plan (support
    /// goal only).
    pub stays: Option<f64>,
}

/// Part of a step's gain that comes through one person.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Whose opinion moves.
    pub id: StakeholderId,
    /// Their predicted change of opinion, Δz.
    pub change: f64,
    /// π_j·Δz_j as a share of the step's gain.
    pub share: f64,
}

/// A predicted band change a step causes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandChange {
    /// Whose band changes.
    pub id: StakeholderId,
    /// The band predicted before the step.
    pub from: Stance,
    /// The band predicted after it.
    pub to: Stance,
}

/// Someone whom talking to would backfire.
#[derive(Debug, Clone, PartialEq)]
pub struct AvoidNote {
    /// Whom not to talk to for now.
    pub id: StakeholderId,
    /// ΔF, negative.
    pub gain: f64,
    /// The person whose opinion would drop most.
    pub hardens: StakeholderId,
    /// One sentence saying why.
    pub reason: String,
}

impl PlanReport {
    /// The plan as it is saved to follow its progress, made with `theta`.
    pub fn to_saved(&self, theta: f64) -> NewPlan {
        NewPlan {
            advocate: self.advocate,
            theta,
            support_before: self.support_before,
            support_after: self.support_after,
            steps: self
                .steps
                .iter()
                .map(|s| SavedStep {
                    stakeholder: s.id,
                    gain: s.gain,
                    reason: s.reason.clone(),
                })
                .collect(),
        }
    }
}

/// Plans the conversations of `options.advocate`. Errors name the unknown advocate,
/// a person not marked advocate, or a θ, k or budget out of range.
pub fn plan_for(map: &MapSnapshot, options: &PlanOptions) -> Result<PlanReport> {
    plan_for_until(map, options, &Cancel::default())
}

/// [`plan_for`], stopping with [`Error::Cancelled`] between its stages (the
/// solves, the choice, the re-sampled ratings, the reasons) once `cancel` is set.
pub fn plan_for_until(
    map: &MapSnapshot,
    options: &PlanOptions,
    cancel: &Cancel,
) -> Result<PlanReport> {
    check_theta(options.theta)?;
    if options.k == 0 {
        return Err(Error::Invalid(
            "a plan of 0 steps says nothing: ask for 1 or more steps".into(),
        ));
    }
    if options.budget == Some(0) {
        return Err(Error::Invalid(
            "a budget of 0 allows no conversation: give a budget of 1 or more \
             (each conversation takes 1..5)"
                .into(),
        ));
    }
    let (model, edges) = InfluenceModel::with_edges(map);
    let source = model.lookup(options.advocate, "the advocate")?;
    if !model.advocate[source] {
        return Err(not_an_advocate(&model, source));
    }
    // The introduction ties are all the plan reads of the edges: made now, so the
    // edges are let go before the solves.
    let ties = Ties::new(&edges);
    drop(edges);

    // The two solves are independent: side by side when more than one thread may run.
    let (z, g) = if super::pagerank::worker_threads() > 1 {
        std::thread::scope(|scope| {
            let z = scope.spawn(|| model.equilibrium());
            let g = model.support_sensitivity();
            (z.join().expect("the equilibrium solve does not panic"), g)
        })
    } else {
        (model.equilibrium(), model.support_sensitivity())
    };
    cancel.check()?;
    let gains = model.gains_from(&g, options.theta);
    let support_before = model.support(&z);
    let first_paths = ties.paths(source, &z);
    let expected: Vec<f64> = (0..model.len())
        .map(|i| first_paths.reach(i) * gains[i])
        .collect();
    let recent = recent_talks(map, &model, options.today);
    let eligible: Vec<usize> = (0..model.len())
        .filter(|&i| !model.advocate[i] && gains[i] > GAIN_FLOOR)
        .filter(|&i| recent.iter().all(|r| r.id != model.ids[i]))
        .collect();
    let (chosen, proof) = match options.goal {
        Goal::Support => (
            choose(
                &model.effort,
                &expected,
                &eligible,
                options.k,
                options.budget,
            ),
            Proof::Exact,
        ),
        goal => Search {
            model: &model,
            goal,
            z: &z,
            eligible: &eligible,
            expected: &expected,
            theta: options.theta,
            k: options.k,
            budget: options.budget,
        }
        .run(),
    };
    drop((expected, eligible));
    cancel.check()?;
    let unit_gain: Vec<f64> = g
        .iter()
        .zip(&model.stubbornness)
        .map(|(g, l)| g * l)
        .collect();
    let reach: Vec<f64> = (0..model.len()).map(|i| first_paths.reach(i)).collect();
    let allowed: Vec<bool> = (0..model.len())
        .map(|i| !model.advocate[i] && recent.iter().all(|r| r.id != model.ids[i]))
        .collect();
    let uncertainty = Ratings {
        model: &model,
        unit_gain: &unit_gain,
        reach: &reach,
        allowed: &allowed,
        theta: options.theta,
        k: options.k,
        budget: options.budget,
        chosen: &chosen,
        support_goal: options.goal == Goal::Support,
    }
    .assess(options.seed);
    // What the choice and the re-sampling read is let go before the ripples.
    drop((g, unit_gain, reach, allowed));
    cancel.check()?;
    let mut harmful: Vec<usize> = (0..model.len())
        .filter(|&i| !model.advocate[i] && gains[i] < -GAIN_FLOOR)
        .collect();
    harmful.sort_by(|&a, &b| gains[a].total_cmp(&gains[b]).then(a.cmp(&b)));
    harmful.truncate(options.k);

    // The columns of Δz of the steps and the people to avoid, four to a solve.
    let conversations: Vec<(usize, f64)> = chosen
        .iter()
        .chain(&harmful)
        .map(|&i| {
            (
                i,
                model.conversation_shift(i, options.theta, model.opinion[i]),
            )
        })
        .collect();
    // A person to avoid keeps two numbers of their column, taken as it is solved.
    let mut kept = model
        .ripples_kept(&conversations, |k, dz| {
            if k < chosen.len() {
                return Ripple::Column(dz);
            }
            let i = conversations[k].0;
            let worst = (0..model.len())
                .filter(|&j| j != i)
                .min_by(|&a, &b| dz[a].total_cmp(&dz[b]).then(a.cmp(&b)))
                .expect("a negative gain needs someone else whose opinion drops");
            Ripple::Worst(worst, dz[worst])
        })
        .into_iter();
    let columns: Vec<Vec<f64>> = kept
        .by_ref()
        .take(chosen.len())
        .map(Ripple::column)
        .collect();
    let avoid = harmful
        .iter()
        .zip(kept)
        .map(|(&i, ripple)| {
            let (worst, fall) = ripple.worst();
            AvoidNote {
                id: model.ids[i],
                gain: gains[i],
                hardens: model.ids[worst],
                reason: avoid_reason(&model.names[i], gains[i], &model.names[worst], fall),
            }
        })
        .collect();
    cancel.check()?;
    let order = order_by_access(
        (&ties, source),
        &model.advocate,
        &z,
        &chosen,
        &gains,
        first_paths,
        &columns,
    );
    let total: f64 = order.iter().map(|o| gains[o.person]).sum();
    let mut z_after = z.clone();
    for o in &order {
        z_after.iter_mut().zip(o.dz).for_each(|(z, d)| *z += d);
    }
    let stays = |person: usize| {
        let k = chosen.iter().position(|&c| c == person)?;
        uncertainty.stays.as_ref().map(|s| s[k])
    };
    let steps = order
        .iter()
        .enumerate()
        .map(|(position, o)| PlanStep {
            stays: stays(o.person),
            ..step(
                &model,
                o,
                position == 0,
                gains[o.person] / total,
                &order[position + 1..],
            )
        })
        .collect();

    Ok(PlanReport {
        advocate: model.ids[source],
        goal: options.goal,
        proof,
        support_before,
        support_after: support_before + total,
        measures_before: Measures::of(&model, &z),
        measures_after: Measures::of(&model, &z_after),
        skipped_recent: recent,
        uncertainty,
        warnings: (0..model.len())
            .filter(|&i| model.advocate[i] && model.opinion[i] < 0.0)
            .map(|i| resistant_advocate(&model.names[i], band(model.opinion[i]).label()))
            .collect(),
        effort: order.iter().map(|o| model.effort[o.person]).sum(),
        steps,
        avoid,
    })
}

/// What a plan keeps of one conversation's ripple.
enum Ripple {
    /// A step's whole column of Δz.
    Column(Vec<f64>),
    /// For a person to avoid: whose opinion drops most, and by how much.
    Worst(usize, f64),
}

impl Ripple {
    /// A step's column.
    fn column(self) -> Vec<f64> {
        match self {
            Ripple::Column(dz) => dz,
            Ripple::Worst(..) => unreachable!("the steps' ripples come first"),
        }
    }

    /// Whose opinion drops most, and by how much.
    fn worst(self) -> (usize, f64) {
        match self {
            Ripple::Worst(worst, drop) => (worst, drop),
            Ripple::Column(_) => unreachable!("the avoided people's ripples come last"),
        }
    }
}

fn not_an_advocate(model: &InfluenceModel, person: usize) -> Error {
    let advocates: Vec<&str> = (0..model.len())
        .filter(|&i| model.advocate[i])
        .map(|i| model.names[i].as_str())
        .collect();
    let hint = if advocates.is_empty() {
        "nobody in this map is; mark the person the plan is for as an advocate first".to_string()
    } else {
        format!(
            "mark them as one first, or plan for {}",
            advocates.join(", ")
        )
    };
    Error::Invalid(format!(
        "'{}' is not marked as an advocate: {hint}",
        model.names[person]
    ))
}

/// The non-advocates talked to in the [`RECENT_DAYS`] days up to `today`, each with
/// their latest conversation, the latest first (ties by name).
fn recent_talks(
    map: &MapSnapshot,
    model: &InfluenceModel,
    today: Option<NaiveDate>,
) -> Vec<RecentTalk> {
    let Some(today) = today else {
        return Vec::new();
    };
    let mut latest: Vec<Option<NaiveDate>> = vec![None; model.len()];
    for e in &map.engagements {
        let days = (today - e.date).num_days();
        if !(0..RECENT_DAYS).contains(&days) {
            continue;
        }
        if let Ok(i) = model.lookup(e.stakeholder, "talked to") {
            latest[i] = latest[i].max(Some(e.date));
        }
    }
    let mut recent: Vec<(usize, NaiveDate)> = latest
        .iter()
        .enumerate()
        .filter(|&(i, _)| !model.advocate[i])
        .filter_map(|(i, d)| d.map(|d| (i, d)))
        .collect();
    recent.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    recent
        .into_iter()
        .map(|(i, date)| RecentTalk {
            id: model.ids[i],
            date,
        })
        .collect()
}

/// The plan's targets among `eligible`: the set of at most `k` with the largest total
/// expected gain, within the budget if any. Without a budget that is the top k;
/// with one it is exact: people of the same effort are only ever taken best first,
/// so a DP over the five effort levels with states (count, effort spent) finds how
/// many to take of each. Ties go to the earlier (name order) person.
pub(crate) fn choose(
    effort: &[u32],
    expected: &[f64],
    eligible: &[usize],
    k: usize,
    budget: Option<u32>,
) -> Vec<usize> {
    let Some(budget) = budget else {
        return best_first(eligible.to_vec(), expected, k);
    };
    let k = k.min(budget as usize);
    let cap = (budget as usize).min(5 * k);
    let mut classes: [Vec<usize>; 5] = Default::default();
    for &i in eligible {
        classes[effort[i] as usize - 1].push(i);
    }
    let classes = classes.map(|class| best_first(class, expected, k));
    // best[j][b]: the most expected gain from exactly j people of exactly b effort,
    // over the classes seen so far; taken[c][j][b]: how many of class c that used.
    let width = cap + 1;
    let mut best = vec![f64::NEG_INFINITY; (k + 1) * width];
    best[0] = 0.0;
    let mut taken = vec![vec![0_usize; (k + 1) * width]; 5];
    for (c, class) in classes.iter().enumerate() {
        let cost = c + 1;
        let mut prefix = vec![0.0];
        for &i in class {
            prefix.push(prefix[prefix.len() - 1] + expected[i]);
        }
        let mut next = vec![f64::NEG_INFINITY; (k + 1) * width];
        for j in 0..=k {
            for b in 0..=cap {
                let here = best[j * width + b];
                if here == f64::NEG_INFINITY {
                    continue;
                }
                for (n, gained) in prefix.iter().take(k - j + 1).enumerate() {
                    let spent = b + n * cost;
                    if spent > cap {
                        break;
                    }
                    let value = here + gained;
                    let slot = (j + n) * width + spent;
                    if value > next[slot] {
                        next[slot] = value;
                        taken[c][slot] = n;
                    }
                }
            }
        }
        best = next;
    }
    let Some(mut slot) =
        (0..best.len()).max_by(|&a, &b| best[a].total_cmp(&best[b]).then(b.cmp(&a)))
    else {
        return Vec::new();
    };
    let mut chosen = Vec::new();
    for c in (0..5).rev() {
        let n = taken[c][slot];
        chosen.extend_from_slice(&classes[c][..n]);
        slot -= n * width + n * (c + 1);
    }
    chosen.sort_by(|&a, &b| expected[b].total_cmp(&expected[a]).then(a.cmp(&b)));
    chosen
}

/// The `k` people of `people` with the largest expected gain, largest first, ties
/// by name (index); a partial selection, so big maps are not sorted whole.
fn best_first(mut people: Vec<usize>, expected: &[f64], k: usize) -> Vec<usize> {
    let order = |a: &usize, b: &usize| expected[*b].total_cmp(&expected[*a]).then(a.cmp(b));
    if people.len() > k && k > 0 {
        people.select_nth_unstable_by(k - 1, order);
    }
    people.truncate(k);
    people.sort_by(order);
    people
}

/// One step of the plan in the order of access, with the way in found when its
/// turn comes.
struct Ordered<'a> {
    /// Whom to talk to.
    person: usize,
    /// The introducers, nearest the advocate first; `None` without a warm path.
    chain: Option<Vec<usize>>,
    /// The warmth of the way in, if warm.
    warmth: Option<f64>,
    /// r, the chance of reaching them.
    reach: f64,
    /// The nearest person who could help, without a warm path.
    helper: Option<usize>,
    /// Their column of Δz.
    dz: &'a [f64],
    /// The band changes the step causes: who, from, to.
    bands: Vec<(usize, Stance, Stance)>,
}

/// Orders the targets by access. Before each step the warmest paths are found on the
/// opinions the steps so far are predicted to bring (the first on today's, `paths`).
/// Among the targets left, one whom no other target left introduces goes next: the
/// most urgent — an introducer counts with the largest expected gain they lead to —,
/// then the largest expected gain, ties by name (index). `ties` and `source` are the
/// advocate's ways in; band changes are listed for everyone but the `advocates`.
fn order_by_access<'a>(
    (ties, source): (&Ties, usize),
    advocates: &[bool],
    z: &[f64],
    targets: &[usize],
    gains: &[f64],
    paths: Introductions,
    columns: &'a [Vec<f64>],
) -> Vec<Ordered<'a>> {
    let mut left: Vec<usize> = (0..targets.len()).collect();
    let mut z = z.to_vec();
    let mut paths = Some(paths);
    let mut order = Vec::with_capacity(targets.len());
    while !left.is_empty() {
        let intro = paths.take().unwrap_or_else(|| ties.paths(source, &z));
        let chains: Vec<Option<Vec<usize>>> = left
            .iter()
            .map(|&k| intro.introducers(targets[k]))
            .collect();
        let needs: Vec<Vec<usize>> = chains
            .iter()
            .map(|c| {
                c.iter()
                    .flatten()
                    .filter(|p| left.iter().any(|&k| targets[k] == **p))
                    .copied()
                    .collect()
            })
            .collect();
        let expected: Vec<f64> = left
            .iter()
            .map(|&k| intro.reach(targets[k]) * gains[targets[k]])
            .collect();
        let urgency: Vec<f64> = (0..left.len())
            .map(|a| {
                (0..left.len())
                    .filter(|&b| needs[b].contains(&targets[left[a]]))
                    .map(|b| expected[b])
                    .fold(expected[a], f64::max)
            })
            .collect();
        let best = |pool: &mut dyn Iterator<Item = usize>| {
            pool.max_by(|&a, &b| {
                urgency[a]
                    .total_cmp(&urgency[b])
                    .then(expected[a].total_cmp(&expected[b]))
                    .then(targets[left[b]].cmp(&targets[left[a]]))
            })
        };
        // The paths of one search form a tree, so someone is always free to go next.
        let next = best(&mut (0..left.len()).filter(|&a| needs[a].is_empty()))
            .or_else(|| best(&mut (0..left.len())))
            .expect("someone is left");
        let k = left.remove(next);
        let person = targets[k];
        let chain = chains[next].clone();
        let dz = columns[k].as_slice();
        let mut bands: Vec<(usize, Stance, Stance)> = (0..z.len())
            .filter(|&j| !advocates[j])
            .map(|j| (j, band(z[j]), band(z[j] + dz[j])))
            .filter(|(_, from, to)| from != to)
            .collect();
        bands.sort_by_key(|&(j, _, _)| (j != person, j));
        order.push(Ordered {
            bands,
            person,
            helper: match chain {
                None => intro.nearest_helper(ties, person, &z),
                Some(_) => None,
            },
            chain,
            warmth: intro.warmth(person),
            reach: intro.reach(person),
            dz,
        });
        z.iter_mut().zip(dz).for_each(|(z, d)| *z += d);
    }
    order
}

/// One step with its reason, from its column of Δz and its way in.
fn step(
    model: &InfluenceModel,
    o: &Ordered,
    first: bool,
    share: f64,
    later: &[Ordered],
) -> PlanStep {
    let (i, dz) = (o.person, o.dz);
    let gain = model.support(dz);
    let part = |j: usize| model.power_share[j] * dz[j] / gain;
    // Everyone else who carries a visible share of the gain, advocates never.
    let others: Vec<usize> = (0..model.len())
        .filter(|&j| j != i && !model.advocate[j] && part(j).abs() >= VISIBLE_SHARE)
        .collect();
    let parts = |warm: bool| -> Vec<(usize, &str, f64)> {
        others
            .iter()
            .filter(|&&j| (part(j) > 0.0) == warm)
            .map(|&j| (j, model.names[j].as_str(), part(j)))
            .collect()
    };
    let (gained, lost) = (Shares::of(parts(true)), Shares::of(parts(false)));
    let flows = |shares: &Shares| -> Vec<Flow> {
        shares
            .named
            .iter()
            .map(|&(j, _, share)| Flow {
                id: model.ids[j],
                change: dz[j],
                share,
            })
            .collect()
    };
    let facts = StepFacts {
        first,
        name: &model.names[i],
        gain,
        share,
        reach: o.reach,
        gained: gained.clone(),
        lost: lost.clone(),
        bands: o
            .bands
            .iter()
            .take(BANDS_NAMED)
            .map(|&(j, from, to)| (model.names[j].as_str(), from.label(), to.label()))
            .collect(),
        bands_more: o.bands.len().saturating_sub(BANDS_NAMED),
        introducers: o
            .chain
            .as_ref()
            .map(|c| c.iter().map(|&j| model.names[j].as_str()).collect()),
        helper: o.helper.map(|j| model.names[j].as_str()),
        opens: later
            .iter()
            .filter(|t| t.chain.as_ref().is_some_and(|c| c.contains(&i)))
            .map(|t| model.names[t.person].as_str())
            .collect(),
    };
    PlanStep {
        id: model.ids[i],
        gain,
        share,
        effort: model.effort[i],
        reason: step_reason(&facts),
        introduced_by: o
            .chain
            .as_ref()
            .map(|c| c.iter().map(|&j| model.ids[j]).collect())
            .unwrap_or_default(),
        warmth: o.warmth,
        flows_through: flows(&gained),
        losses_through: flows(&lost),
        band_changes: o
            .bands
            .iter()
            .map(|&(j, from, to)| BandChange {
                id: model.ids[j],
                from,
                to,
            })
            .collect(),
        reach: o.reach,
        expected_gain: o.reach * gain,
        helper: o.helper.map(|j| model.ids[j]),
        stays: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{advocate, id, map, names, person};
    use crate::model::RelationKind::*;

    #[test]
    fn a_cancelled_plan_stops_and_an_uncancelled_one_is_the_plan() {
        let map = office();
        let options = PlanOptions::new(id(&map, "Ana"));
        let cancel = Cancel::default();
        assert_eq!(
            plan_for_until(&map, &options, &cancel).unwrap(),
            plan_for(&map, &options).unwrap()
        );
        cancel.cancel();
        assert!(matches!(
            plan_for_until(&map, &options, &cancel),
            Err(Error::Cancelled)
        ));
    }

    /// Ana advocates; Bob listens to Ana and leads Cy and Dee; Eve fights Dee.
    fn office() -> MapSnapshot {
        map(
            &[
                advocate("Ana"),
                person("Bob", 0, 4, 5),
                person("Cy", -1, 3, 2),
                person("Dee", -1, 3, 3),
                person("Eve", -2, 5, 2),
                advocate("Zed"),
            ],
            &[
                ("Bob", "Ana", Trusts, 4),
                ("Cy", "Bob", ReportsTo, 5),
                ("Dee", "Bob", ReportsTo, 5),
                ("Eve", "Dee", Conflict, 5),
                ("Zed", "Eve", Allied, 2),
            ],
        )
    }

    #[test]
    fn the_plan_leads_with_the_manager_and_explains_it() {
        let m = office();
        let report = plan_for(&m, &PlanOptions::new(id(&m, "ana"))).unwrap();
        assert_eq!(report.advocate, id(&m, "Ana"));
        let names = step_names(&m, &report);
        assert_eq!(names[0], "Bob", "{report:#?}");
        assert!(!names.iter().any(|n| n == "Zed" || n == "Ana"));
        let bob = &report.steps[0];
        assert!(
            bob.reason.starts_with("Reach Bob first: +"),
            "{}",
            bob.reason
        );
        assert!(
            bob.reason.contains("You know Bob directly (reach 80%)."),
            "{}",
            bob.reason
        );
        assert_eq!(bob.reach, 0.8);
        assert!((bob.expected_gain - 0.8 * bob.gain).abs() < 1e-15);
        assert_eq!(bob.warmth, Some(0.8));
        let total: f64 = report.steps.iter().map(|s| s.share).sum();
        assert!((total - 1.0).abs() < 1e-9);
        let gained: f64 = report.steps.iter().map(|s| s.gain).sum();
        assert!((report.support_before + gained - report.support_after).abs() < 1e-9);
    }

    #[test]
    fn a_target_who_introduces_another_goes_first() {
        // Cy gains less than Fay but is the only way to reach her.
        let m = map(
            &[
                advocate("Ana"),
                person("Cy", 0, 2, 1),
                person("Fay", -1, 5, 5),
            ],
            &[("Ana", "Cy", Allied, 5), ("Cy", "Fay", Allied, 1)],
        );
        let report = plan_for(&m, &PlanOptions::new(id(&m, "Ana"))).unwrap();
        assert_eq!(step_names(&m, &report), ["Cy", "Fay"]);
        assert!(report.steps[0].gain < report.steps[1].gain);
        assert_eq!(report.steps[1].introduced_by, [id(&m, "Cy")]);
        assert!(
            report.steps[1]
                .reason
                .ends_with("Cy can introduce you (reach 10%)."),
            "{}",
            report.steps[1].reason
        );
    }

    #[test]
    fn an_introducer_comes_as_early_as_the_gain_they_open() {
        // Fay gains most but only Cy can reach her; Gus gains more than Cy.
        let m = map(
            &[
                advocate("Ana"),
                person("Cy", 0, 2, 1),
                person("Fay", -1, 5, 5),
                person("Gus", -2, 2, 3),
            ],
            &[
                ("Ana", "Cy", Allied, 5),
                ("Cy", "Fay", Allied, 1),
                ("Ana", "Gus", Allied, 2),
            ],
        );
        let report = plan_for(&m, &PlanOptions::new(id(&m, "Ana"))).unwrap();
        let gain = |n: &str| {
            let who = id(&m, n);
            report.steps.iter().find(|s| s.id == who).unwrap().gain
        };
        assert!(
            gain("Fay") > gain("Gus") && gain("Gus") > gain("Cy"),
            "{report:?}"
        );
        assert_eq!(step_names(&m, &report), ["Cy", "Fay", "Gus"]);
        assert!(
            report.steps[0]
                .reason
                .ends_with("Cy can then introduce you to Fay."),
            "{}",
            report.steps[0].reason
        );
    }

    #[test]
    fn talking_to_someone_in_conflict_with_a_powerful_person_is_flagged() {
        let m = map(
            &[
                advocate("Ana"),
                person("Bo", -1, 5, 1),
                person("Max", 0, 5, 5),
            ],
            &[("Bo", "Max", Conflict, 5)],
        );
        let report = plan_for(&m, &PlanOptions::new(id(&m, "Ana"))).unwrap();
        assert!(report.steps.iter().all(|s| s.id != id(&m, "Bo")));
        assert_eq!(report.avoid.len(), 1, "{report:#?}");
        assert_eq!(report.avoid[0].id, id(&m, "Bo"));
        assert_eq!(report.avoid[0].hardens, id(&m, "Max"));
        assert!(report.avoid[0].gain < 0.0);
        assert!(
            report.avoid[0]
                .reason
                .contains("Avoid for now: talking to Bo"),
            "{}",
            report.avoid[0].reason
        );
    }

    #[test]
    fn bad_options_name_the_problem() {
        let m = office();
        let err = |o: PlanOptions| plan_for(&m, &o).unwrap_err();
        let nobody = StakeholderId(999);
        assert_eq!(err(PlanOptions::new(nobody)).kind().as_str(), "not_found");
        assert!(err(PlanOptions::new(nobody)).to_string().contains("id 999"));
        let e = err(PlanOptions::new(id(&m, "Bob")));
        assert_eq!(e.kind().as_str(), "invalid");
        assert!(e.to_string().contains("Ana, Zed"), "{e}");
        for theta in [0.0, 1.5, f64::NAN] {
            let e = err(PlanOptions {
                theta,
                ..PlanOptions::new(id(&m, "Ana"))
            });
            assert!(e.to_string().contains("theta"), "{e}");
        }
        assert_eq!(
            err(PlanOptions {
                k: 0,
                ..PlanOptions::new(id(&m, "Ana"))
            })
            .kind()
            .as_str(),
            "invalid"
        );
    }

    #[test]
    fn someone_the_plan_wins_over_introduces_the_next() {
        // Cy resists, so today he cannot introduce Fay; talking to him brings him to
        // Neutral, and the paths found after that step go through him.
        let m = map(
            &[
                advocate("Ana"),
                person("Cy", -2, 5, 5),
                person("Fay", -1, 3, 1),
            ],
            &[("Ana", "Cy", Allied, 2), ("Cy", "Fay", Allied, 5)],
        );
        let (model, edges) = InfluenceModel::with_edges(&m);
        let z = model.equilibrium();
        let today = Ties::new(&edges).paths(0, &z);
        assert_eq!(today.introducers(2), None, "{z:?}");
        let report = plan_for(&m, &PlanOptions::new(id(&m, "Ana"))).unwrap();
        assert_eq!(step_names(&m, &report), ["Cy", "Fay"]);
        let fay = &report.steps[1];
        assert_eq!(fay.introduced_by, [id(&m, "Cy")]);
        assert!((fay.reach - 0.4 * 0.5 * 1.0).abs() < 1e-12);
        assert!(
            report.steps[0]
                .reason
                .ends_with("Cy can then introduce you to Fay."),
            "{}",
            report.steps[0].reason
        );
    }

    #[test]
    fn plans_differ_where_the_advocates_access_differs() {
        // Bob and Cy are alike; Ana knows Bob, Zed knows Cy.
        let m = map(
            &[
                advocate("Ana"),
                person("Bob", -1, 4, 4),
                person("Cy", -1, 4, 4),
                advocate("Zed"),
            ],
            &[("Ana", "Bob", Allied, 5), ("Zed", "Cy", Allied, 5)],
        );
        let one = |who: &str| {
            let options = PlanOptions {
                k: 1,
                ..PlanOptions::new(id(&m, who))
            };
            step_names(&m, &plan_for(&m, &options).unwrap())
        };
        assert_eq!(one("Ana"), ["Bob"]);
        assert_eq!(one("Zed"), ["Cy"]);
    }

    #[test]
    fn band_changes_are_said_in_words() {
        // Nobody sways Graham, so z = s: a conversation moves s from −0.5 by
        // 0.5·0.5·1.5 = 0.375 to −0.125, from Resistant to Neutral.
        let m = map(&[advocate("Ana"), person("Graham", -1, 3, 5)], &[]);
        let report = plan_for(&m, &PlanOptions::new(id(&m, "Ana"))).unwrap();
        let graham = &report.steps[0];
        assert!(
            graham
                .reason
                .contains("Graham likely moves from Resistant to Neutral."),
            "{}",
            graham.reason
        );
        assert_eq!(
            graham.band_changes,
            [BandChange {
                id: id(&m, "Graham"),
                from: Stance::new(-1).unwrap(),
                to: Stance::new(0).unwrap()
            }]
        );
        assert!(
            graham
                .reason
                .contains("Nobody in the map has a positive tie to them")
        );
        assert!(report.warnings.is_empty());
    }

    #[test]
    fn an_advocate_rated_resistant_is_flagged() {
        let mut zed = advocate("Zed");
        zed.stance = Stance::new(-1).unwrap();
        let m = map(&[advocate("Ana"), person("Bob", 0, 3, 3), zed], &[]);
        let report = plan_for(&m, &PlanOptions::new(id(&m, "Ana"))).unwrap();
        assert_eq!(report.warnings.len(), 1);
        assert!(
            report.warnings[0].starts_with("Zed is marked as an advocate but rated Resistant"),
            "{}",
            report.warnings[0]
        );
    }

    /// The expected gains r·ΔF on today's paths, and who may be chosen, as the
    /// planner sees them.
    fn expected_gains(m: &MapSnapshot, advocate: StakeholderId) -> (Vec<f64>, Vec<usize>) {
        let (model, edges) = InfluenceModel::with_edges(m);
        let source = model.lookup(advocate, "the advocate").unwrap();
        let paths = Ties::new(&edges).paths(source, &model.equilibrium());
        let gains = model.conversation_gains(DEFAULT_THETA);
        let expected = (0..model.len())
            .map(|i| paths.reach(i) * gains[i])
            .collect();
        let eligible = (0..model.len())
            .filter(|&i| !model.advocate[i] && gains[i] > GAIN_FLOOR)
            .collect();
        (expected, eligible)
    }

    #[test]
    fn the_budgeted_plan_is_the_best_subset_by_brute_force() {
        let mut rng = fastrand::Rng::with_seed(11);
        for seed in 0..40 {
            let m = crate::synthetic::org_map(rng.usize(4..=14), seed);
            let advocate = m.stakeholders.iter().find(|s| s.advocate).unwrap().id;
            let model = InfluenceModel::new(&m);
            let (expected, eligible) = expected_gains(&m, advocate);
            for _ in 0..4 {
                let k = rng.usize(1..=5);
                let budget = [None, Some(rng.u32(1..=16))][rng.usize(0..2)];
                let options = PlanOptions {
                    k,
                    budget,
                    ..PlanOptions::new(advocate)
                };
                let plan = plan_for(&m, &options).unwrap();
                let index = |id| model.lookup(id, "a step").unwrap();
                let value: f64 = plan.steps.iter().map(|s| expected[index(s.id)]).sum();
                let mut best = 0.0_f64;
                for mask in 0_u32..(1 << eligible.len()) {
                    let subset = (0..eligible.len()).filter(|b| mask & (1 << b) != 0);
                    let people: Vec<usize> = subset.map(|b| eligible[b]).collect();
                    let effort: u32 = people.iter().map(|&i| model.effort[i]).sum();
                    if people.len() <= k && budget.is_none_or(|b| effort <= b) {
                        best = best.max(people.iter().map(|&i| expected[i]).sum());
                    }
                }
                assert!(
                    (value - best).abs() < 1e-12,
                    "seed {seed}, k {k}, budget {budget:?}: plan {value} vs best {best}"
                );
                assert!(budget.is_none_or(|b| plan.effort <= b) && plan.steps.len() <= k);
            }
        }
    }

    #[test]
    fn a_budget_too_large_to_bind_gives_the_plan_without_one() {
        for seed in 0..10 {
            let m = crate::synthetic::org_map(200, seed);
            let advocate = m.stakeholders.iter().find(|s| s.advocate).unwrap().id;
            let free = plan_for(&m, &PlanOptions::new(advocate)).unwrap();
            let options = PlanOptions {
                budget: Some(25),
                ..PlanOptions::new(advocate)
            };
            assert_eq!(plan_for(&m, &options).unwrap().steps, free.steps);
        }
    }

    #[test]
    fn people_talked_to_lately_are_left_out_and_listed() {
        use crate::model::{Engagement, EngagementId};
        let mut m = office();
        let first = plan_for(&m, &PlanOptions::new(id(&m, "Ana"))).unwrap();
        let bob = id(&m, "Bob");
        assert_eq!(first.steps[0].id, bob);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        for (date, who) in [(day(1), bob), (day(3), bob), (day(4), id(&m, "Zed"))] {
            m.engagements.push(Engagement {
                id: EngagementId(0),
                date,
                stakeholder: who,
                held_by: None,
                channel: String::new(),
                summary: String::new(),
                stance_before: None,
                stance_after: None,
                next_step: String::new(),
                next_step_due: None,
            });
        }
        let plan_on = |today: NaiveDate| {
            let options = PlanOptions {
                today: Some(today),
                ..PlanOptions::new(id(&m, "Ana"))
            };
            plan_for(&m, &options).unwrap()
        };
        let plan = plan_on(day(4));
        assert!(plan.steps.iter().all(|s| s.id != bob), "{plan:#?}");
        // Advocates are never in a plan, so they are not listed as left out.
        assert_eq!(
            plan.skipped_recent,
            [RecentTalk {
                id: bob,
                date: day(3)
            }]
        );
        // 30 days after the latest talk, Bob is back; a talk after the day does not count.
        let later = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
        assert_eq!(plan_on(later).steps[0].id, bob);
        assert_eq!(plan_on(day(2)).skipped_recent[0].date, day(1));
        let before = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert!(plan_on(before).skipped_recent.is_empty());
    }

    /// The names of the plan's steps, in order.
    fn step_names(m: &MapSnapshot, report: &PlanReport) -> Vec<String> {
        let ids: Vec<StakeholderId> = report.steps.iter().map(|s| s.id).collect();
        names(m, &ids)
    }
}
