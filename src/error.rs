//! The one error type of the core. Every message names the thing and the fix.

use std::path::PathBuf;

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
        "{} cannot be opened safely: {what}. Nothing was changed. Recover its people, ties and conversations into a new map: File → Recover… in the app, or `coalition recover FILE NEW.coalition`",
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
    /// SQLite failed in a way the user cannot fix.
    #[error("the map file could not be read or written: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// JSON could not be produced or read.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// True when the user can fix the cause (exit code 1), false for internal errors (exit 2).
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Sqlite(_) | Error::Json(_))
    }

    /// A short machine-readable kind, used by the CLI's `--json` errors and the app.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Import(_) => "import",
            Error::NotAMap { .. } => "not_a_map",
            Error::Damaged { .. } => "damaged",
            Error::AlreadyOpen(_) => "already_open",
            Error::NewerFormat { .. } => "newer_format",
            Error::Io { .. } => "io",
            Error::Sqlite(_) => "internal",
            Error::Json(_) => "internal",
        }
    }
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
