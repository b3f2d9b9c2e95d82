//! The ties an import has met so far, in a few bytes each: enough to find a
//! duplicate row and to join a mutual tie listed from both ends, without
//! keeping the rows; and the multi-row INSERTs that write the added ones.

use std::sync::Arc;

use rusqlite::Connection;

use super::tie_stage::TieWrite;
use super::{Index, index};
use crate::error::Result;
use crate::import::{RelationRow, RowRef, excerpt};
use crate::model::text::check_text;
use crate::model::{Level, RelationKind};

/// One number per tie (the slots of its ends and its kind), so duplicates are
/// found without building strings.
pub(super) fn tie_key(from: u32, kind: RelationKind, to: u32) -> u64 {
    (u64::from(from) << 34) | (u64::from(to) << 3) | kind as u64
}

/// The ties of the import's files met so far.
#[derive(Default)]
pub(super) struct Ties {
    /// Every one-way tie (influences, reports to, trusts) met.
    one_way: foldhash::HashSet<u64>,
    /// Every mutual tie (allied, conflict) met, listed either way → its first
    /// listing in `firsts`.
    mutual: foldhash::HashMap<u64, Index>,
    /// The first listing of each mutual tie, which a listing from the other end
    /// joins.
    firsts: Vec<First>,
    /// The files of those listings, each once.
    files: Vec<Arc<str>>,
    /// Notes of those listings that are not empty (index 0 is unused).
    notes: Vec<Box<str>>,
    /// Names of those listings spelled otherwise than the map or people file
    /// spells them, as written (index 0 is unused).
    spelled: Vec<(Box<str>, Box<str>)>,
}

/// The first listing of a mutual tie: what joining it to its other listing needs.
#[derive(Clone, Copy)]
struct First {
    /// Its file, in `Ties::files`.
    file: Index,
    /// Its row.
    row: usize,
    /// Its note, in `Ties::notes` (0: none).
    note: Index,
    /// Its ends as written, in `Ties::spelled` (0: as the people are named).
    spelled: Index,
    /// Its id in the map once written, when it is added (`None`: in the map already).
    added: Option<i64>,
    /// 1..5.
    strength: Level,
}

/// What the import does with a tie of its files.
pub(super) enum Met {
    /// The same tie (same ends, same kind) is earlier in the files.
    Again,
    /// A mutual tie whose other listing was added: it joins it.
    Joins(Joined),
    /// First met.
    New,
}

/// A mutual tie listed from both ends, joined into one.
pub(super) struct Joined {
    /// The preview's line, e.g. `Ana – Ben (allied): listed twice (relations.csv
    /// rows 4 and 9); one tie kept, strength 4`.
    pub(super) line: String,
    /// The id of the tie kept (its first listing), once written.
    pub(super) id: i64,
    /// The stronger strength of the two.
    pub(super) strength: Level,
    /// Both notes, when they differ.
    pub(super) note: String,
}

impl Ties {
    /// What `r`, a tie between the slots `from` and `to`, is among the ties met so
    /// far; a second listing of a mutual tie is joined here (`Err` is the problem
    /// when the notes together are too long). `names` gives the ends' names as
    /// the map or people file spells them.
    pub(super) fn meet(
        &mut self,
        r: &RelationRow<'_>,
        from: u32,
        to: u32,
        names: (&str, &str),
    ) -> Result<Met, String> {
        let tie = tie_key(from, r.kind, to);
        if !r.kind.is_mutual() {
            return Ok(match self.one_way.contains(&tie) {
                true => Met::Again,
                false => Met::New,
            });
        }
        if self.mutual.contains_key(&tie) {
            return Ok(Met::Again);
        }
        let Some(&i) = self.mutual.get(&tie_key(to, r.kind, from)) else {
            return Ok(Met::New);
        };
        let Some(&first) = self.firsts.get(i as usize) else {
            return Ok(Met::New);
        };
        let Some(id) = first.added else {
            return Ok(Met::New);
        };
        // `B allied A` after `A allied B`: one tie, listed from both ends.
        self.mutual.insert(tie, i);
        let note = self.notes.get(first.note as usize).map_or("", |n| &**n);
        let (from_name, to_name) = match self.spelled.get(first.spelled as usize) {
            Some((a, b)) if first.spelled != 0 => (&**a, &**b),
            _ => names_back(names),
        };
        let file = self
            .files
            .get(first.file as usize)
            .cloned()
            .unwrap_or_default();
        let at = RowRef {
            file,
            row: first.row,
        };
        let strength = first.strength.max(r.strength);
        let note = match (note, r.note) {
            (a, b) if a == b || b.is_empty() => a.to_string(),
            ("", b) => b.to_string(),
            (a, b) => format!("{a}; {b}"),
        };
        if let Err(e) = check_text(&note, "the notes of both rows together") {
            return Err(format!("{}, column note: {e}", r.at));
        }
        let rows = if at.file == r.at.file {
            format!("{} rows {} and {}", at.file, at.row, r.at.row)
        } else {
            format!("{at} and {}", r.at)
        };
        let line = format!(
            "{} – {} ({}): listed twice ({rows}); one tie kept, strength {strength}",
            excerpt(from_name),
            excerpt(to_name),
            r.kind
        );
        Ok(Met::Joins(Joined {
            line,
            id,
            strength,
            note,
        }))
    }

    /// Remembers `r`, a tie first met, between `from` and `to` (`names`: their
    /// names as the map or people file spells them); `added` is its id when the
    /// import adds it, `None` when the map has it already.
    pub(super) fn remember(
        &mut self,
        r: &RelationRow<'_>,
        from: u32,
        to: u32,
        names: (&str, &str),
        added: Option<i64>,
    ) -> Result<()> {
        let tie = tie_key(from, r.kind, to);
        if !r.kind.is_mutual() {
            self.one_way.insert(tie);
            return Ok(());
        }
        let file = match self.files.iter().position(|f| Arc::ptr_eq(f, &r.at.file)) {
            Some(i) => i,
            None => {
                self.files.push(r.at.file.clone());
                self.files.len() - 1
            }
        };
        let note = if r.note.is_empty() {
            0
        } else {
            if self.notes.is_empty() {
                self.notes.push("".into());
            }
            self.notes.push(r.note.into());
            self.notes.len() - 1
        };
        let spelled = if (r.from, r.to) == names {
            0
        } else {
            if self.spelled.is_empty() {
                self.spelled.push(("".into(), "".into()));
            }
            self.spelled.push((r.from.into(), r.to.into()));
            self.spelled.len() - 1
        };
        self.mutual.insert(tie, index(self.firsts.len())?);
        self.firsts.push(First {
            file: index(file)?,
            row: r.at.row,
            note: index(note)?,
            spelled: index(spelled)?,
            added,
            strength: r.strength,
        });
        Ok(())
    }
}

/// The names of a tie's ends for its first listing, met from the other end.
fn names_back<'n>((from, to): (&'n str, &'n str)) -> (&'n str, &'n str) {
    (to, from)
}

/// Ties per INSERT statement: one statement of many rows costs far less than as
/// many statements of one row (6 parameters a row, well under SQLite's limit of
/// 32,766).
const TIES_PER_INSERT: usize = 200;

/// One tie to write.
struct Pending {
    id: i64,
    from: i64,
    to: i64,
    kind: RelationKind,
    strength: Level,
    note: String,
}

/// The added ties on their way into the map, written [`TIES_PER_INSERT`] at a
/// time, each with the id the import gave it (the one SQLite would give).
#[derive(Default)]
pub(super) struct TieWriter {
    /// Ties not written yet, at most [`TIES_PER_INSERT`].
    pending: Vec<Pending>,
}

impl TieWriter {
    /// Adds a tie (already checked), or gives a tie added before the strength
    /// and note of its listing from the other end.
    pub(super) fn write(&mut self, conn: &Connection, tie: TieWrite<'_>) -> Result<()> {
        if tie.join {
            return self.join(conn, tie);
        }
        self.pending.push(Pending {
            id: tie.id,
            from: tie.ends.0,
            to: tie.ends.1,
            kind: tie.kind,
            strength: tie.strength,
            note: tie.note.to_string(),
        });
        if self.pending.len() == TIES_PER_INSERT {
            self.flush(conn)?;
        }
        Ok(())
    }

    fn join(&mut self, conn: &Connection, tie: TieWrite<'_>) -> Result<()> {
        if let Some(p) = self.pending.iter_mut().find(|p| p.id == tie.id) {
            p.strength = tie.strength;
            tie.note.clone_into(&mut p.note);
            return Ok(());
        }
        conn.prepare_cached("UPDATE relations SET strength = ?2, note = ?3 WHERE id = ?1")?
            .execute((tie.id, tie.strength.value(), tie.note))?;
        Ok(())
    }

    /// Writes the ties not written yet.
    pub(super) fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let sql = |rows: usize| {
            let values = vec!["(?, ?, ?, ?, ?, ?)"; rows].join(", ");
            format!(
                "INSERT INTO relations (id, from_id, to_id, kind, strength, note) VALUES {values}"
            )
        };
        let values: Vec<(&str, u8)> = self
            .pending
            .iter()
            .map(|p| (p.kind.as_str(), p.strength.value()))
            .collect();
        let params: Vec<&dyn rusqlite::ToSql> = self
            .pending
            .iter()
            .zip(&values)
            .flat_map(|(p, (kind, strength))| {
                [
                    &p.id as &dyn rusqlite::ToSql,
                    &p.from,
                    &p.to,
                    kind,
                    strength,
                    &p.note,
                ]
            })
            .collect();
        conn.prepare_cached(&sql(self.pending.len()))?
            .execute(params.as_slice())?;
        self.pending.clear();
        Ok(())
    }
}
