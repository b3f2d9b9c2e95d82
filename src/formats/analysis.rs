//! The app's view of analysis results (IPC DTOs, version [`ANALYSIS_VERSION`]):
//! the planner's, the what-if simulation's and the metrics' reports with people
//! identified by id as well as name, so the views can highlight them.

use serde::{Deserialize, Serialize};

use crate::analysis::{MetricsReport, PlanReport, SimulationReport};
use crate::model::MapSnapshot;

/// The version of the analysis DTOs.
pub const ANALYSIS_VERSION: u32 = 1;

/// A conversation plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanDto {
    /// Always [`ANALYSIS_VERSION`].
    pub version: u32,
    /// The advocate's name.
    pub advocate: String,
    /// Support now.
    pub support_before: f64,
    /// Support once every step is taken.
    pub support_after: f64,
    /// The conversations, in the order to hold them.
    pub steps: Vec<PlanStepDto>,
    /// Whom not to talk to for now.
    pub avoid: Vec<AvoidDto>,
}

/// One conversation of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStepDto {
    /// Whom to talk to (id).
    pub id: i64,
    /// Whom to talk to (name).
    pub name: String,
    /// The support it adds.
    pub gain: f64,
    /// Its share of the plan's gain, 0..1.
    pub share: f64,
    /// Why, in a sentence.
    pub reason: String,
    /// Who can introduce the advocate, nearest the advocate first.
    pub introduced_by: Vec<String>,
    /// The introduction path as ids: the advocate, the introducers, the person.
    pub path: Vec<i64>,
}

/// Someone whom talking to would backfire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AvoidDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// The (negative) change of support.
    pub gain: f64,
    /// Why, in a sentence.
    pub reason: String,
}

/// The id of the person named `name` in the snapshot (0 if unknown).
fn id_of(map: &MapSnapshot, name: &str) -> i64 {
    map.find(name).map(|p| p.id.0).unwrap_or(0)
}

impl PlanDto {
    /// The DTO of a plan made from `map`.
    pub fn from_report(map: &MapSnapshot, report: &PlanReport) -> PlanDto {
        let advocate = id_of(map, &report.advocate);
        PlanDto {
            version: ANALYSIS_VERSION,
            advocate: report.advocate.clone(),
            support_before: report.support_before,
            support_after: report.support_after,
            steps: report
                .steps
                .iter()
                .map(|s| {
                    let id = id_of(map, &s.name);
                    let mut path = vec![advocate];
                    path.extend(s.introduced_by.iter().map(|n| id_of(map, n)));
                    path.push(id);
                    PlanStepDto {
                        id,
                        name: s.name.clone(),
                        gain: s.gain,
                        share: s.share,
                        reason: s.reason.clone(),
                        introduced_by: s.introduced_by.clone(),
                        path,
                    }
                })
                .collect(),
            avoid: report
                .avoid
                .iter()
                .map(|a| AvoidDto {
                    id: id_of(map, &a.name),
                    name: a.name.clone(),
                    gain: a.gain,
                    reason: a.reason.clone(),
                })
                .collect(),
        }
    }
}

/// A what-if as the app sends it: whom to talk to and which stances to try, by id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WhatIfDto {
    /// People to hold one conversation with each.
    #[serde(default)]
    pub talk: Vec<i64>,
    /// Stances to try, −2..2.
    #[serde(default)]
    pub stances: Vec<TryStanceDto>,
}

/// A stance to try for one person.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TryStanceDto {
    /// The person.
    pub id: i64,
    /// −2..2.
    pub stance: i64,
}

/// The predicted outcome of a what-if.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationDto {
    /// Always [`ANALYSIS_VERSION`].
    pub version: u32,
    /// Support without the changes.
    pub support_before: f64,
    /// Support with them.
    pub support: f64,
    /// Everyone's predicted opinion.
    pub people: Vec<PredictedDto>,
}

/// One person's predicted opinion, z ∈ [−1, 1].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictedDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// Their stance as rated, −2..2 scaled to [−1, 1].
    pub stance: f64,
    /// Predicted opinion without the changes.
    pub predicted_before: f64,
    /// Predicted opinion with them.
    pub predicted: f64,
    /// `supportive`, `neutral` or `resistant`, from the model's thresholds.
    pub outlook: String,
}

impl SimulationDto {
    /// The DTO of a simulation of `map`.
    pub fn from_report(map: &MapSnapshot, report: &SimulationReport) -> SimulationDto {
        SimulationDto {
            version: ANALYSIS_VERSION,
            support_before: report.support_before,
            support: report.support,
            people: report
                .people
                .iter()
                .map(|p| PredictedDto {
                    id: id_of(map, &p.name),
                    name: p.name.clone(),
                    stance: p.stance,
                    predicted_before: p.predicted_before,
                    predicted: p.predicted,
                    outlook: p.outlook.as_str().to_string(),
                })
                .collect(),
        }
    }
}

/// Graph metrics of everyone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricsDto {
    /// Always [`ANALYSIS_VERSION`].
    pub version: u32,
    /// Everyone, in name order.
    pub people: Vec<PersonMetricsDto>,
    /// True when betweenness was sampled (big maps) rather than exact.
    pub sampled: bool,
}

/// One person's metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonMetricsDto {
    /// Who (id).
    pub id: i64,
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
        MetricsDto {
            version: ANALYSIS_VERSION,
            sampled: report.betweenness_sample.is_some(),
            people: report
                .people
                .iter()
                .map(|p| PersonMetricsDto {
                    id: id_of(map, &p.name),
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
