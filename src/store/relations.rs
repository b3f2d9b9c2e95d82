//! Adding, editing and removing relations.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, params};

use super::MapFile;
use super::rows::{self, RELATION_COLUMNS};
use super::stakeholders::touch;
use crate::error::{Error, Result};
use crate::model::{Relation, RelationId, RelationKind};

impl MapFile {
    /// Every relation, in the order they were added.
    pub fn relations(&self) -> Result<Vec<Relation>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {RELATION_COLUMNS} FROM relations ORDER BY id"
        ))?;
        let all = stmt
            .query_map([], rows::relation)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(all)
    }

    /// Adds a relation between two stakeholders of the map. A person cannot relate
    /// to themselves, and the same tie cannot be recorded twice (for `allied` and
    /// `conflict`, in either direction).
    pub fn add_relation(&mut self, relation: &Relation) -> Result<Relation> {
        let tx = self.conn.transaction()?;
        check_relation(&tx, relation, None)?;
        let id = insert_relation(&tx, relation)?;
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(Relation {
            id,
            ..relation.clone()
        })
    }

    /// Saves the kind, strength, note and ends of an existing relation (by id).
    pub fn update_relation(&mut self, relation: &Relation) -> Result<()> {
        let tx = self.conn.transaction()?;
        check_relation(&tx, relation, Some(relation.id))?;
        let changed = tx.execute(
            "UPDATE relations SET from_id = ?2, to_id = ?3, kind = ?4, strength = ?5, note = ?6
             WHERE id = ?1",
            params![
                relation.id.0,
                relation.from.0,
                relation.to.0,
                relation.kind.as_str(),
                relation.strength.value(),
                relation.note
            ],
        )?;
        if changed == 0 {
            return Err(Error::NotFound(format!(
                "no relation has id {}",
                relation.id.0
            )));
        }
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a relation.
    pub fn remove_relation(&mut self, id: RelationId) -> Result<()> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM relations WHERE id = ?1", [id.0])? == 0 {
            return Err(Error::NotFound(format!("no relation has id {}", id.0)));
        }
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(())
    }
}

/// Refuses self-ties, unknown people and duplicates (`except` is the relation being edited).
fn check_relation(conn: &Connection, r: &Relation, except: Option<RelationId>) -> Result<()> {
    crate::model::text::check_text(&r.note, "the relation's note")?;
    let name = |id: i64| -> Result<String> {
        conn.query_row("SELECT name FROM stakeholders WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no stakeholder has id {id}")))
    };
    let from = name(r.from.0)?;
    let to = name(r.to.0)?;
    if r.from == r.to {
        return Err(Error::Invalid(format!(
            "a relation needs two different people; '{from}' cannot {} themselves",
            r.kind
        )));
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RELATION_COLUMNS} FROM relations
         WHERE kind = ?1 AND ((from_id = ?2 AND to_id = ?3) OR (?4 AND from_id = ?3 AND to_id = ?2))"
    ))?;
    let clash = stmt
        .query_map(
            params![r.kind.as_str(), r.from.0, r.to.0, r.kind.is_mutual()],
            rows::relation,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .find(|existing| Some(existing.id) != except);
    if clash.is_some() {
        return Err(Error::Conflict(format!(
            "'{from}' {} '{to}' is already in the map; change its strength with the existing relation instead",
            r.kind
        )));
    }
    Ok(())
}

/// Inserts a relation row (no checks) and returns its id.
pub(super) fn insert_relation(conn: &Connection, r: &Relation) -> Result<RelationId> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO relations (from_id, to_id, kind, strength, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    stmt.execute(params![
        r.from.0,
        r.to.0,
        r.kind.as_str(),
        r.strength.value(),
        r.note
    ])?;
    Ok(RelationId(conn.last_insert_rowid()))
}

impl MapFile {
    /// The relation `from kind to` between two named people (either direction for
    /// `allied` and `conflict`).
    pub fn find_relation(&self, from: &str, kind: RelationKind, to: &str) -> Result<Relation> {
        let a = self.find(from)?;
        let b = self.find(to)?;
        self.relations()?
            .into_iter()
            .find(|r| {
                r.kind == kind
                    && ((r.from == a.id && r.to == b.id)
                        || (kind.is_mutual() && r.from == b.id && r.to == a.id))
            })
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "there is no relation '{}' {kind} '{}'; `coalition show MAP \"{}\"` lists their ties",
                    a.name, b.name, a.name
                ))
            })
    }
}
