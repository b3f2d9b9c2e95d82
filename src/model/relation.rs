//! A directed tie between two stakeholders and how influence flows along it.

use std::fmt;
use std::str::FromStr;

use super::scales::Level;
use super::stakeholder::StakeholderId;
use crate::error::{Error, Result};

/// The id of a stored relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelationId(pub i64);

/// What a relation from A to B means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// A influences B: influence A → B.
    Influences,
    /// A reports to B: influence B → A.
    ReportsTo,
    /// A trusts (listens to) B: influence B → A.
    Trusts,
    /// A and B are allies: positive influence both ways.
    Allied,
    /// A and B are in conflict: negative influence both ways.
    Conflict,
}

impl RelationKind {
    /// Every kind.
    pub const ALL: [RelationKind; 5] = [
        RelationKind::Influences,
        RelationKind::ReportsTo,
        RelationKind::Trusts,
        RelationKind::Allied,
        RelationKind::Conflict,
    ];

    /// The name used in files and the CLI, e.g. `reports_to`.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Influences => "influences",
            RelationKind::ReportsTo => "reports_to",
            RelationKind::Trusts => "trusts",
            RelationKind::Allied => "allied",
            RelationKind::Conflict => "conflict",
        }
    }

    /// The influence edges a relation from `from` to `to` creates, as
    /// `(source, target, sign)` triples: who sways whom, and whether positively.
    pub fn influence_edges<T: Copy>(self, from: T, to: T) -> Vec<(T, T, f64)> {
        match self {
            RelationKind::Influences => vec![(from, to, 1.0)],
            RelationKind::ReportsTo | RelationKind::Trusts => vec![(to, from, 1.0)],
            RelationKind::Allied => vec![(from, to, 1.0), (to, from, 1.0)],
            RelationKind::Conflict => vec![(from, to, -1.0), (to, from, -1.0)],
        }
    }

    /// True for the kinds that run both ways (allied, conflict).
    pub fn is_mutual(self) -> bool {
        matches!(self, RelationKind::Allied | RelationKind::Conflict)
    }
}

impl FromStr for RelationKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<RelationKind> {
        // The names as written, without allocating (imports parse millions).
        if let Some(kind) = RelationKind::ALL.into_iter().find(|k| k.as_str() == s) {
            return Ok(kind);
        }
        let key = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        let kind = match key.as_str() {
            "influences" | "influence" => RelationKind::Influences,
            "reports_to" | "reports" => RelationKind::ReportsTo,
            "trusts" | "trust" | "listens_to" => RelationKind::Trusts,
            "allied" | "ally" | "allies" => RelationKind::Allied,
            "conflict" | "conflicts" | "in_conflict" => RelationKind::Conflict,
            _ => {
                return Err(Error::Invalid(format!(
                    "relation kind '{}' is not one of influences, reports_to, trusts, allied, conflict",
                    s.trim()
                )));
            }
        };
        Ok(kind)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A directed tie from one stakeholder to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// The id in the map file; [`RelationId`]`(0)` until stored.
    pub id: RelationId,
    /// The first person ("A" in "A reports to B").
    pub from: StakeholderId,
    /// The second person.
    pub to: StakeholderId,
    /// What the tie means.
    pub kind: RelationKind,
    /// How strong the tie is, 1..5.
    pub strength: Level,
    /// A note on the tie.
    pub note: String,
}

impl Relation {
    /// The influence weight of the tie, w = strength / 5.
    pub fn weight(&self) -> f64 {
        f64::from(self.strength.value()) / 5.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_print_both_ways() {
        for k in RelationKind::ALL {
            assert_eq!(k.as_str().parse::<RelationKind>().unwrap(), k);
        }
        assert_eq!(
            "Reports To".parse::<RelationKind>().unwrap(),
            RelationKind::ReportsTo
        );
        assert!(
            "likes"
                .parse::<RelationKind>()
                .unwrap_err()
                .to_string()
                .contains("'likes'")
        );
    }

    #[test]
    fn influence_flows_as_the_design_table_says() {
        use RelationKind::*;
        assert_eq!(Influences.influence_edges('a', 'b'), vec![('a', 'b', 1.0)]);
        assert_eq!(ReportsTo.influence_edges('a', 'b'), vec![('b', 'a', 1.0)]);
        assert_eq!(Trusts.influence_edges('a', 'b'), vec![('b', 'a', 1.0)]);
        assert_eq!(Allied.influence_edges('a', 'b').len(), 2);
        assert!(Conflict.influence_edges('a', 'b').iter().all(|e| e.2 < 0.0));
    }
}
