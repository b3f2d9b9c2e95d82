//! Bringing people, relations and conversations into a map from other files.
//!
//! Readers turn a file into an [`ImportBatch`]: the rows that parsed, and a problem
//! line for every row that did not. [`crate::store::MapFile::import`] then checks
//! the names against the map and applies everything in one transaction, or
//! nothing at all when any problem was found.

mod csv;

pub use self::csv::{read_engagements_csv, read_people_csv, read_relations_csv};

use chrono::NaiveDate;

use crate::model::{Level, RelationKind, Stakeholder, Stance};

/// Where a row came from, for error messages: `people.csv row 14`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    /// The file name as the user knows it.
    pub file: String,
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
}

impl std::fmt::Display for RowRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} row {}", self.file, self.row)
    }
}

/// A relation whose ends are still names.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedRelation {
    /// Where it came from.
    pub at: RowRef,
    /// The first person's name.
    pub from: String,
    /// What the tie means.
    pub kind: RelationKind,
    /// The second person's name.
    pub to: String,
    /// 1..5.
    pub strength: Level,
    /// A note on the tie.
    pub note: String,
}

/// A conversation whose people are still names.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedEngagement {
    /// Where it came from.
    pub at: RowRef,
    /// The day it was held.
    pub date: NaiveDate,
    /// Who was talked to.
    pub stakeholder: String,
    /// The advocate who held it, if given.
    pub held_by: Option<String>,
    /// Meeting, call, email…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// Their stance going in.
    pub stance_before: Option<Stance>,
    /// Their stance coming out.
    pub stance_after: Option<Stance>,
    /// The agreed next step.
    pub next_step: String,
    /// When it is due.
    pub next_step_due: Option<NaiveDate>,
}

/// Everything read from the files of one import, with the problems found so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportBatch {
    /// New people, with the row each came from.
    pub people: Vec<(RowRef, Stakeholder)>,
    /// New relations.
    pub relations: Vec<NamedRelation>,
    /// New conversations.
    pub engagements: Vec<NamedEngagement>,
    /// One line per problem: where, which column, what is wrong and the fix.
    pub problems: Vec<String>,
}

impl ImportBatch {
    /// Adds everything of `other` to this batch.
    pub fn extend(&mut self, other: ImportBatch) {
        self.people.extend(other.people);
        self.relations.extend(other.relations);
        self.engagements.extend(other.engagements);
        self.problems.extend(other.problems);
    }
}

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// People added.
    pub people: usize,
    /// Relations added.
    pub relations: usize,
    /// Conversations added.
    pub engagements: usize,
}
