//! The app's view of analysis results (IPC DTOs, version [`ANALYSIS_VERSION`]):
//! the planner's, the what-if simulation's and the metrics' reports with people
//! identified by id as well as name, so the views can highlight them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analysis::{Flow, Measures, MetricsReport, PlanReport, SimulationReport, band};
use crate::model::{MapSnapshot, StakeholderId};

/// The version of the analysis DTOs. 2: people by id with their names resolved
/// once, effort, warmth, flows and whom a backfiring conversation hardens.
/// 3: influence model v2; the three measures before and after, predicted bands.
pub const ANALYSIS_VERSION: u32 = 3;

/// The three measures of where the change stands, for one set of predictions.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MeasuresDto {
    /// The support score, −100..+100: round(100·F).
    pub score: i64,
    /// F itself, −1..1.
    pub support: f64,
    /// How many people are predicted Supportive or better.
    pub supporters: usize,
    /// How many people there are.
    pub people: usize,
    /// The supporters' share of the power, 0..1.
    pub supporter_power: f64,
    /// The power share of the people predicted at or beyond their target, 0..1.
    pub committed_power: f64,
    /// The three in words: "Support score 3; supporters 12 of 34, holding 41% of the
    /// power; 20% of the power at target".
    pub summary: String,
}

impl MeasuresDto {
    /// The DTO of one set of measures.
    pub fn from_measures(m: &Measures) -> MeasuresDto {
        MeasuresDto {
            score: m.score(),
            support: m.support,
            supporters: m.supporters,
            people: m.people,
            supporter_power: m.supporter_power,
            committed_power: m.committed_power,
            summary: m.describe(),
        }
    }
}

/// The three measures before and after a plan or a what-if.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MeasuresChangeDto {
    /// Before.
    pub before: MeasuresDto,
    /// After.
    pub after: MeasuresDto,
    /// The change in words: "Support score 3 → 12; supporters 12 of 34, holding 41%
    /// of the power → 14 of 34, holding 48%; power at target 20% → 31%".
    pub summary: String,
}

impl MeasuresChangeDto {
    /// The DTO of the measures `before` and `after`.
    pub fn new(before: &Measures, after: &Measures) -> MeasuresChangeDto {
        MeasuresChangeDto {
            before: MeasuresDto::from_measures(before),
            after: MeasuresDto::from_measures(after),
            summary: before.describe_change(after),
        }
    }
}

/// A conversation plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanDto {
    /// Always [`ANALYSIS_VERSION`].
    pub version: u32,
    /// The advocate (id).
    pub advocate_id: i64,
    /// The advocate's name.
    pub advocate: String,
    /// What the plan aims at: `support`, `coalition` or `commitment`.
    pub goal: String,
    /// `exact` when no plan does better for the goal ("best possible"), `greedy` when
    /// it is the best one found.
    pub proof: String,
    /// Support now.
    pub support_before: f64,
    /// Support once every step is taken.
    pub support_after: f64,
    /// The three measures now and once every step is taken.
    pub measures: MeasuresChangeDto,
    /// The total effort of the steps.
    pub effort: u32,
    /// The conversations, in the order to hold them.
    pub steps: Vec<PlanStepDto>,
    /// Whom not to talk to for now.
    pub avoid: Vec<AvoidDto>,
    /// People left out because they were talked to in the last 30 days, latest first.
    pub skipped_recent: Vec<RecentTalkDto>,
    /// Ratings to check before acting on the plan (an advocate rated resistant).
    pub warnings: Vec<String>,
    /// A range for the plan's gain from re-sampled ratings.
    pub range: RangeDto,
    /// The stance and openness ratings whose one-level error would change the plan
    /// most, costliest first (support goal only).
    pub check_first: Vec<CheckFirstDto>,
}

/// The plan's gain when ratings are re-sampled one level up or down, with a chance
/// by confidence (low 0.5, medium 0.3, high 0.1).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RangeDto {
    /// The 10th percentile of the plan's gain (ΔF).
    pub low: f64,
    /// The 90th percentile.
    pub high: f64,
    /// How many samples.
    pub samples: usize,
    /// The seed: the same seed gives the same range.
    pub seed: u64,
}

/// A rating to check first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CheckFirstDto {
    /// Whose rating (id).
    pub id: i64,
    /// Whose rating (name).
    pub name: String,
    /// `stance` or `openness`.
    pub rating: String,
    /// The rating now, e.g. `Resistant`.
    pub now: String,
    /// The rating one level off that would change the plan most.
    pub if_off: String,
    /// The expected support (ΔF) the plan as it stands would leave on the table.
    pub regret: f64,
    /// Who would come into the plan (names).
    pub joins: Vec<String>,
    /// Who would leave it (names).
    pub leaves: Vec<String>,
    /// In words: "If Graham's openness is Low rather than Medium, Ivo comes into the
    /// plan in place of Graham."
    pub summary: String,
}

/// Someone left out of the plan because they were talked to lately.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecentTalkDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// The day of their latest conversation, YYYY-MM-DD.
    pub date: String,
}

/// One conversation of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanStepDto {
    /// Whom to talk to (id).
    pub id: i64,
    /// Whom to talk to (name).
    pub name: String,
    /// The support it adds.
    pub gain: f64,
    /// Its share of the plan's gain, 0..1.
    pub share: f64,
    /// The effort of the conversation, 1..5.
    pub effort: u32,
    /// Why, in a sentence.
    pub reason: String,
    /// Who can introduce the advocate, nearest the advocate first (at most three).
    pub introduced_by: Vec<String>,
    /// The introduction path as ids: the advocate, the introducers, the person.
    pub path: Vec<i64>,
    /// The warmth of the way in, ρ^(introducers)·Π w with ρ = 0.5, in (0, 1]:
    /// 1 is a direct, strongest tie. `None` when no warm path exists.
    pub warmth: Option<f64>,
    /// The people through whom most of the gain flows (who warm), with their share
    /// of the gain: they cover 80% of it, or are the three largest.
    pub flows_through: Vec<FlowDto>,
    /// The people through whom part of the gain is lost (who harden), negative shares.
    pub losses_through: Vec<FlowDto>,
    /// Whose predicted band the step changes, the person talked to first.
    pub band_changes: Vec<BandChangeDto>,
    /// The chance of reaching them, 0..1: the warmth of the way in, 0.1 for a cold
    /// approach.
    pub reach: f64,
    /// reach × gain: the support to expect from the step.
    pub expected_gain: f64,
    /// With no warm path, the nearest person who could help (name), if anyone has a
    /// tie to them.
    pub helper: Option<String>,
    /// How often they stay in the plan when ratings are re-sampled, 0..1 (support
    /// goal only).
    pub stays: Option<f64>,
}

/// A predicted band change a step causes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BandChangeDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// The band before the step, e.g. `Resistant`.
    pub from: String,
    /// The band after it, e.g. `Neutral`.
    pub to: String,
}

/// Part of a step's gain that comes through one person.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FlowDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// Their predicted change of opinion, Δz.
    pub change: f64,
    /// Their share of the step's gain.
    pub share: f64,
}

/// Someone whom talking to would backfire.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AvoidDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// The (negative) change of support.
    pub gain: f64,
    /// The person whose opinion would drop most (name).
    pub hardens: String,
    /// Why, in a sentence.
    pub reason: String,
}

impl PlanDto {
    /// The DTO of a plan made from `map`.
    pub fn from_report(map: &MapSnapshot, report: &PlanReport) -> PlanDto {
        let people = map.people();
        let name = |id: StakeholderId| people.name(id).to_string();
        let flow = |f: &Flow| FlowDto {
            id: f.id.0,
            name: name(f.id),
            change: f.change,
            share: f.share,
        };
        PlanDto {
            version: ANALYSIS_VERSION,
            advocate_id: report.advocate.0,
            advocate: name(report.advocate),
            goal: report.goal.as_str().to_string(),
            proof: report.proof.as_str().to_string(),
            support_before: report.support_before,
            support_after: report.support_after,
            measures: MeasuresChangeDto::new(&report.measures_before, &report.measures_after),
            effort: report.effort,
            steps: report
                .steps
                .iter()
                .map(|s| {
                    let mut path = vec![report.advocate.0];
                    path.extend(s.introduced_by.iter().map(|i| i.0));
                    path.push(s.id.0);
                    PlanStepDto {
                        id: s.id.0,
                        name: name(s.id),
                        gain: s.gain,
                        share: s.share,
                        effort: s.effort,
                        reason: s.reason.clone(),
                        introduced_by: s.introduced_by.iter().map(|&i| name(i)).collect(),
                        path,
                        warmth: s.warmth,
                        reach: s.reach,
                        expected_gain: s.expected_gain,
                        helper: s.helper.map(name),
                        stays: s.stays,
                        flows_through: s.flows_through.iter().map(&flow).collect(),
                        losses_through: s.losses_through.iter().map(&flow).collect(),
                        band_changes: s
                            .band_changes
                            .iter()
                            .map(|b| BandChangeDto {
                                id: b.id.0,
                                name: name(b.id),
                                from: b.from.label().to_string(),
                                to: b.to.label().to_string(),
                            })
                            .collect(),
                    }
                })
                .collect(),
            avoid: report
                .avoid
                .iter()
                .map(|a| AvoidDto {
                    id: a.id.0,
                    name: name(a.id),
                    gain: a.gain,
                    hardens: name(a.hardens),
                    reason: a.reason.clone(),
                })
                .collect(),
            skipped_recent: report
                .skipped_recent
                .iter()
                .map(|r| RecentTalkDto {
                    id: r.id.0,
                    name: name(r.id),
                    date: r.date.to_string(),
                })
                .collect(),
            warnings: report.warnings.clone(),
            range: RangeDto {
                low: report.uncertainty.low,
                high: report.uncertainty.high,
                samples: report.uncertainty.samples,
                seed: report.uncertainty.seed,
            },
            check_first: report
                .uncertainty
                .check_first
                .iter()
                .map(|c| {
                    let joins: Vec<String> = c.joins.iter().map(|&j| name(j)).collect();
                    let leaves: Vec<String> = c.leaves.iter().map(|&j| name(j)).collect();
                    let change = if leaves.is_empty() {
                        format!("{} would come into the plan", and_list(&joins))
                    } else {
                        format!(
                            "{} would come into the plan in place of {}",
                            and_list(&joins),
                            and_list(&leaves)
                        )
                    };
                    CheckFirstDto {
                        id: c.id.0,
                        name: name(c.id),
                        rating: c.rating.as_str().to_string(),
                        now: c.now.to_string(),
                        if_off: c.if_off.to_string(),
                        regret: c.regret,
                        summary: format!(
                            "If {}'s {} is {} rather than {}, {change}",
                            name(c.id),
                            c.rating.as_str(),
                            c.if_off,
                            c.now
                        ),
                        joins,
                        leaves,
                    }
                })
                .collect(),
        }
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A plan as the app asks for it: for whom, how long, within what budget, aimed
/// at what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanRequestDto {
    /// The advocate who will hold the conversations (id).
    pub advocate: i64,
    /// The most conversations in the plan.
    pub steps: usize,
    /// The most effort points in all, or none.
    #[serde(default)]
    pub budget: Option<u32>,
    /// `support` (the default), `coalition` or `commitment`.
    #[serde(default)]
    pub goal: Option<String>,
}

/// A what-if as the app sends it: whom to talk to and which stances to try, by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct WhatIfDto {
    /// People to hold one conversation with each.
    #[serde(default)]
    pub talk: Vec<i64>,
    /// Stances to try, −2..2.
    #[serde(default)]
    pub stances: Vec<TryStanceDto>,
}

/// A stance to try for one person.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct TryStanceDto {
    /// The person.
    pub id: i64,
    /// −2..2.
    pub stance: i64,
}

/// The predicted outcome of a what-if.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SimulationDto {
    /// Always [`ANALYSIS_VERSION`].
    pub version: u32,
    /// Support without the changes.
    pub support_before: f64,
    /// Support with them.
    pub support: f64,
    /// The three measures without and with the changes.
    pub measures: MeasuresChangeDto,
    /// Everyone's predicted opinion.
    pub people: Vec<PredictedDto>,
}

/// One person's predicted opinion, z ∈ [−1, 1].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PredictedDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// Their stance as rated, −2..2 scaled to [−1, 1].
    pub stance: f64,
    /// Their own opinion after the tried stances and conversations.
    pub stance_after: f64,
    /// Predicted opinion without the changes.
    pub predicted_before: f64,
    /// Predicted opinion with them.
    pub predicted: f64,
    /// `supportive`, `neutral` or `resistant`, from the model's thresholds.
    pub outlook: String,
    /// The predicted band without the changes, e.g. `Resistant`.
    pub band_before: String,
    /// The predicted band with them, e.g. `Neutral`.
    pub band: String,
}

impl SimulationDto {
    /// The DTO of a simulation of `map`.
    pub fn from_report(map: &MapSnapshot, report: &SimulationReport) -> SimulationDto {
        let people = map.people();
        SimulationDto {
            version: ANALYSIS_VERSION,
            support_before: report.support_before,
            support: report.support,
            measures: MeasuresChangeDto::new(&report.measures_before, &report.measures),
            people: report
                .people
                .iter()
                .map(|p| PredictedDto {
                    id: p.id.0,
                    name: people.name(p.id).to_string(),
                    stance: p.stance,
                    stance_after: p.stance_after,
                    predicted_before: p.predicted_before,
                    predicted: p.predicted,
                    outlook: p.outlook.as_str().to_string(),
                    band_before: band(p.predicted_before).label().to_string(),
                    band: band(p.predicted).label().to_string(),
                })
                .collect(),
        }
    }
}

/// Graph metrics of everyone.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MetricsDto {
    /// Always [`ANALYSIS_VERSION`].
    pub version: u32,
    /// Everyone, in name order.
    pub people: Vec<PersonMetricsDto>,
    /// True when betweenness was sampled (big maps) rather than exact.
    pub sampled: bool,
    /// The number of (source, target) pairs betweenness was sampled from, when it was.
    pub sample: Option<usize>,
    /// When sampled: every betweenness is within ± this of exact ...
    pub betweenness_epsilon: Option<f64>,
    /// ... with probability at least 1 − this.
    pub betweenness_delta: Option<f64>,
    /// How many groups of mutually-influencing people there are.
    pub groups: usize,
}

/// One person's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PersonMetricsDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// Weighted PageRank: how much they are listened to.
    pub pagerank: f64,
    /// Normalised betweenness 0..1: how much they broker.
    pub betweenness: f64,
    /// Influence reaching them.
    pub influence_in: f64,
    /// Influence they exert.
    pub influence_out: f64,
    /// Their group of mutually-influencing people, if any.
    pub group: Option<usize>,
}

impl MetricsDto {
    /// The DTO of the metrics of `map`.
    pub fn from_report(map: &MapSnapshot, report: &MetricsReport) -> MetricsDto {
        let people = map.people();
        MetricsDto {
            version: ANALYSIS_VERSION,
            sampled: report.betweenness_sample.is_some(),
            sample: report.betweenness_sample.map(|s| s.samples),
            betweenness_epsilon: report.betweenness_sample.map(|s| s.epsilon),
            betweenness_delta: report.betweenness_sample.map(|s| s.delta),
            groups: report.groups,
            people: report
                .people
                .iter()
                .map(|p| PersonMetricsDto {
                    id: p.id.0,
                    name: people.name(p.id).to_string(),
                    pagerank: p.pagerank,
                    betweenness: p.betweenness,
                    influence_in: p.influence_in,
                    influence_out: p.influence_out,
                    group: p.group,
                })
                .collect(),
        }
    }
}
