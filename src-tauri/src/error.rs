//! The one error type of the shell, serialised to the UI as `{kind, message}`.

use serde::Serialize;

/// An error as the UI receives it: a machine-readable kind and a sentence for people.
#[derive(Debug, Clone, Serialize)]
pub struct AppError {
    /// `invalid`, `not_found`, `conflict`, `already_open`, `no_map`, `internal`…
    pub kind: String,
    /// What went wrong and what to do.
    pub message: String,
    /// The map concerned, when the UI can offer to act on it (a `damaged` map
    /// can be recovered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl AppError {
    /// The error for a command that needs an open map when none is open.
    pub fn no_map() -> AppError {
        AppError {
            kind: "no_map".into(),
            message: "no map is open; open a map or create a new one".into(),
            path: None,
        }
    }

    /// An internal failure of the shell itself (a panicked worker, a dialog failure).
    pub fn internal(message: impl std::fmt::Display) -> AppError {
        AppError {
            kind: "internal".into(),
            message: message.to_string(),
            path: None,
        }
    }
}

impl From<coalition::Error> for AppError {
    fn from(e: coalition::Error) -> AppError {
        let path = match &e {
            coalition::Error::Damaged { path, .. } => Some(path.display().to_string()),
            _ => None,
        };
        AppError {
            kind: e.kind().into(),
            message: e.to_string(),
            path,
        }
    }
}

/// The result type of every command.
pub type AppResult<T> = Result<T, AppError>;
