//! The influence edges of a map: who sways whom, and how, in a compact list.
//!
//! The model reads them once, to make its solver rows; the planner's introduction
//! ties and the graph metrics read them too. Nothing holds them longer than that:
//! at 100,000 people a graph of them (petgraph) held 13 MB for a whole plan.

use super::people::PersonIndex;
use crate::model::MapSnapshot;

/// One influence edge of the graph: its source sways its target.
///
/// Two bytes (the tie's strength and whether it is a conflict) rather than two
/// f64s: at 100,000 people the graph's 640,000 edges took 7.6 MB less. The
/// weight and sign are computed from them exactly as they were stored before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InfluenceEdge {
    /// The tie's strength, 1..5.
    strength: u8,
    /// True for a conflict tie, whose influence pushes away.
    conflict: bool,
}

impl InfluenceEdge {
    /// The edge of a tie of `strength` (1..5) with sign `sign` (+1 or −1).
    pub fn new(strength: u8, sign: f64) -> InfluenceEdge {
        InfluenceEdge {
            strength,
            conflict: sign < 0.0,
        }
    }

    /// The tie's strength, 1..5.
    pub fn strength(self) -> u8 {
        self.strength
    }

    /// w = strength / 5, in (0, 1].
    pub fn weight(self) -> f64 {
        weight_of(self.strength)
    }

    /// σ: +1 for influences, reports_to, trusts and allied; −1 for conflict.
    pub fn sign(self) -> f64 {
        if self.conflict { -1.0 } else { 1.0 }
    }

    /// σ·w, the signed weight.
    pub fn signed(self) -> f64 {
        self.sign() * self.weight()
    }
}

/// The weight w = strength / 5 of a tie of `strength` (1..5).
pub(crate) fn weight_of(strength: u8) -> f64 {
    f64::from(strength) / 5.0
}

/// Every influence edge of a map, in the order of its relations (a mutual tie's
/// two edges one after the other), person `i` being the model's person `i`.
///
/// Held as three flat lists, 10 bytes an edge: at 100,000 people a petgraph graph
/// of the same edges took 20 bytes an edge, and a node list besides.
#[derive(Debug, Clone)]
pub struct InfluenceEdges {
    /// How many people the edges join.
    people: usize,
    /// The source of each edge.
    from: Vec<u32>,
    /// The target of each edge.
    to: Vec<u32>,
    /// Each edge's strength and sign.
    edge: Vec<InfluenceEdge>,
}

impl InfluenceEdges {
    /// The edges of `map`'s relations between the people `index` numbers (of
    /// `people`); relations whose ends are not numbered are left out.
    pub(super) fn of(map: &MapSnapshot, index: &PersonIndex, people: usize) -> InfluenceEdges {
        assert!(u32::try_from(people).is_ok(), "fewer than 2³² people");
        // As many edges as the relations make when both ends of each are
        // numbered (they are, but in a snapshot cut to an earlier day), so each
        // list is allocated once, at its size. Counted without looking anyone up:
        // at 1,000,000 people the lookups of a count that checked the ends took
        // half a second.
        let most: usize = map
            .relations
            .iter()
            .map(|r| if r.kind.is_mutual() { 2 } else { 1 })
            .sum();
        let mut edges = InfluenceEdges {
            people,
            from: Vec::with_capacity(most),
            to: Vec::with_capacity(most),
            edge: Vec::with_capacity(most),
        };
        for relation in &map.relations {
            let (Some(from), Some(to)) = (index.get(relation.from), index.get(relation.to)) else {
                continue;
            };
            for (u, v, sign) in relation.kind.influence_edges(from, to) {
                edges.from.push(u as u32);
                edges.to.push(v as u32);
                edges
                    .edge
                    .push(InfluenceEdge::new(relation.strength.value(), sign));
            }
        }
        if edges.edge.len() < most {
            edges.from.shrink_to_fit();
            edges.to.shrink_to_fit();
            edges.edge.shrink_to_fit();
        }
        edges
    }

    /// How many people the edges join: every source and target is below it.
    pub fn people(&self) -> usize {
        self.people
    }

    /// How many edges.
    pub fn len(&self) -> usize {
        self.edge.len()
    }

    /// True when no one influences anyone.
    pub fn is_empty(&self) -> bool {
        self.edge.is_empty()
    }

    /// Every edge as `(source, target, edge)`, in the order of the map's relations.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, InfluenceEdge)> + '_ {
        self.from
            .iter()
            .zip(&self.to)
            .zip(&self.edge)
            .map(|((&u, &v), &e)| (u as usize, v as usize, e))
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::InfluenceModel;
    use crate::analysis::testing::{map, person};
    use crate::model::RelationKind::*;
    use crate::model::StakeholderId;

    #[test]
    fn edges_follow_the_relations_and_mutual_ties_run_both_ways() {
        let mut m = map(
            &[
                person("Cy", 0, 3, 3),
                person("Ana", 0, 3, 3),
                person("Bob", 0, 3, 3),
            ],
            &[
                ("Cy", "Ana", Influences, 5),
                ("Ana", "Bob", Allied, 2),
                ("Ana", "Cy", ReportsTo, 3),
                ("Bob", "Cy", Conflict, 4),
            ],
        );
        // A tie to someone not in the snapshot makes no edge.
        let mut stray = m.relations[0].clone();
        stray.to = StakeholderId(9_999);
        m.relations.insert(1, stray);
        let (model, edges) = InfluenceModel::with_edges(&m);
        assert_eq!(model.names(), ["Ana", "Bob", "Cy"]);
        let (ana, bob, cy) = (0, 1, 2);
        let listed: Vec<(usize, usize, u8, f64)> = edges
            .iter()
            .map(|(u, v, e)| (u, v, e.strength(), e.sign()))
            .collect();
        assert_eq!(
            listed,
            [
                (cy, ana, 5, 1.0),
                (ana, bob, 2, 1.0),
                (bob, ana, 2, 1.0),
                (cy, ana, 3, 1.0),
                (bob, cy, 4, -1.0),
                (cy, bob, 4, -1.0),
            ]
        );
        assert_eq!((edges.len(), edges.people()), (6, 3));
        assert!(!edges.is_empty());
        let e = edges.iter().nth(4).unwrap().2;
        assert_eq!((e.weight(), e.signed()), (0.8, -0.8));
    }
}
