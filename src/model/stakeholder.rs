//! A stakeholder: a person around the change, with the ratings of the influence model.

use std::fmt;
use std::str::FromStr;

use super::scales::{Confidence, Level, Stance, parse_yes_no};
use super::text::{check_text, clean_name, parse_tags};
use crate::error::{Error, Result};

/// The id of a stored stakeholder (the SQLite rowid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StakeholderId(pub i64);

/// A person around the change and how they are rated.
#[derive(Debug, Clone, PartialEq)]
pub struct Stakeholder {
    /// The id in the map file; [`StakeholderId`]`(0)` until stored.
    pub id: StakeholderId,
    /// The name, unique in the map (case-insensitively).
    pub name: String,
    /// Role or title.
    pub role: String,
    /// Group or org unit.
    pub group: String,
    /// Free tags.
    pub tags: Vec<String>,
    /// Notes: what they care about, history.
    pub notes: String,
    /// Where they stand now.
    pub stance: Stance,
    /// Where the change needs them (Beckhard–Harris required commitment).
    pub target: Stance,
    /// Sway over the decision and its success (Mendelow power).
    pub power: Level,
    /// How much they care or are affected (Mendelow interest).
    pub interest: Level,
    /// How receptive to persuasion.
    pub openness: Level,
    /// Mitchell legitimacy.
    pub legitimacy: bool,
    /// Mitchell urgency.
    pub urgency: bool,
    /// How sure the rater is of this assessment.
    pub confidence: Confidence,
    /// How costly a conversation with them is.
    pub effort: Level,
    /// An advocate of the change (consultant, sponsor, champion).
    pub advocate: bool,
    /// Where the person was placed on the network view, if anywhere.
    pub position: Option<(f64, f64)>,
}

impl Stakeholder {
    /// A new, unsaved stakeholder with the default ratings: neutral now and as target,
    /// power and interest 3, openness 3, effort 1, medium confidence.
    pub fn new(name: &str) -> Result<Stakeholder> {
        Ok(Stakeholder {
            id: StakeholderId(0),
            name: clean_name(name)?,
            role: String::new(),
            group: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            stance: Stance::NEUTRAL,
            target: Stance::NEUTRAL,
            power: Level::MEDIUM,
            interest: Level::MEDIUM,
            openness: Level::MEDIUM,
            legitimacy: false,
            urgency: false,
            confidence: Confidence::Medium,
            effort: Level::VERY_LOW,
            advocate: false,
            position: None,
        })
    }

    /// Sets one field from text, validated as the field's scale requires.
    pub fn set(&mut self, field: Field, value: &str) -> Result<()> {
        match field {
            Field::Name => self.name = clean_name(value)?,
            Field::Role => self.role = one_line(value, "role")?,
            Field::Group => self.group = one_line(value, "group")?,
            Field::Tags => self.tags = parse_tags(value)?,
            Field::Notes => {
                check_text(value, "the notes")?;
                self.notes = value.to_string();
            }
            Field::Stance => self.stance = Stance::parse(value)?,
            Field::Target => self.target = Stance::parse(value)?,
            Field::Power => self.power = Level::parse(value, "power")?,
            Field::Interest => self.interest = Level::parse(value, "interest")?,
            Field::Openness => self.openness = Level::parse(value, "openness")?,
            Field::Legitimacy => self.legitimacy = parse_yes_no(value, "legitimacy")?,
            Field::Urgency => self.urgency = parse_yes_no(value, "urgency")?,
            Field::Confidence => self.confidence = Confidence::parse(value)?,
            Field::Effort => self.effort = Level::parse(value, "effort")?,
            Field::Advocate => self.advocate = parse_yes_no(value, "advocate")?,
        }
        Ok(())
    }

    /// The value of one field as text, in the form [`Stakeholder::set`] accepts.
    pub fn get(&self, field: Field) -> String {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        match field {
            Field::Name => self.name.clone(),
            Field::Role => self.role.clone(),
            Field::Group => self.group.clone(),
            Field::Tags => self.tags.join("; "),
            Field::Notes => self.notes.clone(),
            Field::Stance => self.stance.label().to_string(),
            Field::Target => self.target.label().to_string(),
            Field::Power => self.power.to_string(),
            Field::Interest => self.interest.to_string(),
            Field::Openness => self.openness.to_string(),
            Field::Legitimacy => yes_no(self.legitimacy),
            Field::Urgency => yes_no(self.urgency),
            Field::Confidence => self.confidence.to_string(),
            Field::Effort => self.effort.to_string(),
            Field::Advocate => yes_no(self.advocate),
        }
    }
}

fn one_line(value: &str, what: &str) -> Result<String> {
    check_text(value, &format!("the {what}"))?;
    let v = value.trim();
    if v.chars().any(char::is_control) {
        return Err(Error::Invalid(format!(
            "the {what} contains a line break or tab; keep it on one line"
        )));
    }
    Ok(v.to_string())
}

/// A field of a stakeholder that can be set by name (CLI `set`, CSV columns, the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `name`
    Name,
    /// `role`
    Role,
    /// `group`
    Group,
    /// `tags`
    Tags,
    /// `notes`
    Notes,
    /// `stance`
    Stance,
    /// `target`
    Target,
    /// `power`
    Power,
    /// `interest`
    Interest,
    /// `openness`
    Openness,
    /// `legitimacy`
    Legitimacy,
    /// `urgency`
    Urgency,
    /// `confidence`
    Confidence,
    /// `effort`
    Effort,
    /// `advocate`
    Advocate,
}

impl Field {
    /// Every field, in the order of the CSV columns.
    pub const ALL: [Field; 15] = [
        Field::Name,
        Field::Role,
        Field::Group,
        Field::Tags,
        Field::Stance,
        Field::Target,
        Field::Power,
        Field::Interest,
        Field::Openness,
        Field::Legitimacy,
        Field::Urgency,
        Field::Confidence,
        Field::Effort,
        Field::Advocate,
        Field::Notes,
    ];

    /// The field's name as used in the CLI and CSV headers.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Role => "role",
            Field::Group => "group",
            Field::Tags => "tags",
            Field::Notes => "notes",
            Field::Stance => "stance",
            Field::Target => "target",
            Field::Power => "power",
            Field::Interest => "interest",
            Field::Openness => "openness",
            Field::Legitimacy => "legitimacy",
            Field::Urgency => "urgency",
            Field::Confidence => "confidence",
            Field::Effort => "effort",
            Field::Advocate => "advocate",
        }
    }
}

impl FromStr for Field {
    type Err = Error;

    fn from_str(s: &str) -> Result<Field> {
        let key = s.trim().to_ascii_lowercase().replace(['-', '_'], " ");
        let alias = match key.as_str() {
            "title" => "role",
            "org unit" | "unit" | "department" => "group",
            "note" => "notes",
            "tag" => "tags",
            "target stance" | "required stance" => "target",
            "current stance" => "stance",
            other => other,
        };
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == alias)
            .ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
                Error::Invalid(format!(
                    "'{}' is not a stakeholder field; use one of {}",
                    s.trim(),
                    names.join(", ")
                ))
            })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_get_and_set() {
        let mut a = Stakeholder::new("Ana").unwrap();
        for (field, value) in [
            (Field::Role, "CFO"),
            (Field::Group, "Finance"),
            (Field::Tags, "budget; exec"),
            (Field::Notes, "line one\nline two"),
            (Field::Stance, "-1"),
            (Field::Target, "Champion"),
            (Field::Power, "very high"),
            (Field::Interest, "2"),
            (Field::Openness, "4"),
            (Field::Legitimacy, "yes"),
            (Field::Urgency, "y"),
            (Field::Confidence, "high"),
            (Field::Effort, "3"),
            (Field::Advocate, "true"),
        ] {
            a.set(field, value).unwrap();
        }
        let mut b = Stakeholder::new("Ana").unwrap();
        for field in Field::ALL {
            b.set(field, &a.get(field)).unwrap();
        }
        assert_eq!(a, b);
        assert_eq!(a.stance.level(), -1);
        assert_eq!(a.power.value(), 5);
    }

    #[test]
    fn field_names_and_aliases_parse() {
        assert_eq!("Target stance".parse::<Field>().unwrap(), Field::Target);
        assert_eq!("TITLE".parse::<Field>().unwrap(), Field::Role);
        let e = "mood".parse::<Field>().unwrap_err().to_string();
        assert!(
            e.contains("'mood' is not a stakeholder field") && e.contains("stance"),
            "{e}"
        );
    }

    #[test]
    fn a_failed_set_changes_nothing() {
        let mut a = Stakeholder::new("Ana").unwrap();
        let before = a.clone();
        assert!(a.set(Field::Stance, "maybe").is_err());
        assert!(a.set(Field::Role, "a\0b").is_err());
        assert_eq!(a, before);
    }
}
