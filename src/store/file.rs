//! Opening, creating and copying map files: format checks, migrations and the lock.

use std::path::Path;

use chrono::Utc;
use rusqlite::limits::Limit;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::schema::{APPLICATION_ID, CURRENT_FORMAT, MIGRATIONS};
use super::{MapFile, format_time};
use super::{audit, guard};
use crate::error::{Error, Result};
use crate::export::Profile;
use crate::formats::json::MapDto;
use crate::import::{ImportOptions, read_map_json};
use crate::model::MapSnapshot;
use crate::output::{Replace, write_with};

/// The file extension of maps.
pub const EXTENSION: &str = "coalition";

impl MapFile {
    /// Creates a new, empty map at `path`. Refuses to overwrite an existing file.
    pub fn create(path: &Path, name: &str, change: &str) -> Result<MapFile> {
        let name = crate::model::text::clean_name(name).map_err(|e| {
            Error::Invalid(format!("map {}", e.to_string().replace("the name", "name")))
        })?;
        crate::model::text::check_text(change, "the change")?;
        if path.exists() {
            return Err(Error::Conflict(format!(
                "{} already exists; choose another file name, or open it instead",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(path, open_flags() | OpenFlags::SQLITE_OPEN_CREATE)
            .map_err(|e| io_error(path, e))?;
        let mut map = MapFile::lock(conn, path)?;
        let tx = map.conn.transaction()?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        for step in MIGRATIONS {
            tx.execute_batch(step)?;
        }
        tx.pragma_update(None, "user_version", CURRENT_FORMAT)?;
        let now = format_time(Utc::now());
        tx.execute(
            "INSERT INTO map_info (id, name, change, created, updated) VALUES (1, ?1, ?2, ?3, ?3)",
            (&name, change, &now),
        )?;
        tx.commit()?;
        Ok(map)
    }

    /// Opens an existing map, upgrading an older format in place, and locks it
    /// against other windows and processes until it is dropped.
    ///
    /// A file that is not a map, a map from a newer Coalition or a map that is
    /// already open is refused with nothing written.
    pub fn open(path: &Path) -> Result<MapFile> {
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "{} does not exist; check the path, or create a new map",
                path.display()
            )));
        }
        let header = guard::check_header(path)?;
        if header.wal {
            return Err(Error::NotAMap {
                path: path.to_path_buf(),
                reason: "it uses the wal journal, maps use the rollback journal".into(),
            });
        }
        let conn =
            Connection::open_with_flags(path, open_flags()).map_err(|e| io_error(path, e))?;
        let mut map = MapFile::lock(conn, path).map_err(|e| guard::damaged_or(path, e))?;
        map.check_and_migrate()
            .map_err(|e| guard::damaged_or(path, not_a_map(path, e)))?;
        Ok(map)
    }

    /// Takes SQLite's exclusive lock and keeps it while this value lives, so that a
    /// second opener — another window or process — is refused instead of writing.
    fn lock(conn: Connection, path: &Path) -> Result<MapFile> {
        guard::harden(&conn)?;
        // No waiting: a map held elsewhere is reported at once.
        conn.busy_timeout(std::time::Duration::ZERO)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        // An exclusive transaction takes the lock; EXCLUSIVE locking mode keeps it
        // after commit until the connection closes.
        conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
            .map_err(|e| not_a_map(path, e.into()))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // 64 MiB of page cache: a bulk import then never spills half-written pages.
        conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(MapFile {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Proves the file is a sound map exactly as Coalition writes it — not
    /// damaged, the schema of its format object for object, every row within the
    /// domain's rules — then upgrades an older format, all in one transaction.
    /// The checks run under a work budget, so no file can hang the app.
    fn check_and_migrate(&mut self) -> Result<()> {
        guard::bound_work(&mut self.conn, guard::pages_of(&self.path))?;
        let checked = self.checked_migration();
        guard::unbounded(&mut self.conn)?;
        checked
    }

    fn checked_migration(&mut self) -> Result<()> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        guard::quick_check(&tx, &path)?;
        let app_id: i64 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(Error::NotAMap {
                path,
                reason: "it is an SQLite database of another program".into(),
            });
        }
        let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > CURRENT_FORMAT {
            return Err(Error::NewerFormat {
                found,
                supported: CURRENT_FORMAT,
            });
        }
        if found < 1 {
            return Err(Error::NotAMap {
                path,
                reason: "its format version is missing".into(),
            });
        }
        let journal: String = tx.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !journal.eq_ignore_ascii_case("delete") {
            return Err(Error::NotAMap {
                path,
                reason: format!("it uses the {journal} journal, maps use the rollback journal"),
            });
        }
        guard::check_schema(&tx, &path, found)?;
        for step in &MIGRATIONS[found as usize..] {
            tx.execute_batch(step)?;
        }
        if found < CURRENT_FORMAT {
            tx.pragma_update(None, "user_version", CURRENT_FORMAT)?;
        }
        let audit = audit::audit(&tx, audit::Mode::Verified)?;
        if let Some(first) = audit.problems.first() {
            let more = match audit.problems.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            return Err(Error::Damaged {
                path,
                what: format!(
                    "it holds a value Coalition would never write, {first}{more}; it may have been edited outside Coalition or damaged"
                ),
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// The format version of the open file (always [`CURRENT_FORMAT`] once open).
    pub fn format_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Where the map lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a copy of the map to `dest` (Save As, or a copy to share), which
    /// must not exist and must not be a map. The copy is a fresh file: with the
    /// `full` profile SQLite's `VACUUM INTO` writes only the live content, so
    /// deleted notes and names do not linger in free pages; with `no-notes` or
    /// `pseudonymous` it is built from the profiled snapshot, so it holds only
    /// what the profile shows (saved plans are left out). It is made in a private
    /// temporary folder beside `dest` and placed atomically; this map stays open
    /// where it was.
    pub fn save_as(&self, dest: &Path, profile: Profile) -> Result<()> {
        if dest == self.path {
            return Err(Error::Conflict(format!(
                "{} is this map itself; choose another file name for the copy",
                dest.display()
            )));
        }
        write_with(dest, Replace::Never, |fresh| {
            if profile == Profile::Full {
                return self.vacuum_into(fresh);
            }
            let shown = crate::export::profile::apply(&self.snapshot()?, profile);
            let settings = [
                ("theta".to_string(), self.theta()?.to_string()),
                ("stale_days".to_string(), self.stale_days()?.to_string()),
            ];
            MapFile::create_from(fresh, &shown, &settings).map(drop)
        })
    }

    /// Creates a new map at `path` holding exactly `snapshot` (people, ties,
    /// conversations, stance history, the map's name and times) and `settings`,
    /// written through the importer, so every value passes its checks again.
    pub(super) fn create_from(
        path: &Path,
        snapshot: &MapSnapshot,
        settings: &[(String, String)],
    ) -> Result<MapFile> {
        let json = MapDto::from_snapshot(snapshot).to_json()?;
        let batch = read_map_json(&path.display().to_string(), &json)?;
        let mut map = MapFile::create(path, &snapshot.info.name, &snapshot.info.change)?;
        map.import_batch(&batch, &ImportOptions::default())?;
        for (key, value) in settings {
            map.set_setting(key, value)?;
        }
        Ok(map)
    }

    /// `VACUUM INTO` a new file: the one statement that needs ATTACH, which map
    /// connections otherwise refuse, so the limit is lifted for it alone.
    fn vacuum_into(&self, fresh: &Path) -> Result<()> {
        let target = fresh.to_str().ok_or_else(|| {
            Error::Invalid(format!(
                "{} is not a path SQLite can write; choose a folder whose name is plain text",
                fresh.display()
            ))
        })?;
        self.conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 1)?;
        let result = self.conn.execute("VACUUM INTO ?1", [target]);
        self.conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
        result?;
        Ok(())
    }

    /// Runs SQLite's `PRAGMA integrity_check`; `Ok(())` when the file is sound.
    pub fn integrity_check(&self) -> Result<()> {
        let verdict: String = self
            .conn
            .pragma_query_value(None, "integrity_check", |r| r.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(Error::Invalid(format!(
                "{} is damaged ({verdict}); restore it from a copy",
                self.path.display()
            )))
        }
    }
}

/// Turns SQLite's "busy" and "not a database" into the user's words.
fn not_a_map(path: &Path, e: Error) -> Error {
    match &e {
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => match f.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                Error::AlreadyOpen(path.to_path_buf())
            }
            ErrorCode::NotADatabase => Error::NotAMap {
                path: path.to_path_buf(),
                reason: "it is not an SQLite database".into(),
            },
            _ => e,
        },
        _ => e,
    }
}

fn io_error(path: &Path, e: rusqlite::Error) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, msg) if f.code == ErrorCode::CannotOpen => Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(msg.unwrap_or_else(|| "cannot open the file".into())),
        },
        other => not_a_map(path, other.into()),
    }
}

/// How map files are opened: read-write, and without SQLite's per-call mutex (a
/// `MapFile` is used by one thread at a time; `rusqlite::Connection` is not
/// `Sync`). The mutex was 12% of `Workspace::view` at 10,000 people.
fn open_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
}
