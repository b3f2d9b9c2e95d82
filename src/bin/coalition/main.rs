//! The `coalition` command-line tool.

fn main() {}
