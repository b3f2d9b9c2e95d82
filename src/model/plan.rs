//! A saved plan: the conversations an advocate set out to hold, kept so progress
//! can be followed.

use chrono::{DateTime, Utc};

use super::stakeholder::StakeholderId;

/// The id of a saved plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SavedPlanId(pub i64);

/// A plan as it was saved.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedPlan {
    /// The id in the map file.
    pub id: SavedPlanId,
    /// The advocate it is for.
    pub advocate: StakeholderId,
    /// When it was saved; conversations from this day on count as held.
    pub saved: DateTime<Utc>,
    /// The θ it was computed with.
    pub theta: f64,
    /// The support score F when it was saved.
    pub support_before: f64,
    /// The support it predicted once every step is taken.
    pub support_after: f64,
    /// The conversations, in order.
    pub steps: Vec<SavedStep>,
}

/// One conversation of a saved plan.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedStep {
    /// Whom to talk to.
    pub stakeholder: StakeholderId,
    /// The support it was predicted to add.
    pub gain: f64,
    /// Why, as the plan said it.
    pub reason: String,
}

/// A plan to save: what the planner chose, before the map gives it an id and a time.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlan {
    /// The advocate it is for.
    pub advocate: StakeholderId,
    /// The θ it was computed with.
    pub theta: f64,
    /// The support score F now.
    pub support_before: f64,
    /// The support it predicts once every step is taken.
    pub support_after: f64,
    /// The conversations, in order.
    pub steps: Vec<SavedStep>,
}
