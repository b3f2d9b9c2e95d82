//! Integration tests of the core and the `coalition` CLI, in one test binary.

mod cli;
mod crash;
mod hostile;
mod import;
mod lock;
mod migrations;
mod store;
mod support;
mod workspace;
