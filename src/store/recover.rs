//! Recovering a map that cannot be opened safely: every row that can be read and
//! passes the domain's checks is copied, as typed values, into a fresh map; every
//! row left behind is listed with its reason.
//!
//! The damaged file is read once into memory and never opened in place, so
//! nothing in it (a planted trigger, a hot journal, a WAL flag) can act on disk.

use std::path::Path;

use chrono::Utc;
use rusqlite::Connection;

use super::audit::{Audit, Mode, audit};
use super::{MapFile, guard};
use crate::error::{Error, Result};
use crate::model::{MapInfo, MapSnapshot};
use crate::output::{Replace, write_with};

/// The name a recovered map gets when its own could not be read.
pub const RECOVERED_NAME: &str = "Recovered map";

/// What [`recover`] got back, and what it left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// People copied.
    pub people: usize,
    /// Ties copied.
    pub ties: usize,
    /// Conversations copied.
    pub conversations: usize,
    /// Stance-history entries copied.
    pub history: usize,
    /// Saved plans in the file; plans are not carried over (plan again).
    pub plans_left: usize,
    /// One line per row or table left behind, with its reason.
    pub skipped: Vec<String>,
}

/// Copies every valid row of the file at `source` into a new map at `dest`,
/// which must not exist. `source` is only read; it may be damaged, tampered
/// with, or hold values out of range.
pub fn recover(source: &Path, dest: &Path) -> Result<Recovery> {
    let audit = read(source)?;
    let snapshot = MapSnapshot {
        info: audit.info.clone().unwrap_or_else(|| {
            let now = Utc::now();
            MapInfo {
                name: RECOVERED_NAME.into(),
                change: String::new(),
                description: String::new(),
                created: now,
                updated: now,
            }
        }),
        stakeholders: audit.stakeholders.clone(),
        relations: audit.relations.clone(),
        engagements: audit.engagements.clone(),
        stance_history: audit.stance_history.clone(),
    };
    write_with(dest, Replace::Never, |fresh| {
        MapFile::create_from(fresh, &snapshot, &audit.settings).map(drop)
    })?;
    Ok(Recovery {
        people: audit.stakeholders.len(),
        ties: audit.relations.len(),
        conversations: audit.engagements.len(),
        history: audit.stance_history.len(),
        plans_left: audit.plans,
        skipped: audit.problems,
    })
}

/// Reads the file into memory and audits it leniently.
fn read(source: &Path) -> Result<Audit> {
    let header = guard::check_header(source)?;
    let mut bytes = std::fs::read(source).map_err(|e| Error::Io {
        path: source.to_path_buf(),
        source: e,
    })?;
    // A truncated file: the pages that are there stay readable when the missing
    // ones read as empty (and so as damaged), instead of the whole file failing.
    let page_size = match u32::from(u16::from_be_bytes([bytes[16], bytes[17]])) {
        1 => 65_536,
        n => n as usize,
    };
    let pages = u32::from_be_bytes([bytes[28], bytes[29], bytes[30], bytes[31]]) as usize;
    let whole = page_size.saturating_mul(pages);
    if whole > bytes.len() && whole <= bytes.len().saturating_mul(4).max(1 << 20) {
        bytes.resize(whole, 0);
    }
    if header.wal {
        // In memory, the copy reads as a rollback-journal file; any WAL content
        // beside the original is not part of what was sent.
        bytes[18] = 1;
        bytes[19] = 1;
    }
    let mut conn = Connection::open_in_memory()?;
    guard::harden(&conn)?;
    let len = bytes.len();
    conn.deserialize_read_exact(c"main", bytes.as_slice(), len, true)
        .map_err(|e| guard::damaged_or(source, e.into()))?;
    guard::bound_work(&mut conn, len as u64 / 512)?;
    if conn
        .query_row("SELECT count(*) FROM main.sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_err()
    {
        return Err(Error::Invalid(format!(
            "{} is too damaged to recover: even its list of tables cannot be read; restore it from a copy or a backup",
            source.display()
        )));
    }
    let audited = audit(&conn, Mode::Lenient).map_err(|e| guard::damaged_or(source, e));
    guard::unbounded(&mut conn)?;
    audited
}
