//! Which rows of the snapshot's tables a connection changed: SQLite's update
//! hook notes the id of every row its statements insert, update or delete in
//! them (cascaded deletes and rows written by triggers included), so the kept
//! snapshot ([`super::kept`]) reads again only those rows.
//!
//! The hook misses rows only in ways Coalition never writes to these tables:
//! the truncate optimisation (`DELETE FROM t` without `WHERE`, and then only on a
//! table with no trigger: [`see_every_delete`] gives each one), rows deleted by
//! `ON CONFLICT REPLACE` (no such clause on them), `WITHOUT ROWID` tables (none).
//! A rollback is no update, but the rows it restores were noted when they were
//! changed. Commits by other connections are `data_version`'s business.

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;

use crate::error::Result;

/// The tables a snapshot reads whole, in [`Changed::tables`]' order.
pub(super) const TABLES: [&str; 4] = ["stakeholders", "relations", "engagements", "stance_history"];

/// Past this many changed rows a table is read again whole: cheaper than one
/// query a row, and the list stops growing during a big import.
const MOST_ROWS: usize = 256;

/// The rows of one table changed since the notes were last taken.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) enum Rows {
    /// None.
    #[default]
    None,
    /// These ids (maybe repeated).
    Some(Vec<i64>),
    /// Too many to name: read the table again.
    All,
}

impl Rows {
    fn note(&mut self, id: i64) {
        match self {
            Rows::None => *self = Rows::Some(vec![id]),
            Rows::Some(ids) if ids.len() < MOST_ROWS => ids.push(id),
            Rows::Some(_) => *self = Rows::All,
            Rows::All => {}
        }
    }
}

/// The rows changed in each of [`TABLES`].
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Changed {
    /// One entry per table of [`TABLES`], in its order.
    pub tables: [Rows; 4],
}

/// The notes of one connection's update hook.
#[derive(Debug, Clone, Default)]
pub(super) struct Changes(Arc<Mutex<Changed>>);

impl Changes {
    /// Notes from now on every row `conn` changes in [`TABLES`].
    pub fn watch(conn: &mut Connection) -> Result<Changes> {
        let changes = Changes::default();
        let notes = Arc::clone(&changes.0);
        conn.update_hook(Some(move |_, db: &str, table: &str, id: i64| {
            if db != "main" {
                return;
            }
            if let Some(i) = TABLES.iter().position(|t| *t == table) {
                notes.lock().unwrap_or_else(PoisonError::into_inner).tables[i].note(id);
            }
        }))?;
        Ok(changes)
    }

    /// The rows changed since the last call (or since watching began).
    pub fn take(&self) -> Changed {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Gives each of [`TABLES`] a temporary trigger that does nothing, which turns
/// SQLite's truncate optimisation (a delete the update hook would not see) off on
/// `conn`, a writer's connection to a checked map.
pub(super) fn see_every_delete(conn: &Connection) -> Result<()> {
    for table in TABLES {
        conn.execute_batch(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS seen_{table}_delete \
             BEFORE DELETE ON main.{table} BEGIN SELECT 1; END;"
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_rows_become_all() {
        let mut rows = Rows::None;
        rows.note(7);
        assert_eq!(rows, Rows::Some(vec![7]));
        for id in 0..MOST_ROWS as i64 {
            rows.note(id);
        }
        assert_eq!(rows, Rows::All);
    }
}
