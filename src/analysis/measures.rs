//! The three measures of where a change stands, in words people use: the support
//! score, the coalition of supporters and commitment (DESIGN §4).

use super::equilibrium::{SUPPORTIVE, band};
use super::influence::InfluenceModel;

/// Where the change stands for one set of predicted opinions z.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// F = Σ π_j z_j, −1..1.
    pub support: f64,
    /// How many people are predicted Supportive or better (z ≥ 0.25).
    pub supporters: usize,
    /// How many people there are in all.
    pub people: usize,
    /// The power share of the supporters, 0..1.
    pub supporter_power: f64,
    /// The power share of the people whose predicted band reaches their target, 0..1.
    pub committed_power: f64,
}

impl Measures {
    /// The measures of the predicted opinions `z` of `model`'s people.
    pub fn of(model: &InfluenceModel, z: &[f64]) -> Measures {
        let share = model.power_shares();
        let mut measures = Measures {
            support: model.support(z),
            supporters: 0,
            people: model.len(),
            supporter_power: 0.0,
            committed_power: 0.0,
        };
        for (i, &z) in z.iter().enumerate() {
            if z >= SUPPORTIVE {
                measures.supporters += 1;
                measures.supporter_power += share[i];
            }
            if band(z).opinion() >= model.targets()[i] {
                measures.committed_power += share[i];
            }
        }
        measures
    }

    /// The support score on −100..+100: round(100·F).
    pub fn score(&self) -> i64 {
        support_score(self.support)
    }

    /// "Support score 3; supporters 12 of 34, holding 41% of the power; 20% of the
    /// power at target".
    pub fn describe(&self) -> String {
        format!(
            "Support score {}; supporters {} of {}, holding {} of the power; {} of the power at target",
            self.score(),
            self.supporters,
            self.people,
            whole_percent(self.supporter_power),
            whole_percent(self.committed_power)
        )
    }

    /// "Support score 3 → 12; supporters 12 of 34, holding 41% of the power → 14 of
    /// 34, holding 48%; power at target 20% → 31%", from `self` to `after`.
    pub fn describe_change(&self, after: &Measures) -> String {
        format!(
            "Support score {} → {}; supporters {} of {}, holding {} of the power → {} of {}, \
             holding {}; power at target {} → {}",
            self.score(),
            after.score(),
            self.supporters,
            self.people,
            whole_percent(self.supporter_power),
            after.supporters,
            after.people,
            whole_percent(after.supporter_power),
            whole_percent(self.committed_power),
            whole_percent(after.committed_power)
        )
    }
}

/// The support score of F on −100..+100: round(100·F).
pub fn support_score(support: f64) -> i64 {
    (100.0 * support).round() as i64
}

/// A change of F in support points (100·ΔF), signed, one decimal, or two significant
/// digits when smaller: "+4.2", "-0.013".
pub fn points(change: f64) -> String {
    let p = 100.0 * change;
    let magnitude = p.abs();
    let decimals = if magnitude >= 0.1 || magnitude == 0.0 {
        1
    } else {
        (1 - magnitude.log10().floor() as i32).clamp(1, 9) as usize
    };
    format!("{p:+.decimals$}")
}

/// A share 0..1 as a whole percentage, "41%".
fn whole_percent(share: f64) -> String {
    format!("{:.0}%", 100.0 * share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{map, person};
    use crate::model::Stance;

    #[test]
    fn the_measures_count_supporters_and_commitment_by_power() {
        let mut ana = person("Ana", 2, 3, 5);
        ana.target = Stance::new(2).unwrap();
        let mut bob = person("Bob", 1, 3, 3);
        bob.target = Stance::new(2).unwrap();
        let cy = person("Cy", -1, 3, 2);
        let m = map(&[ana, bob, cy], &[]);
        let model = InfluenceModel::new(&m);
        let z = model.equilibrium();
        let before = Measures::of(&model, &z);
        // Nobody influences anyone: z = s = (1, 0.5, −0.5); powers 5, 3, 2, so
        // F = (5 + 1.5 − 1) / 10.
        assert_eq!(before.score(), 55);
        assert_eq!((before.supporters, before.people), (2, 3));
        assert!((before.supporter_power - 0.8).abs() < 1e-12);
        // Ana reaches her target; Bob does not; Cy's target is Neutral: not reached.
        assert!((before.committed_power - 0.5).abs() < 1e-12);
        assert_eq!(
            before.describe(),
            "Support score 55; supporters 2 of 3, holding 80% of the power; 50% of the power at target"
        );
        let after = Measures::of(&model, &[1.0, 1.0, 0.0]);
        assert_eq!(
            before.describe_change(&after),
            "Support score 55 → 80; supporters 2 of 3, holding 80% of the power → 2 of 3, \
             holding 80%; power at target 50% → 100%"
        );
    }

    #[test]
    fn points_are_hundredths_of_support() {
        assert_eq!(points(0.042), "+4.2");
        assert_eq!(points(-0.00013), "-0.013");
        assert_eq!(points(0.0), "+0.0");
        assert_eq!(support_score(0.035), 4);
    }
}
