//! Analysis of a map: the influence model, the conversation planner, what-if
//! simulation and graph metrics. Everything here is a pure function of a
//! [`MapSnapshot`](crate::model::MapSnapshot): no I/O, no SQLite.
//!
//! The entry points are [`plan_for`], [`simulate`] and [`metrics`]; their reports
//! serialise to the CLI's `--json` output and print as tables with `to_text`. The
//! model and how its numbers are reached are explained for consultants in
//! `docs/model.md`.

pub mod betweenness;
mod equilibrium;
mod influence;
mod metrics;
pub mod pagerank;
mod paths;
mod plan;
mod reasons;
mod table;
mod whatif;

pub use equilibrium::{DEFAULT_THETA, Outlook, RESISTANT, SUPPORTIVE, TOLERANCE};
pub use influence::{InfluenceEdge, InfluenceModel};
pub use metrics::{MetricsReport, PersonMetrics, metrics};
pub use plan::{
    AvoidNote, DEFAULT_STEPS, Flow, GAIN_FLOOR, PlanOptions, PlanReport, PlanStep, plan_for,
};
pub use whatif::{SimulatedPerson, SimulationReport, WhatIf, simulate};

#[cfg(test)]
mod testing;
