//! Engagements (dated conversations) and the stance history they leave behind.

use chrono::{DateTime, NaiveDate, Utc};

use super::scales::Stance;
use super::stakeholder::StakeholderId;

/// The id of a stored engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EngagementId(pub i64);

/// A conversation with a stakeholder.
#[derive(Debug, Clone, PartialEq)]
pub struct Engagement {
    /// The id in the map file; [`EngagementId`]`(0)` until stored.
    pub id: EngagementId,
    /// The day it was held.
    pub date: NaiveDate,
    /// Who was talked to.
    pub stakeholder: StakeholderId,
    /// The advocate who held it, if recorded.
    pub held_by: Option<StakeholderId>,
    /// Meeting, call, email…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// Their stance going in, if assessed.
    pub stance_before: Option<Stance>,
    /// Their stance coming out; recording it updates the stakeholder's stance.
    pub stance_after: Option<Stance>,
    /// The agreed next step.
    pub next_step: String,
    /// When the next step is due.
    pub next_step_due: Option<NaiveDate>,
}

/// One entry of a stakeholder's stance history: stances are never overwritten.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceChange {
    /// Whose stance.
    pub stakeholder: StakeholderId,
    /// When it was recorded (or, for a conversation, the day it was held).
    pub at: DateTime<Utc>,
    /// The stance from then on.
    pub stance: Stance,
    /// What recorded it: `created`, `edited`, `imported`, `engagement`.
    pub source: String,
}
