//! The map as a whole: what the change is, and a snapshot of everything in it.

use foldhash::HashMap;

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

    /// The people by id, for resolving many ids at once: built in one pass, each
    /// lookup then O(1). Front ends resolve a report's ids to names through it.
    pub fn people(&self) -> People<'_> {
        People {
            by_id: self.stakeholders.iter().map(|s| (s.id, s)).collect(),
        }
    }

    /// The advocate to plan for first: the most powerful one (the sponsor, as a
    /// rule), ties by name. The app, the CLI's report and every export use it.
    pub fn lead_advocate(&self) -> Option<StakeholderId> {
        self.stakeholders
            .iter()
            .filter(|p| p.advocate)
            .min_by_key(|p| (std::cmp::Reverse(p.power), super::text::name_key(&p.name)))
            .map(|p| p.id)
    }

    /// The stakeholder with this name, compared case-insensitively. For the edges
    /// only (a name the user typed); inside the core people are ids.
    pub fn find(&self, name: &str) -> Option<&Stakeholder> {
        let key = super::text::name_key(name);
        self.stakeholders
            .iter()
            .find(|s| super::text::name_key(&s.name) == key)
    }
}

/// The people of one snapshot by id (see [`MapSnapshot::people`]).
#[derive(Debug, Clone)]
pub struct People<'a> {
    by_id: HashMap<StakeholderId, &'a Stakeholder>,
}

impl<'a> People<'a> {
    /// The person with this id, if they are in the snapshot.
    pub fn get(&self, id: StakeholderId) -> Option<&'a Stakeholder> {
        self.by_id.get(&id).copied()
    }

    /// The name of the person with this id; empty for an id not in the snapshot
    /// (someone removed since, e.g. in a saved plan).
    pub fn name(&self, id: StakeholderId) -> &'a str {
        self.get(id).map_or("", |s| s.name.as_str())
    }
}
