//! The one error type of the shell: the core's [`ErrorDto`], serialised to the UI
//! as `{kind, message, path?}` with `kind` an enum on both sides.

pub use coalition::formats::view::ErrorDto as AppError;

/// The result type of every command.
pub type AppResult<T> = Result<T, AppError>;
