//! The rating scales of a stakeholder: each accepts its number or its label, both ways.

use std::fmt;

use crate::error::{Error, Result};

/// Where a stakeholder stands on the change, −2..+2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stance(i8);

const STANCE_LABELS: [&str; 5] = [
    "Active resistance",
    "Resistant",
    "Neutral",
    "Supportive",
    "Champion",
];

impl Stance {
    /// Neutral (0).
    pub const NEUTRAL: Stance = Stance(0);

    /// A stance from its level, −2..=2.
    pub fn new(level: i64) -> Result<Stance> {
        if (-2..=2).contains(&level) {
            Ok(Stance(level as i8))
        } else {
            Err(Error::Invalid(format!(
                "stance {level} is not one of -2..2 or {}..{}",
                STANCE_LABELS[0], STANCE_LABELS[4]
            )))
        }
    }

    /// Parses `-2`..`2` or a label such as `Active resistance` (any case).
    pub fn parse(text: &str) -> Result<Stance> {
        let t = text.trim();
        if let Ok(n) = t.parse::<i64>() {
            return Stance::new(n);
        }
        STANCE_LABELS
            .iter()
            .position(|l| l.eq_ignore_ascii_case(t))
            .map(|i| Stance(i as i8 - 2))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "stance '{t}' is not one of -2..2 or {}",
                    STANCE_LABELS.join(", ")
                ))
            })
    }

    /// The level, −2..=2.
    pub fn level(self) -> i8 {
        self.0
    }

    /// The label, e.g. `Supportive`.
    pub fn label(self) -> &'static str {
        STANCE_LABELS[(self.0 + 2) as usize]
    }

    /// The internal opinion of the influence model, s = level / 2 ∈ [−1, 1].
    pub fn opinion(self) -> f64 {
        f64::from(self.0) / 2.0
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

const LEVEL_LABELS: [&str; 5] = ["Very low", "Low", "Medium", "High", "Very high"];

/// A 1..5 rating: power, interest, openness or effort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(u8);

impl Level {
    /// The middle of the scale (3), the default openness.
    pub const MEDIUM: Level = Level(3);
    /// The bottom of the scale (1), the default effort.
    pub const VERY_LOW: Level = Level(1);

    /// A level from its number, 1..=5; `what` names the field in the error.
    pub fn new(value: i64, what: &str) -> Result<Level> {
        if (1..=5).contains(&value) {
            Ok(Level(value as u8))
        } else {
            Err(Error::Invalid(format!(
                "{what} {value} is not one of 1..5 or {}",
                LEVEL_LABELS.join(", ")
            )))
        }
    }

    /// Parses `1`..`5` or `Very low`..`Very high` (any case); `what` names the field.
    pub fn parse(text: &str, what: &str) -> Result<Level> {
        let t = text.trim();
        if let Ok(n) = t.parse::<i64>() {
            return Level::new(n, what);
        }
        LEVEL_LABELS
            .iter()
            .position(|l| l.eq_ignore_ascii_case(t))
            .map(|i| Level(i as u8 + 1))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "{what} '{t}' is not one of 1..5 or {}",
                    LEVEL_LABELS.join(", ")
                ))
            })
    }

    /// The number, 1..=5.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The label, e.g. `High`.
    pub fn label(self) -> &'static str {
        LEVEL_LABELS[(self.0 - 1) as usize]
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How sure the rater is of an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Confidence {
    /// A guess.
    Low,
    /// The usual case.
    #[default]
    Medium,
    /// Confirmed first-hand.
    High,
}

impl Confidence {
    /// Parses `low`, `medium` or `high` (any case), or `1`..`3`.
    pub fn parse(text: &str) -> Result<Confidence> {
        match text.trim().to_ascii_lowercase().as_str() {
            "low" | "1" => Ok(Confidence::Low),
            "medium" | "2" => Ok(Confidence::Medium),
            "high" | "3" => Ok(Confidence::High),
            other => Err(Error::Invalid(format!(
                "confidence '{other}' is not one of low, medium, high"
            ))),
        }
    }

    /// The lower-case name stored in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses a yes/no field (`yes`, `no`, `y`, `n`, `true`, `false`, `1`, `0`; any case).
pub fn parse_yes_no(text: &str, what: &str) -> Result<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" => Ok(true),
        "no" | "n" | "false" | "0" | "" => Ok(false),
        other => Err(Error::Invalid(format!("{what} '{other}' is not yes or no"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_accepts_numbers_and_labels_both_ways() {
        for level in -2..=2 {
            let s = Stance::new(level).unwrap();
            assert_eq!(Stance::parse(s.label()).unwrap(), s);
            assert_eq!(Stance::parse(&s.label().to_uppercase()).unwrap(), s);
            assert_eq!(Stance::parse(&level.to_string()).unwrap(), s);
        }
        assert_eq!(Stance::parse("active RESISTANCE").unwrap().level(), -2);
        assert_eq!(Stance::parse(" champion ").unwrap().opinion(), 1.0);
    }

    #[test]
    fn stance_errors_name_the_value_and_the_choices() {
        let e = Stance::parse("maybe").unwrap_err().to_string();
        assert!(
            e.contains("'maybe'") && e.contains("-2..2") && e.contains("Champion"),
            "{e}"
        );
        assert!(Stance::parse("3").is_err());
    }

    #[test]
    fn levels_accept_numbers_and_labels() {
        assert_eq!(Level::parse("very HIGH", "power").unwrap().value(), 5);
        assert_eq!(Level::parse("2", "power").unwrap().label(), "Low");
        let e = Level::parse("6", "interest").unwrap_err().to_string();
        assert!(e.starts_with("interest 6 is not one of 1..5"), "{e}");
    }

    #[test]
    fn confidence_and_yes_no_parse() {
        assert_eq!(Confidence::parse("HIGH").unwrap(), Confidence::High);
        assert!(Confidence::parse("sure").is_err());
        assert!(parse_yes_no("Yes", "urgency").unwrap());
        assert!(!parse_yes_no("", "urgency").unwrap());
        assert!(parse_yes_no("perhaps", "urgency").is_err());
    }
}
