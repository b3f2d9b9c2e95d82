//! Recording conversations; a recorded stance after updates the stakeholder.

use chrono::{NaiveDate, NaiveTime, Utc};
use rusqlite::{Connection, params};

use super::MapFile;
use super::rows::{self, ENGAGEMENT_COLUMNS, STANCE_CHANGE_COLUMNS};
use super::stakeholders::{record_stance, touch};
use crate::error::{Error, Result};
use crate::model::text::check_text;
use crate::model::{Engagement, EngagementId, StanceChange};

impl MapFile {
    /// Every engagement, oldest first.
    pub fn engagements(&self) -> Result<Vec<Engagement>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENGAGEMENT_COLUMNS} FROM engagements ORDER BY date, id"
        ))?;
        let all = stmt
            .query_map([], rows::engagement)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(all)
    }

    /// Every recorded stance, oldest first.
    pub fn stance_history(&self) -> Result<Vec<StanceChange>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {STANCE_CHANGE_COLUMNS} FROM stance_history ORDER BY at, id"
        ))?;
        let all = stmt
            .query_map([], rows::stance_change)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(all)
    }

    /// Records a conversation. When it carries a stance after, the stakeholder's
    /// stance and its history change in the same transaction.
    pub fn add_engagement(&mut self, engagement: &Engagement) -> Result<Engagement> {
        let tx = self.conn.transaction()?;
        let id = insert_engagement(&tx, engagement, true)?;
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(Engagement {
            id,
            ..engagement.clone()
        })
    }

    /// Removes a conversation record. The stance history it left stays: history is
    /// never rewritten.
    pub fn remove_engagement(&mut self, id: EngagementId) -> Result<()> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM engagements WHERE id = ?1", [id.0])? == 0 {
            return Err(Error::NotFound(format!("no engagement has id {}", id.0)));
        }
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(())
    }
}

/// Checks and inserts an engagement and returns its id. With `apply_stance`, a
/// stance after becomes the stakeholder's stance and enters their history.
pub(super) fn insert_engagement(
    conn: &Connection,
    e: &Engagement,
    apply_stance: bool,
) -> Result<EngagementId> {
    for (text, what) in [
        (&e.channel, "the channel"),
        (&e.summary, "the summary"),
        (&e.next_step, "the next step"),
    ] {
        check_text(text, what)?;
    }
    let person = super::stakeholders::find_by_id(conn, e.stakeholder)?;
    if let Some(by) = e.held_by {
        let advocate = super::stakeholders::find_by_id(conn, by)?;
        if !advocate.advocate {
            return Err(Error::Invalid(format!(
                "'{}' is not marked as an advocate; conversations are held by advocates \
                 (mark them with `coalition set MAP \"{}\" advocate yes`)",
                advocate.name, advocate.name
            )));
        }
        if by == e.stakeholder {
            return Err(Error::Invalid(format!(
                "'{}' cannot hold a conversation with themselves; pick another advocate",
                person.name
            )));
        }
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO engagements (date, stakeholder_id, held_by, channel, summary,
             stance_before, stance_after, next_step, next_step_due)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    stmt.execute(params![
        day(e.date),
        e.stakeholder.0,
        e.held_by.map(|id| id.0),
        e.channel,
        e.summary,
        e.stance_before.map(|s| s.level()),
        e.stance_after.map(|s| s.level()),
        e.next_step,
        e.next_step_due.map(day),
    ])?;
    let id = EngagementId(conn.last_insert_rowid());
    if let Some(after) = e.stance_after
        && apply_stance
    {
        conn.execute(
            "UPDATE stakeholders SET stance = ?2 WHERE id = ?1",
            params![e.stakeholder.0, after.level()],
        )?;
        let at = e.date.and_time(NaiveTime::MIN).and_utc();
        record_stance(conn, e.stakeholder, at, after.level(), "engagement")?;
    }
    Ok(id)
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
