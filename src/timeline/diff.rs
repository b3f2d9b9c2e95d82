//! What changed between two dates: who moved, by how much, and the support score.

use super::{as_of, support};
use crate::model::{MapSnapshot, StakeholderId};
use chrono::NaiveDate;

/// Someone whose stance differs between the two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// Who.
    pub id: StakeholderId,
    /// Their stance level at the first date, −2..2.
    pub from: i8,
    /// Their stance level at the second date.
    pub to: i8,
    /// `to − from`: positive is toward support.
    pub change: i8,
    /// e.g. "Resistant → Neutral".
    pub label: String,
}

/// The differences between the map at two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct MapDiff {
    /// The first date.
    pub from: NaiveDate,
    /// The second date.
    pub to: NaiveDate,
    /// Support score F at the first date.
    pub support_from: f64,
    /// Support score F at the second date.
    pub support_to: f64,
    /// Everyone whose stance changed, biggest move first, then by name.
    pub moved: Vec<Moved>,
    /// People on the map at the second date but not the first.
    pub added: Vec<StakeholderId>,
    /// People on the map at the first date but not the second.
    pub removed: Vec<StakeholderId>,
}

/// Compares the map at the end of `from` with the map at the end of `to`.
pub fn diff(map: &MapSnapshot, from: NaiveDate, to: NaiveDate) -> MapDiff {
    let (a, b) = (as_of(map, from), as_of(map, to));
    let then_by_id = a.people();
    let mut moved: Vec<Moved> = b
        .stakeholders
        .iter()
        .filter_map(|now| {
            let then = then_by_id.get(now.id)?;
            (then.stance != now.stance).then(|| Moved {
                id: now.id,
                from: then.stance.level(),
                to: now.stance.level(),
                change: now.stance.level() - then.stance.level(),
                label: format!("{} → {}", then.stance.label(), now.stance.label()),
            })
        })
        .collect();
    moved.sort_by(|x, y| {
        y.change
            .abs()
            .cmp(&x.change.abs())
            .then(then_by_id.name(x.id).cmp(then_by_id.name(y.id)))
    });
    let missing = |from: &MapSnapshot, to: &MapSnapshot| -> Vec<StakeholderId> {
        let there = to.people();
        from.stakeholders
            .iter()
            .filter(|p| there.get(p.id).is_none())
            .map(|p| p.id)
            .collect()
    };
    MapDiff {
        from,
        to,
        support_from: support(&a),
        support_to: support(&b),
        added: missing(&b, &a),
        removed: missing(&a, &b),
        moved,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{day, history_map};
    use crate::model::StakeholderId;

    #[test]
    fn diff_lists_exactly_who_moved() {
        let map = history_map();
        let d = super::diff(&map, day(4, 1), day(7, 10));
        let people = map.people();
        let moved: Vec<(&str, i8)> = d
            .moved
            .iter()
            .map(|m| (people.name(m.id), m.change))
            .collect();
        assert_eq!(moved, vec![("Bo", 3)]);
        assert_eq!(d.moved[0].label, "Active resistance → Supportive");
        assert_eq!(d.added, vec![StakeholderId(3)]);
        assert_eq!(people.name(StakeholderId(3)), "Cy");
        assert!(d.removed.is_empty());
        assert!(d.support_to > d.support_from);
        let none = super::diff(&map, day(5, 2), day(5, 30));
        assert!(none.moved.is_empty() && none.added.is_empty());
        assert_eq!(none.support_from, none.support_to);
    }
}
