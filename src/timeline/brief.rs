//! The one-screen brief before a conversation: who they are, where they stand,
//! whom they listen to, why they are in the plan, and what was said before.

use chrono::NaiveDate;
use serde::Serialize;

use crate::analysis::PlanReport;
use crate::error::{Error, Result};
use crate::model::MapSnapshot;

/// Someone whose opinion reaches the person (an influence edge into them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listener {
    /// Who.
    pub name: String,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefConversation {
    /// When.
    pub date: NaiveDate,
    /// The advocate who held it.
    pub held_by: Option<String>,
    /// Meeting, call…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// The agreed next step.
    pub next_step: String,
}

/// Everything to read before talking to someone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    /// Who.
    pub name: String,
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

/// Builds the brief for `name`; with a plan, says why they are in it.
pub fn brief(map: &MapSnapshot, name: &str, plan: Option<&PlanReport>) -> Result<Brief> {
    let person = map.find(name).ok_or_else(|| {
        Error::NotFound(format!(
            "no stakeholder named '{}' in this map; `coalition list MAP` shows who is in it",
            name.trim()
        ))
    })?;
    let name_of = |id| {
        map.stakeholder(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
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
            let other = map.stakeholder(from)?;
            let tie = match r.kind {
                crate::model::RelationKind::Influences => "influences them",
                crate::model::RelationKind::ReportsTo => "is their manager",
                crate::model::RelationKind::Trusts => "is trusted by them",
                crate::model::RelationKind::Allied => "is an ally",
                crate::model::RelationKind::Conflict => "is in conflict with them",
            };
            Some(Listener {
                name: other.name.clone(),
                tie: tie.to_string(),
                strength: r.strength.value(),
                stance: other.stance.label().to_string(),
                opposed: sign < 0.0,
            })
        })
        .collect();
    listens_to.sort_by(|a, b| b.strength.cmp(&a.strength).then(a.name.cmp(&b.name)));
    let mut conversations: Vec<BriefConversation> = map
        .engagements
        .iter()
        .filter(|e| e.stakeholder == person.id)
        .map(|e| BriefConversation {
            date: e.date,
            held_by: e.held_by.map(name_of),
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
            .position(|s| s.name == person.name)
            .map(|i| (i + 1, p.steps[i].reason.clone()))
    });
    Ok(Brief {
        name: person.name.clone(),
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

impl Brief {
    /// The brief as plain text, one screen, ready to print.
    pub fn to_text(&self) -> String {
        let mut out = format!("Brief: {}", self.name);
        let position: Vec<&str> = [self.role.as_str(), self.group.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !position.is_empty() {
            out.push_str(&format!(" — {}", position.join(", ")));
        }
        out.push('\n');
        out.push_str(&format!(
            "Stance: {} (target {}, {} level{} to go)\n",
            self.stance,
            self.target,
            self.gap.max(0),
            if self.gap.abs() == 1 { "" } else { "s" }
        ));
        if let Some((n, reason)) = &self.plan_step {
            out.push_str(&format!("In the plan: step {n}. {reason}\n"));
        }
        if !self.notes.is_empty() {
            out.push_str(&format!(
                "What they care about:\n  {}\n",
                self.notes.replace('\n', "\n  ")
            ));
        }
        if self.listens_to.is_empty() {
            out.push_str("Listens to: nobody recorded\n");
        } else {
            out.push_str("Listens to:\n");
            for l in &self.listens_to {
                out.push_str(&format!(
                    "  {} ({}, strength {}) — {}{}\n",
                    l.name,
                    l.tie,
                    l.strength,
                    l.stance,
                    if l.opposed {
                        "; their support pushes the other way"
                    } else {
                        ""
                    }
                ));
            }
        }
        if self.conversations.is_empty() {
            out.push_str("Conversations: none yet\n");
        } else {
            out.push_str("Last conversations:\n");
            for c in &self.conversations {
                out.push_str(&format!(
                    "  {} {}{}: {}\n",
                    c.date,
                    c.channel,
                    c.held_by
                        .as_deref()
                        .map(|b| format!(" with {b}"))
                        .unwrap_or_default(),
                    c.summary
                ));
                if !c.next_step.is_empty() {
                    out.push_str(&format!("    next: {}\n", c.next_step));
                }
            }
        }
        out
    }
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
        let b = super::brief(&map, "bo", None).unwrap();
        let listeners: Vec<(&str, bool)> = b
            .listens_to
            .iter()
            .map(|l| (l.name.as_str(), l.opposed))
            .collect();
        assert_eq!(listeners, vec![("Ana", false), ("Cy", true)]);
        assert_eq!(b.conversations[0].summary, "talk 2");
        assert_eq!(b.stance, "Supportive");
        let text = b.to_text();
        assert!(
            text.contains("Ana (is their manager, strength 4) — Champion"),
            "{text}"
        );
        assert!(super::brief(&map, "Nobody", None).is_err());
    }
}
