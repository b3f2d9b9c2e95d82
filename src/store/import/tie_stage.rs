//! Deciding each tie row of an import: its ends resolved through the people's
//! slots, checked against the ties met before and the map's, and turned into
//! what to write. It needs nothing from the connection, so a streamed relations
//! sheet is decided on the thread that reads it, and the importer's thread only
//! writes.

use std::collections::HashMap;
use std::ops::Range;

use super::people::People;
use super::ties::{Met, Ties, tie_key};
use super::{Existing, Index, Problems, damaged, index};
use crate::error::Result;
use crate::import::{Conflict, ImportOptions, RelationRow, RowRef, excerpt};
use crate::model::text::name_key;
use crate::model::{Level, RelationKind, StakeholderId};

/// Everything a tie's decision reads, fixed once the people are in.
#[derive(Clone, Copy)]
pub(super) struct Known<'a> {
    /// What the map held before the import.
    pub(super) existing: &'a Existing,
    /// Everyone, by slot.
    pub(super) people: &'a People,
    /// The names of the people the import adds, by slot after the map's.
    pub(super) added: &'a [String],
    /// Names of people rows that had a problem → their row.
    pub(super) rejected: &'a HashMap<String, RowRef>,
    /// Merge or not.
    pub(super) options: &'a ImportOptions,
}

/// The decisions about ties so far, and what they add to the preview.
pub(super) struct TieStage {
    /// The map's ties by key → index in the map's relations.
    map_ties: foldhash::HashMap<u64, usize>,
    ties: Ties,
    /// The id the next tie added gets.
    next_id: i64,
    /// A buffer for name keys.
    key: String,
    /// The last name found in the `from` and in the `to` column, with its slot:
    /// a file lists someone's ties one after the other, so most rows name the
    /// row before's `from` again, and a lookup in a million names is a few cache
    /// misses.
    last: [(String, Index); 2],
    /// The problems found.
    pub(super) problems: Problems,
    /// Ties added.
    pub(super) added: usize,
    /// Ties the map has already (merge).
    pub(super) skipped: usize,
    /// Mutual ties listed from both ends, joined.
    pub(super) merged_ties: Vec<String>,
    /// Where a tie in the files differs from the map's (merge).
    pub(super) conflicts: Vec<Conflict>,
}

/// What to write for one tie row.
pub(super) enum Decision {
    /// Nothing: a problem, or the map has it already.
    Nothing,
    /// Add the tie as `id`, between the stored people `from` and `to` (0 when the
    /// pass does not write).
    Add { id: i64, from: i64, to: i64 },
    /// Give the tie `id` added before this strength and note.
    Join {
        id: i64,
        strength: Level,
        note: String,
    },
}

impl TieStage {
    /// Starts with the map's ties (a tie whose person is gone is a problem) and
    /// the id after the map's last tie.
    pub(super) fn new(known: Known<'_>, slot_of_id: &HashMap<StakeholderId, Index>) -> TieStage {
        let mut stage = TieStage {
            map_ties: Default::default(),
            ties: Ties::default(),
            next_id: known
                .existing
                .relations
                .iter()
                .map(|r| r.id.0)
                .max()
                .unwrap_or(0)
                + 1,
            key: String::new(),
            last: Default::default(),
            problems: Problems::default(),
            added: 0,
            skipped: 0,
            merged_ties: Vec::new(),
            conflicts: Vec::new(),
        };
        for (i, r) in known.existing.relations.iter().enumerate() {
            match (slot_of_id.get(&r.from), slot_of_id.get(&r.to)) {
                (Some(&from), Some(&to)) => {
                    stage.map_ties.insert(tie_key(from, r.kind, to), i);
                }
                _ => stage.problems.push(damaged(format!(
                    "relation {} ({} from stakeholder {} to stakeholder {}) names a person who \
                     is not in the map",
                    r.id.0, r.kind, r.from.0, r.to.0
                ))),
            }
        }
        stage
    }

    /// The slot of a name a tie gives in `column` (0: from, 1: to), or the
    /// problem that no one has it.
    fn find(&mut self, known: &Known<'_>, name: &str, at: &RowRef, column: usize) -> Option<Index> {
        let last = &mut self.last[column];
        if !name.is_empty() && last.0 == name {
            return Some(last.1);
        }
        let slot = known.people.slot(name, &mut self.key);
        if let Some(slot) = slot {
            name.clone_into(&mut last.0);
            last.1 = slot;
        } else {
            let column = ["from", "to"][column];
            self.problems.push(match known.rejected.get(&name_key(name)) {
                Some(row) => format!(
                    "{at}, column {column}: '{}' is on {row}, which has a problem listed above; \
                     fix that row",
                    excerpt(name)
                ),
                None => format!(
                    "{at}, column {column}: no stakeholder named '{}' in the map or the people \
                     file; check the spelling",
                    excerpt(name)
                ),
            });
        }
        slot
    }

    /// Decides one tie row read whole.
    pub(super) fn decide(&mut self, known: &Known<'_>, r: &RelationRow<'_>) -> Result<Decision> {
        let from = self.find(known, r.from, r.at, 0);
        let to = self.find(known, r.to, r.at, 1);
        let (Some(from), Some(to)) = (from, to) else {
            return Ok(Decision::Nothing);
        };
        if from == to {
            self.problems.push(format!(
                "{}, column to: '{}' cannot {} themselves; a relation needs two different people",
                r.at,
                excerpt(r.to),
                r.kind
            ));
            return Ok(Decision::Nothing);
        }
        let names = names_of(known, (from, to));
        match self.ties.meet(r, from, to, names) {
            Ok(Met::Again) => {
                self.problems.push(format!(
                    "{}: '{}' {} '{}' is already earlier in the file; remove the duplicate row",
                    r.at,
                    excerpt(r.from),
                    r.kind,
                    excerpt(r.to)
                ));
                return Ok(Decision::Nothing);
            }
            Ok(Met::Joins(joined)) => {
                self.merged_ties.push(joined.line);
                return Ok(Decision::Join {
                    id: joined.id,
                    strength: joined.strength,
                    note: joined.note,
                });
            }
            Err(problem) => {
                self.problems.push(problem);
                return Ok(Decision::Nothing);
            }
            Ok(Met::New) => {}
        }
        let (tie, reverse) = (tie_key(from, r.kind, to), tie_key(to, r.kind, from));
        let in_map = self
            .map_ties
            .get(&tie)
            .or_else(|| {
                r.kind
                    .is_mutual()
                    .then(|| self.map_ties.get(&reverse))
                    .flatten()
            })
            .and_then(|&i| known.existing.relations.get(i));
        let decision = match in_map {
            Some(existing) if known.options.merge => {
                self.skipped += 1;
                let label = format!("{} {} {}", r.from, r.kind, r.to);
                for (field, a, b) in [
                    (
                        "strength",
                        existing.strength.to_string(),
                        r.strength.to_string(),
                    ),
                    ("note", existing.note.clone(), r.note.to_string()),
                ] {
                    if a != b {
                        self.conflicts.push(Conflict {
                            name: label.clone(),
                            field: field.into(),
                            in_map: a,
                            in_file: b,
                        });
                    }
                }
                Decision::Nothing
            }
            Some(_) => {
                self.problems.push(format!(
                    "{}: '{}' {} '{}' is already in the map; remove the row, or import with --merge",
                    r.at,
                    excerpt(r.from),
                    r.kind,
                    excerpt(r.to)
                ));
                Decision::Nothing
            }
            None => {
                self.added += 1;
                index(self.added)?;
                let id = self.next_id;
                self.next_id += 1;
                let stored = |slot| known.people.id(slot).unwrap_or(0);
                Decision::Add {
                    id,
                    from: stored(from),
                    to: stored(to),
                }
            }
        };
        let added = match decision {
            Decision::Add { id, .. } => Some(id),
            _ => None,
        };
        self.ties.remember(r, from, to, names, added)?;
        Ok(decision)
    }
}

/// The names of the slots `from` and `to` as the map or the people file spells them.
fn names_of<'n>(known: &Known<'n>, (from, to): (Index, Index)) -> (&'n str, &'n str) {
    let existing = &known.existing.people;
    let name = |slot: Index| -> &'n str {
        let slot = slot as usize;
        match existing.get(slot) {
            Some(p) => &p.name,
            None => known
                .added
                .get(slot - existing.len())
                .map_or("", String::as_str),
        }
    };
    (name(from), name(to))
}

impl Decision {
    /// What to write for the decision about `r`, if anything.
    pub(super) fn write<'r>(&'r self, r: &RelationRow<'r>) -> Option<TieWrite<'r>> {
        match *self {
            Decision::Nothing => None,
            Decision::Add { id, from, to } => Some(TieWrite {
                id,
                ends: (from, to),
                kind: r.kind,
                strength: r.strength,
                note: r.note,
                join: false,
            }),
            Decision::Join {
                id,
                strength,
                ref note,
            } => Some(TieWrite {
                id,
                ends: (0, 0),
                kind: r.kind,
                strength,
                note,
                join: true,
            }),
        }
    }
}

/// Decided ties on their way from a reader's thread to the writer: what to
/// write, their notes in one buffer.
#[derive(Default)]
pub(super) struct Decided {
    /// The notes, one after the other.
    text: String,
    /// What to write, in order.
    writes: Vec<Write>,
    /// Rows decided, written or not.
    pub(super) rows: u64,
    /// Bytes of the file read by the last row.
    pub(super) bytes: u64,
    /// False once the reader or the decisions found a problem.
    pub(super) clean: bool,
}

/// One write of [`Decided`].
struct Write {
    id: i64,
    from: i64,
    to: i64,
    kind: RelationKind,
    strength: Level,
    note: Range<usize>,
    /// A join: give the tie `id` this strength and note.
    join: bool,
}

/// A tie to write, as the writer takes it.
pub(super) struct TieWrite<'a> {
    /// Its id.
    pub(super) id: i64,
    /// The stored people at its ends (unused for a join).
    pub(super) ends: (i64, i64),
    /// Its kind.
    pub(super) kind: RelationKind,
    /// Its strength.
    pub(super) strength: Level,
    /// Its note.
    pub(super) note: &'a str,
    /// True when it joins the tie `id`, added before, rather than adding one.
    pub(super) join: bool,
}

impl crate::import::Chunk for Decided {
    fn clear(&mut self) {
        self.text.clear();
        self.writes.clear();
        self.rows = 0;
        self.bytes = 0;
        self.clean = false;
    }
}

impl Decided {
    /// Rows per hand-over.
    const ROWS: u64 = 4096;

    /// Adds the decision about `r`.
    pub(super) fn push(&mut self, r: &RelationRow<'_>, decision: Decision) {
        self.rows += 1;
        let Some(tie) = decision.write(r) else {
            return;
        };
        let start = self.text.len();
        self.text.push_str(tie.note);
        self.writes.push(Write {
            id: tie.id,
            from: tie.ends.0,
            to: tie.ends.1,
            kind: tie.kind,
            strength: tie.strength,
            note: start..self.text.len(),
            join: tie.join,
        });
    }

    /// True when it holds enough rows to hand over.
    pub(super) fn is_full(&self) -> bool {
        self.rows >= Self::ROWS
    }

    /// Each write, in order.
    pub(super) fn writes(&self) -> impl Iterator<Item = TieWrite<'_>> {
        self.writes.iter().map(|w| TieWrite {
            id: w.id,
            ends: (w.from, w.to),
            kind: w.kind,
            strength: w.strength,
            note: self.text.get(w.note.clone()).unwrap_or_default(),
            join: w.join,
        })
    }
}
