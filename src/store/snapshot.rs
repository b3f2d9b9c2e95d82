//! Reading the whole map at once, and what the map is about.

use chrono::{DateTime, Utc};

use super::MapFile;
use super::stakeholders::touch;
use crate::error::Result;
use crate::model::text::{check_text, clean_name};
use crate::model::{MapInfo, MapSnapshot};

impl MapFile {
    /// What the map is about.
    pub fn info(&self) -> Result<MapInfo> {
        let (name, change, description, created, updated): (
            String,
            String,
            String,
            String,
            String,
        ) = self.conn.query_row(
            "SELECT name, change, description, created, updated FROM map_info WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        Ok(MapInfo {
            name,
            change,
            description,
            created: parse_time(&created)?,
            updated: parse_time(&updated)?,
        })
    }

    /// Renames the map and restates the change it is about.
    pub fn set_info(&mut self, name: &str, change: &str, description: &str) -> Result<()> {
        let name = clean_name(name)?;
        check_text(change, "the change")?;
        check_text(description, "the description")?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE map_info SET name = ?1, change = ?2, description = ?3 WHERE id = 1",
            (&name, change, description),
        )?;
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(())
    }

    /// Everything in the map at this moment: read in one read transaction, so a
    /// reader sees one committed state even while the map's writer commits.
    ///
    /// The first snapshot after opening takes the people and ties the opening
    /// audit read, when nothing has changed the file since.
    pub fn snapshot(&self) -> Result<MapSnapshot> {
        self.reading(|| {
            let kept = self.kept.take().and_then(|k| k.take_if_current(&self.conn));
            let (mut stakeholders, mut relations) = match kept {
                Some(k) => (k.stakeholders, k.relations),
                None => (self.stakeholders()?, self.relations()?),
            };
            let mut engagements = self.engagements()?;
            let mut stance_history = self.stance_history()?;
            // Read into lists grown by doubling; held as long as the snapshot (at
            // 100,000 people the people's list had room for 31,000 more).
            stakeholders.shrink_to_fit();
            relations.shrink_to_fit();
            engagements.shrink_to_fit();
            stance_history.shrink_to_fit();
            Ok(MapSnapshot {
                info: self.info()?,
                stakeholders,
                relations,
                engagements,
                stance_history,
            })
        })
    }
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            crate::Error::Invalid(format!(
                "the map's time stamp '{text}' is unreadable ({e}); restore the file from a copy"
            ))
        })
}
