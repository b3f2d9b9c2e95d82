//! Recording conversations; a recorded stance after updates the stakeholder.

use chrono::{NaiveDate, NaiveTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};

use super::rows::{self, ENGAGEMENT_COLUMNS, STANCE_CHANGE_COLUMNS};
use super::stakeholders::{record_stance, touch};
use super::{MapFile, format_time};
use crate::error::{Error, Result};
use crate::model::text::check_text;
use crate::model::{Engagement, EngagementId, Stance, StanceChange};

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

    /// Saves an edited conversation (found by id). A changed stance after is
    /// recorded like a new one; the history it left before stays.
    pub fn update_engagement(&mut self, engagement: &Engagement) -> Result<()> {
        let tx = self.conn.transaction()?;
        let old: Engagement = tx
            .query_row(
                &format!("SELECT {ENGAGEMENT_COLUMNS} FROM engagements WHERE id = ?1"),
                [engagement.id.0],
                rows::engagement,
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => {
                    Error::NotFound(format!("no engagement has id {}", engagement.id.0))
                }
                other => other.into(),
            })?;
        check_engagement(&tx, engagement)?;
        tx.execute(
            &format!(
                "UPDATE engagements SET ({WRITTEN_COLUMNS}) = (?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?"
            ),
            params_from_iter(
                written_values(engagement)
                    .into_iter()
                    .chain([Value::from(engagement.id.0)]),
            ),
        )?;
        if let Some(after) = engagement.stance_after
            && (old.stance_after != Some(after) || old.date != engagement.date)
        {
            apply_stance_after(&tx, engagement, after)?;
        }
        touch(&tx, Utc::now())?;
        tx.commit()?;
        Ok(())
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

/// The columns an insert or an update writes, in the order of [`written_values`].
const WRITTEN_COLUMNS: &str = "date, stakeholder_id, held_by, channel, summary, stance_before, \
     stance_after, next_step, next_step_due";

/// The values of [`WRITTEN_COLUMNS`] for one conversation.
fn written_values(e: &Engagement) -> [Value; 9] {
    let stance = |s: Option<Stance>| s.map_or(Value::Null, |s| Value::from(i64::from(s.level())));
    [
        Value::from(day(e.date)),
        Value::from(e.stakeholder.0),
        e.held_by.map_or(Value::Null, |id| Value::from(id.0)),
        Value::from(e.channel.clone()),
        Value::from(e.summary.clone()),
        stance(e.stance_before),
        stance(e.stance_after),
        Value::from(e.next_step.clone()),
        e.next_step_due.map_or(Value::Null, |d| Value::from(day(d))),
    ]
}

/// Checks and inserts an engagement and returns its id. With `apply_stance`, a
/// stance after enters the history and, unless a later stance is recorded,
/// becomes the stakeholder's stance.
pub(super) fn insert_engagement(
    conn: &Connection,
    e: &Engagement,
    apply_stance: bool,
) -> Result<EngagementId> {
    check_engagement(conn, e)?;
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO engagements ({WRITTEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))?;
    stmt.execute(params_from_iter(written_values(e)))?;
    let id = EngagementId(conn.last_insert_rowid());
    if let Some(after) = e.stance_after
        && apply_stance
    {
        apply_stance_after(conn, e, after)?;
    }
    Ok(id)
}

/// Records a conversation's stance after in the history, at the day it was held
/// (now, for a conversation held today), and makes it the current stance unless
/// a later stance is already recorded: a back-dated log never hides a newer rating.
fn apply_stance_after(conn: &Connection, e: &Engagement, after: Stance) -> Result<()> {
    let now = Utc::now();
    let at = if e.date == now.date_naive() {
        now
    } else {
        e.date.and_time(NaiveTime::MIN).and_utc()
    };
    let later: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM stance_history WHERE stakeholder_id = ?1 AND at > ?2)",
        )?
        .query_row(params![e.stakeholder.0, format_time(at)], |r| r.get(0))?;
    record_stance(conn, e.stakeholder, at, after.level(), "engagement")?;
    if !later {
        conn.prepare_cached("UPDATE stakeholders SET stance = ?2 WHERE id = ?1")?
            .execute(params![e.stakeholder.0, after.level()])?;
    }
    Ok(())
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Checks a conversation's texts and people: the host must be an advocate, and not
/// the person talked to.
fn check_engagement(conn: &Connection, e: &Engagement) -> Result<()> {
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
                "'{}' is not marked as an advocate, and conversations are held by advocates; \
                 mark them as an advocate first, or pick one who is",
                advocate.name
            )));
        }
        if by == e.stakeholder {
            return Err(Error::Invalid(format!(
                "'{}' cannot hold a conversation with themselves; pick another advocate",
                person.name
            )));
        }
    }
    Ok(())
}
