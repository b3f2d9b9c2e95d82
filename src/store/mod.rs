//! Map files: one SQLite file per map ("SQLite as an application file format").
//!
//! A [`MapFile`] opened for editing holds the map's writer lock (an OS lock on a
//! lock file beside it) for as long as it is open, so a map has one writer at a
//! time; [`MapFile::open_read_only`] reads beside that writer. Every method that
//! changes the map is one transaction, so nothing is lost on a crash and a failed
//! change leaves the file as it was.

mod audit;
mod changes;
mod engagements;
mod file;
mod guard;
mod import;
mod kept;
mod plans;
mod positions;
mod recover;
mod relations;
mod rows;
mod schema;
mod settings;
mod snapshot;
mod stakeholders;
mod undo;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

pub use file::{BUSY_TIMEOUT, EXTENSION};
pub use import::ImportControl;
pub use kept::{Stamped, Stamps};
pub use recover::{RECOVERED_NAME, Recovery, recover};
pub use schema::{APPLICATION_ID, CURRENT_FORMAT};
pub use undo::{History, UNDO_LIMIT};

/// An open map file: for editing ([`MapFile::open`], [`MapFile::create`]) or
/// only for reading ([`MapFile::open_read_only`]).
pub struct MapFile {
    conn: file::Conn,
    path: PathBuf,
    /// The writer lock, `None` when read-only. Declared after `conn`: fields drop
    /// in order, so the connection is closed before the lock is let go.
    writer: Option<file::WriterLock>,
    /// The map's tables as last read, for the next snapshot to bring up to date.
    kept: std::cell::Cell<Option<kept::Kept>>,
}

impl std::fmt::Debug for MapFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MapFile").field("path", &self.path).finish()
    }
}

/// How times are written in map files and exports: RFC 3339 in UTC, to the second.
pub fn format_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
