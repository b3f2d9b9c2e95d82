//! Adding, editing and removing stakeholders.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{self, STAKEHOLDER_COLUMNS};
use super::{MapFile, format_time};
use crate::error::{Error, Result};
use crate::model::text::name_key;
use crate::model::{Field, Stakeholder, StakeholderId};

impl MapFile {
    /// Everyone in the map, ordered by name.
    pub fn stakeholders(&self) -> Result<Vec<Stakeholder>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders ORDER BY name_key, id"
        ))?;
        let people = stmt
            .query_map([], rows::stakeholder)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    /// The stakeholder with this name (case-insensitive), or an error that says
    /// how to see who is in the map.
    pub fn find(&self, name: &str) -> Result<Stakeholder> {
        find_in(&self.conn, name)?.ok_or_else(|| not_found(name))
    }

    /// The stakeholder with this id.
    pub fn stakeholder(&self, id: StakeholderId) -> Result<Stakeholder> {
        self.conn
            .query_row(
                &format!("SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?1"),
                [id.0],
                rows::stakeholder,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no stakeholder has id {}", id.0)))
    }

    /// Adds a stakeholder and records their first stance. Names are unique,
    /// case-insensitively. Returns the stored stakeholder with its id.
    pub fn add_stakeholder(&mut self, person: &Stakeholder) -> Result<Stakeholder> {
        let tx = self.conn.transaction()?;
        if let Some(existing) = find_in(&tx, &person.name)? {
            return Err(name_taken(&existing.name));
        }
        let now = Utc::now();
        let id = insert_stakeholder(&tx, person)?;
        record_stance(&tx, id, now, person.stance.level(), "created")?;
        touch(&tx, now)?;
        tx.commit()?;
        Ok(Stakeholder {
            id,
            ..person.clone()
        })
    }

    /// Saves every field of an existing stakeholder (found by id). A changed stance
    /// is added to the history; a rename to a name already in use is refused.
    pub fn update_stakeholder(&mut self, person: &Stakeholder) -> Result<()> {
        let tx = self.conn.transaction()?;
        let old: Stakeholder = tx
            .query_row(
                &format!("SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?1"),
                [person.id.0],
                rows::stakeholder,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no stakeholder has id {}", person.id.0)))?;
        if let Some(other) = find_in(&tx, &person.name)?
            && other.id != person.id
        {
            return Err(name_taken(&other.name));
        }
        let (x, y) = person.position.unzip();
        tx.execute(
            "UPDATE stakeholders SET name = ?2, name_key = ?3, role = ?4, grp = ?5, tags = ?6,
                 notes = ?7, stance = ?8, target = ?9, power = ?10, interest = ?11,
                 openness = ?12, legitimacy = ?13, urgency = ?14, confidence = ?15,
                 effort = ?16, advocate = ?17, x = ?18, y = ?19
             WHERE id = ?1",
            params![
                person.id.0,
                person.name,
                name_key(&person.name),
                person.role,
                person.group,
                serde_json::to_string(&person.tags)?,
                person.notes,
                person.stance.level(),
                person.target.level(),
                person.power.value(),
                person.interest.value(),
                person.openness.value(),
                person.legitimacy,
                person.urgency,
                person.confidence.as_str(),
                person.effort.value(),
                person.advocate,
                x,
                y,
            ],
        )?;
        let now = Utc::now();
        if old.stance != person.stance {
            record_stance(&tx, person.id, now, person.stance.level(), "edited")?;
        }
        touch(&tx, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Sets one field of the named stakeholder from text (the CLI's `set`).
    /// Returns the stakeholder as saved.
    pub fn set_field(&mut self, name: &str, field: Field, value: &str) -> Result<Stakeholder> {
        let mut person = self.find(name)?;
        person.set(field, value)?;
        self.update_stakeholder(&person)?;
        Ok(person)
    }

    /// Removes a stakeholder with their relations, engagements and history.
    pub fn remove_stakeholder(&mut self, id: StakeholderId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let removed = tx.execute("DELETE FROM stakeholders WHERE id = ?1", [id.0])?;
        if removed == 0 {
            return Err(Error::NotFound(format!("no stakeholder has id {}", id.0)));
        }
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(())
    }
}

/// The stakeholder whose name matches `name` case-insensitively, if any.
pub(super) fn find_in(conn: &Connection, name: &str) -> Result<Option<Stakeholder>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE name_key = ?1"
    ))?;
    Ok(stmt
        .query_row([name_key(name)], rows::stakeholder)
        .optional()?)
}

/// Inserts a stakeholder row (no checks, no history) and returns its id.
pub(super) fn insert_stakeholder(conn: &Connection, p: &Stakeholder) -> Result<StakeholderId> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO stakeholders (name, name_key, role, grp, tags, notes, stance, target,
             power, interest, openness, legitimacy, urgency, confidence, effort, advocate, x, y)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let (x, y) = p.position.unzip();
    stmt.execute(params![
        p.name,
        name_key(&p.name),
        p.role,
        p.group,
        serde_json::to_string(&p.tags)?,
        p.notes,
        p.stance.level(),
        p.target.level(),
        p.power.value(),
        p.interest.value(),
        p.openness.value(),
        p.legitimacy,
        p.urgency,
        p.confidence.as_str(),
        p.effort.value(),
        p.advocate,
        x,
        y,
    ])?;
    Ok(StakeholderId(conn.last_insert_rowid()))
}

/// Appends a stance to a stakeholder's history.
pub(super) fn record_stance(
    conn: &Connection,
    id: StakeholderId,
    at: DateTime<Utc>,
    stance: i8,
    source: &str,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO stance_history (stakeholder_id, at, stance, source) VALUES (?1, ?2, ?3, ?4)",
    )?;
    stmt.execute(params![id.0, format_time(at), stance, source])?;
    Ok(())
}

/// Marks the map as changed now.
pub(super) fn touch(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE map_info SET updated = ?1 WHERE id = 1",
        [format_time(now)],
    )?;
    Ok(())
}

/// The error for a name that is not in the map.
pub(super) fn not_found(name: &str) -> Error {
    Error::NotFound(format!(
        "no stakeholder named '{}' in this map; `coalition list MAP` shows who is in it",
        name.trim()
    ))
}

fn name_taken(existing: &str) -> Error {
    Error::Conflict(format!(
        "a stakeholder named '{existing}' is already in the map (names are unique, ignoring case); \
         pick another name, or edit the one already there"
    ))
}

/// The stakeholder with this id, or an error naming the id.
pub(super) fn find_by_id(conn: &Connection, id: StakeholderId) -> Result<Stakeholder> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?1"
    ))?;
    stmt.query_row([id.0], rows::stakeholder)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no stakeholder has id {}", id.0)))
}
