//! Analysis of a map: the influence model, the conversation planner, what-if
//! simulation and graph metrics. Everything here is a pure function of a
//! [`MapSnapshot`](crate::model::MapSnapshot): no I/O, no SQLite.
//!
//! The entry points are [`plan_for`], [`simulate`] and [`metrics`]. Their reports
//! name people by [`StakeholderId`](crate::model::StakeholderId) only; the front
//! ends resolve names once, through the versioned DTOs in
//! [`formats::analysis`](crate::formats::analysis). The model and how its numbers
//! are reached are explained for consultants in `docs/model.md`.

pub mod betweenness;
mod components;
mod edges;
mod equilibrium;
mod goals;
mod influence;
mod measures;
mod metrics;
pub mod pagerank;
mod paths;
mod people;
mod plan;
mod reasons;
mod uncertainty;
mod whatif;

pub use crate::cancel::Cancel;
pub use edges::{InfluenceEdge, InfluenceEdges};
pub use equilibrium::{DEFAULT_THETA, Outlook, RESISTANT, SUPPORTIVE, TOLERANCE, band};
pub use goals::{Goal, Proof};
pub use influence::{InfluenceModel, PEER_PULL, peer_weight};
pub use measures::{Measures, points, support_score};
pub use metrics::{MetricsReport, PersonMetrics, metrics};
pub use paths::{COLD_REACH, INTRODUCER_PASS, MAX_INTRODUCERS};
pub use plan::{
    AvoidNote, BandChange, DEFAULT_STEPS, Flow, GAIN_FLOOR, PlanOptions, PlanReport, PlanStep,
    RECENT_DAYS, RecentTalk, plan_for, plan_for_until,
};
pub use reasons::{introduction_chain, percent, signed};
pub use uncertainty::{CheckFirst, DEFAULT_SEED, Rating, SAMPLES, Uncertainty};
pub use whatif::{SimulatedPerson, SimulationReport, WhatIf, simulate, simulate_until};

#[cfg(test)]
mod testing;
