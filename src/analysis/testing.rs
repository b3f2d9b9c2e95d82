//! Small maps for the analysis unit tests.

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

/// The id of the person called `name` (case-insensitive) in a test map.
pub(crate) fn id(map: &MapSnapshot, name: &str) -> StakeholderId {
    map.find(name)
        .unwrap_or_else(|| panic!("no {name} in the test map"))
        .id
}

/// The names of these people, for readable assertions.
pub(crate) fn names(map: &MapSnapshot, ids: &[StakeholderId]) -> Vec<String> {
    let people = map.people();
    ids.iter().map(|&i| people.name(i).to_string()).collect()
}
