//! The one error type of the core. Every message names the thing and the fix.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in the core.
///
/// [`Error::is_user_error`] separates the user's mistakes (bad input, a file that is
/// not a map, a map already open) from internal failures (disk, SQLite bugs).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the user gave is not acceptable; the message says why and what to do.
    #[error("{0}")]
    Invalid(String),
    /// A named thing (a stakeholder, a relation…) does not exist in the map.
    #[error("{0}")]
    NotFound(String),
    /// The thing already exists (a stakeholder name, a relation).
    #[error("{0}")]
    Conflict(String),
    /// Several rows of an import are wrong; nothing was imported.
    #[error("{} problem(s) in the import, nothing was imported:\n{}", .0.len(), .0.join("\n"))]
    Import(Vec<String>),
    /// The file exists but is not a Coalition map.
    #[error("{} is not a Coalition map ({reason}); open a .coalition file made by Coalition", path.display())]
    NotAMap {
        /// The file that was opened.
        path: PathBuf,
        /// What was found instead.
        reason: String,
    },
    /// The file looks like a map but cannot be opened safely: it is damaged, or it
    /// holds something Coalition did not write (a planted trigger, an extra
    /// table, a value out of range). Nothing was changed; `recover` can copy what
    /// is valid into a new map.
    #[error(
        "{} cannot be opened safely: {what}. Nothing was changed. Recover its people, ties and conversations into a new map: Recover… in the app, or `coalition recover FILE NEW.coalition`",
        path.display()
    )]
    Damaged {
        /// The file that was opened.
        path: PathBuf,
        /// What was found, in the user's words.
        what: String,
    },
    /// The map is held open by another window or process.
    #[error("{} is already open in another window; close it there first", .0.display())]
    AlreadyOpen(PathBuf),
    /// The map was written by a newer Coalition than this one.
    #[error(
        "this map was made by a newer Coalition (format {found}); this version reads up to format {supported}: update Coalition to open it"
    )]
    NewerFormat {
        /// The format version in the file.
        found: i64,
        /// The newest format this build understands.
        supported: i64,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// SQLite failed: internal, unless the file or disk is the cause
    /// ([`sqlite_hint`] says what to do then).
    #[error("the map file could not be read or written: {}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// JSON could not be produced or read.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A long analysis was stopped before it finished (Cancel, or a newer request
    /// replaced it); nothing was changed.
    #[error("stopped before it finished; nothing was changed")]
    Cancelled,
}

impl Error {
    /// True when the user can fix the cause (exit code 1), false for internal errors (exit 2).
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Sqlite(e) => sqlite_hint(e).is_some(),
            Error::Json(_) => false,
            _ => true,
        }
    }

    /// The machine-readable kind the app receives with every error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Import(_) => ErrorKind::Import,
            Error::NotAMap { .. } => ErrorKind::NotAMap,
            Error::Damaged { .. } => ErrorKind::Damaged,
            Error::AlreadyOpen(_) => ErrorKind::AlreadyOpen,
            Error::NewerFormat { .. } => ErrorKind::NewerFormat,
            Error::Io { .. } => ErrorKind::Io,
            Error::Sqlite(e) if sqlite_hint(e).is_some() => ErrorKind::Io,
            Error::Sqlite(_) | Error::Json(_) => ErrorKind::Internal,
            Error::Cancelled => ErrorKind::Cancelled,
        }
    }
}

/// What kind of error happened, as the app's contract names it (`snake_case`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A value the user gave is not valid.
    Invalid,
    /// Someone or something named is not in the map.
    NotFound,
    /// The edit clashes with what is in the map (a name taken, a tie twice).
    Conflict,
    /// An import file has problems.
    Import,
    /// The file is not a Coalition map.
    NotAMap,
    /// The map cannot be opened safely; it can be recovered.
    Damaged,
    /// The map is open in another window or program.
    AlreadyOpen,
    /// The map was written by a newer Coalition.
    NewerFormat,
    /// A file or the disk failed.
    Io,
    /// No map is open (the app's shell only).
    NoMap,
    /// The work was stopped before it finished (a cancelled plan).
    Cancelled,
    /// Coalition itself failed.
    Internal,
}

impl ErrorKind {
    /// The kind as the contract spells it, e.g. `not_found`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Invalid => "invalid",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Import => "import",
            ErrorKind::NotAMap => "not_a_map",
            ErrorKind::Damaged => "damaged",
            ErrorKind::AlreadyOpen => "already_open",
            ErrorKind::NewerFormat => "newer_format",
            ErrorKind::Io => "io",
            ErrorKind::NoMap => "no_map",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the user can do when SQLite failed because of the file or the disk
/// (read-only, not permitted, cannot be opened, full); `None` for other failures.
pub fn sqlite_hint(e: &rusqlite::Error) -> Option<&'static str> {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code()? {
        ErrorCode::DiskFull => Some("the disk is full; free some space and try again"),
        ErrorCode::ReadOnly | ErrorCode::PermissionDenied => Some(
            "the file or its folder is read-only; copy the map somewhere you can write, or change its permissions",
        ),
        ErrorCode::CannotOpen => Some(
            "the file or its folder cannot be opened (missing, or not permitted); check the path and its permissions",
        ),
        // A reader (a report or script) held the map longer than a writer waits.
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Some(
            "another program is reading the map right now (a report or a script); nothing was changed, try again in a moment",
        ),
        _ => None,
    }
}

/// SQLite's error, with what to do when the user can fix it.
fn sqlite_message(e: &rusqlite::Error) -> String {
    match sqlite_hint(e) {
        Some(hint) => hint.to_string(),
        None => e.to_string(),
    }
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> Error {
        Error::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn a_read_only_or_full_disk_is_the_users_to_fix() {
        let full = sqlite(rusqlite::ffi::SQLITE_FULL);
        assert!(full.is_user_error());
        assert_eq!(
            full.to_string(),
            "the map file could not be read or written: the disk is full; free some space and try again"
        );
        let read_only = sqlite(rusqlite::ffi::SQLITE_READONLY);
        assert!(read_only.is_user_error());
        assert!(read_only.to_string().contains("read-only"), "{read_only}");
        assert_eq!(read_only.kind().as_str(), "io");
        let corrupt = sqlite(rusqlite::ffi::SQLITE_INTERNAL);
        assert!(!corrupt.is_user_error());
        assert_eq!(corrupt.kind().as_str(), "internal");
        let busy = sqlite(rusqlite::ffi::SQLITE_BUSY);
        assert!(busy.is_user_error());
        assert!(busy.to_string().contains("try again in a moment"), "{busy}");
    }
}
