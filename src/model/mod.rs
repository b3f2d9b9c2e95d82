//! The domain model: stakeholders, relations, engagements and the scales they use.
//!
//! These are the types the core reasons with; file and IPC formats live in
//! [`crate::formats`] as separate, versioned DTOs.

mod classes;
mod engagement;
mod map;
mod plan;
mod relation;
mod scales;
mod stakeholder;
pub mod text;

pub use classes::{HIGH_FROM, Quadrant, Salience};
pub use engagement::{Engagement, EngagementId, StanceChange};
pub use map::{MapInfo, MapSnapshot, People};
pub use plan::{NewPlan, SavedPlan, SavedPlanId, SavedStep};
pub use relation::{Relation, RelationId, RelationKind};
pub use scales::{Confidence, Level, Stance, parse_yes_no};
pub use stakeholder::{Field, Stakeholder, StakeholderId};
