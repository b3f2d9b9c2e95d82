//! Ratings that no conversation has confirmed for a while, and next steps past due.

use crate::model::{MapSnapshot, StakeholderId};
use foldhash::{HashMap, HashMapExt};

use chrono::NaiveDate;

/// A person whose rating is older than the map's staleness window.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    /// Who.
    pub id: StakeholderId,
    /// The day of the last conversation with them, or of their last recorded stance.
    pub last_confirmed: NaiveDate,
    /// Days since then.
    pub days: i64,
    /// True when nobody has ever logged a conversation with them.
    pub never_met: bool,
}

/// A next step whose due date has passed with no conversation since.
#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    /// Whom the step is with.
    pub id: StakeholderId,
    /// What was agreed.
    pub next_step: String,
    /// When it was due.
    pub due: NaiveDate,
    /// Days past due.
    pub days_late: i64,
    /// The advocate who held the conversation that set it.
    pub held_by: Option<StakeholderId>,
}

/// Stale ratings and overdue next steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Staleness {
    /// The day the check was made for.
    pub today: NaiveDate,
    /// The window, in days.
    pub stale_days: u32,
    /// People (advocates aside) whose rating is older than the window, oldest first.
    pub stale: Vec<Stale>,
    /// Next steps past due, most overdue first.
    pub overdue: Vec<Overdue>,
}

/// Finds ratings not confirmed for more than `stale_days` days before `today`,
/// and next steps due before `today` with no conversation with that person since.
pub fn staleness(map: &MapSnapshot, today: NaiveDate, stale_days: u32) -> Staleness {
    let people = map.people();
    let name = |id| people.name(id);
    // The latest conversation and the latest rating of everyone, in one pass each.
    let latest = |pairs: &mut dyn Iterator<Item = (StakeholderId, NaiveDate)>| {
        let mut by_id: HashMap<StakeholderId, NaiveDate> = HashMap::new();
        for (id, day) in pairs {
            let entry = by_id.entry(id).or_insert(day);
            *entry = (*entry).max(day);
        }
        by_id
    };
    let met = latest(&mut map.engagements.iter().map(|e| (e.stakeholder, e.date)));
    let rated = latest(
        &mut map
            .stance_history
            .iter()
            .map(|c| (c.stakeholder, c.at.date_naive())),
    );
    let mut stale: Vec<Stale> = map
        .stakeholders
        .iter()
        .filter(|p| !p.advocate)
        .filter_map(|p| {
            let met = met.get(&p.id).copied();
            let last = met.or_else(|| rated.get(&p.id).copied())?;
            let days = (today - last).num_days();
            (days > i64::from(stale_days)).then(|| Stale {
                id: p.id,
                last_confirmed: last,
                days,
                never_met: met.is_none(),
            })
        })
        .collect();
    stale.sort_by(|a, b| b.days.cmp(&a.days).then(name(a.id).cmp(name(b.id))));
    let mut overdue: Vec<Overdue> = map
        .engagements
        .iter()
        .filter_map(|e| {
            let due = e.next_step_due?;
            let followed_up = met.get(&e.stakeholder).is_some_and(|&last| last > e.date);
            (due < today && !followed_up && !e.next_step.trim().is_empty()).then(|| Overdue {
                id: e.stakeholder,
                next_step: e.next_step.clone(),
                due,
                days_late: (today - due).num_days(),
                held_by: e.held_by,
            })
        })
        .collect();
    overdue.sort_by(|a, b| {
        b.days_late
            .cmp(&a.days_late)
            .then(name(a.id).cmp(name(b.id)))
    });
    Staleness {
        today,
        stale_days,
        stale,
        overdue,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{day, history_map};
    use crate::model::StakeholderId;

    #[test]
    fn stale_ratings_and_overdue_steps_are_found() {
        let map = history_map();
        let s = super::staleness(&map, day(8, 1), 45);
        let people = map.people();
        // Bo was last met 1 July (31 days); Cy was rated 1 June (61 days), never met.
        let stale: Vec<(&str, i64, bool)> = s
            .stale
            .iter()
            .map(|x| (people.name(x.id), x.days, x.never_met))
            .collect();
        assert_eq!(stale, vec![("Cy", 61, true)]);
        // The 1 May step was followed up on 1 July; the 1 July step is 12 days late.
        assert_eq!(s.overdue.len(), 1);
        assert_eq!(s.overdue[0].next_step, "Invite to the steering group");
        assert_eq!(s.overdue[0].days_late, 12);
        assert_eq!(s.overdue[0].held_by, Some(StakeholderId(1)));
        assert_eq!(people.name(StakeholderId(1)), "Ana");
        assert!(super::staleness(&map, day(7, 20), 45).overdue.is_empty());
    }
}
