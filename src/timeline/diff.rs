//! What changed between two dates: who moved, by how much, and the support score.

use chrono::NaiveDate;
use serde::Serialize;

use super::{as_of, support};
use crate::model::MapSnapshot;

/// Someone whose stance differs between the two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    /// Who.
    pub name: String,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub added: Vec<String>,
    /// People on the map at the first date but not the second.
    pub removed: Vec<String>,
}

/// Compares the map at the end of `from` with the map at the end of `to`.
pub fn diff(map: &MapSnapshot, from: NaiveDate, to: NaiveDate) -> MapDiff {
    let (a, b) = (as_of(map, from), as_of(map, to));
    let mut moved: Vec<Moved> = b
        .stakeholders
        .iter()
        .filter_map(|now| {
            let then = a.stakeholders.iter().find(|p| p.id == now.id)?;
            (then.stance != now.stance).then(|| Moved {
                name: now.name.clone(),
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
            .then(x.name.cmp(&y.name))
    });
    let names_missing = |from: &MapSnapshot, to: &MapSnapshot| -> Vec<String> {
        from.stakeholders
            .iter()
            .filter(|p| !to.stakeholders.iter().any(|q| q.id == p.id))
            .map(|p| p.name.clone())
            .collect()
    };
    MapDiff {
        from,
        to,
        support_from: support(&a),
        support_to: support(&b),
        added: names_missing(&b, &a),
        removed: names_missing(&a, &b),
        moved,
    }
}

impl MapDiff {
    /// A readable summary, one line per person who moved.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "From {} to {}: support {:+.3} → {:+.3} ({:+.3})\n",
            self.from,
            self.to,
            self.support_from,
            self.support_to,
            self.support_to - self.support_from
        );
        if self.moved.is_empty() {
            out.push_str("Nobody's stance changed.\n");
        }
        for m in &self.moved {
            out.push_str(&format!("  {:+}  {}: {}\n", m.change, m.name, m.label));
        }
        for name in &self.added {
            out.push_str(&format!("  new  {name}\n"));
        }
        for name in &self.removed {
            out.push_str(&format!("  gone {name}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{day, history_map};

    #[test]
    fn diff_lists_exactly_who_moved() {
        let map = history_map();
        let d = super::diff(&map, day(4, 1), day(7, 10));
        let moved: Vec<(&str, i8)> = d
            .moved
            .iter()
            .map(|m| (m.name.as_str(), m.change))
            .collect();
        assert_eq!(moved, vec![("Bo", 3)]);
        assert_eq!(d.moved[0].label, "Active resistance → Supportive");
        assert_eq!(d.added, vec!["Cy"]);
        assert!(d.removed.is_empty());
        assert!(d.support_to > d.support_from);
        let none = super::diff(&map, day(5, 2), day(5, 30));
        assert!(none.moved.is_empty() && none.added.is_empty());
        assert_eq!(none.support_from, none.support_to);
    }
}
