//! Coalition's core: the map model, map files, analysis and import/export.
//!
//! Everything the desktop app can do goes through this crate; the `coalition` CLI
//! proves it. The crate never depends on Tauri.

pub mod analysis;
pub mod error;
pub mod import;
pub mod model;
pub mod synthetic;

pub use error::{Error, Result};
pub mod demo;
pub mod formats;
pub mod store;
pub mod workspace;
