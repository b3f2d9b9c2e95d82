//! Applying an import: every name checked against the map, then one transaction.

use std::collections::{HashMap, HashSet};

use chrono::Utc;

use super::MapFile;
use super::engagements::insert_engagement;
use super::relations::insert_relation;
use super::stakeholders::{insert_stakeholder, record_stance, touch};
use crate::error::{Error, Result};
use crate::import::{ImportBatch, ImportSummary};
use crate::model::text::name_key;
use crate::model::{Engagement, EngagementId, Relation, RelationId, RelationKind, StakeholderId};

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
        let mut problems = batch.problems.clone();
        let mut ids: HashMap<String, Option<StakeholderId>> = HashMap::new();
        let mut advocates: HashSet<String> = HashSet::new();
        for p in self.stakeholders()? {
            if p.advocate {
                advocates.insert(name_key(&p.name));
            }
            ids.insert(name_key(&p.name), Some(p.id));
        }
        let mut first_row: HashMap<String, usize> = HashMap::new();
        for (at, person) in &batch.people {
            let key = name_key(&person.name);
            if let Some(row) = first_row.get(&key) {
                problems.push(format!(
                    "{at}, column name: '{}' appears again (first on row {row}); names must be unique, rename one",
                    person.name
                ));
            } else if let std::collections::hash_map::Entry::Vacant(slot) = ids.entry(key.clone()) {
                slot.insert(None);
                first_row.insert(key.clone(), at.row);
                if person.advocate {
                    advocates.insert(key);
                }
            } else {
                problems.push(format!(
                    "{at}, column name: '{}' is already in the map; remove the row or rename the person",
                    person.name
                ));
            }
        }
        let known = |name: &str,
                     at: &dyn std::fmt::Display,
                     column: &str,
                     problems: &mut Vec<String>| {
            let found = ids.contains_key(&name_key(name));
            if !found {
                problems.push(format!(
                    "{at}, column {column}: no stakeholder named '{name}' in the map or the people file; check the spelling"
                ));
            }
            found
        };
        let mut ties: HashSet<(String, RelationKind, String)> = HashSet::new();
        let existing = self.relations()?;
        if !batch.relations.is_empty() {
            let names: HashMap<StakeholderId, String> = self
                .stakeholders()?
                .into_iter()
                .map(|p| (p.id, name_key(&p.name)))
                .collect();
            for r in &existing {
                ties.insert((names[&r.from].clone(), r.kind, names[&r.to].clone()));
            }
        }
        for r in &batch.relations {
            let from_ok = known(&r.from, &r.at, "from", &mut problems);
            let to_ok = known(&r.to, &r.at, "to", &mut problems);
            if !(from_ok && to_ok) {
                continue;
            }
            let (from, to) = (name_key(&r.from), name_key(&r.to));
            if from == to {
                problems.push(format!(
                    "{}, column to: '{}' cannot {} themselves; a relation needs two different people",
                    r.at, r.to, r.kind
                ));
                continue;
            }
            let reverse = (to.clone(), r.kind, from.clone());
            let tie = (from, r.kind, to);
            if ties.contains(&tie) || (r.kind.is_mutual() && ties.contains(&reverse)) {
                problems.push(format!(
                    "{}: '{}' {} '{}' is already in the map or earlier in the file; remove the duplicate row",
                    r.at, r.from, r.kind, r.to
                ));
                continue;
            }
            ties.insert(tie);
        }
        for e in &batch.engagements {
            known(&e.stakeholder, &e.at, "stakeholder", &mut problems);
            if let Some(by) = &e.held_by
                && known(by, &e.at, "held_by", &mut problems)
                && !advocates.contains(&name_key(by))
            {
                problems.push(format!(
                    "{}, column held_by: '{by}' is not marked as an advocate; mark them advocate=yes in the people file or the map",
                    e.at
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Import(problems));
        }
        let summary = ImportSummary {
            people: batch.people.len(),
            relations: batch.relations.len(),
            engagements: batch.engagements.len(),
        };
        if apply {
            self.apply(batch, ids, existing.len())?;
        }
        Ok(summary)
    }

    fn apply(
        &mut self,
        batch: &ImportBatch,
        mut ids: HashMap<String, Option<StakeholderId>>,
        existing_relations: usize,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let bulk = batch.relations.len() > 1000 && batch.relations.len() > existing_relations;
        if bulk {
            for (name, _) in BULK_INDEXES {
                tx.execute_batch(&format!("DROP INDEX {name}"))?;
            }
        }
        let now = Utc::now();
        for (_, person) in &batch.people {
            let id = insert_stakeholder(&tx, person)?;
            record_stance(&tx, id, now, person.stance.level(), "imported")?;
            ids.insert(name_key(&person.name), Some(id));
        }
        let id_of =
            |name: &str| ids[&name_key(name)].expect("every name was resolved to an id above");
        for r in &batch.relations {
            insert_relation(
                &tx,
                &Relation {
                    id: RelationId(0),
                    from: id_of(&r.from),
                    to: id_of(&r.to),
                    kind: r.kind,
                    strength: r.strength,
                    note: r.note.clone(),
                },
            )?;
        }
        let mut engagements: Vec<_> = batch.engagements.iter().collect();
        engagements.sort_by_key(|e| e.date);
        for e in engagements {
            insert_engagement(
                &tx,
                &Engagement {
                    id: EngagementId(0),
                    date: e.date,
                    stakeholder: id_of(&e.stakeholder),
                    held_by: e.held_by.as_deref().map(id_of),
                    channel: e.channel.clone(),
                    summary: e.summary.clone(),
                    stance_before: e.stance_before,
                    stance_after: e.stance_after,
                    next_step: e.next_step.clone(),
                    next_step_due: e.next_step_due,
                },
            )?;
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
