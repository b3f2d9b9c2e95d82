//! The app's view of an open map (IPC DTOs, version [`VIEW_VERSION`]): people with
//! their classes already worked out, ties with how influence flows along them, and
//! the scales and class names the UI shows. The UI draws these; it holds no rules.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::style;

use super::timeline::TimelineDto;
use super::view_change::ViewChangeDto;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{
    Confidence, Engagement, EngagementId, HIGH_FROM, Level, MapSnapshot, Quadrant, Relation,
    RelationId, RelationKind, Salience, Stakeholder, StakeholderId, Stance,
};

/// The version of the view DTOs.
pub const VIEW_VERSION: u32 = 3;

/// Everything the workspace shows of an open map.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkspaceDto {
    /// Always [`VIEW_VERSION`].
    pub version: u32,
    /// The map file.
    pub path: String,
    /// The map's name.
    pub name: String,
    /// The change it is about.
    pub change: String,
    /// Longer description.
    pub description: String,
    /// The people, ordered by name.
    pub people: Vec<PersonDto>,
    /// The advocate to plan for first: the most powerful one (the sponsor, as a
    /// rule), ties by name.
    pub lead_advocate: Option<i64>,
    /// The ties, in the order they were added.
    pub relations: Vec<TieDto>,
    /// The conversations, oldest first.
    pub engagements: Vec<ConversationDto>,
    /// Every group in use, sorted.
    pub groups: Vec<String>,
    /// Every tag in use, sorted.
    pub tags: Vec<String>,
    /// What Undo would undo, if anything.
    pub undo: Option<String>,
    /// What Redo would redo, if anything.
    pub redo: Option<String>,
    /// The day shown (a past day makes the view read-only), the days it can be
    /// shown as of, stale ratings and overdue next steps.
    pub timeline: TimelineDto,
    /// θ, the map's setting for how far one conversation moves an open person.
    pub theta: f64,
    /// Which view of the open map this is: each view the workspace sends the app
    /// is numbered, so an edit can answer with what changed since that view
    /// ([`ViewChangeDto`]). 0 for a view no change builds on (a past day's).
    pub revision: u64,
}

/// A person as the views show them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PersonDto {
    /// The id to send back in edits.
    pub id: i64,
    /// The name.
    pub name: String,
    /// Role or title.
    pub role: String,
    /// Group or org unit.
    pub group: String,
    /// Free tags.
    pub tags: Vec<String>,
    /// Notes.
    pub notes: String,
    /// Current stance, −2..2.
    pub stance: i8,
    /// Its label.
    pub stance_label: String,
    /// Target stance, −2..2.
    pub target: i8,
    /// Its label.
    pub target_label: String,
    /// target − stance: how far they must move (negative: they are past the target).
    pub gap: i8,
    /// 1..5.
    pub power: u8,
    /// 1..5.
    pub interest: u8,
    /// 1..5.
    pub openness: u8,
    /// Mitchell legitimacy.
    pub legitimacy: bool,
    /// Mitchell urgency.
    pub urgency: bool,
    /// low, medium or high.
    pub confidence: String,
    /// 1..5.
    pub effort: u8,
    /// An advocate of the change.
    pub advocate: bool,
    /// Saved network position.
    pub position: Option<[f64; 2]>,
    /// Mendelow quadrant key (see [`ScalesDto::quadrants`]).
    pub quadrant: String,
    /// Mitchell salience class key (see [`ScalesDto::salience`]).
    pub salience: String,
}

impl From<&Stakeholder> for PersonDto {
    fn from(p: &Stakeholder) -> Self {
        PersonDto {
            id: p.id.0,
            name: p.name.clone(),
            role: p.role.clone(),
            group: p.group.clone(),
            tags: p.tags.clone(),
            notes: p.notes.clone(),
            stance: p.stance.level(),
            stance_label: p.stance.label().to_string(),
            target: p.target.level(),
            target_label: p.target.label().to_string(),
            gap: p.target.level() - p.stance.level(),
            power: p.power.value(),
            interest: p.interest.value(),
            openness: p.openness.value(),
            legitimacy: p.legitimacy,
            urgency: p.urgency,
            confidence: p.confidence.as_str().to_string(),
            effort: p.effort.value(),
            advocate: p.advocate,
            position: p.position.map(|(x, y)| [x, y]),
            quadrant: Quadrant::of(p).key().to_string(),
            salience: Salience::of(p).key().to_string(),
        }
    }
}

/// A tie and how influence flows along it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TieDto {
    /// The id to send back in edits.
    pub id: i64,
    /// The first person's id.
    pub from: i64,
    /// The second person's id.
    pub to: i64,
    /// influences, reports_to, trusts, allied or conflict.
    pub kind: String,
    /// 1..5.
    pub strength: u8,
    /// A note.
    pub note: String,
    /// Who sways whom: `forward` (from → to), `backward` (to → from) or `both`.
    pub flow: String,
    /// True when influence along it pushes opinions apart (conflict).
    pub negative: bool,
}

/// A conversation as the engagement log shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConversationDto {
    /// The id to send back in edits.
    pub id: i64,
    /// YYYY-MM-DD.
    pub date: String,
    /// Who was talked to (id).
    pub stakeholder: i64,
    /// Who was talked to (name).
    pub stakeholder_name: String,
    /// The advocate who held it.
    pub held_by: Option<String>,
    /// The advocate who held it (id), to send back in edits.
    pub held_by_id: Option<i64>,
    /// Meeting, call…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// Stance going in (label).
    pub stance_before: Option<String>,
    /// Stance coming out (label).
    pub stance_after: Option<String>,
    /// The agreed next step.
    pub next_step: String,
    /// YYYY-MM-DD.
    pub next_step_due: Option<String>,
}

/// Which of a view's lists [`WorkspaceDto::build`] builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lists {
    /// The people, with the lead advocate and the groups and tags in use.
    pub people: bool,
    /// With `people`, only these people (ids, sorted): the list holds just them.
    /// `None` for everyone.
    pub only: Option<Vec<i64>>,
    /// The ties.
    pub relations: bool,
    /// The conversations (they name people).
    pub engagements: bool,
}

impl Lists {
    /// Every list.
    pub const ALL: Lists = Lists {
        people: true,
        only: None,
        relations: true,
        engagements: true,
    };
}

impl WorkspaceDto {
    /// The view of a snapshot; `undo` and `redo` label the next history steps.
    pub fn from_snapshot(
        path: &std::path::Path,
        map: &MapSnapshot,
        undo: Option<&str>,
        redo: Option<&str>,
        timeline: TimelineDto,
        theta: f64,
    ) -> WorkspaceDto {
        WorkspaceDto::build(path, map, undo, redo, timeline, theta, Lists::ALL)
    }

    /// [`WorkspaceDto::from_snapshot`] with only the lists `lists` names built;
    /// the others are left empty (and with the people, the lead advocate, the
    /// groups and the tags), for a caller that has them from an earlier view.
    pub fn build(
        path: &std::path::Path,
        map: &MapSnapshot,
        undo: Option<&str>,
        redo: Option<&str>,
        timeline: TimelineDto,
        theta: f64,
        lists: Lists,
    ) -> WorkspaceDto {
        let mut view = WorkspaceDto {
            version: VIEW_VERSION,
            path: path.display().to_string(),
            name: map.info.name.clone(),
            change: map.info.change.clone(),
            description: map.info.description.clone(),
            people: Vec::new(),
            lead_advocate: None,
            relations: Vec::new(),
            engagements: Vec::new(),
            groups: Vec::new(),
            tags: Vec::new(),
            undo: undo.map(str::to_string),
            redo: redo.map(str::to_string),
            timeline,
            theta,
            revision: 0,
        };
        if lists.people {
            view.people = match &lists.only {
                None => map.stakeholders.iter().map(PersonDto::from).collect(),
                Some(only) => map
                    .stakeholders
                    .iter()
                    .filter(|p| only.binary_search(&p.id.0).is_ok())
                    .map(PersonDto::from)
                    .collect(),
            };
            view.lead_advocate = map.lead_advocate().map(|id| id.0);
            view.groups = in_use(
                map.stakeholders
                    .iter()
                    .map(|p| p.group.as_str())
                    .filter(|g| !g.is_empty()),
            );
            view.tags = in_use(
                map.stakeholders
                    .iter()
                    .flat_map(|p| p.tags.iter().map(String::as_str)),
            );
        }
        if lists.relations {
            view.relations = map.relations.iter().map(TieDto::from).collect();
        }
        if lists.engagements {
            let people = map.people();
            let name = |id: StakeholderId| people.name(id).to_string();
            let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
            let conversation = |e: &Engagement| ConversationDto {
                id: e.id.0,
                date: day(e.date),
                stakeholder: e.stakeholder.0,
                stakeholder_name: name(e.stakeholder),
                held_by: e.held_by.map(name),
                held_by_id: e.held_by.map(|id| id.0),
                channel: e.channel.clone(),
                summary: e.summary.clone(),
                stance_before: e.stance_before.map(|s| s.label().to_string()),
                stance_after: e.stance_after.map(|s| s.label().to_string()),
                next_step: e.next_step.clone(),
                next_step_due: e.next_step_due.map(day),
            };
            view.engagements = map.engagements.iter().map(conversation).collect();
        }
        view
    }
}

impl From<&Relation> for TieDto {
    fn from(r: &Relation) -> Self {
        let edges = r.kind.influence_edges(r.from, r.to);
        let flow = if edges.len() > 1 {
            "both"
        } else if edges[0].0 == r.from {
            "forward"
        } else {
            "backward"
        };
        TieDto {
            id: r.id.0,
            from: r.from.0,
            to: r.to.0,
            kind: r.kind.as_str().to_string(),
            strength: r.strength.value(),
            note: r.note.clone(),
            flow: flow.to_string(),
            negative: edges.iter().any(|e| e.2 < 0.0),
        }
    }
}

/// The values in use, sorted case-insensitively, each once: as a stable sort
/// by lower case and then dropping repeats next to each other would give them
/// (spellings that differ only in case stay apart, in the order met), with each
/// distinct value lower-cased once rather than at every comparison.
fn in_use<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    // Per lower-cased value, its spellings in the order met, repeats in a row dropped.
    let mut classes: Vec<(String, Vec<&str>)> = Vec::new();
    let mut class_of_lower: HashMap<String, usize> = HashMap::new();
    let mut class_of: HashMap<&str, usize> = HashMap::new();
    for value in values {
        let class = *class_of.entry(value).or_insert_with(|| {
            let lower = value.to_lowercase();
            *class_of_lower.entry(lower.clone()).or_insert_with(|| {
                classes.push((lower, Vec::new()));
                classes.len() - 1
            })
        });
        let met = &mut classes[class].1;
        if met.last() != Some(&value) {
            met.push(value);
        }
    }
    classes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    classes
        .into_iter()
        .flat_map(|(_, met)| met.into_iter().map(str::to_string))
        .collect()
}

/// The answer to an edit: what it changed in the view the app has (or the whole
/// new view, when the workspace has sent none), the id of what was added, if
/// anything, and which derived results the edit made stale.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EditedDto {
    /// The map after the edit, whole: only when the workspace has sent no view
    /// this answer could be a change of.
    pub view: Option<WorkspaceDto>,
    /// What the edit changed in the view the workspace sent last (revision
    /// [`ViewChangeDto::base`]); `None` when `view` is given.
    pub change: Option<ViewChangeDto>,
    /// The id of the person, tie or conversation the edit added.
    pub id: Option<i64>,
    /// What was undone or redone, for a notice.
    pub done: Option<String>,
    /// The derived results that read what the edit changed: the app refetches
    /// these (those it shows) and nothing else.
    pub stale: Vec<Derived>,
}

/// A result derived from the map, which an edit can make stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Derived {
    /// The conversation plan.
    Plan,
    /// The graph metrics.
    Metrics,
    /// A saved plan's progress.
    Progress,
    /// The what-if simulation.
    Simulation,
    /// The brief before a conversation.
    Brief,
    /// The map by group (who is in which group, their stances and places, the
    /// ties between groups), which a big map's network draws.
    Groups,
}

/// A value of a scale and its label.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScaleValueDto {
    /// The number (stance −2..2, ratings 1..5, confidence 1..3).
    pub value: i8,
    /// The label, e.g. `Supportive`.
    pub label: String,
}

/// A named class (relation kind, quadrant, salience class) and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClassDto {
    /// A stable key.
    pub key: String,
    /// The label.
    pub label: String,
    /// What it means, in a sentence.
    pub description: String,
}

/// The scales and class names of the model, for pickers, legends and axes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScalesDto {
    /// Always [`VIEW_VERSION`].
    pub version: u32,
    /// Stance −2..2 with labels.
    pub stances: Vec<ScaleValueDto>,
    /// Ratings 1..5 with labels.
    pub levels: Vec<ScaleValueDto>,
    /// low, medium, high.
    pub confidences: Vec<String>,
    /// The relation kinds.
    pub relation_kinds: Vec<ClassDto>,
    /// The editable fields of a person, in table order.
    pub fields: Vec<String>,
    /// Mendelow's quadrants.
    pub quadrants: Vec<ClassDto>,
    /// Mitchell's salience classes.
    pub salience: Vec<ClassDto>,
    /// Power or interest from this level up is "high".
    pub high_from: u8,
    /// The quadrant of every cell of the 5×5 power/interest grid.
    pub grid: Vec<GridCellDto>,
    /// The colour of each stance, the same as the exports'.
    pub stance_colours: Vec<StanceColourDto>,
    /// How each kind of tie is drawn, the same as the exports'.
    pub relation_styles: Vec<RelationStyleDto>,
    /// The colour of each quadrant of the grid, the same as the exports'.
    pub quadrant_colours: Vec<QuadrantColourDto>,
}

/// How one quadrant of the power/interest grid is shaded.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuadrantColourDto {
    /// The quadrant key, e.g. `manage_closely`.
    pub key: String,
    /// Its colour, `#rrggbb`.
    pub colour: String,
    /// How much of the colour shades a cell over the background, 0..1.
    pub tint: f64,
}

/// The colours of one stance level.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StanceColourDto {
    /// −2..2.
    pub value: i8,
    /// The fill of a person's dot, `#rrggbb`.
    pub fill: String,
    /// Text that reads on the fill, `#rrggbb`.
    pub ink: String,
}

/// How one kind of tie is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RelationStyleDto {
    /// The relation kind key, e.g. `reports_to`.
    pub kind: String,
    /// The line colour, `#rrggbb`.
    pub colour: String,
    /// The dash pattern, e.g. `8 4`; empty for a solid line.
    pub dash: String,
    /// True when the line ends in an arrow (directed kinds).
    pub arrow: bool,
}

/// One cell of the power/interest grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GridCellDto {
    /// 1..5.
    pub power: u8,
    /// 1..5.
    pub interest: u8,
    /// The quadrant key.
    pub quadrant: String,
}

impl ScalesDto {
    /// The scales of this build.
    pub fn current() -> ScalesDto {
        let describe = |k: RelationKind| match k {
            RelationKind::Influences => "A influences B: A sways B",
            RelationKind::ReportsTo => "A reports to B: B sways A",
            RelationKind::Trusts => "A trusts B: B sways A",
            RelationKind::Allied => "Allies: they sway each other",
            RelationKind::Conflict => "In conflict: each pushes the other away",
        };
        ScalesDto {
            version: VIEW_VERSION,
            stances: (-2..=2)
                .filter_map(|l| Stance::new(l).ok())
                .map(|s| ScaleValueDto {
                    value: s.level(),
                    label: s.label().to_string(),
                })
                .collect(),
            levels: (1..=5)
                .filter_map(|v| Level::new(v, "level").ok())
                .map(|l| ScaleValueDto {
                    value: l.value() as i8,
                    label: l.label().to_string(),
                })
                .collect(),
            confidences: [Confidence::Low, Confidence::Medium, Confidence::High]
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            relation_kinds: RelationKind::ALL
                .iter()
                .map(|&k| ClassDto {
                    key: k.as_str().to_string(),
                    label: k.as_str().replace('_', " "),
                    description: describe(k).to_string(),
                })
                .collect(),
            fields: crate::model::Field::ALL
                .iter()
                .map(|f| f.as_str().to_string())
                .collect(),
            quadrants: Quadrant::ALL
                .iter()
                .map(|q| ClassDto {
                    key: q.key().to_string(),
                    label: q.label().to_string(),
                    description: q.advice().to_string(),
                })
                .collect(),
            salience: Salience::ALL
                .iter()
                .map(|s| ClassDto {
                    key: s.key().to_string(),
                    label: s.label().to_string(),
                    description: s.attributes().to_string(),
                })
                .collect(),
            stance_colours: (-2..=2)
                .filter_map(|l| Stance::new(l).ok())
                .map(|s| StanceColourDto {
                    value: s.level(),
                    fill: style::stance_hex(s),
                    ink: style::stance_ink(s).to_string(),
                })
                .collect(),
            relation_styles: RelationKind::ALL
                .iter()
                .map(|&k| {
                    let (colour, dash, arrow) = style::kind_style(k);
                    RelationStyleDto {
                        kind: k.as_str().to_string(),
                        colour: colour.to_string(),
                        dash: dash.to_string(),
                        arrow,
                    }
                })
                .collect(),
            quadrant_colours: Quadrant::ALL
                .iter()
                .map(|&q| QuadrantColourDto {
                    key: q.key().to_string(),
                    colour: style::quadrant_hex(q).to_string(),
                    tint: style::QUADRANT_TINT,
                })
                .collect(),
            high_from: HIGH_FROM,
            grid: (1..=5)
                .flat_map(|power| {
                    (1..=5).map(move |interest| GridCellDto {
                        power,
                        interest,
                        quadrant: Quadrant::at(power, interest).key().to_string(),
                    })
                })
                .collect(),
        }
    }
}

/// A new tie, as the app sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewTieDto {
    /// The first person's id.
    pub from: i64,
    /// The second person's id.
    pub to: i64,
    /// influences, reports_to, trusts, allied or conflict.
    pub kind: String,
    /// 1..5.
    pub strength: u8,
    /// A note.
    #[serde(default)]
    pub note: String,
}

impl NewTieDto {
    /// The relation it describes (checked against the map when added).
    pub fn to_relation(&self, id: RelationId) -> Result<Relation> {
        Ok(Relation {
            id,
            from: StakeholderId(self.from),
            to: StakeholderId(self.to),
            kind: self.kind.parse()?,
            strength: Level::new(i64::from(self.strength), "strength")?,
            note: self.note.clone(),
        })
    }
}

/// A new conversation, as the app sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewConversationDto {
    /// Who was talked to (id).
    pub stakeholder: i64,
    /// YYYY-MM-DD.
    pub date: String,
    /// The advocate who held it (id).
    #[serde(default)]
    pub held_by: Option<i64>,
    /// Meeting, call…
    #[serde(default)]
    pub channel: String,
    /// What was said.
    #[serde(default)]
    pub summary: String,
    /// −2..2 or a label.
    #[serde(default)]
    pub stance_before: Option<String>,
    /// −2..2 or a label.
    #[serde(default)]
    pub stance_after: Option<String>,
    /// The agreed next step.
    #[serde(default)]
    pub next_step: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub next_step_due: Option<String>,
}

impl NewConversationDto {
    /// The engagement it describes; dates must be YYYY-MM-DD.
    pub fn to_engagement(&self) -> Result<Engagement> {
        let date = parse_day;
        let stance = |text: &Option<String>| -> Result<Option<Stance>> {
            match text.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(t) => Stance::parse(t).map(Some),
            }
        };
        Ok(Engagement {
            id: EngagementId(0),
            date: date(&self.date, "the date")?,
            stakeholder: StakeholderId(self.stakeholder),
            held_by: self.held_by.map(StakeholderId),
            channel: self.channel.clone(),
            summary: self.summary.clone(),
            stance_before: stance(&self.stance_before)?,
            stance_after: stance(&self.stance_after)?,
            next_step: self.next_step.clone(),
            next_step_due: match self.next_step_due.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(t) => Some(date(t, "the due date")?),
            },
        })
    }
}

/// Reads a day written as YYYY-MM-DD; `what` names it in the error.
pub fn parse_day(text: &str, what: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Invalid(format!(
            "{what} '{}' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14",
            text.trim()
        ))
    })
}

/// A person's place on the network view, as the app sends it after a drag or a layout.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct PlaceDto {
    /// The person's id.
    pub id: i64,
    /// x in model coordinates.
    pub x: f64,
    /// y in model coordinates.
    pub y: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `in_use` gives what sorting every value by lower case (stably) and
        /// dropping repeats in a row gives.
        #[test]
        fn values_in_use_are_those_a_sort_and_dedup_give(
            values in proptest::collection::vec(
                proptest::sample::select(vec!["Ops", "ops", "OPS", "Finance", "b", "B", "Ä", "ä", "é"]),
                0..40,
            ),
        ) {
            let mut sorted: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            sorted.sort_by_key(|v| v.to_lowercase());
            sorted.dedup();
            proptest::prop_assert_eq!(in_use(values.into_iter()), sorted);
        }
    }

    #[test]
    fn scales_list_every_class_and_label() {
        let s = ScalesDto::current();
        assert_eq!(s.stances.len(), 5);
        assert_eq!(s.stances[0].label, "Active resistance");
        assert_eq!(s.quadrants.len(), 4);
        assert_eq!(s.salience.len(), 8);
        assert_eq!(s.relation_kinds.len(), 5);
        assert_eq!(s.fields.len(), 15);
        assert_eq!(s.grid.len(), 25);
        assert!(
            s.grid
                .iter()
                .any(|c| c.power == 5 && c.interest == 5 && c.quadrant == "manage_closely")
        );
    }

    #[test]
    fn new_ties_and_conversations_are_checked() {
        let tie = NewTieDto {
            from: 1,
            to: 2,
            kind: "reports to".into(),
            strength: 4,
            note: String::new(),
        };
        assert_eq!(
            tie.to_relation(RelationId(0)).unwrap().kind,
            RelationKind::ReportsTo
        );
        let bad = NewTieDto { strength: 9, ..tie };
        assert!(bad.to_relation(RelationId(0)).is_err());
        let talk = NewConversationDto {
            stakeholder: 1,
            date: "14/03/2025".into(),
            held_by: None,
            channel: String::new(),
            summary: String::new(),
            stance_before: None,
            stance_after: Some("Supportive".into()),
            next_step: String::new(),
            next_step_due: None,
        };
        let e = talk.to_engagement().unwrap_err().to_string();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        let ok = NewConversationDto {
            date: "2025-03-14".into(),
            ..talk
        };
        assert_eq!(ok.to_engagement().unwrap().stance_after.unwrap().level(), 1);
    }
}

/// What recovering a map got back and left behind, for the app's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecoveryDto {
    /// The damaged file that was read.
    pub source: String,
    /// The new map the valid rows went into.
    pub path: String,
    /// People copied.
    pub people: usize,
    /// Ties copied.
    pub ties: usize,
    /// Conversations copied.
    pub conversations: usize,
    /// Saved plans in the file, which are not carried over.
    pub plans_left: usize,
    /// One line per row or table left behind, with its reason.
    pub skipped: Vec<String>,
}

impl RecoveryDto {
    /// The report of recovering `source` into `path`.
    pub fn new(
        source: &std::path::Path,
        path: &std::path::Path,
        r: &crate::store::Recovery,
    ) -> Self {
        RecoveryDto {
            source: source.display().to_string(),
            path: path.display().to_string(),
            people: r.people,
            ties: r.ties,
            conversations: r.conversations,
            plans_left: r.plans_left,
            skipped: r.skipped.clone(),
        }
    }
}

/// A recovered map, opened: its view and the report of what was left behind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecoveredDto {
    /// The new map, as the app shows it.
    pub view: WorkspaceDto,
    /// What was recovered and what was not.
    pub recovery: RecoveryDto,
}

/// An error as the app receives it: a machine-readable kind and a sentence for
/// people that names the thing and the fix.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ErrorDto {
    /// What kind of error.
    pub kind: ErrorKind,
    /// What went wrong and what to do.
    pub message: String,
    /// The map concerned, when the app can offer to act on it (a `damaged` map
    /// can be recovered).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
}

impl ErrorDto {
    /// The error for a command that needs an open map when none is open.
    pub fn no_map() -> ErrorDto {
        ErrorDto {
            kind: ErrorKind::NoMap,
            message: "no map is open; open a map or create a new one".into(),
            path: None,
        }
    }

    /// An internal failure of the app itself (a panicked worker, a dialog failure).
    pub fn internal(message: impl std::fmt::Display) -> ErrorDto {
        ErrorDto {
            kind: ErrorKind::Internal,
            message: message.to_string(),
            path: None,
        }
    }
}

impl From<Error> for ErrorDto {
    fn from(e: Error) -> ErrorDto {
        let path = match &e {
            Error::Damaged { path, .. } => Some(path.display().to_string()),
            _ => None,
        };
        ErrorDto {
            kind: e.kind(),
            message: e.to_string(),
            path,
        }
    }
}
