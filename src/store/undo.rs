//! Undo and redo of edits, after SQLite's own "automatic undo/redo with triggers"
//! recipe: temporary triggers (never written to the file) log, for every row an
//! edit inserts, updates or deletes, the SQL statement that reverses it. An undo
//! step is the run of log entries one edit left; undoing runs them backwards in
//! one transaction, which logs the statements that redo it.
//!
//! Because the triggers are generated from the tables' columns (Coalition's own
//! column lists, quoted — never names read from the file), every edit the
//! store can make — cascaded deletes and stance history included — is undoable
//! without per-operation code.

use rusqlite::Connection;

use super::MapFile;
use crate::error::{Error, Result};

/// The tables whose rows edits change.
const TRACKED: [&str; 8] = [
    "map_info",
    "stakeholders",
    "relations",
    "engagements",
    "stance_history",
    "settings",
    "plans",
    "plan_steps",
];

/// The most undo steps kept; older ones are forgotten.
pub const UNDO_LIMIT: usize = 200;

/// One undoable edit: a label for the menu and its range in the undo log.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    label: String,
    first: i64,
    last: i64,
}

/// The undo and redo stacks of one open map.
///
/// Create it once per [`MapFile`] with [`History::attach`]; run every user edit
/// through [`History::record`].
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Installs the logging triggers on the map's connection (temporary: nothing
    /// is written to the file) and returns empty stacks.
    pub fn attach(map: &mut MapFile) -> Result<History> {
        install_triggers(&map.conn)?;
        Ok(History::default())
    }

    /// Runs one edit and remembers how to undo it under `label` (e.g. "Edit stance
    /// of Dana"). An edit that fails or changes nothing leaves no step; a new step
    /// clears the redo stack.
    pub fn record<T>(
        &mut self,
        map: &mut MapFile,
        label: &str,
        edit: impl FnOnce(&mut MapFile) -> Result<T>,
    ) -> Result<T> {
        let before = last_entry(&map.conn)?;
        let result = edit(map);
        let after = last_entry(&map.conn)?;
        if after > before {
            self.undo.push(Step {
                label: label.to_string(),
                first: before + 1,
                last: after,
            });
            for step in self.redo.drain(..) {
                forget(&map.conn, &step)?;
            }
            if self.undo.len() > UNDO_LIMIT {
                let oldest = self.undo.remove(0);
                forget(&map.conn, &oldest)?;
            }
        }
        result
    }

    /// Runs a change that is not the user's edit (e.g. saving an automatic layout):
    /// it is saved but leaves no undo step.
    pub fn untracked<T>(
        &mut self,
        map: &mut MapFile,
        change: impl FnOnce(&mut MapFile) -> Result<T>,
    ) -> Result<T> {
        let before = last_entry(&map.conn)?;
        let result = change(map);
        map.conn
            .execute("DELETE FROM temp.undo_log WHERE seq > ?1", [before])?;
        result
    }

    /// Undoes the latest step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, map: &mut MapFile) -> Result<Option<String>> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match replay(&mut map.conn, &step) {
            Ok(redo) => {
                self.redo.push(redo);
                Ok(Some(step.label))
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Redoes the latest undone step; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, map: &mut MapFile) -> Result<Option<String>> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match replay(&mut map.conn, &step) {
            Ok(undo) => {
                self.undo.push(undo);
                Ok(Some(step.label))
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// The label of the step [`History::undo`] would undo.
    pub fn next_undo(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step [`History::redo`] would redo.
    pub fn next_redo(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }
}

/// Runs a step's statements newest first in one transaction, with foreign keys
/// checked at commit, and returns the step that reverses it.
fn replay(conn: &mut Connection, step: &Step) -> Result<Step> {
    let tx = conn.transaction()?;
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let statements: Vec<String> = {
        let mut stmt = tx.prepare(
            "SELECT sql FROM temp.undo_log WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq DESC",
        )?;
        stmt.query_map([step.first, step.last], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    if statements.is_empty() {
        return Err(Error::Invalid(format!(
            "'{}' can no longer be undone; its record was lost",
            step.label
        )));
    }
    tx.execute(
        "DELETE FROM temp.undo_log WHERE seq BETWEEN ?1 AND ?2",
        [step.first, step.last],
    )?;
    let before = last_entry(&tx)?;
    for sql in &statements {
        tx.execute_batch(sql)?;
    }
    let after = last_entry(&tx)?;
    tx.commit()?;
    Ok(Step {
        label: step.label.clone(),
        first: before + 1,
        last: after,
    })
}

fn forget(conn: &Connection, step: &Step) -> Result<()> {
    conn.execute(
        "DELETE FROM temp.undo_log WHERE seq BETWEEN ?1 AND ?2",
        [step.first, step.last],
    )?;
    Ok(())
}

fn last_entry(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM temp.undo_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// Creates the temporary log and, per tracked table, triggers that log the inverse
/// of each insert, update and delete.
fn install_triggers(conn: &Connection) -> Result<()> {
    // AUTOINCREMENT: sequence numbers keep rising after the newest entries are
    // deleted, and a step's range starts above every entry still logged, so step
    // ranges never overlap.
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, sql TEXT NOT NULL);",
    )?;
    for table in TRACKED {
        // Coalition's own column list, never the file's: the file's schema has
        // been proven identical at open, and nothing read from it reaches SQL.
        let columns: Vec<String> = super::guard::columns(table)?
            .iter()
            .map(|c| super::guard::quoted(c))
            .collect();
        let names = columns.join(", ");
        let old_values = columns
            .iter()
            .map(|c| format!("quote(old.{c})"))
            .collect::<Vec<_>>()
            .join(" || ',' || ");
        let assignments = columns
            .iter()
            .map(|c| format!("'{c} = ' || quote(old.{c})"))
            .collect::<Vec<_>>()
            .join(" || ', ' || ");
        conn.execute_batch(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_insert AFTER INSERT ON main.{table} BEGIN
                 INSERT INTO undo_log (sql) VALUES ('DELETE FROM main.{table} WHERE rowid = ' || new.rowid);
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_update AFTER UPDATE ON main.{table} BEGIN
                 INSERT INTO undo_log (sql) VALUES ('UPDATE main.{table} SET ' || {assignments} || ' WHERE rowid = ' || old.rowid);
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_delete BEFORE DELETE ON main.{table} BEGIN
                 INSERT INTO undo_log (sql) VALUES ('INSERT INTO main.{table} (rowid, {names}) VALUES (' || old.rowid || ',' || {old_values} || ')');
             END;"
        ))?;
    }
    Ok(())
}
