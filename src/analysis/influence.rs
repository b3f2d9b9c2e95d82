//! The influence network of a map, read the way the model of DESIGN §4 reads it.
//!
//! People are numbered in name order (case-insensitive), so every tie in the
//! analysis is broken by name simply by comparing indices. The influence edges
//! (one per influence edge, parallel edges kept; [`InfluenceEdges`]) are read once,
//! into the flat sparse rows the numeric solves use, and not kept.

use super::edges::InfluenceEdges;
use super::equilibrium::SweepRows;
use super::people::PersonIndex;
use crate::error::{Error, Result};
use crate::model::{Confidence, MapSnapshot, StakeholderId, text::name_key};

/// The most of anyone's expressed view that can come from others:
/// 1 − λ_v = 0.8 · S_v / (S_v + 1), where S_v is the influence reaching v.
pub const PEER_PULL: f64 = 0.8;

/// Peer weight 1 − λ of someone reached by influence of total weight `reaching`
/// (Σ w over the edges into them): 0 when nobody influences them.
pub fn peer_weight(reaching: f64) -> f64 {
    PEER_PULL * reaching / (reaching + 1.0)
}

/// A sparse matrix stored by rows (CSR): row `r` holds `(column, value)` pairs,
/// the values f64s unless said otherwise.
#[derive(Debug, Clone)]
pub(crate) struct SparseRows<V = f64> {
    start: Vec<usize>,
    col: Vec<u32>,
    val: Vec<V>,
}

impl SparseRows {
    /// Builds `rows` rows from `(row, column, value)` triples; duplicates are added.
    pub(crate) fn from_triples(rows: usize, triples: Vec<(usize, usize, f64)>) -> SparseRows {
        SparseRows::build(rows, triples, |a, b| a + b)
    }

    /// Builds `rows` rows from `(row, column, value)` triples, combining the values of
    /// duplicates with `merge` ([`SparseRows::build_with`] over the triples).
    pub(crate) fn build(
        rows: usize,
        triples: Vec<(usize, usize, f64)>,
        merge: impl Fn(f64, f64) -> f64,
    ) -> SparseRows {
        SparseRows::build_with(rows, || triples.iter().copied(), merge)
    }

    /// The transpose: row `c` of the result lists `(r, value)` for each entry of column `c`.
    pub(crate) fn transpose(&self) -> SparseRows {
        let triples = || (0..self.rows()).flat_map(|r| self.row(r).map(move |(c, v)| (c, r, v)));
        SparseRows::build_with(self.rows(), triples, |a, b| a + b)
    }
}

impl<V: Copy + Default> SparseRows<V> {
    /// Builds `rows` rows from the `(row, column, value)` triples `entries()` lists
    /// (called twice, listing the same triples in the same order each time),
    /// combining the values of duplicates with `merge` in the order listed.
    ///
    /// A counting sort by row straight into the result's arrays, then each (short)
    /// row sorted by column and its duplicates merged in place: no list of triples
    /// is held, so a big graph's rows take 12 bytes an entry to build (they took
    /// 40, triples and a sorted copy, before).
    pub(crate) fn build_with<I: Iterator<Item = (usize, usize, V)>>(
        rows: usize,
        entries: impl Fn() -> I,
        merge: impl Fn(V, V) -> V,
    ) -> SparseRows<V> {
        let mut start = vec![0; rows + 1];
        // `for_each`, not `for`: chained and filtered lists then run as plain loops.
        entries().for_each(|(r, _, _)| start[r + 1] += 1);
        for r in 0..rows {
            start[r + 1] += start[r];
        }
        let mut next = start.clone();
        let mut col = vec![0_u32; start[rows]];
        let mut val = vec![V::default(); start[rows]];
        entries().for_each(|(r, c, v)| {
            col[next[r]] = c as u32;
            val[next[r]] = v;
            next[r] += 1;
        });
        drop(next);
        let mut row: Vec<(u32, V)> = Vec::new();
        let mut kept = 0;
        for r in 0..rows {
            row.clear();
            row.extend(
                col[start[r]..start[r + 1]]
                    .iter()
                    .copied()
                    .zip(val[start[r]..start[r + 1]].iter().copied()),
            );
            row.sort_unstable_by_key(|&(c, _)| c);
            start[r] = kept;
            let first = kept;
            for &(c, v) in &row {
                if kept > first && col[kept - 1] == c {
                    val[kept - 1] = merge(val[kept - 1], v);
                } else {
                    col[kept] = c;
                    val[kept] = v;
                    kept += 1;
                }
            }
        }
        start[rows] = kept;
        col.truncate(kept);
        val.truncate(kept);
        col.shrink_to_fit();
        val.shrink_to_fit();
        SparseRows { start, col, val }
    }

    /// The number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.start.len() - 1
    }

    /// The stored `(column, value)` pairs of row `r`, by column.
    pub(crate) fn row(&self, r: usize) -> impl Iterator<Item = (usize, V)> + '_ {
        let span = self.start[r]..self.start[r + 1];
        self.col[span.clone()]
            .iter()
            .zip(&self.val[span])
            .map(|(&c, &v)| (c as usize, v))
    }

    /// The columns of row `r`, without their values.
    pub(crate) fn columns(&self, r: usize) -> &[u32] {
        &self.col[self.start[r]..self.start[r + 1]]
    }
}

/// The influence model (v2) of one map: opinions, stubbornness, power and who sways whom.
///
/// Built once from a [`MapSnapshot`]; every analysis (equilibrium, gains, plan,
/// what-if, metrics) reads it. Person `i` is the `i`-th stakeholder in name order.
#[derive(Debug, Clone)]
pub struct InfluenceModel {
    /// Who person `i` is.
    pub(super) ids: Vec<StakeholderId>,
    /// The index of each person.
    position: PersonIndex,
    /// Names, for the reasons' sentences, in the order of their name keys (lower
    /// case), which are unique.
    pub(super) names: Vec<String>,
    pub(super) opinion: Vec<f64>,
    /// Targets t = target stance / 2.
    pub(super) target: Vec<f64>,
    pub(super) openness: Vec<f64>,
    pub(super) stubbornness: Vec<f64>,
    pub(super) power: Vec<f64>,
    pub(super) power_share: Vec<f64>,
    pub(super) effort: Vec<u32>,
    /// The chance that each person's stance or openness is one level off, from the
    /// rater's confidence: low 0.5, medium 0.3, high 0.1.
    pub(super) doubt: Vec<f64>,
    pub(super) advocate: Vec<bool>,
    /// M = (I − Λ)·W by rows: row v lists (u, (1 − λ_v)·W[v][u]), the pull of u on v.
    pub(super) pull: SweepRows,
}

impl InfluenceModel {
    /// Reads the model from a map. Relations whose ends are not in the snapshot are ignored.
    pub fn new(map: &MapSnapshot) -> InfluenceModel {
        InfluenceModel::with_edges(map).0
    }

    /// Reads the model from a map, as [`InfluenceModel::new`] does, and gives its
    /// influence edges too, for a caller that reads them (the planner's
    /// introduction ties, the graph metrics) and then lets them go.
    pub fn with_edges(map: &MapSnapshot) -> (InfluenceModel, InfluenceEdges) {
        let mut order: Vec<usize> = (0..map.stakeholders.len()).collect();
        let keys: Vec<String> = map.stakeholders.iter().map(|s| name_key(&s.name)).collect();
        if !keys.is_sorted() {
            order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        }
        drop(keys);
        let people: Vec<_> = order.iter().map(|&i| &map.stakeholders[i]).collect();
        let n = people.len();
        let ids: Vec<StakeholderId> = people.iter().map(|s| s.id).collect();
        let index = PersonIndex::new(&ids);
        let edges = InfluenceEdges::of(map, &index, n);

        let openness: Vec<f64> = people
            .iter()
            .map(|s| f64::from(s.openness.value() - 1) / 4.0)
            .collect();
        let mut incoming_total = vec![0.0; n];
        for (_, v, e) in edges.iter() {
            incoming_total[v] += e.weight();
        }
        // Model v2: the peer weight grows with the influence reaching a person;
        // advocates hold their rated stance.
        let stubbornness: Vec<f64> = (0..n)
            .map(|i| {
                if people[i].advocate {
                    1.0
                } else {
                    1.0 - peer_weight(incoming_total[i])
                }
            })
            .collect();
        let triples = || {
            edges
                .iter()
                .filter(|&(_, v, _)| stubbornness[v] < 1.0)
                .map(|(u, v, e)| {
                    let pull = (1.0 - stubbornness[v]) * e.signed() / incoming_total[v];
                    (v, u, pull)
                })
        };
        let pull = SweepRows::new(&SparseRows::build_with(n, triples, |a, b| a + b));

        let power: Vec<f64> = people.iter().map(|s| f64::from(s.power.value())).collect();
        let total_power: f64 = power.iter().sum();
        let model = InfluenceModel {
            ids,
            position: index,
            names: people.iter().map(|s| s.name.clone()).collect(),
            opinion: people.iter().map(|s| s.stance.opinion()).collect(),
            target: people.iter().map(|s| s.target.opinion()).collect(),
            openness,
            stubbornness,
            power_share: power.iter().map(|p| p / total_power).collect(),
            power,
            effort: people.iter().map(|s| u32::from(s.effort.value())).collect(),
            doubt: people
                .iter()
                .map(|s| match s.confidence {
                    Confidence::Low => 0.5,
                    Confidence::Medium => 0.3,
                    Confidence::High => 0.1,
                })
                .collect(),
            advocate: people.iter().map(|s| s.advocate).collect(),
            pull,
        };
        (model, edges)
    }

    /// The number of people.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True for a map with nobody in it.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names, in the model's (name) order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of the person with this name (case-insensitive).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        // The names are in the order of their keys, and the keys are unique.
        let key = name_key(name);
        self.names.binary_search_by(|n| name_key(n).cmp(&key)).ok()
    }

    /// The ids, in the model's (name) order: person `i` is `ids()[i]`.
    pub fn ids(&self) -> &[StakeholderId] {
        &self.ids
    }

    /// The index of the person with this id, or an error; `role` says what they
    /// were given as (e.g. "the advocate").
    pub(crate) fn lookup(&self, id: StakeholderId, role: &str) -> Result<usize> {
        self.position.get(id).ok_or_else(|| {
            Error::NotFound(format!(
                "no stakeholder has id {} ({role}) in this map; they may have been removed",
                id.0
            ))
        })
    }

    /// Internal opinions s = stance / 2 ∈ [−1, 1].
    pub fn opinions(&self) -> &[f64] {
        &self.opinion
    }

    /// Openness o = (openness − 1) / 4 ∈ [0, 1].
    pub fn openness(&self) -> &[f64] {
        &self.openness
    }

    /// Targets t = target stance / 2 ∈ [−1, 1].
    pub fn targets(&self) -> &[f64] {
        &self.target
    }

    /// Stubbornness λ: 1 − 0.8·S/(S + 1) for the influence S reaching a person,
    /// 1 for an advocate or someone nobody influences.
    pub fn stubbornness(&self) -> &[f64] {
        &self.stubbornness
    }

    /// Power p, 1..5.
    pub fn power(&self) -> &[f64] {
        &self.power
    }

    /// Power shares π = p / Σp: the weights of the support score.
    pub fn power_shares(&self) -> &[f64] {
        &self.power_share
    }

    /// Effort of a conversation, 1..5.
    pub fn efforts(&self) -> &[u32] {
        &self.effort
    }

    /// Whether each person is an advocate.
    pub fn advocates(&self) -> &[bool] {
        &self.advocate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{map, person};
    use crate::model::RelationKind::*;

    #[test]
    fn sparse_rows_add_duplicates_and_transpose() {
        let m = SparseRows::from_triples(3, vec![(2, 0, 1.0), (0, 1, 2.0), (2, 0, 0.5)]);
        assert_eq!(m.row(2).collect::<Vec<_>>(), vec![(0, 1.5)]);
        assert_eq!(m.row(1).count(), 0);
        let t = m.transpose();
        assert_eq!(t.row(0).collect::<Vec<_>>(), vec![(2, 1.5)]);
        assert_eq!(t.row(1).collect::<Vec<_>>(), vec![(0, 2.0)]);
    }

    #[test]
    fn weights_normalise_over_all_edges_into_a_person() {
        // Ana reports to Bob (Bob → Ana, w 1.0); Cy is in conflict with Ana (w 0.6).
        let m = map(
            &[
                person("Cy", 0, 3, 1),
                person("ana", 0, 5, 1),
                person("Bob", 0, 3, 1),
            ],
            &[("ana", "Bob", ReportsTo, 5), ("Cy", "ana", Conflict, 3)],
        );
        let (model, edges) = InfluenceModel::with_edges(&m);
        assert_eq!(model.names(), ["ana", "Bob", "Cy"]);
        let ana = model.index_of("ANA").unwrap();
        // S = 1.0 + 0.6 reaches Ana: 1 − λ = 0.8·1.6/2.6.
        let peer = 0.8 * 1.6 / 2.6;
        assert!((model.stubbornness()[ana] - (1.0 - peer)).abs() < 1e-15);
        // Row of M = (1 − λ)·W: Bob pulls peer·1.0/1.6, Cy pushes back peer·0.6/1.6.
        let row = model.pull.row(ana);
        assert_eq!(row.len(), 2);
        assert!((row[0].1 - peer / 1.6).abs() < 1e-15, "{row:?}");
        assert!((row[1].1 + peer * 0.6 / 1.6).abs() < 1e-15, "{row:?}");
        // Nobody influences Bob, so he keeps his own opinion: λ = 1.
        let bob = model.index_of("bob").unwrap();
        assert_eq!(model.stubbornness()[bob], 1.0);
        assert_eq!(edges.len(), 3);
        assert_eq!(edges.people(), 3);
    }
}
