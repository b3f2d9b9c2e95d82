//! The app's view of change over time (IPC DTOs, version [`TIMELINE_VERSION`]):
//! the date range and staleness shown with every view, what moved between two
//! dates, a saved plan's progress and the brief before a conversation. People are
//! identified by id as well as name, so the views can highlight them.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{MapSnapshot, StakeholderId};
use crate::timeline::{Brief, MapDiff, PlanProgress, Staleness};

/// The version of the timeline DTOs.
pub const TIMELINE_VERSION: u32 = 1;

/// YYYY-MM-DD.
fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Where the shown map sits in time, and what is out of date in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TimelineDto {
    /// Always [`TIMELINE_VERSION`].
    pub version: u32,
    /// The past day shown (YYYY-MM-DD), or `None` for the map as it is now. A past
    /// view is read-only.
    pub as_of: Option<String>,
    /// The first day of the stance history: the earliest day the map can be shown as of.
    pub first_day: Option<String>,
    /// Today (YYYY-MM-DD): the latest day the map can be shown as of.
    pub today: String,
    /// A rating not confirmed by a conversation for more than this many days is stale.
    pub stale_days: u32,
    /// People whose rating is stale on the day shown, oldest first.
    pub stale: Vec<StaleDto>,
    /// Next steps past due on the day shown, most overdue first.
    pub overdue: Vec<OverdueDto>,
}

/// A person whose rating no conversation has confirmed lately.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StaleDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// The last conversation with them, or their last recorded stance (YYYY-MM-DD).
    pub last_confirmed: String,
    /// Days since then.
    pub days: i64,
    /// True when nobody has ever logged a conversation with them.
    pub never_met: bool,
}

/// A next step whose due date has passed with no conversation since.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OverdueDto {
    /// Whom the step is with (id).
    pub id: i64,
    /// Whom the step is with (name).
    pub name: String,
    /// What was agreed.
    pub next_step: String,
    /// When it was due (YYYY-MM-DD).
    pub due: String,
    /// Days past due.
    pub days_late: i64,
    /// The advocate who held the conversation that set it.
    pub held_by: Option<String>,
}

impl TimelineDto {
    /// The timeline of a view: `full` is the whole map (for the date range), `check`
    /// the staleness report of the map shown, `as_of` the past day shown, if any.
    pub fn new(
        full: &MapSnapshot,
        check: &Staleness,
        as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> TimelineDto {
        let people = full.people();
        let name = |id: StakeholderId| people.name(id).to_string();
        TimelineDto {
            version: TIMELINE_VERSION,
            as_of: as_of.map(day),
            first_day: full
                .stance_history
                .iter()
                .map(|c| c.at.date_naive())
                .min()
                .map(day),
            today: day(today),
            stale_days: check.stale_days,
            stale: check
                .stale
                .iter()
                .map(|s| StaleDto {
                    id: s.id.0,
                    name: name(s.id),
                    last_confirmed: day(s.last_confirmed),
                    days: s.days,
                    never_met: s.never_met,
                })
                .collect(),
            overdue: check
                .overdue
                .iter()
                .map(|o| OverdueDto {
                    id: o.id.0,
                    name: name(o.id),
                    next_step: o.next_step.clone(),
                    due: day(o.due),
                    days_late: o.days_late,
                    held_by: o.held_by.map(name),
                })
                .collect(),
        }
    }
}

/// What changed between two dates.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DiffDto {
    /// Always [`TIMELINE_VERSION`].
    pub version: u32,
    /// The first day (YYYY-MM-DD).
    pub from: String,
    /// The second day (YYYY-MM-DD).
    pub to: String,
    /// Support score at the first day.
    pub support_from: f64,
    /// Support score at the second day.
    pub support_to: f64,
    /// Everyone whose stance changed, biggest move first.
    pub moved: Vec<MovedDto>,
    /// People on the map at the second day but not the first.
    pub added: Vec<String>,
    /// People on the map at the first day but not the second.
    pub removed: Vec<String>,
}

/// Someone whose stance differs between the two dates.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MovedDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// Stance level at the first day, −2..2.
    pub from: i8,
    /// Stance level at the second day.
    pub to: i8,
    /// `to − from`: positive is toward support.
    pub change: i8,
    /// e.g. "Resistant → Neutral".
    pub label: String,
}

impl DiffDto {
    /// The DTO of a diff of `map`.
    pub fn from_diff(map: &MapSnapshot, d: &MapDiff) -> DiffDto {
        let people = map.people();
        let name = |id: StakeholderId| people.name(id).to_string();
        DiffDto {
            version: TIMELINE_VERSION,
            from: day(d.from),
            to: day(d.to),
            support_from: d.support_from,
            support_to: d.support_to,
            moved: d
                .moved
                .iter()
                .map(|m| MovedDto {
                    id: m.id.0,
                    name: name(m.id),
                    from: m.from,
                    to: m.to,
                    change: m.change,
                    label: m.label.clone(),
                })
                .collect(),
            added: d.added.iter().map(|&i| name(i)).collect(),
            removed: d.removed.iter().map(|&i| name(i)).collect(),
        }
    }
}

/// A saved plan against what has happened since it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProgressDto {
    /// Always [`TIMELINE_VERSION`].
    pub version: u32,
    /// The advocate's name.
    pub advocate: String,
    /// The day the plan was saved (YYYY-MM-DD).
    pub saved_on: String,
    /// The steps, in plan order.
    pub steps: Vec<StepProgressDto>,
    /// How many steps were held.
    pub held: usize,
    /// Support when the plan was saved.
    pub support_then: f64,
    /// Support now.
    pub support_now: f64,
    /// The support the plan predicted once every step is taken.
    pub support_planned: f64,
    /// "3 of 5 conversations held; support 0.120 → 0.310 (the plan aimed at 0.400)".
    pub summary: String,
}

/// One step of a saved plan and whether it was held.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StepProgressDto {
    /// Whom to talk to (id).
    pub id: i64,
    /// Whom to talk to (name).
    pub name: String,
    /// The support it was predicted to add.
    pub gain: f64,
    /// Why, as the plan said it.
    pub reason: String,
    /// The day of the first conversation with them since the plan was saved
    /// (YYYY-MM-DD); `None` while it is still to do.
    pub held_on: Option<String>,
}

impl ProgressDto {
    /// The DTO of a saved plan's progress in `map`.
    pub fn from_progress(map: &MapSnapshot, p: &PlanProgress) -> ProgressDto {
        let people = map.people();
        let name = |id: StakeholderId| people.name(id).to_string();
        ProgressDto {
            version: TIMELINE_VERSION,
            advocate: name(p.advocate),
            saved_on: day(p.saved_on),
            steps: p
                .steps
                .iter()
                .map(|s| StepProgressDto {
                    id: s.id.0,
                    name: name(s.id),
                    gain: s.gain,
                    reason: s.reason.clone(),
                    held_on: s.held_on.map(day),
                })
                .collect(),
            held: p.held,
            support_then: p.support_then,
            support_now: p.support_now,
            support_planned: p.support_planned,
            summary: p.summary(),
        }
    }
}

/// Everything to read before talking to someone.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BriefDto {
    /// Always [`TIMELINE_VERSION`].
    pub version: u32,
    /// Who (id).
    pub id: i64,
    /// Who (name).
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
    pub listens_to: Vec<ListenerDto>,
    /// Their step in the plan (1-based), if they are in it.
    pub plan_step: Option<usize>,
    /// Why they are in the plan.
    pub plan_reason: Option<String>,
    /// The most recent conversations, newest first.
    pub conversations: Vec<BriefConversationDto>,
}

/// Someone whose opinion reaches the person.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ListenerDto {
    /// Who (id).
    pub id: i64,
    /// Who (name).
    pub name: String,
    /// How their opinion reaches the person, e.g. "is their manager".
    pub tie: String,
    /// Tie strength, 1..5.
    pub strength: u8,
    /// Their stance label.
    pub stance: String,
    /// True for a conflict tie: their support pushes the other way.
    pub opposed: bool,
}

/// A past conversation, for the brief.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BriefConversationDto {
    /// When (YYYY-MM-DD).
    pub date: String,
    /// The advocate who held it.
    pub held_by: Option<String>,
    /// Meeting, call…
    pub channel: String,
    /// What was said.
    pub summary: String,
    /// The agreed next step.
    pub next_step: String,
}

impl BriefDto {
    /// The DTO of a brief about someone in `map`.
    pub fn from_brief(map: &MapSnapshot, b: &Brief) -> BriefDto {
        let people = map.people();
        let name = |id: StakeholderId| people.name(id).to_string();
        BriefDto {
            version: TIMELINE_VERSION,
            id: b.id.0,
            name: name(b.id),
            role: b.role.clone(),
            group: b.group.clone(),
            stance: b.stance.clone(),
            target: b.target.clone(),
            gap: b.gap,
            notes: b.notes.clone(),
            listens_to: b
                .listens_to
                .iter()
                .map(|l| ListenerDto {
                    id: l.id.0,
                    name: name(l.id),
                    tie: l.tie.clone(),
                    strength: l.strength,
                    stance: l.stance.clone(),
                    opposed: l.opposed,
                })
                .collect(),
            plan_step: b.plan_step.as_ref().map(|(n, _)| *n),
            plan_reason: b.plan_step.as_ref().map(|(_, r)| r.clone()),
            conversations: b
                .conversations
                .iter()
                .map(|c| BriefConversationDto {
                    date: day(c.date),
                    held_by: c.held_by.map(name),
                    channel: c.channel.clone(),
                    summary: c.summary.clone(),
                    next_step: c.next_step.clone(),
                })
                .collect(),
        }
    }
}
