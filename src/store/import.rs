//! Applying an import: every name checked against the map, then one transaction.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::params;

use super::engagements::insert_engagement;
use super::stakeholders::{insert_stakeholder, record_stance, record_stance_text, touch};
use super::{MapFile, format_time};
use crate::error::{Error, Result};
use crate::import::{
    Conflict, ImportBatch, ImportOptions, ImportPreview, ImportSummary, NamedRelation, excerpt,
};
use crate::model::text::{check_text, name_key};
use crate::model::{
    Engagement, EngagementId, Field, Level, Relation, RelationKind, Stakeholder, StakeholderId,
    Stance,
};

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

/// Everyone an import may name — the map's people and the batch's new ones —
/// each a slot, so names are resolved once and ties compared as numbers. The maps
/// use foldhash: hashing a million names with SipHash was a tenth of a 100k import.
#[derive(Clone, Default)]
struct People<'a> {
    /// Exact spelling → slot (the common case: no allocation per lookup); the
    /// batch's names are borrowed from it, not copied.
    exact: foldhash::HashMap<Cow<'a, str>, usize>,
    /// Case-insensitive name key → slot.
    keys: foldhash::HashMap<String, usize>,
    /// Slot → stored id (`None` until a new person is inserted).
    ids: Vec<Option<StakeholderId>>,
    /// Slot → marked as an advocate.
    advocate: Vec<bool>,
}

impl<'a> People<'a> {
    fn add(&mut self, name: Cow<'a, str>, id: Option<StakeholderId>, advocate: bool) -> usize {
        let slot = self.ids.len();
        self.keys.insert(name_key(&name), slot);
        self.exact.insert(name, slot);
        self.ids.push(id);
        self.advocate.push(advocate);
        slot
    }

    fn slot(&self, name: &str) -> Option<usize> {
        self.exact
            .get(name)
            .or_else(|| self.keys.get(&name_key(name)))
            .copied()
    }
}

/// The most problems a preview lists; beyond it they are counted in one last
/// line, so a file of a million bad rows costs bounded memory and stays readable.
pub const MAX_PROBLEMS_LISTED: usize = 2000;

/// Drops the problems beyond [`MAX_PROBLEMS_LISTED`], counting them in `dropped`.
fn cap_problems(problems: &mut Vec<String>, dropped: &mut usize) {
    if problems.len() > MAX_PROBLEMS_LISTED {
        *dropped += problems.len() - MAX_PROBLEMS_LISTED;
        problems.truncate(MAX_PROBLEMS_LISTED);
    }
}

/// A row of the batch or a person's slot, in 32 bits: the decision keeps one
/// triple of them per tie, and a 1M-person import has 5M ties.
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

/// One number per tie, so duplicates are found without building strings.
fn tie_key(from: usize, kind: RelationKind, to: usize) -> u64 {
    ((from as u64) << 34) | ((to as u64) << 3) | kind as u64
}

/// What the checks decided: the preview, plus which rows of the batch to apply.
struct Decision<'a> {
    preview: ImportPreview,
    /// The people to add: index into `batch.people` and slot.
    people: Vec<(usize, usize)>,
    /// The ties to add: index into `batch.relations`, and the slots of their ends.
    relations: Vec<(Index, Index, Index)>,
    /// The strength and note of ties the file lists both ways (mutual kinds),
    /// by index into `batch.relations` of their first listing.
    merged: foldhash::HashMap<usize, (Level, String)>,
    /// The conversations to add: index into `batch.engagements`, the slot of the
    /// person talked to and of the host.
    engagements: Vec<(usize, usize, Option<usize>)>,
    /// Everyone the batch may name.
    slots: People<'a>,
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
        Ok(self.decide(batch, options)?.preview)
    }

    /// Imports `batch`: checks it as [`MapFile::preview_import`] does and, when
    /// there is no problem, applies it in one transaction. Any problem returns
    /// [`Error::Import`] listing every one, and the map is left unchanged.
    pub fn import_batch(
        &mut self,
        batch: &ImportBatch,
        options: &ImportOptions,
    ) -> Result<ImportPreview> {
        let decision = self.decide(batch, options)?;
        if !decision.preview.problems.is_empty() {
            return Err(Error::Import(decision.preview.problems));
        }
        let bulk =
            decision.relations.len() > 1000 && decision.relations.len() > self.relations()?.len();
        if bulk {
            // Every reference was resolved above and new ids come from this very
            // transaction, so SQLite's per-row foreign-key lookups only cost time.
            // (The pragma cannot change inside a transaction, hence out here.)
            self.conn.pragma_update(None, "foreign_keys", false)?;
        }
        let result = self.apply(batch, &decision, bulk);
        if bulk {
            self.conn.pragma_update(None, "foreign_keys", true)?;
        }
        result?;
        Ok(decision.preview)
    }

    fn decide<'a>(&self, batch: &'a ImportBatch, options: &ImportOptions) -> Result<Decision<'a>> {
        let mut preview = ImportPreview {
            problems: batch.problems.clone(),
            warnings: batch.warnings.clone(),
            ..ImportPreview::default()
        };
        let mut dropped = 0;
        cap_problems(&mut preview.problems, &mut dropped);
        let existing_people = self.stakeholders()?;
        let existing_relations = self.relations()?;
        let existing_engagements = self.engagements()?;
        let mut slots = People::default();
        let mut slot_of_id = HashMap::with_capacity(existing_people.len());
        for p in &existing_people {
            slot_of_id.insert(
                p.id,
                slots.add(Cow::Owned(p.name.clone()), Some(p.id), p.advocate),
            );
        }
        let mut kept: HashSet<usize> = HashSet::new();
        let mut people = Vec::new();
        // Slot → the batch row that first named it (a vector: slots are dense).
        let mut first_row: Vec<Option<usize>> = vec![None; slots.ids.len()];
        for (i, (at, person)) in batch.people.iter().enumerate() {
            cap_problems(&mut preview.problems, &mut dropped);
            let slot = slots.slot(&person.name);
            let first = slot.and_then(|slot| first_row.get(slot).copied().flatten());
            let existing = slot.and_then(|slot| existing_people.get(slot));
            match (slot, existing) {
                (Some(_), _) if first.is_some() => preview.problems.push(format!(
                    "{at}, column name: '{}' appears again (first on row {}); names must be unique, rename one",
                    excerpt(&person.name),
                    first.unwrap_or_default()
                )),
                (Some(slot), Some(existing)) if options.merge => {
                    if let Some(first) = first_row.get_mut(slot) {
                        *first = Some(at.row);
                    }
                    preview.kept.push(existing.name.clone());
                    kept.insert(slot);
                    let given = batch
                        .people_fields
                        .get(i)
                        .map_or(&Field::ALL[..], Vec::as_slice);
                    conflicts(existing, person, given, &mut preview.conflicts);
                }
                (Some(_), _) => preview.problems.push(format!(
                    "{at}, column name: '{}' is already in the map; remove the row, rename the \
                     person, or import with --merge to keep the map's version",
                    excerpt(&person.name)
                )),
                (None, _) => {
                    let slot = slots.add(Cow::Borrowed(&person.name), None, person.advocate);
                    first_row.push(Some(at.row));
                    preview.added.push(person.name.clone());
                    people.push((i, slot));
                }
            }
        }
        // People whose rows had a problem: a tie naming one points at the row.
        let mut rejected: HashMap<String, &crate::import::RowRef> = HashMap::new();
        for (at, name) in &batch.rejected_people {
            rejected.entry(name_key(name)).or_insert(at);
        }
        let find =
            |name: &str, at: &dyn std::fmt::Display, column: &str, problems: &mut Vec<String>| {
                let slot = slots.slot(name);
                if slot.is_none() {
                    problems.push(match rejected.get(&name_key(name)) {
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
            };

        // A map written with foreign keys off may hold a tie or a conversation whose
        // person is gone: that is a problem to report, never a reason to fail.
        let damaged = |what: String| {
            format!(
                "the map itself is damaged: {what}; nothing was imported. Recover the map into \
                 a new one (`coalition recover MAP NEW.coalition`) and import into that"
            )
        };
        let mut map_ties: foldhash::HashMap<u64, &Relation> = foldhash::HashMap::default();
        for r in &existing_relations {
            match (slot_of_id.get(&r.from), slot_of_id.get(&r.to)) {
                (Some(&from), Some(&to)) => {
                    map_ties.insert(tie_key(from, r.kind, to), r);
                }
                _ => preview.problems.push(damaged(format!(
                    "relation {} ({} from stakeholder {} to stakeholder {}) names a person who \
                     is not in the map",
                    r.id.0, r.kind, r.from.0, r.to.0
                ))),
            }
        }
        // Each tie of the file: the index of its (first) listing, and whether it
        // is added (not already in the map).
        let mut file_ties: foldhash::HashMap<u64, (Index, bool)> =
            foldhash::HashMap::with_capacity_and_hasher(batch.relations.len(), Default::default());
        let mut merged: foldhash::HashMap<usize, (Level, String)> = Default::default();
        let mut relations = Vec::with_capacity(batch.relations.len());
        for (i, r) in batch.relations.iter().enumerate() {
            cap_problems(&mut preview.problems, &mut dropped);
            let from = find(&r.from, &r.at, "from", &mut preview.problems);
            let to = find(&r.to, &r.at, "to", &mut preview.problems);
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            if from == to {
                preview.problems.push(format!(
                    "{}, column to: '{}' cannot {} themselves; a relation needs two different people",
                    r.at,
                    excerpt(&r.to),
                    r.kind
                ));
                continue;
            }
            let (tie, reverse) = (tie_key(from, r.kind, to), tie_key(to, r.kind, from));
            let listed_back = r
                .kind
                .is_mutual()
                .then(|| file_ties.get(&reverse).copied())
                .flatten();
            if file_ties.contains_key(&tie) {
                preview.problems.push(format!(
                    "{}: '{}' {} '{}' is already earlier in the file; remove the duplicate row",
                    r.at,
                    excerpt(&r.from),
                    r.kind,
                    excerpt(&r.to)
                ));
                continue;
            }
            if let Some((first, true)) = listed_back {
                // `B allied A` after `A allied B`: one tie, listed from both ends.
                file_ties.insert(tie, (first, true));
                let first = first as usize;
                match merge_tie(&batch.relations[first], r) {
                    Ok((line, strength, note)) => {
                        preview.merged_ties.push(line);
                        merged.insert(first, (strength, note));
                    }
                    Err(problem) => preview.problems.push(problem),
                }
                continue;
            }
            let i = index(i)?;
            file_ties.insert(tie, (i, false));
            let in_map_tie = map_ties
                .get(&tie)
                .or_else(|| r.kind.is_mutual().then(|| map_ties.get(&reverse)).flatten());
            match in_map_tie {
                Some(existing) if options.merge => {
                    preview.skipped_relations += 1;
                    let label = format!("{} {} {}", r.from, r.kind, r.to);
                    for (field, a, b) in [
                        (
                            "strength",
                            existing.strength.to_string(),
                            r.strength.to_string(),
                        ),
                        ("note", existing.note.clone(), r.note.clone()),
                    ] {
                        if a != b {
                            preview.conflicts.push(Conflict {
                                name: label.clone(),
                                field: field.into(),
                                in_map: a,
                                in_file: b,
                            });
                        }
                    }
                }
                Some(_) => preview.problems.push(format!(
                    "{}: '{}' {} '{}' is already in the map; remove the row, or import with --merge",
                    r.at,
                    excerpt(&r.from),
                    r.kind,
                    excerpt(&r.to)
                )),
                None => {
                    file_ties.insert(tie, (i, true));
                    relations.push((i, index(from)?, index(to)?));
                }
            }
        }

        let mut seen: HashSet<(NaiveDate, usize, &str)> = HashSet::new();
        for e in &existing_engagements {
            match slot_of_id.get(&e.stakeholder) {
                Some(&who) => {
                    seen.insert((e.date, who, e.summary.as_str()));
                }
                None => preview.problems.push(damaged(format!(
                    "conversation {} of {} is with stakeholder {}, who is not in the map",
                    e.id.0, e.date, e.stakeholder.0
                ))),
            }
            if let Some(by) = e.held_by
                && !slot_of_id.contains_key(&by)
            {
                preview.problems.push(damaged(format!(
                    "conversation {} of {} was held by stakeholder {}, who is not in the map",
                    e.id.0, e.date, by.0
                )));
            }
        }
        let mut engagements = Vec::new();
        for (i, e) in batch.engagements.iter().enumerate() {
            cap_problems(&mut preview.problems, &mut dropped);
            let who = find(&e.stakeholder, &e.at, "stakeholder", &mut preview.problems);
            let by = e.held_by.as_deref().and_then(|by| {
                let slot = find(by, &e.at, "held_by", &mut preview.problems)?;
                if !slots.advocate.get(slot).copied().unwrap_or(false) {
                    preview.problems.push(format!(
                        "{}, column held_by: '{}' is not marked as an advocate; mark them advocate=yes in the people file or the map",
                        e.at,
                        excerpt(by)
                    ));
                }
                Some(slot)
            });
            let Some(who) = who else { continue };
            if seen.contains(&(e.date, who, e.summary.as_str())) {
                preview.skipped_engagements += 1;
                continue;
            }
            if let Some(after) = e.stance_after
                && kept.contains(&who)
                && let Some(person) = existing_people.get(who)
                && after != person.stance
            {
                preview.conflicts.push(Conflict {
                    name: person.name.clone(),
                    field: format!("stance (after the conversation of {})", e.date),
                    in_map: person.stance.label().into(),
                    in_file: after.label().into(),
                });
            }
            engagements.push((i, who, by));
        }

        cap_problems(&mut preview.problems, &mut dropped);
        if dropped > 0 {
            preview.problems.push(format!(
                "{dropped} more problems are not listed; fix the ones above and import again"
            ));
        }
        preview.restores_map = batch.restore.is_some()
            && existing_people.is_empty()
            && existing_relations.is_empty()
            && existing_engagements.is_empty();
        preview.summary = ImportSummary {
            people: people.len(),
            relations: relations.len(),
            engagements: engagements.len(),
        };
        Ok(Decision {
            preview,
            people,
            relations,
            merged,
            engagements,
            slots,
        })
    }

    fn apply(&mut self, batch: &ImportBatch, decision: &Decision, bulk: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        if bulk {
            for (name, _) in BULK_INDEXES {
                tx.execute_batch(&format!("DROP INDEX {name}"))?;
            }
        }
        let now = Utc::now();
        let mut ids = decision.slots.ids.clone();
        for &(i, slot) in &decision.people {
            let id = insert_stakeholder(&tx, &batch.people[i].1)?;
            if let Some(entry) = ids.get_mut(slot) {
                *entry = Some(id);
            }
        }
        // Every slot the decision names was filled above; a miss is a bug, reported
        // as an internal error (the transaction is dropped, so nothing is written).
        let id_of = |slot: usize| -> Result<StakeholderId> {
            ids.get(slot).copied().flatten().ok_or_else(|| {
                Error::Sqlite(rusqlite::Error::InvalidParameterName(format!(
                    "import: person slot {slot} was not stored before its ties"
                )))
            })
        };
        // Slot → added by this import.
        let mut added = vec![false; ids.len()];
        for &(_, slot) in &decision.people {
            if let Some(entry) = added.get_mut(slot) {
                *entry = true;
            }
        }
        let added = |slot: usize| added.get(slot).copied().unwrap_or(false);
        // A JSON map brings its own history; a CSV import with conversations starts
        // each new person where their first conversation found them; other imports
        // record "imported" now.
        let mut with_history: HashSet<usize> = HashSet::new();
        if let Some(restore) = &batch.restore {
            for change in &restore.history {
                if let Some(slot) = decision.slots.slot(&change.stakeholder)
                    && added(slot)
                {
                    record_stance(
                        &tx,
                        id_of(slot)?,
                        change.at,
                        change.stance.level(),
                        &change.source,
                    )?;
                    with_history.insert(slot);
                }
            }
        }
        let initial = if batch.restore.is_none() {
            initial_stances(batch, decision)
        } else {
            Default::default()
        };
        // Nearly everyone enters the history at one time: it is written out once.
        let mut written: Option<(DateTime<Utc>, String)> = None;
        for &(i, slot) in &decision.people {
            if !with_history.contains(&slot) {
                let person = &batch.people[i].1;
                let (at, stance) = initial.get(&slot).copied().unwrap_or((now, person.stance));
                let text = match &written {
                    Some((time, text)) if *time == at => text,
                    _ => &written.insert((at, format_time(at))).1,
                };
                record_stance_text(&tx, id_of(slot)?, text, stance.level(), "imported")?;
            }
        }
        let ties = decision.relations.iter().map(|&(i, from, to)| {
            let i = i as usize;
            let r = &batch.relations[i];
            let (strength, note) = decision
                .merged
                .get(&i)
                .map_or((r.strength, r.note.as_str()), |(s, n)| (*s, n.as_str()));
            Ok((
                id_of(from as usize)?,
                id_of(to as usize)?,
                r.kind,
                strength,
                note,
            ))
        });
        insert_relations(&tx, ties)?;
        let mut engagements: Vec<_> = decision
            .engagements
            .iter()
            .map(|&(i, who, by)| (&batch.engagements[i], who, by))
            .collect();
        engagements.sort_by_key(|(e, _, _)| e.date);
        for (e, who, by) in engagements {
            // Stances come from the file's history (JSON) or stay as the map has
            // them (merged people); only new people of a CSV import take them here.
            let apply_stance = batch.restore.is_none() && added(who);
            insert_engagement(
                &tx,
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
                tx.prepare_cached("SELECT stance FROM stakeholders WHERE id = ?1")?;
            let mut set_stance =
                tx.prepare_cached("UPDATE stakeholders SET stance = ?2 WHERE id = ?1")?;
            for &(i, slot) in &decision.people {
                let person = &batch.people[i].1;
                if initial.contains_key(&slot) {
                    let id = id_of(slot)?;
                    let stance: i8 = stance_of.query_row([id.0], |r| r.get(0))?;
                    if stance != person.stance.level() {
                        set_stance.execute((id.0, person.stance.level()))?;
                        record_stance(&tx, id, now, person.stance.level(), "imported")?;
                    }
                }
            }
        }
        if bulk {
            for (_, create) in BULK_INDEXES {
                tx.execute_batch(create)?;
            }
        }
        match &batch.restore {
            Some(restore) if decision.preview.restores_map => {
                let info = &restore.info;
                tx.execute(
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
            _ => touch(&tx, now)?,
        }
        tx.commit()?;
        Ok(())
    }
}

/// One mutual tie listed from both ends (`first`, then `again`): the line the
/// preview shows, and the strength (the stronger) and note (both, when they
/// differ) of the one tie kept; or the problem when the notes together are too long.
fn merge_tie(
    first: &NamedRelation,
    again: &NamedRelation,
) -> Result<(String, Level, String), String> {
    let strength = first.strength.max(again.strength);
    let note = match (first.note.as_str(), again.note.as_str()) {
        (a, b) if a == b || b.is_empty() => a.to_string(),
        ("", b) => b.to_string(),
        (a, b) => format!("{a}; {b}"),
    };
    if let Err(e) = check_text(&note, "the notes of both rows together") {
        return Err(format!("{}, column note: {e}", again.at));
    }
    let rows = if first.at.file == again.at.file {
        format!(
            "{} rows {} and {}",
            first.at.file, first.at.row, again.at.row
        )
    } else {
        format!("{} and {}", first.at, again.at)
    };
    let line = format!(
        "{} – {} ({}): listed twice ({rows}); one tie kept, strength {strength}",
        excerpt(&first.from),
        excerpt(&first.to),
        first.kind
    );
    Ok((line, strength, note))
}

/// Ties per INSERT statement in a bulk load: one statement of many rows costs far
/// less than as many statements of one row (5 parameters a row, well under
/// SQLite's limit of 32,766).
const TIES_PER_INSERT: usize = 200;

/// Inserts ties (already checked) with multi-row INSERTs, taking them one chunk
/// at a time from `ties`; the first error stops it.
fn insert_relations<'a>(
    conn: &rusqlite::Connection,
    ties: impl Iterator<Item = Result<(StakeholderId, StakeholderId, RelationKind, Level, &'a str)>>,
) -> Result<()> {
    let sql = |rows: usize| {
        let values = vec!["(?, ?, ?, ?, ?)"; rows].join(", ");
        format!("INSERT INTO relations (from_id, to_id, kind, strength, note) VALUES {values}")
    };
    let mut full = conn.prepare(&sql(TIES_PER_INSERT))?;
    let mut chunk: Vec<(i64, i64, &str, u8, &str)> = Vec::with_capacity(TIES_PER_INSERT);
    let mut ties = ties.peekable();
    while ties.peek().is_some() {
        chunk.clear();
        for tie in ties.by_ref().take(TIES_PER_INSERT) {
            let (from, to, kind, strength, note) = tie?;
            chunk.push((from.0, to.0, kind.as_str(), strength.value(), note));
        }
        let params: Vec<&dyn rusqlite::ToSql> = chunk
            .iter()
            .flat_map(|t| [&t.0 as &dyn rusqlite::ToSql, &t.1, &t.2, &t.3, &t.4])
            .collect();
        if chunk.len() == TIES_PER_INSERT {
            full.execute(params.as_slice())?;
        } else {
            conn.prepare(&sql(chunk.len()))?
                .execute(params.as_slice())?;
        }
    }
    Ok(())
}

/// When a CSV import brings conversations, new people enter the history on the
/// day of the earliest conversation, at the stance they had before their first
/// one (or their file stance): the conversations then replay how they moved.
fn initial_stances(
    batch: &ImportBatch,
    decision: &Decision,
) -> foldhash::HashMap<usize, (DateTime<Utc>, Stance)> {
    let Some(start) = decision
        .engagements
        .iter()
        .map(|&(i, _, _)| batch.engagements[i].date)
        .min()
    else {
        return Default::default();
    };
    let start = start.and_time(NaiveTime::MIN).and_utc();
    let mut first: foldhash::HashMap<usize, (NaiveDate, Option<Stance>)> = Default::default();
    for &(i, who, _) in &decision.engagements {
        let e = &batch.engagements[i];
        let entry = first.entry(who).or_insert((e.date, e.stance_before));
        if e.date < entry.0 {
            *entry = (e.date, e.stance_before);
        }
    }
    decision
        .people
        .iter()
        .map(|&(i, slot)| {
            let before = first.get(&slot).and_then(|(_, before)| *before);
            (slot, (start, before.unwrap_or(batch.people[i].1.stance)))
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
    use crate::model::Relation;

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
