//! Graph metrics shown beside the plan: PageRank, betweenness, influence in/out and
//! groups of mutually-influencing people.
//!
//! - **PageRank** runs on who *listens to* whom: each influence edge u → v is read
//!   as v → u with weight w (|w| for conflict ties, which carry attention too), so
//!   a high score means being listened to by people who are themselves listened to.
//! - **Betweenness** is over the influence edges, directed and unweighted (reversing
//!   every edge would give the same numbers).
//! - **Influence in/out** add up |w| of the influence edges into and out of a person.
//! - **Groups** are the strongly connected components of the influence graph with
//!   two or more people: everyone in a group influences everyone else in it,
//!   directly or through others. They are numbered 1, 2, … in the order of each
//!   group's first name; people in no such group have no group number (null).

use super::betweenness::{Sample, betweenness_of};
use super::components::Components;
use super::influence::{InfluenceModel, SparseRows};
use super::pagerank::weighted_pagerank;
use crate::model::{MapSnapshot, StakeholderId};

/// The metrics of everyone in the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricsReport {
    /// Everyone, in name order.
    pub people: Vec<PersonMetrics>,
    /// `None` when betweenness is exact, else how it was sampled and its error bound.
    pub betweenness_sample: Option<Sample>,
    /// How many groups of mutually-influencing people there are.
    pub groups: usize,
}

/// The metrics of one person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMetrics {
    /// Who.
    pub id: StakeholderId,
    /// Weighted PageRank on who listens to whom; all scores add up to 1.
    pub pagerank: f64,
    /// Normalised betweenness, 0..1: how often they sit on shortest influence paths.
    pub betweenness: f64,
    /// Total |w| of the influence reaching them.
    pub influence_in: f64,
    /// Total |w| of the influence they exert.
    pub influence_out: f64,
    /// Their group of mutually-influencing people, if any.
    pub group: Option<usize>,
}

/// Computes every metric of the map.
pub fn metrics(map: &MapSnapshot) -> MetricsReport {
    let (model, edges) = InfluenceModel::with_edges(map);
    let n = model.len();
    let pagerank = weighted_pagerank(n, edges.iter().map(|(u, v, e)| (v, u, e.weight())));
    let mut influence_in = vec![0.0; n];
    let mut influence_out = vec![0.0; n];
    let mut links = Vec::with_capacity(edges.len());
    for (u, v, e) in edges.iter() {
        influence_in[v] += e.weight();
        influence_out[u] += e.weight();
        if u != v {
            links.push((u, v, 1.0));
        }
    }
    drop(edges);
    let out = SparseRows::from_triples(n, links);
    let components = Components::of(&out);
    let betweenness = betweenness_of(&out, &components);

    // Groups are numbered by their first member (in name order).
    let members = components.members();
    let mut groups: Vec<&[usize]> = members.iter().filter(|c| c.len() > 1).collect();
    groups.sort_unstable_by_key(|c| c[0]);
    let mut group = vec![None; n];
    for (number, members) in groups.iter().enumerate() {
        for &v in *members {
            group[v] = Some(number + 1);
        }
    }

    MetricsReport {
        people: (0..n)
            .map(|i| PersonMetrics {
                id: model.ids()[i],
                pagerank: pagerank[i],
                betweenness: betweenness.values[i],
                influence_in: influence_in[i],
                influence_out: influence_out[i],
                group: group[i],
            })
            .collect(),
        betweenness_sample: betweenness.sample,
        groups: groups.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{id, map, person};
    use crate::model::RelationKind::*;

    #[test]
    fn the_person_everyone_listens_to_ranks_first_and_groups_are_numbered_by_name() {
        let m = map(
            &[
                person("Boss", 0, 3, 5),
                person("Cat", 0, 3, 3),
                person("Dan", 0, 3, 3),
                person("Eli", 0, 3, 3),
                person("Fox", 0, 3, 3),
            ],
            &[
                ("Cat", "Boss", ReportsTo, 5),
                ("Dan", "Boss", ReportsTo, 5),
                ("Eli", "Boss", ReportsTo, 5),
                ("Eli", "Fox", Conflict, 2),
                ("Cat", "Dan", Allied, 3),
            ],
        );
        let r = metrics(&m);
        let top = r
            .people
            .iter()
            .max_by(|a, b| a.pagerank.total_cmp(&b.pagerank))
            .unwrap();
        assert_eq!(top.id, id(&m, "Boss"));
        let total: f64 = r.people.iter().map(|p| p.pagerank).sum();
        assert!((total - 1.0).abs() < 1e-12);
        let groups: Vec<Option<usize>> = r.people.iter().map(|p| p.group).collect();
        assert_eq!(groups, [None, Some(1), Some(1), Some(2), Some(2)]);
        assert_eq!(r.groups, 2);
        let boss = &r.people[0];
        assert_eq!((boss.influence_in, boss.influence_out), (0.0, 3.0));
        assert_eq!(r.people[3].influence_in, 1.0 + 0.4);
        assert_eq!(r.betweenness_sample, None);
    }

    #[test]
    fn a_long_ring_of_influence_is_one_group_without_deep_recursion() {
        // 2,000 people, each influencing the next and the last the first: one
        // group. Found on a thread with a small stack, as the app's workers are.
        // (components.rs checks rings of 200,000 on a smaller stack still. Each
        // sampled shortest path here walks around the ring, so the 20,000 this test
        // had took minutes of a debug build's sampled betweenness.)
        let names: Vec<String> = (0..2_000).map(|i| format!("P{i}")).collect();
        let people: Vec<_> = names.iter().map(|n| person(n, 0, 3, 3)).collect();
        let ties: Vec<_> = (0..names.len())
            .map(|i| {
                let next = &names[(i + 1) % names.len()];
                (names[i].as_str(), next.as_str(), Influences, 3)
            })
            .collect();
        let m = map(&people, &ties);
        let groups = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || metrics(&m).groups)
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(groups, 1);
    }
}
