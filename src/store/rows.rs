//! Reading domain values out of SQLite rows.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;

use crate::model::{
    Confidence, Engagement, EngagementId, Level, Relation, RelationId, RelationKind, Stakeholder,
    StakeholderId, Stance, StanceChange,
};

/// The columns [`stakeholder`] reads, in order.
pub const STAKEHOLDER_COLUMNS: &str = "id, name, role, grp, tags, notes, stance, target, power, \
     interest, openness, legitimacy, urgency, confidence, effort, advocate, x, y";

/// A person's tags from their JSON list, held at their number: read as JSON they
/// were held four to a list (at 100,000 people, 4 MB never used).
pub fn tags_from_json(json: &str) -> serde_json::Result<Vec<String>> {
    let mut tags: Vec<String> = serde_json::from_str(json)?;
    tags.shrink_to_fit();
    Ok(tags)
}

/// A stakeholder from a row of [`STAKEHOLDER_COLUMNS`].
pub fn stakeholder(r: &Row) -> rusqlite::Result<Stakeholder> {
    let tags: String = r.get(4)?;
    let x: Option<f64> = r.get(16)?;
    let y: Option<f64> = r.get(17)?;
    Ok(Stakeholder {
        id: StakeholderId(r.get(0)?),
        name: r.get(1)?,
        role: r.get(2)?,
        group: r.get(3)?,
        tags: tags_from_json(&tags).map_err(|e| bad(4, e))?,
        notes: r.get(5)?,
        stance: stance(r, 6)?,
        target: stance(r, 7)?,
        power: level(r, 8)?,
        interest: level(r, 9)?,
        openness: level(r, 10)?,
        legitimacy: r.get(11)?,
        urgency: r.get(12)?,
        confidence: Confidence::parse(&r.get::<_, String>(13)?).map_err(|e| bad(13, e))?,
        effort: level(r, 14)?,
        advocate: r.get(15)?,
        position: x.zip(y),
    })
}

/// The columns [`relation`] reads, in order.
pub const RELATION_COLUMNS: &str = "id, from_id, to_id, kind, strength, note";

/// A relation from a row of [`RELATION_COLUMNS`].
pub fn relation(r: &Row) -> rusqlite::Result<Relation> {
    Ok(Relation {
        id: RelationId(r.get(0)?),
        from: StakeholderId(r.get(1)?),
        to: StakeholderId(r.get(2)?),
        kind: r
            .get::<_, String>(3)?
            .parse::<RelationKind>()
            .map_err(|e| bad(3, e))?,
        strength: level(r, 4)?,
        note: r.get(5)?,
    })
}

/// The columns [`engagement`] reads, in order.
pub const ENGAGEMENT_COLUMNS: &str = "id, date, stakeholder_id, held_by, channel, summary, \
     stance_before, stance_after, next_step, next_step_due";

/// An engagement from a row of [`ENGAGEMENT_COLUMNS`].
pub fn engagement(r: &Row) -> rusqlite::Result<Engagement> {
    Ok(Engagement {
        id: EngagementId(r.get(0)?),
        date: date(r, 1)?,
        stakeholder: StakeholderId(r.get(2)?),
        held_by: r.get::<_, Option<i64>>(3)?.map(StakeholderId),
        channel: r.get(4)?,
        summary: r.get(5)?,
        stance_before: optional_stance(r, 6)?,
        stance_after: optional_stance(r, 7)?,
        next_step: r.get(8)?,
        next_step_due: match r.get::<_, Option<String>>(9)? {
            Some(_) => Some(date(r, 9)?),
            None => None,
        },
    })
}

/// The columns [`stance_change`] reads, in order.
pub const STANCE_CHANGE_COLUMNS: &str = "stakeholder_id, at, stance, source";

/// A stance change from a row of [`STANCE_CHANGE_COLUMNS`].
pub fn stance_change(r: &Row) -> rusqlite::Result<StanceChange> {
    let at: String = r.get(1)?;
    Ok(StanceChange {
        stakeholder: StakeholderId(r.get(0)?),
        at: DateTime::parse_from_rfc3339(&at)
            .map_err(|e| bad(1, e))?
            .with_timezone(&Utc),
        stance: stance(r, 2)?,
        source: r.get(3)?,
    })
}

fn stance(r: &Row, i: usize) -> rusqlite::Result<Stance> {
    Stance::new(r.get(i)?).map_err(|e| bad(i, e))
}

fn optional_stance(r: &Row, i: usize) -> rusqlite::Result<Option<Stance>> {
    r.get::<_, Option<i64>>(i)?
        .map(|v| Stance::new(v).map_err(|e| bad(i, e)))
        .transpose()
}

fn level(r: &Row, i: usize) -> rusqlite::Result<Level> {
    Level::new(r.get(i)?, "rating").map_err(|e| bad(i, e))
}

fn date(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = r.get(i)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| bad(i, e))
}

fn bad<E: std::error::Error + Send + Sync + 'static>(i: usize, e: E) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}
