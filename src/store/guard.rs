//! Defences for opening files from someone else: a map that arrives by mail is
//! untrusted until proven to be exactly what Coalition writes.
//!
//! After SQLite's own guidance for files from another security domain
//! (sqlite.org/security.html): the header is read before SQLite sees the file,
//! every connection runs in defensive mode with the schema untrusted and tight
//! limits, and the file's `sqlite_schema` must be the schema of its format version,
//! object for object, before any statement of ours touches its tables. No
//! identifier or SQL text read from a file is ever spliced into a statement.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, ErrorCode};

use super::schema::{APPLICATION_ID, CURRENT_FORMAT, MIGRATIONS};
use crate::error::{Error, Result};

/// The longest string or blob a map connection handles (32 MiB): above the
/// 1 MiB text limit times the text columns of one row, so an undo statement
/// of the largest valid row still fits.
const MAX_LENGTH: i32 = 32 << 20;

/// The size of SQLite's file header.
const HEADER_LEN: usize = 100;

/// Virtual-machine steps between two looks at the work budget.
const BUDGET_STEP: i32 = 1_000_000;

/// What the first 100 bytes of a file say, read without SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// `PRAGMA user_version`: the map's format.
    pub user_version: i64,
    /// True when the file is in WAL mode (header bytes 18 and 19).
    pub wal: bool,
}

/// Reads the header of `path` and refuses, before SQLite opens it, anything that
/// is not a Coalition map of a format this build reads. SQLite then never writes
/// to a file that is not ours (an empty file stays empty).
pub fn check_header(path: &Path) -> Result<Header> {
    let mut bytes = Vec::with_capacity(HEADER_LEN);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut bytes))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    let not_a_map = |reason: &str| Error::NotAMap {
        path: path.to_path_buf(),
        reason: reason.into(),
    };
    if bytes.is_empty() {
        return Err(not_a_map("it is empty"));
    }
    if bytes.len() < HEADER_LEN || !bytes.starts_with(b"SQLite format 3\0") {
        return Err(not_a_map("it is not an SQLite database"));
    }
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    if i64::from(word(68)) != APPLICATION_ID {
        return Err(not_a_map("it is an SQLite database of another program"));
    }
    let user_version = i64::from(word(60) as i32);
    if user_version > CURRENT_FORMAT {
        return Err(Error::NewerFormat {
            found: user_version,
            supported: CURRENT_FORMAT,
        });
    }
    if user_version < 1 {
        return Err(not_a_map("its format version is missing"));
    }
    Ok(Header {
        user_version,
        wal: bytes[18] == 2 || bytes[19] == 2,
    })
}

/// Puts a fresh connection in the state every map connection runs in: defensive
/// mode, schema untrusted, no views, no ATTACH, bounded lengths and depths,
/// page sizes checked, no memory mapping, deleted content overwritten.
pub fn harden(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DQS_DDL, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DQS_DML, false)?;
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_LENGTH)?;
    conn.set_limit(Limit::SQLITE_LIMIT_SQL_LENGTH, MAX_LENGTH)?;
    conn.set_limit(Limit::SQLITE_LIMIT_COLUMN, 100)?;
    conn.set_limit(Limit::SQLITE_LIMIT_EXPR_DEPTH, 200)?;
    conn.set_limit(Limit::SQLITE_LIMIT_COMPOUND_SELECT, 3)?;
    conn.set_limit(Limit::SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50)?;
    conn.set_limit(Limit::SQLITE_LIMIT_TRIGGER_DEPTH, 10)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.pragma_update(None, "secure_delete", true)?;
    Ok(())
}

/// Bounds the work any one phase of reading an untrusted file may take: about
/// two billion virtual-machine steps plus a million per page of the file, far
/// above what checking or reading a real map needs, so a crafted file is cut
/// off instead of hanging the app. [`unbounded`] lifts it.
pub fn bound_work(conn: &mut Connection, pages: u64) -> Result<()> {
    let mut left = 2_000u64.saturating_add(pages);
    conn.progress_handler(
        BUDGET_STEP,
        Some(move || {
            left = left.saturating_sub(1);
            left == 0
        }),
    )?;
    Ok(())
}

/// Removes the budget [`bound_work`] set.
pub fn unbounded(conn: &mut Connection) -> Result<()> {
    conn.progress_handler(0, None::<fn() -> bool>)?;
    Ok(())
}

/// The number of pages in the file, from its size (for [`bound_work`]).
pub fn pages_of(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len() / 512)
}

/// Runs `PRAGMA quick_check`; a damaged file is [`Error::Damaged`].
pub fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let verdicts: Vec<String> = {
        let mut stmt = conn
            .prepare("PRAGMA quick_check(5)")
            .map_err(|e| damaged_or(path, e.into()))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
            .map_err(|e| damaged_or(path, e.into()))?
    };
    // A value that breaks a CHECK or NOT NULL rule is left to the audit, which
    // names its table, row and field.
    let damage: Vec<&String> = verdicts
        .iter()
        .filter(|v| {
            *v != "ok"
                && !v.starts_with("CHECK constraint failed")
                && !v.starts_with("NULL value in")
        })
        .collect();
    if damage.is_empty() {
        return Ok(());
    }
    Err(Error::Damaged {
        path: path.to_path_buf(),
        what: format!(
            "it is damaged (SQLite's check found: {})",
            inert_excerpt(
                &damage
                    .iter()
                    .map(|v| v.replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        ),
    })
}

/// Turns SQLite's "corrupt", "not a database" and "interrupted" into
/// [`Error::Damaged`]; other errors pass through.
pub fn damaged_or(path: &Path, e: Error) -> Error {
    let Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) = &e else {
        return e;
    };
    let what = match f.code {
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => "it is damaged",
        ErrorCode::OperationInterrupted => {
            "reading it took far longer than any map needs; it may have been made to hang Coalition"
        }
        ErrorCode::TooBig => "it holds a value larger than any map can",
        _ => return e,
    };
    Error::Damaged {
        path: path.to_path_buf(),
        what: what.into(),
    }
}

/// One schema object: its kind and its SQL with whitespace normalised.
type Objects = BTreeMap<String, (String, String)>;

/// The schema of format `version`, as Coalition's own migrations create it.
fn expected(version: i64) -> Result<&'static Objects> {
    static SCHEMAS: OnceLock<Vec<Objects>> = OnceLock::new();
    if let Some(all) = SCHEMAS.get() {
        return all
            .get(version as usize - 1)
            .ok_or_else(|| Error::Invalid(format!("format {version} is unknown")));
    }
    let mut all = Vec::with_capacity(MIGRATIONS.len());
    let conn = Connection::open_in_memory()?;
    for step in MIGRATIONS {
        conn.execute_batch(step)?;
        all.push(objects(&conn)?);
    }
    let all = SCHEMAS.get_or_init(|| all);
    all.get(version as usize - 1)
        .ok_or_else(|| Error::Invalid(format!("format {version} is unknown")))
}

/// The columns of `table` in the current format, in order, from Coalition's own
/// schema (never from a file).
pub fn columns(table: &str) -> Result<Vec<String>> {
    let current = expected(CURRENT_FORMAT)?;
    let Some((_, sql)) = current.get(&format!("table {table}")) else {
        return Err(Error::Invalid(format!("'{table}' is not a map table")));
    };
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(sql)?;
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// The schema objects of a connection's main database, by kind and name.
fn objects(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM main.sqlite_schema")?;
    let mut rows = stmt.query([])?;
    let mut out = Objects::new();
    while let Some(row) = rows.next()? {
        let text = |i: usize| -> rusqlite::Result<String> {
            Ok(match row.get_ref(i)? {
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                _ => String::new(),
            })
        };
        let (kind, name, sql) = (text(0)?, text(1)?, text(2)?);
        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        out.insert(format!("{kind} {name}"), (kind, sql));
    }
    Ok(out)
}

/// Refuses a file whose schema is not exactly the schema of its format
/// `version`: an extra trigger, view, table or index, a changed table, or a
/// missing object. The message names what was found.
pub fn check_schema(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let found = objects(conn).map_err(|e| damaged_or(path, e))?;
    let want = expected(version)?;
    let refuse = |what: String| {
        Err(Error::Damaged {
            path: path.to_path_buf(),
            what,
        })
    };
    for (key, (kind, sql)) in &found {
        let name = inert_excerpt(key.split_once(' ').map_or("", |(_, n)| n));
        match want.get(key) {
            None => {
                return refuse(format!(
                    "it contains {} {kind} '{name}' that Coalition did not write; it may have been tampered with",
                    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    }
                ));
            }
            Some((_, want_sql)) if want_sql != sql => {
                return refuse(format!(
                    "its {kind} '{name}' is not as Coalition wrote it (its columns or rules were changed); it may have been tampered with"
                ));
            }
            Some(_) => {}
        }
    }
    if let Some((key, (kind, _))) = want.iter().find(|(key, _)| !found.contains_key(*key)) {
        let name = key.split_once(' ').map_or("", |(_, n)| n);
        return refuse(format!(
            "its {kind} '{name}' is missing; it may have been tampered with"
        ));
    }
    Ok(())
}

/// Text from a file made safe to show: control characters escaped, at most 60
/// characters.
pub fn inert_excerpt(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        if c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
        {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Quotes an identifier of Coalition's own schema for SQL (`"name"`).
pub fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_a_schema_and_the_current_tables_have_columns() {
        for v in 1..=CURRENT_FORMAT {
            assert!(!expected(v).unwrap().is_empty());
        }
        let cols = columns("stakeholders").unwrap();
        assert_eq!(cols.first().map(String::as_str), Some("id"));
        assert!(cols.iter().any(|c| c == "x"));
        assert!(columns("evil").is_err());
    }

    #[test]
    fn excerpts_are_short_and_inert() {
        assert_eq!(inert_excerpt("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(inert_excerpt(&"x".repeat(100)).chars().count(), 61);
        assert_eq!(quoted("a\"b"), "\"a\"\"b\"");
    }
}
