//! What-if: predicted opinions before and after a set of conversations and stance
//! edits, on a copy of the model; the map itself is never touched.
//!
//! Stance edits are applied first (s = new level / 2), then the conversations in
//! the order given, each moving s by δ = θ·o·(1 − s) from where it stands, so a
//! name given twice means two conversations.

use super::equilibrium::{DEFAULT_THETA, Outlook, check_theta};
use super::influence::InfluenceModel;
use super::measures::Measures;
use crate::cancel::Cancel;
use crate::error::Result;
use crate::model::{MapSnapshot, StakeholderId, Stance};

/// The changes to try.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// People to hold one conversation with each.
    pub talk: Vec<StakeholderId>,
    /// Stances to set before the conversations.
    pub stances: Vec<(StakeholderId, Stance)>,
    /// θ ∈ (0, 1]: how far one conversation moves an open person toward full support.
    pub theta: f64,
}

impl Default for WhatIf {
    fn default() -> WhatIf {
        WhatIf {
            talk: Vec::new(),
            stances: Vec::new(),
            theta: DEFAULT_THETA,
        }
    }
}

/// Everyone's predicted opinion before and after, and the support score.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationReport {
    /// F after the changes.
    pub support: f64,
    /// F before them.
    pub support_before: f64,
    /// The three measures before the changes.
    pub measures_before: Measures,
    /// The three measures after them.
    pub measures: Measures,
    /// Everyone, in name order.
    pub people: Vec<SimulatedPerson>,
}

/// One person in a what-if.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatedPerson {
    /// Who.
    pub id: StakeholderId,
    /// Their internal opinion in the map, s = stance / 2.
    pub stance: f64,
    /// Their internal opinion after the stance edits and conversations.
    pub stance_after: f64,
    /// Predicted expressed opinion z after the changes.
    pub predicted: f64,
    /// Predicted expressed opinion z before them.
    pub predicted_before: f64,
    /// Where `predicted` falls: supportive, neutral or resistant.
    pub outlook: Outlook,
}

/// Predicts what the changes in `what_if` would do. Errors name an unknown person
/// or a θ out of range.
pub fn simulate(map: &MapSnapshot, what_if: &WhatIf) -> Result<SimulationReport> {
    simulate_until(map, what_if, &Cancel::default())
}

/// [`simulate`], stopping with [`crate::Error::Cancelled`] between its stages
/// (the model, the equilibrium before, the one after) once `cancel` is set.
pub fn simulate_until(
    map: &MapSnapshot,
    what_if: &WhatIf,
    cancel: &Cancel,
) -> Result<SimulationReport> {
    check_theta(what_if.theta)?;
    cancel.check()?;
    let model = InfluenceModel::new(map);
    cancel.check()?;
    let mut opinions = model.opinion.clone();
    for &(id, stance) in &what_if.stances {
        opinions[model.lookup(id, "in the stance changes")?] = stance.opinion();
    }
    for &id in &what_if.talk {
        let i = model.lookup(id, "to talk to")?;
        opinions[i] += model.conversation_shift(i, what_if.theta, opinions[i]);
    }
    let before = model.equilibrium();
    cancel.check()?;
    let after = model.equilibrium_with(&opinions);
    cancel.check()?;
    let people = (0..model.len())
        .map(|i| SimulatedPerson {
            id: model.ids[i],
            stance: model.opinion[i],
            stance_after: opinions[i],
            predicted: after[i],
            predicted_before: before[i],
            outlook: Outlook::of(after[i]),
        })
        .collect();
    Ok(SimulationReport {
        support: model.support(&after),
        support_before: model.support(&before),
        measures_before: Measures::of(&model, &before),
        measures: Measures::of(&model, &after),
        people,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{id, map, person};
    use crate::model::RelationKind::*;

    fn pair() -> MapSnapshot {
        map(
            &[person("Ana", 0, 5, 3), person("Bob", -2, 3, 3)],
            &[("Ana", "Bob", Influences, 5)],
        )
    }

    #[test]
    fn a_conversation_moves_the_person_and_those_who_listen() {
        let m = pair();
        let report = simulate(
            &m,
            &WhatIf {
                talk: vec![id(&m, "ana")],
                ..WhatIf::default()
            },
        )
        .unwrap();
        let ana = &report.people[0];
        assert_eq!(ana.stance, 0.0);
        assert_eq!(ana.stance_after, 0.5);
        // Nobody sways Ana, so z = s; Bob: z = 0.6·(−1) + 0.4·z_Ana.
        assert!((ana.predicted - 0.5).abs() < 1e-12);
        let bob = &report.people[1];
        assert!((bob.predicted_before + 0.6).abs() < 1e-9);
        assert!((bob.predicted - (-0.6 + 0.2)).abs() < 1e-9);
        assert_eq!(bob.outlook, Outlook::Resistant);
        assert!((report.support - report.support_before - 0.35).abs() < 1e-9);
        assert!((report.support_before + 0.3).abs() < 1e-9);
    }

    #[test]
    fn stance_edits_come_before_conversations_and_repeat_talks_add_up() {
        let m = pair();
        let bob = id(&m, "Bob");
        let what_if = WhatIf {
            talk: vec![bob, bob],
            stances: vec![(bob, Stance::new(0).unwrap())],
            theta: 1.0,
        };
        let report = simulate(&m, &what_if).unwrap();
        // θ·o = 0.5, so s: 0 → 0 + 0.5·(1 − 0) = 0.5 → 0.5 + 0.5·(1 − 0.5) = 0.75.
        assert_eq!(report.people[1].stance_after, 0.75);
    }

    #[test]
    fn unknown_people_are_named() {
        let e = simulate(
            &pair(),
            &WhatIf {
                talk: vec![StakeholderId(77)],
                ..WhatIf::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.kind().as_str(), "not_found");
        assert!(e.to_string().contains("id 77 (to talk to)"), "{e}");
        let e = simulate(
            &pair(),
            &WhatIf {
                theta: 2.0,
                ..WhatIf::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.kind().as_str(), "invalid");
    }
}
