//! Analysis of a map: the influence model, the conversation planner, what-if
//! simulation and graph metrics. Everything here is a pure function of a
//! [`MapSnapshot`](crate::model::MapSnapshot): no I/O, no SQLite.
//!
//! The model and how its numbers are reached are explained for consultants in
//! `docs/model.md`.

mod equilibrium;
mod influence;

pub use equilibrium::TOLERANCE;
pub use influence::{InfluenceEdge, InfluenceModel};

#[cfg(test)]
mod testing;
