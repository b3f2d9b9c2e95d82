//! Warm introduction paths: who can introduce the advocate to whom.
//!
//! Introductions travel over positive influence ties (influences, reports_to,
//! trusts, allied) in **either direction**: a manager can introduce you to their
//! report as well as the other way round, so a tie counts for introductions
//! whichever way its influence runs. Conflict ties never introduce anyone. Between
//! two people the strongest positive tie counts. A path costs Σ −ln w, so the
//! warmest path is the one whose strengths multiply to the most (its *warmth*,
//! in (0, 1]). Intermediaries must not be resistant (predicted z > −0.25); the
//! person being reached may be anyone.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use petgraph::visit::EdgeRef;

use super::RESISTANT;
use super::influence::{InfluenceModel, SparseRows};

/// The shortest-path tree of warm introductions from one advocate.
#[derive(Debug, Clone)]
pub(crate) struct Introductions {
    source: usize,
    cost: Vec<f64>,
    previous: Vec<Option<usize>>,
}

/// A queue entry: lower cost first, then lower index (name order) for determinism.
#[derive(Debug, PartialEq)]
struct Entry(f64, usize);

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Entry) -> Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Entry) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Introductions {
    /// Dijkstra from `source` over positive ties; `z` are the predicted opinions.
    pub(crate) fn from(model: &InfluenceModel, source: usize, z: &[f64]) -> Introductions {
        let n = model.len();
        // Both directions of every positive tie, cost −ln w; the cheapest (strongest) counts.
        let mut ties = Vec::with_capacity(2 * model.graph().edge_count());
        for e in model.graph().edge_references() {
            let (u, v) = (e.source().index(), e.target().index());
            if e.weight().sign > 0.0 && u != v {
                let step = -e.weight().weight.ln();
                ties.push((u, v, step));
                ties.push((v, u, step));
            }
        }
        let neighbours = SparseRows::build(n, ties, f64::min);

        let mut cost = vec![f64::INFINITY; n];
        let mut previous = vec![None; n];
        let mut done = vec![false; n];
        let mut queue = BinaryHeap::new();
        cost[source] = 0.0;
        queue.push(Entry(0.0, source));
        while let Some(Entry(c, u)) = queue.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            if u != source && z[u] <= RESISTANT {
                continue;
            }
            for (v, step) in neighbours.row(u) {
                if c + step < cost[v] {
                    cost[v] = c + step;
                    previous[v] = Some(u);
                    queue.push(Entry(cost[v], v));
                }
            }
        }
        Introductions {
            source,
            cost,
            previous,
        }
    }

    /// The people between the advocate and `target`, nearest the advocate first:
    /// `Some(vec![])` for a direct tie, `None` when no warm path exists.
    pub(crate) fn introducers(&self, target: usize) -> Option<Vec<usize>> {
        if target == self.source || self.cost[target].is_infinite() {
            return None;
        }
        let mut chain = Vec::new();
        let mut at = self.previous[target]?;
        while at != self.source {
            chain.push(at);
            at = self.previous[at]?;
        }
        chain.reverse();
        Some(chain)
    }

    /// The warmth of the path to `target`: the product of its tie strengths (0 if none).
    pub(crate) fn warmth(&self, target: usize) -> f64 {
        (-self.cost[target]).exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{advocate, map, person};
    use crate::model::RelationKind::*;

    #[test]
    fn the_warmest_path_avoids_resistant_people_and_conflict() {
        // Ana → Bob → Dee is warm (0.8·1.0) but Bob resists; Ana → Cy → Eve → Dee is
        // colder (0.6·0.6·0.6) but open. Ana's conflict with Dee is no introduction.
        let m = map(
            &[
                advocate("Ana"),
                person("Bob", -2, 1, 3),
                person("Cy", 1, 3, 3),
                person("Dee", 0, 3, 3),
                person("Eve", 0, 3, 3),
            ],
            &[
                ("Bob", "Ana", Trusts, 4),
                ("Bob", "Dee", Allied, 5),
                ("Ana", "Cy", Influences, 3),
                ("Eve", "Cy", ReportsTo, 3),
                ("Eve", "Dee", Allied, 3),
                ("Ana", "Dee", Conflict, 5),
            ],
        );
        let model = InfluenceModel::new(&m);
        let z = model.equilibrium();
        let at = |name| model.index_of(name).unwrap();
        assert!(z[at("Bob")] <= RESISTANT);
        let intro = Introductions::from(&model, at("Ana"), &z);
        assert_eq!(
            intro.introducers(at("Dee")),
            Some(vec![at("Cy"), at("Eve")])
        );
        assert!((intro.warmth(at("Dee")) - 0.6 * 0.6 * 0.6).abs() < 1e-12);
        assert_eq!(intro.introducers(at("Bob")), Some(vec![]));
        assert_eq!(intro.introducers(at("Ana")), None);
    }

    #[test]
    fn nobody_introduces_an_isolated_person() {
        let m = map(&[advocate("Ana"), person("Bob", 0, 3, 3)], &[]);
        let model = InfluenceModel::new(&m);
        let intro = Introductions::from(&model, 0, &model.equilibrium());
        assert_eq!(intro.introducers(1), None);
        assert_eq!(intro.warmth(1), 0.0);
    }
}
