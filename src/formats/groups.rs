//! A big map summarised by group (org unit), for the network at group level and the
//! group-level pictures: each group with its headcount, stance mix and place, and
//! the ties between groups summed. Part of the view contract ([`VIEW_VERSION`]).

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::view::VIEW_VERSION;
use crate::model::text::name_key;
use crate::model::{MapSnapshot, RelationKind};

/// Maps of more people than this open at group level (the user can switch).
pub const GROUP_LEVEL_ABOVE: usize = 2_000;

/// What a group is called when its people have no group.
pub const NO_GROUP: &str = "No group";

/// The map summarised by group.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupMapDto {
    /// Always [`VIEW_VERSION`].
    pub version: u32,
    /// Everyone on the map.
    pub people: usize,
    /// Maps of more people than this open at group level ([`GROUP_LEVEL_ABOVE`]).
    pub threshold: usize,
    /// The groups, biggest first (ties by name).
    pub groups: Vec<GroupDto>,
    /// The ties between two groups, summed per pair of groups, most ties first.
    pub links: Vec<GroupLinkDto>,
}

/// One group (org unit).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupDto {
    /// The group's key (its name, case-folded): what links name.
    pub key: String,
    /// The group's name as written, or [`NO_GROUP`].
    pub name: String,
    /// Its people's ids.
    pub members: Vec<i64>,
    /// How many people hold each stance, from Active resistance (−2) to Champion (+2).
    pub stances: [u32; 5],
    /// How many of them are advocates.
    pub advocates: u32,
    /// Ties between two of its people.
    pub inner_ties: u32,
    /// Where it is drawn: the centre of its people's places.
    pub x: f64,
    /// Where it is drawn, down.
    pub y: f64,
    /// How far its people reach from the centre.
    pub radius: f64,
}

/// The ties between two groups, in either direction.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupLinkDto {
    /// One group's key (the smaller).
    pub a: String,
    /// The other group's key.
    pub b: String,
    /// How many ties join them.
    pub ties: u32,
    /// How many of those are conflicts.
    pub conflicts: u32,
    /// The ties' strengths summed.
    pub strength: u32,
}

impl GroupMapDto {
    /// The map by group, each person at their saved place or where the exports
    /// would lay them out.
    pub fn of(map: &MapSnapshot) -> GroupMapDto {
        let places = crate::export::layout::places(map);
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<GroupDto> = Vec::new();
        let mut group_of = HashMap::with_capacity(map.stakeholders.len());
        let mut sums: Vec<(f64, f64)> = Vec::new();
        for (p, place) in map.stakeholders.iter().zip(&places) {
            let key = name_key(&p.group);
            let at = *index.entry(key.clone()).or_insert_with(|| {
                let name = if p.group.trim().is_empty() {
                    NO_GROUP.to_string()
                } else {
                    p.group.trim().to_string()
                };
                groups.push(GroupDto {
                    key,
                    name,
                    members: Vec::new(),
                    stances: [0; 5],
                    advocates: 0,
                    inner_ties: 0,
                    x: 0.0,
                    y: 0.0,
                    radius: 0.0,
                });
                sums.push((0.0, 0.0));
                groups.len() - 1
            });
            let g = &mut groups[at];
            g.members.push(p.id.0);
            g.stances[(p.stance.level() + 2) as usize] += 1;
            g.advocates += u32::from(p.advocate);
            sums[at].0 += place.x;
            sums[at].1 += place.y;
            group_of.insert(p.id, at);
        }
        for (g, (sx, sy)) in groups.iter_mut().zip(&sums) {
            let n = g.members.len() as f64;
            (g.x, g.y) = (sx / n, sy / n);
        }
        for (p, place) in map.stakeholders.iter().zip(&places) {
            let g = &mut groups[group_of[&p.id]];
            g.radius = g.radius.max((place.x - g.x).hypot(place.y - g.y));
        }
        let mut pairs: HashMap<(usize, usize), GroupLinkDto> = HashMap::new();
        for r in &map.relations {
            let (Some(&a), Some(&b)) = (group_of.get(&r.from), group_of.get(&r.to)) else {
                continue;
            };
            if a == b {
                groups[a].inner_ties += 1;
                continue;
            }
            let (a, b) = if groups[a].key <= groups[b].key {
                (a, b)
            } else {
                (b, a)
            };
            let link = pairs.entry((a, b)).or_insert_with(|| GroupLinkDto {
                a: groups[a].key.clone(),
                b: groups[b].key.clone(),
                ties: 0,
                conflicts: 0,
                strength: 0,
            });
            link.ties += 1;
            link.conflicts += u32::from(r.kind == RelationKind::Conflict);
            link.strength += u32::from(r.strength.value());
        }
        let mut links: Vec<GroupLinkDto> = pairs.into_values().collect();
        links.sort_by(|x, y| {
            y.ties
                .cmp(&x.ties)
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });
        groups.sort_by(|x, y| {
            y.members
                .len()
                .cmp(&x.members.len())
                .then_with(|| x.key.cmp(&y.key))
        });
        GroupMapDto {
            version: VIEW_VERSION,
            people: map.stakeholders.len(),
            threshold: GROUP_LEVEL_ABOVE,
            groups,
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, MapInfo, Relation, RelationId, Stakeholder, StakeholderId, Stance};

    fn person(id: i64, group: &str, stance: i64) -> Stakeholder {
        let mut p = Stakeholder::new(&format!("Person {id}")).unwrap();
        p.id = StakeholderId(id);
        p.group = group.into();
        p.stance = Stance::new(stance).unwrap();
        p.position = Some((id as f64 * 10.0, 0.0));
        p
    }

    fn tie(id: i64, from: i64, to: i64, kind: RelationKind, strength: u8) -> Relation {
        Relation {
            id: RelationId(id),
            from: StakeholderId(from),
            to: StakeholderId(to),
            kind,
            strength: Level::new(i64::from(strength), "strength").unwrap(),
            note: String::new(),
        }
    }

    #[test]
    fn groups_count_their_people_stances_and_the_ties_between_them() {
        let info = MapInfo {
            name: "m".into(),
            change: String::new(),
            description: String::new(),
            created: chrono::DateTime::UNIX_EPOCH,
            updated: chrono::DateTime::UNIX_EPOCH,
        };
        let stakeholders = vec![
            person(1, "Finance", 2),
            person(2, "finance ", -2),
            person(3, "Plant", 0),
            person(4, "", 1),
        ];
        let relations = vec![
            tie(1, 1, 2, RelationKind::Trusts, 3),
            tie(2, 1, 3, RelationKind::Influences, 4),
            tie(3, 3, 2, RelationKind::Conflict, 2),
            tie(4, 4, 3, RelationKind::Allied, 1),
        ];
        let map = MapSnapshot {
            info,
            stakeholders,
            relations,
            engagements: vec![],
            stance_history: vec![],
        };
        let dto = GroupMapDto::of(&map);
        assert_eq!(dto.people, 4);
        let names: Vec<_> = dto.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Finance", "No group", "Plant"]);
        let finance = &dto.groups[0];
        assert_eq!(finance.members, [1, 2]);
        assert_eq!(finance.stances, [1, 0, 0, 0, 1]);
        assert_eq!(finance.inner_ties, 1);
        assert_eq!((finance.x, finance.y, finance.radius), (15.0, 0.0, 5.0));
        let finance_plant = dto
            .links
            .iter()
            .find(|l| (l.a.as_str(), l.b.as_str()) == ("finance", "plant"))
            .unwrap();
        assert_eq!(
            (
                finance_plant.ties,
                finance_plant.conflicts,
                finance_plant.strength
            ),
            (2, 1, 6)
        );
        assert_eq!(dto.links.len(), 2, "Finance–Plant and Plant–no group");
    }

    #[test]
    fn a_generated_organisation_sums_every_tie_once() {
        let map = crate::synthetic::org_map(3_000, 7);
        let dto = GroupMapDto::of(&map);
        let between: u32 = dto.links.iter().map(|l| l.ties).sum();
        let inner: u32 = dto.groups.iter().map(|g| g.inner_ties).sum();
        assert_eq!((between + inner) as usize, map.relations.len());
        let members: usize = dto.groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(members, 3_000);
        assert!(dto.groups.len() > 1 && dto.groups.len() < 3_000 / 3);
    }
}
