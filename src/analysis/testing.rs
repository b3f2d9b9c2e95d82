//! Small maps and a dense reference solver for the analysis unit tests.

use chrono::DateTime;

use crate::model::{
    Level, MapInfo, MapSnapshot, Relation, RelationId, RelationKind, Stakeholder, StakeholderId,
    Stance,
};

/// A stakeholder with a stance level, openness and power; effort 1, not an advocate.
pub(crate) fn person(name: &str, stance: i64, openness: i64, power: i64) -> Stakeholder {
    let mut s = Stakeholder::new(name).unwrap();
    s.stance = Stance::new(stance).unwrap();
    s.openness = Level::new(openness, "openness").unwrap();
    s.power = Level::new(power, "power").unwrap();
    s
}

/// The same person, marked as an advocate.
pub(crate) fn advocate(name: &str) -> Stakeholder {
    let mut s = person(name, 2, 3, 3);
    s.advocate = true;
    s
}

/// A map of these people and `(from, to, kind, strength)` relations between them.
pub(crate) fn map(people: &[Stakeholder], ties: &[(&str, &str, RelationKind, i64)]) -> MapSnapshot {
    let stakeholders: Vec<Stakeholder> = people
        .iter()
        .enumerate()
        .map(|(i, s)| Stakeholder {
            id: StakeholderId(i as i64 + 1),
            ..s.clone()
        })
        .collect();
    let id = |name: &str| {
        stakeholders
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no {name} in the test map"))
            .id
    };
    let relations = ties
        .iter()
        .enumerate()
        .map(|(i, &(from, to, kind, strength))| Relation {
            id: RelationId(i as i64 + 1),
            from: id(from),
            to: id(to),
            kind,
            strength: Level::new(strength, "strength").unwrap(),
            note: String::new(),
        })
        .collect();
    let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    MapSnapshot {
        info: MapInfo {
            name: "test".into(),
            change: String::new(),
            description: String::new(),
            created: at,
            updated: at,
        },
        stakeholders,
        relations,
        engagements: Vec::new(),
        stance_history: Vec::new(),
    }
}

/// z from (I − (I − Λ)W) z = Λ s by dense Gaussian elimination, in the model's
/// (name) order, with W and Λ rebuilt from the relations independently of the model.
pub(crate) fn dense_equilibrium(m: &MapSnapshot) -> Vec<f64> {
    let mut people: Vec<&Stakeholder> = m.stakeholders.iter().collect();
    people.sort_by_key(|s| s.name.to_lowercase());
    let n = people.len();
    let at = |id: StakeholderId| people.iter().position(|s| s.id == id).unwrap();
    let mut signed = vec![vec![0.0; n]; n];
    let mut total = vec![0.0; n];
    for r in &m.relations {
        for (u, v, sign) in r.kind.influence_edges(at(r.from), at(r.to)) {
            let w = f64::from(r.strength.value()) / 5.0;
            signed[v][u] += sign * w;
            total[v] += w;
        }
    }
    let mut a = vec![vec![0.0; n + 1]; n];
    for v in 0..n {
        let o = f64::from(people[v].openness.value() - 1) / 4.0;
        let lambda = if total[v] > 0.0 { 1.0 - 0.8 * o } else { 1.0 };
        for u in 0..n {
            let w = if total[v] > 0.0 {
                signed[v][u] / total[v]
            } else {
                0.0
            };
            a[v][u] = f64::from(u8::from(u == v)) - (1.0 - lambda) * w;
        }
        a[v][n] = lambda * people[v].stance.opinion();
    }
    gaussian_elimination(a)
}

/// Solves the augmented system `a` (n rows of n + 1) with partial pivoting.
pub(crate) fn gaussian_elimination(mut a: Vec<Vec<f64>>) -> Vec<f64> {
    let n = a.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))
            .unwrap();
        a.swap(col, pivot);
        let pivot_row = a[col].clone();
        for row in a.iter_mut().skip(col + 1) {
            let f = row[col] / pivot_row[col];
            for (x, p) in row.iter_mut().zip(&pivot_row).skip(col) {
                *x -= f * p;
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let rest: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (a[row][n] - rest) / a[row][row];
    }
    x
}
