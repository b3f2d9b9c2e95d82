//! The classic stakeholder classes a person falls into: Mendelow's power/interest
//! quadrants and Mitchell, Agle & Wood's salience classes.

use super::stakeholder::Stakeholder;

/// Power or interest from this level up (on 1..5) counts as "high" on the grid,
/// and power from this level up counts as "power" for salience.
pub const HIGH_FROM: u8 = 4;

/// A Mendelow power/interest quadrant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quadrant {
    /// High power, high interest.
    ManageClosely,
    /// High power, low interest.
    KeepSatisfied,
    /// Low power, high interest.
    KeepInformed,
    /// Low power, low interest.
    Monitor,
}

impl Quadrant {
    /// Every quadrant, high power first.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ManageClosely,
        Quadrant::KeepSatisfied,
        Quadrant::KeepInformed,
        Quadrant::Monitor,
    ];

    /// The quadrant of a person.
    pub fn of(person: &Stakeholder) -> Quadrant {
        Quadrant::at(person.power.value(), person.interest.value())
    }

    /// The quadrant of a place on the grid: power and interest on 1..5.
    pub fn at(power: u8, interest: u8) -> Quadrant {
        match (power >= HIGH_FROM, interest >= HIGH_FROM) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }

    /// A stable key, e.g. `manage_closely`.
    pub fn key(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "manage_closely",
            Quadrant::KeepSatisfied => "keep_satisfied",
            Quadrant::KeepInformed => "keep_informed",
            Quadrant::Monitor => "monitor",
        }
    }

    /// The label, e.g. `Manage closely`.
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "Manage closely",
            Quadrant::KeepSatisfied => "Keep satisfied",
            Quadrant::KeepInformed => "Keep informed",
            Quadrant::Monitor => "Monitor",
        }
    }

    /// What to do with the people in it, in a sentence.
    pub fn advice(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "Key players: involve them and engage them fully.",
            Quadrant::KeepSatisfied => {
                "Powerful but less engaged: meet their needs, do not overload them."
            }
            Quadrant::KeepInformed => {
                "Engaged but less powerful: keep them informed, they can be allies."
            }
            Quadrant::Monitor => "Watch for changes; minimal effort.",
        }
    }
}

/// A Mitchell salience class, from which of power, legitimacy and urgency a person has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Salience {
    /// None of the three attributes.
    None,
    /// Power only.
    Dormant,
    /// Legitimacy only.
    Discretionary,
    /// Urgency only.
    Demanding,
    /// Power and legitimacy.
    Dominant,
    /// Power and urgency.
    Dangerous,
    /// Legitimacy and urgency.
    Dependent,
    /// All three.
    Definitive,
}

impl Salience {
    /// Every class, most salient first: definitive (all three attributes), the
    /// expectant classes (two), the latent ones (one), then "none".
    pub const ALL: [Salience; 8] = [
        Salience::Definitive,
        Salience::Dominant,
        Salience::Dangerous,
        Salience::Dependent,
        Salience::Dormant,
        Salience::Discretionary,
        Salience::Demanding,
        Salience::None,
    ];

    /// The class of a person; power counts from [`HIGH_FROM`].
    pub fn of(person: &Stakeholder) -> Salience {
        let power = person.power.value() >= HIGH_FROM;
        match (power, person.legitimacy, person.urgency) {
            (false, false, false) => Salience::None,
            (true, false, false) => Salience::Dormant,
            (false, true, false) => Salience::Discretionary,
            (false, false, true) => Salience::Demanding,
            (true, true, false) => Salience::Dominant,
            (true, false, true) => Salience::Dangerous,
            (false, true, true) => Salience::Dependent,
            (true, true, true) => Salience::Definitive,
        }
    }

    /// A stable key, e.g. `definitive`.
    pub fn key(self) -> &'static str {
        match self {
            Salience::None => "none",
            Salience::Dormant => "dormant",
            Salience::Discretionary => "discretionary",
            Salience::Demanding => "demanding",
            Salience::Dominant => "dominant",
            Salience::Dangerous => "dangerous",
            Salience::Dependent => "dependent",
            Salience::Definitive => "definitive",
        }
    }

    /// The label, e.g. `Definitive`.
    pub fn label(self) -> &'static str {
        match self {
            Salience::None => "No salience",
            Salience::Dormant => "Dormant",
            Salience::Discretionary => "Discretionary",
            Salience::Demanding => "Demanding",
            Salience::Dominant => "Dominant",
            Salience::Dangerous => "Dangerous",
            Salience::Dependent => "Dependent",
            Salience::Definitive => "Definitive",
        }
    }

    /// Which attributes the class has, e.g. `power + legitimacy`.
    pub fn attributes(self) -> &'static str {
        match self {
            Salience::None => "none of power, legitimacy, urgency",
            Salience::Dormant => "power",
            Salience::Discretionary => "legitimacy",
            Salience::Demanding => "urgency",
            Salience::Dominant => "power + legitimacy",
            Salience::Dangerous => "power + urgency",
            Salience::Dependent => "legitimacy + urgency",
            Salience::Definitive => "power + legitimacy + urgency",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;

    fn person(power: i64, interest: i64, legitimacy: bool, urgency: bool) -> Stakeholder {
        let mut p = Stakeholder::new("P").unwrap();
        p.power = Level::new(power, "power").unwrap();
        p.interest = Level::new(interest, "interest").unwrap();
        p.legitimacy = legitimacy;
        p.urgency = urgency;
        p
    }

    #[test]
    fn quadrants_split_at_four() {
        assert_eq!(
            Quadrant::of(&person(4, 4, false, false)),
            Quadrant::ManageClosely
        );
        assert_eq!(
            Quadrant::of(&person(5, 3, false, false)),
            Quadrant::KeepSatisfied
        );
        assert_eq!(
            Quadrant::of(&person(3, 5, false, false)),
            Quadrant::KeepInformed
        );
        assert_eq!(Quadrant::of(&person(3, 3, false, false)), Quadrant::Monitor);
    }

    #[test]
    fn all_eight_salience_classes_are_reached() {
        let mut seen = Vec::new();
        for power in [3, 4] {
            for legitimacy in [false, true] {
                for urgency in [false, true] {
                    seen.push(Salience::of(&person(power, 1, legitimacy, urgency)));
                }
            }
        }
        for class in Salience::ALL {
            assert!(seen.contains(&class), "{class:?}");
        }
        assert_eq!(
            Salience::of(&person(4, 1, true, true)),
            Salience::Definitive
        );
        assert_eq!(
            Salience::of(&person(5, 1, false, true)),
            Salience::Dangerous
        );
    }
}
