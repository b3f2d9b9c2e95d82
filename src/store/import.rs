//! Applying an import: every name checked against the map, then one transaction.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use rusqlite::params;

use super::engagements::insert_engagement;
use super::relations::insert_relation;
use super::stakeholders::{insert_stakeholder, record_stance, touch};
use super::{MapFile, format_time};
use crate::error::{Error, Result};
use crate::import::{Conflict, ImportBatch, ImportOptions, ImportPreview, ImportSummary};
use crate::model::text::name_key;
use crate::model::{
    Engagement, EngagementId, Field, Relation, RelationId, RelationKind, Stakeholder, StakeholderId,
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

/// What the checks decided: the preview, plus which rows of the batch to apply.
struct Decision {
    preview: ImportPreview,
    /// Indexes into `batch.people` of the people to add.
    people: Vec<usize>,
    /// Indexes into `batch.relations` of the ties to add.
    relations: Vec<usize>,
    /// Indexes into `batch.engagements` of the conversations to add.
    engagements: Vec<usize>,
    /// The ids of everyone already in the map, by name key.
    ids: HashMap<String, StakeholderId>,
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
        self.apply(batch, &decision)?;
        Ok(decision.preview)
    }

    fn decide(&self, batch: &ImportBatch, options: &ImportOptions) -> Result<Decision> {
        let mut preview = ImportPreview {
            problems: batch.problems.clone(),
            warnings: batch.warnings.clone(),
            ..ImportPreview::default()
        };
        let existing_people = self.stakeholders()?;
        let existing_relations = self.relations()?;
        let existing_engagements = self.engagements()?;
        let mut ids: HashMap<String, StakeholderId> = HashMap::new();
        let mut in_map: HashMap<String, &Stakeholder> = HashMap::new();
        let mut known: HashSet<String> = HashSet::new();
        let mut advocates: HashSet<String> = HashSet::new();
        let mut kept: HashSet<String> = HashSet::new();
        for p in &existing_people {
            let key = name_key(&p.name);
            if p.advocate {
                advocates.insert(key.clone());
            }
            ids.insert(key.clone(), p.id);
            known.insert(key.clone());
            in_map.insert(key, p);
        }
        let mut people = Vec::new();
        let mut first_row: HashMap<String, usize> = HashMap::new();
        for (i, (at, person)) in batch.people.iter().enumerate() {
            let key = name_key(&person.name);
            if let Some(row) = first_row.get(&key) {
                preview.problems.push(format!(
                    "{at}, column name: '{}' appears again (first on row {row}); names must be unique, rename one",
                    person.name
                ));
            } else if let Some(existing) = in_map.get(&key) {
                if options.merge {
                    first_row.insert(key.clone(), at.row);
                    preview.kept.push(existing.name.clone());
                    kept.insert(key);
                    let given = batch
                        .people_fields
                        .get(i)
                        .map_or(&Field::ALL[..], Vec::as_slice);
                    conflicts(existing, person, given, &mut preview.conflicts);
                } else {
                    preview.problems.push(format!(
                        "{at}, column name: '{}' is already in the map; remove the row, rename the \
                         person, or import with --merge to keep the map's version",
                        person.name
                    ));
                }
            } else {
                first_row.insert(key.clone(), at.row);
                known.insert(key.clone());
                if person.advocate {
                    advocates.insert(key);
                }
                preview.added.push(person.name.clone());
                people.push(i);
            }
        }
        let check_known = |name: &str,
                           at: &dyn std::fmt::Display,
                           column: &str,
                           problems: &mut Vec<String>| {
            let found = known.contains(&name_key(name));
            if !found {
                problems.push(format!(
                        "{at}, column {column}: no stakeholder named '{name}' in the map or the people file; check the spelling"
                    ));
            }
            found
        };

        let names: HashMap<StakeholderId, String> = existing_people
            .iter()
            .map(|p| (p.id, name_key(&p.name)))
            .collect();
        let mut map_ties: HashMap<(String, RelationKind, String), &Relation> = HashMap::new();
        for r in &existing_relations {
            map_ties.insert((names[&r.from].clone(), r.kind, names[&r.to].clone()), r);
        }
        let mut file_ties: HashSet<(String, RelationKind, String)> = HashSet::new();
        let mut relations = Vec::new();
        for (i, r) in batch.relations.iter().enumerate() {
            let from_ok = check_known(&r.from, &r.at, "from", &mut preview.problems);
            let to_ok = check_known(&r.to, &r.at, "to", &mut preview.problems);
            if !(from_ok && to_ok) {
                continue;
            }
            let (from, to) = (name_key(&r.from), name_key(&r.to));
            if from == to {
                preview.problems.push(format!(
                    "{}, column to: '{}' cannot {} themselves; a relation needs two different people",
                    r.at, r.to, r.kind
                ));
                continue;
            }
            let reverse = (to.clone(), r.kind, from.clone());
            let tie = (from, r.kind, to);
            if file_ties.contains(&tie) || (r.kind.is_mutual() && file_ties.contains(&reverse)) {
                preview.problems.push(format!(
                    "{}: '{}' {} '{}' is already earlier in the file; remove the duplicate row",
                    r.at, r.from, r.kind, r.to
                ));
                continue;
            }
            file_ties.insert(tie.clone());
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
                    r.at, r.from, r.kind, r.to
                )),
                None => relations.push(i),
            }
        }

        let seen: HashSet<(chrono::NaiveDate, String, &str)> = existing_engagements
            .iter()
            .map(|e| (e.date, names[&e.stakeholder].clone(), e.summary.as_str()))
            .collect();
        let mut engagements = Vec::new();
        for (i, e) in batch.engagements.iter().enumerate() {
            let person_ok =
                check_known(&e.stakeholder, &e.at, "stakeholder", &mut preview.problems);
            if let Some(by) = &e.held_by
                && check_known(by, &e.at, "held_by", &mut preview.problems)
                && !advocates.contains(&name_key(by))
            {
                preview.problems.push(format!(
                    "{}, column held_by: '{by}' is not marked as an advocate; mark them advocate=yes in the people file or the map",
                    e.at
                ));
            }
            let key = (e.date, name_key(&e.stakeholder), e.summary.as_str());
            if person_ok && seen.contains(&key) {
                preview.skipped_engagements += 1;
            } else {
                engagements.push(i);
            }
        }
        for &i in &engagements {
            let e = &batch.engagements[i];
            if let (Some(after), Some(existing)) =
                (e.stance_after, in_map.get(&name_key(&e.stakeholder)))
                && kept.contains(&name_key(&e.stakeholder))
                && after != existing.stance
            {
                preview.conflicts.push(Conflict {
                    name: existing.name.clone(),
                    field: format!("stance (after the conversation of {})", e.date),
                    in_map: existing.stance.label().into(),
                    in_file: after.label().into(),
                });
            }
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
            engagements,
            ids,
        })
    }

    fn apply(&mut self, batch: &ImportBatch, decision: &Decision) -> Result<()> {
        let existing_relations = self.relations()?.len();
        let tx = self.conn.transaction()?;
        let bulk = decision.relations.len() > 1000 && decision.relations.len() > existing_relations;
        if bulk {
            for (name, _) in BULK_INDEXES {
                tx.execute_batch(&format!("DROP INDEX {name}"))?;
            }
        }
        let now = Utc::now();
        let mut ids = decision.ids.clone();
        let mut added: HashSet<String> = HashSet::new();
        for &i in &decision.people {
            let person = &batch.people[i].1;
            let id = insert_stakeholder(&tx, person)?;
            ids.insert(name_key(&person.name), id);
            added.insert(name_key(&person.name));
        }
        let id_of = |name: &str| ids[&name_key(name)];
        // A JSON map brings its own history; other imports record "imported" now.
        let mut with_history: HashSet<String> = HashSet::new();
        if let Some(restore) = &batch.restore {
            for change in &restore.history {
                let key = name_key(&change.stakeholder);
                if added.contains(&key) {
                    record_stance(
                        &tx,
                        ids[&key],
                        change.at,
                        change.stance.level(),
                        &change.source,
                    )?;
                    with_history.insert(key);
                }
            }
        }
        for &i in &decision.people {
            let person = &batch.people[i].1;
            if !with_history.contains(&name_key(&person.name)) {
                record_stance(
                    &tx,
                    id_of(&person.name),
                    now,
                    person.stance.level(),
                    "imported",
                )?;
            }
        }
        for &i in &decision.relations {
            let r = &batch.relations[i];
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
        let mut engagements: Vec<_> = decision
            .engagements
            .iter()
            .map(|&i| &batch.engagements[i])
            .collect();
        engagements.sort_by_key(|e| e.date);
        for e in engagements {
            let key = name_key(&e.stakeholder);
            // Stances come from the file's history (JSON) or stay as the map has
            // them (merged people); only new people of a CSV import take them here.
            let apply_stance = batch.restore.is_none() && added.contains(&key);
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
                apply_stance,
            )?;
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
