//! Adding, editing and removing stakeholders.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

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
        self.update_stakeholders(std::slice::from_ref(person))
    }

    /// Saves several edited stakeholders in one transaction: all or none.
    pub fn update_stakeholders(&mut self, people: &[Stakeholder]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let now = Utc::now();
        for person in people {
            let old = find_by_id(&tx, person.id)?;
            if let Some(other) = find_in(&tx, &person.name)?
                && other.id != person.id
            {
                return Err(name_taken(&other.name));
            }
            tx.execute(
                &format!(
                    "UPDATE stakeholders SET ({WRITTEN_COLUMNS}) = ({}) WHERE id = ?",
                    placeholders()
                ),
                params_from_iter(
                    written_values(person)?
                        .into_iter()
                        .chain([Value::from(person.id.0)]),
                ),
            )?;
            if old.stance != person.stance {
                record_stance(&tx, person.id, now, person.stance.level(), "edited")?;
            }
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

/// The columns an insert or an update writes, in the order of [`written_values`].
const WRITTEN_COLUMNS: &str = "name, name_key, role, grp, tags, notes, stance, target, power, \
     interest, openness, legitimacy, urgency, confidence, effort, advocate, x, y";

/// The values of [`WRITTEN_COLUMNS`] for one stakeholder.
fn written_values(p: &Stakeholder) -> Result<[Value; 18]> {
    let (x, y) = p.position.unzip();
    let level = |l: crate::model::Level| Value::from(i64::from(l.value()));
    Ok([
        Value::from(p.name.clone()),
        Value::from(name_key(&p.name)),
        Value::from(p.role.clone()),
        Value::from(p.group.clone()),
        Value::from(serde_json::to_string(&p.tags)?),
        Value::from(p.notes.clone()),
        Value::from(i64::from(p.stance.level())),
        Value::from(i64::from(p.target.level())),
        level(p.power),
        level(p.interest),
        level(p.openness),
        Value::from(p.legitimacy),
        Value::from(p.urgency),
        Value::from(p.confidence.as_str().to_string()),
        level(p.effort),
        Value::from(p.advocate),
        x.map_or(Value::Null, Value::from),
        y.map_or(Value::Null, Value::from),
    ])
}

/// `?, ?, …` for each of [`WRITTEN_COLUMNS`].
fn placeholders() -> String {
    vec!["?"; 18].join(", ")
}

/// The INSERT of one stakeholder (built once: imports run it 100,000 times).
static INSERT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO stakeholders ({WRITTEN_COLUMNS}) VALUES ({})",
        placeholders()
    )
});

/// Inserts a stakeholder row (no checks, no history) and returns its id.
pub(super) fn insert_stakeholder(conn: &Connection, p: &Stakeholder) -> Result<StakeholderId> {
    let mut stmt = conn.prepare_cached(&INSERT)?;
    stmt.execute(params_from_iter(written_values(p)?))?;
    Ok(StakeholderId(conn.last_insert_rowid()))
}

/// People per INSERT statement of [`PeopleWriter`]: one statement of many rows
/// costs far less than as many statements of one row (19 parameters a row).
const PEOPLE_PER_INSERT: usize = 50;

/// People (already checked) on their way into the map, written
/// [`PEOPLE_PER_INSERT`] at a time, each under the id SQLite would give it (one
/// after the map's last); [`PeopleWriter::flush`] writes the rest.
pub(super) struct PeopleWriter {
    /// The id the next person gets.
    next: i64,
    /// The values of the rows not written yet: the id, then [`WRITTEN_COLUMNS`].
    pending: Vec<Value>,
}

impl PeopleWriter {
    /// Starts after the map's last person.
    pub(super) fn new(conn: &Connection) -> Result<PeopleWriter> {
        let last: i64 =
            conn.query_row("SELECT COALESCE(MAX(id), 0) FROM stakeholders", [], |r| {
                r.get(0)
            })?;
        Ok(PeopleWriter {
            next: last + 1,
            pending: Vec::with_capacity(PEOPLE_PER_INSERT * 19),
        })
    }

    /// Adds a person; returns the id they are written under.
    pub(super) fn add(&mut self, conn: &Connection, p: &Stakeholder) -> Result<StakeholderId> {
        let id = self.next;
        self.next += 1;
        self.pending.push(Value::from(id));
        self.pending.extend(written_values(p)?);
        if self.pending.len() == PEOPLE_PER_INSERT * 19 {
            self.flush(conn)?;
        }
        Ok(StakeholderId(id))
    }

    /// Writes the people not written yet.
    pub(super) fn flush(&mut self, conn: &Connection) -> Result<()> {
        let rows = self.pending.len() / 19;
        if rows == 0 {
            return Ok(());
        }
        let row = format!("(?, {})", placeholders());
        let sql = format!(
            "INSERT INTO stakeholders (id, {WRITTEN_COLUMNS}) VALUES {}",
            vec![row.as_str(); rows].join(", ")
        );
        conn.prepare_cached(&sql)?
            .execute(params_from_iter(self.pending.drain(..)))?;
        Ok(())
    }
}

/// Appends a stance to a stakeholder's history.
pub(super) fn record_stance(
    conn: &Connection,
    id: StakeholderId,
    at: DateTime<Utc>,
    stance: i8,
    source: &str,
) -> Result<()> {
    record_stance_text(conn, id, &format_time(at), stance, source)
}

/// [`record_stance`] with the time already written as [`format_time`] writes it.
pub(super) fn record_stance_text(
    conn: &Connection,
    id: StakeholderId,
    at: &str,
    stance: i8,
    source: &str,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO stance_history (stakeholder_id, at, stance, source) VALUES (?1, ?2, ?3, ?4)",
    )?;
    stmt.execute(params![id.0, at, stance, source])?;
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
