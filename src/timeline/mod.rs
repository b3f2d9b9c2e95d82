//! Change over time: the map as of a date, what moved between two dates, the
//! progress of saved plans, stale ratings and overdue next steps, and the brief
//! for a conversation. Everything here is a pure function of a snapshot.

mod brief;
mod diff;
mod progress;
mod staleness;

pub use brief::{Brief, BriefConversation, Listener, brief};
pub use diff::{MapDiff, Moved, diff};
pub use progress::{PlanProgress, StepProgress, plan_progress};
pub use staleness::{Overdue, Stale, Staleness, staleness};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::analysis::InfluenceModel;
use crate::model::{MapSnapshot, StakeholderId};

/// The first moment after `day` (UTC): everything recorded before it counts.
fn end_of(day: NaiveDate) -> DateTime<Utc> {
    day.succ_opt()
        .unwrap_or(day)
        .and_time(NaiveTime::MIN)
        .and_utc()
}

/// The map as it stood at the end of `day`: each person's stance from the stance
/// history, people not yet recorded left out, and conversations held by then.
/// People with no history at all (never the case for maps written by Coalition)
/// keep their current stance.
pub fn as_of(map: &MapSnapshot, day: NaiveDate) -> MapSnapshot {
    let end = end_of(day);
    let history: Vec<_> = map
        .stance_history
        .iter()
        .filter(|c| c.at < end)
        .cloned()
        .collect();
    let has_history = |id: StakeholderId| map.stance_history.iter().any(|c| c.stakeholder == id);
    let stakeholders: Vec<_> = map
        .stakeholders
        .iter()
        .filter_map(|p| {
            let mut p = p.clone();
            match history.iter().rfind(|c| c.stakeholder == p.id) {
                Some(change) => p.stance = change.stance,
                None if has_history(p.id) => return None,
                None => {}
            }
            Some(p)
        })
        .collect();
    let present = |id: StakeholderId| stakeholders.iter().any(|p| p.id == id);
    MapSnapshot {
        info: map.info.clone(),
        relations: map
            .relations
            .iter()
            .filter(|r| present(r.from) && present(r.to))
            .cloned()
            .collect(),
        engagements: map
            .engagements
            .iter()
            .filter(|e| e.date <= day && present(e.stakeholder))
            .cloned()
            .collect(),
        stance_history: history,
        stakeholders,
    }
}

/// The support score F of a map: the power-weighted mean predicted opinion.
pub fn support(map: &MapSnapshot) -> f64 {
    let model = InfluenceModel::new(map);
    model.support(&model.equilibrium())
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::{DateTime, NaiveDate, Utc};

    use crate::model::{
        Engagement, EngagementId, MapInfo, MapSnapshot, Stakeholder, StakeholderId, Stance,
        StanceChange,
    };

    /// A day of 2026.
    pub fn day(month: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, d).unwrap()
    }

    fn at(month: u32, d: u32) -> DateTime<Utc> {
        day(month, d).and_hms_opt(10, 0, 0).unwrap().and_utc()
    }

    /// Ana (advocate, from 1 March), Bo (from 1 March: −2, then −1 on 1 May, +1 on
    /// 1 July) and Cy (added 1 June, neutral); conversations with Bo on 1 May and 1 July.
    pub fn history_map() -> MapSnapshot {
        let person = |id: i64, name: &str, stance: i64, advocate: bool| {
            let mut p = Stakeholder::new(name).unwrap();
            p.id = StakeholderId(id);
            p.stance = Stance::new(stance).unwrap();
            p.advocate = advocate;
            p
        };
        let change = |id: i64, when: DateTime<Utc>, stance: i64, source: &str| StanceChange {
            stakeholder: StakeholderId(id),
            at: when,
            stance: Stance::new(stance).unwrap(),
            source: source.into(),
        };
        let talk =
            |id: i64, date: NaiveDate, after: i64, next: &str, due: Option<NaiveDate>| Engagement {
                id: EngagementId(id),
                date,
                stakeholder: StakeholderId(2),
                held_by: Some(StakeholderId(1)),
                channel: "meeting".into(),
                summary: format!("talk {id}"),
                stance_before: None,
                stance_after: Some(Stance::new(after).unwrap()),
                next_step: next.into(),
                next_step_due: due,
            };
        MapSnapshot {
            info: MapInfo {
                name: "History".into(),
                change: String::new(),
                description: String::new(),
                created: at(3, 1),
                updated: at(7, 1),
            },
            stakeholders: vec![
                person(1, "Ana", 2, true),
                person(2, "Bo", 1, false),
                person(3, "Cy", 0, false),
            ],
            relations: Vec::new(),
            engagements: vec![
                talk(1, day(5, 1), -1, "Send the numbers", Some(day(5, 15))),
                talk(
                    2,
                    day(7, 1),
                    1,
                    "Invite to the steering group",
                    Some(day(7, 20)),
                ),
            ],
            stance_history: vec![
                change(1, at(3, 1), 2, "created"),
                change(2, at(3, 1), -2, "created"),
                change(
                    2,
                    day(5, 1).and_hms_opt(0, 0, 0).unwrap().and_utc(),
                    -1,
                    "engagement",
                ),
                change(3, at(6, 1), 0, "created"),
                change(
                    2,
                    day(7, 1).and_hms_opt(0, 0, 0).unwrap().and_utc(),
                    1,
                    "engagement",
                ),
            ],
        }
    }

    #[test]
    fn as_of_reproduces_the_stances_of_each_date() {
        let map = history_map();
        let stances = |d: NaiveDate| -> Vec<(String, i8)> {
            super::as_of(&map, d)
                .stakeholders
                .iter()
                .map(|p| (p.name.clone(), p.stance.level()))
                .collect()
        };
        assert_eq!(stances(day(2, 1)), vec![]);
        assert_eq!(
            stances(day(3, 1)),
            vec![("Ana".into(), 2), ("Bo".into(), -2)]
        );
        assert_eq!(
            stances(day(4, 30)),
            vec![("Ana".into(), 2), ("Bo".into(), -2)]
        );
        assert_eq!(
            stances(day(5, 1)),
            vec![("Ana".into(), 2), ("Bo".into(), -1)]
        );
        assert_eq!(
            stances(day(6, 1)),
            vec![("Ana".into(), 2), ("Bo".into(), -1), ("Cy".into(), 0)]
        );
        assert_eq!(
            stances(day(7, 2)),
            vec![("Ana".into(), 2), ("Bo".into(), 1), ("Cy".into(), 0)]
        );
        assert_eq!(super::as_of(&map, day(5, 31)).engagements.len(), 1);
    }
}
