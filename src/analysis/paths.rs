//! Warm introduction paths: who can introduce the advocate to whom, and how likely
//! the advocate is to reach each person.
//!
//! Introductions travel over positive influence ties (influences, reports_to,
//! trusts, allied) in **either direction**: a manager can introduce you to their
//! report as well as the other way round. Conflict ties never introduce anyone.
//! Between two people the strongest positive tie counts. Each introducer passes
//! you on with probability ρ = 0.5, so a path's **warmth** is ρ^(introducers) · Π w,
//! and a direct tie always beats a chain of the same strength. Introducers must be
//! predicted Neutral or better (z ≥ −0.25); the person being reached may be anyone.
//! At most [`MAX_INTRODUCERS`] introducers: beyond that there is no warm path.
//!
//! The warmest paths with a bounded number of introducers are found layer by layer
//! (a Bellman–Ford bounded to 4 ties), which is exact for the bound. When the
//! advocate has a direct tie to someone, that tie is the way to them: you do not
//! ask for an introduction to someone you know.

use super::RESISTANT;
use super::edges::{InfluenceEdges, weight_of};
use super::influence::SparseRows;

/// ρ: the chance that an introducer passes you on.
pub const INTRODUCER_PASS: f64 = 0.5;

/// The most introducers a warm path may have.
pub const MAX_INTRODUCERS: usize = 3;

/// The reach probability of a cold approach (no warm path, or a colder one).
pub const COLD_REACH: f64 = 0.1;

/// The positive ties of a map, both ways, strongest per pair: who could introduce whom.
#[derive(Debug, Clone)]
pub(crate) struct Ties {
    /// Row u lists (v, s): u and v share a positive tie of strength s, 1..5 (the
    /// strongest). A byte, not its weight: at 100,000 people 6 MB less for a plan.
    neighbours: SparseRows<u8>,
}

/// The warmest bounded introduction paths from one advocate, on one set of predictions.
#[derive(Debug, Clone)]
pub(crate) struct Introductions {
    source: usize,
    /// −ln of the warmth of the best path with at most 4 ties (only the last
    /// layer is kept: at 100,000 people the others held 3 MB through a plan).
    cost: Vec<f64>,
    /// The person before each one on the best path with at most 1, 2, … 4 ties,
    /// per layer.
    previous: Vec<Vec<u32>>,
}

/// No one before this person on the path.
const NOBODY: u32 = u32::MAX;

impl Ties {
    /// The positive ties among the influence `edges`, both directions.
    pub(crate) fn new(edges: &InfluenceEdges) -> Ties {
        // Listed twice rather than held: at 100,000 people the list was 30 MB.
        // Each positive tie one way, then each the other way: a duplicate's
        // strength is the larger one whatever the order, and each row is sorted.
        let positive = || {
            edges
                .iter()
                .filter(|&(u, v, e)| e.sign() > 0.0 && u != v)
                .map(|(u, v, e)| (u, v, e.strength()))
        };
        let ties = || positive().chain(positive().map(|(u, v, s)| (v, u, s)));
        Ties {
            neighbours: SparseRows::build_with(edges.people(), ties, u8::max),
        }
    }

    /// The people `u` shares a positive tie with, and its weight w = strength / 5.
    pub(crate) fn of(&self, u: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.neighbours.row(u).map(|(v, s)| (v, weight_of(s)))
    }

    /// The warmest paths from `source` when the predicted opinions are `z`.
    pub(crate) fn paths(&self, source: usize, z: &[f64]) -> Introductions {
        let n = self.neighbours.rows();
        let pass = -INTRODUCER_PASS.ln();
        let mut direct = vec![false; n];
        for (v, _) in self.neighbours.row(source) {
            direct[v] = true;
        }
        let mut cost = vec![f64::INFINITY; n];
        let mut previous = vec![vec![NOBODY; n]];
        cost[source] = 0.0;
        let mut frontier = vec![source];
        for _ in 0..=MAX_INTRODUCERS {
            let last = previous.len() - 1;
            let (mut next, mut before) = (cost.clone(), previous[last].clone());
            let mut changed = Vec::new();
            for &u in &frontier {
                if u != source && z[u] < RESISTANT {
                    continue;
                }
                let through = cost[u] + if u == source { 0.0 } else { pass };
                for (v, w) in self.of(u) {
                    // Someone the advocate knows is reached directly, never introduced.
                    if v == source || (u != source && direct[v]) {
                        continue;
                    }
                    let c = through - w.ln();
                    if c < next[v] - 1e-12 {
                        changed.push(v);
                        next[v] = c;
                        before[v] = u as u32;
                    }
                }
            }
            changed.sort_unstable();
            changed.dedup();
            frontier = changed;
            cost = next;
            previous.push(before);
        }
        Introductions {
            source,
            cost,
            previous,
        }
    }
}

impl Introductions {
    /// The people between the advocate and `target`, nearest the advocate first:
    /// `Some(vec![])` for a direct tie, `None` when no warm path exists.
    pub(crate) fn introducers(&self, target: usize) -> Option<Vec<usize>> {
        let mut layer = self.previous.len() - 1;
        if target == self.source || self.cost[target].is_infinite() {
            return None;
        }
        let mut chain = Vec::new();
        let mut at = self.previous[layer][target] as usize;
        while at != self.source && layer > 1 {
            chain.push(at);
            layer -= 1;
            at = self.previous[layer][at] as usize;
        }
        chain.reverse();
        Some(chain)
    }

    /// The warmth of the way to `target`: the direct tie's strength, or
    /// ρ^(introducers)·Π w along the warmest path; `None` when there is no warm path.
    pub(crate) fn warmth(&self, target: usize) -> Option<f64> {
        let c = self.cost[target];
        (target != self.source && c.is_finite()).then(|| (-c).exp())
    }

    /// The reach probability r: the warmth, but never below a cold approach's
    /// [`COLD_REACH`].
    pub(crate) fn reach(&self, target: usize) -> f64 {
        self.warmth(target)
            .map_or(COLD_REACH, |w| w.max(COLD_REACH))
    }

    /// For someone with no warm path: the person who could best help, among those
    /// with a positive tie to them — someone the advocate reaches (the warmest),
    /// else someone not resisting, else the strongest tie; ties by name.
    pub(crate) fn nearest_helper(&self, ties: &Ties, target: usize, z: &[f64]) -> Option<usize> {
        ties.of(target)
            .filter(|&(j, _)| j != self.source)
            .max_by(|&(a, wa), &(b, wb)| {
                let reached = |j: usize| self.warmth(j).unwrap_or(0.0);
                reached(a)
                    .total_cmp(&reached(b))
                    .then((z[a] >= RESISTANT).cmp(&(z[b] >= RESISTANT)))
                    .then(wa.total_cmp(&wb))
                    .then(b.cmp(&a))
            })
            .map(|(j, _)| j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::InfluenceModel;
    use crate::analysis::testing::{advocate, map, person};
    use crate::model::RelationKind::*;

    fn paths(m: &crate::model::MapSnapshot) -> (InfluenceModel, Vec<f64>, Introductions) {
        let (model, edges) = InfluenceModel::with_edges(m);
        let z = model.equilibrium();
        let intro = Ties::new(&edges).paths(0, &z);
        (model, z, intro)
    }

    #[test]
    fn the_warmest_path_avoids_resistant_people_and_conflict() {
        // Ana → Bob → Dee is warm (0.8·0.5·1.0) but Bob resists; Ana → Cy → Eve → Dee
        // is colder (0.6·0.5·0.6·0.5·0.6) but open. Ana's conflict with Dee is no
        // introduction.
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
        let (model, z, intro) = paths(&m);
        let at = |name| model.index_of(name).unwrap();
        assert!(z[at("Bob")] < RESISTANT);
        assert_eq!(
            intro.introducers(at("Dee")),
            Some(vec![at("Cy"), at("Eve")])
        );
        let warmth = 0.25 * 0.6 * 0.6 * 0.6;
        assert!((intro.warmth(at("Dee")).unwrap() - warmth).abs() < 1e-12);
        assert_eq!(intro.introducers(at("Bob")), Some(vec![]));
        assert_eq!(intro.warmth(at("Bob")), Some(0.8));
        assert_eq!(intro.introducers(at("Ana")), None);
        assert!(
            (intro.reach(at("Dee")) - COLD_REACH).abs() < 1e-12,
            "colder than cold"
        );
    }

    #[test]
    fn a_direct_tie_wins_over_any_chain() {
        // Ana knows Dee by a strength-1 tie; a strength-5 chain through Cy is warmer
        // (0.5 against 0.2), but you do not ask to be introduced to someone you know.
        // Eve, reached through Dee, goes through Ana's own tie to Dee.
        let m = map(
            &[
                advocate("Ana"),
                person("Cy", 1, 3, 3),
                person("Dee", 0, 3, 3),
                person("Eve", 0, 3, 3),
            ],
            &[
                ("Ana", "Cy", Allied, 5),
                ("Cy", "Dee", Allied, 5),
                ("Ana", "Dee", Allied, 1),
                ("Dee", "Eve", Allied, 5),
            ],
        );
        let (_, _, intro) = paths(&m);
        assert_eq!(intro.introducers(2), Some(vec![]));
        assert_eq!(intro.warmth(2), Some(0.2));
        assert_eq!(intro.introducers(3), Some(vec![2]));
        assert!((intro.warmth(3).unwrap() - 0.2 * 0.5 * 1.0).abs() < 1e-12);
        // A direct tie of the same strength as every tie of a chain always wins.
        for strength in 1..=5 {
            let m = map(
                &[
                    advocate("Ana"),
                    person("Cy", 1, 3, 3),
                    person("Dee", 0, 3, 3),
                ],
                &[
                    ("Ana", "Cy", Allied, strength),
                    ("Cy", "Dee", Allied, strength),
                    ("Ana", "Dee", Allied, strength),
                ],
            );
            let (_, _, intro) = paths(&m);
            assert_eq!(intro.introducers(2), Some(vec![]), "strength {strength}");
        }
    }

    #[test]
    fn paths_never_take_more_than_three_introducers() {
        // A line Ana – P1 – P2 – … – P6: P4 is the last one warmly reachable.
        let mut people = vec![advocate("Ana")];
        let names: Vec<String> = (1..=6).map(|k| format!("P{k}")).collect();
        people.extend(names.iter().map(|n| person(n, 1, 3, 3)));
        let mut ties = vec![("Ana", "P1", Allied, 5)];
        for k in 0..5 {
            ties.push((names[k].as_str(), names[k + 1].as_str(), Allied, 5));
        }
        let m = map(&people, &ties);
        let (model, z, intro) = paths(&m);
        let at = |name: &str| model.index_of(name).unwrap();
        assert_eq!(intro.introducers(at("P4")).unwrap().len(), 3);
        assert!((intro.warmth(at("P4")).unwrap() - 0.125).abs() < 1e-12);
        assert_eq!(intro.introducers(at("P5")), None);
        assert_eq!(intro.reach(at("P5")), COLD_REACH);
        // The nearest who could help with P5 is P4, whom the advocate does reach.
        let ties = Ties::new(&InfluenceModel::with_edges(&m).1);
        assert_eq!(intro.nearest_helper(&ties, at("P5"), &z), Some(at("P4")));
        // On org-like maps, every path has at most three introducers and its
        // warmth is ρ^(introducers) · Π w.
        for seed in 0..10 {
            let m = crate::synthetic::org_map(300, seed);
            let (model, edges) = InfluenceModel::with_edges(&m);
            let z = model.equilibrium();
            let ties = Ties::new(&edges);
            let source = (0..model.len()).find(|&i| model.advocates()[i]).unwrap();
            let intro = ties.paths(source, &z);
            for t in 0..model.len() {
                let Some(chain) = intro.introducers(t) else {
                    continue;
                };
                assert!(chain.len() <= MAX_INTRODUCERS, "seed {seed}: {chain:?}");
                let mut hops = vec![source];
                hops.extend(&chain);
                hops.push(t);
                let mut warmth = INTRODUCER_PASS.powi(chain.len() as i32);
                for pair in hops.windows(2) {
                    let w = ties.of(pair[0]).find(|&(v, _)| v == pair[1]).unwrap().1;
                    warmth *= w;
                }
                assert!((intro.warmth(t).unwrap() - warmth).abs() < 1e-12);
                assert!(chain.iter().all(|&c| z[c] >= RESISTANT));
            }
        }
    }

    #[test]
    fn nobody_introduces_an_isolated_person() {
        let m = map(&[advocate("Ana"), person("Bob", 0, 3, 3)], &[]);
        let (_, z, intro) = paths(&m);
        assert_eq!(intro.introducers(1), None);
        assert_eq!(intro.warmth(1), None);
        let ties = Ties::new(&InfluenceModel::with_edges(&m).1);
        assert_eq!(intro.nearest_helper(&ties, 1, &z), None);
    }
}
