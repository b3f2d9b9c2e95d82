//! Saving where people sit on the network view, many at once.

use chrono::Utc;
use rusqlite::params;

use super::MapFile;
use super::stakeholders::touch;
use crate::error::{Error, Result};
use crate::model::StakeholderId;

impl MapFile {
    /// Saves the network-view position of several people in one transaction
    /// (`None` forgets a position). Positions must be finite numbers; an unknown
    /// id fails the whole call and nothing is saved.
    pub fn set_positions(
        &mut self,
        positions: &[(StakeholderId, Option<(f64, f64)>)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt =
                tx.prepare_cached("UPDATE stakeholders SET x = ?2, y = ?3 WHERE id = ?1")?;
            for (id, position) in positions {
                if let Some((x, y)) = position
                    && !(x.is_finite() && y.is_finite())
                {
                    return Err(Error::Invalid(format!(
                        "position ({x}, {y}) is not a point on the map; drag the person again"
                    )));
                }
                let (x, y) = position.unzip();
                if stmt.execute(params![id.0, x, y])? == 0 {
                    return Err(Error::NotFound(format!("no stakeholder has id {}", id.0)));
                }
            }
        }
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(())
    }
}
