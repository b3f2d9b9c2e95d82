//! The list of recently opened maps, kept as JSON in the app's data folder.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How many recent maps are remembered.
pub const RECENT_LIMIT: usize = 10;

const FILE: &str = "recent.json";

/// Recently opened maps, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentMaps {
    file: PathBuf,
    maps: Vec<PathBuf>,
}

impl RecentMaps {
    /// Reads the list from `data_dir` (an unreadable or missing list is empty).
    pub fn load(data_dir: &Path) -> RecentMaps {
        let file = data_dir.join(FILE);
        let maps = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| serde_json::from_str::<Vec<PathBuf>>(&text).ok())
            .unwrap_or_default();
        RecentMaps { file, maps }
    }

    /// The maps, newest first, leaving out files that no longer exist.
    pub fn list(&self) -> Vec<PathBuf> {
        self.maps.iter().filter(|p| p.is_file()).cloned().collect()
    }

    /// Puts `map` first and saves the list.
    pub fn remember(&mut self, map: &Path) -> Result<()> {
        let map = map.canonicalize().unwrap_or_else(|_| map.to_path_buf());
        self.maps.retain(|p| p != &map);
        self.maps.insert(0, map);
        self.maps.truncate(RECENT_LIMIT);
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let text = serde_json::to_string_pretty(&self.maps)?;
        std::fs::write(&self.file, text).map_err(|source| Error::Io {
            path: self.file.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_or_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.coalition");
        let b = dir.path().join("b.coalition");
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let mut recent = RecentMaps::load(dir.path());
        recent.remember(&a).unwrap();
        recent.remember(&b).unwrap();
        recent.remember(&a).unwrap();
        let again = RecentMaps::load(dir.path());
        let names: Vec<_> = again
            .list()
            .iter()
            .map(|p| p.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["a.coalition", "b.coalition"]);
        std::fs::remove_file(&b).unwrap();
        assert_eq!(again.list().len(), 1);
    }
}
