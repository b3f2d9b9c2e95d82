//! Which map the app opens when it starts.

use std::path::{Path, PathBuf};

use super::recent::RecentMaps;
use crate::error::{Error, Result};

/// The demo map's file name in the data folder.
pub const DEMO_FILE: &str = "demo.coalition";

/// The map to open at start: the one named on the command line, else the most
/// recent map that still exists, else the demo map in `data_dir` (written there on
/// first launch).
pub fn map_to_open(data_dir: &Path, from_command_line: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = from_command_line {
        return Ok(path.to_path_buf());
    }
    if let Some(latest) = RecentMaps::load(data_dir).list().into_iter().next() {
        return Ok(latest);
    }
    let demo = data_dir.join(DEMO_FILE);
    if !demo.exists() {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::Io {
            path: data_dir.to_path_buf(),
            source,
        })?;
        crate::demo::write_demo(&demo)?;
    }
    Ok(demo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_launch_writes_the_demo_then_reopens_the_latest_map() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let first = map_to_open(&data, None).unwrap();
        assert_eq!(first, data.join(DEMO_FILE));
        assert!(first.is_file());
        let other = dir.path().join("other.coalition");
        crate::store::MapFile::create(&other, "Other", "").unwrap();
        RecentMaps::load(&data).remember(&other).unwrap();
        assert_eq!(
            map_to_open(&data, None).unwrap().file_name(),
            other.file_name()
        );
        let named = dir.path().join("x.coalition");
        assert_eq!(map_to_open(&data, Some(&named)).unwrap(), named);
    }
}
