//! Opening, creating and copying map files: format checks, migrations and the lock.
//!
//! A map has one writer at a time and any number of readers beside it. The
//! writer — the app's window, or a CLI command that edits — holds an OS lock
//! (`File::try_lock`: `flock` on Unix, `LockFileEx` on Windows) on the map's
//! lock file, `.NAME.lock` in the map's folder, for as long as its [`MapFile`]
//! lives; a second writer is refused within a moment (`LOCK_WAIT`) with [`Error::AlreadyOpen`]. The
//! lock file is made when missing and left behind on close: it holds nothing, and
//! the OS lets go of the lock when its holder ends, even by a crash, so a lock
//! file without a holder blocks no one. It is a separate file because SQLite's own
//! POSIX locks on the map are dropped when this process closes any other handle
//! to it, and on network file systems that emulate `flock` with POSIX locks an OS
//! lock on the map itself would clash with SQLite's.
//!
//! The writer uses SQLite's normal locking mode, so SQLite's own locks guard each
//! transaction: a reader ([`MapFile::open_read_only`], SQLite's read-only mode)
//! holds a SHARED lock for one read transaction, and a writer's commit waits for
//! it up to [`BUSY_TIMEOUT`] (as a reader waits for a commit). Readers take no
//! lock file, so they never hold a writer back for longer than one read.

use std::cell::Cell;
use std::ffi::OsString;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use rusqlite::limits::Limit;
use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags, TransactionBehavior};

use super::changes::{Changes, see_every_delete};
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

/// How long a writer's commit waits for readers' read transactions to end, and a
/// reader for a commit, before giving up with "busy".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// A map's SQLite connection. It dereferences to the connection; its
/// [`Conn::transaction`], with which every edit starts, refuses on a map opened
/// read-only with a message that says so (SQLite's read-only mode refuses any
/// other write).
pub(super) struct Conn {
    inner: Connection,
    /// The map's path, when it was opened read-only.
    read_only: Option<PathBuf>,
    /// The rows of the snapshot's tables this connection changed.
    pub(super) changes: Changes,
}

impl Conn {
    /// Starts a transaction to change the map; refused when it is read-only.
    pub(super) fn transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        if let Some(path) = &self.read_only {
            return Err(Error::Invalid(format!(
                "{} was opened read-only, so it cannot be changed here; open it for editing to change it",
                path.display()
            )));
        }
        Ok(self.inner.transaction()?)
    }

    /// A reader's connection: hardened, waiting for commits, refusing writes.
    fn reader(conn: Connection, path: &Path) -> Result<Conn> {
        guard::harden(&conn)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        Conn::watched(conn, Some(path.to_path_buf()))
    }

    /// The connection with its changes watched.
    fn watched(mut inner: Connection, read_only: Option<PathBuf>) -> Result<Conn> {
        let changes = Changes::watch(&mut inner)?;
        Ok(Conn {
            inner,
            read_only,
            changes,
        })
    }
}

impl Deref for Conn {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.inner
    }
}

impl DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.inner
    }
}

/// What keeps a map to one writer while its [`MapFile`] lives.
pub(super) enum WriterLock {
    /// The OS lock on the map's lock file.
    File {
        /// Held, never read: closing it lets go of the lock.
        _held: File,
    },
    /// SQLite's exclusive locking mode, where the file system has no OS locks:
    /// the rule of one writer holds, but readers are refused too.
    Exclusive,
}

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
        let lock = writer_lock(path)?;
        let conn = Connection::open_with_flags(path, open_flags() | OpenFlags::SQLITE_OPEN_CREATE)
            .map_err(|e| io_error(path, e))?;
        let mut map = MapFile::writer(conn, path, lock)?;
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
        see_every_delete(&map.conn)?;
        Ok(map)
    }

    /// Opens an existing map for editing, upgrading an older format in place, and
    /// holds its writer lock until it is dropped.
    ///
    /// A file that is not a map, a map from a newer Coalition or a map that is
    /// already open for editing elsewhere ([`Error::AlreadyOpen`], within a moment) is
    /// refused with nothing written. A map in a folder where its lock file cannot
    /// be made, or a read-only file, can only be opened with
    /// [`MapFile::open_read_only`]; the error says so.
    pub fn open(path: &Path) -> Result<MapFile> {
        check_before_sqlite(path)?;
        let lock = writer_lock(path)?;
        let conn =
            Connection::open_with_flags(path, open_flags()).map_err(|e| io_error(path, e))?;
        let mut map = MapFile::writer(conn, path, lock).map_err(|e| guard::damaged_or(path, e))?;
        map.check_and_migrate()
            .map_err(|e| guard::damaged_or(path, not_a_map(path, e)))?;
        see_every_delete(&map.conn)?;
        Ok(map)
    }

    /// Opens an existing map only to read it — beside a writer that holds it (the
    /// app's window), on a read-only folder or medium — with every defence of
    /// [`MapFile::open`]: the header read first, the hardened connection, and the
    /// file's soundness, schema and rows checked, in one read transaction.
    ///
    /// Nothing is written to the file. A map of an older format is upgraded in a
    /// private in-memory copy, which is what is then read (the file stays in its
    /// format until it is opened for editing). Every edit on the result fails
    /// with a message that it was opened read-only. The one exception to "nothing
    /// written": a map left mid-change by a writer that stopped (a crash) has a
    /// journal SQLite must roll back before anyone can read it; when no writer
    /// holds the map, this rolls it back, which restores the last saved state.
    pub fn open_read_only(path: &Path) -> Result<MapFile> {
        check_before_sqlite(path)?;
        match MapFile::reader(path) {
            Err(e) if left_mid_change(&e) => match roll_back(path) {
                Ok(()) | Err(Error::AlreadyOpen(_)) => MapFile::reader(path),
                Err(_) => Err(Error::Io {
                    path: path.to_path_buf(),
                    source: std::io::Error::other(
                        "it was left mid-change by a Coalition that stopped, and that change cannot be rolled back here; open it in Coalition, in a folder you can write to, to repair it",
                    ),
                }),
            },
            other => other,
        }
    }

    /// True when this map was opened with [`MapFile::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// Runs `read` in one read transaction, so that every statement in it sees
    /// the same committed state of the map even while a writer elsewhere
    /// commits. Inside a transaction already, it just runs `read`.
    pub(super) fn reading<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return read();
        }
        let tx = self.conn.unchecked_transaction()?;
        let value = read()?;
        tx.commit()?;
        Ok(value)
    }

    /// A reader: the file opened read-only and checked.
    fn reader(path: &Path) -> Result<MapFile> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| io_error(path, e))?;
        let mut map = MapFile {
            conn: Conn::reader(conn, path)?,
            path: path.to_path_buf(),
            writer: None,
            kept: Cell::new(None),
        };
        map.check_read_only()
            .map_err(|e| guard::damaged_or(path, not_a_map(path, e)))?;
        Ok(map)
    }

    /// The writer's connection, with the writer lock taken: hardened, normal
    /// locking mode (or exclusive, where there is no OS lock), waiting briefly for
    /// readers.
    fn writer(conn: Connection, path: &Path, lock: WriterLock) -> Result<MapFile> {
        guard::harden(&conn)?;
        if conn.is_readonly(MAIN_DB)? {
            return Err(cannot_edit(path, "it is read-only"));
        }
        match lock {
            WriterLock::File { .. } => conn.busy_timeout(BUSY_TIMEOUT)?,
            WriterLock::Exclusive => {
                // No waiting: a map held elsewhere is reported at once. An
                // exclusive transaction takes the lock; EXCLUSIVE locking mode
                // keeps it after commit until the connection closes.
                conn.busy_timeout(Duration::ZERO)?;
                conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
                conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
                    .map_err(|e| not_a_map(path, e.into()))?;
            }
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // 64 MiB of page cache: a bulk import then never spills half-written pages.
        conn.pragma_update(None, "cache_size", -65_536)?;
        Ok(MapFile {
            conn: Conn::watched(conn, None)?,
            path: path.to_path_buf(),
            writer: Some(lock),
            kept: Cell::new(None),
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
        let found = check_file(&tx, &path)?;
        let audit = upgrade(&tx, &path, found)?;
        tx.commit()?;
        self.keep(audit.kept());
        Ok(())
    }

    /// The checks of [`MapFile::check_and_migrate`] for a reader, under the same
    /// work budget; an older format is upgraded in an in-memory copy, which
    /// replaces the connection.
    fn check_read_only(&mut self) -> Result<()> {
        let pages = guard::pages_of(&self.path);
        guard::bound_work(&mut self.conn, pages)?;
        let checked = self.checked_read();
        guard::unbounded(&mut self.conn)?;
        let Some(mut copy) = checked? else {
            return Ok(());
        };
        guard::bound_work(&mut copy, pages)?;
        let upgraded = copy.transaction().map_err(Error::from).and_then(|tx| {
            let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let audit = upgrade(&tx, &self.path, found)?;
            tx.commit()?;
            Ok(audit)
        });
        guard::unbounded(&mut copy)?;
        let audit = upgraded?;
        self.conn = Conn::reader(copy, &self.path)?;
        self.keep(audit.kept());
        Ok(())
    }

    /// Checks the file in one read transaction, writing nothing; returns an
    /// in-memory copy of it, still to upgrade, when its format is older.
    fn checked_read(&mut self) -> Result<Option<Connection>> {
        let path = self.path.clone();
        let conn: &mut Connection = &mut self.conn;
        conn.execute_batch("BEGIN")?;
        let mut audited = None;
        let mut read = || -> Result<Option<Connection>> {
            let found = check_file(conn, &path)?;
            if found == CURRENT_FORMAT {
                audited = Some(upgrade(conn, &path, found)?);
                return Ok(None);
            }
            // The copy is read in this transaction: one committed state.
            let data = conn.serialize(MAIN_DB)?;
            let mut copy = Connection::open_in_memory()?;
            guard::harden(&copy)?;
            copy.deserialize_read_exact(MAIN_DB, &*data, data.len(), false)?;
            Ok(Some(copy))
        };
        let checked = read();
        match checked {
            Ok(copy) => {
                conn.execute_batch("COMMIT")?;
                self.keep(audited.and_then(audit::Audit::kept));
                Ok(copy)
            }
            Err(e) => {
                // The connection is dropped with the error; SQLite may have
                // ended the transaction already.
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
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
            let map = self.snapshot()?;
            let shown = crate::export::profile::apply(&map, profile);
            let settings = [
                ("theta".to_string(), self.theta()?.to_string()),
                ("stale_days".to_string(), self.stale_days()?.to_string()),
            ];
            MapFile::create_from(fresh, &shown, &settings).map(drop)
        })
    }

    /// Writes a new map file at `path` holding exactly `snapshot` (as
    /// [`MapFile::save_as`] writes a profiled copy): made in a private temporary
    /// folder beside `path` and placed atomically, so a failure leaves nothing
    /// behind. Refuses a `path` that exists.
    pub fn create_holding(path: &Path, snapshot: &MapSnapshot) -> Result<()> {
        write_with(path, Replace::Never, |fresh| {
            MapFile::create_from(fresh, snapshot, &[]).map(drop)
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

/// Proves the file is sound and its schema exactly that of its format version,
/// and returns that version; reads only.
fn check_file(conn: &Connection, path: &Path) -> Result<i64> {
    let path = path.to_path_buf();
    guard::quick_check(conn, &path)?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAMap {
            path,
            reason: "it is an SQLite database of another program".into(),
        });
    }
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
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
    let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    if !journal.eq_ignore_ascii_case("delete") {
        return Err(Error::NotAMap {
            path,
            reason: format!("it uses the {journal} journal, maps use the rollback journal"),
        });
    }
    guard::check_schema(conn, &path, found)?;
    Ok(found)
}

/// Upgrades a checked file of format `found` to the current format (nothing to
/// do when it is current), then audits every row; returns the clean audit.
fn upgrade(conn: &Connection, path: &Path, found: i64) -> Result<audit::Audit> {
    for step in &MIGRATIONS[found as usize..] {
        conn.execute_batch(step)?;
    }
    if found < CURRENT_FORMAT {
        conn.pragma_update(None, "user_version", CURRENT_FORMAT)?;
    }
    let audit = audit::audit(conn, audit::Mode::Verified)?;
    if let Some(first) = audit.problems.first() {
        let more = match audit.problems.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more)"),
        };
        return Err(Error::Damaged {
            path: path.to_path_buf(),
            what: format!(
                "it holds a value Coalition would never write, {first}{more}; it may have been edited outside Coalition or damaged"
            ),
        });
    }
    Ok(audit)
}

/// What is checked before SQLite sees the file: that it exists, its header, and
/// that it is not in WAL mode.
fn check_before_sqlite(path: &Path) -> Result<()> {
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
    Ok(())
}

/// The lock file of the map at `path`: `.NAME.lock` in the map's real folder
/// (links resolved, so every path to one map finds the same lock file).
fn lock_path(path: &Path) -> Result<PathBuf> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let real = match std::fs::canonicalize(path) {
        Ok(real) => real,
        // A map still to be created: its folder, resolved.
        Err(_) => {
            let name = path
                .file_name()
                .ok_or_else(|| Error::Invalid(format!("{} is not a file name", path.display())))?;
            let folder = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            std::fs::canonicalize(folder).map_err(io)?.join(name)
        }
    };
    let mut name = OsString::from(".");
    name.push(real.file_name().unwrap_or_default());
    name.push(".lock");
    Ok(real.with_file_name(name))
}

/// Takes the writer lock of the map at `path`, within [`LOCK_WAIT`] or not at all.
fn writer_lock(path: &Path) -> Result<WriterLock> {
    let lock_path = lock_path(path)?;
    if let Ok(meta) = lock_path.symlink_metadata()
        && !meta.is_file()
    {
        return Err(Error::Conflict(format!(
            "{} is in the way of the map's lock file: it is not a plain file; remove it and try again",
            lock_path.display()
        )));
    }
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
    {
        Ok(file) => file,
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            // A lock file someone else made (on a shared folder) locks as well
            // opened for reading; where none can be made, no journal can be either.
            File::open(&lock_path)
                .map_err(|_| cannot_edit(path, "its folder cannot be written to"))?
        }
        Err(source) => {
            return Err(Error::Io {
                path: lock_path,
                source,
            });
        }
    };
    // A program this process is starting (from another thread) holds a copy of
    // every open file until it is running, this lock's included: a moment's wait
    // tells that from another writer, which keeps the lock.
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WriterLock::File { _held: file }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => return Err(Error::AlreadyOpen(path.to_path_buf())),
            // A file system without OS locks: SQLite's exclusive mode keeps the rule.
            Err(TryLockError::Error(_)) => return Ok(WriterLock::Exclusive),
        }
    }
}

/// How long a writer waits for the lock before it says the map is open elsewhere.
const LOCK_WAIT: Duration = Duration::from_millis(300);

/// The map at `path` cannot be opened for editing, `why`; it can be read.
fn cannot_edit(path: &Path, why: &str) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            ErrorKind::PermissionDenied,
            format!(
                "{why}, so the map can only be opened read-only (list, show, plan, export…); to edit it, copy it to a folder you can write to"
            ),
        ),
    }
}

/// True when SQLite refused to read because a writer that stopped mid-change
/// left a journal that only a connection that may write can roll back.
fn left_mid_change(e: &Error) -> bool {
    matches!(e, Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
        if f.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK)
}

/// Rolls back what a writer that stopped mid-change left, as SQLite does when a
/// connection that may write first reads the map: with the writer lock held, so
/// only when no writer has the map.
fn roll_back(path: &Path) -> Result<()> {
    let _lock = writer_lock(path)?;
    let conn = Connection::open_with_flags(path, open_flags()).map_err(|e| io_error(path, e))?;
    guard::harden(&conn)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.query_row("SELECT count(*) FROM main.sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| guard::damaged_or(path, not_a_map(path, e.into())))?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    use super::*;
    use crate::model::Stakeholder;

    fn new_map(dir: &Path) -> PathBuf {
        let path = dir.join("m.coalition");
        let mut map = MapFile::create(&path, "M", "").unwrap();
        map.add_stakeholder(&Stakeholder::new("Ana").unwrap())
            .unwrap();
        path
    }

    #[test]
    fn a_lock_let_go_of_within_a_moment_is_waited_for_and_one_kept_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_map(dir.path());
        // What a program another thread is starting holds until it runs: a
        // second handle on the lock file, locked.
        let copy = File::options()
            .read(true)
            .write(true)
            .open(lock_path(&path).unwrap())
            .unwrap();
        copy.try_lock().unwrap();
        let opener = std::thread::spawn({
            let path = path.clone();
            move || MapFile::open(&path).map(drop)
        });
        std::thread::sleep(Duration::from_millis(20));
        drop(copy);
        opener.join().unwrap().expect("opened once the copy let go");

        let writer = MapFile::open(&path).unwrap();
        assert!(matches!(MapFile::open(&path), Err(Error::AlreadyOpen(_))));
        drop(writer);
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_file_sits_beside_the_map_and_every_path_to_it_finds_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_map(dir.path());
        let lock = dir.path().join(".m.coalition.lock");
        assert!(lock.is_file(), "made on create and left behind");
        let link = dir.path().join("link.coalition");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let held = MapFile::open(&link).unwrap();
        assert!(matches!(MapFile::open(&path), Err(Error::AlreadyOpen(_))));
        assert!(!dir.path().join(".link.coalition.lock").exists());
        drop(held);
        drop(MapFile::open(&path).unwrap());
        assert!(lock.is_file());
    }

    #[test]
    fn a_lock_path_that_is_not_a_plain_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_map(dir.path());
        let lock = dir.path().join(".m.coalition.lock");
        std::fs::remove_file(&lock).unwrap();
        std::fs::create_dir(&lock).unwrap();
        let e = MapFile::open(&path).unwrap_err();
        assert!(
            e.to_string()
                .contains("is in the way of the map's lock file"),
            "{e}"
        );
        MapFile::open_read_only(&path).unwrap();
    }

    #[test]
    fn a_writers_commit_waits_for_a_readers_read_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let path = new_map(dir.path());
        let mut writer = MapFile::open(&path).unwrap();
        let reader = MapFile::open_read_only(&path).unwrap();
        let (started, wait) = mpsc::channel();
        let (seen, committed) = reader
            .reading(|| {
                let seen = reader.stakeholders()?.len();
                let edit = std::thread::spawn(move || {
                    started.send(()).unwrap();
                    let at = Instant::now();
                    writer
                        .add_stakeholder(&Stakeholder::new("Bo").unwrap())
                        .map(|_| at.elapsed())
                });
                wait.recv().unwrap();
                std::thread::sleep(Duration::from_millis(300));
                // The commit is held back: the reader still sees one state.
                assert_eq!(reader.stakeholders()?.len(), seen);
                Ok((seen, edit))
            })
            .unwrap();
        let waited = committed.join().unwrap().unwrap();
        assert!(waited >= Duration::from_millis(200), "{waited:?}");
        assert_eq!(seen, 1);
        assert_eq!(reader.stakeholders().unwrap().len(), 2);
        assert_eq!(reader.snapshot().unwrap().stakeholders.len(), 2);
    }
}
