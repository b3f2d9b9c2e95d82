//! Applying an import: every name checked against the map, then one transaction.
//!
//! One pass does both the dry run and the import: people first (each written as
//! soon as it is checked), then ties (each CSV row resolved through the people's
//! slots and written straight into multi-row INSERTs, never kept), then
//! conversations; the pass always reads to the end, so every problem is listed,
//! and when there is one the transaction is rolled back and nothing changes. The
//! dry run is the same pass writing nothing.

mod people;
mod tie_stage;
mod ties;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::{Connection, params};

use self::people::People;
use self::tie_stage::{Decided, Known, TieStage};
use self::ties::TieWriter;
use super::engagements::insert_engagement;
use super::stakeholders::{PeopleWriter, record_stance, record_stance_text, touch};
use super::{MapFile, format_time};
use crate::cancel::Cancel;
use crate::error::{Error, Result};
use crate::import::{
    Conflict, ImportBatch, ImportOptions, ImportPreview, ImportProgress, ImportSources,
    ImportSummary, NamedEngagement, RowRef, excerpt,
};
use crate::import::{PartRef, SheetLists};
use crate::model::text::name_key;
use crate::model::{Engagement, EngagementId, Field, Relation, Stakeholder, StakeholderId, Stance};

/// Indexes dropped during a bulk load and rebuilt after it (faster than
/// maintaining them row by row); the unique ones re-check what Rust checked.
const BULK_INDEXES: [(&str, &str); 3] = [
    (
        "stakeholders_name_key",
        "CREATE UNIQUE INDEX stakeholders_name_key ON stakeholders(name_key)",
    ),
    (
        "relations_from_kind_to",
        "CREATE UNIQUE INDEX relations_from_kind_to ON relations(from_id, kind, to_id)",
    ),
    (
        "relations_to",
        "CREATE INDEX relations_to ON relations(to_id)",
    ),
];

/// The most problems a preview lists; beyond it they are counted in one last
/// line, so a file of a million bad rows costs bounded memory and stays readable.
pub const MAX_PROBLEMS_LISTED: usize = 2000;

/// A row of the import or a person's slot, in 32 bits: the import keeps a few
/// of them per tie, and a 1M-person import has 5M ties.
type Index = u32;

/// `n` as an [`Index`]; more rows than that are refused, not wrapped.
fn index(n: usize) -> Result<Index> {
    Index::try_from(n).map_err(|_| {
        Error::Invalid(format!(
            "an import holds at most {} rows or people; split the files and import them in turn",
            Index::MAX
        ))
    })
}

/// Rows between two looks at the cancel flag and two progress reports.
const ROWS_PER_TICK: u64 = 16_384;

/// Bytes of streamed ties per tie, at least: `A,trusts,B` and a line break.
/// The estimate of a file's ties that decides a bulk load.
const BYTES_PER_TIE_AT_LEAST: u64 = 12;

/// How an import reports its progress and learns that it should stop.
#[derive(Clone, Copy, Default)]
pub struct ImportControl<'a> {
    /// Hears how far the import has come, every few thousand rows.
    pub progress: Option<&'a dyn Fn(ImportProgress)>,
    /// Stops the import (rolled back, [`Error::Cancelled`]) once set.
    pub cancel: Option<&'a Cancel>,
}

impl MapFile {
    /// Checks a batch against the map and, when `apply` is true and nothing is
    /// wrong, adds all of it in one transaction (no merging: a name already in the
    /// map is a problem). Any problem returns [`Error::Import`] listing every one,
    /// and the map is left unchanged. With `apply` false this is the dry run.
    pub fn import(&mut self, batch: &ImportBatch, apply: bool) -> Result<ImportSummary> {
        let options = ImportOptions::default();
        let preview = if apply {
            self.import_batch(batch, &options)?
        } else {
            let preview = self.preview_import(batch, &options)?;
            if !preview.problems.is_empty() {
                return Err(Error::Import(preview.problems));
            }
            preview
        };
        Ok(preview.summary)
    }

    /// The dry run: what importing `batch` would add, keep and skip, every
    /// conflict and every problem. Changes nothing; problems are listed, not raised.
    pub fn preview_import(
        &self,
        batch: &ImportBatch,
        options: &ImportOptions,
    ) -> Result<ImportPreview> {
        self.dry_run(&[PartRef::Whole(batch)], options, ImportControl::default())
    }

    /// Imports `batch`: checks it as [`MapFile::preview_import`] does and, when
    /// there is no problem, applies it in one transaction. Any problem returns
    /// [`Error::Import`] listing every one, and the map is left unchanged.
    pub fn import_batch(
        &mut self,
        batch: &ImportBatch,
        options: &ImportOptions,
    ) -> Result<ImportPreview> {
        self.apply(&[PartRef::Whole(batch)], options, ImportControl::default())
    }

    /// Imports the files `sources` opened, streaming their CSV people and ties
    /// into one transaction as they are read (memory stays at a few bytes a
    /// tie): with `apply`, all of it or — on any problem, which returns
    /// [`Error::Import`] listing every one, or on `control`'s cancel flag —
    /// nothing; without, the dry run, the same pass writing nothing, whose
    /// problems are listed in the preview, not raised. The map and preview are
    /// those [`MapFile::import_batch`] and [`MapFile::preview_import`] give for
    /// the same files read whole.
    pub fn import_sources(
        &mut self,
        sources: &ImportSources,
        options: &ImportOptions,
        apply: bool,
        control: ImportControl<'_>,
    ) -> Result<ImportPreview> {
        let parts = sources.parts();
        match apply {
            true => self.apply(&parts, options, control),
            false => self.dry_run(&parts, options, control),
        }
    }

    /// [`MapFile::import_sources`]'s dry run, which needs the map only for reading.
    pub fn preview_sources(
        &self,
        sources: &ImportSources,
        options: &ImportOptions,
        control: ImportControl<'_>,
    ) -> Result<ImportPreview> {
        self.dry_run(&sources.parts(), options, control)
    }

    fn dry_run(
        &self,
        parts: &[PartRef<'_>],
        options: &ImportOptions,
        control: ImportControl<'_>,
    ) -> Result<ImportPreview> {
        let existing = self.reading(|| Existing::read(self))?;
        let (preview, _) = Run::new(&existing, parts, options, control, None)?.go()?;
        Ok(preview)
    }

    fn apply(
        &mut self,
        parts: &[PartRef<'_>],
        options: &ImportOptions,
        control: ImportControl<'_>,
    ) -> Result<ImportPreview> {
        let existing = Existing::read(self)?;
        let bulk = {
            let ties = parts
                .iter()
                .map(|part| match part {
                    PartRef::Whole(batch) => batch.relations.len() as u64,
                    PartRef::Relations(s) => s.bytes() / BYTES_PER_TIE_AT_LEAST,
                    PartRef::People(_) => 0,
                })
                .sum::<u64>();
            ties > 1000 && ties > existing.relations.len() as u64
        };
        if bulk {
            // Every reference is resolved by the import and new ids come from this
            // very transaction, so SQLite's per-row foreign-key lookups only cost
            // time. (The pragma cannot change inside a transaction, hence out here.)
            self.conn.pragma_update(None, "foreign_keys", false)?;
        }
        let result = self.apply_in_transaction(&existing, parts, options, control, bulk);
        if bulk {
            self.conn.pragma_update(None, "foreign_keys", true)?;
        }
        result
    }

    fn apply_in_transaction(
        &mut self,
        existing: &Existing,
        parts: &[PartRef<'_>],
        options: &ImportOptions,
        control: ImportControl<'_>,
        bulk: bool,
    ) -> Result<ImportPreview> {
        let tx = self.conn.transaction()?;
        if bulk {
            for (name, _) in BULK_INDEXES {
                tx.execute_batch(&format!("DROP INDEX {name}"))?;
            }
        }
        let (preview, written) = Run::new(existing, parts, options, control, Some(&tx))?.go()?;
        if !preview.problems.is_empty() {
            // Dropping the transaction rolls back whatever was written.
            return Err(Error::Import(preview.problems));
        }
        if let Some(written) = written {
            written.finish(&tx, &preview)?;
        }
        if bulk {
            // The indexes are built by sorting every row: SQLite sorts on a helper
            // thread too when two may be used (the pragma is the connection's, not
            // the file's).
            let helpers = i64::from(crate::threads::worker_threads() > 1);
            tx.pragma_update(None, "threads", helpers)?;
            let built = BULK_INDEXES
                .iter()
                .try_for_each(|(_, create)| tx.execute_batch(create));
            tx.pragma_update(None, "threads", 0)?;
            built?;
        }
        tx.commit()?;
        Ok(preview)
    }
}

/// What the map holds already, read once before the import.
struct Existing {
    people: Vec<Stakeholder>,
    relations: Vec<Relation>,
    engagements: Vec<Engagement>,
}

impl Existing {
    fn read(map: &MapFile) -> Result<Existing> {
        Ok(Existing {
            people: map.stakeholders()?,
            relations: map.relations()?,
            engagements: map.engagements()?,
        })
    }
}

/// Problems found while checking, against the map and each other, rows that
/// read well: the first [`MAX_PROBLEMS_LISTED`] kept, the rest counted.
#[derive(Default)]
struct Problems {
    kept: Vec<String>,
    dropped: usize,
}

impl Problems {
    fn push(&mut self, problem: String) {
        if self.kept.len() < MAX_PROBLEMS_LISTED {
            self.kept.push(problem);
        } else {
            self.dropped += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Adds `later`'s problems after these, as if pushed here one by one.
    fn append(&mut self, later: Problems) {
        let room = MAX_PROBLEMS_LISTED - self.kept.len();
        self.dropped += later.kept.len().saturating_sub(room) + later.dropped;
        self.kept.extend(later.kept.into_iter().take(room));
    }
}

/// How far a pass has come, told every [`ROWS_PER_TICK`] rows.
struct Progress<'a> {
    control: ImportControl<'a>,
    /// Rows read so far.
    rows: u64,
    /// Bytes of the streamed parts read before the current one.
    bytes_done: u64,
    /// Bytes of all the streamed parts.
    total_bytes: u64,
}

impl Progress<'_> {
    /// Counts `rows` more rows (`bytes`: read of the part being streamed): every
    /// [`ROWS_PER_TICK`] rows, stops when cancelled and reports progress.
    fn advance(&mut self, rows: u64, bytes: u64) -> Result<()> {
        let before = self.rows / ROWS_PER_TICK;
        self.rows += rows;
        if self.rows / ROWS_PER_TICK != before {
            self.report(bytes)?;
        }
        Ok(())
    }

    /// Stops when cancelled, else reports progress.
    fn report(&self, bytes: u64) -> Result<()> {
        if let Some(cancel) = self.control.cancel {
            cancel.check()?;
        }
        if let Some(progress) = self.control.progress {
            progress(ImportProgress {
                rows: self.rows,
                bytes: self.bytes_done + bytes,
                total_bytes: self.total_bytes,
            });
        }
        Ok(())
    }
}

/// A new person the import adds: their slot and the stance their row gives.
#[derive(Clone, Copy)]
struct Added {
    slot: Index,
    stance: Stance,
}

/// A conversation the import adds: its row, and the slots of the person talked
/// to and of the host.
type AddedEngagement<'a> = (&'a NamedEngagement, Index, Option<Index>);

/// One pass of an import over its parts: the dry run when `conn` is `None`, else
/// writing into the transaction `conn` is in while nothing is wrong.
struct Run<'a> {
    existing: &'a Existing,
    parts: &'a [PartRef<'a>],
    options: &'a ImportOptions,
    progress: Progress<'a>,
    conn: Option<&'a Connection>,
    preview: ImportPreview,
    /// The problems of checking (the readers' own are in the parts).
    problems: Problems,
    /// The lists of each streamed part, once read (by index of the part).
    lists: Vec<Option<SheetLists>>,
    /// True once any reader found a problem.
    reader_problems: bool,
    people: People,
    /// The slot → id of the map's people.
    slot_of_id: HashMap<StakeholderId, Index>,
    /// The map's people kept as they are (merge).
    kept: HashSet<Index>,
    /// The people added, in order.
    added: Vec<Added>,
    /// Names of people rows that had a problem → their (first) row.
    rejected: HashMap<String, RowRef>,
    engagements: Vec<AddedEngagement<'a>>,
    /// A buffer for name keys.
    key: String,
    /// The new people on their way into the map, once the pass writes one.
    writer: Option<PeopleWriter>,
}

/// What an applying pass wrote and what is still to write once every row is
/// known to be good: the history and the conversations.
struct Written<'a> {
    people: People,
    added: Vec<Added>,
    engagements: Vec<AddedEngagement<'a>>,
    restore: Option<&'a crate::import::Restore>,
}

impl<'a> Run<'a> {
    fn new(
        existing: &'a Existing,
        parts: &'a [PartRef<'a>],
        options: &'a ImportOptions,
        control: ImportControl<'a>,
        conn: Option<&'a Connection>,
    ) -> Result<Run<'a>> {
        let mut people = People::default();
        let mut slot_of_id = HashMap::with_capacity(existing.people.len());
        for p in &existing.people {
            slot_of_id.insert(p.id, people.add(&p.name, Some(p.id.0), p.advocate, None)?);
        }
        let total_bytes = parts
            .iter()
            .map(|part| match part {
                PartRef::People(s) | PartRef::Relations(s) => s.bytes(),
                PartRef::Whole(_) => 0,
            })
            .sum();
        let mut reader_problems = false;
        for part in parts {
            if let PartRef::Whole(batch) = part {
                reader_problems |= !batch.problems.is_empty();
            }
        }
        Ok(Run {
            existing,
            parts,
            options,
            progress: Progress {
                control,
                rows: 0,
                bytes_done: 0,
                total_bytes,
            },
            conn,
            preview: ImportPreview::default(),
            problems: Problems::default(),
            lists: parts.iter().map(|_| None).collect(),
            reader_problems,
            people,
            slot_of_id,
            kept: HashSet::new(),
            added: Vec::new(),
            rejected: HashMap::new(),
            engagements: Vec::new(),
            key: String::new(),
            writer: None,
        })
    }

    /// The connection to write to, while the import writes and nothing is wrong.
    fn writing(&self) -> Option<&'a Connection> {
        self.conn
            .filter(|_| !self.reader_problems && self.problems.is_empty())
    }

    /// The whole pass: the preview and, when writing, what is left to write.
    fn go(mut self) -> Result<(ImportPreview, Option<Written<'a>>)> {
        let parts = self.parts;
        for (i, part) in parts.iter().enumerate() {
            match part {
                PartRef::Whole(batch) => {
                    for (k, (at, person)) in batch.people.iter().enumerate() {
                        let given = batch
                            .people_fields
                            .get(k)
                            .map_or(&Field::ALL[..], Vec::as_slice);
                        self.person(at, person, given)?;
                        self.progress.advance(1, 0)?;
                    }
                    self.reject(&batch.rejected_people);
                }
                PartRef::People(streamed) => {
                    let mut lists = SheetLists::default();
                    streamed.people(&mut lists, |at, person, given, reading| {
                        self.reader_problems |= !reading.clean;
                        self.person(at, person, given)?;
                        self.progress.advance(1, reading.bytes)
                    })?;
                    self.reader_problems |= !lists.problems.is_empty();
                    self.reject(&lists.rejected);
                    self.progress.bytes_done += streamed.bytes();
                    self.lists[i] = Some(lists);
                }
                PartRef::Relations(_) => {}
            }
        }
        if let (Some(conn), Some(writer)) = (self.writing(), self.writer.as_mut()) {
            writer.flush(conn)?;
        }
        self.progress.report(0)?;
        self.ties()?;
        self.progress.report(0)?;
        self.engagements()?;
        Ok(self.finish_preview())
    }

    /// The ties of every part, each decided (on the reader's thread for a
    /// streamed sheet) and written here while nothing is wrong.
    fn ties(&mut self) -> Result<()> {
        let known = Known {
            existing: self.existing,
            people: &self.people,
            added: &self.preview.added,
            rejected: &self.rejected,
            options: self.options,
        };
        let mut stage = TieStage::new(known, &self.slot_of_id);
        let mut writer = TieWriter::default();
        let mut clean =
            !self.reader_problems && stage.problems.is_empty() && self.problems.is_empty();
        let progress = &mut self.progress;
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                PartRef::Whole(batch) => {
                    for r in &batch.relations {
                        let row = r.row();
                        let decision = stage.decide(&known, &row)?;
                        clean &= stage.problems.is_empty();
                        if let Some(conn) = self.conn.filter(|_| clean)
                            && let Some(tie) = decision.write(&row)
                        {
                            writer.write(conn, tie)?;
                        }
                        progress.advance(1, 0)?;
                    }
                }
                PartRef::Relations(streamed) => {
                    let mut lists = SheetLists::default();
                    let deciding = &mut stage;
                    streamed.relations(
                        &mut lists,
                        |decided: &mut Decided, r, reading| {
                            let decision = deciding.decide(&known, &r)?;
                            decided.push(&r, decision);
                            decided.bytes = reading.bytes;
                            decided.clean = reading.clean && deciding.problems.is_empty();
                            Ok(decided.is_full())
                        },
                        |decided| {
                            clean &= decided.clean;
                            if let Some(conn) = self.conn.filter(|_| clean) {
                                for tie in decided.writes() {
                                    writer.write(conn, tie)?;
                                }
                            }
                            progress.advance(decided.rows, decided.bytes)
                        },
                    )?;
                    clean &= lists.problems.is_empty();
                    progress.bytes_done += streamed.bytes();
                    self.lists[i] = Some(lists);
                }
                PartRef::People(_) => {}
            }
        }
        if let Some(conn) = self.conn.filter(|_| clean) {
            writer.flush(conn)?;
        }
        self.reader_problems |= !clean;
        self.problems.append(stage.problems);
        self.preview.summary.relations = stage.added;
        self.preview.skipped_relations = stage.skipped;
        self.preview.merged_ties = stage.merged_ties;
        self.preview.conflicts.extend(stage.conflicts);
        Ok(())
    }

    /// Adds the names of people rows that had a problem (the first row of each
    /// name is kept).
    fn reject(&mut self, rejected: &[(RowRef, String)]) {
        for (at, name) in rejected {
            self.rejected
                .entry(name_key(name))
                .or_insert_with(|| at.clone());
        }
    }

    /// One person row read whole.
    fn person(&mut self, at: &RowRef, person: &Stakeholder, given: &[Field]) -> Result<()> {
        let slot = self.people.slot(&person.name, &mut self.key);
        let first = slot.and_then(|slot| self.people.first_row(slot));
        let existing = slot.and_then(|slot| self.existing.people.get(slot as usize));
        match (slot, existing) {
            (Some(_), _) if first.is_some() => self.problems.push(format!(
                "{at}, column name: '{}' appears again (first on row {}); names must be unique, rename one",
                excerpt(&person.name),
                first.unwrap_or_default()
            )),
            (Some(slot), Some(existing)) if self.options.merge => {
                self.people.set_first_row(slot, at.row);
                self.preview.kept.push(existing.name.clone());
                self.kept.insert(slot);
                conflicts(existing, person, given, &mut self.preview.conflicts);
            }
            (Some(_), _) => self.problems.push(format!(
                "{at}, column name: '{}' is already in the map; remove the row, rename the \
                 person, or import with --merge to keep the map's version",
                excerpt(&person.name)
            )),
            (None, _) => {
                let slot = self
                    .people
                    .add(&person.name, None, person.advocate, Some(at.row))?;
                self.preview.added.push(person.name.clone());
                self.added.push(Added {
                    slot,
                    stance: person.stance,
                });
                if let Some(conn) = self.writing() {
                    let writer = match &mut self.writer {
                        Some(writer) => writer,
                        None => self.writer.insert(PeopleWriter::new(conn)?),
                    };
                    let id = writer.add(conn, person)?;
                    self.people.set_id(slot, id.0);
                }
            }
        }
        Ok(())
    }

    /// The slot of a name a tie or a conversation gives, or the problem that no
    /// one has it.
    fn find(&mut self, name: &str, at: &dyn std::fmt::Display, column: &str) -> Option<Index> {
        let slot = self.people.slot(name, &mut self.key);
        if slot.is_none() {
            self.problems
                .push(match self.rejected.get(&name_key(name)) {
                    Some(row) => format!(
                        "{at}, column {column}: '{}' is on {row}, which has a problem listed \
                         above; fix that row",
                        excerpt(name)
                    ),
                    None => format!(
                        "{at}, column {column}: no stakeholder named '{}' in the map or the \
                         people file; check the spelling",
                        excerpt(name)
                    ),
                });
        }
        slot
    }

    /// The conversations, from the files read whole (with the map's, to skip those
    /// it has already).
    fn engagements(&mut self) -> Result<()> {
        let mut seen: HashSet<(NaiveDate, Index, &str)> = HashSet::new();
        for e in &self.existing.engagements {
            match self.slot_of_id.get(&e.stakeholder) {
                Some(&who) => {
                    seen.insert((e.date, who, e.summary.as_str()));
                }
                None => self.problems.push(damaged(format!(
                    "conversation {} of {} is with stakeholder {}, who is not in the map",
                    e.id.0, e.date, e.stakeholder.0
                ))),
            }
            if let Some(by) = e.held_by
                && !self.slot_of_id.contains_key(&by)
            {
                self.problems.push(damaged(format!(
                    "conversation {} of {} was held by stakeholder {}, who is not in the map",
                    e.id.0, e.date, by.0
                )));
            }
        }
        let parts = self.parts;
        for part in parts {
            let PartRef::Whole(batch) = part else {
                continue;
            };
            for e in &batch.engagements {
                let who = self.find(&e.stakeholder, &e.at, "stakeholder");
                let by = match e.held_by.as_deref() {
                    Some(by) => match self.find(by, &e.at, "held_by") {
                        Some(slot) => {
                            if !self.people.advocate(slot) {
                                self.problems.push(format!(
                                    "{}, column held_by: '{}' is not marked as an advocate; mark them advocate=yes in the people file or the map",
                                    e.at,
                                    excerpt(by)
                                ));
                            }
                            Some(slot)
                        }
                        None => None,
                    },
                    None => None,
                };
                let Some(who) = who else { continue };
                if seen.contains(&(e.date, who, e.summary.as_str())) {
                    self.preview.skipped_engagements += 1;
                    continue;
                }
                if let Some(after) = e.stance_after
                    && self.kept.contains(&who)
                    && let Some(person) = self.existing.people.get(who as usize)
                    && after != person.stance
                {
                    self.preview.conflicts.push(Conflict {
                        name: person.name.clone(),
                        field: format!("stance (after the conversation of {})", e.date),
                        in_map: person.stance.label().into(),
                        in_file: after.label().into(),
                    });
                }
                self.engagements.push((e, who, by));
            }
        }
        Ok(())
    }

    /// The preview, its problems in the order the batch import lists them (every
    /// file's own, in the files' order, then those of checking), and what is
    /// left to write when the pass wrote.
    fn finish_preview(self) -> (ImportPreview, Option<Written<'a>>) {
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut restore = None;
        for (part, lists) in self.parts.iter().zip(&self.lists) {
            match (part, lists) {
                (PartRef::Whole(batch), _) => {
                    problems.extend(batch.problems.iter().take(MAX_PROBLEMS_LISTED + 1).cloned());
                    warnings.extend(batch.warnings.iter().cloned());
                    if batch.restore.is_some() {
                        restore = batch.restore.as_ref();
                    }
                }
                (_, Some(lists)) => {
                    problems.extend(lists.problems.iter().cloned());
                    warnings.extend(lists.warnings.iter().cloned());
                }
                (_, None) => {}
            }
            if problems.len() > MAX_PROBLEMS_LISTED {
                break;
            }
        }
        let count = |part: &PartRef, lists: &Option<SheetLists>| match (part, lists) {
            (PartRef::Whole(batch), _) => batch.problems.len(),
            (_, Some(lists)) => lists.problems.len(),
            (_, None) => 0,
        };
        let read: usize = self
            .parts
            .iter()
            .zip(&self.lists)
            .map(|(part, lists)| count(part, lists))
            .sum();
        problems.truncate(MAX_PROBLEMS_LISTED);
        let room = MAX_PROBLEMS_LISTED - problems.len();
        let checked = self.problems.kept.len() + self.problems.dropped;
        problems.extend(self.problems.kept.into_iter().take(room));
        let dropped = read + checked - problems.len();
        if dropped > 0 {
            problems.push(format!(
                "{dropped} more problems are not listed; fix the ones above and import again"
            ));
        }
        let mut preview = self.preview;
        preview.problems = problems;
        preview.warnings = warnings;
        preview.restores_map = restore.is_some()
            && self.existing.people.is_empty()
            && self.existing.relations.is_empty()
            && self.existing.engagements.is_empty();
        preview.summary.people = self.added.len();
        preview.summary.engagements = self.engagements.len();
        let written = self
            .conn
            .filter(|_| preview.problems.is_empty())
            .map(|_| Written {
                people: self.people,
                added: self.added,
                engagements: self.engagements,
                restore,
            });
        (preview, written)
    }
}

/// The stored id of `slot`, which the pass wrote before its ties; a miss is a
/// bug, reported as an internal error (the transaction is then dropped).
fn stored(people: &People, slot: Index) -> Result<StakeholderId> {
    people.id(slot).map(StakeholderId).ok_or_else(|| {
        Error::Sqlite(rusqlite::Error::InvalidParameterName(format!(
            "import: person slot {slot} was not stored before its ties"
        )))
    })
}

/// The problem of a map that holds a tie or a conversation whose person is gone.
pub(super) fn damaged(what: String) -> String {
    format!(
        "the map itself is damaged: {what}; nothing was imported. Recover the map into \
         a new one (`coalition recover MAP NEW.coalition`) and import into that"
    )
}

impl Written<'_> {
    /// Writes what is left once every row is known to be good: each new person's
    /// first stance in the history, the conversations (in date order), the file's
    /// stance where the conversations left someone elsewhere, and the map's
    /// details or its time of change.
    fn finish(self, conn: &Connection, preview: &ImportPreview) -> Result<()> {
        let now = Utc::now();
        let people = &self.people;
        let id_of = |slot: Index| stored(people, slot);
        let first_added = people.len() - self.added.len();
        let added = |slot: Index| slot as usize >= first_added;
        // A JSON map brings its own history; a CSV import with conversations starts
        // each new person where their first conversation found them; other imports
        // record "imported" now.
        let mut with_history: HashSet<Index> = HashSet::new();
        if let Some(restore) = self.restore {
            for change in &restore.history {
                if let Some(slot) = people.slot(&change.stakeholder, &mut String::new())
                    && added(slot)
                {
                    record_stance(
                        conn,
                        id_of(slot)?,
                        change.at,
                        change.stance.level(),
                        &change.source,
                    )?;
                    with_history.insert(slot);
                }
            }
        }
        let initial = if self.restore.is_none() {
            initial_stances(&self.added, &self.engagements)
        } else {
            Default::default()
        };
        // Nearly everyone enters the history at one time: it is written out once.
        let mut written: Option<(DateTime<Utc>, String)> = None;
        for person in &self.added {
            if !with_history.contains(&person.slot) {
                let (at, stance) = initial
                    .get(&person.slot)
                    .copied()
                    .unwrap_or((now, person.stance));
                let text = match &written {
                    Some((time, text)) if *time == at => text,
                    _ => &written.insert((at, format_time(at))).1,
                };
                record_stance_text(conn, id_of(person.slot)?, text, stance.level(), "imported")?;
            }
        }
        let mut engagements = self.engagements.clone();
        engagements.sort_by_key(|(e, _, _)| e.date);
        for (e, who, by) in engagements {
            // Stances come from the file's history (JSON) or stay as the map has
            // them (merged people); only new people of a CSV import take them here.
            let apply_stance = self.restore.is_none() && added(who);
            insert_engagement(
                conn,
                &Engagement {
                    id: EngagementId(0),
                    date: e.date,
                    stakeholder: id_of(who)?,
                    held_by: by.map(id_of).transpose()?,
                    channel: e.channel.clone(),
                    summary: e.summary.clone(),
                    stance_before: e.stance_before,
                    stance_after: e.stance_after,
                    next_step: e.next_step.clone(),
                    next_step_due: e.next_step_due,
                },
                apply_stance,
            )?;
        }
        // The people file says where people stand now: where the conversations left
        // someone elsewhere, the file's stance is recorded as of today.
        {
            let mut stance_of =
                conn.prepare_cached("SELECT stance FROM stakeholders WHERE id = ?1")?;
            let mut set_stance =
                conn.prepare_cached("UPDATE stakeholders SET stance = ?2 WHERE id = ?1")?;
            for person in &self.added {
                if initial.contains_key(&person.slot) {
                    let id = id_of(person.slot)?;
                    let stance: i8 = stance_of.query_row([id.0], |r| r.get(0))?;
                    if stance != person.stance.level() {
                        set_stance.execute((id.0, person.stance.level()))?;
                        record_stance(conn, id, now, person.stance.level(), "imported")?;
                    }
                }
            }
        }
        match self.restore {
            Some(restore) if preview.restores_map => {
                let info = &restore.info;
                conn.execute(
                    "UPDATE map_info SET name = ?1, change = ?2, description = ?3, created = ?4,
                         updated = ?5 WHERE id = 1",
                    params![
                        info.name,
                        info.change,
                        info.description,
                        format_time(info.created),
                        format_time(info.updated)
                    ],
                )?;
            }
            _ => touch(conn, now)?,
        }
        Ok(())
    }
}

/// When a CSV import brings conversations, new people enter the history on the
/// day of the earliest conversation, at the stance they had before their first
/// one (or their file stance): the conversations then replay how they moved.
fn initial_stances(
    added: &[Added],
    engagements: &[AddedEngagement<'_>],
) -> foldhash::HashMap<Index, (DateTime<Utc>, Stance)> {
    let Some(start) = engagements.iter().map(|(e, _, _)| e.date).min() else {
        return Default::default();
    };
    let start = start.and_time(NaiveTime::MIN).and_utc();
    let mut first: foldhash::HashMap<Index, (NaiveDate, Option<Stance>)> = Default::default();
    for &(e, who, _) in engagements {
        let entry = first.entry(who).or_insert((e.date, e.stance_before));
        if e.date < entry.0 {
            *entry = (e.date, e.stance_before);
        }
    }
    added
        .iter()
        .map(|person| {
            let before = first.get(&person.slot).and_then(|(_, before)| *before);
            (person.slot, (start, before.unwrap_or(person.stance)))
        })
        .collect()
}

/// Lists every field the file gives where its version of a person differs from the map's.
fn conflicts(
    existing: &Stakeholder,
    incoming: &Stakeholder,
    given: &[Field],
    out: &mut Vec<Conflict>,
) {
    for &field in given {
        if field == Field::Name {
            continue;
        }
        let (a, b) = (existing.get(field), incoming.get(field));
        if a != b {
            out.push(Conflict {
                name: existing.name.clone(),
                field: field.to_string(),
                in_map: a,
                in_file: b,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, Relation, RelationKind};

    /// A map whose tie and conversation point at a person deleted behind
    /// Coalition's back (foreign keys off), as a hand-edited file may hold.
    fn damaged_map(dir: &std::path::Path) -> MapFile {
        let mut map = MapFile::create(&dir.join("m.coalition"), "M", "").unwrap();
        let mut ana = Stakeholder::new("Ana").unwrap();
        ana.advocate = true;
        let ana = map.add_stakeholder(&ana).unwrap();
        let bo = map
            .add_stakeholder(&Stakeholder::new("Bo").unwrap())
            .unwrap();
        map.add_relation(&Relation {
            id: crate::model::RelationId(0),
            from: bo.id,
            to: ana.id,
            kind: RelationKind::ReportsTo,
            strength: Level::MEDIUM,
            note: String::new(),
        })
        .unwrap();
        map.add_engagement(&Engagement {
            id: EngagementId(0),
            date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            stakeholder: ana.id,
            held_by: None,
            channel: "call".into(),
            summary: "hello".into(),
            stance_before: None,
            stance_after: None,
            next_step: String::new(),
            next_step_due: None,
        })
        .unwrap();
        map.conn
            .execute_batch("PRAGMA foreign_keys=OFF; DELETE FROM stakeholders WHERE name = 'Ana';")
            .unwrap();
        map
    }

    #[test]
    fn ties_and_conversations_to_missing_people_are_problems_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let mut map = damaged_map(dir.path());
        let mut batch = ImportBatch::default();
        batch.people.push((
            crate::import::RowRef {
                file: "people.csv".into(),
                row: 2,
            },
            Stakeholder::new("Zed").unwrap(),
        ));
        let preview = map
            .preview_import(&batch, &ImportOptions::default())
            .unwrap();
        let all = preview.problems.join("\n");
        assert_eq!(preview.problems.len(), 2, "{all}");
        assert!(
            all.contains("the map itself is damaged: relation 1 (reports_to from stakeholder 2 to stakeholder 1) names a person who is not in the map"),
            "{all}"
        );
        assert!(
            all.contains(
                "conversation 1 of 2026-05-01 is with stakeholder 1, who is not in the map"
            ),
            "{all}"
        );
        let e = map
            .import_batch(&batch, &ImportOptions { merge: true })
            .unwrap_err();
        assert!(matches!(e, Error::Import(_)), "{e}");
        assert_eq!(map.stakeholders().unwrap().len(), 1, "nothing was imported");
    }

    #[test]
    fn problems_appended_are_kept_and_counted_as_if_pushed_one_by_one() {
        let listed = |n: usize, tag: &str| {
            let mut p = Problems::default();
            for i in 0..n {
                p.push(format!("{tag}{i}"));
            }
            p
        };
        let mut first = listed(MAX_PROBLEMS_LISTED - 2, "a");
        first.append(listed(5, "b"));
        assert_eq!(first.kept.len(), MAX_PROBLEMS_LISTED);
        assert_eq!(first.kept.last().map(String::as_str), Some("b1"));
        assert_eq!(first.dropped, 3);
        let mut full = listed(MAX_PROBLEMS_LISTED + 7, "a");
        full.append(listed(MAX_PROBLEMS_LISTED + 1, "b"));
        assert_eq!(full.kept.len(), MAX_PROBLEMS_LISTED);
        assert_eq!(full.dropped, 7 + MAX_PROBLEMS_LISTED + 1);
        let mut none = Problems::default();
        none.append(listed(3, "b"));
        assert_eq!((none.kept.len(), none.dropped), (3, 0));
    }

    #[test]
    fn rows_and_people_beyond_32_bits_are_refused_not_wrapped() {
        assert_eq!(index(7).unwrap(), 7);
        assert_eq!(index(Index::MAX as usize).unwrap(), Index::MAX);
        let e = index(Index::MAX as usize + 1).unwrap_err();
        assert!(e.to_string().contains("split the files"), "{e}");
    }

    #[test]
    fn a_flood_of_problems_is_listed_up_to_the_cap_then_counted() {
        let dir = tempfile::tempdir().unwrap();
        let map = MapFile::create(&dir.path().join("m.coalition"), "M", "").unwrap();
        let csv: String = std::iter::once("from,kind,to\n".to_string())
            .chain((0..3000).map(|i| format!("A{i},trusts,B{i}\n")))
            .collect();
        let batch = crate::import::read_relations_csv("relations.csv", csv.as_bytes());
        let preview = map
            .preview_import(&batch, &ImportOptions::default())
            .unwrap();
        assert_eq!(preview.problems.len(), MAX_PROBLEMS_LISTED + 1);
        assert_eq!(
            preview.problems.last().map(String::as_str),
            Some("4000 more problems are not listed; fix the ones above and import again")
        );
    }
}
