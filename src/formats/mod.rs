//! File and IPC formats: versioned DTOs, kept apart from the domain types so the
//! domain can change without breaking files people have shared.

pub mod analysis;
pub mod contract;
pub mod csv;
pub mod groups;
pub mod json;
pub mod sharing;
pub mod timeline;
pub mod view;
pub mod view_change;
