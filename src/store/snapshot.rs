//! Reading the whole map at once, and what the map is about.

use chrono::{DateTime, Utc};

use super::MapFile;
use super::kept::{Kept, Stamped};
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
    /// It takes what the map file kept from the last read (the opening audit's
    /// people and ties, or a [`MapFile::with_snapshot`]), brought up to date, so
    /// the next snapshot reads everything again. To read again and again, as the
    /// app does after every edit, lend it with [`MapFile::with_snapshot`].
    pub fn snapshot(&self) -> Result<MapSnapshot> {
        Ok(self.current(false)?.map)
    }

    /// Runs `look` on everything in the map at this moment (read as
    /// [`MapFile::snapshot`] reads), keeping it: the next call reads again only
    /// the rows this map file changed since, or everything when another
    /// connection has changed the file.
    pub fn with_snapshot<T>(&self, look: impl FnOnce(&MapSnapshot) -> T) -> Result<T> {
        self.with_stamped_snapshot(|lent| look(lent.map()))
    }

    /// [`MapFile::with_snapshot`], lending it as [`Stamped`]: with the stamps
    /// of its readings, so what was built from the same readings can be kept.
    pub fn with_stamped_snapshot<T>(&self, look: impl FnOnce(&Stamped<'_>) -> T) -> Result<T> {
        let kept = self.current(true)?;
        let seen = look(&Stamped { kept: &kept });
        if self.conn.is_autocommit() {
            // Changes noted since `current` took them stay noted for the next.
            self.kept.set(Some(kept));
        }
        Ok(seen)
    }

    /// The kept tables brought up to date, in one read transaction; read whole
    /// when nothing was kept or another connection committed since. Inside a
    /// transaction of this connection's (which may yet roll back, unseen by the
    /// update hook) everything is read and nothing taken from what was kept.
    ///
    /// With `keyed`, every row's place in its table's order is made too, for the
    /// snapshot to be kept; a snapshot handed over whole goes without.
    fn current(&self, keyed: bool) -> Result<Kept> {
        if !self.conn.is_autocommit() {
            return Kept::read(&self.conn, self.info()?, keyed);
        }
        self.reading(|| {
            let kept = self.kept.take();
            let changed = self.conn.changes.take();
            // Read first: the read transaction then holds the state read.
            let info = self.info()?;
            match kept {
                Some(kept) => kept.refresh(&self.conn, info, changed, keyed),
                None => Kept::read(&self.conn, info, keyed),
            }
        })
    }

    /// Keeps `kept`, the map as it now is, for the next snapshot: changes noted
    /// before now are in it.
    pub(super) fn keep(&self, kept: Option<Kept>) {
        self.conn.changes.take();
        self.kept.set(kept);
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
