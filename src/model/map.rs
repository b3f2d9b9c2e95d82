//! The map as a whole: what the change is, and a snapshot of everything in it.

use chrono::{DateTime, Utc};

use super::engagement::{Engagement, StanceChange};
use super::relation::Relation;
use super::stakeholder::{Stakeholder, StakeholderId};

/// What a map is about: one change initiative.
#[derive(Debug, Clone, PartialEq)]
pub struct MapInfo {
    /// A short name, e.g. "Project Keystone".
    pub name: String,
    /// The change being made.
    pub change: String,
    /// Longer description.
    pub description: String,
    /// When the map was created.
    pub created: DateTime<Utc>,
    /// When anything in it last changed.
    pub updated: DateTime<Utc>,
}

/// Everything in a map at one moment, read in one transaction. Analysis works on this.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSnapshot {
    /// What the map is about.
    pub info: MapInfo,
    /// The people, ordered by name.
    pub stakeholders: Vec<Stakeholder>,
    /// The ties, ordered by id.
    pub relations: Vec<Relation>,
    /// The conversations, ordered by date.
    pub engagements: Vec<Engagement>,
    /// Every stance change, ordered by time.
    pub stance_history: Vec<StanceChange>,
}

impl MapSnapshot {
    /// The stakeholder with this id.
    pub fn stakeholder(&self, id: StakeholderId) -> Option<&Stakeholder> {
        self.stakeholders.iter().find(|s| s.id == id)
    }

    /// The stakeholder with this name, compared case-insensitively.
    pub fn find(&self, name: &str) -> Option<&Stakeholder> {
        let key = super::text::name_key(name);
        self.stakeholders
            .iter()
            .find(|s| super::text::name_key(&s.name) == key)
    }
}
