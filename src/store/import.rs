//! Applying an import: every name checked against the map, then one transaction.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::MapFile;
use super::engagements::insert_engagement;
use super::relations::insert_relation;
use super::stakeholders::{insert_stakeholder, record_stance, touch};
use crate::error::{Error, Result};
use crate::import::{ImportBatch, ImportSummary};
use crate::model::text::name_key;
use crate::model::{
    Engagement, EngagementId, Relation, RelationId, RelationKind, Stakeholder, StakeholderId,
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

impl MapFile {
    /// Checks a batch against the map and, when `apply` is true and nothing is
    /// wrong, adds all of it in one transaction. Any problem — in the files or in
    /// the names — returns [`Error::Import`] listing every one, and the map is
    /// left unchanged. With `apply` false this is the preview (a dry run).
    pub fn import(&mut self, batch: &ImportBatch, apply: bool) -> Result<ImportSummary> {
        let existing = self.stakeholders()?;
        let existing_relations = self.relations()?;
        let (mut people, resolved, problems) = resolve(batch, &existing, &existing_relations);
        if !problems.is_empty() {
            return Err(Error::Import(problems));
        }
        if apply {
            let bulk =
                batch.relations.len() > 1000 && batch.relations.len() > existing_relations.len();
            if bulk {
                // Every reference was resolved above and ids come from this very
                // transaction, so SQLite's per-row foreign-key lookups only cost time.
                self.conn.pragma_update(None, "foreign_keys", false)?;
            }
            let result = self.apply(batch, &mut people, &resolved, bulk);
            if bulk {
                self.conn.pragma_update(None, "foreign_keys", true)?;
            }
            result?;
        }
        Ok(ImportSummary {
            people: batch.people.len(),
            relations: batch.relations.len(),
            engagements: batch.engagements.len(),
        })
    }

    fn apply(
        &mut self,
        batch: &ImportBatch,
        people: &mut People,
        resolved: &Resolved,
        bulk: bool,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        if bulk {
            for (name, _) in BULK_INDEXES {
                tx.execute_batch(&format!("DROP INDEX {name}"))?;
            }
        }
        let now = Utc::now();
        let initial = initial_stances(batch, resolved);
        for ((_, person), &slot) in batch.people.iter().zip(&resolved.people) {
            let id = insert_stakeholder(&tx, person)?;
            let (at, stance) = initial.get(&slot).copied().unwrap_or((now, person.stance));
            record_stance(&tx, id, at, stance.level(), "imported")?;
            people.ids[slot] = Some(id);
        }
        let id_of =
            |slot: usize| people.ids[slot].expect("every person is stored before their ties");
        for (r, &(from, to)) in batch.relations.iter().zip(&resolved.relations) {
            insert_relation(
                &tx,
                &Relation {
                    id: RelationId(0),
                    from: id_of(from),
                    to: id_of(to),
                    kind: r.kind,
                    strength: r.strength,
                    note: r.note.clone(),
                },
            )?;
        }
        let mut engagements: Vec<_> = batch
            .engagements
            .iter()
            .zip(&resolved.engagements)
            .collect();
        engagements.sort_by_key(|(e, _)| e.date);
        for (e, &(who, by)) in engagements {
            insert_engagement(
                &tx,
                &Engagement {
                    id: EngagementId(0),
                    date: e.date,
                    stakeholder: id_of(who),
                    held_by: by.map(id_of),
                    channel: e.channel.clone(),
                    summary: e.summary.clone(),
                    stance_before: e.stance_before,
                    stance_after: e.stance_after,
                    next_step: e.next_step.clone(),
                    next_step_due: e.next_step_due,
                },
            )?;
        }
        // The people file says where people stand now: where the conversations
        // left someone elsewhere, the file's stance is recorded as of today.
        for ((_, person), &slot) in batch.people.iter().zip(&resolved.people) {
            if initial.contains_key(&slot) {
                let id = id_of(slot);
                let stance: i8 = tx.query_row(
                    "SELECT stance FROM stakeholders WHERE id = ?1",
                    [id.0],
                    |r| r.get(0),
                )?;
                if stance != person.stance.level() {
                    tx.execute(
                        "UPDATE stakeholders SET stance = ?2 WHERE id = ?1",
                        (id.0, person.stance.level()),
                    )?;
                    record_stance(&tx, id, now, person.stance.level(), "imported")?;
                }
            }
        }
        if bulk {
            for (_, create) in BULK_INDEXES {
                tx.execute_batch(create)?;
            }
        }
        touch(&tx, now)?;
        tx.commit()?;
        Ok(())
    }
}

/// When an import brings conversations, new people enter the history on the day
/// of the earliest conversation, at the stance they had before their first one
/// (or their file stance): the conversations then replay how they moved since.
fn initial_stances(
    batch: &ImportBatch,
    resolved: &Resolved,
) -> HashMap<usize, (DateTime<Utc>, Stance)> {
    let Some(start) = batch.engagements.iter().map(|e| e.date).min() else {
        return HashMap::new();
    };
    let start = start.and_time(NaiveTime::MIN).and_utc();
    let mut first: HashMap<usize, (NaiveDate, Option<Stance>)> = HashMap::new();
    for (e, &(who, _)) in batch.engagements.iter().zip(&resolved.engagements) {
        let entry = first.entry(who).or_insert((e.date, e.stance_before));
        if e.date < entry.0 {
            *entry = (e.date, e.stance_before);
        }
    }
    batch
        .people
        .iter()
        .zip(&resolved.people)
        .map(|((_, person), &slot)| {
            let before = first.get(&slot).and_then(|(_, before)| *before);
            (slot, (start, before.unwrap_or(person.stance)))
        })
        .collect()
}

/// Everyone an import may name: the map's people and the batch's, each a slot.
struct People<'a> {
    /// Exact spelling → slot (the common case, no allocation).
    exact: HashMap<&'a str, usize>,
    /// Case-insensitive name key → slot.
    keys: HashMap<String, usize>,
    /// Slot → stored id (`None` until a new person is inserted).
    ids: Vec<Option<StakeholderId>>,
    /// Slot → marked as an advocate.
    advocate: Vec<bool>,
}

impl<'a> People<'a> {
    fn add(&mut self, name: &'a str, id: Option<StakeholderId>, advocate: bool) -> usize {
        let slot = self.ids.len();
        self.exact.insert(name, slot);
        self.keys.insert(name_key(name), slot);
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

/// The batch's rows with their names resolved to slots of [`People`].
#[derive(Default)]
struct Resolved {
    people: Vec<usize>,
    relations: Vec<(usize, usize)>,
    engagements: Vec<(usize, Option<usize>)>,
}

/// One number per tie, so duplicates are found without building strings.
fn tie_key(from: usize, kind: RelationKind, to: usize) -> u64 {
    ((from as u64) << 34) | ((to as u64) << 3) | kind as u64
}

/// Resolves every name of the batch against the map and itself, collecting a
/// problem line for each unknown name, duplicate or non-advocate host.
fn resolve<'a>(
    batch: &'a ImportBatch,
    existing: &'a [Stakeholder],
    existing_relations: &[Relation],
) -> (People<'a>, Resolved, Vec<String>) {
    let mut problems = batch.problems.clone();
    let mut people = People {
        exact: HashMap::with_capacity(existing.len() + batch.people.len()),
        keys: HashMap::with_capacity(existing.len() + batch.people.len()),
        ids: Vec::new(),
        advocate: Vec::new(),
    };
    let mut slot_of_id = HashMap::with_capacity(existing.len());
    for p in existing {
        slot_of_id.insert(p.id, people.add(&p.name, Some(p.id), p.advocate));
    }
    let mut resolved = Resolved::default();
    let mut first_row: HashMap<usize, usize> = HashMap::new();
    for (at, person) in &batch.people {
        match people.slot(&person.name) {
            Some(slot) if slot < existing.len() => problems.push(format!(
                "{at}, column name: '{}' is already in the map; remove the row or rename the person",
                person.name
            )),
            Some(slot) => problems.push(format!(
                "{at}, column name: '{}' appears again (first on row {}); names must be unique, rename one",
                person.name, first_row[&slot]
            )),
            None => {
                let slot = people.add(&person.name, None, person.advocate);
                first_row.insert(slot, at.row);
                resolved.people.push(slot);
            }
        }
    }
    let find = |name: &str,
                at: &dyn std::fmt::Display,
                column: &str,
                problems: &mut Vec<String>| {
        let slot = people.slot(name);
        if slot.is_none() {
            problems.push(format!(
                "{at}, column {column}: no stakeholder named '{name}' in the map or the people file; check the spelling"
            ));
        }
        slot
    };
    let mut ties: HashSet<u64> = existing_relations
        .iter()
        .map(|r| tie_key(slot_of_id[&r.from], r.kind, slot_of_id[&r.to]))
        .collect();
    for r in &batch.relations {
        let from = find(&r.from, &r.at, "from", &mut problems);
        let to = find(&r.to, &r.at, "to", &mut problems);
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        if from == to {
            problems.push(format!(
                "{}, column to: '{}' cannot {} themselves; a relation needs two different people",
                r.at, r.to, r.kind
            ));
        } else if ties.contains(&tie_key(from, r.kind, to))
            || (r.kind.is_mutual() && ties.contains(&tie_key(to, r.kind, from)))
        {
            problems.push(format!(
                "{}: '{}' {} '{}' is already in the map or earlier in the file; remove the duplicate row",
                r.at, r.from, r.kind, r.to
            ));
        } else {
            ties.insert(tie_key(from, r.kind, to));
            resolved.relations.push((from, to));
        }
    }
    for e in &batch.engagements {
        let who = find(&e.stakeholder, &e.at, "stakeholder", &mut problems);
        let by = e.held_by.as_deref().map(|by| {
            let slot = find(by, &e.at, "held_by", &mut problems);
            if slot.is_some_and(|s| !people.advocate[s]) {
                problems.push(format!(
                    "{}, column held_by: '{by}' is not marked as an advocate; mark them advocate=yes in the people file or the map",
                    e.at
                ));
            }
            slot
        });
        match (who, by) {
            (Some(who), None) => resolved.engagements.push((who, None)),
            (Some(who), Some(Some(by))) => resolved.engagements.push((who, Some(by))),
            _ => {}
        }
    }
    (people, resolved, problems)
}
