//! The attributes every person and tie carries in the graph formats (GEXF, GraphML).

use crate::model::{Relation, Stakeholder};

/// The type of an attribute, as both graph formats name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// true or false.
    Boolean,
}

impl Kind {
    /// The GEXF type name.
    pub fn gexf(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
        }
    }

    /// The GraphML `attr.type`.
    pub fn graphml(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Integer => "int",
            Kind::Boolean => "boolean",
        }
    }
}

/// The person attributes, in order (the name is the node label and not listed).
pub const PERSON: [(&str, Kind); 15] = [
    ("role", Kind::Text),
    ("group", Kind::Text),
    ("tags", Kind::Text),
    ("stance", Kind::Integer),
    ("stance_label", Kind::Text),
    ("target", Kind::Integer),
    ("power", Kind::Integer),
    ("interest", Kind::Integer),
    ("openness", Kind::Integer),
    ("legitimacy", Kind::Boolean),
    ("urgency", Kind::Boolean),
    ("confidence", Kind::Text),
    ("effort", Kind::Integer),
    ("advocate", Kind::Boolean),
    ("notes", Kind::Text),
];

/// The values of [`PERSON`] for one person, as text, in the same order.
pub fn person_values(p: &Stakeholder) -> [String; 15] {
    [
        p.role.clone(),
        p.group.clone(),
        p.tags.join("; "),
        p.stance.level().to_string(),
        p.stance.label().to_string(),
        p.target.level().to_string(),
        p.power.to_string(),
        p.interest.to_string(),
        p.openness.to_string(),
        p.legitimacy.to_string(),
        p.urgency.to_string(),
        p.confidence.to_string(),
        p.effort.to_string(),
        p.advocate.to_string(),
        p.notes.clone(),
    ]
}

/// The tie attributes, in order.
pub const TIE: [(&str, Kind); 3] = [
    ("kind", Kind::Text),
    ("strength", Kind::Integer),
    ("note", Kind::Text),
];

/// The values of [`TIE`] for one relation.
pub fn tie_values(r: &Relation) -> [String; 3] {
    [
        r.kind.as_str().to_string(),
        r.strength.to_string(),
        r.note.clone(),
    ]
}
