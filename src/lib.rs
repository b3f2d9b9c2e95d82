//! Coalition's core: the map model, map files, analysis and import/export.
//!
//! Everything the desktop app can do goes through this crate; the `coalition` CLI
//! proves it. The crate never depends on Tauri.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod analysis;
pub mod cancel;
pub mod demo;
pub mod error;
pub mod export;
pub mod formats;
pub mod help;
pub mod import;
pub mod model;
pub mod output;
pub mod store;
pub mod synthetic;
pub mod threads;
pub mod timeline;
pub mod workspace;

pub use error::{Error, ErrorKind, Result};
