//! Integration tests of the core and the `coalition` CLI, in one test binary.

mod architecture;
mod cli;
mod contract;
mod crash;
mod fuzz;
mod generate;
mod hostile;
mod hostile_files;
mod import;
mod import_limits;
mod lock;
mod migrations;
mod orgchart;
mod outputs;
mod pdf;
mod planner;
mod recover;
mod report;
mod sharing;
mod store;
mod support;
mod timeline;
mod workspace;
mod workspace_sharing;
mod workspace_timeline;
mod xlsx;
