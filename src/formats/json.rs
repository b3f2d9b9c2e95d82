//! The JSON map format, version 1: `{"format": "coalition-map", "version": 1, …}`.
//!
//! People are referred to by name (unique in a map), so files read well and
//! survive a round trip through other tools. Stances are numbers −2..2, ratings 1..5.

use serde::{Deserialize, Serialize};

use crate::model::{Engagement, MapSnapshot, Relation, Stakeholder, StakeholderId, StanceChange};

/// The value of the `format` field.
pub const FORMAT: &str = "coalition-map";
/// The version of this DTO.
pub const VERSION: u32 = 1;

/// A whole map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapDto {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`] when written by this build.
    pub version: u32,
    /// What the map is about.
    pub map: MapInfoDto,
    /// The people, by name.
    pub stakeholders: Vec<StakeholderDto>,
    /// The ties.
    pub relations: Vec<RelationDto>,
    /// The conversations.
    pub engagements: Vec<EngagementDto>,
    /// Every recorded stance.
    pub stance_history: Vec<StanceChangeDto>,
}

/// What the map is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapInfoDto {
    /// A short name.
    pub name: String,
    /// The change being made.
    pub change: String,
    /// Longer description.
    pub description: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub updated: String,
}

/// A person and their ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StakeholderDto {
    /// Unique in the map.
    pub name: String,
    /// Role or title.
    pub role: String,
    /// Org unit.
    pub group: String,
    /// Free tags.
    pub tags: Vec<String>,
    /// −2..2.
    pub stance: i8,
    /// The stance's label, e.g. "Supportive" (for readers; ignored on import).
    pub stance_label: String,
    /// −2..2.
    pub target: i8,
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
    /// Notes.
    pub notes: String,
    /// Saved position on the network view.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub position: Option<[f64; 2]>,
}

impl From<&Stakeholder> for StakeholderDto {
    fn from(p: &Stakeholder) -> Self {
        StakeholderDto {
            name: p.name.clone(),
            role: p.role.clone(),
            group: p.group.clone(),
            tags: p.tags.clone(),
            stance: p.stance.level(),
            stance_label: p.stance.label().to_string(),
            target: p.target.level(),
            power: p.power.value(),
            interest: p.interest.value(),
            openness: p.openness.value(),
            legitimacy: p.legitimacy,
            urgency: p.urgency,
            confidence: p.confidence.as_str().to_string(),
            effort: p.effort.value(),
            advocate: p.advocate,
            notes: p.notes.clone(),
            position: p.position.map(|(x, y)| [x, y]),
        }
    }
}

/// A tie, by the names of its ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationDto {
    /// First person.
    pub from: String,
    /// influences, reports_to, trusts, allied or conflict.
    pub kind: String,
    /// Second person.
    pub to: String,
    /// 1..5.
    pub strength: u8,
    /// A note on the tie.
    pub note: String,
}

/// A conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementDto {
    /// YYYY-MM-DD.
    pub date: String,
    /// Who was talked to.
    pub stakeholder: String,
    /// The advocate who held it.
    pub held_by: Option<String>,
    /// Meeting, call…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// −2..2.
    pub stance_before: Option<i8>,
    /// −2..2.
    pub stance_after: Option<i8>,
    /// The agreed next step.
    pub next_step: String,
    /// YYYY-MM-DD.
    pub next_step_due: Option<String>,
}

/// One recorded stance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceChangeDto {
    /// Whose.
    pub stakeholder: String,
    /// RFC 3339.
    pub at: String,
    /// −2..2.
    pub stance: i8,
    /// created, edited, imported or engagement.
    pub source: String,
}

impl MapDto {
    /// The DTO of a whole map.
    pub fn from_snapshot(map: &MapSnapshot) -> MapDto {
        let names = Names::of(map);
        MapDto {
            format: FORMAT.to_string(),
            version: VERSION,
            map: MapInfoDto::from(map),
            stakeholders: map.stakeholders.iter().map(StakeholderDto::from).collect(),
            relations: map.relations.iter().map(|r| names.relation(r)).collect(),
            engagements: map
                .engagements
                .iter()
                .map(|e| names.engagement(e))
                .collect(),
            stance_history: map.stance_history.iter().map(|c| names.change(c)).collect(),
        }
    }

    /// Writes the pretty JSON of `map` with a final newline to `out`: the bytes
    /// of `MapDto::from_snapshot(map).to_json()`, made one record at a time, so
    /// no copy of the whole map is held.
    pub fn write_snapshot(map: &MapSnapshot, mut out: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut out, &SnapshotJson(map))?;
        out.write_all(b"\n")
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> crate::Result<String> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }
}

impl From<&MapSnapshot> for MapInfoDto {
    fn from(map: &MapSnapshot) -> Self {
        MapInfoDto {
            name: map.info.name.clone(),
            change: map.info.change.clone(),
            description: map.info.description.clone(),
            created: crate::store::format_time(map.info.created),
            updated: crate::store::format_time(map.info.updated),
        }
    }
}

/// Each person's name by id, to write ties, conversations and stances by name.
struct Names<'a>(std::collections::HashMap<StakeholderId, &'a str>);

impl<'a> Names<'a> {
    fn of(map: &'a MapSnapshot) -> Names<'a> {
        Names(
            map.stakeholders
                .iter()
                .map(|p| (p.id, p.name.as_str()))
                .collect(),
        )
    }

    fn name(&self, id: StakeholderId) -> String {
        self.0.get(&id).copied().unwrap_or_default().to_string()
    }

    fn relation(&self, r: &Relation) -> RelationDto {
        RelationDto {
            from: self.name(r.from),
            kind: r.kind.as_str().to_string(),
            to: self.name(r.to),
            strength: r.strength.value(),
            note: r.note.clone(),
        }
    }

    fn engagement(&self, e: &Engagement) -> EngagementDto {
        EngagementDto {
            date: e.date.format("%Y-%m-%d").to_string(),
            stakeholder: self.name(e.stakeholder),
            held_by: e.held_by.map(|id| self.name(id)),
            channel: e.channel.clone(),
            summary: e.summary.clone(),
            stance_before: e.stance_before.map(|s| s.level()),
            stance_after: e.stance_after.map(|s| s.level()),
            next_step: e.next_step.clone(),
            next_step_due: e.next_step_due.map(|d| d.format("%Y-%m-%d").to_string()),
        }
    }

    fn change(&self, c: &StanceChange) -> StanceChangeDto {
        StanceChangeDto {
            stakeholder: self.name(c.stakeholder),
            at: crate::store::format_time(c.at),
            stance: c.stance.level(),
            source: c.source.clone(),
        }
    }
}

/// A map serialised as its [`MapDto`], field for field, each record's DTO made
/// only while it is written.
struct SnapshotJson<'a>(&'a MapSnapshot);

/// A sequence serialised from the items its function yields.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl Serialize for SnapshotJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let map = self.0;
        let names = Names::of(map);
        let mut dto = serializer.serialize_struct("MapDto", 7)?;
        dto.serialize_field("format", FORMAT)?;
        dto.serialize_field("version", &VERSION)?;
        dto.serialize_field("map", &MapInfoDto::from(map))?;
        dto.serialize_field(
            "stakeholders",
            &Each(|| map.stakeholders.iter().map(StakeholderDto::from)),
        )?;
        dto.serialize_field(
            "relations",
            &Each(|| map.relations.iter().map(|r| names.relation(r))),
        )?;
        dto.serialize_field(
            "engagements",
            &Each(|| map.engagements.iter().map(|e| names.engagement(e))),
        )?;
        dto.serialize_field(
            "stance_history",
            &Each(|| map.stance_history.iter().map(|c| names.change(c))),
        )?;
        dto.end()
    }
}
