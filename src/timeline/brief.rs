//! The one-screen brief before a conversation: who they are, where they stand,
//! whom they listen to, why they are in the plan, and what was said before.

use crate::analysis::PlanReport;
use crate::error::{Error, Result};
use crate::model::{MapSnapshot, StakeholderId};
use chrono::NaiveDate;

/// Someone whose opinion reaches the person (an influence edge into them).
#[derive(Debug, Clone, PartialEq)]
pub struct Listener {
    /// Who.
    pub id: StakeholderId,
    /// How their opinion reaches the person: "reports to them", "trusted", …
    pub tie: String,
    /// Tie strength, 1..5.
    pub strength: u8,
    /// Their stance label.
    pub stance: String,
    /// True for a conflict tie: their support pushes the other way.
    pub opposed: bool,
}

/// A past conversation, for the brief.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefConversation {
    /// When.
    pub date: NaiveDate,
    /// The advocate who held it.
    pub held_by: Option<StakeholderId>,
    /// Meeting, call…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// The agreed next step.
    pub next_step: String,
}

/// Everything to read before talking to someone.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    /// Who.
    pub id: StakeholderId,
    /// Role or title.
    pub role: String,
    /// Group.
    pub group: String,
    /// Current stance label.
    pub stance: String,
    /// Target stance label.
    pub target: String,
    /// Target minus current stance, in levels.
    pub gap: i8,
    /// What they care about.
    pub notes: String,
    /// Whose opinion reaches them, strongest first.
    pub listens_to: Vec<Listener>,
    /// Their step in the plan: its number and reason.
    pub plan_step: Option<(usize, String)>,
    /// The most recent conversations, newest first (at most five).
    pub conversations: Vec<BriefConversation>,
}

/// Builds the brief for the person with this id; with a plan, says why they are in it.
pub fn brief(map: &MapSnapshot, id: StakeholderId, plan: Option<&PlanReport>) -> Result<Brief> {
    let people = map.people();
    let person = people.get(id).ok_or_else(|| {
        Error::NotFound(format!(
            "no stakeholder has id {} in this map; `coalition list MAP` shows who is in it",
            id.0
        ))
    })?;
    let mut listens_to: Vec<Listener> = map
        .relations
        .iter()
        .flat_map(|r| {
            r.kind
                .influence_edges(r.from, r.to)
                .into_iter()
                .filter(|(_, to, _)| *to == person.id)
                .map(move |(from, _, sign)| (r, from, sign))
        })
        .filter_map(|(r, from, sign)| {
            let other = people.get(from)?;
            let tie = match r.kind {
                crate::model::RelationKind::Influences => "influences them",
                crate::model::RelationKind::ReportsTo => "is their manager",
                crate::model::RelationKind::Trusts => "is trusted by them",
                crate::model::RelationKind::Allied => "is an ally",
                crate::model::RelationKind::Conflict => "is in conflict with them",
            };
            Some(Listener {
                id: other.id,
                tie: tie.to_string(),
                strength: r.strength.value(),
                stance: other.stance.label().to_string(),
                opposed: sign < 0.0,
            })
        })
        .collect();
    listens_to.sort_by(|a, b| {
        b.strength
            .cmp(&a.strength)
            .then(people.name(a.id).cmp(people.name(b.id)))
    });
    let mut conversations: Vec<BriefConversation> = map
        .engagements
        .iter()
        .filter(|e| e.stakeholder == person.id)
        .map(|e| BriefConversation {
            date: e.date,
            held_by: e.held_by,
            channel: e.channel.clone(),
            summary: e.summary.clone(),
            next_step: e.next_step.clone(),
        })
        .collect();
    conversations.sort_by_key(|c| std::cmp::Reverse(c.date));
    conversations.truncate(5);
    let plan_step = plan.and_then(|p| {
        p.steps
            .iter()
            .position(|s| s.id == person.id)
            .map(|i| (i + 1, p.steps[i].reason.clone()))
    });
    Ok(Brief {
        id: person.id,
        role: person.role.clone(),
        group: person.group.clone(),
        stance: person.stance.label().into(),
        target: person.target.label().into(),
        gap: person.target.level() - person.stance.level(),
        notes: person.notes.clone(),
        listens_to,
        plan_step,
        conversations,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::history_map;
    use crate::model::{Level, Relation, RelationId, RelationKind, StakeholderId};

    #[test]
    fn the_brief_names_whom_they_listen_to_and_the_last_talks() {
        let mut map = history_map();
        let tie = |from: i64, kind, to: i64, strength: i64| Relation {
            id: RelationId(0),
            from: StakeholderId(from),
            to: StakeholderId(to),
            kind,
            strength: Level::new(strength, "strength").unwrap(),
            note: String::new(),
        };
        map.relations = vec![
            tie(2, RelationKind::ReportsTo, 1, 4),  // Ana manages Bo
            tie(3, RelationKind::Conflict, 2, 2),   // Cy and Bo clash
            tie(2, RelationKind::Influences, 3, 5), // Bo → Cy: not into Bo
        ];
        let b = super::brief(&map, StakeholderId(2), None).unwrap();
        let people = map.people();
        let listeners: Vec<(&str, bool)> = b
            .listens_to
            .iter()
            .map(|l| (people.name(l.id), l.opposed))
            .collect();
        assert_eq!(listeners, vec![("Ana", false), ("Cy", true)]);
        assert_eq!(b.conversations[0].summary, "talk 2");
        assert_eq!(b.stance, "Supportive");
        assert_eq!(b.listens_to[0].tie, "is their manager");
        assert_eq!(b.listens_to[0].stance, "Champion");
        assert!(super::brief(&map, StakeholderId(99), None).is_err());
    }
}
